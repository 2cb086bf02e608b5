"""The Ray engine builds the same model as the single-process ingest (real local Ray, real seeds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad import export
from dyad.config import Options
from dyad.store.db import Store

pytestmark = [
    pytest.mark.slow,
    # Ray's own modules warn about their own deprecations; ours still fail the test
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]


def exported(db: Path, kind: str) -> list[dict]:
    with Store.open(db, read_only=True) as store:
        return list(export.records(store, kind))


@pytest.mark.parametrize("kind", ["documents", "events", "quantities", "entities", "agreements", "positions"])
def test_ray_engine_export_equals_single_process(
    ray_seeds: tuple[Path, Path, list[str]], seeds_db: Path, kind: str
) -> None:
    db, _parquet, _lines = ray_seeds
    ours, theirs = exported(db, kind), exported(seeds_db, kind)
    assert ours, f"no {kind} from the ray engine"
    assert ours == theirs


def test_ray_engine_reports_every_file_added(ray_seeds: tuple[Path, Path, list[str]], seeds_dir: Path) -> None:
    _db, _parquet, lines = ray_seeds
    files = sorted(p for p in seeds_dir.iterdir() if p.is_file())
    assert len(lines) == len(files)
    assert all(line.startswith("added") for line in lines)


def test_ray_engine_second_run_is_unchanged_without_ray(
    ray_seeds: tuple[Path, Path, list[str]], seeds_dir: Path
) -> None:
    from dyad.pipeline import ingest

    db, _parquet, _lines = ray_seeds
    results = list(ingest([seeds_dir], Options(db=db, engine="ray")))
    assert {r.status for r in results} == {"unchanged"}
