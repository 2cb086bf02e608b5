"""Fixtures for the engine tests: one Ray ingest of the seeds per session, with its Parquet output."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.config import Options


@pytest.fixture(scope="session")
def ray_seeds(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> tuple[Path, Path, list[str]]:
    """The seeds ingested with the Ray engine on a local 2-CPU Ray: (database, Parquet folder, result lines)."""
    from dyad.pipeline import ingest

    work = tmp_path_factory.mktemp("ray")
    db, parquet = work / "ray.duckdb", work / "parquet"
    options = Options(db=db, processes=2, engine="ray", parquet=parquet)
    lines = [r.line() for r in ingest([seeds_dir], options)]
    return db, parquet, lines
