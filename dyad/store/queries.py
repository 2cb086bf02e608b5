"""Read queries for the web UI, the JSON API and the report.

Every query is parameterised and filters on the plain columns of the tables
(``events.date``, ``source_country`` ...) before touching a JSON ``record``, and
every list query takes a LIMIT, so the timeline and actor queries stay fast on
a million events: DuckDB scans the few narrow columns it needs and keeps the
top rows only. Only the optional free-text filter reads the JSON records, and
only of the rows the other filters left.

>>> rows, total = events(store, EventFilter(dyad=("JPN", "RUS")), limit=50)  # doctest: +SKIP
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from dyad.store import aggregates, quotes
from dyad.store.db import Store, dict_rows
from dyad.store.memo import cached

_JSON_TABLES = ("positions", "quantities", "event_mentions", "agreement_mentions")


@dataclass(frozen=True)
class EventFilter:
    """What the timeline may be narrowed by; ``None`` means no filter."""

    actor: str | None = None  # an actor id or a country code, on either side
    dyad: tuple[str, str] | None = None  # two country codes, either direction
    type: str | None = None
    quad: str | None = None
    date_from: str | None = None  # ISO partial, inclusive
    date_to: str | None = None  # ISO partial, inclusive of every date it covers
    text: str | None = None
    include_all: bool = False


#: What the events' free-text filter reads: the actors' names, the place, the persons, the evidence text.
_EVENT_WORDS = (
    "concat_ws(' ', record->>'$.source.name', record->>'$.target.name', record->>'$.speaker.name',"
    " record->>'$.location', array_to_string(record->>'$.persons[*]', ' '),"
    " array_to_string(record->>'$.evidence[*].text', ' '))"
)


def _like(text: str) -> str:
    """A literal ILIKE pattern: the user's % and _ match themselves."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# -- documents -------------------------------------------------------------------


