"""The time stage: dates and times in the text, resolved against the story's own date (:mod:`.layer`),
read by :mod:`.scan` with the words of ``data/time.yaml`` (:mod:`.lexicon`), built into values by
:mod:`.builders` and :mod:`.calendar`, anchored by :mod:`.anchor`."""

from dyad.extract.time.layer import TimeLayer, resolve_times

__all__ = ["TimeLayer", "resolve_times"]
