"""Issue 18: `dyad serve` answers only allowed Host names, HEAD wherever GET, 431 for huge headers;
a merged-away event id answers 301 to where it lives now."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dyad.store import derived
from dyad.store.db import Store
from dyad.web.app import create_app
from tests.reliability.conftest import ROOT, free_port


@pytest.fixture(scope="module")
def dyad_serve(small_db: Path) -> Iterator[int]:
    """The port of a real `dyad serve` (one worker) that also answers ``docs.example``."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "dyad", "serve", "--db", str(small_db), "--port", str(port),
         "--allowed-host", "docs.example"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            assert proc.poll() is None, proc.stderr.read()  # type: ignore[union-attr]
            time.sleep(0.2)
    try:
        yield port
    finally:
        proc.terminate()
        proc.communicate(timeout=30)


def _raw(port: int, request: bytes) -> bytes:
    """Send ``request`` as is and read the whole answer (the server closes or the read times out)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except TimeoutError:
            pass
    return b"".join(chunks)


def _get(port: int, path: str, host: str, method: str = "GET") -> tuple[int, bytes]:
    answer = _raw(port, f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


@pytest.mark.parametrize(
    ("host", "status"),
    [("evil.example", 400), ("evil.example:{port}", 400), ("localhost:{port}", 200), ("127.0.0.1:{port}", 200),
     ("[::1]:{port}", 200), ("docs.example", 200), ("LOCALHOST.", 200)],
)  # fmt: skip
def test_serve_host_allow_list(dyad_serve: int, host: str, status: int) -> None:
    got, body = _get(dyad_serve, "/api/events", host.format(port=dyad_serve))
    assert got == status, body[:200]
    if status == 400:
        assert b"bad_host" in body and b"--allowed-host" in body


@pytest.mark.parametrize("path", ["/", "/api/events", "/api/documents", "/static/plotly.min.js", "/openapi.json"])
def test_serve_head_wherever_get(dyad_serve: int, path: str) -> None:
    got_status, got_body = _get(dyad_serve, path, "localhost")
    head = _raw(dyad_serve, f"HEAD {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
    assert got_status == 200 and head.startswith(b"HTTP/1.1 200")
    assert head.endswith(b"\r\n\r\n")  # headers only, no body
    assert f"content-length: {len(got_body)}".encode() in head.lower() or b"transfer-encoding" in head.lower()


def test_serve_huge_header_is_431(dyad_serve: int) -> None:
    request = b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + b"a" * 200_000 + b"\r\n\r\n"
    answer = _raw(dyad_serve, request)
    assert answer.startswith(b"HTTP/1.1 431"), answer[:100]
    ok, _ = _get(dyad_serve, "/api/events", "localhost")  # and the server goes on
    assert ok == 200


def test_serve_merged_event_id_redirects(small_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.duckdb"
    shutil.copy(small_db, db)
    with Store.open(db) as store:
        live = next(store.derived("events"))["id"]
        derived.replace_event_ids(store, [], [], [("ev-merged-away", live)])
    client = TestClient(create_app(db), follow_redirects=False)
    for path, target in [("/api/events/ev-merged-away", f"/api/events/{live}"),
                         ("/events/ev-merged-away", f"/events/{live}"),
                         ("/events/ev-merged-away.json", f"/events/{live}.json")]:  # fmt: skip
        resp = client.get(path)
        assert resp.status_code == 301 and resp.headers["location"] == target, (path, resp.status_code)
    assert client.get("/api/events/ev-never-was").status_code == 404
    assert client.get(f"/api/events/{live}").status_code == 200
