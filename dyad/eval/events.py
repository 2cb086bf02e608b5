"""Score event records against an ``events.jsonl`` gold file (gold/GUIDELINES.md "Scoring").

System events are per document: an export record (the contract's shape) counts once
for each document among its ``evidence`` entries, so merged records and per-document
records score alike. Only the gold's documents are scored, and only records stated as
having happened (``negated`` and ``hypothetical`` ones are left out, as the export
leaves them out without ``--all``).

**Strict** (the headline, the guidelines' rule): per document, a gold event and a system
event *can* match when the system date cut to the gold's precision fits the gold date
(:func:`dyad.eval.gold.date_matches`) and the actor pair fits (:func:`dyad.eval.gold.pair_matches`).
The matching is one-to-one: the largest set of pairs in which each gold and each system
event is used at most once, and among those the one with the most type-agreeing pairs
(:func:`match_one_to_one`). A second system event for an act already matched is a false
alarm. Type agreement: matched pairs whose PLOVER type scores as the gold's coarse class
(:data:`dyad.eval.gold.SCORES_AS`, the guidelines' table) / matched pairs.

**Lenient** (the rule dyad used before, printed apart for comparison): a gold event is found
when *any* system event matches it, and a system event is right when it matches any gold event.

``dyad eval events`` scores what the database exports, so the figure is what users get;
``python -m dyad.eval.sets`` does it for every evaluation set.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dyad.eval.gold import GoldEvent, date_matches, load_gold_events, pair_matches, scores_as


@dataclass(frozen=True)
class SystemEvent:
    """One export record as seen from one of its evidence documents."""

    doc: str
    date: str | None
    source: str | None
    target: str | None
    type: str
    mode: str | None
    text: str

    def agrees(self, gold: GoldEvent) -> bool:
        return gold.type in scores_as(self.type, self.mode)


@dataclass
class EvalReport:
    precision: float
    recall: float
    type_agreement: float
    found: int
    gold_total: int
    matched_system: int
    system_total: int
    misses: list[GoldEvent] = field(default_factory=list)
    false_alarms: list[SystemEvent] = field(default_factory=list)
    type_errors: list[tuple[GoldEvent, SystemEvent]] = field(default_factory=list)
    lenient: dict[str, float] = field(default_factory=dict)

    def figures(self) -> dict[str, object]:
        return {
            "precision": round(self.precision, 4), "recall": round(self.recall, 4),
            "type_agreement": round(self.type_agreement, 4), "found": self.found, "gold_total": self.gold_total,
            "matched_system": self.matched_system, "system_total": self.system_total,
            "lenient": {k: round(v, 4) for k, v in self.lenient.items()},
        }  # fmt: skip

    def headline(self) -> str:
        return (
            f"events (strict, one-to-one): precision {self.precision:.3f} ({self.matched_system}/{self.system_total})"
            f"  recall {self.recall:.3f} ({self.found}/{self.gold_total})  type agreement {self.type_agreement:.3f}"
        )

    def render(self, *, limit: int = 40) -> str:
        """A plain-text report for the CLI: the strict figures, the lenient ones, then misses and false alarms."""
        lines = [
            self.headline(),
            f"lenient (any match, not one-to-one): precision {self.lenient.get('precision', 0):.3f}"
            f"  recall {self.lenient.get('recall', 0):.3f}",
            f"misses ({len(self.misses)}):",
        ]
        lines += [f"  {g.id} {g.date} {'-'.join(g.actors)} {g.type}: {_short(g.text)}" for g in self.misses[:limit]]
        lines.append(f"false alarms ({len(self.false_alarms)}):")
        lines += [
            f"  {s.doc[:12]} {s.date} {s.source}-{s.target} {s.type}: {_short(s.text)}"
            for s in self.false_alarms[:limit]
        ]
        lines.append(f"type errors ({len(self.type_errors)}):")
        lines += [f"  {g.id} gold {g.type}, system {s.type}: {_short(g.text)}" for g, s in self.type_errors[:limit]]
        return "\n".join(lines)


def _short(text: str, n: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def system_events(records: Iterable[dict]) -> list[SystemEvent]:
    """Expand export records to one system event per evidence document (flagged records left out)."""
    out = []
    for rec in records:
        if rec.get("negated") or rec.get("hypothetical"):
            continue
        src, tgt = (rec.get("source") or {}).get("country"), (rec.get("target") or {}).get("country")
        docs: dict[str, str] = {}
        for ev in rec.get("evidence") or ():
            docs.setdefault(ev["doc"], ev.get("text", ""))
        out += [
            SystemEvent(doc, rec.get("date"), src, tgt, rec["type"], rec.get("mode"), text)
            for doc, text in docs.items()
        ]
    return out


def _matches(s: SystemEvent, g: GoldEvent) -> bool:
    return s.doc == g.doc and date_matches(s.date, g.date, g.end) and pair_matches((s.source, s.target), g)


def match_one_to_one(weights: list[list[int]]) -> list[tuple[int, int]]:
    """The maximum-weight matching of a gold x system weight matrix (0 = no edge), as (gold, system) pairs.

    Weights are chosen by the caller so that one more pair always outweighs any number of
    type agreements: the result is the largest matching, and among those the most agreeing.
    The Hungarian algorithm (Kuhn-Munkres, potentials form) on the square padded cost matrix.
    """
    rows, cols = len(weights), len(weights[0]) if weights else 0
    n = max(rows, cols)
    if not n:
        return []
    top = max((w for row in weights for w in row), default=0)
    cost = [[top - (weights[i][j] if i < rows and j < cols else 0) for j in range(n)] for i in range(n)]
    inf = float("inf")
    u, v, p, way = [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [inf] * (n + 1), [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    pairs = [(p[j] - 1, j - 1) for j in range(1, n + 1) if p[j]]
    return [(i, j) for i, j in pairs if i < rows and j < cols and weights[i][j] > 0]


def _match_document(gold: list[GoldEvent], system: list[SystemEvent]) -> list[tuple[GoldEvent, SystemEvent]]:
    if not gold or not system:
        return []
    pair_weight = 2 * min(len(gold), len(system)) + 1  # one more pair beats every type agreement
    weights = [[(pair_weight + s.agrees(g)) if _matches(s, g) else 0 for s in system] for g in gold]
    return [(gold[i], system[j]) for i, j in match_one_to_one(weights)]


def score_events(records: Iterable[dict], gold_path: Path) -> EvalReport:
    """Strict (one-to-one) and lenient precision, recall and type agreement of export records."""
    gold = load_gold_events(gold_path)
    docs = {g.doc for g in gold}
    system = [s for s in system_events(records) if s.doc in docs]
    pairs: list[tuple[GoldEvent, SystemEvent]] = []
    for doc in sorted(docs):
        pairs += _match_document([g for g in gold if g.doc == doc], [s for s in system if s.doc == doc])
    found_gold = {id(g) for g, _ in pairs}
    used = {id(s) for _, s in pairs}
    type_errors = [(g, s) for g, s in pairs if not s.agrees(g)]
    lenient_found = sum(any(_matches(s, g) for s in system) for g in gold)
    lenient_right = sum(any(_matches(s, g) for g in gold) for s in system)
    return EvalReport(
        precision=len(pairs) / len(system) if system else 0.0,
        recall=len(pairs) / len(gold) if gold else 0.0,
        type_agreement=(len(pairs) - len(type_errors)) / len(pairs) if pairs else 0.0,
        found=len(pairs), gold_total=len(gold), matched_system=len(pairs), system_total=len(system),
        misses=[g for g in gold if id(g) not in found_gold],
        false_alarms=[s for s in system if id(s) not in used],
        type_errors=type_errors,
        lenient={"precision": lenient_right / len(system) if system else 0.0,
                 "recall": lenient_found / len(gold) if gold else 0.0},
    )  # fmt: skip
