"""Scale: a synthetic corpus of many short documents ingested as a user would, by default on Ray.

    .venv/bin/python -m benchmarks.scale --documents 10000            # local Ray over the usable CPUs
    .venv/bin/python -m benchmarks.scale --documents 10000 --short --local 1000   # one paragraph each; local too
    .venv/bin/python -m benchmarks.scale --documents 200 --engine local
    .venv/bin/python -m benchmarks.scale --documents 100000 --ray-address ray://head:10001 --work /shared/dir

The corpus is the bundled demo corpus's text and Markdown files dealt out ``--documents`` times, each
copy ending in its own synthetic marker line so that every file is new content (none of it is used for
accuracy). The figure is one whole `dyad ingest DIR --engine ...` process, Ray's start-up included, as
documents, words and seconds, and the same per usable CPU (or per cluster CPU with --ray-address), which
is what benchmarks/README.md's estimate for a day of GDELT-scale news is built on. On a cluster the
corpus folder (--work) must be readable at the same path on every node.

``--short`` makes each document one paragraph of the demo corpus (dealt out in turn) instead of a whole
file. ``--local N`` also ingests the first N documents with the local engine, and the same N with Ray,
so the two per-CPU figures compare like with like (start-up included in both). The Ray run writes
Parquet too (``--parquet``), which DuckDB then reads back and counts against the database; and the
peak resident memory of each process under the ingest (read from ``/proc`` every half second: the Ray
workers, their guarded analysis processes, the driver) is reported as the largest and the median.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from dyad.config import usable_cpus
from dyad.demo import corpus_files

Row = tuple[str, str, str]


def make_scale_corpus(documents: int, dest: Path, *, short: bool = False) -> tuple[Path, int]:
    """``documents`` synthetic files under ``dest/corpus`` (whole demo files, or one paragraph of one when
    ``short``); returns the folder and its word count."""
    sources = [p for p in corpus_files() if p.suffix in (".txt", ".md")]
    texts = [(p.suffix, p.read_text(encoding="utf-8")) for p in sources]
    if short:  # every paragraph of 20 words or more, each its own document
        texts = [(suffix, para) for suffix, text in texts for para in text.split("\n\n") if len(para.split()) >= 20]
    folder = dest / "corpus"
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for k in range(documents):
        suffix, text = texts[k % len(texts)]
        body = f"{text}\n\n[synthetic scale copy {k}]\n"
        (folder / f"s{k:06d}{suffix}").write_text(body, encoding="utf-8")
        words += len(body.split())
    return folder, words


class PeakMemory:
    """The peak resident memory (``VmHWM``) of every process under ``pid``, sampled from ``/proc``."""

    def __init__(self, pid: int, every: float = 0.5) -> None:
        self.pid, self.every = pid, every
        self.peaks: dict[int, tuple[str, int]] = {}  # pid -> (command name, peak kB)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            for pid in self._tree():
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
                if "VmHWM" in fields:
                    kb = int(fields["VmHWM"].split()[0])
                    name = fields.get("Name", "?").strip()
                    self.peaks[pid] = (name, max(kb, self.peaks.get(pid, (name, 0))[1]))

    def _tree(self) -> list[int]:
        parents: dict[int, int] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        tree, frontier = [self.pid], [self.pid]
        while frontier:
            frontier = [pid for pid, parent in parents.items() if parent in frontier]
            tree += frontier
        return tree

    def stop(self) -> list[tuple[str, int]]:
        """(command name, peak MB) of each process seen, the driver first."""
        self._stop.set()
        self._thread.join()
        return [(name, kb // 1024) for _pid, (name, kb) in sorted(self.peaks.items())]


def _ingest(cmd: list[str]) -> tuple[float, list[tuple[str, int]]]:
    """Seconds of one whole ingest process, and the peak memory of each process under it."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    memory = PeakMemory(proc.pid)
    if proc.wait():
        memory.stop()
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    return time.perf_counter() - start, memory.stop()


