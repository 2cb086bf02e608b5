"""Moved to :mod:`dyad.offsets` (beside :mod:`dyad.records`); this name stays for one session."""

from dyad.offsets import Edit, MappedText

__all__ = ["Edit", "MappedText"]
