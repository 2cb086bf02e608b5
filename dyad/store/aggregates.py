"""Page aggregates kept beside ``events``, so that pages read a few small rows instead of a million events.

``pair_months``: for each pair, month (``YYYY-MM``; ``YYYY`` for an event dated only to the
year, NULL for an undated one), event type and whether the two sides' states differ
(``sides_differ``), the number of factual events, the sum of their intensities and their first and
last dates. The dyad index, the list of dyads and the timeline's totals and first-page date bounds
(unfiltered, by dyad, by type, by dates, and any of these together) read it.

``actor_pairs``: for each pair, actor (an actor id or a country code) and month, how many factual
events of that pair hold the actor on either side, counted once per event: ``by_id`` over the
id columns, ``by_country`` over the country columns. The actor page's total and its first-page
date bound read it.

Both are keyed by pair, as the derived rebuild is: :func:`refresh` recomputes the rows of the
pairs whose events changed, from ``events`` itself, inside the writer's transaction (the
:class:`dyad.store.db.Store` methods that write events call it), so they cannot drift from the
events they count. Factual means neither negated nor hypothetical, as on every page.
"""

from __future__ import annotations

import json
from typing import Any

DDL = """
CREATE TABLE pair_months (
    pair VARCHAR NOT NULL, month VARCHAR, type VARCHAR, sides_differ BOOLEAN NOT NULL, events INTEGER NOT NULL,
    intensity DOUBLE, first VARCHAR, last VARCHAR
);
CREATE TABLE actor_pairs (pair VARCHAR NOT NULL, actor VARCHAR NOT NULL, month VARCHAR, by_id INTEGER NOT NULL,
    by_country INTEGER NOT NULL);
"""

_FACTUAL = "NOT negated AND NOT hypothetical"

_PAIR_MONTHS = (
    "INSERT INTO pair_months SELECT pair, substr(date, 1, 7), type, source_country IS DISTINCT FROM target_country,"
    f" count(*), sum(intensity), min(date), max(date) FROM events WHERE {_FACTUAL}{{pairs}}"
    " GROUP BY ALL ORDER BY 1, 2, 3"
)

_ACTOR_PAIRS = (
    "INSERT INTO actor_pairs SELECT pair, actor, month, sum(by_id), sum(by_country) FROM ("
    " SELECT pair, source_id AS actor, month, 1 AS by_id, 0 AS by_country FROM f"
    " UNION ALL SELECT pair, target_id, month, 1, 0 FROM f WHERE target_id IS DISTINCT FROM source_id"
    " UNION ALL SELECT pair, source_country, month, 0, 1 FROM f"
    " UNION ALL SELECT pair, target_country, month, 0, 1 FROM f WHERE target_country IS DISTINCT FROM source_country"
    ") WHERE actor IS NOT NULL GROUP BY ALL ORDER BY 2, 3, 1"
)
_FACTUAL_EVENTS = (
    "WITH f AS (SELECT pair, substr(date, 1, 7) AS month, source_id, target_id, source_country, target_country"
    " FROM events"
    f" WHERE {_FACTUAL}{{pairs}}) "
)

#: ``month_tables``: for each pair, its months (as :func:`months` returns them) for each event type and for
#: every type together (``every``), kept as one JSON list per row, ``[month, events, first, last]`` each, in
#: date order (undated last), so that a page filtered by dyad reads one short row instead of grouping the
#: pair's rows of ``pair_months`` (the statement that grouped them cost 2-3 ms at 1,000,000 events, most
#: of the first filtered page of a dyad on a served file). The lists are stored uncompressed: DuckDB would
#: pick ZSTD for such long texts, and reading one row then decompresses the whole segment (10 ms at 1,000,000
#: events against 0.6 ms; the table holds about twice as many entries as ``pair_months`` has rows).
MONTH_TABLES_DDL = """
CREATE TABLE month_tables (
    pair VARCHAR NOT NULL, type VARCHAR, every BOOLEAN NOT NULL, months JSON NOT NULL USING COMPRESSION uncompressed
);
"""
_MONTH_LIST = "to_json(list([month, n::VARCHAR, first, last] ORDER BY month NULLS LAST))"
_MONTH_TABLES = (
    f"INSERT INTO month_tables SELECT pair, type, false, {_MONTH_LIST} FROM (SELECT pair, type, month,"
    " sum(events)::BIGINT AS n, min(first) AS first, max(last) AS last FROM pair_months{pairs} GROUP BY ALL)"
    " GROUP BY pair, type"
    f" UNION ALL SELECT pair, NULL, true, {_MONTH_LIST} FROM (SELECT pair, month, sum(events)::BIGINT AS n,"
    " min(first) AS first, max(last) AS last FROM pair_months{pairs} GROUP BY ALL) GROUP BY pair ORDER BY 1, 3, 2"
)
#: Fills ``month_tables`` from ``pair_months`` (the migration that adds it runs it).
FILL_MONTH_TABLES = _MONTH_TABLES.format(pairs="")

