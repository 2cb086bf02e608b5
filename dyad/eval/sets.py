"""The evaluation sets, their floors, and one command that scores them all.

A set is a folder of documents and its gold files in the format of gold/GUIDELINES.md
(``events.jsonl``, and where there are some ``questions.jsonl`` and ``quantities.jsonl``; our own sets
name them ``KIND_gold.jsonl``, and ``heldout-pairs`` has ``agreements`` and ``positions`` gold too).
The seeds and the dev sets live in the shared folder beside the checkout (``../shared``),
read at run time and never copied; the held-out documents written for dyad live under
``tests/``.

``python -m dyad.eval.sets [--keep DIR] [SET ...]`` ingests each set into its own database
with the ingest pipeline (the function ``dyad ingest`` runs), scores it with the function
``dyad eval`` runs (:func:`dyad.eval.run.evaluate`, strict one-to-one events), and prints one
table; ``--keep`` leaves the databases and the full reports (misses, false alarms) in ``DIR``.
``--one-db`` ingests the named sets (default: the seeds and the dev sets) together into one
database, as a user with all of them would, and scores each set there (:func:`one_corpus`).
The floors every set must hold are in ``tests/eval/floors.json`` (set -> kind -> figure ->
floor); ``tests/eval/test_eval_gate.py`` checks them through the real command line.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
FLOORS = ROOT / "tests" / "eval" / "floors.json"
#: the layers are scored on the events gold
_GOLD_OF = {"dates": "events", "linking": "events"}
#: kinds scored (and printed) whenever a set has their gold, floors or not
_ALWAYS = frozenset({"questions", "agreements", "positions"})


@dataclass(frozen=True)
class EvalSet:
    name: str
    docs: Path
    gold: dict[str, Path] = field(default_factory=dict)  # kind -> gold file (events, questions, quantities)

    @property
    def present(self) -> bool:
        return self.docs.is_dir() and self.gold_file("events").is_file()

    def gold_file(self, kind: str) -> Path:
        return self.gold[_GOLD_OF.get(kind, kind)]


def _shared(name: str, docs: Path, gold: Path, kinds: tuple[str, ...]) -> EvalSet:
    return EvalSet(name, docs, {k: gold / f"{k}.jsonl" for k in kinds})


def _ours(name: str, folder: Path, kinds: tuple[str, ...] = ("events",)) -> EvalSet:
    return EvalSet(name, folder, {k: folder / f"{k}_gold.jsonl" for k in kinds})


_DEV = SHARED / "gold" / "dev"
SETS: dict[str, EvalSet] = {
    s.name: s
    for s in (
        _shared("seeds", SHARED / "seeds", SHARED / "gold" / "seeds", ("events", "questions", "quantities")),
        _shared("dev/news", _DEV / "news" / "docs", _DEV / "news", ("events", "questions")),
        _shared("dev/long", _DEV / "long" / "docs", _DEV / "long", ("events", "questions")),
        _ours("heldout", ROOT / "tests" / "extract" / "heldout"),
        _ours("own", ROOT / "tests" / "extract" / "data"),
        _ours("heldout-pairs", ROOT / "tests" / "extract" / "heldout_pairs", ("events", "agreements", "positions")),
        _ours("heldout3", ROOT / "tests" / "extract" / "heldout3"),
        _ours("heldout4", ROOT / "tests" / "extract" / "heldout4"),
        _ours("heldout5", ROOT / "tests" / "extract" / "heldout5"),
        _ours("heldout6", ROOT / "tests" / "extract" / "heldout6"),
        _ours("heldout7", ROOT / "tests" / "extract" / "heldout7"),
    )
}


#: the sets ``--one-db`` puts together when none is named: the ones with questions gold
ONE_DB_SETS = ("seeds", "dev/news", "dev/long")


#: the key of floors.json holding the floors of the sets scored in one shared database (``--one-db``)
ONE_DB = "one-db"


def load_floors(*, one_db: bool = False) -> dict[str, dict[str, dict[str, float]]]:
    """Set name -> kind -> figure -> floor: each set in its own database, or (``one_db``) in one together."""
    raw = json.loads(FLOORS.read_text(encoding="utf-8"))
    if one_db:
        return {k: v for k, v in raw.get(ONE_DB, {}).items() if not k.startswith("_")}
    return {k: v for k, v in raw.items() if not k.startswith("_") and k != ONE_DB}


def ingest_folder(folder: Path, db: Path) -> None:
    """Run ``dyad ingest``'s pipeline (the same function, in this process) over ``folder`` into ``db``."""
    from dyad.config import Options
    from dyad.pipeline import ingest

    for _ in ingest([folder], Options(db=db, processes=1)):
        pass


def prefix_of(name: str, names: list[str]) -> str:
    """The file-name prefix a set's documents get in a shared database (none for the first set named)."""
    return "" if name == names[0] else name.rsplit("/", 1)[-1] + "-"


