"""The brief's first screen: the period, a summary in figures, key judgements and key developments.

Key developments are the dyad's events that weigh most in the period (intensity
times how many passages report them, at most one per type and month) and the
agreements whose status changed in it, in date order. Each carries footnote
numbers; a footnote quotes its passage in context from the repaired text and
names the document and the offsets into its original text.

>>> first = first_screen(store, ("JPN", "RUS"), date_from="2013", date_to="2023")  # doctest: +SKIP
"""

from __future__ import annotations

import math
from typing import Any

from dyad.analysis.index import Month
from dyad.store import facts
from dyad.store.db import Store
from dyad.web.evidence import Documents

KEY_EVENTS = 8
KEY_AGREEMENTS = 4
CITES_PER_FACT = 2


def in_period(date: str | None, date_from: str | None, date_to: str | None) -> bool:
    """Whether an ISO partial date falls in the period (a period end covers every date it prefixes)."""
    if not date:
        return False
    return (not date_from or date >= date_from) and (not date_to or date <= date_to + "\uffff")


def _weight(ev: dict[str, Any]) -> float:
    return abs(float(ev.get("intensity") or 0)) * (1 + math.log2(max(1, len(ev.get("evidence") or []))))


def _key_events(store: Store, pair: str, date_from: str | None, date_to: str | None) -> list[dict[str, Any]]:
    picked: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    found = facts.salient_events(store, pair, date_from=date_from, date_to=date_to)
    for ev in sorted(found, key=_weight, reverse=True):
        key = (str(ev.get("type")), str(ev.get("date"))[:7])
        if key not in seen:
            seen.add(key)
            picked.append(ev)
        if len(picked) == KEY_EVENTS:
            break
    return picked


def _says(ev: dict[str, Any]) -> str:
    who = (ev.get("source") or {}).get("name") or "?"
    whom = (ev.get("target") or {}).get("name") or "?"
    mode = f" ({ev['mode']})" if ev.get("mode") else ""
    return f"{who} → {whom}: {ev.get('type')}{mode}"


class Footnotes:
    """Numbered passages: the same passage cited twice keeps its first number."""

    def __init__(self, docs: Documents) -> None:
        self.docs = docs
        self.notes: list[dict[str, Any]] = []
        self._numbers: dict[tuple[str, int, int], int] = {}

    def cite(self, evidence: list[dict[str, Any]]) -> list[int]:
        numbers: list[int] = []
        for ev in evidence:
            key = (str(ev.get("doc")), int(ev.get("start", 0)), int(ev.get("end", 0)))
            if key not in self._numbers:
                self.notes.append({**self.docs.quote(ev), "n": len(self.notes) + 1})
                self._numbers[key] = len(self.notes)
            if self._numbers[key] not in numbers:
                numbers.append(self._numbers[key])
            if len(numbers) == CITES_PER_FACT:
                break
        return numbers


def _judgements(summary: dict[str, Any], months: list[Month], name: str) -> list[str]:
    out: list[str] = []
    if summary["events"]:
        mean = float(summary["mean"] or 0)
        tone = "cooperative" if mean > 0.5 else "conflictual" if mean < -0.5 else "mixed"
        out.append(
            f"On balance {tone}: {summary['events']} events between {name}, {summary['conflict']} of them"
            f" conflictual, mean intensity {mean:+.1f} on a scale from −10 to +10."
        )
    turns = [m for m in months if m.turning == "sign" and m.count and m.rolling is not None]
    if turns:
        last = turns[-1]
        way = "towards cooperation" if last.rolling and last.rolling > 0 else "towards conflict"
        out.append(f"Latest turn {way} in {last.month} ({len(turns)} changes of sign in the index).")
    return out


def first_screen(
    store: Store,
    dyad: tuple[str, str],
    *,
    months: list[Month],
    agreements: list[dict[str, Any]],
    date_from: str | None,
    date_to: str | None,
) -> dict[str, Any]:
    """Summary figures, key judgements, key developments with footnote numbers, and the footnotes."""
    pair, name = "|".join(dyad), "–".join(dyad)
    items: list[dict[str, Any]] = []
    for ev in _key_events(store, pair, date_from, date_to):
        items.append({"date": ev.get("date"), "kind": "event", "id": ev.get("id"), "quad": ev.get("quad"),
                      "text": _says(ev), "evidence": ev.get("evidence") or []})  # fmt: skip
    from dyad.knowledge.actors import state_of  # SUN is counted as RUS, as in the merge's pairs

    steps = [
        (step, ag)
        for ag in agreements
        if {state_of(c) for c in ag.get("parties") or []} >= set(dyad)  # both sides are parties
        for step in ag.get("status_history") or []
        if in_period(step.get("date"), date_from, date_to)
    ]
    for step, ag in sorted(steps, key=lambda s: str(s[0].get("date")), reverse=True)[:KEY_AGREEMENTS]:
        text = f"{ag.get('name')}: {step.get('status')}"
        items.append({"date": step.get("date"), "kind": "agreement", "id": ag.get("id"), "quad": None,
                      "text": text, "evidence": step.get("evidence") or []})  # fmt: skip
    items.sort(key=lambda i: str(i["date"]))
    notes = Footnotes(Documents(store))  # numbered in reading order
    for item in items:
        evidence = item.pop("evidence")
        item["sources"], item["cites"] = len(evidence), notes.cite(evidence)
    summary = facts.pair_summary(store, pair, date_from=date_from, date_to=date_to)
    return {
        "dyad": name,
        "period": {"from": date_from, "to": date_to},
        "summary": summary,
        "judgements": _judgements(summary, months, name),
        "developments": items,
        "footnotes": notes.notes,
    }
