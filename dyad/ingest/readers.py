"""Readers: turn a file on disk into a :class:`~dyad.records.SourceText`, or reject it.

(Minimal plain-text reader; the full readers for md, html and pdf replace this.)
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from dyad.config import Options
from dyad.errors import InputRejected
from dyad.ingest.offsets import MappedText
from dyad.records import SourceText

SUFFIXES = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}


def read_file(path: Path, options: Options) -> SourceText:
    """Read one file; raise :class:`InputRejected` with the reason when it is not a document."""
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputRejected(f"unknown file type {path.suffix!r}", path=str(path))
    data = path.read_bytes()
    if not data.strip():
        raise InputRejected("empty file", path=str(path))
    text = data.decode("utf-8")
    return SourceText(
        name=path.name,
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        format=fmt,
        original=text,
        base=MappedText.identity(text),
    )