def one_corpus(names: list[str], where: Path) -> tuple[Path, dict[str, EvalSet]]:
    """Copy the documents of ``names`` into one folder under ``where`` and rewrite their gold to match.

    Sets share file names (both dev sets have ``d01.txt``), so every set but the first gets its
    last name part as a prefix (``news-d01.txt``); each gold file's ``doc`` fields are rewritten the
    same way. Returns the documents folder and, per set name, the set as it lies in the copy.
    """
    import shutil

    docs = where / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    docs.mkdir(parents=True)
    out: dict[str, EvalSet] = {}
    for name in names:
        eval_set, prefix = SETS[name], prefix_of(name, names)
        gold_files = {p.resolve() for p in eval_set.gold.values()}
        for f in sorted(eval_set.docs.iterdir()):
            if f.is_file() and f.resolve() not in gold_files:
                shutil.copyfile(f, docs / f"{prefix}{f.name}")
        gold: dict[str, Path] = {}
        for kind, path in eval_set.gold.items():
            if not path.is_file():
                continue
            target = where / "gold" / name.replace("/", "-") / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            lines = []
            for line in path.read_text(encoding="utf-8").splitlines():
                item = json.loads(line) if line.strip() else None
                if isinstance(item, dict) and isinstance(item.get("doc"), str):
                    item["doc"] = prefix + item["doc"]
                lines.append(json.dumps(item, ensure_ascii=False) if item is not None else line)
            target.write_text("\n".join(lines) + "\n", encoding="utf-8")
            gold[kind] = target
        out[name] = EvalSet(name, docs, gold)
    return docs, out


def score_set(eval_set: EvalSet, db: Path, kinds: list[str]) -> dict[str, Any]:
    """kind -> the report ``dyad eval KIND`` gives on ``db`` (ingested already)."""
    from dyad.eval.run import evaluate

    return {k: evaluate(k, eval_set.gold_file(k), db) for k in kinds if eval_set.gold_file(k).is_file()}


def main(argv: list[str] | None = None) -> int:
    from dyad.eval.run import figures_of

    parser = argparse.ArgumentParser(prog="python -m dyad.eval.sets", description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", help=f"which sets (default all): {', '.join(SETS)}")
    parser.add_argument("--keep", type=Path, help="leave each set's database and full report in this folder")
    parser.add_argument(
        "--one-db", action="store_true", help="ingest the sets together into one database and score each there"
    )
    args = parser.parse_args(argv)
    floors = load_floors(one_db=args.one_db)
    below: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        where = args.keep or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        print(
            f"{'set':<13} {'precision':>9} {'recall':>7} {'type':>6} {'questions':>9} {'agreements P/R':>14}"
            f" {'positions P/R':>13}"
        )
        names = args.sets or (list(ONE_DB_SETS) if args.one_db else list(SETS))
        absent = [n for n in names if not SETS[n].present]
        for name in absent:
            print(f"{name:<13} absent ({SETS[name].docs})")
        names = [n for n in names if n not in absent]
        shared: dict[str, EvalSet] = {}
        if args.one_db and names:
            docs, shared = one_corpus(names, where / "one-db")
            db = where / "one-db.duckdb"
            db.unlink(missing_ok=True)
            ingest_folder(docs, db)
        for name in names:
            slug = name.replace("/", "-")
            if args.one_db:
                eval_set, slug = shared[name], f"one-db-{slug}"
            else:
                eval_set = SETS[name]
                db = where / f"{slug}.duckdb"
                db.unlink(missing_ok=True)
                ingest_folder(eval_set.docs, db)
            kinds = sorted(set(floors.get(name, {})) | {"events"} | (set(eval_set.gold) & _ALWAYS))
            reports = score_set(eval_set, db, kinds)
            (where / f"{slug}.txt").write_text("\n\n".join(r.render() for r in reports.values()) + "\n", "utf-8")
            figures = {k: figures_of(r) for k, r in reports.items()}
            for kind, wanted in floors.get(name, {}).items():
                below += [f"{name} {kind} {f} {figures[kind][f]:.3f} < {v}" for f, v in wanted.items()
                          if figures.get(kind, {}).get(f, 0.0) < v]  # fmt: skip
            ev = figures["events"]
            q = f"{figures['questions']['answered_share']:.3f}" if "questions" in figures else "-"
            ag, po = (f"{f['precision']:.3f}/{f['recall']:.3f}" if (f := figures.get(k)) else "-"
                      for k in ("agreements", "positions"))  # fmt: skip
            print(
                f"{name:<13} {ev['precision']:>9.3f} {ev['recall']:>7.3f} {ev['type_agreement']:>6.3f} {q:>9}"
                f" {ag:>14} {po:>13}"
            )
    print("\n".join(["below the floors:", *below]) if below else "every floor holds")
    return 1 if below else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
