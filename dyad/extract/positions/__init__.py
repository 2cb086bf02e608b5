"""The positions stage: stances of actors on the issues of ``data/issues.yaml`` (:mod:`.stances`) and on
issues the text opens itself (:mod:`.text`)."""

from dyad.extract.positions.stances import extract_positions

__all__ = ["extract_positions"]
