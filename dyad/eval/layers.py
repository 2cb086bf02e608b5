"""Scoring the actor and time layers from the database against gold events.

Every gold event quotes its passage exactly, gives its date and (often) the persons
acting. ``dates``: the system's date for the quoted passage — the first normalised date
expression inside it, else the story time (reference date) of its first sentence —
must match the gold date under the rule of gold/GUIDELINES.md. ``linking``: each
person the gold names must be the linked entity of some mention inside the passage; the
report also counts the person mentions of every document by the path the linker took
(``alias``, ``surname:date``, ``unlinked:shared``, ...; see :mod:`dyad.extract.actors.people`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyad.eval.dates import date_matches, read_gold
from dyad.store.db import Store


@dataclass
class LayerReport:
    kind: str
    correct: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)
    paths: dict[str, int] = field(default_factory=dict)  # person mentions by linking path (linking only)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def figures(self) -> dict[str, Any]:
        out: dict[str, Any] = {"accuracy": self.accuracy, "correct": self.correct, "total": self.total}
        if self.paths:
            out["paths"] = dict(self.paths)
        return out

    def render(self, limit: int = 30) -> str:
        lines = [f"{self.kind}: accuracy {self.accuracy:.3f} ({self.correct}/{self.total})"]
        if self.paths:
            total = sum(self.paths.values())
            lines.append(f"person mentions by path ({total}):")
            lines += [f"  {how:<16} {n:>6}  {n / total:6.1%}" for how, n in self.paths.items()]
        lines.append("misses:")
        return "\n".join(lines + [f"  {m}" for m in self.misses[:limit]])


def _located(store: Store, gold: Path) -> list[tuple[dict[str, Any], dict[str, Any], int, int]]:
    """Gold rows with their document (current version) and the quoted span in original offsets."""
    docs = {d["name"]: d for d in store.documents()}
    out = []
    for row in read_gold(gold):
        doc = docs.get(row["doc"])
        at = doc["original"].find(row["text"]) if doc else -1
        if doc is not None and at >= 0:
            out.append((row, doc, at, at + len(row["text"])))
    return out


def score_dates_db(store: Store, gold: Path) -> LayerReport:
    report = LayerReport("dates")
    for row, doc, start, end in _located(store, gold):
        predicted = store.date_in_span(doc["doc_id"], start, end)
        report.total += 1
        if date_matches(predicted, row["date"], row.get("end")):
            report.correct += 1
        else:
            report.misses.append(
                f"{row.get('id', row['doc'][:3])} gold {row['date']} got {predicted}: "
                f"{' '.join(row['text'].split())[:80]}"
            )
    return report


def person_paths(store: Store) -> dict[str, int]:
    """Person mentions of the current documents by the linker's path (``how``), most taken first."""
    counts = Counter(m["how"] or "?" for m in store.mentions() if m["kind"] == "person")
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def score_linking_db(store: Store, gold: Path) -> LayerReport:
    report = LayerReport("linking", paths=person_paths(store))
    for row, doc, start, end in _located(store, gold):
        names = store.entity_names_in_span(doc["doc_id"], start, end)
        for person in row.get("persons") or []:
            report.total += 1
            if person in names:
                report.correct += 1
            else:
                report.misses.append(f"{row.get('id', '')} {person} not among {sorted(names)[:4]}")
    return report
