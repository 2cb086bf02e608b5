"""The packaged pipeline, one for the whole test session: the knowledge bundle (each part read the first time a
test asks), the spaCy model (loaded the first time a test parses) and the stages."""

from __future__ import annotations

from dyad.config import Options
from dyad.extract.parse import ParsedDoc
from dyad.offsets import MappedText
from dyad.pipeline import Pipeline

PIPELINE = Pipeline(Options())
KNOWLEDGE = PIPELINE.knowledge


def parse(name: str, body: MappedText, original: str, published: str | None) -> ParsedDoc:
    """One body text parsed with the session's model (:func:`dyad.extract.parse.parse`)."""
    return PIPELINE.parse(name, body, original, published)
