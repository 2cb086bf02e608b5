"""Issue 17: `dyad ingest` uses every CPU it may by default; --processes N still decides when given."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dyad.config import SETTINGS, Options, usable_cpus
from dyad.engines.local import with_processes

ROOT = Path(__file__).resolve().parents[2]


def test_default_processes_is_every_usable_cpu() -> None:
    assert SETTINGS["processes"][0] is None and Options().processes is None  # unset: decided at ingest
    assert with_processes(Options()).processes == usable_cpus() >= 1
    assert with_processes(Options(processes=1)).processes == 1  # --processes 1 stays one worker
    assert with_processes(Options(processes=3)).processes == 3


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="CPU affinity is a Linux call")
def test_default_processes_follows_the_affinity_mask() -> None:
    """A process pinned to one CPU (taskset, a container's cpuset) gets one worker, whatever the machine has."""
    code = "import os; os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}); " + (
        "from dyad.config import Options; from dyad.engines.local import with_processes; "
        "print(with_processes(Options()).processes)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "1"
