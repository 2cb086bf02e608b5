"""The web application: the JSON API under ``/api/`` and the HTML pages, over one read-only database.

``create_app(db)`` opens the database read-only once; each request gets its own
cursor (DuckDB cursors are safe to use one per thread). Every response carries
strict security headers: a Content-Security-Policy that allows scripts only from
this server (no inline script), no framing, no MIME sniffing, no referrer.
Errors have one JSON shape, ``{"error": {"code", "message", "details"}}``, on
the API and the ``.json`` twins; pages show the same error as HTML.

>>> app = create_app(Path("dyad.duckdb"))  # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from dyad.store import facts
from dyad.store.db import Store
from dyad.web.errors import ApiError
from dyad.web.render import render_error

HERE = Path(__file__).parent
STATIC = HERE / "static"

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def plotly_js_path() -> Path:
    """The plotly.min.js shipped inside the ``plotly`` package (never a CDN)."""
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not path.is_file():  # pragma: no cover - a broken plotly install
        raise FileNotFoundError(f"plotly.min.js not found at {path}; reinstall the plotly package")
    return path


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path.endswith(".json") or path == "/openapi.json"


async def store_for(request: Request) -> AsyncIterator[Store]:
    """A per-request view of the shared read-only database (a FastAPI dependency; async, so that taking and
    closing a cursor, which cost nothing, do not hop to the thread pool and back as a plain generator would)."""
    base: Store = request.app.state.store
    cursor = base.con.cursor()
    try:
        yield Store(cursor, base.path, read_only=True)
    finally:
        cursor.close()


def _error_response(request: Request, status: int, code: str, message: str, details: Any = None) -> Response:
    body = {"error": {"code": code, "message": message, "details": details}}
    if wants_json(request):
        return JSONResponse(body, status_code=status)
    return render_error(request, status, body["error"])


_FACT_PATH = re.compile(r"^(/api)?/(events|agreements)/([^/]+?)(\.json)?$")
_SPAN_PATH = re.compile(r"^/(positions|quantities)/([^/]+)/(\d{1,9})-(\d{1,9})(\.json)?$")


def _moved(request: Request) -> Response | None:
    """A 301 to where a gone event or agreement id now lives (``id_redirects``), for its page, twin or API
    record; or to where a position or quantity rests in a new version of its document that moved it."""
    path = request.url.path
    fact, span = _FACT_PATH.match(path), _SPAN_PATH.match(path)
    if fact is None and span is None:
        return None
    base: Store = request.app.state.store
    cursor = base.con.cursor()
    try:
        store = Store(cursor, base.path, read_only=True)
        if fact is not None:
            new = store.redirect(fact.group(3))
            target = new and f"{fact.group(1) or ''}/{fact.group(2)}/{quote(new)}{fact.group(4) or ''}"
        elif span is not None:
            kind, doc = span.group(1), span.group(2)
            moved = facts.moved_span(store, kind, doc, int(span.group(3)), int(span.group(4)))
            target = moved and f"/{kind}/{quote(doc, safe='')}/{moved[0]}-{moved[1]}{span.group(5) or ''}"
    finally:
        cursor.close()
    return RedirectResponse(target, status_code=301) if target else None


def create_app(db: Path, *, allowed_hosts: frozenset[str] | None = None, allow_corrections: bool = False) -> FastAPI:
    """The ASGI app serving the database at ``db`` read-only (raises StoreError if it cannot be opened).

    ``allowed_hosts``: the Host names it answers (:mod:`dyad.web.middleware`; ``dyad serve`` always
    passes them); None answers any Host, for in-process use. ``allow_corrections``: event pages offer a
    correction form whose same-origin POST writes the database (:mod:`dyad.web.correct`); the pages then
    send their origin with a form (``Referrer-Policy: same-origin``), which the POST checks.
    """
    from dyad.store.snapshot import follow_snapshots
    from dyad.web import api, pages
    from dyad.web.middleware import HostAndHead, SecurityHeaders

    app = FastAPI(
        title="dyad",
        summary="An evidence-linked model of relations between states: events, agreements, positions, quantities.",
        version="1",
        docs_url=None,  # Swagger UI loads its scripts from a CDN; the schema is at /openapi.json
        redoc_url=None,
    )
    app.state.db = db
    app.state.allow_corrections = allow_corrections
    # the packaged knowledge, one bundle for the app's life: each part read the first time a page needs it
    from dyad.config import Options
    from dyad.knowledge import Knowledge

    app.state.knowledge = Knowledge.from_options(Options())
    if allow_corrections:  # readers must follow a snapshot, never hold the file a correction writes
        from dyad.web.correct import prepare

        prepare(db)
    # serve the newest snapshot an ingest published (or the file itself): ingest and serve never share the file
    follow_snapshots(app, db)
    headers = {**SECURITY_HEADERS, **({"Referrer-Policy": "same-origin"} if allow_corrections else {})}
    app.state.plotly_js = plotly_js_path()

    app.add_middleware(SecurityHeaders, headers=headers)  # outside the snapshot's: its 503 gets them too

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        if exc.status == 404 and (moved := _moved(request)):
            return moved
        return _error_response(request, exc.status, exc.code, exc.message, exc.details)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        details = [
            {"parameter": ".".join(str(p) for p in err.get("loc", ())[1:]), "problem": err.get("msg")}
            for err in exc.errors()
        ]
        names = ", ".join(d["parameter"] for d in details) or "request"
        return _error_response(request, 400, "bad_parameter", f"bad value for {names}", details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404 and (moved := _moved(request)):
            return moved
        code = "not_found" if exc.status_code == 404 else "http_error"
        return _error_response(request, exc.status_code, code, str(exc.detail))

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Response:  # pragma: no cover - a bug of ours
        return _error_response(request, 500, "internal", f"{type(exc).__name__}: the server hit a bug")

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(app.state.plotly_js, media_type="text/javascript")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_middleware(HostAndHead, allowed=allowed_hosts)  # added last: it runs first

    return app
