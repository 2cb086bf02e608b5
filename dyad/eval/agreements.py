"""Score agreement records against an ``agreements_gold.jsonl`` file (format: tests/extract/heldout_pairs/README.md).

Agreements are merged across documents, so the unit is the whole record, not a document's
mention. The records scored are those of ``dyad export agreements`` that cite at least one of the
gold's documents (its lines' ``docs``).

A gold agreement and a record **match** when their parties are the same set of codes (reduced as
for events: ``SUN`` counts as ``RUS``) and

- the gold is named, and one of its names (``name`` or an ``aliases`` entry, each compared as
  :func:`name_words`) is the record's name, or has two words or more that all appear in the
  record's name ("Brussels Agreement" in "2013 Brussels Agreement"); or
- the gold is unnamed (``name`` null: the documents only describe it), and the record has its
  ``kind`` and the year of its ``date``.

Matching is one-to-one (:func:`dyad.eval.events.match_one_to_one`): the largest set of pairs,
and among those the most whose ``status`` is the gold's. Recall = matched gold / gold; precision =
matched records / records scored; status agreement = matched pairs with the gold's status / matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyad.errors import GoldError
from dyad.eval.gold import read_gold_lines, reduce_code

_ARTICLES = frozenset({"the", "a", "an"})


@dataclass(frozen=True)
class GoldAgreement:
    id: str
    names: tuple[str, ...]  # name first, then aliases; empty when unnamed
    kind: str
    parties: frozenset[str]
    date: str | None
    status: str | None
    docs: tuple[str, ...]


def name_words(name: str) -> tuple[str, ...]:
    """Lower-case words without articles, punctuation or hyphens: "the Prespa-Agreement" -> (prespa, agreement)."""
    return tuple(w for w in re.split(r"[^\w]+", name.lower()) if w and w not in _ARTICLES)


def _parties(codes: Iterable[str | None]) -> frozenset[str]:
    return frozenset(c for c in (reduce_code(x) for x in codes) if c)


def load_gold_agreements(path: Path) -> list[GoldAgreement]:
    out = []
    for where, raw in read_gold_lines(path):
        try:
            names = tuple(n for n in [raw["name"], *(raw.get("aliases") or ())] if n) if raw["name"] else ()
            if not raw["parties"] or not raw["docs"]:
                raise GoldError(f"{where}: 'parties' and 'docs' must not be empty")
            if not names and not (raw.get("kind") and raw.get("date")):
                raise GoldError(f"{where}: an unnamed agreement needs 'kind' and 'date'")
            out.append(GoldAgreement(str(raw["id"]), names, raw.get("kind") or "", _parties(raw["parties"]),
                                     raw.get("date"), raw.get("status"), tuple(raw["docs"])))  # fmt: skip
        except KeyError as exc:
            raise GoldError(f"{where}: missing field {exc}") from exc
    return out


def matches(record: dict[str, Any], gold: GoldAgreement) -> bool:
    """The rule of the module docstring for one record against one gold agreement."""
    if _parties(record.get("parties") or ()) != gold.parties:
        return False
    if not gold.names:
        return (
            record.get("kind") == gold.kind
            and bool(gold.date)
            and (record.get("date") or "")[:4] == (gold.date or "")[:4]
        )
    have = name_words(record.get("name") or "")
    for name in gold.names:
        want = name_words(name)
        if want == have or (len(want) >= 2 and set(want) <= set(have)):
            return True
    return False


def _docs(record: dict[str, Any]) -> set[str]:
    return {e["doc"] for e in record.get("evidence") or ()}


@dataclass
class AgreementReport:
    precision: float
    recall: float
    status_agreement: float
    found: int
    gold_total: int
    system_total: int
    misses: list[GoldAgreement] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)
    status_errors: list[tuple[GoldAgreement, dict[str, Any]]] = field(default_factory=list)

    def figures(self) -> dict[str, object]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "status_agreement": round(self.status_agreement, 4), "found": self.found,
                "gold_total": self.gold_total, "system_total": self.system_total}  # fmt: skip

    def render(self) -> str:
        lines = [
            f"agreements (one-to-one): precision {self.precision:.3f} ({self.found}/{self.system_total})"
            f"  recall {self.recall:.3f} ({self.found}/{self.gold_total})"
            f"  status agreement {self.status_agreement:.3f}",
            f"misses ({len(self.misses)}):",
            *(f"  {g.id} {g.names[0] if g.names else g.kind} {'-'.join(sorted(g.parties))} {g.date}"
              for g in self.misses),
            f"false alarms ({len(self.false_alarms)}):",
            *(f"  {r.get('name')} {'-'.join(r.get('parties') or [])} {r.get('date')} {r.get('status')}"
              for r in self.false_alarms),
            f"status errors ({len(self.status_errors)}):",
            *(f"  {g.id} gold {g.status}, system {r.get('status')}" for g, r in self.status_errors),
        ]  # fmt: skip
        return "\n".join(lines)


def score_agreements(records: Iterable[dict[str, Any]], gold_path: Path) -> AgreementReport:
    """One-to-one precision, recall and status agreement of export records against the gold file."""
    from dyad.eval.events import match_one_to_one

    gold = load_gold_agreements(gold_path)
    docs = {d for g in gold for d in g.docs}
    system = [r for r in records if _docs(r) & docs]
    pair_weight = 2 * min(len(gold), len(system)) + 1
    weights = [[(pair_weight + (r.get("status") == g.status)) if matches(r, g) else 0 for r in system] for g in gold]
    pairs = [(gold[i], system[j]) for i, j in match_one_to_one(weights)]
    found, used = {id(g) for g, _ in pairs}, {id(r) for _, r in pairs}
    status_errors = [(g, r) for g, r in pairs if r.get("status") != g.status]
    return AgreementReport(
        precision=len(pairs) / len(system) if system else 0.0,
        recall=len(pairs) / len(gold) if gold else 0.0,
        status_agreement=(len(pairs) - len(status_errors)) / len(pairs) if pairs else 0.0,
        found=len(pairs), gold_total=len(gold), system_total=len(system),
        misses=[g for g in gold if id(g) not in found],
        false_alarms=[r for r in system if id(r) not in used],
        status_errors=status_errors,
    )  # fmt: skip
