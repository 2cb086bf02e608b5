"""Rebuild the derived tables from the per-document records after an ingest.

Merged events (one record per real event, with all its evidence), the agreement
registry and the entity list are functions of the current documents' rows. An
ingest rebuilds only what it touched: the country pairs its documents' events
fall in (the merge never joins records of different pairs, so other pairs
cannot change) and the entities its documents mention. The result is the same
as a full rebuild, whatever the ingest order.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from operator import itemgetter
from typing import Any

from dyad.analysis.merge import merge_events, pair_key
from dyad.analysis.registry import build_registry
from dyad.extract.knowledge import Knowledge, load_knowledge
from dyad.records import ActorRef, AgreementMention, EventRecord, Evidence, PositionRecord, QuantityRecord
from dyad.store.db import Store


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
    fields = {**rec, "subject": tuple(rec["subject"]) if rec.get("subject") else None,
              "evidence": Evidence(**rec["evidence"])}
    return QuantityRecord(**{k: v for k, v in fields.items() if k in QuantityRecord.__dataclass_fields__})


def event_pairs(events: Iterable[EventRecord]) -> list[str]:
    """The merge partition of each event record, stored beside it."""
    return [pair_key(e) for e in events]


def rebuild_derived(store: Store, kb: Knowledge | None = None, *, names: list[str] | None = None) -> None:
    """Recompute derived tables for the documents ``names`` (every document when None)."""
    kb = kb or load_knowledge()
    pairs = None if names is None else store.touched_pairs(names)
    if pairs is None or pairs:
        merged: list[dict[str, Any]] = []
        # the merge never joins records of different pairs, so merging pair by pair is the same and smaller
        for pair, group in groupby(store.event_records(pairs), key=itemgetter(0)):
            merged += [{**e, "pair": pair} for e in merge_events(event_from_dict(r) for _p, r in group)]
        store.replace_events(merged, pairs)
    store.replace_agreements(build_registry([agreement_from_dict(r) for _d, r in store.records("agreement_mentions")]))
    ids = store.entity_ids(names)
    stats = store.entity_mention_stats(ids)
    store.upsert_entities([entity_summary(kb, i, stats[i]) for i in ids if i in stats],
                          [i for i in ids if i not in stats])


def entity_summary(kb: Knowledge, entity_id: str, stat: tuple[int, str, str | None, str | None]) -> dict[str, Any]:
    """The entity record (without its mentions, which stay in the mentions table)."""
    count, text, kind, country = stat
    if entity_id.startswith("unknown:"):
        return {"id": entity_id, "wikidata": None, "name": text, "kind": _kind(kind), "country": country,
                "aliases": [], "roles": [], "mentions": count}
    a = kb.get(entity_id)
    roles = [{"role": r.role, "of": r.of, "from": r.start, "to": r.end} for r in a.roles]
    aliases = sorted({*a.aliases, *a.adjectives, *a.demonyms, *a.metonyms} - {a.name})
    wikidata = a.id if a.id.startswith("Q") and a.id[1:].isdigit() else None
    return {"id": a.id, "wikidata": wikidata, "name": a.name, "kind": a.kind, "country": a.country,
            "aliases": aliases, "roles": roles, "mentions": count}


_NER_KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "NORP": "other",
              "FAC": "place"}


def _kind(kind: str | None) -> str:
    if kind in {"person", "state", "organisation", "place", "agreement", "other"}:
        return kind  # type: ignore[return-value]
    return _NER_KINDS.get(kind or "", "other")
