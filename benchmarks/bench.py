"""dyad's benchmark: figures as ratios against a baseline measured in the same run.

    .venv/bin/python -m benchmarks.bench [--repeat 3] [--corpus DIR] [--quick] [--events N] [--skip-ray]
        [--copies 4] [--throughput-only]

Measures, whole process to whole process (each figure is the median of --repeat runs):

- the headline: `dyad ingest` as a user runs it, with its defaults (one worker per usable CPU), against a tuned
  bare spaCy parse using the same CPUs: ``nlp.pipe`` over paragraphs, batch 64, one process per CPU, each on its
  share of the files (ratio, target >= 0.8), on --copies copies of the corpus (default 4: about 125,000 tokens
  from the seeds);
- `dyad ingest --processes 1` against one bare spaCy process (ratio, target >= 0.8), and how far the CPUs scale
  at all: the tuned parse on every CPU against one process;
- peak memory of `dyad ingest` at 1x, 4x and 16x the corpus (target: flat);
- `dyad ingest` on a local Ray over the usable CPUs (``dyad.engines.ray_engine``, Ray start-up included) against
  the default ingest;
- incremental ingest of one document into a database of many synthetic documents (seconds, target < 2 s),
  with where its time goes (cProfile of the real command: analysis, writing, ``rebuild_derived``);
- start-up of `dyad --help`, `dyad export`, `dyad ask` and the ingest's model loading, each a whole process,
  against `python -c pass` (benchmarks/startup.py);
- API p50/p95 for timeline, actor page, dyad index and search, and ``dyad ask`` after its first call, on a
  generated database of --events events (see benchmarks/api_latency.py; target p95 < 50 ms).

Results are printed as a table and appended, dated, to benchmarks/RESULTS.md. The corpus is copied
N times with a distinct marker line per copy so content hashes differ; copies are clearly synthetic
and never used for accuracy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `python benchmarks/bench.py` as well as `python -m benchmarks.bench`
    sys.path.insert(0, str(ROOT))

from benchmarks.api_latency import latency_rows  # noqa: E402 - needs the path above
from benchmarks.startup import startup_rows  # noqa: E402
from dyad.config import usable_cpus  # noqa: E402

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


def split_parts(corpus: Path, parts: int, dest: Path) -> list[Path]:
    """``parts`` folders holding the corpus's files dealt out largest first, so each has about its share of text."""
    folders = [dest / f"part{k}" for k in range(parts)]
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    files = sorted(corpus.iterdir(), key=lambda p: (-p.stat().st_size, p.name))
    for k, path in enumerate(files):
        shutil.copy(path, folders[k % parts] / path.name)
    return [f for f in folders if any(f.iterdir())]


def parallel_seconds(cmds: list[list[str]]) -> float:
    """Wall seconds for running ``cmds`` side by side, each a whole process."""
    start = time.perf_counter()
    procs = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for c in cmds]
    for proc in procs:
        if proc.wait() != 0:
            raise subprocess.CalledProcessError(proc.returncode, proc.args)
    return time.perf_counter() - start


def timed(cmd: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return time.perf_counter() - start, out.stdout


def dyad_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "dyad", *args]


def ingest_seconds(corpus: Path, processes: int | None, work: Path) -> float:
    """Wall seconds of a whole `dyad ingest` (``processes`` None: the command's default)."""
    db = work / f"bench-{processes}-{time.monotonic_ns()}.duckdb"
    chosen = [] if processes is None else ["--processes", str(processes)]
    seconds, _ = timed(dyad_cmd("ingest", str(corpus), "--db", str(db), *chosen))
    db.unlink(missing_ok=True)
    return seconds


