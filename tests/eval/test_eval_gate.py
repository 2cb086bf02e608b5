"""The evaluation gate: `dyad eval` on every evaluation set must not fall below its pinned floors.

Each set (the seeds, ../shared/gold/dev/news and long, our held-out and own documents) is
ingested once through the real command line; each kind of `dyad eval` with a floor in
floors.json runs through the real command line too, so the gate measures what users get.
Sets under ../shared skip when it is absent. `python -m dyad.eval.sets` prints the same figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyad.eval.sets import SETS, load_floors
from tests.conftest import run_dyad

FLOORS = load_floors()
CASES = [(name, kind) for name, kinds in FLOORS.items() for kind in kinds]


@pytest.fixture(scope="session")
def set_dbs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {}


def _db(name: str, set_dbs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    eval_set = SETS[name]
    if not eval_set.present:
        pytest.skip(f"{eval_set.docs} is absent: the {name} set needs it")
    if name not in set_dbs:
        db = tmp_path_factory.mktemp(name.replace("/", "-")) / "set.duckdb"
        result = run_dyad("ingest", str(eval_set.docs), db=db)
        assert result.returncode in (0, 1), result.stderr  # a gold file beside the documents is rejected
        set_dbs[name] = db
    return set_dbs[name]


def test_eval_gate_every_set_has_floors() -> None:
    assert set(FLOORS) == set(SETS)
    assert all("events" in kinds for kinds in FLOORS.values())


@pytest.mark.slow
@pytest.mark.parametrize(("name", "kind"), CASES, ids=[f"{n}-{k}" for n, k in CASES])
def test_eval_gate_floors_hold(
    name: str, kind: str, set_dbs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    db = _db(name, set_dbs, tmp_path_factory)
    result = run_dyad("eval", kind, "--gold", str(SETS[name].gold_file(kind)), "--json", db=db)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    for figure, floor in FLOORS[name][kind].items():
        assert figures[figure] >= floor, f"{name} {kind} {figure} fell to {figures[figure]:.3f}, below {floor}"


def test_eval_rejects_missing_gold(seeds_db: Path, tmp_path: Path) -> None:
    result = run_dyad("eval", "events", "--gold", str(tmp_path / "none.jsonl"), db=seeds_db)
    assert result.returncode == 1 and "gold file not found" in result.stderr
