"""Jinja2 rendering for the pages and the report: autoescape on, data embedded with ``|tojson`` only.

Templates never build JavaScript: charts and tables read their data from
``<script type="application/json">`` blocks (inert under the CSP), filled with
Jinja's ``tojson`` filter, which escapes ``<``, ``>``, ``&`` and quotes.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATES = Path(__file__).parent / "templates"


def evidence_url(ev: dict[str, Any]) -> str:
    """The document page anchored at one evidence span, which it highlights.

    >>> evidence_url({"doc": "a b.txt", "start": 3, "end": 9})
    '/documents/a%20b.txt?start=3&end=9#ev-3-9'
    """
    start, end = int(ev.get("start", 0)), int(ev.get("end", 0))  # integers: nothing in them to escape
    return f"/documents/{_path_part(str(ev.get('doc', '')))}?start={start}&end={end}#ev-{start}-{end}"


@lru_cache(maxsize=4096)
def _path_part(name: str) -> str:
    """A file name as one path segment (a page links to the same few files many times)."""
    return quote(name, safe="")


def actor_url(actor_id: str | None) -> str:
    return f"/actors/{quote(str(actor_id or ''), safe='')}"


def event_url(event_id: str | None) -> str:
    """The page of one merged event (the report points at its row instead)."""
    return f"/events/{quote(str(event_id or ''), safe='')}"


def agreement_url(agreement_id: str | None) -> str:
    return f"/agreements/{quote(str(agreement_id or ''), safe='')}"


def span_url(kind: str, evidence: list[dict[str, Any]] | None) -> str:
    """The page of a position or quantity (``kind`` ``positions`` or ``quantities``) by its first passage."""
    ev = (evidence or [{}])[0]
    return f"/{kind}/{quote(str(ev.get('doc', '')), safe='')}/{int(ev.get('start', 0))}-{int(ev.get('end', 0))}"


def url_with(request: Request, **changes: str | None) -> str:
    """This page's URL with some query parameters set (``None`` removes one) and paging reset."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k not in changes and k != "offset" and v]
    kept += [(k, v) for k, v in changes.items() if v]
    return request.url.path + ("?" + urlencode(kept) if kept else "")


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        evidence_url=evidence_url,
        actor_url=actor_url,
        event_url=event_url,
        agreement_url=agreement_url,
        url_with=url_with,
        span_url=span_url,
    )
    env.filters["urlpart"] = lambda v: quote(str(v), safe="")
    return env


ENV = _environment()


def render(name: str, **context: Any) -> str:
    return ENV.get_template(name).render(**context)


def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    json_url = request.url.path.rstrip("/") + ".json" if request.url.path != "/" else "/home.json"
    if request.url.query:
        json_url += "?" + request.url.query
    kept = [(k, v) for k, v in request.query_params.multi_items() if k not in ("offset", "limit") and v]
    query_base = request.url.path + "?" + (urlencode(kept) + "&" if kept else "")
    html = render(name, request=request, json_url=json_url, query_base=query_base, report=False, **context)
    return HTMLResponse(html, status_code=status)


def render_error(request: Request, status: int, error: dict[str, Any]) -> HTMLResponse:
    return HTMLResponse(
        render("error.html", request=request, status=status, error=error, json_url=None, report=False),
        status_code=status,
    )