def peak_rss_mb(corpus: Path, work: Path) -> float:
    db = work / f"mem-{time.monotonic_ns()}.duckdb"
    out = subprocess.run(
        [sys.executable, "-c", MAXRSS, *dyad_cmd("ingest", str(corpus), "--db", str(db))],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    db.unlink(missing_ok=True)
    return int(out.strip()) / 1024


def incremental_rows(corpus: Path, work: Path, size: int) -> list[tuple[str, str, str]]:
    """Ingest one new document into a database of ``size`` synthetic documents: wall time, then a profile."""
    from benchmarks.synthetic import fill_database

    db = work / "big.duckdb"
    start = time.perf_counter()
    fill_database(db, documents=size, events_per_document=20)
    fill = time.perf_counter() - start
    shutil.copy(db, work / "big-copy.duckdb")
    one = make_corpus(corpus, 1, work / "one")
    first, second = sorted(one.iterdir())[:2]
    seconds, _ = timed(dyad_cmd("ingest", str(first), "--db", str(db)))
    empty, _ = timed(dyad_cmd("ingest", str(first), "--db", str(work / "empty.duckdb")))
    rows = [
        (f"synthetic base: {size:,} docs x 20 event + 2 agreement mentions", f"{fill:.1f} s to build", "bulk, Arrow"),
        (f"ingest 1 doc into {size:,} docs (whole process)", f"{seconds:.2f} s", "target < 2 s"),
        ("same doc into an empty database (whole process)", f"{empty:.2f} s", "start-up + analysis"),
        (f"marginal cost of the {size:,}-doc database", f"{seconds - empty:.2f} s", "target < 2 s"),
    ]
    profile = work / "incremental.prof"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "cProfile",
            "-o",
            str(profile),
            "-m",
            "dyad",
            "ingest",
            str(second),
            "--db",
            str(work / "big-copy.duckdb"),
        ],
        check=True,
        capture_output=True,
    )
    found = stage_seconds(profile)
    rows += [(f"  profile: {label}", f"{found[func]:.2f} s", "") for func, label in STAGES if func in found]
    return rows


RAY_INGEST = r"""
import sys
from pathlib import Path
from dyad.config import Options
from dyad.pipeline import ingest
options = Options(db=Path(sys.argv[2]), processes=int(sys.argv[4]), engine="ray", parquet=Path(sys.argv[3]))
for _ in ingest([Path(sys.argv[1])], options):
    pass
"""


def ray_seconds(corpus: Path, work: Path) -> float:
    """Seconds for the Ray engine (local Ray on the usable CPUs, Parquet written too), Ray start-up included."""
    db, parquet = work / f"ray-{time.monotonic_ns()}.duckdb", work / f"parquet-{time.monotonic_ns()}"
    seconds, _ = timed([sys.executable, "-c", RAY_INGEST, str(corpus), str(db), str(parquet), str(usable_cpus())])
    db.unlink(missing_ok=True)
    shutil.rmtree(parquet, ignore_errors=True)
    return seconds


RAY_START = r"""
import ray
from dyad.engines.ray_engine import start_ray
start_ray()
ray.shutdown()
"""


#: the stages of one incremental ingest, by the function that does each (cumulative seconds).
STAGES = [
    ("analyse_file", "read + parse + extract the new document"),
    ("write_analysed", "write its rows"),
    ("rebuild_derived", "rebuild_derived (touched runs, agreements, entities)"),
    ("_rebuild_pairs", "  of which events of the touched pairs' runs"),
    ("merge_events", "  of which merge_events"),
    ("replace_event_changes", "  of which replacing those events"),
    ("build_registry", "  of which the touched agreements"),
    ("upsert_entities", "  of which entities"),
]


def stage_seconds(profile: Path) -> dict[str, float]:
    """Cumulative seconds of the dyad functions named in STAGES, from a cProfile dump."""
    stats = pstats.Stats(str(profile)).stats  # type: ignore[attr-defined]
    out: dict[str, float] = {}
    for (filename, _line, func), (_cc, _nc, _tt, cumulative, _callers) in stats.items():
        if "dyad" in filename and func in dict(STAGES):
            out[func] = max(out.get(func, 0.0), cumulative)
    return out


def median(values: list[float]) -> float:
    return statistics.median(values)


Row = tuple[str, str, str]


