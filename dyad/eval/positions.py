"""Score position records against a ``positions_gold.jsonl`` file (format: tests/extract/heldout_pairs/README.md).

Positions are per passage, so the scoring is per document, like events: the records scored are
those of ``dyad export positions`` whose evidence is in one of the gold's documents, each counted
once per document.

A gold line and a system position **match** when they are in the same document, the actor's
country is the gold's ``actor`` (``SUN`` counts as ``RUS``), the stance's direction is the gold's
``stance`` (:func:`direction`), and the system's issue meets the gold's ``keys``
(:func:`issue_meets`). Matching is one-to-one per document (the largest set of pairs); recall =
matched gold / gold, precision = matched positions / positions scored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyad.errors import GoldError
from dyad.eval.gold import read_gold_lines, reduce_code

DIRECTIONS = ("support", "oppose")


@dataclass(frozen=True)
class GoldPosition:
    doc: str
    id: str
    actor: str
    issue: str
    keys: tuple[str, ...]
    stance: str
    text: str


@dataclass(frozen=True)
class SystemPosition:
    doc: str
    actor: str | None
    issue: str
    stance: str
    text: str


def load_gold_positions(path: Path) -> list[GoldPosition]:
    out = []
    for where, raw in read_gold_lines(path):
        try:
            if raw["stance"] not in DIRECTIONS:
                raise GoldError(f"{where}: 'stance' must be one of {', '.join(DIRECTIONS)}")
            keys = tuple(str(k).lower() for k in raw["keys"])
            if not keys:
                raise GoldError(f"{where}: 'keys' must not be empty")
            out.append(GoldPosition(raw["doc"], str(raw["id"]), raw["actor"], raw.get("issue", ""), keys,
                                    raw["stance"], raw.get("text", "")))  # fmt: skip
        except KeyError as exc:
            raise GoldError(f"{where}: missing field {exc}") from exc
    return out


def direction(stance: str) -> str:
    """``support`` or ``oppose`` for an open stance; a listed stance of issues.yaml backs its own issue."""
    return stance if stance in DIRECTIONS else "support"


def issue_meets(issue: str, stance: str, keys: Iterable[str]) -> bool:
    """A key with a hyphen is met when the slug holds it; a plain key when a word of the slug starts with it.

    The words are those of the issue slug, and of a listed stance's slug ("two-plus-alpha").

    >>> issue_meets("recognition-of-kosovo", "oppose", ["recogni"])
    True
    >>> issue_meets("trade-route", "support", ["ruling"])
    False
    """
    slug = issue if stance in DIRECTIONS else f"{issue}-{stance}"
    words = slug.split("-")
    return any((k in slug) if "-" in k else any(w.startswith(k) for w in words) for k in keys)


def system_positions(records: Iterable[dict[str, Any]]) -> list[SystemPosition]:
    out = []
    for rec in records:
        country = reduce_code((rec.get("actor") or {}).get("country"))
        docs: dict[str, str] = {}
        for ev in rec.get("evidence") or ():
            docs.setdefault(ev["doc"], ev.get("text", ""))
        out += [SystemPosition(d, country, rec.get("issue") or "", rec.get("stance") or "", t) for d, t in docs.items()]
    return out


def matches(s: SystemPosition, g: GoldPosition) -> bool:
    return (
        s.doc == g.doc
        and s.actor == reduce_code(g.actor)
        and direction(s.stance) == g.stance
        and issue_meets(s.issue, s.stance, g.keys)
    )


@dataclass
class PositionReport:
    precision: float
    recall: float
    found: int
    gold_total: int
    system_total: int
    misses: list[GoldPosition] = field(default_factory=list)
    false_alarms: list[SystemPosition] = field(default_factory=list)

    def figures(self) -> dict[str, object]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "found": self.found,
                "gold_total": self.gold_total, "system_total": self.system_total}  # fmt: skip

    def render(self) -> str:
        def short(text: str) -> str:
            flat = " ".join(text.split())
            return flat if len(flat) <= 90 else flat[:89] + "…"

        return "\n".join([
            f"positions (one-to-one per document): precision {self.precision:.3f} ({self.found}/{self.system_total})"
            f"  recall {self.recall:.3f} ({self.found}/{self.gold_total})",
            f"misses ({len(self.misses)}):",
            *(f"  {g.id} {g.actor} {g.stance} {g.issue}: {short(g.text)}" for g in self.misses),
            f"false alarms ({len(self.false_alarms)}):",
            *(f"  {s.doc[:12]} {s.actor} {s.stance} {s.issue}: {short(s.text)}" for s in self.false_alarms),
        ])  # fmt: skip


def score_positions(records: Iterable[dict[str, Any]], gold_path: Path) -> PositionReport:
    """One-to-one (per document) precision and recall of export records against the gold file."""
    from dyad.eval.events import match_one_to_one

    gold = load_gold_positions(gold_path)
    docs = {g.doc for g in gold}
    system = [s for s in system_positions(records) if s.doc in docs]
    pairs: list[tuple[GoldPosition, SystemPosition]] = []
    for doc in sorted(docs):
        gs, ss = [g for g in gold if g.doc == doc], [s for s in system if s.doc == doc]
        weights = [[1 if matches(s, g) else 0 for s in ss] for g in gs]
        pairs += [(gs[i], ss[j]) for i, j in match_one_to_one(weights)] if gs and ss else []
    found, used = {id(g) for g, _ in pairs}, {id(s) for _, s in pairs}
    return PositionReport(
        precision=len(pairs) / len(system) if system else 0.0,
        recall=len(pairs) / len(gold) if gold else 0.0,
        found=len(pairs), gold_total=len(gold), system_total=len(system),
        misses=[g for g in gold if id(g) not in found],
        false_alarms=[s for s in system if id(s) not in used],
    )  # fmt: skip
