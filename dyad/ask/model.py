"""Answers from the structured model: what an actor did (events), where sources disagree (positions),
and the normalised dates the time layer stored for a passage.

All records are read through :func:`dyad.export.records`, in the contract's
shapes, so these answers cite the same evidence a user can export.
"""

from __future__ import annotations

import re
from typing import Any

from dyad import export
from dyad.ask.candidates import Candidate
from dyad.ask.dates import in_words
from dyad.ask.search import Index, terms
from dyad.ask.shapes import Shape
from dyad.store import search as sql
from dyad.store.db import Store

MAX_ITEMS = 5


def stored_dates(store: Store, row: dict[str, Any]) -> list[Candidate]:
    """The time layer's dates inside a passage, placed at their spot in the passage text."""
    out = []
    text = row["text"]
    for t in sql.timexes_in(store, row["doc_id"], row["start"], row["end"]):
        at = text.find(t["text"])
        if at < 0:
            at = max(0, min(len(text) - 1, t["start"] - row["start"]))
        out.append(Candidate(at, at + len(t["text"]), t["text"], "date", t["value"], t.get("end_value")))
    return out


def _names(actor: dict[str, Any] | None) -> set[str]:
    if not actor:
        return set()
    return {w for w in terms(" ".join(str(actor.get(k) or "") for k in ("name", "id", "country")))}


def actions(store: Store, shape: Shape) -> tuple[str, list[dict[str, Any]]] | None:
    """'What did X do?': X's events, dated, most recent first (within the question's years if it names any)."""
    wanted = {t for t in terms(shape.actor or "") if len(t) > 2}
    if not wanted:
        return None
    years = shape.years
    found = []
    for ev in export.records(store, "events"):
        if not wanted & _names(ev.get("source")):
            continue
        if years and (ev.get("date") or "")[:4] not in years:
            continue
        found.append(ev)
    if not found:
        return None
    found.sort(key=lambda e: e.get("date") or "", reverse=True)
    lines, cites = [], []
    for ev in found[:MAX_ITEMS]:
        when = in_words(ev["date"]) if ev.get("date") else "undated"
        target = (ev.get("target") or {}).get("name") or "?"
        lines.append(f"{when}: {ev['type'].lower()} {target}")
        cites.extend(ev.get("evidence", [])[:1])
    head = f"{len(found)} recorded action{'s' if len(found) != 1 else ''}; latest first"
    return head + "\n" + "; ".join(lines), cites


def disagreements(store: Store, index: Index, shape: Shape) -> tuple[str, list[dict[str, Any]]] | None:
    """'Where do sources disagree ...?': issues on which stored positions take different stances."""
    qterms = {t for t in terms(shape.focus) if len(t) > 2}
    by_issue: dict[str, list[dict[str, Any]]] = {}
    for pos in export.records(store, "positions"):
        words = terms(
            " ".join(
                [
                    pos.get("issue") or "",
                    pos.get("stance") or "",
                    pos.get("quote") or "",
                    str((pos.get("actor") or {}).get("name") or ""),
                ]
            )
        )
        if qterms and not qterms & set(words):
            continue
        by_issue.setdefault(pos["issue"], []).append(pos)
    split = {k: v for k, v in by_issue.items() if len({p["stance"] for p in v}) > 1}
    if not split:
        return None
    issue, positions = max(split.items(), key=lambda kv: len(kv[1]))
    seen: dict[str, dict[str, Any]] = {}
    for p in positions:
        seen.setdefault(p["stance"], p)
    parts = []
    cites: list[dict[str, Any]] = []
    for stance, p in list(seen.items())[:MAX_ITEMS]:
        who = (p.get("actor") or {}).get("name") or "a source"
        ev = (p.get("evidence") or [{}])[0]
        parts.append(f"{who} ({ev.get('doc', '?')}): {_words(stance)}")
        cites.extend(p.get("evidence", [])[:1])
    return f"Sources disagree on {_words(issue)}\n" + "; ".join(parts), cites


def _words(slug: str) -> str:
    return re.sub(r"[-_]+", " ", slug)


_UNIT_KINDS = {"%": "percent", "percent": "percent"}


def quantity(store: Store, shape: Shape, qterms: set[str]) -> tuple[str, list[dict[str, Any]]] | None:
    """A stored quantity that names what the question asks about, in the year it asks about.

    Used only on a strong match: every word of the quantity's ``what`` is in the
    question, the question names a year and the quantity is dated in it, and the
    unit is the question's (a share is a percentage, a value is money).
    """
    years = shape.years
    if not years or shape.unit not in ("money", "percent", "area"):
        return None  # counts are answered better from their sentence ("12 agreements")
    best = None
    for q in export.records(store, "quantities"):
        what = {t for t in terms(q.get("what") or "") if len(t) > 2}
        if not what or not what <= qterms or (q.get("date") or "")[:4] not in years:
            continue
        kind = _UNIT_KINDS.get(
            q.get("unit") or "", "money" if "$" in (q.get("unit") or "") or "USD" in (q.get("unit") or "") else "count"
        )
        if kind != shape.unit:
            continue
        score = (len(what), float(q.get("confidence") or 0))
        if best is None or score > best[0]:
            best = (score, q)
    if best is None:
        return None
    q = best[1]
    value = f"{q['value']:g}"
    ev = (q.get("evidence") or [{}])[0]
    line = f"{q['what']}: {value} {q.get('unit') or ''} ({q.get('date')}), as stated in {ev.get('doc', '?')}"
    return f"{value} {q.get('unit') or ''}".strip() + "\n" + " ".join(line.split()), q.get("evidence", [])[:1]