def scale_rows(
    documents: int, engine: str, address: str | None, work: Path, *, short: bool = False, local: int = 0
) -> list[Row]:
    folder, words = make_scale_corpus(documents, work, short=short)
    kind = "one paragraph each" if short else "whole files"
    rows: list[Row] = [
        (f"scale corpus: {documents:,} synthetic documents", f"{words:,} words", f"copies of the demo corpus, {kind}")
    ]
    cpus = _cluster_cpus(address) if address else usable_cpus()
    where = f"Ray cluster, {cpus} CPUs" if address else f"{engine}, {cpus} usable CPUs"
    parquet = work / "parquet"
    cmd = [sys.executable, "-m", "dyad", "ingest", str(folder), "--db", str(work / "scale.duckdb"), "--engine", engine]
    cmd += ["--parquet", str(parquet)]
    if address:
        cmd += ["--ray-address", address]
    seconds, peaks = _ingest(cmd)
    rows += [
        (f"dyad ingest --engine {engine} ({where})", f"{seconds:,.1f} s", f"{documents / seconds:,.1f} documents/s"),
        ("  per CPU", f"{words / seconds / cpus:,.0f} words/s", f"{documents / seconds / cpus:,.2f} documents/s"),
    ]
    if peaks:
        # the driver first; then per command name (Ray's workers name themselves ray::...), its largest peak
        largest: dict[str, int] = {}
        for name, mb in peaks[1:]:
            largest[name] = max(mb, largest.get(name, 0))
        top = sorted(largest.items(), key=lambda item: -item[1])[:4]
        others = statistics.median([mb for _name, mb in peaks[1:]] or [0])
        rows.append(
            (
                f"  peak memory per process ({len(peaks)} processes)",
                f"driver {peaks[0][1]:,} MB; median of the others {others:,.0f} MB",
                "; ".join(f"{name} {mb:,} MB" for name, mb in top),
            )
        )
    rows += _parquet_rows(work / "scale.duckdb", parquet)
    if local:
        rows += _local_rows(folder, local, work, cpus, engine)
    return rows


def _parquet_rows(db: Path, parquet: Path) -> list[Row]:
    """The Parquet output read back by DuckDB: its rows per table against the database's."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = []
        for table in ("documents", "event_mentions", "quantities"):
            files = parquet / table
            if not files.exists():
                continue
            glob = str(files / "**" / "*.parquet").replace("'", "''")
            start = time.perf_counter()
            read = con.execute(f"SELECT count(*) FROM read_parquet('{glob}', hive_partitioning = true)").fetchone()
            took = time.perf_counter() - start
            stored = con.execute(f"SELECT count(*) FROM {table}").fetchone()
            n, m = (read[0] if read else 0), (stored[0] if stored else 0)
            rows.append((f"  Parquet {table}, read back by DuckDB", f"{n:,} rows in {took:.2f} s", f"database: {m:,}"))
        return rows
    finally:
        con.close()


def _local_rows(folder: Path, n: int, work: Path, cpus: int, engine: str) -> list[Row]:
    """The first ``n`` documents through the local engine and through ``engine``: per-CPU words/s of each."""
    subset = work / f"first{n}"
    subset.mkdir(exist_ok=True)
    words = 0
    for path in sorted(folder.iterdir())[:n]:
        (subset / path.name).write_bytes(path.read_bytes())
        words += len(path.read_text(encoding="utf-8").split())
    rows: list[Row] = []
    figures = {}
    for which in ("local", engine):
        db = work / f"first{n}-{which}.duckdb"
        seconds, _peaks = _ingest(
            [sys.executable, "-m", "dyad", "ingest", str(subset), "--db", str(db), "--engine", which]
        )
        figures[which] = words / seconds / cpus
        rows.append(
            (f"first {n:,} documents, --engine {which}", f"{seconds:,.1f} s", f"{figures[which]:,.0f} words/s per CPU")
        )
    rows.append((f"  {engine} / local, per CPU", "", f"{figures[engine] / figures['local']:.2f}"))
    return rows


def _cluster_cpus(address: str) -> int:
    import ray

    ray.init(address=address, logging_level="ERROR")
    try:
        return int(ray.cluster_resources().get("CPU", 1))
    finally:
        ray.shutdown()


def main() -> None:
    from benchmarks.bench import report

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--engine", choices=("ray", "local"), default="ray")
    parser.add_argument("--ray-address", default=None, help="an existing Ray cluster (default: a private local Ray)")
    parser.add_argument("--work", type=Path, default=None, help="corpus and database folder (default: temp)")
    parser.add_argument("--short", action="store_true", help="one paragraph of the demo corpus per document")
    parser.add_argument("--local", type=int, default=0, help="also the first N documents, local engine and this one")
    args = parser.parse_args()
    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)
        report(scale_rows(args.documents, args.engine, args.ray_address, args.work, short=args.short, local=args.local))
        return
    with tempfile.TemporaryDirectory(prefix="dyad-scale-") as tmp:
        report(scale_rows(args.documents, args.engine, args.ray_address, Path(tmp), short=args.short, local=args.local))


if __name__ == "__main__":
    main()
