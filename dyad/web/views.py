"""What each page shows, as plain JSON-ready dicts: the pages, their ``.json`` twins and the report share them.

A view function takes a :class:`Store` and checked parameters and returns the
page's data; the templates only lay it out, so the HTML and its JSON twin
cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from dyad.analysis import index as cci
from dyad.offsets import MappedText
from dyad.store import facts, sorting
from dyad.store import queries as q
from dyad.store.db import Store
from dyad.store.facets import facet_counts, month_histogram
from dyad.web import charts
from dyad.web.errors import ApiError, not_found
from dyad.web.evidence import Documents
from dyad.web.factviews import fact_url
from dyad.web.highlight import segments
from dyad.web.indicators import describe, pair_of
from dyad.web.indicators import series as indicator_series

if TYPE_CHECKING:
    from dyad.knowledge.issues import IssueData

#: The default orders of the sortable lists.
DATE_ORDER = sorting.Sort("date")
NAME_ORDER = sorting.Sort("name")
BEST_FIRST = sorting.Sort("score")
Sort = sorting.Sort


def default_dyad(store: Store) -> tuple[str, str] | None:
    rows = q.dyads(store, limit=1)
    return (rows[0]["a"], rows[0]["b"]) if rows else None


def overview(store: Store) -> dict[str, Any]:
    dyads = q.dyads(store, limit=20)
    top = (dyads[0]["a"], dyads[0]["b"]) if dyads else None
    idx = index_view(store, top) if top else None
    if idx and not idx["months"]:  # no month-dated events: no chart rather than an empty axis
        idx = None
    return {"counts": q.counts(store), "dyads": dyads, "index": idx}


def actor_filter(store: Store, f: q.EventFilter) -> tuple[q.EventFilter, dict[str, Any] | None]:
    """The filter with its actor resolved from a name ("Abe") to an id, and what it was resolved to."""
    if not f.actor:
        return f, None
    found = facts.resolve_actor(store, f.actor)
    return dataclasses.replace(f, actor=found["id"]), found


def timeline(store: Store, f: q.EventFilter, *, limit: int, offset: int, sort: Sort = DATE_ORDER) -> dict[str, Any]:
    """One page of the filtered events in ``sort`` order (applied before paging), with facets and histogram."""
    f, actor = actor_filter(store, f)
    rows, total = sorting.sorted_events(store, f, sort, limit=limit, offset=offset, quoted=True)
    rows = Documents(store).with_quotes(rows)
    return {
        "actor": actor,
        "filter": {k: v for k, v in f.__dict__.items() if v not in (None, False)},
        "total": total,
        "limit": limit,
        "offset": offset,
        "sort": sort.param,
        "events": rows,
        "facets": q.event_facets(store),
        "counts": facet_counts(store, f),
        "chart": charts.timeline(rows),
        "histogram": charts.histogram(month_histogram(store, f)),
    }


#: A download holds at most this many events (the API pages through more).
MAX_DOWNLOAD = 100_000


def download(store: Store, f: q.EventFilter, fmt: str, sort: Sort = DATE_ORDER) -> str:
    """The filtered view's events in the export's shape (``csv`` or ``jsonl``), exactly those the page counts,
    in the page's order."""
    import io

    from dyad import export

    f, _actor = actor_filter(store, f)

    def rows() -> Any:
        offset = 0
        while offset < MAX_DOWNLOAD:
            page, _total = sorting.sorted_events(store, f, sort, limit=1000, offset=offset)
            yield from ({k: v for k, v in e.items() if k != "pair"} for e in page)
            if len(page) < 1000:
                return
            offset += 1000

    out = io.StringIO()
    export.write(rows(), fmt, out, columns=export.OPTIONAL["events"])
    return out.getvalue()


