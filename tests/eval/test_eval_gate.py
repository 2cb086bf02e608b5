"""The evaluation gate: `dyad eval` on the seeds' database must not fall below the pinned floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_dyad

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))
GOLD_FILE = {"dates": "events", "linking": "events"}  # the layers are scored on the events gold


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(k for k in FLOORS if not k.startswith("_")))
def test_eval_gate_floors_hold(kind: str, seeds_db: Path, gold_dir: Path) -> None:
    gold = gold_dir / f"{GOLD_FILE.get(kind, kind)}.jsonl"
    result = run_dyad("eval", kind, "--gold", str(gold), "--json", db=seeds_db)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    for name, floor in FLOORS[kind].items():
        assert figures[name] >= floor, f"{kind} {name} fell to {figures[name]:.3f}, below the floor {floor}"


def test_eval_rejects_missing_gold(seeds_db: Path, tmp_path: Path) -> None:
    result = run_dyad("eval", "events", "--gold", str(tmp_path / "none.jsonl"), db=seeds_db)
    assert result.returncode == 1 and "gold file not found" in result.stderr
