"""The HTML pages. Each page has a JSON twin at the same path plus ``.json`` with the data it shows.

Pages: ``/`` (dyad overview), ``/timeline``, ``/index`` (cooperation–conflict
index), ``/actors`` and ``/actors/{id}``, ``/agreements``, ``/positions``,
``/indicators``, ``/documents`` and ``/documents/{name}``, ``/disagreements``,
``/search``, and one page per fact: ``/events/{id}``, ``/agreements/{id}``, ``/positions/{doc}/{start}-{end}``,
``/quantities/{doc}/{start}-{end}``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from dyad.analysis import index as cci
from dyad.store.db import Store
from dyad.store.lists import AgreementFilter
from dyad.store.sorting import AGREEMENT_SORTS, DOCUMENT_SORTS, ENTITY_SORTS, EVENT_SORTS, QUANTITY_SORTS
from dyad.web import factviews, listviews, views
from dyad.web.app import store_for
from dyad.web.errors import ApiError
from dyad.web.params import EventQuery, Offset, SortParam, check_choice, check_dyad, check_sort, event_query
from dyad.web.render import page

router = APIRouter(include_in_schema=False)
DB = Annotated[Store, Depends(store_for)]
Small = Annotated[int, Query(ge=1, le=1000)]
#: Events on one page of an actor: a first page that loads at once, the pager for the rest.
ACTOR_PAGE = 50


def _answer(request: Request, template: str, build: Callable[[], dict[str, Any]], **extra: Any) -> Response:
    data = build()
    if request.url.path.endswith(".json"):
        return JSONResponse(data)
    return page(request, template, {"data": data, **extra})


@router.get("/home.json")
@router.get("/")
def home(request: Request, store: DB) -> Response:
    return _answer(request, "home.html", lambda: views.overview(store), nav="home")


@router.get("/timeline.json")
@router.get("/timeline")
def timeline(
    request: Request,
    store: DB,
    filters: Annotated[EventQuery, Depends(event_query)],
    limit: Small = 200,
    offset: Offset = 0,
    sort: SortParam = None,
) -> Response:
    f = filters.to_filter()
    order = check_sort(sort, EVENT_SORTS, "date")
    return _answer(
        request,
        "timeline.html",
        lambda: views.timeline(store, f, limit=limit, offset=offset, sort=order),
        nav="timeline",
        form=filters.__dict__,
    )


@router.get("/timeline.csv")
@router.get("/timeline.jsonl")
def timeline_download(
    request: Request, store: DB, filters: Annotated[EventQuery, Depends(event_query)], sort: SortParam = None
) -> Response:
    """Every event of the filtered view (not just one page), in its order, in the export's shape, as CSV or JSONL."""
    fmt = "csv" if request.url.path.endswith(".csv") else "jsonl"
    body = views.download(store, filters.to_filter(), fmt, check_sort(sort, EVENT_SORTS, "date"))
    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson"
    disposition = f'attachment; filename="events.{fmt}"'
    return Response(body, media_type=media, headers={"Content-Disposition": disposition})


@router.get("/index.json")
@router.get("/index")
def index(
    request: Request,
    store: DB,
    dyad: Annotated[str | None, Query(max_length=20)] = None,
    k: Annotated[float, Query(gt=0, le=10)] = cci.DEFAULT_K,
) -> Response:
    pair = check_dyad(dyad) or views.default_dyad(store)

    def build() -> dict[str, Any]:
        data = views.require_index(views.index_view(store, pair, k=k)) if pair else {"dyad": None, "months": []}
        return {**data, "dyads": views.q.dyads(store, limit=50)}

    return _answer(request, "index.html", build, nav="index")


@router.get("/actors.json")
@router.get("/actors")
def actors(
    request: Request,
    store: DB,
    kind: Annotated[str | None, Query(max_length=20)] = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
    limit: Small = 500,
    offset: Offset = 0,
    sort: SortParam = None,
) -> Response:
    from dyad.web.api import ENTITY_KINDS

    kind = check_choice("kind", kind or None, ENTITY_KINDS)
    order = check_sort(sort, ENTITY_SORTS, "name")

    def build() -> dict[str, Any]:
        return views.actors(store, kind=kind, text=q, limit=limit, offset=offset, sort=order)

    return _answer(request, "actors.html", build, nav="actors")


@router.get("/actors/{actor_id}")  # registered second: the .json twin below must match first
@router.get("/actors/{actor_id}.json")
def actor(
    request: Request, store: DB, actor_id: str, limit: Small = ACTOR_PAGE, offset: Offset = 0, sort: SortParam = None
) -> Response:
    order = check_sort(sort, EVENT_SORTS, "date")

    def build() -> dict[str, Any]:
        return views.actor(store, actor_id, limit=limit, offset=offset, sort=order)

    return _answer(request, "actor.html", build, nav="actors")


