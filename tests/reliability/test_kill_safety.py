"""A few SIGKILLs of `dyad ingest` in the suite; scripts/soak_kill.py runs the long soak (50+ kills)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "soak_kill.py"


def _soak_module():
    spec = importlib.util.spec_from_file_location("soak_kill", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_kill_safety_three_kills_then_clean_rerun(tmp_path: Path) -> None:
    report = _soak_module().soak(3, docs=2, seed=11, work=tmp_path, log=False)
    assert report.kills == 3
    assert report.failures == []
