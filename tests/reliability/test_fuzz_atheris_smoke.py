"""A bounded run of the coverage-guided fuzzer (scripts/fuzz_readers.py), when atheris is installed."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "fuzz_readers.py"


@pytest.mark.slow
@pytest.mark.skipif(
    importlib.util.find_spec("atheris") is None, reason="atheris is not installed (pip install atheris)"
)
def test_fuzz_atheris_read_repair_smoke() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "-runs=30", "-max_len=2048", "-max_total_time=60"],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    tried = re.search(r"Done (\d+) runs", result.stderr)
    assert tried and int(tried.group(1)) >= 30, result.stderr[-2000:]
