"""Server-side sorting of the list pages: a sort key checked against an allow-list, applied in SQL before paging.

A sort is a column name from the table's allow-list, ``-`` in front for descending (``sort=-intensity``).
Every order ends with the table's own tie-break (date and id for events, id elsewhere), so paging through a
sorted list neither repeats nor skips a row. Missing values sort last either way.

>>> parse("-intensity", EVENT_SORTS, "date")
Sort(key='intensity', descending=True)
>>> order_by(Sort("intensity", True), EVENT_SORTS, EVENT_TIE)
'ORDER BY intensity DESC NULLS LAST, date NULLS LAST, id'
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from dyad.store.db import Store
from dyad.store.queries import (
    EventFilter,
    _count,
    _event_where,
    _records,
    _select,
    event_total,
    events,
    has_pair_column,
)


@dataclass(frozen=True)
class Sort:
    key: str
    descending: bool = False

    @property
    def param(self) -> str:
        """The query-string form: ``key`` or ``-key``."""
        return ("-" if self.descending else "") + self.key


#: Sortable columns of the events tables: name in the query string -> the SQL expressions it orders by.
EVENT_SORTS: dict[str, tuple[str, ...]] = {
    "date": ("date",),
    "type": ("type",),
    "quad": ("quad",),
    "intensity": ("intensity",),
    "source": ("source_country", "source_id"),
    "target": ("target_country", "target_id"),
    "pair": ("pair",),
}
EVENT_TIE = "date NULLS LAST, id"
#: Sortable columns of the actors list.
ENTITY_SORTS: dict[str, tuple[str, ...]] = {
    "name": ("name",),
    "kind": ("kind",),
    "country": ("country",),
    "mentions": ("mentions",),
    "id": ("id",),
}
ENTITY_TIE = "name, id"
#: Sortable columns of the agreements list (read from each record).
AGREEMENT_SORTS: dict[str, tuple[str, ...]] = {
    "date": ("record->>'$.date'",),
    "name": ("lower(record->>'$.name')",),
    "kind": ("record->>'$.kind'",),
    "status": ("record->>'$.status'",),
    "parties": ("array_to_string(record->>'$.parties[*]', ',')",),
}
AGREEMENT_TIE = "id"
#: Sortable columns of the quantities table (``t`` a quantities row, ``d`` its document).
QUANTITY_SORTS: dict[str, tuple[str, ...]] = {
    "source": ("d.name", "(t.record->>'$.evidence.start')::INTEGER"),
    "what": ("lower(t.record->>'$.what')",),
    "value": ("TRY_CAST(t.record->>'$.value' AS DOUBLE)",),
    "unit": ("t.record->>'$.unit'",),
    "date": ("t.record->>'$.date'",),
    "subject": ("CAST(t.record->'$.subject' AS VARCHAR)",),
}
QUANTITY_TIE = "d.name, t.rowid"
#: Sortable columns of the documents list.
DOCUMENT_SORTS: dict[str, tuple[str, ...]] = {
    "name": ("name",),
    "title": ("lower(title)",),
    "published": ("published",),
    "format": ("format",),
    "chars": ("chars",),
}
DOCUMENT_TIE = "name, doc_id"


def parse(value: str | None, allowed: Mapping[str, tuple[str, ...]], default: str) -> Sort:
    """The sort a query string asks for (``default`` when none); ValueError naming the allowed keys."""
    value = (value or "").strip() or default
    key = value.lstrip("-")
    if key not in allowed:
        raise ValueError(f"cannot sort by {value!r}; sort by one of {', '.join(allowed)} (a leading - for descending)")
    return Sort(key, value.startswith("-"))


def order_by(sort: Sort, allowed: Mapping[str, tuple[str, ...]], tie: str) -> str:
    """The ORDER BY clause of a checked sort (its expressions come from the allow-list only)."""
    direction = "DESC" if sort.descending else "ASC"
    keys = ", ".join(f"{expr} {direction} NULLS LAST" for expr in allowed[sort.key])
    return f"ORDER BY {keys}, {tie}"


def sorted_events(
    store: Store, f: EventFilter, sort: Sort, *, limit: int, offset: int, quoted: bool = False
) -> tuple[list[dict[str, Any]], int]:
    """One page of the events matching ``f`` in ``sort`` order, and how many match in all (``quoted``: with the
    stored evidence quotes, as :func:`dyad.store.queries.events`).

    The timeline's own order (date, oldest first) is :func:`dyad.store.queries.events`; any other finds the
    page's rows over the narrow columns first and reads the JSON of those rows only.
    """
    if sort == Sort("date"):
        return events(store, f, limit=limit, offset=offset, quoted=quoted)
    where, params = _event_where(f, has_pair_column(store))
    order = order_by(sort, EVENT_SORTS, EVENT_TIE)
    cur = store.con.execute(
        f"{_select(quoted)} WHERE rowid IN (SELECT rowid FROM events{where} {order} LIMIT ? OFFSET ?) {order}",
        [*params, limit, offset],
    )
    rows = _records(cur.fetchall(), quoted)  # before any other statement on this connection
    total = event_total(store, f)  # the page aggregates where the filter allows: the same set, in any order
    return rows, _count(store, where, params) if total is None else total


def entities(
    store: Store, *, kind: str | None, q: str | None, sort: Sort, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """One page of the entities of ``kind`` whose name holds ``q``, in ``sort`` order, and how many in all."""
    from dyad.store.queries import _like

    clauses, params = [], []
    if kind:
        clauses.append("kind = ?")
        params.append(kind)
    if q:
        clauses.append("name ILIKE ? ESCAPE '\\'")
        params.append(_like(q))
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    order = order_by(sort, ENTITY_SORTS, ENTITY_TIE)
    cur = store.con.execute(f"SELECT record FROM entities{where} {order} LIMIT ? OFFSET ?", [*params, limit, offset])
    rows = [json.loads(r[0]) for r in cur.fetchall()]
    total = store.con.execute(f"SELECT count(*) FROM entities{where}", params).fetchone()
    return rows, int(total[0]) if total else 0
