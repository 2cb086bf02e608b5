"""Score quantity records against a gold file (``dyad eval quantities``).

Matching rule (per document, one to one, greedy in gold order):

- value: equal within 1 % relative (gold rounds, e.g. "nearly US$6 billion");
- unit: equal after trimming and case folding ("USD bn", "%", "count", ...);
- date: the record's date cut to the gold date's precision equals it; a gold
  ``null`` date (the text gives none) accepts any record date, since a
  narrative date the system reads from context is not wrong for an undated
  number.

Recall is matched gold / gold. Precision is matched records / records; gold
lists the quantities an analyst would keep, not every number, so precision is
a lower bound. The records are what the database exports, as for every kind of ``dyad eval``;
``python -m dyad.eval.sets seeds`` ingests and scores the seeds in one go.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from dyad.errors import GoldError

REL_TOLERANCE = 0.01
_GOLD_KEYS = ("doc", "value", "unit", "date")


@dataclass
class QuantityReport:
    """Recall and precision of quantity records against gold, with the misses."""

    gold: int
    records: int
    matched: int
    matched_records: int
    misses: list[dict[str, Any]] = field(default_factory=list)
    per_doc: dict[str, tuple[int, int]] = field(default_factory=dict)  # doc -> (matched, gold)
    notes: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.matched_records / self.records if self.records else 0.0

    def figures(self) -> dict[str, Any]:
        return {
            "recall": round(self.recall, 4),
            "precision": round(self.precision, 4),
            "gold": self.gold,
            "records": self.records,
            "matched": self.matched,
        }

    def render(self) -> str:
        lines = [
            f"quantities: recall {self.recall:.3f} ({self.matched}/{self.gold}), "
            f"precision {self.precision:.3f} ({self.matched_records}/{self.records})"
        ]
        lines += [f"  {doc}: {m}/{g}" for doc, (m, g) in sorted(self.per_doc.items())]
        lines += [f"  note: {n}" for n in self.notes]
        if self.misses:
            lines.append("misses:")
            lines += [
                f"  {g['doc'][:3]} {g['value']} {g['unit']} {g['date']}  {g.get('what', '')}" for g in self.misses
            ]
        return "\n".join(lines)


def load_gold(path: Path) -> list[dict[str, Any]]:
    """The gold quantities, one JSON object a line, each with doc, value, unit and date."""
    try:
        lines = Path(path).read_text("utf-8").splitlines()
    except OSError as exc:
        raise GoldError(f"cannot read gold file: {exc}", path=str(path)) from exc
    gold = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"line {n} is not JSON: {exc.msg}", path=str(path)) from exc
        if not isinstance(row, dict) or any(k not in row for k in _GOLD_KEYS):
            raise GoldError(f"line {n} needs the keys {', '.join(_GOLD_KEYS)}", path=str(path))
        gold.append(row)
    return gold


def _doc_of(record: dict[str, Any]) -> str | None:
    if record.get("doc"):
        return str(record["doc"])
    ev = record.get("evidence") or []
    return ev[0].get("doc") if ev and isinstance(ev[0], dict) else None


def value_matches(got: Any, want: Any) -> bool:
    try:
        g, w = float(got), float(want)
    except (TypeError, ValueError):
        return False
    return abs(g - w) <= REL_TOLERANCE * abs(w) + 1e-9


def date_matches(got: str | None, want: str | None) -> bool:
    """Gold ``null`` accepts anything; else the record's date cut to the gold's precision equals it."""
    if want is None:
        return True
    return got is not None and str(got)[: len(want)] == want


def _unit(u: Any) -> str:
    return " ".join(str(u or "").split()).lower()


def _matches(rec: dict[str, Any], gold: dict[str, Any]) -> bool:
    return (
        _unit(rec.get("unit")) == _unit(gold["unit"])
        and value_matches(rec.get("value"), gold["value"])
        and date_matches(rec.get("date"), gold["date"])
    )


def score_quantities(records: Iterable[dict[str, Any]], gold_path: Path) -> QuantityReport:
    """Score exported quantity records (contract shape) against the gold file at ``gold_path``."""
    gold = load_gold(gold_path)
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for rec in records:
        by_doc.setdefault(_doc_of(rec) or "", []).append(rec)
    gold_docs = {g["doc"] for g in gold}
    used: set[int] = set()
    misses, per_doc = [], {d: [0, 0] for d in gold_docs}
    for g in gold:
        per_doc[g["doc"]][1] += 1
        hit = next((r for r in by_doc.get(g["doc"], []) if id(r) not in used and _matches(r, g)), None)
        if hit is None:
            misses.append(g)
        else:
            used.add(id(hit))
            per_doc[g["doc"]][0] += 1
    # Precision counts only documents that have gold: others were never annotated.
    scored = [r for d in gold_docs for r in by_doc.get(d, [])]
    return QuantityReport(
        gold=len(gold),
        records=len(scored),
        matched=len(gold) - len(misses),
        matched_records=sum(1 for r in scored if any(_matches(r, g) for g in gold if g["doc"] == _doc_of(r))),
        misses=misses,
        per_doc={d: (m, n) for d, (m, n) in per_doc.items()},
    )


def record_dict(q: Any) -> dict[str, Any]:
    """A :class:`dyad.records.QuantityRecord` in the contract's export shape."""
    d = asdict(q)
    d["subject"] = list(q.subject) if q.subject else None
    d["evidence"] = [d["evidence"]]
    return d
