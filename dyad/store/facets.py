"""Facet counts and the month histogram of a filtered set of events (the timeline's side panel).

Each facet is one GROUP BY over the narrow columns of ``events`` under the same
WHERE clause as the timeline's list, so the counts add up to the total the page
shows: type, quad, pair of countries, year, and the actors most often on either
side. Years and months come from the ISO date's prefix; an event dated only to a
year is in its year but in no month.

>>> facet_counts(store, EventFilter(dyad=("JPN", "RUS")))["type"][:1]  # doctest: +SKIP
[{'value': 'CONSULT', 'count': 41}]
"""

from __future__ import annotations

from typing import Any

from dyad.store.db import Store
from dyad.store.queries import EventFilter, _event_where, has_pair_column

TOP_ACTORS = 12


def _group(
    store: Store, column: str, where: str, params: list[Any], order: str = "count DESC, value"
) -> list[dict[str, Any]]:
    cur = store.con.execute(
        f"SELECT {column} AS value, count(*) AS count FROM events{where}"
        f" GROUP BY 1 HAVING value IS NOT NULL ORDER BY {order}",
        params,
    )
    return [{"value": v, "count": int(n)} for v, n in cur.fetchall()]


def facet_counts(store: Store, f: EventFilter) -> dict[str, list[dict[str, Any]]]:
    """``{facet: [{"value", "count"}]}`` for type, quad, pair, year and actor (with ``name``), busiest first."""
    pair_column = has_pair_column(store)
    where, params = _event_where(f, pair_column)
    out = {
        "type": _group(store, "type", where, params),
        "quad": _group(store, "quad", where, params),
        "year": _group(store, "substr(date, 1, 4)", where, params, order="value"),
    }
    if pair_column:
        out["pair"] = [{**p, "value": p["value"].replace("|", "-")} for p in _group(store, "pair", where, params)]
    cur = store.con.execute(
        "SELECT s.id, coalesce(any_value(e.name), s.id), count(*) AS n FROM ("
        f" SELECT source_id AS id FROM events{where} UNION ALL SELECT target_id FROM events{where}"
        ") s LEFT JOIN entities e ON e.id = s.id WHERE s.id IS NOT NULL GROUP BY s.id ORDER BY n DESC, s.id LIMIT ?",
        [*params, *params, TOP_ACTORS],
    )
    out["actor"] = [{"value": i, "name": name, "count": int(n)} for i, name, n in cur.fetchall()]
    return out


def month_histogram(store: Store, f: EventFilter) -> list[dict[str, Any]]:
    """Events per month (``YYYY-MM``) of those dated at least to the month, in month order."""
    where, params = _event_where(f, has_pair_column(store))
    where += (" AND " if where else " WHERE ") + "length(date) >= 7"
    return _group(store, "substr(date, 1, 7)", where, params, order="value")
