"""Which files an ingest reads, and their content identity (the sha256 of a file's bytes)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from dyad.ingest.readers import SUFFIXES


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Files to ingest: given files as they are; folders walked in sorted order for known types.

    Hidden entries are skipped; broken symlinks are yielded so they are reported.
    """
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if any(part.startswith(".") for part in rel.parts):
                    continue
                broken = child.is_symlink() and not child.exists()
                if broken or (child.is_file() and child.suffix.lower() in SUFFIXES):
                    yield child
        else:
            yield path


def file_sha256(path: Path) -> str | None:
    """The content hash, or None when the file cannot be read (the reader then says why)."""
    try:
        with path.open("rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None
