"""Gold lines of agreements, positions and quantities from a corrected model (``dyad correct --export-gold``).

Each kind is written in the format its scorer reads (events are :func:`dyad.store.corrections_rules.gold_lines`):

- agreements as ``agreements_gold.jsonl`` (tests/extract/heldout_pairs/README.md): ``id``, ``name``,
  ``aliases``, ``kind``, ``parties``, ``date``, ``status``, ``docs``;
- positions as ``positions_gold.jsonl`` (the same README): ``doc``, ``id``, ``actor`` (the holder's country),
  ``issue``, ``keys`` (the issue's slug), ``stance`` (``support`` or ``oppose``), ``text``;
- quantities as ``gold/seeds/quantities.jsonl``: ``doc``, ``id``, ``what``, ``value``, ``unit``, ``date``,
  ``text``.

Every line also names its fact (``fact``: an agreement's id, a position's or quantity's page name), which the
scorers ignore. Only the reviewed documents count, those holding a fact of that kind an analyst corrected,
confirmed or marked wrong, and each is taken as reviewed in full: the facts nobody corrected there count as
right, those marked wrong are absent. A record the format cannot hold (an agreement without parties, a
position without a country, a quantity without a value) is left out.

>>> rec = {"what": "trade", "value": 20.0, "unit": "USD bn", "date": "2016",
...        "evidence": [{"doc": "a.txt", "start": 0, "end": 5, "text": "Trade"}]}
>>> quantity_lines([rec], {"a.txt"})[0]["id"], quantity_lines([rec], set())
('q000-01', [])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

#: The open stances' directions; a listed stance of issues.yaml backs its own issue (as the scorer reads it).
DIRECTIONS = ("support", "oppose")


def _evidence(record: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    ev = record.get("evidence")
    items = [ev] if isinstance(ev, Mapping) else ev or []
    return [e for e in items if isinstance(e, Mapping)]


def _number(lines: list[dict[str, Any]], docs: set[str], prefix: str) -> list[dict[str, Any]]:
    """``id`` per line: the prefix, the document's place among the reviewed ones, the line's place in it."""
    order = {doc: i for i, doc in enumerate(sorted(docs))}
    per_doc: dict[str, int] = {}
    for line in lines:
        per_doc[line["doc"]] = per_doc.get(line["doc"], 0) + 1
        line["id"] = f"{prefix}{order[line['doc']]:03d}-{per_doc[line['doc']]:02d}"
    return lines


def _in_text_order(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Lines by document, then by the place of their passage (``fact`` ends in ``START-END``)."""
    return sorted(lines, key=lambda g: (g["doc"], *(int(x) for x in g["fact"].rsplit("/", 1)[1].split("-"))))


def agreement_lines(agreements: Iterable[Mapping[str, Any]], docs: set[str]) -> list[dict[str, Any]]:
    """One line per agreement (corrected, not marked wrong) with evidence in a reviewed document."""
    out: list[dict[str, Any]] = []
    for rec in agreements:
        cited = sorted({str(e.get("doc")) for e in _evidence(rec)} & docs)
        parties = list(rec.get("parties") or [])
        if not cited or not parties or not (rec.get("name") or (rec.get("kind") and rec.get("date"))):
            continue
        out.append({"id": "", "name": rec.get("name"), "aliases": list(rec.get("aliases") or []),
                    "kind": rec.get("kind"), "parties": parties, "date": rec.get("date"),
                    "status": rec.get("status"), "docs": cited, "fact": rec.get("id")})  # fmt: skip
    out.sort(key=lambda g: (g["docs"][0], g["date"] or "", str(g["fact"])))
    for n, line in enumerate(out, 1):
        line["id"] = f"a{n:03d}"
    return out


def position_lines(positions: Iterable[Mapping[str, Any]], docs: set[str]) -> list[dict[str, Any]]:
    """One line per position (corrected, not marked wrong) in a reviewed document."""
    out: list[dict[str, Any]] = []
    for rec in positions:
        actor = rec.get("actor") or {}
        code, issue, stance = actor.get("country"), rec.get("issue"), rec.get("stance")
        ev = next(iter(_evidence(rec)), None)
        if ev is None or ev.get("doc") not in docs or not code or not issue or not stance:
            continue
        out.append({"doc": ev["doc"], "id": "", "actor": code, "issue": issue, "keys": [issue],
                    "stance": stance if stance in DIRECTIONS else "support", "text": ev.get("text", ""),
                    "fact": f"positions/{ev['doc']}/{ev['start']}-{ev['end']}"})  # fmt: skip
    return _number(_in_text_order(out), docs, "p")


def quantity_lines(quantities: Iterable[Mapping[str, Any]], docs: set[str]) -> list[dict[str, Any]]:
    """One line per quantity (corrected, not marked wrong) in a reviewed document."""
    out: list[dict[str, Any]] = []
    for rec in quantities:
        ev = next(iter(_evidence(rec)), None)
        if ev is None or ev.get("doc") not in docs or rec.get("value") is None:
            continue
        out.append({"doc": ev["doc"], "id": "", "what": rec.get("what"), "value": rec["value"],
                    "unit": rec.get("unit"), "date": rec.get("date"), "text": ev.get("text", ""),
                    "fact": f"quantities/{ev['doc']}/{ev['start']}-{ev['end']}"})  # fmt: skip
    return _number(_in_text_order(out), docs, "q")
