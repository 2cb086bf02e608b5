"""ASGI middleware for ``dyad serve``: a Host allow-list, and HEAD wherever GET is served.

**Host allow-list.** A page on ``evil.example`` whose name an attacker re-points at 127.0.0.1
(DNS rebinding) would make the browser send requests to this server as ``Host: evil.example`` and let
that page read the corpus. So a request whose Host is not an allowed name answers 400. Allowed: the
loopback names, any IP literal (rebinding needs a name; a user who types an address gets what they
typed), the ``--host`` the server binds, and each ``--allowed-host``.

**HEAD.** FastAPI routes answer only the methods they declare, so ``HEAD /`` got 405. A HEAD request
runs as GET here and its body is dropped; the headers (``content-length`` included) are GET's.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterable
from typing import Any

from dyad.web.app import SECURITY_HEADERS

#: Names that always reach this machine's loopback.
LOOPBACK_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost")

Scope = dict[str, Any]
Receive = Any
Send = Any


def host_name(header: str) -> str:
    """The name of a Host header, without port, brackets or a trailing dot, lower case.

    >>> host_name("[::1]:8000"), host_name("Example.org.:80"), host_name("localhost")
    ('::1', 'example.org', 'localhost')
    """
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].partition("]")[0]
    if header.count(":") == 1:
        header = header.partition(":")[0]
    return header.rstrip(".")


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def allowed_hosts(bind: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """The Host names ``dyad serve --host bind --allowed-host ...`` answers (IP literals are always fine)."""
    return frozenset({*LOOPBACK_NAMES, host_name(bind), *(host_name(h) for h in extra)} - {""})


class HostAndHead:
    """Pure ASGI middleware (no per-request task, unlike ``@app.middleware``): Host check, then HEAD as GET."""

    def __init__(self, app: Any, allowed: frozenset[str] | None) -> None:
        self.app = app
        self.allowed = allowed  # None: no check (the app used in-process, e.g. by tests)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.allowed is not None:
            host = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"host"), None)
            name = host_name(host) if host is not None else None
            if name is not None and name not in self.allowed and not _is_ip(name):
                await _bad_host(send, name)
                return
        if scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_no_body(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_no_body)


class SecurityHeaders:
    """Pure ASGI middleware: each of ``headers`` on every HTTP response that does not set it itself, and an hour's
    cache lifetime on ``/static/`` files."""

    def __init__(self, app: Any, headers: dict[str, str]) -> None:
        self.app = app
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith("/static/")

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                have = [(k, v) for k, v in message.get("headers") or ()]
                names = {k.lower() for k, _v in have}
                extra = [(k, v) for k, v in self.headers if k not in names]
                if static and b"cache-control" not in names:
                    extra.append((b"cache-control", b"public, max-age=3600"))
                message = {**message, "headers": have + extra}
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _bad_host(send: Send, name: str) -> None:
    message = f"this server does not answer for the host {name[:100]!r}; start it with --allowed-host {name[:100]}"
    body = json.dumps({"error": {"code": "bad_host", "message": message, "details": None}}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
    await send({"type": "http.response.start", "status": 400, "headers": headers})
    await send({"type": "http.response.body", "body": body})
