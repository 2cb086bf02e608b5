"""The JSON API under ``/api/``: the contract's records, filtered and paged, plus the index and search.

Lists answer ``{"total", "limit", "offset", "items"}``; single records answer
the record itself. Bad parameters answer 400 with the error shape of
:mod:`dyad.web.app`; unknown ids answer 404.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import TypeAdapter

from dyad.analysis import index as cci
from dyad.store import queries as q
from dyad.store import sorting
from dyad.store.db import Store
from dyad.store.sorting import ENTITY_SORTS, EVENT_SORTS
from dyad.web import views
from dyad.web.app import store_for
from dyad.web.errors import ApiError, not_found
from dyad.web.params import EventQuery, Limit, Offset, SortParam, check_choice, check_dyad, check_sort, event_query

router = APIRouter(prefix="/api", tags=["api"])
DB = Annotated[Store, Depends(store_for)]
ENTITY_KINDS = ("person", "state", "organisation", "place", "agreement", "other")


def _page(items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


#: What FastAPI serialises a ``dict[str, Any]`` answer with (its fast path), used here by the busiest endpoints.
_ANSWER = TypeAdapter(dict[str, Any])


def _json(data: dict[str, Any]) -> Response:
    """``data`` as the JSON FastAPI would write for it, byte for byte, serialised in the endpoint's own thread.

    A plain endpoint's answer is validated in a second trip to the thread pool and serialised on the event
    loop; a Response goes out as it is. The routes keep ``response_model=dict[str, Any]`` for the schema.
    """
    return Response(_ANSWER.dump_json(data), media_type="application/json")


@router.get("/documents", summary="Current documents, without their text")
def list_documents(store: DB, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    rows, total = q.documents(store, limit=limit, offset=offset)
    return _page(rows, total, limit, offset)


@router.get("/documents/{name}", summary="One document: original and repaired text, removed spans")
def one_document(store: DB, name: str) -> dict[str, Any]:
    doc = q.document(store, name)
    if doc is None:
        raise not_found("document", name)
    doc.pop("offset_map")
    doc["sha256"] = doc.pop("doc_id")
    return doc


@router.get(
    "/events", summary="Merged events, filtered, in date order (or as sort= says)", response_model=dict[str, Any]
)
def list_events(
    store: DB,
    filters: Annotated[EventQuery, Depends(event_query)],
    limit: Limit = 100,
    offset: Offset = 0,
    sort: SortParam = None,
) -> Response:
    f, _actor = views.actor_filter(store, filters.to_filter())
    order = check_sort(sort, EVENT_SORTS, "date")
    rows, total = sorting.sorted_events(store, f, order, limit=limit, offset=offset)
    return _json(_page(rows, total, limit, offset))


@router.get("/events/{event_id}", summary="One merged event with all its evidence")
def one_event(store: DB, event_id: str) -> dict[str, Any]:
    from dyad.store.corrections import withheld

    # an event an analyst marked wrong is out of every list, but its record (with "correction") still answers
    return q.event(store, event_id) or withheld(store, event_id) or _raise(not_found("event", event_id))


@router.get("/dyads", summary="Country pairs with their event counts, busiest first")
def list_dyads(store: DB, limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict[str, Any]:
    rows = q.dyads(store, limit=limit)
    return {"items": [{**r, "dyad": f"{r['a']}-{r['b']}"} for r in rows]}


@router.get("/entities", summary="Actors, places, organisations, agreements as entities")
def list_entities(
    store: DB,
    kind: Annotated[str | None, Query(max_length=20)] = None,
    q_: Annotated[str | None, Query(alias="q", max_length=100)] = None,
    limit: Limit = 200,
    offset: Offset = 0,
    sort: SortParam = None,
) -> dict[str, Any]:
    kind = check_choice("kind", kind, ENTITY_KINDS)
    order = check_sort(sort, ENTITY_SORTS, "name")
    rows, total = sorting.entities(store, kind=kind, q=q_, sort=order, limit=limit, offset=offset)
    return _page(rows, total, limit, offset)


@router.get("/entities/{entity_id}", summary="One entity with roles and mentions")
def one_entity(store: DB, entity_id: str) -> dict[str, Any]:
    return q.entity(store, entity_id) or _raise(not_found("entity", entity_id))


@router.get("/agreements", summary="The agreement registry with status histories")
def list_agreements(store: DB) -> dict[str, Any]:
    rows = q.agreements(store)
    return _page(rows, len(rows), len(rows), 0)


@router.get("/agreements/{agreement_id}", summary="One agreement")
def one_agreement(store: DB, agreement_id: str) -> dict[str, Any]:
    from dyad.store.corrections import withheld

    found = q.agreement(store, agreement_id) or withheld(store, agreement_id, "agreement")
    return found or _raise(not_found("agreement", agreement_id))


@router.get("/positions", summary="Positions of actors on issues")
def list_positions(
    store: DB,
    actor: Annotated[str | None, Query(max_length=100)] = None,
    issue: Annotated[str | None, Query(max_length=100)] = None,
    limit: Limit = 1000,
    offset: Offset = 0,
) -> dict[str, Any]:
    from dyad.store import lists

    rows, total = lists.positions(store, lists.PositionFilter(actor, issue), limit=limit, offset=offset)
    return _page(rows, total, limit, offset)


@router.get("/quantities", summary="Quantities (trade, polls, counts ...) with units and dates")
def list_quantities(
    store: DB,
    what: Annotated[str | None, Query(max_length=100)] = None,
    subject: Annotated[str | None, Query(max_length=10, pattern=r"^[A-Za-z0-9]{2,5}$")] = None,
    limit: Limit = 1000,
    offset: Offset = 0,
) -> dict[str, Any]:
    from dyad.store import lists

    code = subject.upper() if subject else None
    groups = [g for g in lists.quantity_groups(store)
              if (what is None or g["what"] == what) and (code is None or code in (g["subject"] or []))]  # fmt: skip
    keys = [g["key"] for g in groups] if what or code else None
    rows = lists.quantities(store, keys, lists.Sort("source"), limit=limit, offset=offset)
    return _page(rows, sum(g["count"] for g in groups), limit, offset)


@router.get(
    "/index",
    summary="The cooperation–conflict index of a dyad, monthly, with turning points",
    response_model=dict[str, Any],
)
def index_series(
    store: DB,
    dyad: Annotated[str | None, Query(max_length=20, description="e.g. JPN-RUS; default the busiest dyad")] = None,
    k: Annotated[float, Query(gt=0, le=10, description="Jump threshold in standard deviations")] = cci.DEFAULT_K,
) -> Response:
    pair = check_dyad(dyad) or views.default_dyad(store)
    if pair is None:
        raise ApiError(404, "no_events", "the database holds no events between two countries yet")
    data = views.require_index(views.index_view(store, pair, k=k))
    data.pop("chart")
    return _json(data)


@router.get("/search", summary="Passages that hold the words asked for", response_model=dict[str, Any])
def search(
    store: DB,
    q_: Annotated[str, Query(alias="q", min_length=1, max_length=200)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Offset = 0,
    sort: SortParam = None,
) -> Response:
    text = q_.strip() or _raise(ApiError(400, "bad_parameter", "q is blank"))
    order = check_sort(sort, views.SEARCH_SORTS, "score")
    return _json(views.search(store, text, limit=limit, offset=offset, sort=order))


@router.get("/disagreements", summary="Where sources disagree about the same fact or judgement")
def disagreements(request: Request, store: DB) -> dict[str, Any]:
    return views.disagreements(store, request.app.state.knowledge.issues)


def _raise(exc: Exception) -> Any:
    raise exc
