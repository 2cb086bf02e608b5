"""The agreement registry: agreement mentions from many documents merged into one record each.

Mentions with the same ``key`` are one agreement. Its status history lists
each (status, date) the passages give, with their evidence, in date order;
``status`` is the latest dated one (an undated status counts only when no
status is dated). The output is the contract's ``agreements`` export shape::

    {"id", "name", "kind", "parties", "date", "status",
     "status_history": [{"status", "date", "evidence": [...]}], "fields", "evidence"}
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from dyad.records import AgreementMention, Evidence

UNDATED = "9999"  # sorts undated entries after dated ones


def agreement_id(key: str) -> str:
    """A stable id for an agreement key: readable for named ones, hashed for document-local ones."""
    if "#" not in key and len(key) <= 60:
        return f"ag-{key.replace(':', '-').lower()}"
    return "ag-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _ev(e: Evidence) -> dict[str, Any]:
    return asdict(e)


def _history(mentions: list[AgreementMention]) -> list[dict[str, Any]]:
    steps: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
    for m in mentions:
        if m.status:
            evs = steps.setdefault((m.status, m.status_date), [])
            if _ev(m.evidence) not in evs:
                evs.append(_ev(m.evidence))
    ordered = sorted(steps.items(), key=lambda kv: (kv[0][1] or UNDATED, kv[1][0]["doc"], kv[1][0]["start"]))
    return [{"status": s, "date": d, "evidence": evs} for (s, d), evs in ordered]


def _latest(history: list[dict[str, Any]]) -> str | None:
    dated = [h for h in history if h["date"]]
    pool = dated or history
    return pool[-1]["status"] if pool else None


def build_registry(mentions: Iterable[AgreementMention]) -> list[dict[str, Any]]:
    """One record per agreement key, in the contract's export shape, sorted by date then name.

    >>> # mentions of the peace treaty as "negotiating" (2016) and "abandoned" (2022-03-21)
    >>> # -> status "abandoned", status_history in date order
    """
    groups: dict[str, list[AgreementMention]] = {}
    for m in mentions:
        groups.setdefault(m.key, []).append(m)
    out = []
    for key, ms in groups.items():
        first = ms[0]
        history = _history(ms)
        evidence: list[dict[str, Any]] = []
        for m in ms:
            if _ev(m.evidence) not in evidence:
                evidence.append(_ev(m.evidence))
        parties = sorted({p for m in ms for p in m.parties})
        out.append(
            {
                "id": agreement_id(key),
                "name": first.name,
                "kind": first.kind,
                "parties": parties,
                "date": next((m.date for m in ms if m.date), None),
                "status": _latest(history),
                "status_history": history,
                "fields": list(next((m.fields for m in ms if m.fields), ())),
                "evidence": evidence,
            }
        )
    return sorted(out, key=lambda r: (r["date"] or UNDATED, r["name"]))
