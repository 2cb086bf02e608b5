"""Plain records passed between pipeline stages.

Every record that points into a document carries ``start``/``end`` offsets into
the document's *original* text (as decoded from the file, before any repair),
so ``original[start:end] == text`` always holds for evidence. Stages that work
on the repaired body text map their spans back through
:class:`dyad.offsets.MappedText` before building these records.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from dyad.offsets import MappedText


def plain(value: Any) -> Any:
    """A record as JSON-ready dicts and lists (``dataclasses.asdict`` without its deep copies, which cost
    a tenth of a second per corpus of the seeds' size)."""
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Removed:
    """A span of the original left out of the body text, and why."""

    start: int
    end: int
    why: str


@dataclass(frozen=True)
class Evidence:
    doc: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    """One sentence of the repaired body text.

    ``start``/``end`` index the repaired body text; ``ostart``/``oend`` the original.
    """

    idx: int
    para: int
    start: int
    end: int
    ostart: int
    oend: int
    text: str


@dataclass(frozen=True)
class ActorRef:
    """An actor as events and positions cite it."""

    id: str
    name: str
    country: str | None


@dataclass(frozen=True)
class Mention:
    """A linked (or unknown but typed) mention of an actor, place or organisation.

    ``start``/``end`` index the repaired body text of the document; the store
    maps them to the original. ``entity`` is the actor id from dyad/data
    (a Wikidata id where known, else a slug) or ``None`` for an unknown name.
    """

    start: int
    end: int
    text: str
    entity: str | None
    kind: str
    country: str | None
    sentence: int
    how: str = "alias"  # alias | surname | title | coref | demonym | metonym | unknown | private


@dataclass(frozen=True)
class TimeExpr:
    """A normalised date expression in the body text.

    ``value`` is an ISO partial date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``),
    ``end_value`` the last unit of a range (or ``None``); ``precision`` is
    ``year`` | ``month`` | ``day`` | ``decade`` | ``century``.
    """

    start: int
    end: int
    text: str
    value: str
    end_value: str | None
    precision: str
    sentence: int
    relative: bool = False


@dataclass(frozen=True)
class EventRecord:
    """One event as stated by one passage (before merging across passages and documents)."""

    date: str | None
    end: str | None
    source: ActorRef
    target: ActorRef
    type: str
    mode: str | None
    quad: str
    intensity: float
    negated: bool
    hypothetical: bool
    cameo: str | None
    evidence: Evidence
    speaker: ActorRef | None = None
    location: str | None = None
    persons: tuple[str, ...] = ()
    trigger: str = ""
    #: told by a clause of its own (a finite verb, no gerund or noun) about an act not named before ("Then, the
    #: two leaders agreed to ..."), rather than by a noun or a verb whose object names the act again ("made the
    #: offer"): the merge keeps two such records of one document apart
    verbal: bool = False


@dataclass(frozen=True)
class QuantityRecord:
    what: str
    value: float
    unit: str
    date: str | None
    subject: tuple[str, ...] | None
    evidence: Evidence
    confidence: float = 1.0


@dataclass(frozen=True)
class AgreementMention:
    """A mention of an agreement with whatever status the passage gives it."""

    key: str
    name: str
    kind: str
    parties: tuple[str, ...]
    date: str | None
    status: str | None
    status_date: str | None
    fields: tuple[str, ...]
    evidence: Evidence


@dataclass(frozen=True)
class PositionRecord:
    actor: ActorRef
    issue: str
    stance: str
    date: str | None
    quote: str
    evidence: Evidence


@dataclass
class Extraction:
    """Everything the extractors produced for one document."""

    mentions: list[Mention] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    quantities: list[QuantityRecord] = field(default_factory=list)
    agreements: list[AgreementMention] = field(default_factory=list)
    positions: list[PositionRecord] = field(default_factory=list)
    doc_date: str | None = None


@dataclass(frozen=True)
class SourceText:
    """What a reader gives the pipeline.

    ``original`` is the text as decoded from the file (for PDF, the text layer;
    for HTML, the decoded markup). ``base`` is the readable text with its map to
    ``original`` (identity for plain text; the visible text for HTML), and
    ``removed`` the spans the reader already left out (HTML boilerplate).
    """

    name: str
    path: str
    sha256: str
    format: str
    original: str
    base: MappedText
    removed: tuple[Removed, ...] = ()
    title: str | None = None
    published: str | None = None


# Codecs: a record from its stored JSON form (the store writes ``plain(record)``).


def event_from_dict(rec: dict[str, Any]) -> EventRecord:
    """Rebuild an :class:`EventRecord` from its stored JSON form."""
    rec = dict(rec)
    for key in ("source", "target", "speaker"):
        if rec.get(key) is not None:
            rec[key] = ActorRef(**rec[key])
    rec["evidence"] = Evidence(**rec["evidence"])
    rec["persons"] = tuple(rec.get("persons") or ())
    return EventRecord(**rec)


def agreement_from_dict(rec: dict[str, Any]) -> AgreementMention:
    rec = dict(rec)
    rec["evidence"] = Evidence(**rec["evidence"])
    rec["parties"] = tuple(rec.get("parties") or ())
    rec["fields"] = tuple(rec.get("fields") or ())
    return AgreementMention(**rec)


def position_from_dict(rec: dict[str, Any]) -> PositionRecord:
    fields = {**rec, "actor": ActorRef(**rec["actor"]), "evidence": Evidence(**rec["evidence"])}
    return PositionRecord(**{k: v for k, v in fields.items() if k in PositionRecord.__dataclass_fields__})


def quantity_from_dict(rec: dict[str, Any]) -> QuantityRecord:
    fields = {
        **rec,
        "subject": tuple(rec["subject"]) if rec.get("subject") else None,
        "evidence": Evidence(**rec["evidence"]),
    }
    return QuantityRecord(**{k: v for k, v in fields.items() if k in QuantityRecord.__dataclass_fields__})
