"""Rebuild the derived tables from the per-document records after an ingest.

Merged events (one record per real event, all its evidence), the agreement
registry and the entity list are functions of the current documents' rows, so
they are recomputed whole and swapped in one transaction: readers always see
a consistent model, and the result does not depend on ingest order.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from dyad.analysis.merge import merge_events
from dyad.analysis.registry import build_registry
from dyad.extract.actors import entity_records
from dyad.extract.knowledge import Knowledge, load_knowledge
from dyad.records import ActorRef, AgreementMention, EventRecord, Evidence
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


def rebuild_derived(store: Store, kb: Knowledge | None = None) -> None:
    """Recompute merged events, agreements and entities from the current documents."""
    kb = kb or load_knowledge()
    events = merge_events(event_from_dict(r) for _doc, r in store.records("event_mentions"))
    agreements = build_registry([agreement_from_dict(r) for _doc, r in store.records("agreement_mentions")])
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in store.mentions():
        by_doc[m["doc"]].append(m)
    entities = entity_records(kb, by_doc)
    store.replace_derived(events=events, agreements=agreements, entities=entities)
