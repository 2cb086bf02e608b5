"""`dyad ingest` on a terminal says it is alive before the models load; piped, it prints plain lines only."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

import pytest

from dyad.cli.progress import LOADING

ROOT = Path(__file__).resolve().parents[2]
TEXT = (
    "On 4 May 2021 the foreign ministers of Chile and Peru met in Lima and agreed to reopen\n"
    "their land border to trucks.\n"
)


def _ingest(tmp_path: Path, *, stderr_tty: bool) -> tuple[int, str, bytes]:
    """Exit status, stdout and the raw stderr of `dyad ingest` on one short document."""
    doc = tmp_path / "border.txt"
    doc.write_text(TEXT, encoding="utf-8")
    cmd = [sys.executable, "-m", "dyad", "ingest", str(doc), "--db", str(tmp_path / "p.duckdb")]
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100"}
    if not stderr_tty:
        done = subprocess.run(cmd, capture_output=True, cwd=ROOT, env=env, timeout=300)
        return done.returncode, done.stdout.decode(), done.stderr
    import pty

    try:
        master, slave = pty.openpty()
    except OSError as exc:  # a sandbox without /dev/ptmx
        pytest.skip(f"no pseudo-terminal here: {exc}")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=slave, cwd=ROOT, env=env)
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        elif proc.poll() is not None:
            break
    os.close(master)
    with proc.stdout:  # type: ignore[union-attr]
        out = proc.stdout.read().decode()  # type: ignore[union-attr]
    return proc.wait(timeout=300), out, seen


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_cli_progress_status_line_before_the_models_load(tmp_path: Path) -> None:
    code, out, seen = _ingest(tmp_path, stderr_tty=True)
    assert code == 0
    assert out.splitlines()[0] == f"added     {tmp_path / 'border.txt'}"  # results stay on stdout
    text = seen.decode("utf-8", "replace")
    assert LOADING in text
    if "border.txt" in text:  # once the file is done the status names it; never before the loading line
        assert text.index(LOADING) < text.index("border.txt")


@pytest.mark.slow
def test_cli_progress_piped_has_no_status_line(tmp_path: Path) -> None:
    code, out, err = _ingest(tmp_path, stderr_tty=False)
    assert code == 0 and out.startswith("added")
    assert b"\x1b[" not in err and LOADING.encode() not in err  # no live display when piped
