"""Settings, declared once with their defaults and help, passed explicitly as one ``Options``.

Only the CLI reads the environment (``DYAD_DB``, ``DYAD_ACTORS``); everything
below it receives an ``Options``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

#: name -> (default, help). The README's settings table is checked against this.
SETTINGS: dict[str, tuple[object, str]] = {
    "db": ("dyad.duckdb", "DuckDB file holding the model (env DYAD_DB)."),
    "max_bytes": (50_000_000, "Files larger than this many bytes are rejected."),
    "max_seconds": (120.0, "A document whose processing takes longer than this is rejected."),
    "actor_files": ((), "Extra actor knowledge files (YAML) to load after the bundled ones (env DYAD_ACTORS)."),
    "batch_size": (64, "Paragraphs per spaCy nlp.pipe batch."),
    "processes": (
        None,
        "Worker processes that read, parse and extract documents in parallel; default every CPU this process may use"
        " (one for a single file).",
    ),
    "snapshot_every": (
        50,
        "During a long ingest, rebuild the derived records and publish a snapshot for readers (dyad serve) after"
        " this many added documents; 0: only when the batch ends.",
    ),
    "engine": ("local", "Where documents are analysed: local (this process or --processes workers) or ray."),
    "ray_address": (None, "Ray cluster for --engine ray (host:port or ray://host:10001); default a private local Ray."),
    "parquet": (None, "Also write each added document's records as year-partitioned Parquet here (any engine)."),
}


@dataclass(frozen=True)
class Options:
    db: Path = Path("dyad.duckdb")
    max_bytes: int = 50_000_000
    max_seconds: float = 120.0
    actor_files: tuple[Path, ...] = field(default_factory=tuple)
    batch_size: int = 64
    processes: int | None = None  # None: every usable CPU (see usable_cpus)
    snapshot_every: int = 50
    engine: str = "local"
    ray_address: str | None = None
    parquet: Path | None = None


def usable_cpus() -> int:
    """The CPUs this process may run on: its affinity mask, which containers, cgroups' cpusets and ``taskset``
    narrow (``os.cpu_count()`` counts the whole machine); at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux: the machine's count is the best we know
        return max(1, os.cpu_count() or 1)