def index_view(store: Store, dyad: tuple[str, str], *, k: float = cci.DEFAULT_K) -> dict[str, Any]:
    """The dyad's monthly index; turning points only in months that hold events (a quiet month turns nothing)."""
    months = cci.compute(q.monthly(store, *dyad), k=k)
    name = "-".join(dyad)
    chart = charts.index(months, name)
    return {
        "dyad": name,
        "k": k,
        "window": cci.WINDOW,
        "months": [m.as_dict() for m in months],
        "turning_points": [m.as_dict() for m in cci.turning_points(months) if m.count],
        "period": chart.pop("period"),
        "chart": chart,
    }


def require_index(data: dict[str, Any]) -> dict[str, Any]:
    """The index view, or the documented 404 when the dyad has no events dated to the month."""
    if not data["months"]:
        raise ApiError(
            404,
            "no_events",
            f"{data['dyad']} has no factual events dated to the month, so it has no index;"
            " events dated only to a year are left out (see docs/web.md)",
        )
    return data


def mention_count(entity: dict[str, Any]) -> int:
    """Newer stores keep a count in ``mentions``; older ones the list itself."""
    value = entity.get("mentions")
    return value if isinstance(value, int) else len(value or [])


def _listed(entity: dict[str, Any]) -> list[dict[str, Any]]:
    value = entity.get("mentions")
    return value if isinstance(value, list) else []


def actor(store: Store, actor_id: str, *, limit: int, offset: int, sort: Sort = DATE_ORDER) -> dict[str, Any]:
    """One actor: its record, mentions, positions, and one page of its events in ``sort`` order (before paging)."""
    entity = q.entity(store, actor_id)
    f = q.EventFilter(actor=actor_id)
    rows, total = sorting.sorted_events(store, f, sort, limit=limit, offset=offset, quoted=True)
    rows = Documents(store).with_quotes(rows)
    if entity is None and total == 0:
        raise not_found("actor", actor_id)
    entity = entity or {"id": actor_id, "name": actor_id, "kind": "other", "aliases": [], "roles": [], "mentions": []}
    as_source = sum(1 for e in rows if (e.get("source") or {}).get("id") == actor_id)
    return {
        "entity": {k: v for k, v in entity.items() if k != "mentions"},
        "mention_count": mention_count(entity),
        "mentions": q.entity_mentions(store, actor_id, limit=50) or _listed(entity)[:50],
        "events": rows,
        "total": total,
        "limit": limit,
        "offset": offset,
        "as_source": as_source,
        "as_target": len(rows) - as_source,
        "sort": sort.param,
        "positions": q.positions(store, actor=actor_id),
        "chart": charts.timeline(rows),
    }


def actors(
    store: Store, *, kind: str | None, text: str | None, limit: int, offset: int, sort: Sort = NAME_ORDER
) -> dict[str, Any]:
    rows, total = sorting.entities(store, kind=kind, q=text, sort=sort, limit=limit, offset=offset)
    slim = [{k: v for k, v in e.items() if k != "mentions"} | {"mention_count": mention_count(e)} for e in rows]
    return {"entities": slim, "total": total, "limit": limit, "offset": offset, "kind": kind, "q": text,
            "sort": sort.param}  # fmt: skip


def agreements(store: Store) -> dict[str, Any]:
    records = q.agreements(store)
    return {"agreements": records, "chart": charts.agreements(records)}


def positions_matrix(store: Store, *, actor: str | None = None, issue: str | None = None) -> dict[str, Any]:
    """Actor × issue cells of the positions (the first :data:`MATRIX_CAP` of them by document and place)."""
    from dyad.store import lists

    records, _total = lists.positions(store, lists.PositionFilter(actor, issue), limit=MATRIX_CAP)
    return matrix(records)


#: The positions matrix and the indicator charts are drawn from at most this many records; counts, facets,
#: tables and downloads cover every one.
MATRIX_CAP = 5000
CHART_CAP = 20_000