def agreement_query(
    status: Annotated[str | None, Query(max_length=20, description="Current status, e.g. signed.")] = None,
    kind: Annotated[str | None, Query(max_length=20, description="treaty, declaration, plan ...")] = None,
    party: Annotated[str | None, Query(max_length=10, description="A country code among the parties.")] = None,
    year: Annotated[str | None, Query(max_length=4, pattern=r"^(\d{4})?$", description="Year of its date.")] = None,
) -> AgreementFilter:
    return AgreementFilter(status or None, kind or None, (party or "").upper() or None, year or None)


@router.get("/agreements.json")
@router.get("/agreements")
def agreements(
    request: Request,
    store: DB,
    filters: Annotated[AgreementFilter, Depends(agreement_query)],
    limit: Small = 200,
    offset: Offset = 0,
    sort: SortParam = None,
) -> Response:
    order = check_sort(sort, AGREEMENT_SORTS, "date")

    def build() -> dict[str, Any]:
        return listviews.agreements(store, filters, order, limit=limit, offset=offset)

    return _answer(request, "agreements.html", build, nav="agreements")


def _download(request: Request, name: str, records: Any) -> Response:
    """Records as CSV or JSON Lines (after the path's suffix), as an attachment named after the list."""
    fmt = "csv" if request.url.path.endswith(".csv") else "jsonl"
    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson"
    headers = {"Content-Disposition": f'attachment; filename="{name}.{fmt}"'}
    return Response(listviews.download(records, fmt, name), media_type=media, headers=headers)


@router.get("/agreements.csv")
@router.get("/agreements.jsonl")
def agreements_download(
    request: Request, store: DB, filters: Annotated[AgreementFilter, Depends(agreement_query)], sort: SortParam = None
) -> Response:
    """Every agreement of the filtered view, in its order, in the export's shape."""
    order = check_sort(sort, AGREEMENT_SORTS, "date")
    return _download(request, "agreements", listviews.all_agreements(store, filters, order))


@router.get("/agreements/{agreement_id}")  # registered second: the .json twin below must match first
@router.get("/agreements/{agreement_id}.json")
def agreement(request: Request, store: DB, agreement_id: str) -> Response:
    from dyad.web import correct

    def build() -> dict[str, Any]:
        data = factviews.agreement(store, agreement_id)
        return {**data, "correct": correct.help_for(request, data["agreement"]["id"], "agreement")}

    return _answer(request, "agreement.html", build, nav="agreements")


@router.get("/events/{event_id}")  # registered second: the .json twin below must match first
@router.get("/events/{event_id}.json")
def event(request: Request, store: DB, event_id: str) -> Response:
    from dyad.web import correct

    def build() -> dict[str, Any]:
        data = factviews.event(store, event_id)
        return {**data, "correct": correct.help_for(request, data["event"]["id"], "event")}

    return _answer(request, "event.html", build, nav="timeline")


@router.post("/events/{fact_id}/corrections")
@router.post("/agreements/{fact_id}/corrections")
async def correct_fact(request: Request, fact_id: str) -> Response:
    """The correction form's POST (``dyad serve --allow-corrections`` only; same-origin pages only)."""
    kind = "agreement" if request.url.path.startswith("/agreements/") else "event"
    return await _correct(request, fact_id, kind)


@router.post("/positions/{doc}/{span}/corrections")
@router.post("/quantities/{doc}/{span}/corrections")
async def correct_span_fact(request: Request, doc: str, span: str) -> Response:
    """The correction form's POST for a position or quantity, named by its passage."""
    start, end = _span(span)
    table = "positions" if request.url.path.startswith("/positions/") else "quantities"
    return await _correct(request, f"{table}/{doc}/{start}-{end}", "position" if table == "positions" else "quantity")


async def _correct(request: Request, fact_id: str, kind: str) -> Response:
    from starlette.concurrency import run_in_threadpool

    from dyad.web import correct

    if not request.app.state.allow_corrections:
        raise ApiError(403, "read_only", "this server is read-only: run the dyad correct command the page shows,"
                       " or start the server with dyad serve --allow-corrections")  # fmt: skip
    correct.check_same_origin(request)
    _action, changes, who, why = await correct.form_changes(request, kind)
    key = await run_in_threadpool(correct.write, request.app.state, fact_id, changes, who=who, why=why, kind=kind)
    return RedirectResponse(correct.fact_path(key, kind) + "#correction", status_code=303)


def _span(span: str) -> tuple[int, int]:
    found = re.fullmatch(r"(\d{1,9})-(\d{1,9})(\.json)?", span)
    if not found or int(found.group(1)) > int(found.group(2)):
        raise ApiError(400, "bad_parameter", f"bad span {span!r}: give START-END, e.g. 120-240")
    return int(found.group(1)), int(found.group(2))


@router.get("/positions/{doc}/{span}")
def position(request: Request, store: DB, doc: str, span: str) -> Response:
    from dyad.web import correct

    start, end = _span(span)

    def build() -> dict[str, Any]:
        data = factviews.position(store, doc, start, end)
        return {**data, "correct": correct.help_for(request, data["name"], "position")}

    return _answer(request, "position.html", build, nav="positions")


