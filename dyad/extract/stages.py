"""The extraction stages: registered by name, run in a declared order over one parsed document.

Each stage is a function of one :class:`Context` that reads what earlier stages left there and adds
its own records to ``ctx.extraction``. A stage says which stages it needs with ``after``; the order
is the order of registration, moved only as far as those needs require. Registering a name again
replaces that stage. The built-in stages, in order::

    time → actors → events, quantities, agreements, positions → charts

``time`` leaves ``ctx.times`` (each sentence's reference date, the document's date), ``actors``
leaves ``ctx.extraction.mentions``; ``charts`` reads the series of charts the repair took out of
the body (``ctx.removed``) into ``quantities``.

A stage of your own is one decorated function in any importable module, named with ``--plugin``
(or ``DYAD_PLUGINS``) so that ``dyad ingest`` imports it in every process that analyses documents::

    from dyad.extract.stages import Context, stage

    @stage("tariffs", after=("actors",))
    def tariffs(ctx: Context) -> None:
        for sent in ctx.pdoc.sentences:
            ...
            ctx.extraction.quantities.append(QuantityRecord(..., evidence=ctx.pdoc.evidence(start, end)))

Whatever it adds is stored, merged and exported like the built-in stages' records.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from dyad.errors import DyadError
from dyad.extract.actors.link import link_actors
from dyad.extract.agreements import extract_agreements
from dyad.extract.events.core import extract_events
from dyad.extract.parse import ParsedDoc
from dyad.extract.positions import extract_positions
from dyad.extract.quantities.chart import extract_chart_series, merge_chart
from dyad.extract.quantities.prose import extract_quantities
from dyad.extract.time.layer import TimeLayer, resolve_times
from dyad.knowledge import Knowledge
from dyad.knowledge.actors import Actors
from dyad.records import Extraction, Removed


class PluginError(DyadError):
    """A module named with ``--plugin`` cannot be imported, or registers a stage badly."""

    code = "E202"


@dataclass
class Context:
    """One document on its way through the stages."""

    pdoc: ParsedDoc
    knowledge: Knowledge  #: every lexicon and the actors, read once per run (:mod:`dyad.knowledge`)
    #: the spans the reader and the repair took out of the body (chart debris among them); None when
    #: the caller has only the parsed body (then ``charts`` has nothing to read)
    removed: list[Removed] | None = None
    extraction: Extraction = field(default_factory=Extraction)
    times: TimeLayer | None = None  #: set by ``time``

    @property
    def kb(self) -> Actors:
        """The actor knowledge (``knowledge.actors``)."""
        return self.knowledge.actors

    @property
    def ref_dates(self) -> list[str | None]:
        """Each sentence's reference date (after ``time``)."""
        return list(self.times.ref_dates) if self.times else [None] * len(self.pdoc.sentences)

    def need_times(self) -> TimeLayer:
        if self.times is None:
            raise PluginError("a stage needs the time stage's dates: declare after=('time',)")
        return self.times


Stage = Callable[[Context], None]


@dataclass(frozen=True)
class Registered:
    name: str
    run: Stage
    after: tuple[str, ...]


_STAGES: dict[str, Registered] = {}


def stage(name: str, *, after: Iterable[str] = ()) -> Callable[[Stage], Stage]:
    """Register the decorated function as the stage ``name``, to run after the stages ``after``."""

    def register(fn: Stage) -> Stage:
        _STAGES[name] = Registered(name, fn, tuple(after))
        return fn

    return register


def registered() -> list[str]:
    """The stage names in the order they run: registration order, each moved after what it needs."""
    done: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in done:
            return
        if name not in _STAGES:
            raise PluginError(f"a stage runs after {name!r}, which no one registered")
        if name in visiting:
            raise PluginError(f"stages wait for each other in a circle through {name!r}")
        visiting.add(name)
        for need in _STAGES[name].after:
            visit(need)
        visiting.discard(name)
        done.append(name)

    for name in _STAGES:
        visit(name)
    return done


def run_stages(ctx: Context) -> Context:
    """Run every registered stage over ``ctx`` in order; return it."""
    for name in registered():
        _STAGES[name].run(ctx)
    return ctx


def load_plugins(modules: Iterable[str]) -> None:
    """Import the modules named (each registers its stages as it is imported)."""
    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            raise PluginError(f"cannot import plugin {module!r}: {exc}") from exc


# The built-in stages.


@stage("time")
def _time(ctx: Context) -> None:
    ctx.times = resolve_times(ctx.pdoc, ctx.knowledge.time)
    ctx.extraction.times = list(ctx.times.times)
    ctx.extraction.doc_date = ctx.times.doc_date


@stage("actors", after=("time",))
def _actors(ctx: Context) -> None:
    ctx.extraction.mentions = link_actors(ctx.pdoc, ctx.kb, ctx.need_times().ref_dates)


@stage("events", after=("time", "actors"))
def _events(ctx: Context) -> None:
    k = ctx.knowledge
    ctx.extraction.events = extract_events(ctx.pdoc, ctx.extraction.mentions, ctx.need_times(), k.actors, k.events)


@stage("quantities", after=("time", "actors"))
def _quantities(ctx: Context) -> None:
    ctx.extraction.quantities = extract_quantities(
        ctx.pdoc, ctx.extraction.mentions, ctx.need_times(), ctx.knowledge.units
    )


@stage("agreements", after=("time", "actors"))
def _agreements(ctx: Context) -> None:
    k = ctx.knowledge
    ctx.extraction.agreements = extract_agreements(
        ctx.pdoc, ctx.extraction.mentions, ctx.need_times(), k.agreements, k.units
    )


@stage("positions", after=("time", "actors"))
def _positions(ctx: Context) -> None:
    k = ctx.knowledge
    ctx.extraction.positions = extract_positions(
        ctx.pdoc, ctx.extraction.mentions, ctx.need_times(), k.issues, k.actors
    )


@stage("charts", after=("quantities",))
def _charts(ctx: Context) -> None:
    """Chart debris is out of the body, but its series are still worth reading (at lower confidence)."""
    if ctx.removed is None:
        return
    chart = extract_chart_series(ctx.pdoc.original, ctx.removed, ctx.knowledge.units, doc=ctx.pdoc.name)
    ctx.extraction.quantities = merge_chart(ctx.extraction.quantities, chart)


def extract_document(
    pdoc: ParsedDoc, knowledge: Knowledge, removed: list[Removed] | None = None
) -> tuple[Extraction, list[str | None]]:
    """All records for one document, plus each sentence's reference date."""
    ctx = run_stages(Context(pdoc, knowledge, removed))
    return ctx.extraction, ctx.ref_dates