def matrix(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Actor × issue cells, each with its stances in date order (undated last) and the latest one."""
    cells: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    names: dict[str, str] = {}
    for rec in records:
        who = rec.get("actor") or {}
        key = str(who.get("id") or who.get("name") or "?")
        names[key] = str(who.get("name") or key)
        cells[(key, str(rec.get("issue")))].append(rec)
    issues = sorted({i for _a, i in cells})
    rows = []
    for key in sorted(names, key=lambda k: names[k].lower()):
        row_cells = []
        for iss in issues:
            history = sorted(cells.get((key, iss), []), key=lambda r: (r.get("date") is None, r.get("date") or ""))
            row_cells.append({"issue": iss, "history": history, "latest": history[-1] if history else None})
        rows.append({"actor": {"id": key, "name": names[key]}, "cells": row_cells})
    return {"issues": issues, "rows": rows, "positions": records}


#: The quantities table's default order: by document and place.
SOURCE_ORDER = sorting.Sort("source")


def quantity_groups(
    store: Store,
    names: Any,
    *,
    what: str | None,
    subject: str | None,
    measure: str | None = None,
    unit: str | None = None,
    pair: str | None = None,
) -> list[dict[str, Any]]:
    """The groups of quantities (same what, unit, subject) the filters keep, each with its ``measure`` and ``pair``.

    ``what`` matches a substring of the phrase or of its normalised description, in any case; ``measure`` a
    whole normalised description, ``unit`` the unit, ``pair`` the subject's pair (``JPN-RUS``), ``subject`` a
    code the subject holds.
    """
    from dyad.store import lists

    needle = " ".join(what.lower().split()) if what else None
    kept = []
    for g in lists.quantity_groups(store):
        described = describe(g["what"], names)
        g = {**g, "measure": described, "pair": pair_of(g["subject"])}
        if needle and needle not in str(g["what"]).lower() and needle not in (described or ""):
            continue
        if (measure and described != measure) or (unit and g["unit"] != unit) or (pair and g["pair"] != pair):
            continue
        if subject and subject not in (g["subject"] or []):
            continue
        kept.append(g)
    return kept


def indicators(
    store: Store,
    *,
    what: str | None,
    subject: str | None,
    measure: str | None = None,
    unit: str | None = None,
    pair: str | None = None,
    sort: Sort = SOURCE_ORDER,
    limit: int = 200,
    offset: int = 0,
) -> dict[str, Any]:
    """One chart per (normalised description, unit, pair) of the filtered quantities (:func:`quantity_groups`),
    and one page of them in ``sort`` order (applied before paging); ``groups`` are the groups kept."""
    from dyad.store import lists

    names = facts.actor_names(store)
    groups = quantity_groups(store, names, what=what, subject=subject, measure=measure, unit=unit, pair=pair)
    filtered = any((what, subject, measure, unit, pair))
    keys = [g["key"] for g in groups] if filtered else None
    total = sum(g["count"] for g in groups)
    charted = lists.quantities(store, keys, SOURCE_ORDER, limit=CHART_CAP)
    out, undescribed = indicator_series(charted, names)
    return {
        "what": what,
        "subject": subject,
        "measure": measure,
        "unit": unit,
        "pair": pair,
        "total": total,
        "limit": limit,
        "offset": offset,
        "sort": sort.param,
        "series": out,
        "undescribed": undescribed,
        "charted_from": len(charted),
        "quantities": lists.quantities(store, keys, sort, limit=limit, offset=offset),
        "charts": charts.indicators(out),
        "groups": groups,
    }


def document(store: Store, name: str, *, start: int | None, end: int | None, view: str) -> dict[str, Any]:
    """A document with every evidence span marked, the one asked for (start/end) in focus."""
    doc = q.document(store, name)
    if doc is None:
        raise not_found("document", name)
    spans = _grouped(facts.facts_citing(store, doc["doc"], doc["doc_id"]))
    focus = (start, end) if start is not None and end is not None and 0 <= start <= end <= doc["chars"] else None
    pairs = [(s["start"], s["end"]) for s in spans]
    removed = [(r["start"], r["end"]) for r in doc["removed"]]
    if view == "original":
        runs = segments(doc["original"], pairs, focus=focus, removed=removed)
    else:
        mapped = MappedText.loads(doc["text"], doc["offset_map"])
        runs = segments(
            doc["text"], pairs, focus=focus, starts=mapped.starts, ends=mapped.ends, original_length=doc["chars"]
        )
    focus_text = doc["original"][focus[0] : focus[1]] if focus else None
    meta = {k: doc[k] for k in ("doc", "doc_id", "format", "title", "published", "chars", "version")}
    return {
        "document": meta,
        "view": view,
        "removed": doc["removed"],
        "spans": spans,
        "focus": {"start": focus[0], "end": focus[1], "text": focus_text} if focus else None,
        "runs": [r.__dict__ for r in runs],
    }


def _grouped(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Facts citing a document, one entry per distinct span, each with the facts it supports and their pages."""
    spans: dict[tuple[int, int], dict[str, Any]] = {}
    for f in found:
        span = spans.setdefault((f["start"], f["end"]), {"start": f["start"], "end": f["end"], "facts": []})
        span["facts"].append({**{k: f[k] for k in ("kind", "id", "label")}, "url": fact_url(f)})
    for span in spans.values():
        span["kind"], span["label"] = span["facts"][0]["kind"], "; ".join(x["label"] for x in span["facts"])
    return list(spans.values())


def documents(store: Store, *, limit: int, offset: int, sort: Sort = NAME_ORDER) -> dict[str, Any]:
    """One page of the current documents in ``sort`` order (applied before paging)."""
    from dyad.store import lists

    rows, total = lists.documents(store, sort, limit=limit, offset=offset)
    return {"documents": rows, "total": total, "limit": limit, "offset": offset, "sort": sort.param}


def _optional(module: str, name: str) -> Any:
    """A teammate's function if its module has landed, else ``None``."""
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


def _plain(item: Any) -> Any:
    """A teammate's record (dict or dataclass) as a JSON-ready dict."""
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return dataclasses.asdict(item)
    return item if isinstance(item, dict) else dict(vars(item))


#: How search results may be ordered: by score (best first), or by document and place in it.
SEARCH_SORTS: dict[str, tuple[str, ...]] = {"score": ("score",), "doc": ("doc", "start")}


def search(store: Store, text: str, *, limit: int, offset: int = 0, sort: Sort = BEST_FIRST) -> dict[str, Any]:
    """One page of the passages that hold any of the words, in ``sort`` order (best first by default, or
    ``doc``: by document and place), sorted before paging, and how many hold them in all.

    Answers the API's list shape, ``{"q", "engine", "total", "limit", "offset", "items"}``.
    """
    index_for = _optional("dyad.ask.search", "index_for")
    if index_for is not None:
        index = index_for(store)
        ranked = index.ranked(text, depth=len(index.rows))  # every passage holding a word of the query
        if sort.key == "doc":
            ranked.sort(key=lambda hit: (index.rows[hit[0]]["doc"], index.rows[hit[0]]["start"]))
        if sort.descending:
            ranked.reverse()
        hits = [_plain(index.hit(i, score)) for i, score in ranked[offset : offset + limit]]
        total, engine = len(ranked), "dyad.ask"
    else:
        found = q.search_passages(store, text, limit=100_000)  # already by document and place
        found = found[::-1] if sort.descending else found
        hits, total, engine = found[offset : offset + limit], len(found), "keyword"
    return {"q": text, "engine": engine, "total": total, "limit": limit, "offset": offset, "items": hits,
            "sort": sort.param}  # fmt: skip


def disagreements(store: Store, issues: IssueData) -> dict[str, Any]:
    """Judgements and values on which sources differ (the analysis teammate's finder, when present); ``issues``:
    the app's issue lexicon (its publishers)."""
    fn = _optional("dyad.analysis.disagreements", "find_disagreements")
    if fn is None:
        return {"available": False, "disagreements": []}
    from dyad.records import position_from_dict, quantity_from_dict

    positions = [position_from_dict(r) for _d, r in store.records("positions")]
    quantities = [quantity_from_dict(r) for _d, r in store.records("quantities")]
    documents = {d["name"]: d["original"] for d in store.documents()}  # publisher lines decide perspectives
    found = [_plain(d) for d in fn(positions, quantities=quantities, documents=documents, issues=issues)]
    return {"available": True, "disagreements": found}
