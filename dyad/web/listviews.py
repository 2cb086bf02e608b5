"""Facets and downloads for the list pages beyond the timeline: agreements, positions, indicators.

Each view returns the page's data plus ``facets``: groups of ``{"value", "count", "label"}`` counted over
exactly the filtered view (so a group's counts add up to what the page lists, or more where one record
counts under several values, e.g. the parties of an agreement), each value a link that narrows the view.
:func:`download` writes exactly the filtered view (every record, not one page) in the export's shape.

>>> facet_group("pair", "pair", [("JPN-RUS", None), ("JPN-RUS", None), ("CHN-RUS", None)])["values"][0]
{'value': 'JPN-RUS', 'count': 2, 'label': 'JPN-RUS'}
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable
from typing import Any

from dyad.store import facts
from dyad.store import lists as sql
from dyad.store.db import Store
from dyad.store.sorting import Sort
from dyad.web import charts, views

#: A download holds at most this many records.
MAX_DOWNLOAD = 100_000


def facet_group(name: str, param: str, values: Iterable[tuple[Any, str | None]]) -> dict[str, Any]:
    """One facet: ``(value, label)`` pairs counted, busiest first (ties by value); None values left out."""
    return weighted_group(name, param, ((value, label, 1) for value, label in values))


def weighted_group(name: str, param: str, values: Iterable[tuple[Any, str | None, int]]) -> dict[str, Any]:
    """One facet from ``(value, label, count)`` triples, the counts of one value added up."""
    counts: Counter[Any] = Counter()
    labels: dict[Any, str] = {}
    for value, label, n in values:
        if value is None or value == "":
            continue
        counts[value] += n
        labels.setdefault(value, label or str(value))
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
    return {"name": name, "param": param, "values": [{"value": v, "count": n, "label": labels[v]} for v, n in ordered]}


def _sql_group(name: str, param: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {"name": name, "param": param, "values": [{"label": str(r["value"]), **r} for r in rows]}


def agreements(store: Store, f: sql.AgreementFilter, sort: Sort, *, limit: int, offset: int) -> dict[str, Any]:
    """One page of the filtered agreements in ``sort`` order, the facets of the filtered set, its chart."""
    rows, total = sql.agreements(store, f, sort, limit=limit, offset=offset)
    every, _ = sql.agreements(store, f, Sort("date"), limit=5000, offset=0)
    counts = sql.agreement_facets(store, f)
    facets = [_sql_group("status", "status", counts["status"]), _sql_group("party", "party", counts["party"]),
              _sql_group("year", "year", counts["year"]), _sql_group("kind", "kind", counts["kind"])]  # fmt: skip
    return {
        "filter": {k: v for k, v in f.__dict__.items() if v},
        "total": total,
        "limit": limit,
        "offset": offset,
        "sort": sort.param,
        "agreements": rows,
        "facets": facets,
        "chart": charts.agreements(every),
    }


def all_agreements(store: Store, f: sql.AgreementFilter, sort: Sort) -> list[dict[str, Any]]:
    return sql.agreements(store, f, sort, limit=MAX_DOWNLOAD, offset=0)[0]


def positions(store: Store, *, actor: str | None, issue: str | None) -> dict[str, Any]:
    """The actor × issue matrix of the filtered positions, with issue and actor facets over all of them."""
    f = sql.PositionFilter(actor, issue)
    records, total = sql.positions(store, f, limit=views.MATRIX_CAP)
    data = views.matrix(records)
    counts = sql.position_facets(store, f)
    data["facets"] = [_sql_group("issue", "issue", counts["issue"]), _sql_group("actor", "actor", counts["actor"])]
    data["filter"] = {k: v for k, v in (("actor", actor), ("issue", issue)) if v}
    data["total"] = total
    return data


def all_positions(store: Store, *, actor: str | None, issue: str | None) -> list[dict[str, Any]]:
    """Every position of the filtered view (up to :data:`MAX_DOWNLOAD`), by document and place."""
    return sql.positions(store, sql.PositionFilter(actor, issue), limit=MAX_DOWNLOAD)[0]


def indicators(
    store: Store,
    *,
    what: str | None,
    subject: str | None,
    measure: str | None,
    unit: str | None,
    pair: str | None,
    sort: Sort = views.SOURCE_ORDER,
    limit: int = 200,
    offset: int = 0,
) -> dict[str, Any]:
    """The indicators page of the filtered quantities, with measure, unit and pair facets over all of them."""
    data = views.indicators(store, what=what, subject=subject, measure=measure, unit=unit, pair=pair, sort=sort,
                            limit=limit, offset=offset)  # fmt: skip
    groups = data.pop("groups")
    data["facets"] = [
        weighted_group("measure", "measure", ((g["measure"], None, g["count"]) for g in groups)),
        weighted_group("unit", "unit", ((g["unit"], None, g["count"]) for g in groups)),
        weighted_group("pair", "pair", ((g["pair"], None, g["count"]) for g in groups)),
    ]
    data["filter"] = {k: v for k, v in (("what", what), ("subject", subject), ("measure", measure),
                                         ("unit", unit), ("pair", pair)) if v}  # fmt: skip
    return data


def all_quantities(store: Store, filters: dict[str, str | None], sort: Sort) -> list[dict[str, Any]]:
    """Every quantity of the filtered view (charted or not; up to :data:`MAX_DOWNLOAD`), in ``sort`` order."""
    names = facts.actor_names(store)
    groups = views.quantity_groups(store, names, **filters)
    keys = [g["key"] for g in groups] if any(filters.values()) else None
    return sql.quantities(store, keys, sort, limit=MAX_DOWNLOAD)


def download(records: Iterable[dict[str, Any]], fmt: str, kind: str = "") -> str:
    """Records of ``kind`` in the export's shape as CSV or JSON Lines (nested fields as JSON text in CSV)."""
    from dyad import export

    out = io.StringIO()
    export.write(list(records)[:MAX_DOWNLOAD], fmt, out, columns=export.OPTIONAL.get(kind, ()))
    return out.getvalue()
