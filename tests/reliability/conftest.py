"""Fixtures for the reliability tests: a small real database and the web app served by a real uvicorn process."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _web_ready() -> bool:
    return (ROOT / "dyad" / "web" / "app.py").is_file()


@pytest.fixture(scope="session")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database written through the real Store (the web tests' documents, no seed text)."""
    if not _web_ready():
        pytest.skip("dyad/web is not there yet")
    from tests.web.conftest import build_test_db

    return build_test_db(tmp_path_factory.mktemp("reliability") / "small.duckdb")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def served(small_db: Path) -> Iterator[tuple[str, int]]:
    """``(host, port)`` of the app under uvicorn in its own process, stopped after the session."""
    port = free_port()
    code = (
        "import sys, uvicorn; from pathlib import Path; from dyad.web.app import create_app; "
        "uvicorn.run(create_app(Path(sys.argv[1])), host='127.0.0.1', port=int(sys.argv[2]), log_level='error')"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(small_db), str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"the server exited: {proc.stderr.read().decode()[-800:]}") from None  # type: ignore[union-attr]
            time.sleep(0.2)
    try:
        yield "127.0.0.1", port
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        proc.stderr.close()  # type: ignore[union-attr]
