"""Scale: a synthetic corpus of many short documents ingested as a user would, by default on Ray.

    .venv/bin/python -m benchmarks.scale --documents 10000            # local Ray over the usable CPUs
    .venv/bin/python -m benchmarks.scale --documents 200 --engine local
    .venv/bin/python -m benchmarks.scale --documents 100000 --ray-address ray://head:10001 --work /shared/dir

The corpus is the bundled demo corpus's text and Markdown files dealt out ``--documents`` times, each
copy ending in its own synthetic marker line so that every file is new content (none of it is used for
accuracy). The figure is one whole `dyad ingest DIR --engine ...` process, Ray's start-up included, as
documents, words and seconds, and the same per usable CPU (or per cluster CPU with --ray-address), which
is what benchmarks/README.md's estimate for a day of GDELT-scale news is built on. On a cluster the
corpus folder (--work) must be readable at the same path on every node.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dyad.config import usable_cpus
from dyad.demo import corpus_files

Row = tuple[str, str, str]


def make_scale_corpus(documents: int, dest: Path) -> tuple[Path, int]:
    """``documents`` short synthetic files under ``dest/corpus``; returns the folder and its word count."""
    sources = [p for p in corpus_files() if p.suffix in (".txt", ".md")]
    texts = [(p.suffix, p.read_text(encoding="utf-8")) for p in sources]
    folder = dest / "corpus"
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for k in range(documents):
        suffix, text = texts[k % len(texts)]
        body = f"{text}\n\n[synthetic scale copy {k}]\n"
        (folder / f"s{k:06d}{suffix}").write_text(body, encoding="utf-8")
        words += len(body.split())
    return folder, words


def scale_rows(documents: int, engine: str, address: str | None, work: Path) -> list[Row]:
    folder, words = make_scale_corpus(documents, work)
    cmd = [sys.executable, "-m", "dyad", "ingest", str(folder), "--db", str(work / "scale.duckdb"), "--engine", engine]
    if address:
        cmd += ["--ray-address", address]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    cpus = _cluster_cpus(address) if address else usable_cpus()
    where = f"Ray cluster, {cpus} CPUs" if address else f"{engine}, {cpus} usable CPUs"
    return [
        (f"scale corpus: {documents:,} synthetic documents", f"{words:,} words", "copies of the demo corpus"),
        (f"dyad ingest --engine {engine} ({where})", f"{seconds:,.1f} s", f"{documents / seconds:,.1f} documents/s"),
        ("  per CPU", f"{words / seconds / cpus:,.0f} words/s", f"{documents / seconds / cpus:,.2f} documents/s"),
    ]


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
    args = parser.parse_args()
    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)
        report(scale_rows(args.documents, args.engine, args.ray_address, args.work))
        return
    with tempfile.TemporaryDirectory(prefix="dyad-scale-") as tmp:
        report(scale_rows(args.documents, args.engine, args.ray_address, Path(tmp)))


if __name__ == "__main__":
    main()