def throughput_rows(corpus: Path, args: argparse.Namespace, work: Path) -> tuple[list[Row], int, float]:
    """The headline (`dyad ingest` with its defaults against a tuned spaCy parse on the same CPUs), then one process
    against one bare process, and how far the bare parse scales over the CPUs (interleaved repeats, medians).

    Also returns the corpus's tokens and the default ingest's seconds, which the Ray figure is set against."""
    cpus = usable_cpus()
    parts = split_parts(corpus, cpus, work / "parts")
    bare = [sys.executable, "-c", BARE_SPACY]
    runs: dict[str, list[float]] = {"bare": [], "tuned": [], "one": [], "default": []}
    tokens = 0
    for _ in range(args.repeat):  # interleaved, so that a busy spell of the machine hits every figure alike
        seconds, out = timed([*bare, str(corpus)])
        tokens = int(out.strip())
        runs["bare"].append(seconds)
        runs["tuned"].append(parallel_seconds([[*bare, str(part)] for part in parts]))
        runs["default"].append(ingest_seconds(corpus, None, work))
        runs["one"].append(ingest_seconds(corpus, 1, work))
    bare_s, tuned_s, one, default = (median(runs[k]) for k in ("bare", "tuned", "one", "default"))
    rate = lambda s: f"{tokens / s:,.0f} tokens/s"  # noqa: E731
    return (
        [
            (f"corpus: {args.copies} copies of {args.corpus.name}", f"{tokens:,} tokens", "synthetic copies"),
            (f"tuned spaCy parse, {cpus} processes on {len(parts)} parts (baseline)", rate(tuned_s), "1.00"),
            (f"dyad ingest, defaults ({cpus} usable CPUs)", rate(default), f"{tuned_s / default:.2f} (target >= 0.8)"),
            ("bare spaCy nlp.pipe, 1 process", rate(bare_s), f"{tuned_s / bare_s:.2f}"),
            ("dyad ingest --processes 1", rate(one), f"{bare_s / one:.2f} x 1 bare process (>= 0.8)"),
            (f"  the CPUs' scaling: tuned parse on {cpus} / on 1", "", f"{bare_s / tuned_s:.2f} x"),
            ("  dyad's scaling: defaults / --processes 1", "", f"{one / default:.2f} x"),
        ],
        tokens,
        default,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--copies",
        type=int,
        default=4,
        help="copies of the corpus in the throughput runs (more copies: less of the figure is start-up)",
    )
    parser.add_argument("--incremental-size", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=1_000_000, help="events in the API benchmark's database")
    parser.add_argument("--skip-ray", action="store_true", help="leave out the Ray engine figure")
    parser.add_argument("--throughput-only", action="store_true", help="only the throughput and process figures")
    parser.add_argument(
        "--quick", action="store_true", help="one repeat, 1x/2x memory, 1,000-document database, 100,000 events"
    )
    args = parser.parse_args()
    if args.quick:
        args.repeat, args.incremental_size, args.events, args.copies = 1, 1_000, 100_000, min(args.copies, 2)
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="dyad-bench-") as tmp:
        work = Path(tmp)
        corpus = make_corpus(args.corpus, args.copies, work / "corpus")
        found, tokens, default = throughput_rows(corpus, args, work)
        rows += found
        if args.throughput_only:
            report(rows)
            return
        if not args.skip_ray:
            ray = median([ray_seconds(corpus, work) for _ in range(args.repeat)])
            start_up = median([timed([sys.executable, "-c", RAY_START])[0] for _ in range(args.repeat)])
            rows += [
                (
                    f"dyad ingest, Ray engine ({usable_cpus()} CPUs, start-up incl.)",
                    f"{tokens / ray:,.0f} tokens/s",
                    f"{default / ray:.2f} x dyad ingest defaults",
                ),
                ("  of which local Ray start + stop (python -c)", f"{start_up:.1f} s", ""),
            ]
        scales = (1, 2) if args.quick else (1, 4, 16)
        base_mem = None
        for k in scales:
            mem = peak_rss_mb(make_corpus(args.corpus, k, work / f"mem{k}"), work)
            base_mem = base_mem or mem
            rows.append((f"peak memory, {k}x corpus", f"{mem:,.0f} MB", f"{mem / base_mem:.2f} x 1x (flat = 1.0)"))
        rows += incremental_rows(args.corpus, work, args.incremental_size)
        rows += startup_rows(max(5, args.repeat), work=work)
        rows += latency_rows(args.events, max(10, 20 * args.repeat), work=work)
    report(rows)


def machine_line() -> str:
    """The machine the figures come from, and how busy it was (other work skews every figure)."""
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, {mem:.0f} GB, Python {platform.python_version()},"
        f" load average at the end {load}"
    )


def report(rows: list[tuple[str, str, str]]) -> None:
    machine = machine_line()
    width = max(len(r[0]) for r in rows)
    lines = [f"| {'measure':<{width}} | value | ratio |", f"|{'-' * (width + 2)}|---|---|"]
    lines += [f"| {a:<{width}} | {b} | {c} |" for a, b, c in rows]
    table = "\n".join(lines)
    print(table)
    with RESULTS.open("a", encoding="utf-8") as fh:
        fh.write(f"\n## {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC — {machine}\n\n{table}\n")


if __name__ == "__main__":
    main()
