"""The pipeline: files and folders in, one stored document (or one clear rejection) per file out.

read → repair (:mod:`dyad.ingest`) → parse → extract (:mod:`dyad.extract`) → store
(:mod:`dyad.store`), one transaction per document; then the derived tables (merged events,
agreements, entities; :mod:`dyad.analysis`) are rebuilt once for the batch. :func:`analyse` is the
per-document part, :func:`ingest` the run. Where documents are analysed is the engine's business
(:mod:`dyad.engines`: worker processes on this machine, or Ray); what is written, and how, is this
module's alone. Content identity is the sha256 of the file's bytes, so a file seen before is
reported ``unchanged`` and costs nothing beyond hashing it.

>>> for result in ingest([Path("corpus")], Options()):   # doctest: +SKIP
...     print(result.line())
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from spacy.language import Language

from dyad.analysis.derive import event_pairs, rebuild_derived
from dyad.config import Options
from dyad.engines import Work, engine_named
from dyad.engines.guard import time_limit
from dyad.errors import InputRejected
from dyad.extract.parse import ParsedDoc, load_nlp, parse
from dyad.extract.stages import Stages, load_plugins
from dyad.ingest.files import discover, file_sha256
from dyad.ingest.readers import read_file
from dyad.ingest.repair import repair
from dyad.knowledge import Knowledge
from dyad.offsets import MappedText
from dyad.records import Extraction, Removed, Sentence, SourceText
from dyad.store.db import Store

__all__ = [
    "Analysed",
    "IngestResult",
    "Pipeline",
    "analyse",
    "analyse_file",
    "discover",
    "file_sha256",
    "ingest",
    "knowledge",
    "pipeline",
    "shown",
    "warm_up",
]


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

    def error_line(self) -> str:
        """A rejection as the one line on stderr: its code, the file and the reason."""
        return f"{self.code} {shown(self.path)}: {shown(self.reason)}"

    @classmethod
    def rejected(cls, path: Path, exc: InputRejected) -> IngestResult:
        return cls(str(path), "rejected", str(exc), exc.code)


def shown(text: str) -> str:
    """``text`` with control and other invisible format characters escaped as Python writes them.

    >>> shown("a\\nadded     b.txt")
    'a\\\\nadded     b.txt'
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " else repr(ch)[1:-1] for ch in text)


@dataclass(frozen=True)
class Analysed:
    """Everything one document produced, ready to be written (picklable, so workers can return it)."""

    source: SourceText
    body: MappedText
    removed: list[Removed]
    sentences: list[Sentence]
    ref_dates: list[str | None]
    extraction: Extraction


class Pipeline:
    """One run's analysis, built from the run's :class:`Options`: the :class:`Knowledge` bundle, the spaCy
    model and the extraction stages (:class:`~dyad.extract.stages.Stages`), each made the first time it is
    needed and kept here (no module-level cache holds any of them).

    >>> pipe = Pipeline(Options())
    >>> pipe.analyse(source).extraction.events  # doctest: +SKIP
    """

    def __init__(self, options: Options) -> None:
        self.options = options
        self.knowledge = Knowledge.from_options(options)

    @cached_property
    def nlp(self) -> Language:
        """The English model the documents are parsed with."""
        return load_nlp()

    @cached_property
    def stages(self) -> Stages:
        """The stages of ``stages.cfg`` as ``--stage`` changes them, the ``--plugin`` modules imported first."""
        load_plugins(self.options.plugins)
        return Stages.from_config(self.nlp.vocab, self.options.stages)

    def parse(self, name: str, body: MappedText, original: str, published: str | None) -> ParsedDoc:
        """One body text parsed, paragraph by paragraph (:func:`dyad.extract.parse.parse`)."""
        return parse(name, body, original, published, nlp=self.nlp, batch_size=self.options.batch_size)

    def analyse(self, source: SourceText) -> Analysed:
        """Repair, parse and run the stages over one read document."""
        k = self.knowledge
        body, repaired_away = repair(source.base, fmt=source.format, kb=k.repair)
        removed = sorted([*source.removed, *repaired_away], key=lambda r: (r.start, r.end))
        pdoc = self.parse(source.name, body, source.original, source.published)
        ctx = self.stages.run(pdoc, k, removed)
        return Analysed(source, body, removed, pdoc.sentences, ctx.ref_dates, ctx.extraction)


#: This process's pipeline and the settings it was built from: the one object every document of the run
#: is analysed and every derived table rebuilt with (each worker process builds its own, once, in
#: :func:`warm_up`; engines call the module-level functions below, which pickle by name).
_RUN: list[tuple[tuple[object, ...], Pipeline]] = []


