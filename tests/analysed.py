"""One short text of our own through the whole analysis of one file, as ingest runs it: the events it yields."""

from __future__ import annotations

from pathlib import Path

from dyad.config import Options
from dyad.pipeline import analyse_file


def story_events(tmp_path: Path, text: str, *, factual: bool = True) -> list:
    """The events of ``text`` written as one file; with ``factual``, those neither negated nor hypothetical."""
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    done = analyse_file(path, Options(db=tmp_path / "x.duckdb"))
    return [e for e in done.extraction.events if not factual or not (e.negated or e.hypothetical)]


def told_in(events: list, phrase: str) -> list:
    """The events whose evidence passage holds ``phrase``."""
    return [e for e in events if phrase in e.evidence.text]