@router.get("/quantities/{doc}/{span}")
def quantity(request: Request, store: DB, doc: str, span: str) -> Response:
    from dyad.web import correct

    start, end = _span(span)

    def build() -> dict[str, Any]:
        data = factviews.quantity(store, doc, start, end)
        return {**data, "correct": correct.help_for(request, data["name"], "quantity")}

    return _answer(request, "quantity.html", build, nav="indicators")


@router.get("/positions.json")
@router.get("/positions")
def positions(
    request: Request,
    store: DB,
    actor: Annotated[str | None, Query(max_length=100)] = None,
    issue: Annotated[str | None, Query(max_length=100)] = None,
) -> Response:
    return _answer(
        request,
        "positions.html",
        lambda: listviews.positions(store, actor=actor or None, issue=issue or None),
        nav="positions",
    )


@router.get("/positions.csv")
@router.get("/positions.jsonl")
def positions_download(
    request: Request,
    store: DB,
    actor: Annotated[str | None, Query(max_length=100)] = None,
    issue: Annotated[str | None, Query(max_length=100)] = None,
) -> Response:
    """Every position of the filtered view, in the export's shape."""
    return _download(request, "positions", listviews.all_positions(store, actor=actor or None, issue=issue or None))


def quantity_query(
    what: Annotated[str | None, Query(max_length=100, description="Any part of the description.")] = None,
    subject: Annotated[str | None, Query(max_length=10, pattern=r"^([A-Za-z0-9]{2,5})?$")] = None,
    measure: Annotated[str | None, Query(max_length=100, description="A whole normalised description.")] = None,
    unit: Annotated[str | None, Query(max_length=30)] = None,
    pair: Annotated[str | None, Query(max_length=20, description="The subject's pair, e.g. JPN-RUS.")] = None,
) -> dict[str, str | None]:
    return {"what": what or None, "subject": subject.upper() if subject else None, "measure": measure or None,
            "unit": unit or None, "pair": pair or None}  # fmt: skip


@router.get("/indicators.json")
@router.get("/indicators")
def indicators(
    request: Request,
    store: DB,
    filters: Annotated[dict[str, str | None], Depends(quantity_query)],
    limit: Small = 200,
    offset: Offset = 0,
    sort: SortParam = None,
) -> Response:
    order = check_sort(sort, QUANTITY_SORTS, "source")

    def build() -> dict[str, Any]:
        return listviews.indicators(store, **filters, sort=order, limit=limit, offset=offset)

    return _answer(request, "indicators.html", build, nav="indicators")


@router.get("/indicators.csv")
@router.get("/indicators.jsonl")
def indicators_download(
    request: Request,
    store: DB,
    filters: Annotated[dict[str, str | None], Depends(quantity_query)],
    sort: SortParam = None,
) -> Response:
    """Every quantity of the filtered view (charted or not), in the export's shape and the table's order."""
    order = check_sort(sort, QUANTITY_SORTS, "source")
    return _download(request, "quantities", listviews.all_quantities(store, filters, order))


@router.get("/documents.json")
@router.get("/documents")
def documents(request: Request, store: DB, limit: Small = 500, offset: Offset = 0, sort: SortParam = None) -> Response:
    order = check_sort(sort, DOCUMENT_SORTS, "name")

    def build() -> dict[str, Any]:
        return views.documents(store, limit=limit, offset=offset, sort=order)

    return _answer(request, "documents.html", build, nav="documents")


@router.get("/documents/{name}")  # registered second: the .json twin below must match first
@router.get("/documents/{name}.json")
def document(
    request: Request,
    store: DB,
    name: str,
    start: Annotated[int | None, Query(ge=0)] = None,
    end: Annotated[int | None, Query(ge=0)] = None,
    view: Annotated[str, Query(pattern="^(repaired|original)$")] = "repaired",
) -> Response:
    if (start is None) != (end is None) or (start is not None and end is not None and end < start):
        raise ApiError(400, "bad_parameter", "give both start and end, with start <= end")
    return _answer(
        request, "document.html", lambda: views.document(store, name, start=start, end=end, view=view), nav="documents"
    )


@router.get("/disagreements.json")
@router.get("/disagreements")
def disagreements(request: Request, store: DB) -> Response:
    return _answer(
        request,
        "disagreements.html",
        lambda: views.disagreements(store, request.app.state.knowledge.issues),
        nav="disagreements",
    )


@router.get("/search.json")
@router.get("/search")
def search(
    request: Request,
    store: DB,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 30,
    offset: Offset = 0,
    sort: SortParam = None,
) -> Response:
    text = (q or "").strip()
    order = check_sort(sort, views.SEARCH_SORTS, "score")
    empty = {"q": "", "total": 0, "limit": limit, "offset": 0, "items": [], "sort": order.param}
    build = (lambda: views.search(store, text, limit=limit, offset=offset, sort=order)) if text else (lambda: empty)
    return _answer(request, "search.html", build, nav="search")
