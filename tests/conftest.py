"""Shared fixtures: the seeds and gold under ../shared, read at run time, never copied."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# Property tests check outcomes, not speed: a shared 2-core machine makes per-example deadlines flaky.
settings.register_profile("dyad", deadline=None)
settings.load_profile("dyad")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The seed documents; tests that need them skip when ../shared is absent."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent: seed-based tests need the shared corpus")
    return SEEDS


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    if not GOLD.is_dir():
        pytest.skip("../shared/gold/seeds is absent: gold-based tests need the shared gold files")
    return GOLD


def seed_file(name_prefix: str) -> Path:
    """The seed whose file name starts with ``name_prefix`` (e.g. ``"004"``)."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    matches = sorted(SEEDS.glob(f"{name_prefix}*"))
    if not matches:
        pytest.skip(f"no seed named {name_prefix}*")
    return matches[0]


def run_dyad(*args: str, db: Path, timeout: float = 600, **kwargs):
    """Run the real command line in a subprocess, as a user would."""
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "dyad", *args, "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=timeout,
        **kwargs,
    )


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """A database holding the five seeds, ingested once per test session through the real CLI."""
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    result = run_dyad("ingest", str(seeds_dir), db=db)
    assert result.returncode == 0, result.stderr
    return db
