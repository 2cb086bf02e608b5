"""dyad's benchmark: figures as ratios against a baseline measured in the same run.

    .venv/bin/python benchmarks/bench.py [--repeat 3] [--corpus DIR] [--quick]

Measures, whole process to whole process (each figure is the median of --repeat runs):

- throughput of `dyad ingest` against a bare spaCy ``nlp.pipe`` over the same paragraphs (ratio, target >= 0.8);
- `dyad ingest --processes 2` against one process (ratio, target >= 1.7);
- peak memory of `dyad ingest` at 1x, 4x and 16x the corpus (target: flat);
- incremental ingest of one document into a database of many synthetic documents (seconds, target < 2 s).

Results are printed as a table and appended, dated, to benchmarks/RESULTS.md. The corpus is copied
N times with a distinct marker line per copy so content hashes differ; copies are clearly synthetic
and never used for accuracy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
DEFAULT_CORPUS = ROOT.parent / "shared" / "seeds"

BARE_SPACY = r"""
import sys
from pathlib import Path
from dyad.extract.parse import load_nlp, paragraph_spans
nlp = load_nlp()
tokens = 0
for path in sorted(Path(sys.argv[1]).iterdir()):
    text = path.read_text(encoding="utf-8", errors="replace")
    for doc in nlp.pipe((text[s:e] for s, e in paragraph_spans(text)), batch_size=64):
        tokens += len(doc)
print(tokens)
"""

MAXRSS = r"""
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def make_corpus(source: Path, copies: int, dest: Path) -> Path:
    """``copies`` copies of every file in ``source``, each with a distinct synthetic marker line."""
    dest.mkdir(parents=True, exist_ok=True)
    for k in range(copies):
        for path in sorted(source.iterdir()):
            if path.suffix not in {".txt", ".md"}:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            (dest / f"c{k:03d}_{path.name}").write_text(f"{text}\n\n[synthetic benchmark copy {k}]\n", "utf-8")
    return dest


def timed(cmd: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return time.perf_counter() - start, out.stdout


def dyad_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "dyad", *args]


def ingest_seconds(corpus: Path, processes: int, work: Path) -> float:
    db = work / f"bench-{processes}-{time.monotonic_ns()}.duckdb"
    seconds, _ = timed(dyad_cmd("ingest", str(corpus), "--db", str(db), "--processes", str(processes)))
    db.unlink(missing_ok=True)
    return seconds


def peak_rss_mb(corpus: Path, work: Path) -> float:
    db = work / f"mem-{time.monotonic_ns()}.duckdb"
    out = subprocess.run([sys.executable, "-c", MAXRSS, *dyad_cmd("ingest", str(corpus), "--db", str(db))],
                         check=True, capture_output=True, text=True).stdout
    db.unlink(missing_ok=True)
    return int(out.strip()) / 1024


def incremental_seconds(corpus: Path, work: Path, size: int) -> float:
    """Seconds to ingest one new document into a database holding ``size`` synthetic documents."""
    from benchmarks.synthetic import fill_database

    db = work / "big.duckdb"
    fill_database(db, documents=size, events_per_document=20)
    one = work / "one"
    make_corpus(corpus, 1, one)
    first = sorted(one.iterdir())[0]
    seconds, _ = timed(dyad_cmd("ingest", str(first), "--db", str(db)))
    return seconds


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--incremental-size", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="one repeat, 1x/2x memory, 1,000-document database")
    args = parser.parse_args()
    if args.quick:
        args.repeat, args.incremental_size = 1, 1_000
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="dyad-bench-") as tmp:
        work = Path(tmp)
        corpus = make_corpus(args.corpus, 2, work / "corpus")
        bare = [timed([sys.executable, "-c", BARE_SPACY, str(corpus)]) for _ in range(args.repeat)]
        tokens = int(bare[0][1].strip())
        bare_s = median([s for s, _ in bare])
        one = median([ingest_seconds(corpus, 1, work) for _ in range(args.repeat)])
        two = median([ingest_seconds(corpus, 2, work) for _ in range(args.repeat)])
        rows += [
            ("bare spaCy nlp.pipe (baseline)", f"{tokens / bare_s:,.0f} tokens/s", "1.00"),
            ("dyad ingest, 1 process", f"{tokens / one:,.0f} tokens/s", f"{bare_s / one:.2f} (target >= 0.8)"),
            ("dyad ingest, 2 processes", f"{tokens / two:,.0f} tokens/s", f"{one / two:.2f} x 1 process (>= 1.7)"),
        ]
        scales = (1, 2) if args.quick else (1, 4, 16)
        base_mem = None
        for k in scales:
            mem = peak_rss_mb(make_corpus(args.corpus, k, work / f"mem{k}"), work)
            base_mem = base_mem or mem
            rows.append((f"peak memory, {k}x corpus", f"{mem:,.0f} MB", f"{mem / base_mem:.2f} x 1x (flat = 1.0)"))
        inc = incremental_seconds(args.corpus, work, args.incremental_size)
        rows.append((f"ingest 1 doc into {args.incremental_size:,} docs", f"{inc:.2f} s", "target < 2 s"))
    report(rows)


def report(rows: list[tuple[str, str, str]]) -> None:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    width = max(len(r[0]) for r in rows)
    lines = [f"| {'measure':<{width}} | value | ratio |", f"|{'-' * (width + 2)}|---|---|"]
    lines += [f"| {a:<{width}} | {b} | {c} |" for a, b, c in rows]
    table = "\n".join(lines)
    print(table)
    with RESULTS.open("a", encoding="utf-8") as fh:
        fh.write(f"\n## {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC — {machine}\n\n{table}\n")


if __name__ == "__main__":
    main()
