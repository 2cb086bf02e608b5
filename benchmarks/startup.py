"""Start-up: how long the short commands take as whole processes, against the interpreter's own start-up.

    .venv/bin/python -m benchmarks.startup [--repeat 5] [--db demo.duckdb]

Each figure is the median wall (and CPU) time of ``--repeat`` runs of the command as a user types it (a fresh
``python -m dyad ...`` process each time), beside the same median for ``python -c pass``, which no
command can beat. Measured: ``dyad --help``; ``dyad export agreements`` and ``dyad ask`` on the demo
database (built here from the bundled corpus unless ``--db`` names one); and the ingest's own loading,
a process that imports the pipeline, loads spaCy, the actor matcher and the lexicons and analyses a
few sentences (``dyad.pipeline.warm_up``), which is what an ingest does before its first
document; and how soon `dyad ingest` on a terminal shows its status line. ``ask`` lists which questions
made it load spaCy (a question that needs a parse).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

Row = tuple[str, str, str]

#: Two the stored model and the patterns answer, one whose main verb takes a parse (spaCy).
QUESTIONS = [
    "On what date was the Treaty of Shimoda signed?",
    "How much was trade between Japan and Russia worth in 2019?",
    "When did Mori and Putin meet in Irkutsk?",
]
LOADING = "from dyad.config import Options; from dyad.pipeline import warm_up; warm_up(Options())"
#: Runs one question the way `dyad ask` does and says whether spaCy was loaded for it.
ASK_SPACY = r"""
import sys
from dyad.cli.main import app
try:
    app(["ask", "--db", sys.argv[1], sys.argv[2]], standalone_mode=False)
finally:
    print("SPACY" if "spacy" in sys.modules else "NO-SPACY", file=sys.stderr)
"""


def wall(cmd: list[str], repeat: int) -> tuple[float, float]:
    """Median wall and CPU (user + system) seconds of ``repeat`` runs of ``cmd``; the CPU figure is the one a busy
    machine skews least. Output is discarded; a failure stops the benchmark."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def first_status(work: Path, repeat: int) -> float:
    """Median seconds from starting `dyad ingest` (stderr on a pseudo-terminal) to the first byte of its status
    line; each run is stopped there. The document is the demo corpus's first."""
    import os
    import pty
    import select
    import signal

    from dyad.demo import corpus_files

    samples = []
    for k in range(repeat):
        master, slave = pty.openpty()
        cmd = [sys.executable, "-m", "dyad", "ingest", str(corpus_files()[0]), "--db", str(work / f"tty{k}.duckdb")]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=slave, env={**os.environ, "TERM": "xterm"})
        os.close(slave)
        ready, _, _ = select.select([master], [], [], 120)
        samples.append(time.perf_counter() - start if ready else float("inf"))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        os.close(master)
    return statistics.median(samples)


def demo_db(work: Path) -> Path:
    """The bundled demo corpus ingested into a fresh database under ``work``."""
    from dyad.demo import corpus_files

    db = work / "demo.duckdb"
    subprocess.run(
        [sys.executable, "-m", "dyad", "ingest", *map(str, corpus_files()), "--db", str(db)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return db


def startup_rows(repeat: int, db: Path | None = None, work: Path | None = None) -> list[Row]:
    """Median start-up of each short command against ``python -c pass`` (the ratio: times the bare interpreter)."""
    work = work or Path(tempfile.mkdtemp(prefix="dyad-startup-"))
    db = db or demo_db(work)
    py = [sys.executable]
    dyad = [*py, "-m", "dyad"]
    base, base_cpu = wall([*py, "-c", "pass"], repeat)
    rows: list[Row] = [("python -c pass (baseline)", f"{base:.2f} s (CPU {base_cpu:.2f} s)", "1.00")]

    def row(label: str, cmd: list[str], target: str) -> None:
        seconds, cpu = wall(cmd, repeat)
        rows.append((label, f"{seconds:.2f} s (CPU {cpu:.2f} s)", f"{seconds / base:.1f} x python (target < {target})"))

    row("dyad --help", [*dyad, "--help"], "0.3 s")
    row("dyad export agreements (demo database)", [*dyad, "export", "agreements", "--db", str(db)], "0.3 s")
    for k, question in enumerate(QUESTIONS, 1):
        row(f"dyad ask, question {k} (demo database)", [*dyad, "ask", "--db", str(db), question], "1 s")
    needs = [k for k, q in enumerate(QUESTIONS, 1) if _loads_spacy(db, q)]
    which = "question " + ", ".join(map(str, needs)) if needs else "none"
    rows.append(("  questions that loaded spaCy", f"{len(needs)} of {len(QUESTIONS)}", which))
    row("ingest loading: pipeline, spaCy, actors, lexicons", [*py, "-c", LOADING], "2 s")
    if sys.platform != "win32":
        shown = first_status(work, repeat)
        rows.append(("dyad ingest on a terminal: first status output", f"{shown:.2f} s", "target < 1 s"))
    return rows


def _loads_spacy(db: Path, question: str) -> bool:
    done = subprocess.run([sys.executable, "-c", ASK_SPACY, str(db), question], capture_output=True, text=True)
    return "NO-SPACY" not in done.stderr


def main() -> None:
    from benchmarks.bench import report

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None, help="an existing database for export and ask")
    args = parser.parse_args()
    report(startup_rows(args.repeat, args.db))


if __name__ == "__main__":
    main()
