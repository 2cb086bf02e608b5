"""Every bundled demo document reads without rejection, with a date and real body text."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.config import Options
from dyad.ingest.readers import SUFFIXES, read_file

CORPUS = Path(__file__).resolve().parents[2] / "dyad" / "demo" / "corpus"
FILES = sorted(p for p in CORPUS.iterdir() if p.suffix in SUFFIXES)


def test_readers_demo_corpus_mixes_formats() -> None:
    formats = [SUFFIXES[p.suffix] for p in FILES]
    assert 14 <= len(FILES) <= 18
    assert formats.count("txt") >= 7 and formats.count("md") >= 3
    assert formats.count("html") >= 3 and 1 <= formats.count("pdf") <= 2


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_readers_demo_corpus_file_reads(path: Path) -> None:
    doc = read_file(path, Options())
    words = len(doc.base.text.split())
    assert 150 <= words <= 450, words
    assert doc.published is not None and doc.published[:2] in {"19", "20"}
    for r in doc.removed:
        assert 0 <= r.start < r.end <= len(doc.original)
    if doc.format == "html":
        assert any(r.why == "comment" for r in doc.removed)
        assert "cookie" not in doc.base.text.lower()
