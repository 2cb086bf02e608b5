"""``dyad serve``: run the app under uvicorn, on 127.0.0.1 unless told otherwise.

It answers only the Host names of :func:`dyad.web.middleware.allowed_hosts` (400 for others), and a
request whose headers pass :data:`MAX_HEADER_BYTES` gets 431, not a reset connection.

>>> serve(Path("dyad.duckdb"), host="127.0.0.1", port=8000)  # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import h11
from fastapi import FastAPI
from uvicorn.protocols.http.h11_impl import H11Protocol

_DB_VARIABLE = "DYAD_SERVE_DB"  # how worker processes learn which database to open
_HOSTS_VARIABLE = "DYAD_SERVE_HOSTS"  # and which Host names to answer (newline-separated)
_CORRECTIONS_VARIABLE = "DYAD_SERVE_CORRECTIONS"  # and whether event pages take corrections ("1")
#: The most bytes of request line and headers one request may send (h11's own default is 16 kB).
MAX_HEADER_BYTES = 64 * 1024


class HeaderLimitProtocol(H11Protocol):
    """uvicorn's h11 protocol, answering 431 when a request's head is too large.

    uvicorn answers every h11 protocol error with 400 and closes at once; with the client still
    sending, the unread bytes make the kernel reset the connection, and the client sees no answer
    at all. Here the oversized case gets its status, the write side is shut, and what the client
    still sends is read and dropped for a moment before the connection closes.
    """

    _draining = False

    def send_400_response(self, msg: str) -> None:
        pending, _closed = self.conn.trailing_data
        if len(pending) <= MAX_HEADER_BYTES:
            super().send_400_response(msg)
            return
        body = b"request headers too large\n"
        headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close"),
                   (b"content-length", str(len(body)).encode())]  # fmt: skip
        for event in (h11.Response(status_code=431, headers=headers, reason=b"Request Header Fields Too Large"),
                      h11.Data(data=body), h11.EndOfMessage()):  # fmt: skip
            self.transport.write(self.conn.send(event))
        self._draining = True
        if self.transport.can_write_eof():
            self.transport.write_eof()
        asyncio.get_running_loop().call_later(1.0, self.transport.close)

    def data_received(self, data: bytes) -> None:
        if not self._draining:
            super().data_received(data)


def serve(
    db: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    allowed_hosts: Sequence[str] = (),
    allow_corrections: bool = False,
) -> None:
    """Serve the database at ``db`` read-only until interrupted (StoreError if it cannot be opened).

    With ``workers`` above 1, uvicorn runs that many processes on the one port, each with its own
    read-only connection (DuckDB lets many processes read one file), so requests are answered side by side.
    """
    import uvicorn

    from dyad.web.app import create_app
    from dyad.web.middleware import allowed_hosts as hosts_for

    hosts = hosts_for(host, allowed_hosts)
    # open first: a missing database is one clear line, not a late failure
    app = create_app(db, allowed_hosts=hosts, allow_corrections=allow_corrections)
    print(f"dyad: serving {db} at http://{host}:{port}/ with {workers} worker(s) (Ctrl-C stops)", flush=True)
    # a longer keep-alive than uvicorn's 5 s: under load, clients reusing a just-closed connection saw resets
    options: dict[str, Any] = {
        "host": host, "port": port, "log_level": "warning", "timeout_keep_alive": 75,
        "http": HeaderLimitProtocol, "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
    }  # fmt: skip
    if workers <= 1:
        uvicorn.run(app, **options)
        return
    os.environ[_DB_VARIABLE] = str(Path(db).resolve())
    os.environ[_HOSTS_VARIABLE] = "\n".join(sorted(hosts))
    os.environ[_CORRECTIONS_VARIABLE] = "1" if allow_corrections else ""
    uvicorn.run("dyad.web.serve:worker_app", factory=True, workers=workers, **options)


def worker_app() -> FastAPI:
    """The app of one uvicorn worker process (``serve(..., workers=N)``), for the database it was handed."""
    from dyad.web.app import create_app

    hosts = os.environ.get(_HOSTS_VARIABLE)
    return create_app(
        Path(os.environ[_DB_VARIABLE]),
        allowed_hosts=frozenset(hosts.split("\n")) if hosts else None,
        allow_corrections=os.environ.get(_CORRECTIONS_VARIABLE) == "1",
    )
