"""The agreements list: filtered, faceted, sorted and paged in SQL over the registry's records.

An agreement is one JSON record in ``agreements`` (the registry is small: hundreds, not millions), so the
filters read the record's fields: ``status``, ``kind``, a party among ``parties`` and the year of ``date``.
Each facet is one GROUP BY under the same WHERE clause as the list, so its counts add up to the total the
page shows (a party facet counts an agreement once per party it names).

>>> rows, total = agreements(store, AgreementFilter(party="JPN"), Sort("date"), limit=50, offset=0)  # doctest: +SKIP
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from dyad.store.db import Store
from dyad.store.sorting import AGREEMENT_SORTS, AGREEMENT_TIE, Sort, order_by

_PARTIES = "CAST(record->'$.parties' AS VARCHAR[])"
_YEAR = "substr(record->>'$.date', 1, 4)"


@dataclass(frozen=True)
class AgreementFilter:
    """What the agreements list may be narrowed by; ``None`` means no filter."""

    status: str | None = None
    kind: str | None = None
    party: str | None = None  # a country code among the parties
    year: str | None = None  # the year of the agreement's date


def _where(f: AgreementFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    for column, value in (("record->>'$.status'", f.status), ("record->>'$.kind'", f.kind), (_YEAR, f.year)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    if f.party:
        clauses.append(f"list_contains({_PARTIES}, ?)")
        params.append(f.party)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def agreements(
    store: Store, f: AgreementFilter, sort: Sort, *, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """One page of the agreements matching ``f`` in ``sort`` order, and how many match in all."""
    where, params = _where(f)
    order = order_by(sort, AGREEMENT_SORTS, AGREEMENT_TIE)
    cur = store.con.execute(f"SELECT record FROM agreements{where} {order} LIMIT ? OFFSET ?", [*params, limit, offset])
    rows = [json.loads(r[0]) for r in cur.fetchall()]
    total = store.con.execute(f"SELECT count(*) FROM agreements{where}", params).fetchone()
    return rows, int(total[0]) if total else 0


def agreement_facets(store: Store, f: AgreementFilter) -> dict[str, list[dict[str, Any]]]:
    """``{facet: [{"value", "count"}]}`` for status, kind, party and year under the list's filter, busiest first
    (years in order)."""
    where, params = _where(f)

    def group(expr: str, order: str = "count DESC, value") -> list[dict[str, Any]]:
        cur = store.con.execute(
            f"SELECT value, count(*) AS count FROM (SELECT {expr} AS value FROM agreements{where})"
            f" WHERE value IS NOT NULL GROUP BY 1 ORDER BY {order}",
            params,
        )
        return [{"value": v, "count": int(n)} for v, n in cur.fetchall()]

    return {
        "status": group("record->>'$.status'"),
        "kind": group("record->>'$.kind'"),
        "party": group(f"unnest({_PARTIES})"),
        "year": group(_YEAR, order="value"),
    }
