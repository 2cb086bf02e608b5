"""The events stage: acts between states coded in PLOVER (:mod:`.core`), from triggers (:mod:`.triggers`,
``data/events.yaml`` read by :mod:`.lexicon`), their arguments (:mod:`.args`), places, dates,
modality, and one event per act (:mod:`.acts`)."""

from dyad.extract.events.core import extract_events

__all__ = ["extract_events"]
