"""Moved: the stages and their order are :mod:`dyad.extract.stages`; these names stay for one session."""

from dyad.extract.stages import Extractors, extract_document

__all__ = ["Extractors", "extract_document"]
