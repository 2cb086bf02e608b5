"""The list pages beyond the timeline, filtered, faceted, sorted and paged in SQL: agreements, positions,
quantities and documents.

The agreements list reads the registry's records.

An agreement is one JSON record in ``agreements`` (the registry is small: hundreds, not millions), so the
filters read the record's fields: ``status``, ``kind``, a party among ``parties`` and the year of ``date``.
Each facet is one GROUP BY under the same WHERE clause as the list, so its counts add up to the total the
page shows (a party facet counts an agreement once per party it names). Positions and quantities are the
per-document records of the current documents: their counts and facets cover every record (no cap), and a
quantity's normalised description, decided in Python, is applied to groups of records (:func:`quantity_groups`).

>>> rows, total = agreements(store, AgreementFilter(party="JPN"), Sort("date"), limit=50, offset=0)  # doctest: +SKIP
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from dyad.store.db import Store
from dyad.store.sorting import (
    AGREEMENT_SORTS,
    AGREEMENT_TIE,
    DOCUMENT_SORTS,
    DOCUMENT_TIE,
    QUANTITY_SORTS,
    QUANTITY_TIE,
    Sort,
    order_by,
)

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


# -- positions and quantities (per-document records of the current documents) ------------------------------

_CURRENT = " FROM {table} t JOIN documents d USING (doc_id) WHERE d.current"


@dataclass(frozen=True)
class PositionFilter:
    """What the positions list may be narrowed by: the holder's id and the issue slug."""

    actor: str | None = None
    issue: str | None = None


def _position_where(f: PositionFilter) -> tuple[str, list[Any]]:
    where, params = _CURRENT.format(table="positions"), []
    for path, value in (("$.actor.id", f.actor), ("$.issue", f.issue)):
        if value:
            where += f" AND t.record->>'{path}' = ?"
            params.append(value)
    return where, params


def _records(rows: list[tuple[str]]) -> list[dict[str, Any]]:
    """Per-document records in the export's shape (``evidence`` a list)."""
    out = []
    for (record,) in rows:
        rec = json.loads(record)
        ev = rec.get("evidence")
        rec["evidence"] = [ev] if isinstance(ev, dict) else ev or []
        out.append(rec)
    return out


def positions(store: Store, f: PositionFilter, *, limit: int, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """One page of the positions matching ``f`` (by document and place), and how many match in all."""
    where, params = _position_where(f)
    cur = store.con.execute(
        f"SELECT t.record{where} ORDER BY d.name, t.rowid LIMIT ? OFFSET ?", [*params, limit, offset]
    )
    rows = _records(cur.fetchall())
    total = store.con.execute(f"SELECT count(*){where}", params).fetchone()
    return rows, int(total[0]) if total else 0


def position_facets(store: Store, f: PositionFilter) -> dict[str, list[dict[str, Any]]]:
    """``{facet: [{"value", "count", "label"}]}`` for issue and actor (named) over every position matching ``f``."""
    where, params = _position_where(f)
    out = {}
    for name, value, label in (("issue", "$.issue", "$.issue"), ("actor", "$.actor.id", "$.actor.name")):
        cur = store.con.execute(
            f"SELECT t.record->>'{value}' AS value, count(*) AS n, any_value(t.record->>'{label}'){where}"
            " GROUP BY 1 HAVING value IS NOT NULL AND value <> '' ORDER BY n DESC, value",
            params,
        )
        out[name] = [{"value": v, "count": int(n), "label": lab or v} for v, n, lab in cur.fetchall()]
    return out


#: One group of quantities: those with the same ``what``, ``unit`` and ``subject`` (as stored).
_QUANTITY_KEY = (
    "md5(concat_ws(chr(1), coalesce(t.record->>'$.what', ''), coalesce(t.record->>'$.unit', ''),"
    " coalesce(CAST(t.record->'$.subject' AS VARCHAR), 'null')))"
)


def quantity_groups(store: Store) -> list[dict[str, Any]]:
    """The current quantities grouped by ``what``, ``unit`` and ``subject``: ``{key, what, unit, subject, count}``.

    Filters and facets that a normalised description decides (:mod:`dyad.web.indicators`) run over these
    groups, which are far fewer than the quantities, and stay exact however many there are.
    """
    cur = store.con.execute(
        f"SELECT {_QUANTITY_KEY} AS key, any_value(t.record->>'$.what'), any_value(t.record->>'$.unit'),"
        f" any_value(CAST(t.record->'$.subject' AS VARCHAR)), count(*){_CURRENT.format(table='quantities')}"
        " GROUP BY 1 ORDER BY 1"
    )
    return [{"key": k, "what": w, "unit": u, "subject": json.loads(s) if s else None, "count": int(n)}
            for k, w, u, s, n in cur.fetchall()]  # fmt: skip


def quantities(
    store: Store, keys: list[str] | None, sort: Sort, *, limit: int, offset: int = 0
) -> list[dict[str, Any]]:
    """One page of the quantities of the groups ``keys`` (every group when None), in ``sort`` order."""
    where, params = _CURRENT.format(table="quantities"), []
    if keys is not None:
        where += f" AND {_QUANTITY_KEY} IN (SELECT unnest(?))"
        params.append(keys)
    order = order_by(sort, QUANTITY_SORTS, QUANTITY_TIE)
    cur = store.con.execute(f"SELECT t.record{where} {order} LIMIT ? OFFSET ?", [*params, limit, offset])
    return _records(cur.fetchall())


def documents(store: Store, sort: Sort, *, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """One page of the current documents (without their text) in ``sort`` order, and how many there are."""
    from dyad.store.db import dict_rows

    order = order_by(sort, DOCUMENT_SORTS, DOCUMENT_TIE)
    cur = store.con.execute(
        "SELECT name AS doc, doc_id AS sha256, format, title, published, chars, version FROM documents"
        f" WHERE current {order} LIMIT ? OFFSET ?",
        [limit, offset],
    )
    rows = dict_rows(cur)
    total = store.con.execute("SELECT count(*) FROM documents WHERE current").fetchone()
    return rows, int(total[0]) if total else 0
