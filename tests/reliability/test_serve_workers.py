"""`dyad serve --workers N`: N server processes on one port, all answering from the same database."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.reliability.conftest import ROOT, free_port


def _children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.append(int(status.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc").exists(), reason="counts worker processes through /proc (Linux)")
def test_serve_workers_answer_from_several_processes(small_db: Path) -> None:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "dyad", "serve", "--db", str(small_db), "--port", str(port), "--workers", "2"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert "2 worker(s)" in proc.stdout.readline()  # type: ignore[union-attr]
        deadline = time.monotonic() + 90
        bodies = []
        while time.monotonic() < deadline and len(bodies) < 6:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/events?limit=3", timeout=5) as resp:
                    assert resp.status == 200
                    bodies.append(json.loads(resp.read()))
            except OSError:  # not listening yet (a timeout is an OSError too)
                assert proc.poll() is None, proc.stderr.read()  # type: ignore[union-attr]
                time.sleep(0.3)
        assert len(bodies) == 6 and all(b == bodies[0] for b in bodies) and bodies[0]
        # uvicorn's supervisor, with one process per worker under it (beside multiprocessing's own helper)
        workers = [c for c in _children(proc.pid) if "dyad" in Path(f"/proc/{c}/cmdline").read_text(errors="replace")
                   or "multiprocessing" in Path(f"/proc/{c}/cmdline").read_text(errors="replace")]  # fmt: skip
        assert len(workers) >= 2, workers
    finally:
        proc.terminate()
        proc.communicate(timeout=30)  # waits, and closes the pipes