#: Fills both tables from whatever ``events`` holds (the migration that adds them runs it).
FILL_ALL = f"{_PAIR_MONTHS.format(pairs='')};\n{_FACTUAL_EVENTS.format(pairs='')}{_ACTOR_PAIRS};\n"
#: Replaces both tables by the shape above (months by type, actors by month), filled from ``events``.
RESHAPE = f"DROP TABLE IF EXISTS pair_months;\nDROP TABLE IF EXISTS actor_pairs;\n{DDL}{FILL_ALL}"


def refresh(con: Any, pairs: list[str] | None) -> None:
    """Recompute the aggregates of ``pairs`` (every pair when None) from ``events``; the caller holds the
    transaction."""
    if pairs is None:
        for table in ("pair_months", "actor_pairs", "month_tables"):
            con.execute(f"DELETE FROM {table}")
        con.execute(FILL_ALL)
        con.execute(FILL_MONTH_TABLES)
        return
    if not pairs:
        return
    only = " AND pair IN (SELECT unnest($pairs))"
    for table in ("pair_months", "actor_pairs", "month_tables"):
        con.execute(f"DELETE FROM {table} WHERE pair IN (SELECT unnest($pairs))", {"pairs": pairs})
    con.execute(_PAIR_MONTHS.format(pairs=only), {"pairs": pairs})
    con.execute(_FACTUAL_EVENTS.format(pairs=only) + _ACTOR_PAIRS, {"pairs": pairs})
    con.execute(_MONTH_TABLES.format(pairs=" WHERE pair IN (SELECT unnest($pairs))"), {"pairs": pairs})


# -- reading them ------------------------------------------------------------------

#: One month of a month table: its key (``YYYY-MM``, ``YYYY``, or None for undated events), its factual
#: events, and their first and last dates.
Month = tuple[str | None, int, str | None, str | None]


def months(con: Any, pair: str | None, kind: str | None) -> list[Month]:
    """The months of ``pair`` (every pair together when None) and event type ``kind`` (every type when None),
    in date order, undated last. One statement (a pair's: one row of ``month_tables``); a served file keeps it
    (:mod:`dyad.store.memo`), so the totals and first-page bounds of any dates on this pair and type then need
    no query."""
    if pair is not None:
        row = con.execute(
            "SELECT months FROM month_tables WHERE pair = ? AND every = ? AND type IS NOT DISTINCT FROM ?",
            [pair, kind is None, kind],
        ).fetchone()
        return [(month, int(n), first, last) for month, n, first, last in json.loads(row[0])] if row else []
    clauses, params = [], []
    for column, value in (("pair", pair), ("type", kind)):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = con.execute(
        f"SELECT month, sum(events)::BIGINT, min(first), max(last) FROM pair_months{where} GROUP BY month"
        " ORDER BY month NULLS LAST",
        params,
    ).fetchall()
    return [(month, int(n), first, last) for month, n, first, last in rows]


def month_summary(
    months: list[Month], low: str | None, high: str | None, rows: int | None
) -> tuple[int, list[str], str | None]:
    """``(whole, cut, bound)`` for the dates ``[low, high]`` (either open) over ``months`` (from :func:`months`):
    the events of the months wholly inside them; the months the bounds cut through, whose events the caller
    counts; and a date that the first ``rows`` events in timeline order do not pass (:func:`bound`; None when
    ``rows`` is None). A month wholly outside the dates counts nothing, and an undated one is outside any."""
    whole, cut = 0, []
    kept: list[tuple[str | None, int]] = []  # the months not outside, each counted only when wholly inside
    for month, n, first, last in months:
        if (low or high) and (first is None or last is None or (low and last < low) or (high and first > high)):
            continue
        if (not low or (first is not None and first >= low)) and (not high or (last is not None and last <= high)):
            whole += n
            kept.append((month, n))
        else:
            cut.append(str(month))
            kept.append((month, 0))  # a cut month may hold fewer: the bound found is then never too early
    return whole, cut, None if rows is None else bound(kept, rows)


def bound(months: list[tuple[str | None, int]], rows: int) -> str | None:
    """The first month key (in order) by which ``months`` hold ``rows`` events, as a bound on dates; None when
    undated events (the NULL month, last) or the end come first.

    Month keys (``YYYY-MM``, or ``YYYY`` for a date of a year) sort as the dates under them do, so once the
    months up to a key hold ``rows`` events, no event after that key's dates is among the first ``rows``.
    """
    seen = 0
    for month, count in months:
        if month is None:  # undated events sort last: no cutoff before them
            return None
        seen += int(count or 0)
        if seen >= rows:
            return month + "\uffff"
    return None
