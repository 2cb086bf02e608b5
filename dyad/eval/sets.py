"""The evaluation sets, their floors, and one command that scores them all.

A set is a folder of documents and its gold files (``events.jsonl`` and, where there is one,
``questions.jsonl``, in the format of gold/GUIDELINES.md). The seeds and the dev sets live in
the shared folder beside the checkout (``../shared``), read at run time and never copied; the
held-out documents written for dyad live under ``tests/``.

``python -m dyad.eval.sets [--keep DIR] [SET ...]`` ingests each set into its own database with
the ingest pipeline (the same function ``dyad ingest`` runs), scores it strictly, and prints one
table; ``--keep`` leaves the databases and the full reports (misses, false alarms) in ``DIR``.
The floors every set must hold are in ``tests/eval/floors.json``; the test suite checks them.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
FLOORS = ROOT / "tests" / "eval" / "floors.json"


@dataclass(frozen=True)
class EvalSet:
    name: str
    docs: Path
    events: Path
    questions: Path | None = None

    @property
    def present(self) -> bool:
        return self.docs.is_dir() and self.events.is_file()


def _dev(name: str) -> EvalSet:
    base = SHARED / "gold" / "dev" / name
    return EvalSet(f"dev/{name}", base / "docs", base / "events.jsonl", base / "questions.jsonl")


SETS: dict[str, EvalSet] = {
    s.name: s
    for s in (
        EvalSet("seeds", SHARED / "seeds", SHARED / "gold" / "seeds" / "events.jsonl",
                SHARED / "gold" / "seeds" / "questions.jsonl"),
        _dev("news"),
        _dev("long"),
        EvalSet("heldout", ROOT / "tests" / "extract" / "heldout", ROOT / "tests" / "extract" / "heldout" /
                "events_gold.jsonl"),
        EvalSet("own", ROOT / "tests" / "extract" / "data", ROOT / "tests" / "extract" / "data" / "events_gold.jsonl"),
    )
}  # fmt: skip


def load_floors() -> dict[str, dict[str, float]]:
    """Set name -> figure -> floor (strict figures)."""
    raw = json.loads(FLOORS.read_text(encoding="utf-8"))
    return {k: v for k, v in raw.items() if not k.startswith("_")}


def score_set(eval_set: EvalSet, db: Path) -> dict[str, float]:
    """Ingest one set into ``db`` and return its strict figures (and the reports, under ``_reports``)."""
    from dyad import export
    from dyad.eval.events import ingest_folder, score_events
    from dyad.eval.questions import score_questions
    from dyad.store.db import Store

    ingest_folder(eval_set.docs, db)
    with Store.open(db, read_only=True) as store:
        events = score_events(list(export.records(store, "events")), eval_set.events)
        figures: dict = {"precision": events.precision, "recall": events.recall,
                         "type_agreement": events.type_agreement}  # fmt: skip
        reports = [events.render(limit=1000)]
        if eval_set.questions and eval_set.questions.is_file():
            questions = score_questions(store, eval_set.questions)
            figures["questions"] = questions.share
            reports.append(questions.render())
    figures["_reports"] = reports
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dyad.eval.sets", description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", help=f"which sets (default all): {', '.join(SETS)}")
    parser.add_argument("--keep", type=Path, help="leave each set's database and full report in this folder")
    args = parser.parse_args(argv)
    names = args.sets or list(SETS)
    floors = load_floors()
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        where = args.keep or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        print(f"{'set':<10} {'precision':>9} {'recall':>7} {'type':>6} {'questions':>9}  floors")
        for name in names:
            eval_set = SETS[name]
            if not eval_set.present:
                print(f"{name:<10} absent ({eval_set.docs})")
                continue
            slug = name.replace("/", "-")
            db = where / f"{slug}.duckdb"
            db.unlink(missing_ok=True)
            figures = score_set(eval_set, db)
            (where / f"{slug}.txt").write_text("\n\n".join(figures.pop("_reports")) + "\n", encoding="utf-8")
            low = [k for k, v in floors.get(name, {}).items() if figures.get(k, 0.0) < v]
            failed |= bool(low)
            q = f"{figures['questions']:.3f}" if "questions" in figures else "-"
            print(f"{name:<10} {figures['precision']:>9.3f} {figures['recall']:>7.3f} "
                  f"{figures['type_agreement']:>6.3f} {q:>9}  {'below: ' + ', '.join(low) if low else 'held'}")
    return 1 if failed else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
