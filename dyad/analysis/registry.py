"""The agreement registry: agreement mentions from many documents merged into one record each.

Mentions with the same ``key`` are one agreement. Its status history lists each
(status, date) the passages give, with their evidence, in date order; at the same
date the life-cycle order decides (proposed < negotiating < signed < in force <
implemented < suspended < abandoned). Steps that contradict the agreement's own
date (a "signed" dated before the signing the data records) are dropped, a
less precise date folds into a more precise one of the same status, and
consecutive steps of one status become one entry (``date`` the first, ``until``
the last). ``status`` is the latest dated step (an undated one counts only when
none is dated). The output is the contract's ``agreements`` export shape, plus
``non_parties`` (states that took part but did not sign, from the data) and, for
counted batches ("68 commercial deals"), ``quantities``::

    {"id", "name", "kind", "parties", "date", "status",
     "status_history": [{"status", "date", "evidence": [...]}], "fields", "evidence"}
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import cmp_to_key
from typing import Any

from dyad.knowledge.agreements import AgreementData
from dyad.records import AgreementMention, Evidence

UNDATED = "9999"  # sorts undated entries after dated ones
ORDER = ("proposed", "negotiating", "signed", "in_force", "implemented", "suspended", "abandoned")
_AFTER_SIGNING = frozenset({"signed", "in_force", "implemented"})


def agreement_id(key: str) -> str:
    """A stable id for an agreement key: readable for named ones, hashed for document-local ones."""
    if "#" not in key and len(key) <= 60:
        return f"ag-{key.replace(':', '-').replace('.', '_').lower()}"
    return "ag-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _ev(e: Evidence) -> dict[str, Any]:
    return {"doc": e.doc, "start": e.start, "end": e.end, "text": e.text}


def _rank(status: str) -> int:
    return ORDER.index(status) if status in ORDER else len(ORDER)


def _before(a: tuple[str, str | None], b: tuple[str, str | None]) -> int:
    """Date order; where one date contains the other ("1956" and "1956-12-12"), life-cycle order."""
    da, db = a[1] or UNDATED, b[1] or UNDATED
    if da != db and not (da.startswith(db) or db.startswith(da)):
        return -1 if da < db else 1
    return _rank(a[0]) - _rank(b[0]) or (-1 if da < db else int(da > db))


def _sane(status: str, date: str | None, own: str | None) -> bool:
    """A step dated before the agreement's own date cannot be its signing or anything after it."""
    return not (own and date and status in _AFTER_SIGNING and date[:4] < own[:4])


def _history(mentions: list[AgreementMention], own: str | None) -> list[dict[str, Any]]:
    steps = _grouped(
        ((m.status, m.status_date), m.evidence) for m in mentions if m.status and _sane(m.status, m.status_date, own)
    )
    # "2016" folds into the least of the finer dates of the same status ("2016-12" before "2016-12-15"),
    # which follow it directly in sorted order
    dates: dict[str, list[str]] = {}
    for status, date in steps:
        if date:
            dates.setdefault(status, []).append(date)
    for got in dates.values():
        got.sort()
    for status, date in list(steps):
        if not date:
            continue
        same = dates[status]
        k = bisect_right(same, date)
        if k < len(same) and same[k].startswith(date):
            steps[(status, same[k])] += steps.pop((status, date))
            same.pop(k - 1)

    def by_step(a: tuple[Step, Any], b: tuple[Step, Any]) -> int:
        return _before(a[0], b[0])

    ordered = sorted(steps.items(), key=cmp_to_key(by_step))
    out: list[dict[str, Any]] = []
    have: set[tuple] = set()  # the evidence of the last entry
    for (status, date), evs in ordered:
        last = out[-1] if out else None
        if last and last["status"] == status and last["date"] and date:
            last["until"] = date
            fresh = [e for e in evs if tuple(e.values()) not in have]
            last["evidence"] += fresh
            have.update(tuple(e.values()) for e in fresh)
            continue
        out.append({"status": status, "date": date, "evidence": evs})
        have = {tuple(e.values()) for e in evs}
    return out


Step = tuple[str, str | None]  # (status, date)


def _grouped(items: Iterable[tuple[Step, Evidence]]) -> dict[Step, list[dict[str, Any]]]:
    """Evidence per (status, date) step, each passage once, in first-seen order (a set, not a list scan:
    a much-cited agreement has thousands of mentions)."""
    steps: dict[Step, dict[Evidence, None]] = {}
    for step, ev in items:
        steps.setdefault(step, {})[ev] = None
    return {step: [_ev(e) for e in evs] for step, evs in steps.items()}


def _unique_evidence(evidence: Iterable[Evidence]) -> list[dict[str, Any]]:
    return [_ev(e) for e in dict.fromkeys(evidence)]


def _latest(history: list[dict[str, Any]]) -> str | None:
    dated = [h for h in history if h["date"]]
    pool = dated or history
    return pool[-1]["status"] if pool else None


def _count(m: AgreementMention) -> dict[str, Any] | None:
    """A counted batch as a quantity tied to it: "68 commercial deals" -> 68 deals."""
    if not m.key.startswith("count:"):
        return None
    value = float(m.key.split(":")[2])
    unit = m.name.split()[-1].lower()
    return {
        "what": f"{unit} {m.status or 'mentioned'}",
        "value": value,
        "unit": unit,
        "date": m.status_date,
        "subject": list(m.parties) or None,
        "evidence": _ev(m.evidence),
    }


def _data_extras(key: str, data: AgreementData) -> dict[str, Any]:
    return data.by_key.get(key, {})


def build_registry(mentions: Iterable[AgreementMention], data: AgreementData) -> list[dict[str, Any]]:
    """One record per agreement key, in the contract's export shape, sorted by date then name.

    >>> # mentions of the peace treaty as "negotiating" (2016) and "abandoned" (2022-03-21)
    >>> # -> status "abandoned", status_history in date order
    """
    groups: dict[str, list[AgreementMention]] = {}
    for m in mentions:
        groups.setdefault(m.key, []).append(m)
    out = []
    for key, ms in groups.items():
        own = next((m.date for m in ms if m.date), None)
        history = _history(ms, own)
        if own is None:  # no date in the data: the first step that says it was signed
            own = next((h["date"] for h in history if h["status"] in _AFTER_SIGNING and h["date"]), None)
        evidence = _unique_evidence(m.evidence for m in ms)
        record = {
            "id": agreement_id(key),
            "name": max((m.name for m in ms), key=lambda n: (bool(re.search(r"\d", n)), len(n))),
            "kind": ms[0].kind,
            "parties": sorted({p for m in ms for p in m.parties}),
            "date": own,
            "status": _latest(history),
            "status_history": history,
            "fields": list(next((m.fields for m in ms if m.fields), ())),
            "evidence": evidence,
        }
        extra = _data_extras(key.split(":")[0], data)
        record["aliases"] = sorted(set(extra.get("aliases") or []) - {record["name"]})
        if extra.get("non_parties"):
            record["non_parties"] = sorted(extra["non_parties"])
        counts = [c for m in ms if (c := _count(m))]
        if counts:
            record["quantities"] = counts
        out.append(record)
    return sorted(out, key=lambda r: (r["date"] or UNDATED, r["name"]))
