"""Kill safety soak: SIGKILL `dyad ingest` at random points, check the database after every kill.

A clean run of a small corpus (demo documents of every format) gives the
reference: each document's row count in every per-document table, and the
exported documents and events. Then `dyad ingest` is started again and again
on one database and killed with SIGKILL, half the time at a random moment of
the run, half the time just after the k-th document was reported added (so
kills land inside writes and the derived-table rebuild). After every kill:

- the database opens (read-only, as the server would);
- no partial document: every stored document has exactly the reference's rows
  in each per-document table (so at least its passages);
- no orphans: no per-document row whose ``doc_id`` is missing from documents.

When a run finishes before its kill, its exports must equal the clean run's;
the database is then deleted so later kills hit writes again. At the end a
rerun must finish with exactly the clean run's documents and events.

    python scripts/soak_kill.py --kills 50            # about 10 minutes on 2 cores
    python scripts/soak_kill.py --kills 5 --docs 3 --seed 7

Prints one line per kill and a JSON summary; exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout: import dyad from it
DEMO = ROOT / "dyad" / "demo" / "corpus"
#: Tables keyed by doc_id that must hold all or none of a document's rows.
DOC_TABLES = ("passages", "mentions", "timexes", "event_mentions", "quantities", "agreement_mentions", "positions")
#: One of each format first, then more text documents.
PICK_ORDER = (".pdf", ".html", ".md", ".txt", ".txt", ".html", ".txt", ".md")


@dataclass
class Reference:
    """What a clean run of the corpus stores and exports."""

    counts: dict[str, dict[str, int]]
    exports: dict[str, list[str]]
    seconds: float
    per_doc: float


@dataclass
class Report:
    kills: int = 0
    completed_runs: int = 0
    checks: int = 0
    failures: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, object]:
        return {
            "kills": self.kills,
            "completed_runs": self.completed_runs,
            "checks": self.checks,
            "failures": self.failures[:20],
            "ok": not self.failures,
        }


def small_corpus(folder: Path, docs: int) -> list[Path]:
    """Copy ``docs`` demo documents, mixed formats, into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    pool = {
        suffix: sorted(p for p in DEMO.iterdir() if p.suffix == suffix and p.name != "README.md")
        for suffix in set(PICK_ORDER)
    }
    picked: list[Path] = []
    for suffix in PICK_ORDER * 3:
        if len(picked) == docs:
            break
        if pool[suffix]:
            picked.append(pool[suffix].pop(0))
    for path in picked:
        shutil.copy(path, folder / path.name)
    return sorted(folder.iterdir())


