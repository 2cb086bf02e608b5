"""Ingest: files and folders in, one stored document (or one clear rejection) per file out.

read → repair → parse → extract → store, one transaction per document; then
the derived tables (merged events, agreements, entities) are rebuilt once for
the batch. Content identity is the sha256 of the file's bytes, so a file seen
before is reported ``unchanged`` and costs nothing beyond hashing it.

>>> for result in ingest_paths([Path("corpus")], Options()):   # doctest: +SKIP
...     print(result.line())
"""

from __future__ import annotations

import contextlib
import hashlib
import signal
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from dyad.config import Options
from dyad.errors import InputRejected
from dyad.extract.parse import load_nlp, parse
from dyad.extract.run import Extractors, extract_document
from dyad.ingest.readers import SUFFIXES, read_file
from dyad.ingest.repair import repair
from dyad.records import Removed, SourceText
from dyad.store.db import Store


@dataclass(frozen=True)
class IngestResult:
    path: str
    status: str  # added | unchanged | rejected
    reason: str = ""
    code: str = ""

    def line(self) -> str:
        if self.status == "rejected":
            return f"rejected  {self.path}: {self.reason}"
        return f"{self.status:<9} {self.path}"


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


@contextlib.contextmanager
def time_limit(seconds: float, path: Path) -> Iterator[None]:
    """Turn a pathological input into a clear rejection instead of a hang (main thread only)."""

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise InputRejected(f"processing took over {seconds:g} s (--max-seconds)", path=str(path))

    try:
        previous = signal.signal(signal.SIGALRM, on_alarm)
    except ValueError:  # not in the main thread: no alarm available, run unbounded
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def ingest_paths(
    paths: Iterable[Path],
    options: Options,
    *,
    store: Store | None = None,
    on_start: Callable[[Path], None] | None = None,
) -> Iterator[IngestResult]:
    """Ingest every file under ``paths`` into the database, yielding one result per file."""
    own = store is None
    store = store or Store.open(options.db)
    extractors: Extractors | None = None
    added = 0
    try:
        for path in discover(paths):
            if on_start:
                on_start(path)
            sha = file_sha256(path)
            if sha and store.has_document(sha):
                yield IngestResult(str(path), "unchanged")
                continue
            try:
                source = read_file(path, options)
                extractors = extractors or Extractors.load(options)
                with time_limit(options.max_seconds, path):
                    store_document(store, source, extractors, options)
            except InputRejected as exc:
                yield IngestResult(str(path), "rejected", str(exc), exc.code)
                continue
            added += 1
            yield IngestResult(str(path), "added")
        if added:
            from dyad.analysis.derive import rebuild_derived

            rebuild_derived(store, extractors.kb if extractors else None)
    finally:
        if own:
            store.close()


def store_document(store: Store, source: SourceText, extractors: Extractors, options: Options) -> None:
    """Repair, parse and extract one read document, then write it in one transaction."""
    body, repaired_away = repair(source.base, fmt=source.format)
    removed: list[Removed] = sorted([*source.removed, *repaired_away], key=lambda r: (r.start, r.end))
    pdoc = parse(source.name, body, source.original, source.published, nlp=load_nlp(),
                 batch_size=options.batch_size)
    extraction, ref_dates = extract_document(pdoc, extractors)
    doc = {
        "doc_id": source.sha256,
        "name": source.name,
        "path": source.path,
        "format": source.format,
        "title": source.title,
        "published": source.published or extraction.doc_date,
        "original": source.original,
        "text": body.text,
        "offset_map": body.dumps(),
    }
    store.write_document(
        doc=doc,
        removed=removed,
        sentences=pdoc.sentences,
        ref_dates=ref_dates,
        extraction=extraction,
        to_original=body.to_original,
    )

