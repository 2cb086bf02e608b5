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
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from types import FrameType

from dyad.analysis.derive import event_pairs, rebuild_derived
from dyad.config import Options, usable_cpus
from dyad.errors import InputRejected, TimeLimitExceeded
from dyad.extract.parse import load_nlp, parse
from dyad.extract.quantities_chart import extract_chart_series, merge_chart
from dyad.extract.run import Extractors, extract_document
from dyad.ingest.readers import SUFFIXES, read_file
from dyad.ingest.repair import repair
from dyad.offsets import MappedText
from dyad.records import Extraction, Removed, Sentence, SourceText
from dyad.store.db import Store


@dataclass(frozen=True)
class IngestResult:
    path: str
    status: str  # added | unchanged | rejected
    reason: str = ""
    code: str = ""

    def line(self) -> str:
        """The one line per file of ``dyad ingest``; a newline or other control character in a file name
        is escaped, so a crafted name cannot start a line of its own (a forged ``added``)."""
        if self.status == "rejected":
            return f"rejected  {shown(self.path)}: {shown(self.reason)}"
        return f"{self.status:<9} {shown(self.path)}"


def shown(text: str) -> str:
    """``text`` with control and other invisible format characters escaped as Python writes them.

    >>> shown("a\\nadded     b.txt")
    'a\\\\nadded     b.txt'
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " else repr(ch)[1:-1] for ch in text)


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


class _Overrun(BaseException):
    """What the alarm raises: a BaseException, so no library's ``except Exception`` can swallow it.

    :func:`time_limit` turns it into :class:`TimeLimitExceeded` once it is back in our own code.
    """


#: After the limit the alarm repeats this often: a raise swallowed where Python cannot propagate it
#: (a gc callback, a ``__del__``, a library's bare ``except:``) is raised again in ordinary code.
_REPEAT_S = 0.25


@contextlib.contextmanager
def time_limit(seconds: float, path: Path) -> Iterator[None]:
    """Turn a pathological input into a clear rejection instead of a hang (main thread only).

    The alarm interrupts Python code only; the guarded workers (:mod:`dyad.ingest.guard`) hold
    the limit for code that does not return to Python. Work that ends after the alarm fired is
    rejected too, even if something swallowed every raise.
    """
    state = {"fired": False, "done": False}

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        state["fired"] = True
        if not state["done"]:
            raise _Overrun

    def overrun() -> TimeLimitExceeded:
        return TimeLimitExceeded(f"processing took over {seconds:g} s (--max-seconds)", path=str(path))

    try:
        previous = signal.signal(signal.SIGALRM, on_alarm)
    except ValueError:  # not in the main thread: no alarm available, run unbounded
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT_S)
    try:
        yield
    except _Overrun:
        state["done"] = True
        raise overrun() from None
    finally:
        state["done"] = True
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if state["fired"]:
        raise overrun()


@dataclass(frozen=True)
class Analysed:
    """Everything one document produced, ready to be written (picklable, so workers can return it)."""

    source: SourceText
    body: MappedText
    removed: list[Removed]
    sentences: list[Sentence]
    ref_dates: list[str | None]
    extraction: Extraction


@lru_cache(maxsize=1)
def _extractors(options: Options) -> Extractors:
    return Extractors.load(options)


def analyse_file(path: Path, options: Options) -> Analysed | IngestResult:
    """Read, repair, parse and extract one file; a rejection comes back as a result, never raised.

    This is the one pipeline function that every engine runs (in-process, worker processes, Ray).
    """
    try:
        with time_limit(options.max_seconds, path):  # a pathological file must not stall its reader either
            source = read_file(path, options)
            return analyse(source, _extractors(options), options)
    except InputRejected as exc:
        return IngestResult(str(path), "rejected", str(exc), exc.code)


def analyse(source: SourceText, extractors: Extractors, options: Options) -> Analysed:
    """Repair, parse and extract one read document."""
    body, repaired_away = repair(source.base, fmt=source.format)
    removed = sorted([*source.removed, *repaired_away], key=lambda r: (r.start, r.end))
    pdoc = parse(source.name, body, source.original, source.published, nlp=load_nlp(), batch_size=options.batch_size)
    extraction, ref_dates = extract_document(pdoc, extractors)
    # chart debris is out of the body, but its series are still worth reading (at lower confidence)
    chart = extract_chart_series(source.original, removed, doc=source.name)
    extraction.quantities = merge_chart(extraction.quantities, chart)
    return Analysed(source, body, removed, pdoc.sentences, ref_dates, extraction)


# A short text of our own that passes through every stage (a broken line end, dates, states, a person,
# figures, an agreement, a stance) so that each lazily loaded model, lexicon and table is loaded.
_WARM_UP = (
    "On 12 March 2019 the foreign ministers of France and Germany met in Paris. They signed an agree-\n"
    "ment on energy trade worth $2 billion, and Germany insists on the peace treaty. Three weeks later\n"
    "President Macron said the talks were a success; 40% of voters agreed.\n"
)


def warm_up(options: Options) -> None:
    """Analyse a short built-in text, so that every lazily loaded model and table is in memory.

    Run before forking worker processes: the workers then share what it loaded instead of each
    loading it again (which, for two workers, costs more than half a second of each one's time).
    """
    text = _WARM_UP
    source = SourceText("warm-up", "", "", "txt", text, MappedText.identity(text))
    analyse(source, _extractors(options), options)


def write_analysed(store: Store, done: Analysed) -> None:
    """Write one analysed document and all its rows in one transaction."""
    source, body = done.source, done.body
    doc = {
        "doc_id": source.sha256,
        "name": source.name,
        "path": source.path,
        "format": source.format,
        "title": source.title,
        "published": source.published or done.extraction.doc_date,
        "original": source.original,
        "text": body.text,
        "offset_map": body.dumps(),
    }
    store.write_document(
        doc=doc,
        removed=done.removed,
        sentences=done.sentences,
        ref_dates=done.ref_dates,
        extraction=done.extraction,
        to_original=body.to_original,
        event_pairs=event_pairs(done.extraction.events),
    )


def split_new(store: Store, paths: Iterable[Path]) -> tuple[list[IngestResult], list[Path]]:
    """Files whose content is stored already (as ``unchanged`` results), and the files left to analyse."""
    unchanged: list[IngestResult] = []
    todo: list[Path] = []
    for path in discover(paths):
        sha = file_sha256(path)
        if sha and store.has_document(sha):
            unchanged.append(IngestResult(str(path), "unchanged"))
        else:
            todo.append(path)
    return unchanged, todo


def store_stream(
    store: Store,
    todo: list[Path],
    stream: Iterable[Analysed | IngestResult],
    *,
    on_start: Callable[[Path], None] | None = None,
    on_added: Callable[[str], None] | None = None,
) -> Iterator[IngestResult]:
    """Write each analysed document of ``stream`` (any engine's, in ``todo`` order), yielding its result."""
    for path, done in zip(todo, stream, strict=True):
        if on_start:
            on_start(path)
        if isinstance(done, IngestResult):
            yield done
            continue
        if store.has_document(done.source.sha256):  # the same content twice in one batch
            yield IngestResult(str(path), "unchanged")
            continue
        write_analysed(store, done)
        if on_added:
            on_added(done.source.sha256)
        yield IngestResult(str(path), "added")


def finish_batch(store: Store, options: Options) -> None:
    """Rebuild what the batch (and any batch killed before its rebuild) touched; publish a snapshot for readers."""
    from dyad.store.snapshot import publish_snapshot

    pending = store.pending_derived()
    if pending:
        rebuild_derived(store, _extractors(options).kb, names=pending)
        store.clear_pending(pending)
        publish_snapshot(store.con, store.path)


# Worker processes take the largest files of each window of this many (times the worker count) first, so a
# big file is not left to run alone at the end; results still come out in the order of the paths.
SCHEDULE_WINDOW = 8


def schedule(paths: list[Path], processes: int) -> list[int]:
    """Indices of ``paths`` in the order workers should take them: largest first within bounded windows.

    Longest-first keeps the workers equally busy (a large file started last would leave the others
    idle); the window bounds how many finished results wait for an earlier, smaller one to be written.
    """

    def size(i: int) -> int:
        with contextlib.suppress(OSError):
            return paths[i].stat().st_size
        return 0

    width = max(1, SCHEDULE_WINDOW * processes)
    order: list[int] = []
    for lo in range(0, len(paths), width):
        order += sorted(range(lo, min(lo + width, len(paths))), key=lambda i: (-size(i), i))
    return order


def with_processes(options: Options) -> Options:
    """``options`` with ``processes`` settled: as given, or every CPU this process may use when unset
    (the workers never outnumber the files, so a single file still gets one)."""
    return options if options.processes else replace(options, processes=usable_cpus())


def _analysed_stream(paths: list[Path], options: Options) -> Iterator[Analysed | IngestResult]:
    """Analyse files in ``options.processes`` guarded worker processes, yielded in path order.

    Even one process is a worker: the parent kills it when a document overruns ``max_seconds``
    (:mod:`dyad.ingest.guard`), which an alarm in this process could not do for C code.
    """
    if not paths:
        return
    import multiprocessing as mp

    from dyad.ingest.guard import guarded_stream

    if "fork" in mp.get_all_start_methods():  # load the models once here: forked workers share them
        warm_up(options)
    yield from guarded_stream(
        paths,
        options,
        analyse_file,
        order=schedule(paths, options.processes or 1),
        on_reject=lambda path, exc: IngestResult(str(path), "rejected", str(exc), exc.code),
    )


def ingest_paths(
    paths: Iterable[Path],
    options: Options,
    *,
    store: Store | None = None,
    on_start: Callable[[Path], None] | None = None,
) -> Iterator[IngestResult]:
    """Ingest every file under ``paths`` into the database, yielding one result per file.

    Files whose content is already stored are reported ``unchanged`` without being read again.
    """
    own = store is None
    options = with_processes(options)
    store = store or Store.open(options.db)
    try:
        unchanged, todo = split_new(store, paths)
        yield from unchanged
        added = 0

        def publish_now_and_then(_sha: str) -> None:  # readers see a long batch progress
            nonlocal added
            added += 1
            if options.snapshot_every and added % options.snapshot_every == 0:
                finish_batch(store, options)

        yield from store_stream(
            store, todo, _analysed_stream(todo, options), on_start=on_start, on_added=publish_now_and_then
        )
        finish_batch(store, options)
    finally:
        if own:
            store.close()
