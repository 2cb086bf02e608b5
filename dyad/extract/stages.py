"""The extraction stages: spaCy components, made by registered factories, run in the order of a config.

A stage is a spaCy pipeline component (``@Language.factory``) over one document's ``Doc``: the whole
body parsed (``doc.text`` is the body text, token offsets are body offsets), with the document's
:class:`Context` as ``doc._.dyad``. It reads what earlier stages left in the context and adds its own
records to ``ctx.extraction``. (dyad's own stages read the paragraphs' parses in ``ctx.pdoc``, so
the paragraphs are joined into the document's ``Doc`` only when a stage of someone else's runs.) The
order is the ``pipeline`` of ``stages.cfg`` beside this module (spaCy's config format)::

    time → actors → events → quantities → agreements → positions → charts

Each factory declares what it ``requires`` and ``assigns`` as the ``doc._.dyad_*`` attributes below
(``doc._.dyad_times`` after ``time``, ``doc._.dyad_mentions`` after ``actors``, ...): a stage placed
before what it requires is an error (E202) before the first document, as spaCy's ``analyze_pipes``
finds it. ``time`` leaves ``ctx.times`` (each sentence's reference date, the document's date),
``actors`` leaves ``ctx.extraction.mentions``; ``charts`` reads the series of charts the repair took
out of the body (``ctx.removed``) into ``quantities``.

A stage of your own is one factory in any importable module::

    from spacy.language import Language
    from dyad.extract.stages import context

    @Language.factory("tariffs", requires=["doc._.dyad_mentions"], assigns=["doc._.dyad_quantities"])
    def make_tariffs(nlp, name):
        def tariffs(doc):
            ctx = context(doc)
            for ent in doc.ents:       # body offsets; ctx.pdoc.evidence() cites them in the original
                ...
                ctx.extraction.quantities.append(QuantityRecord(..., evidence=ctx.pdoc.evidence(start, end)))
            return doc
        return tariffs

``dyad ingest --plugin MODULE --stage tariffs`` imports the module in every process that analyses
documents and adds the component after the others; ``--stage positions=my_positions`` puts the
component of the factory ``my_positions`` in the place of ``positions``. A package that declares its
factory under spaCy's ``spacy_factories`` entry point needs no ``--plugin``. Whatever a stage adds is
stored, merged and exported like the built-in stages' records.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import load_model_from_config
from spacy.vocab import Vocab
from thinc.api import Config

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

CONFIG = Path(__file__).with_name("stages.cfg")

__all__ = ["CONFIG", "Context", "PluginError", "Stages", "context", "load_plugins"]


class PluginError(DyadError):
    """A module named with ``--plugin`` cannot be imported, or a stage is named or placed badly."""

    code = "E202"


@dataclass
class Context:
    """One document on its way through the stages (``doc._.dyad``)."""

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
            raise PluginError("a stage needs the time stage's dates: declare requires=['doc._.dyad_times']")
        return self.times


Component = Callable[[Doc], Doc]

#: What the built-in stages leave in the context, as the ``Doc`` attributes their factories declare
#: they ``assign`` and ``require`` (read-only views of ``doc._.dyad``).
OUTPUTS: dict[str, Callable[[Context], object]] = {
    "dyad_times": lambda ctx: ctx.times,
    "dyad_mentions": lambda ctx: ctx.extraction.mentions,
    "dyad_events": lambda ctx: ctx.extraction.events,
    "dyad_quantities": lambda ctx: ctx.extraction.quantities,
    "dyad_agreements": lambda ctx: ctx.extraction.agreements,
    "dyad_positions": lambda ctx: ctx.extraction.positions,
}


def _extensions() -> None:
    """``doc._.dyad`` (the :class:`Context`) and the views of :data:`OUTPUTS`, set once per process."""
    if Doc.has_extension("dyad"):
        return
    Doc.set_extension("dyad", default=None)
    for name, view in OUTPUTS.items():
        Doc.set_extension(name, getter=_getter(view))


def _getter(view: Callable[[Context], object]) -> Callable[[Doc], object]:
    return lambda doc: view(context(doc))


def context(doc: Doc) -> Context:
    """The document's :class:`Context`, for a stage to read and fill."""
    ctx = doc._.dyad
    if not isinstance(ctx, Context):
        raise PluginError("a dyad stage runs over a document's Doc from dyad's stage pipeline (Stages.run)")
    return ctx


def _component(fill: Callable[[Context], None]) -> Component:
    """A spaCy component that runs ``fill`` over the document's context."""

    def component(doc: Doc) -> Doc:
        fill(context(doc))
        return doc

    component.__name__ = fill.__name__
    return component