def pipeline(options: Options) -> Pipeline:
    """This process's :class:`Pipeline` for ``options``: built the first time, then the same."""
    key = (options.knowledge, options.actor_files, options.plugins, options.stages, options.batch_size)
    if not _RUN or _RUN[0][0] != key:
        _RUN[:] = [(key, Pipeline(options))]
    return _RUN[0][1]


def knowledge(options: Options) -> Knowledge:
    """The run's :class:`Knowledge` for ``options`` (its pipeline's)."""
    return pipeline(options).knowledge


def analyse(source: SourceText, options: Options) -> Analysed:
    """Repair, parse and run the extraction stages (:mod:`dyad.extract.stages`) over one read document."""
    return pipeline(options).analyse(source)


def analyse_file(path: Path, options: Options) -> Analysed | IngestResult:
    """Read, repair, parse and extract one file; a rejection comes back as a result, never raised.

    This is the one pipeline function that every engine runs (in-process, worker processes, Ray).
    """
    try:
        with time_limit(options.max_seconds, path):  # a pathological file must not stall its reader either
            return analyse(read_file(path, options), options)
    except InputRejected as exc:
        return IngestResult.rejected(path, exc)


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
    pipe = pipeline(options)
    pipe.knowledge.read_all()  # a malformed knowledge file fails here, before the first document
    pipe.stages  # and a plugin or stage that cannot be made  # noqa: B018 - made and kept
    text = _WARM_UP
    pipe.analyse(SourceText("warm-up", "", "", "txt", text, MappedText.identity(text)))


#: Whether this process froze what its warm-up loaded (:func:`_freeze`), to be thawed when its ingest ends.
_FROZEN: list[bool] = []


def _freezing(stream: Iterable[Analysed | IngestResult]) -> Iterator[Analysed | IngestResult]:
    """The engine's results, what this process holds by the first of them frozen (:func:`_freeze`)."""
    for k, done in enumerate(stream):
        if k == 0:
            _freeze()
        yield done


def _freeze() -> None:
    """Move everything alive now (in the local engine's writing process, the models and knowledge its warm-up
    loaded: some 140,000 objects, which live as long as the run) out of the cyclic collector's sight: each full
    collection of the process writing the documents and rebuilding the derived tables otherwise walks all of
    them again (about 0.3 s of CPU over an ingest of 20 documents). Nothing is frozen when something else froze
    objects already; :func:`_thaw` gives them back when the ingest ends (objects still frozen at exit are not
    collected, and DuckDB's bindings then report them as leaked)."""
    if not _FROZEN and gc.get_freeze_count() == 0:
        gc.freeze()
        _FROZEN.append(True)


def _thaw() -> None:
    if _FROZEN:
        _FROZEN.clear()
        gc.unfreeze()


#: What every engine runs: module-level functions, so they pickle by name for worker processes and Ray.
WORK = Work(analyse=analyse_file, prepare=warm_up, reject=IngestResult.rejected)


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
    """Rebuild what the batch (and any batch killed before its rebuild) touched, store the search terms of its
    passages (and of any a killed batch left without); publish a snapshot for readers."""
    from dyad.store import keywords
    from dyad.store.snapshot import publish_snapshot

    pending = store.pending_derived()
    if pending:
        rebuild_derived(store, knowledge(options), names=pending)
        store.clear_pending(pending)
    if keywords.fill(store) or pending:
        publish_snapshot(store.con, store.path)


def ingest(
    paths: Iterable[Path],
    options: Options,
    *,
    store: Store | None = None,
    on_start: Callable[[Path], None] | None = None,
) -> Iterator[IngestResult]:
    """Ingest every file under ``paths`` into the database, yielding one result per file.

    A path that does not exist is rejected first; files whose content is already stored are reported
    ``unchanged`` without being read again; the rest are analysed by the engine ``options.engine`` and
    written here in the order of the paths. With ``options.parquet`` each added document is also
    written there as year-partitioned Parquet (:mod:`dyad.store.parquet`).
    """
    paths = list(paths)
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    for path in missing:
        yield IngestResult.rejected(path, InputRejected("no such file or folder", path=str(path)))
    engine = engine_named(options.engine)
    own = store is None
    store = store or Store.open(options.db)
    writer = None
    try:
        unchanged, todo = split_new(store, [p for p in paths if p not in missing])
        yield from unchanged
        if options.parquet:
            from dyad.store.parquet import PartitionWriter

            writer = PartitionWriter(store, options.parquet)
        added = 0

        def on_added(sha: str) -> None:
            nonlocal added
            if writer:
                writer.add(sha)
            added += 1
            if options.snapshot_every and added % options.snapshot_every == 0:  # readers see a long batch progress
                finish_batch(store, options)

        stream = _freezing(engine(todo, options, WORK))
        yield from store_stream(store, todo, stream, on_start=on_start, on_added=on_added)
        if writer:
            writer.flush()
        finish_batch(store, options)
    finally:
        _thaw()
        if own:
            store.close()
