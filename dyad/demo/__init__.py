"""The bundled demo corpus: short documents written for dyad, in mixed formats."""

from __future__ import annotations

from pathlib import Path


def corpus_dir() -> Path:
    """The folder holding the demo documents (described in ../CORPUS.md)."""
    return Path(__file__).parent / "corpus"


def corpus_files() -> list[Path]:
    """The demo documents to ingest, in a stable order."""
    from dyad.ingest.readers import SUFFIXES

    return sorted(p for p in corpus_dir().iterdir() if p.suffix.lower() in SUFFIXES)
