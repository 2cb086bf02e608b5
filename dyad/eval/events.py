"""Score event records against an ``events.jsonl`` gold file (gold/GUIDELINES.md "Scoring").

System events are per document: an export record (the contract's shape) counts once
for each document among its ``evidence`` entries, so merged records and per-document
records score alike. Only the gold's documents are scored, and only records stated as
having happened (``negated`` and ``hypothetical`` ones are left out, as the export
leaves them out without ``--all``).

Matching follows the guidelines literally: a gold event is *found* when some system
event of the same document has a matching date and actor pair
(:func:`dyad.eval.gold.date_matches`, :func:`dyad.eval.gold.pair_matches`). The rule
is not one-to-one: one system event may find several gold events (two acts told by
one passage on one day between one pair). Precision is the share of system events
that match at least one gold event. Type agreement is the share of found gold events
for which some matching system event's type maps to the gold coarse class (the
PLOVER-to-coarse map is data: ``coarse`` in ``dyad/data/events.yaml``).

:func:`evaluate_seeds_events` runs the pipeline's own read, repair, parse, time,
actor and event functions over a folder without a database, merges each document's
records on its own (every document keeps its own dates, as per-document scoring
wants) and scores them: ``python -m dyad.eval.events SEEDS_DIR GOLD_FILE``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from dyad.analysis.merge import merge_events
from dyad.config import Options
from dyad.eval.gold import GoldEvent, date_matches, load_gold_events, pair_matches
from dyad.extract.events_lexicon import load_lexicon
from dyad.records import EventRecord


@dataclass(frozen=True)
class SystemEvent:
    """One export record as seen from one of its evidence documents."""

    doc: str
    date: str | None
    source: str | None
    target: str | None
    coarse: str
    type: str
    text: str


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
    type_errors: list[tuple[GoldEvent, str]] = field(default_factory=list)

    def render(self, *, limit: int = 40) -> str:
        """A plain-text report for the CLI: the figures, then the misses and false alarms."""
        lines = [
            f"events: precision {self.precision:.3f} ({self.matched_system}/{self.system_total})  "
            f"recall {self.recall:.3f} ({self.found}/{self.gold_total})  type agreement {self.type_agreement:.3f}",
            f"misses ({len(self.misses)}):",
        ]
        lines += [f"  {g.id} {g.date} {'-'.join(g.actors)} {g.type}: {_short(g.text)}" for g in self.misses[:limit]]
        lines.append(f"false alarms ({len(self.false_alarms)}):")
        lines += [
            f"  {s.doc[:12]} {s.date} {s.source}-{s.target} {s.type}: {_short(s.text)}"
            for s in self.false_alarms[:limit]
        ]
        return "\n".join(lines)


def _short(text: str, n: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def system_events(records: list[dict]) -> list[SystemEvent]:
    """Expand export records to one system event per evidence document (flagged records left out)."""
    lex = load_lexicon()
    out = []
    for rec in records:
        if rec.get("negated") or rec.get("hypothetical"):
            continue
        coarse = lex.coarse(rec["type"], rec.get("mode"))
        src, tgt = (rec.get("source") or {}).get("country"), (rec.get("target") or {}).get("country")
        docs: dict[str, str] = {}
        for ev in rec.get("evidence") or ():
            docs.setdefault(ev["doc"], ev.get("text", ""))
        out += [SystemEvent(doc, rec.get("date"), src, tgt, coarse, rec["type"], text) for doc, text in docs.items()]
    return out


def _matches(s: SystemEvent, g: GoldEvent) -> bool:
    return s.doc == g.doc and date_matches(s.date, g.date, g.end) and pair_matches((s.source, s.target), g)


def score_events(records: list[dict], gold_path: Path) -> EvalReport:
    """Precision, recall and type agreement of export records against a gold file."""
    gold = load_gold_events(gold_path)
    docs = {g.doc for g in gold}
    system = [s for s in system_events(records) if s.doc in docs]
    by_doc: dict[str, list[SystemEvent]] = {}
    for s in system:
        by_doc.setdefault(s.doc, []).append(s)
    matched: set[int] = set()
    misses, type_errors, agreed, found = [], [], 0, 0
    for g in gold:
        hits = [s for s in by_doc.get(g.doc, []) if _matches(s, g)]
        if not hits:
            misses.append(g)
            continue
        found += 1
        matched.update(id(s) for s in hits)
        if any(s.coarse == g.type for s in hits):
            agreed += 1
        else:
            type_errors.append((g, hits[0].coarse))
    false_alarms = [s for s in system if id(s) not in matched]
    return EvalReport(
        precision=len(matched) / len(system) if system else 0.0,
        recall=found / len(gold) if gold else 0.0,
        type_agreement=agreed / found if found else 0.0,
        found=found, gold_total=len(gold), matched_system=len(matched), system_total=len(system),
        misses=misses, false_alarms=false_alarms, type_errors=type_errors,
    )  # fmt: skip


def extract_folder(seeds_dir: Path) -> dict[str, list[EventRecord]]:
    """Every event record of every ``.txt`` file of ``seeds_dir``, by file name."""
    # imported here: the actor and time stages load their knowledge on first use
    from dyad.extract.actors import link_actors
    from dyad.extract.events import extract_events
    from dyad.extract.knowledge import load_knowledge
    from dyad.extract.parse import parse
    from dyad.extract.timex import resolve_times
    from dyad.ingest.readers import read_file
    from dyad.ingest.repair import repair

    kb = load_knowledge()
    out = {}
    for path in sorted(Path(seeds_dir).glob("*.txt")):
        src = read_file(path, Options())
        body, _removed = repair(src.base, fmt=src.format)
        pdoc = parse(src.name, body, src.original, src.published)
        times = resolve_times(pdoc)
        mentions = link_actors(pdoc, kb, times.ref_dates)
        out[src.name] = extract_events(pdoc, mentions, times, kb)
    return out


def evaluate_seeds_events(seeds_dir: Path, gold_path: Path) -> EvalReport:
    """Score the per-document event records of ``seeds_dir`` against ``gold_path``."""
    records = [rec for events in extract_folder(seeds_dir).values() for rec in merge_events(events)]
    return score_events(records, gold_path)


if __name__ == "__main__":  # pragma: no cover - the developer's loop
    print(evaluate_seeds_events(Path(sys.argv[1]), Path(sys.argv[2])).render(limit=400))