def dyad(*args: str, db: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dyad", *args, "--db", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def row_counts(db: Path) -> dict[str, dict[str, int]]:
    """doc_id -> table -> rows, read through a read-only connection."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        counts: dict[str, dict[str, int]] = {d: {} for (d,) in con.execute("SELECT doc_id FROM documents").fetchall()}
        for table in DOC_TABLES:
            for doc_id, n in con.execute(f"SELECT doc_id, count(*) FROM {table} GROUP BY doc_id").fetchall():
                counts.setdefault(doc_id, {})[table] = n
        return counts
    finally:
        con.close()


def exports(db: Path) -> dict[str, list[str]]:
    """The exported documents and events (all of them), as sorted JSON, read in-process as `dyad export` does."""
    from dyad.export import records
    from dyad.store.db import Store

    out: dict[str, list[str]] = {}
    with Store.open(db, read_only=True) as store:
        for kind in ("documents", "events"):
            rows = list(records(store, kind, include_all=True))
            for row in rows:
                row.pop("ingested_at", None)
                row.pop("path", None)  # the folder differs between the clean and the soaked corpus copy
            out[kind] = sorted(json.dumps(r, sort_keys=True, default=str) for r in rows)
    return out


def reference(corpus: Path, work: Path) -> Reference:
    db = work / "clean.duckdb"
    began = time.monotonic()
    result = dyad("ingest", str(corpus), db=db)
    seconds = time.monotonic() - began
    if result.returncode != 0:
        raise RuntimeError(f"the clean run failed: {result.stderr.strip()[-500:]}")
    counts = row_counts(db)
    docs = max(1, len(counts))
    return Reference(counts, exports(db), seconds, seconds / docs)


def check_after_kill(db: Path, ref: Reference) -> list[str]:
    """Problems of a killed database (empty when it is sound)."""
    if not db.exists():
        return []  # killed before the database was created
    try:
        if not _has_schema(db):
            return []  # killed while creating it: the migration rolled back, the next run starts over
        counts = row_counts(db)
    except duckdb.Error as exc:
        return [f"database does not open: {str(exc).splitlines()[0]}"]
    problems = []
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored = {d for (d,) in con.execute("SELECT doc_id FROM documents").fetchall()}
    finally:
        con.close()
    for doc_id, tables in counts.items():
        if doc_id not in stored:
            problems.append(f"orphan rows for {doc_id[:12]} in {sorted(tables)}")
        elif doc_id not in ref.counts:
            problems.append(f"unknown document {doc_id[:12]}")
        elif tables != ref.counts[doc_id]:
            problems.append(f"partial document {doc_id[:12]}: {tables} != {ref.counts[doc_id]}")
    return problems


def _has_schema(db: Path) -> bool:
    """Whether the schema exists; a schema-less file must then hold no table at all."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    finally:
        con.close()
    if tables and "documents" not in tables:
        raise duckdb.Error(f"half-created schema: {sorted(tables)}")
    return bool(tables)


def _drain(stream: object, lines: list[str], added: threading.Event) -> None:
    for line in stream:  # type: ignore[attr-defined]
        lines.append(line)
        if line.startswith("added"):
            added.set()


def run_and_kill(corpus: Path, db: Path, ref: Reference, rng: random.Random) -> bool:
    """Start an ingest and SIGKILL it at a random point; False when it finished first."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "dyad", "ingest", str(corpus), "--db", str(db)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines: list[str] = []
    added = threading.Event()
    reader = threading.Thread(target=_drain, args=(proc.stdout, lines, added), daemon=True)
    reader.start()
    if rng.random() < 0.5:
        delay = rng.uniform(0.2, ref.seconds * 1.05)
    else:  # just after a document landed: inside the next write or the derived rebuild
        added.wait(timeout=ref.seconds * 3)
        delay = rng.uniform(0, ref.per_doc * 1.5)
    try:
        proc.wait(timeout=delay)
        finished = True
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        finished = False
    reader.join(timeout=10)
    proc.stdout.close()  # type: ignore[union-attr]
    return not finished


def reset(db: Path) -> None:
    for path in (db, db.with_name(db.name + ".wal")):
        path.unlink(missing_ok=True)


def soak(kills: int, *, docs: int = 6, seed: int = 0, work: Path | None = None, log: bool = True) -> Report:
    """Kill ``kills`` ingests of a ``docs``-document demo corpus; check after each; compare the final rerun."""
    rng = random.Random(seed)
    work = work or Path(tempfile.mkdtemp(prefix="dyad-soak-"))
    corpus = work / "corpus"
    small_corpus(corpus, docs)
    ref = reference(corpus, work)
    db = work / "soak.duckdb"
    report = Report()
    while report.kills < kills:
        if run_and_kill(corpus, db, ref, rng):
            report.kills += 1
            problems = check_after_kill(db, ref)
            report.checks += 1
            stored = len(row_counts(db)) if not problems and db.exists() and _has_schema(db) else "?"
            if log:
                print(f"kill {report.kills:3d}: {stored} stored; {'; '.join(problems) or 'sound'}", flush=True)
            report.failures += [f"kill {report.kills}: {p}" for p in problems]
            if problems:
                reset(db)
        else:
            report.completed_runs += 1
            report.failures += _compare(db, ref, f"run completed after {report.kills} kills")
            reset(db)
    final = dyad("ingest", str(corpus), db=db)
    if final.returncode != 0:
        report.failures.append(f"final rerun failed: {final.stderr.strip()[-300:]}")
    report.failures += _compare(db, ref, "final rerun")
    return report


def _compare(db: Path, ref: Reference, when: str) -> list[str]:
    got = exports(db)
    return [
        f"{when}: {kind} differ from the clean run ({len(got[kind])} vs {len(ref.exports[kind])} records)"
        for kind in ("documents", "events")
        if got[kind] != ref.exports[kind]
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--kills", type=int, default=50, help="SIGKILLs to deliver (runs that finish first do not count)"
    )
    parser.add_argument("--docs", type=int, default=6, help="demo documents in the corpus (mixed formats)")
    parser.add_argument("--seed", type=int, default=0, help="random seed for the kill points")
    parser.add_argument("--work", type=Path, default=None, help="folder for the corpus copy and databases")
    args = parser.parse_args()
    began = time.monotonic()
    report = soak(args.kills, docs=args.docs, seed=args.seed, work=args.work)
    print(json.dumps({**report.summary(), "seconds": round(time.monotonic() - began)}, indent=1))
    sys.exit(0 if not report.failures else 1)


if __name__ == "__main__":
    main()
