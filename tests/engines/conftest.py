"""Fixtures for the engine tests: one Ray ingest of the seeds per session, with its Parquet output."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.config import Options


@pytest.fixture(scope="session")
def ray_seeds(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> tuple[Path, Path, list[str]]:
    """The seeds ingested with the Ray engine on a local 2-CPU Ray: (database, Parquet folder, result lines)."""
    from dyad.engines.ray_engine import ingest_with_ray

    work = tmp_path_factory.mktemp("ray")
    db, parquet = work / "ray.duckdb", work / "parquet"
    options = Options(db=db, processes=2)
    lines = [r.line() for r in ingest_with_ray([seeds_dir], options, None, parquet)]
    return db, parquet, lines