class Stages:
    """The stage pipeline of a run: a spaCy ``Language`` of the stage components, over the parse's vocabulary.

    >>> stages = Stages.from_config(nlp.vocab)  # doctest: +SKIP
    >>> stages.names  # doctest: +SKIP
    ['time', 'actors', 'events', 'quantities', 'agreements', 'positions', 'charts']
    """

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        #: whether a stage of someone else's runs: only then are the paragraphs' parses joined into one Doc
        #: (a hundredth of the analysis); dyad's own stages read them in ``ctx.pdoc`` and get an empty Doc
        self.joined = any(nlp.get_pipe_meta(name).factory not in OWN for name in nlp.pipe_names)

    @classmethod
    def from_config(cls, vocab: Vocab, changes: Iterable[str] = (), *, config: Path = CONFIG) -> Stages:
        """The stages of ``config``, changed by ``changes`` (``NAME=FACTORY`` puts the component the factory
        makes in the place of ``NAME``, or last when there is none; ``FACTORY`` adds it last, under its own
        name), checked: every factory registered, every stage after what it requires."""
        _extensions()
        cfg = Config().from_disk(config)
        pipeline: list[str] = list(cfg["nlp"]["pipeline"])
        for change in changes:
            name, _, factory = change.partition("=")
            name, factory = name.strip(), (factory or name).strip()
            if not name or not factory:
                raise PluginError(f"--stage {change!r}: expected FACTORY or NAME=FACTORY")
            if name not in pipeline:
                pipeline.append(name)
            cfg["components"][name] = {"factory": factory}
        cfg["nlp"]["pipeline"] = pipeline
        try:
            nlp = load_model_from_config(cfg, vocab=vocab, auto_fill=True, validate=True)
        except (ValueError, KeyError) as exc:  # spaCy's E002: no factory of that name
            raise PluginError(f"cannot build the stages: {str(exc).splitlines()[0]}") from exc
        analysis = nlp.analyze_pipes() or {}  # typed Optional: it returns None only when asked to print
        problems: dict[str, list[str]] = analysis.get("problems", {})
        for name, missing in problems.items():
            if missing:  # the first stage placed before what it needs
                raise PluginError(f"the stage {name!r} requires {', '.join(missing)}, which no stage before it assigns")
        return cls(nlp)

    @property
    def names(self) -> list[str]:
        """The stage names, in the order they run."""
        return list(self.nlp.pipe_names)

    def run(self, pdoc: ParsedDoc, knowledge: Knowledge, removed: list[Removed] | None = None) -> Context:
        """Run every stage over one parsed document; return its context (``extraction`` holds the records)."""
        ctx = Context(pdoc, knowledge, removed)
        doc = pdoc.document() if self.joined else Doc(pdoc.nlp.vocab, words=[])
        doc._.dyad = ctx
        for name, component in self.nlp.pipeline:  # nlp(doc) would turn a stage's KeyError into spaCy's E109
            doc = component(doc)
            if not isinstance(doc, Doc):
                raise PluginError(f"the stage {name!r} returned {type(doc).__name__}, not the Doc it was given")
        return ctx


def load_plugins(modules: Iterable[str]) -> None:
    """Import the modules named (each registers its stage factories as it is imported)."""
    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            raise PluginError(f"cannot import plugin {module!r}: {exc}") from exc


# The built-in stages, registered as spaCy factories like anyone's.


def _time(ctx: Context) -> None:
    ctx.times = resolve_times(ctx.pdoc, ctx.knowledge.time)
    ctx.extraction.times = list(ctx.times.times)
    ctx.extraction.doc_date = ctx.times.doc_date


def _actors(ctx: Context) -> None:
    ctx.extraction.mentions = link_actors(ctx.pdoc, ctx.kb, ctx.need_times().ref_dates)


def _events(ctx: Context) -> None:
    k = ctx.knowledge
    ctx.extraction.events = extract_events(ctx.pdoc, ctx.extraction.mentions, ctx.need_times(), k.actors, k.events)


def _quantities(ctx: Context) -> None:
    ctx.extraction.quantities = extract_quantities(
        ctx.pdoc, ctx.extraction.mentions, ctx.need_times(), ctx.knowledge.units
    )


def _agreements(ctx: Context) -> None:
    k = ctx.knowledge
    ctx.extraction.agreements = extract_agreements(
        ctx.pdoc, ctx.extraction.mentions, ctx.need_times(), k.agreements, k.units
    )


def _positions(ctx: Context) -> None:
    k = ctx.knowledge
    ctx.extraction.positions = extract_positions(
        ctx.pdoc, ctx.extraction.mentions, ctx.need_times(), k.issues, k.actors
    )


def _charts(ctx: Context) -> None:
    """Chart debris is out of the body, but its series are still worth reading (at lower confidence)."""
    if ctx.removed is None:
        return
    chart = extract_chart_series(ctx.pdoc.original, ctx.removed, ctx.knowledge.units, doc=ctx.pdoc.name)
    ctx.extraction.quantities = merge_chart(ctx.extraction.quantities, chart)


_NEEDS = ["doc._.dyad_times", "doc._.dyad_mentions"]
#: the factories of dyad's own stages, which read the parsed paragraphs (``ctx.pdoc``) and not the Doc
OWN = frozenset({"dyad_time", "dyad_actors", "dyad_events", "dyad_quantities", "dyad_agreements", "dyad_positions",
                 "dyad_charts"})  # fmt: skip


@Language.factory("dyad_time", assigns=["doc._.dyad_times"])
def make_time(nlp: Language, name: str) -> Component:
    return _component(_time)


@Language.factory("dyad_actors", requires=["doc._.dyad_times"], assigns=["doc._.dyad_mentions"])
def make_actors(nlp: Language, name: str) -> Component:
    return _component(_actors)


@Language.factory("dyad_events", requires=_NEEDS, assigns=["doc._.dyad_events"])
def make_events(nlp: Language, name: str) -> Component:
    return _component(_events)


@Language.factory("dyad_quantities", requires=_NEEDS, assigns=["doc._.dyad_quantities"])
def make_quantities(nlp: Language, name: str) -> Component:
    return _component(_quantities)


@Language.factory("dyad_agreements", requires=_NEEDS, assigns=["doc._.dyad_agreements"])
def make_agreements(nlp: Language, name: str) -> Component:
    return _component(_agreements)


@Language.factory("dyad_positions", requires=_NEEDS, assigns=["doc._.dyad_positions"])
def make_positions(nlp: Language, name: str) -> Component:
    return _component(_positions)


@Language.factory("dyad_charts", requires=["doc._.dyad_quantities"], assigns=["doc._.dyad_quantities"])
def make_charts(nlp: Language, name: str) -> Component:
    return _component(_charts)