def documents(store: Store, *, limit: int = 100, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Current documents without their text: name, title, date, format, size."""
    cur = store.con.execute(
        "SELECT name AS doc, doc_id AS sha256, format, title, published, chars, version FROM documents"
        " WHERE current ORDER BY name LIMIT ? OFFSET ?",
        [limit, offset],
    )
    rows = dict_rows(cur)
    total = store.con.execute("SELECT count(*) FROM documents WHERE current").fetchone()
    return rows, int(total[0]) if total else 0


def document(store: Store, name: str) -> dict[str, Any] | None:
    """The current document of this file name, with its original and repaired text."""
    cur = store.con.execute(
        "SELECT doc_id, name AS doc, format, title, published, chars, original, text, offset_map, removed, version"
        " FROM documents WHERE name = ? AND current LIMIT 1",
        [name],
    )
    rows = dict_rows(cur)
    if not rows:
        return None
    doc = rows[0]
    doc["removed"] = json.loads(doc["removed"])
    return doc


def documents_named(store: Store, names: list[str]) -> list[dict[str, Any]]:
    """The current documents of these file names, each with its repaired text and offset map (no original text,
    no ``removed``), in one query.

    A page quoting evidence from many files (the timeline, an actor's events) loads them all at once:
    one query per file costs about a millisecond each.
    """
    if not names:
        return []
    cur = store.con.execute(
        "SELECT doc_id, name AS doc, title, published, text, offset_map FROM documents"
        " WHERE current AND name IN (SELECT unnest(?))",
        [names],
    )
    return dict_rows(cur)


def document_evidence(store: Store, doc_id: str, doc_name: str) -> list[dict[str, Any]]:
    """Every evidence span extracted from one document: ``{start, end, kind, label}``."""
    spans: list[dict[str, Any]] = []
    for table in _JSON_TABLES:
        cur = store.con.execute(f"SELECT record FROM {table} WHERE doc_id = ?", [doc_id])
        for (record,) in cur.fetchall():
            rec = json.loads(record)
            ev = rec.get("evidence") or {}
            if isinstance(ev, dict) and ev.get("doc", doc_name) == doc_name and "start" in ev:
                spans.append({"start": ev["start"], "end": ev["end"], "kind": table, "label": _label(table, rec)})
    return sorted(spans, key=lambda s: (s["start"], -s["end"]))


def _label(table: str, rec: dict[str, Any]) -> str:
    if table == "event_mentions":
        return f"{rec.get('type')} {rec.get('date') or ''}".strip()
    if table == "quantities":
        return f"{rec.get('what')}: {rec.get('value')} {rec.get('unit')}"
    if table == "positions":
        return f"{(rec.get('actor') or {}).get('name')}: {rec.get('stance')} ({rec.get('issue')})"
    return f"{rec.get('name')} {rec.get('status') or ''}".strip()


# -- events ----------------------------------------------------------------------


def has_pair_column(store: Store) -> bool:
    """Whether ``events`` has the indexed ``pair`` column (``"JPN|RUS"``, sorted) of newer schemas."""
    key = str(store.path)
    if key not in _PAIR_COLUMN:
        row = store.con.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'events' AND column_name = 'pair'"
        ).fetchone()
        _PAIR_COLUMN[key] = bool(row and row[0])
    return _PAIR_COLUMN[key]


_PAIR_COLUMN: dict[str, bool] = {}


def _dyad_clause(dyad: tuple[str, str], pair_column: bool) -> tuple[str, list[Any]]:
    a, b = sorted(dyad)
    if pair_column:
        return "pair = ?", [f"{a}|{b}"]
    return "((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))", [a, b, b, a]


def _event_where(f: EventFilter, pair_column: bool = False) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if not f.include_all:
        clauses.append("NOT negated AND NOT hypothetical")
    if f.actor:  # events() runs actor filters itself; this form serves other callers
        clauses.append("(source_id = ? OR target_id = ? OR source_country = ? OR target_country = ?)")
        params += [f.actor] * 4
    if f.dyad:
        clause, more = _dyad_clause(f.dyad, pair_column)
        clauses.append(clause)
        params += more
    if f.type:
        clauses.append("type = ?")
        params.append(f.type)
    if f.quad:
        clauses.append("quad = ?")
        params.append(f.quad)
    if f.date_from:
        clauses.append("date >= ?")
        params.append(f.date_from)
    if f.date_to:
        # '2016' covers '2016-12-31': compare against the prefix's upper bound
        clauses.append("date <= ?")
        params.append(f.date_to + "\uffff")
    if f.text:
        # the evidence and the names only: matching the JSON text let "intensity" or "date" match every record
        clauses.append(f"{_EVENT_WORDS} ILIKE ? ESCAPE '\\'")
        params.append(_like(f.text))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def events(
    store: Store, f: EventFilter, *, limit: int = 100, offset: int = 0, quoted: bool = False
) -> tuple[list[dict[str, Any]], int]:
    """Events matching ``f`` in date order, one page of them, and how many match in all; with ``quoted``, each
    evidence entry whose row stores its quote gains it as ``quote`` (:func:`dyad.store.quotes.attach`).

    One statement finds the page over the narrow columns and reads the JSON of its rows
    only (DuckDB's late materialisation), so the sort never carries the JSON and no second
    lookup by id scans the table. Where the filter allows (any of dyad, type and dates; an
    actor alone), the page aggregates (:mod:`dyad.store.aggregates`) give the total and a
    date that the page's rows do not pass, which the top-N then filters on first.
    """
    pair_column = has_pair_column(store)
    rows = offset + limit
    if f.actor:
        actor = f.actor
        columns = cached(store, f"columns:{actor}", lambda: _actor_columns(store, actor))
        rest = replace(f, actor=None)
        if rest == _FACTUAL:  # the actor alone: its total and first months are kept in the page aggregates
            by = _BY[columns[0]]
            total, months = cached(store, f"actor-months:{actor}:{by}", lambda: _actor_months(store, actor, by))
            cutoff = aggregates.bound(months, rows)
            if cutoff is not None:  # one top-N over the rows up to the bound: the OR costs little there
                where, params = _event_where(rest, pair_column)
                either = " OR ".join(f"{column} = ?" for column in columns)
                page = f"{_select(quoted)}{where} AND date <= ? AND ({either}) {_ORDER} LIMIT ? OFFSET ?"
                cur = store.con.execute(page, [*params, cutoff, *[actor] * len(columns), limit, offset])
                return _records(cur.fetchall(), quoted), total
        else:
            total = None
        return _actor_events(store, f, columns, pair_column, limit, offset, total, quoted)
    where, params = _event_where(f, pair_column)
    summary = _month_summary(store, f, pair_column, rows)
    if summary is None:
        total = _count(store, where, params)
    else:
        total, cutoff = summary
        if cutoff is not None:  # the page lies before it: the top-N reads fewer rows
            where, params = f"{where} AND date <= ?", [*params, cutoff]
    # one top-N: DuckDB sorts the narrow columns and reads the JSON of the page's rows only
    page = f"{_select(quoted)}{where} {_ORDER} LIMIT ? OFFSET ?"
    return _records(store.con.execute(page, [*params, limit, offset]).fetchall(), quoted), total


def _select(quoted: bool) -> str:
    return "SELECT record, quotes FROM events" if quoted else "SELECT record FROM events"


def _records(rows: list[tuple[Any, ...]], quoted: bool) -> list[dict[str, Any]]:
    """The page's records (``record`` first in each row), with their stored quotes attached if ``quoted``."""
    if quoted:
        return [quotes.attach(json.loads(r[0]), r[1]) for r in rows]
    return [json.loads(r[0]) for r in rows]


def _actor_events(
    store: Store,
    f: EventFilter,
    columns: tuple[str, ...],
    pair_column: bool,
    limit: int,
    offset: int,
    total: int | None,
    quoted: bool = False,
) -> tuple[list[dict[str, Any]], int]:
    """An actor's events under other filters too: one top-N per side (an equality on one column is far cheaper
    than an OR over two over the whole table), the page's records then read by ``rowid``."""
    rest = replace(f, actor=None)
    sides: list[str] = []
    params: list[Any] = []
    counts: list[tuple[str, list[Any]]] = []
    for i, column in enumerate(columns):
        where, side_params = _event_where(rest, pair_column)
        where += (" AND " if where else " WHERE ") + f"{column} = ?"
        side_params = [*side_params, f.actor]
        for other in columns[:i]:  # an event with the actor on both sides is counted once
            where += f" AND {other} IS DISTINCT FROM ?"
            side_params.append(f.actor)
        sides.append(f"(SELECT rowid AS r, date, id FROM events{where} {_ORDER} LIMIT ?)")
        params += [*side_params, offset + limit]
        counts.append((where, side_params))
    if total is None:
        total = sum(_count(store, where, side_params) for where, side_params in counts)
    page = f"SELECT r FROM ({' UNION ALL '.join(sides)}) {_ORDER} LIMIT ? OFFSET ?"
    cur = store.con.execute(
        f"{_select(quoted)} WHERE rowid IN ({page}) {_ORDER}",
        [*params, limit, offset],
    )
    return _records(cur.fetchall(), quoted), total


#: The timeline's order: dated events first, oldest first; ties by id.
_ORDER = "ORDER BY date NULLS LAST, id"
#: The filter of every factual event: totals under it (alone, by dyad, by actor) come from the aggregates.
_FACTUAL = EventFilter()
#: Which count of ``actor_pairs`` an actor filter on these columns matches.
_BY = {"source_id": "by_id", "source_country": "by_country"}


def event_total(store: Store, f: EventFilter) -> int | None:
    """How many events match ``f``, from the page aggregates (any of dyad, type and dates); None when ``f``
    filters on more than they hold (the caller counts). A list sorted another way than the timeline
    (:mod:`dyad.store.sorting`) pages the same set, so its total is this one. An actor filter is left to the
    caller: the sorted lists match an actor on its id and country columns together, the timeline on one kind."""
    summary = _month_summary(store, f, has_pair_column(store), None)
    return None if summary is None else summary[0]


def _month_summary(store: Store, f: EventFilter, pair_column: bool, rows: int | None) -> tuple[int, str | None] | None:
    """The total of ``f`` and a date that its first ``rows`` events in timeline order do not pass (None when
    none is found in the first months, or ``rows`` is None), from ``pair_months``; None when ``f`` filters on
    more than they hold (an actor, a quad, words, or events negated or hypothetical).

    The months are taken together over the pairs and types the filter keeps. A month whose dates all lie
    within the filter's dates counts whole, one wholly outside not at all, and the events of a month the
    filter's bounds cut through (at most the first and the last) are counted over ``events`` alone.
    """
    if f.actor or f.quad or f.text or f.include_all or (f.dyad and not pair_column):
        return None
    pair = "|".join(sorted(f.dyad)) if f.dyad else None
    months = cached(store, f"months:{pair}:{f.type}", lambda: aggregates.months(store.con, pair, f.type))
    low, high = f.date_from, (f.date_to + "\uffff" if f.date_to else None)
    whole, cut, cutoff = aggregates.month_summary(months, low, high, rows)
    if cut:  # the events of the months the dates cut through, over ``events`` alone (at most two months)
        event_where, event_params = _event_where(f, pair_column)
        cut_where = f"{event_where} AND substr(date, 1, 7) IN (SELECT unnest(?))"
        key = f"cut:{pair}:{f.type}:{low}:{high}"
        whole += cached(store, key, lambda: _count(store, cut_where, [*event_params, cut]))
    return whole, cutoff


def _actor_months(store: Store, actor: str, by: str) -> tuple[int, list[tuple[str | None, int]]]:
    """The number of ``actor``'s factual events, and their months in date order (undated last) each with their
    number, from ``actor_pairs``: the months give a date bound for its first pages (:func:`aggregates.bound`)."""
    cur = store.con.execute(
        f"SELECT month, sum({by})::BIGINT FROM actor_pairs WHERE actor = ? GROUP BY month ORDER BY month NULLS LAST",
        [actor],
    )
    months = [(month, int(n)) for month, n in cur.fetchall()]
    return sum(n for _month, n in months), months


def _count(store: Store, where: str, params: list[Any]) -> int:
    row = store.con.execute(f"SELECT count(*) FROM events{where}", params).fetchone()
    return int(row[0]) if row else 0


def _actor_columns(store: Store, actor: str) -> tuple[str, ...]:
    """An entity id matches the actor id columns; anything else is taken as a country code."""
    if _entity_record(store, actor) is not None:  # the record the actor page reads too (kept on a served file)
        return ("source_id", "target_id")
    row = store.con.execute("SELECT 1 FROM events WHERE source_id = ? LIMIT 1", [actor]).fetchone()
    return ("source_id", "target_id") if row else ("source_country", "target_country")


def event(store: Store, event_id: str) -> dict[str, Any] | None:
    row = store.con.execute("SELECT record FROM events WHERE id = ?", [event_id]).fetchone()
    return json.loads(row[0]) if row else None


def dyads(store: Store, *, limit: int = 50) -> list[dict[str, Any]]:
    """Undirected country pairs with their factual event counts and date span, busiest first."""
    return [dict(r) for r in cached(store, f"dyads:{limit}", lambda: _dyads(store, limit))]


def _dyads(store: Store, limit: int) -> list[dict[str, Any]]:
    if has_pair_column(store):
        # the pair column is what the timeline and the index filter on (the Soviet Union counted as Russia),
        # so a dyad's count here is the count its timeline shows
        # read from the page aggregates (dyad.store.aggregates): a few rows per pair and month
        cur = store.con.execute(
            "SELECT split_part(pair, '|', 1) AS a, split_part(pair, '|', 2) AS b, sum(events)::BIGINT AS events,"
            " min(first) AS first, max(last) AS last, sum(intensity) / sum(events) AS mean_intensity,"
            " coalesce(sum(events) FILTER (WHERE length(month) >= 7), 0)::BIGINT AS month_dated FROM pair_months"
            " WHERE regexp_full_match(pair, '[A-Z0-9]{2,5}\\|[A-Z0-9]{2,5}')"
            " AND split_part(pair, '|', 1) <> split_part(pair, '|', 2)"
            " GROUP BY pair ORDER BY events DESC, a, b LIMIT ?",
            [limit],
        )
        return dict_rows(cur)
    cur = store.con.execute(
        "SELECT least(source_country, target_country) AS a, greatest(source_country, target_country) AS b,"
        " count(*) AS events, min(date) AS first, max(date) AS last, avg(intensity) AS mean_intensity"
        " FROM events WHERE NOT negated AND NOT hypothetical AND source_country IS NOT NULL"
        " AND target_country IS NOT NULL AND source_country <> target_country"
        " GROUP BY 1, 2 ORDER BY events DESC, a, b LIMIT ?",
        [limit],
    )
    return dict_rows(cur)


def monthly(store: Store, a: str, b: str) -> list[dict[str, Any]]:
    """Per month (``YYYY-MM``) of the dyad a–b: factual events with a month, their count and intensity sum.

    The SQL twin of :func:`dyad.analysis.index.aggregate`, which does the same from exported records; read
    from the page aggregates (:mod:`dyad.store.aggregates`), not from the events.
    """
    pair = "|".join(sorted((a, b)))

    def build() -> list[dict[str, Any]]:
        cur = store.con.execute(
            "SELECT month, sum(events)::BIGINT AS count, sum(intensity) AS sum FROM pair_months"
            " WHERE pair = ? AND length(month) >= 7 AND sides_differ GROUP BY 1 ORDER BY 1",
            [pair],
        )
        return dict_rows(cur)

    return [dict(r) for r in cached(store, f"monthly:{pair}", build)]


def event_facets(store: Store) -> dict[str, list[Any]]:
    """The event types and quads present, for the timeline's filter menus."""
    return dict(cached(store, "facets", lambda: _facets(store)))


def _facets(store: Store) -> dict[str, list[Any]]:
    types = [r[0] for r in store.con.execute("SELECT DISTINCT type FROM events ORDER BY 1").fetchall() if r[0]]
    quads = [r[0] for r in store.con.execute("SELECT DISTINCT quad FROM events ORDER BY 1").fetchall() if r[0]]
    return {"types": types, "quads": quads}


# -- entities and agreements -----------------------------------------------------


def entity(store: Store, entity_id: str) -> dict[str, Any] | None:
    text = _entity_record(store, entity_id)
    return json.loads(text) if text is not None else None


def _entity_record(store: Store, entity_id: str) -> str | None:
    """One entity's record as stored (a served file keeps it: the actor page asks for it on every page)."""

    def record() -> str | None:
        row = store.con.execute("SELECT record FROM entities WHERE id = ?", [entity_id]).fetchone()
        return str(row[0]) if row else None

    return cached(store, f"entity:{entity_id}", record)


def _holders(store: Store, key: str, sql: str) -> frozenset[str] | None:
    """The ids that have any row of a table, on a served (read-only) file, memoised as its other summaries are;
    None on a file being written (the query itself answers there)."""
    if not store.read_only:
        return None
    return cached(store, key, lambda: frozenset(r[0] for r in store.con.execute(sql).fetchall() if r[0]))


def entity_mentions(store: Store, entity_id: str, *, limit: int = 50) -> list[dict[str, Any]]:
    """The first mentions of an entity in the current documents, with original offsets."""
    holders = _holders(store, "mention-holders", "SELECT DISTINCT entity_id FROM mentions")
    if holders is not None and entity_id not in holders:  # a country code, an actor never mentioned: no join
        return []
    cur = store.con.execute(
        'SELECT d.name AS doc, m.start, m."end", m.text FROM mentions m JOIN documents d USING (doc_id)'
        " WHERE m.entity_id = ? AND d.current ORDER BY d.name, m.start LIMIT ?",
        [entity_id, limit],
    )
    return dict_rows(cur)


def agreements(store: Store) -> list[dict[str, Any]]:
    """The agreement registry, oldest first (undated last)."""
    rows = [json.loads(r[0]) for r in store.con.execute("SELECT record FROM agreements ORDER BY id").fetchall()]
    return sorted(rows, key=lambda a: (a.get("date") is None, a.get("date") or "", a.get("name") or ""))


def agreement(store: Store, agreement_id: str) -> dict[str, Any] | None:
    row = store.con.execute("SELECT record FROM agreements WHERE id = ?", [agreement_id]).fetchone()
    return json.loads(row[0]) if row else None


# -- positions and quantities (per-document records) -----------------------------


def _doc_records(store: Store, table: str, where: str, params: list[Any], limit: int) -> Iterator[dict[str, Any]]:
    cur = store.con.execute(
        f"SELECT t.record FROM {table} t JOIN documents d USING (doc_id)"
        f" WHERE d.current{where} ORDER BY d.name, t.rowid LIMIT ?",
        [*params, limit],
    )
    for (record,) in cur.fetchall():
        rec = json.loads(record)
        ev = rec.pop("evidence", None)
        rec["evidence"] = ev if isinstance(ev, list) else [ev] if ev else []
        yield rec


def positions(
    store: Store, *, actor: str | None = None, issue: str | None = None, limit: int = 5000
) -> list[dict[str, Any]]:
    """Positions in the export's shape, filtered by actor id and issue slug."""
    where, params = "", []
    holders = _holders(store, "position-holders", "SELECT DISTINCT record->>'$.actor.id' FROM positions")
    if actor and holders is not None and actor not in holders:  # most actors take no position: no scan
        return []
    if actor:
        where += " AND json_extract_string(t.record, '$.actor.id') = ?"
        params.append(actor)
    if issue:
        where += " AND json_extract_string(t.record, '$.issue') = ?"
        params.append(issue)
    return list(_doc_records(store, "positions", where, params, limit))


def quantities(
    store: Store, *, what: str | None = None, subject: str | None = None, limit: int = 5000
) -> list[dict[str, Any]]:
    """Quantities in the export's shape; ``subject`` is one country code the subject list must hold."""
    where, params = "", []
    if what:
        where += " AND json_extract_string(t.record, '$.what') = ?"
        params.append(what)
    if subject:
        where += " AND list_contains(CAST(json_extract(t.record, '$.subject') AS VARCHAR[]), ?)"
        params.append(subject)
    return list(_doc_records(store, "quantities", where, params, limit))


# -- search ----------------------------------------------------------------------


def search_passages(store: Store, q: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Passages whose text holds ``q`` (case-insensitive), with original offsets."""
    cur = store.con.execute(
        'SELECT d.name AS doc, p.ostart AS start, p.oend AS "end", p.text FROM passages p'
        " JOIN documents d USING (doc_id) WHERE d.current AND p.text ILIKE ? ESCAPE '\\'"
        " ORDER BY d.name, p.idx LIMIT ?",
        [_like(q), limit],
    )
    return dict_rows(cur)


def counts(store: Store) -> dict[str, int]:
    """How many records of each kind the model holds (for the home page)."""
    return dict(cached(store, "counts", lambda: _counts(store)))


def _counts(store: Store) -> dict[str, int]:
    out: dict[str, int] = {}
    for name, sql in (
        ("documents", "SELECT count(*) FROM documents WHERE current"),
        ("events", "SELECT count(*) FROM events WHERE NOT negated AND NOT hypothetical"),
        ("entities", "SELECT count(*) FROM entities"),
        ("agreements", "SELECT count(*) FROM agreements"),
        ("positions", "SELECT count(*) FROM positions"),
        ("quantities", "SELECT count(*) FROM quantities"),
    ):
        row = store.con.execute(sql).fetchone()
        out[name] = int(row[0]) if row else 0
    return out
