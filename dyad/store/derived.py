"""The derived tables' rows: what the rebuild reads of the per-document records, and how its result is written.

The rebuild (:mod:`dyad.analysis.derive`) is records in, records out: which pairs, agreement keys and
entities a batch touched, which runs of a pair merge again, what name an entity goes by, are all
decided there. This module only reads rows and writes records (merged events, the agreement
registry, entities, id redirects), each write in one transaction.

>>> for pair in event_pairs_of(store, ["a.txt"]):  # doctest: +SKIP
...     rows = pairs_windows(store, [pair], ["a.txt"])[pair]
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator, Sequence
from typing import Any

from dyad.store import aggregates, quotes
from dyad.store.db import Store

# -- reads: the per-document records the rebuild takes ----------------------------------------------


def event_pairs_of(store: Store, names: list[str]) -> list[str]:
    """Country pairs with event records in any version of the named documents."""
    return _of_documents(store, "e.pair", "event_mentions e", names)


def agreement_keys_of(store: Store, names: list[str]) -> list[str]:
    """Agreement keys mentioned in any version of the named documents."""
    return _of_documents(store, "a.record->>'key'", "agreement_mentions a", names)


def entity_ids_of(store: Store, names: list[str] | None = None) -> list[str]:
    """Entity ids mentioned in the named documents (any version), or in all documents."""
    if names is None:
        rows = store.con.execute("SELECT DISTINCT entity_id FROM mentions ORDER BY 1").fetchall()
        return [r[0] for r in rows]
    return _of_documents(store, "m.entity_id", "mentions m", names)


def _of_documents(store: Store, column: str, table: str, names: list[str]) -> list[str]:
    """Distinct values of ``column`` in the rows of ``table`` that belong to any version of the named documents."""
    rows = store.con.execute(
        f"SELECT DISTINCT {column} FROM {table} JOIN documents d USING (doc_id)"
        " WHERE d.name IN (SELECT unnest(?)) ORDER BY 1",
        [names],
    ).fetchall()
    return [r[0] for r in rows]


Window = tuple[str | None, str | None, str]  #: an event record's ``(date, end, document name)``


def pairs_windows(store: Store, pairs: list[str], names: list[str]) -> dict[str, list[Window]]:
    """``(date, end, document name)`` of the event records of each of ``pairs`` in current documents and in any
    version of the named documents, in one statement: pair -> its rows."""
    out: dict[str, list[Window]] = {pair: [] for pair in pairs}
    rows = store.con.execute(
        "SELECT e.pair, e.record->>'date', e.record->>'end', d.name FROM event_mentions e JOIN documents d"
        " USING (doc_id) WHERE e.pair IN (SELECT unnest($pairs)) AND (d.current OR d.name IN (SELECT unnest($names)))",
        {"pairs": pairs, "names": names},
    ).fetchall()
    for pair, date, end, name in rows:
        out[pair].append((date, end, name))
    return out


def pairs_events(store: Store, pairs: list[str]) -> dict[str, list[tuple[str, str | None, str | None]]]:
    """``(id, date, end)`` of the merged events of each of ``pairs``, in one statement: pair -> its events."""
    out: dict[str, list[tuple[str, str | None, str | None]]] = {pair: [] for pair in pairs}
    rows = store.con.execute(
        "SELECT pair, id, date, end_date FROM events WHERE pair IN (SELECT unnest(?))", [pairs]
    ).fetchall()
    for pair, i, date, end in rows:
        out[pair].append((i, date, end))
    return out


def pairs_records(store: Store, pairs: list[str]) -> Iterator[tuple[str, Iterator[tuple[str | None, str | None, str]]]]:
    """``(date, end, record JSON)`` of the event records of current documents, of each of ``pairs`` in turn, from
    one statement, streamed: ``(pair, its records in a stable order)``; ``pairs`` sorted as DuckDB sorts them, as
    :func:`event_pairs_of` returns them (a pair without records gets none). A pair's records left unread are
    skipped when the next pair is asked for."""
    cur = store.con.cursor().execute(
        "SELECT e.pair, e.record->>'date', e.record->>'end', e.record FROM event_mentions e JOIN documents d"
        " USING (doc_id) WHERE d.current AND e.pair IN (SELECT unnest(?)) ORDER BY e.pair, d.name, e.rowid",
        [pairs],
    )

    def rows() -> Iterator[tuple[str, str | None, str | None, str]]:
        while batch := cur.fetchmany(4096):
            yield from batch

    groups = itertools.groupby(rows(), key=lambda row: row[0])
    ahead = next(groups, None)
    for pair in pairs:
        if ahead is not None and ahead[0] == pair:
            yield pair, ((date, end, record) for _pair, date, end, record in ahead[1])
            ahead = next(groups, None)
        else:
            yield pair, iter(())
    if ahead is not None:  # never: both orders are DuckDB's
        raise RuntimeError(f"the records of pair {ahead[0]!r} came out of order")


def event_records(store: Store, pairs: list[str] | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(pair, record)`` for the per-passage events of current documents, grouped by pair."""
    where = "" if pairs is None else " AND e.pair IN (SELECT unnest(?))"
    cur = store.con.cursor().execute(
        "SELECT e.pair, e.record FROM event_mentions e JOIN documents d USING (doc_id)"
        f" WHERE d.current{where} ORDER BY e.pair, d.name, e.rowid",
        [] if pairs is None else [pairs],
    )
    while batch := cur.fetchmany(4096):
        for pair, record in batch:
            yield pair, json.loads(record)


def agreement_records(store: Store, keys: list[str]) -> Iterator[dict[str, Any]]:
    """Agreement mentions of the given keys in current documents, in the order of :meth:`Store.records`."""
    cur = store.con.cursor().execute(
        "SELECT a.record FROM agreement_mentions a JOIN documents d USING (doc_id)"
        " WHERE d.current AND a.record->>'key' IN (SELECT unnest(?)) ORDER BY d.name, a.rowid",
        [keys],
    )
    while batch := cur.fetchmany(1024):
        for (record,) in batch:
            yield json.loads(record)


Counts = dict[Any, int]


def entity_mentions(store: Store, ids: list[str]) -> dict[str, tuple[int, Counts, Counts, Counts]]:
    """id -> (current mention count, and how often each text, kind and country is said) for the given ids."""
    rows = store.con.execute(
        "SELECT m.entity_id, count(*), histogram(m.text), histogram(m.kind), histogram(m.country)"
        " FROM mentions m JOIN documents d USING (doc_id)"
        " WHERE d.current AND m.entity_id IN (SELECT unnest(?)) GROUP BY 1",
        [ids],
    ).fetchall()
    return {r[0]: (r[1], r[2] or {}, r[3] or {}, r[4] or {}) for r in rows}


def evidence(store: Store, table: str, ids: list[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Id -> evidence entries of the derived records of ``table`` (``events``, ``agreements``); all when
    ``ids`` is None."""
    if table not in ("events", "agreements"):
        raise ValueError(f"no evidence in table {table!r}")
    where = "" if ids is None else " WHERE id IN (SELECT unnest(?))"
    rows = store.con.execute(f"SELECT id, record->'evidence' FROM {table}{where}", [] if ids is None else [ids])
    return {i: json.loads(ev) for i, ev in rows.fetchall()}


# -- writes: the rebuild's result -------------------------------------------------------------------


def replace_event_ids(
    store: Store, gone: list[str], events: list[dict[str, Any]], redirects: Sequence[tuple[str, str]] = ()
) -> None:
    """Drop the merged events ``gone``, add ``events``, record ``(old, new)`` id redirects; one transaction."""
    replace_event_changes(store, [(gone, events, list(redirects))])


#: One pair's change to the merged events: the ids dropped, the events added, the ``(old, new)`` id redirects.
EventChange = tuple[list[str], list[dict[str, Any]], list[tuple[str, str]]]


def replace_event_changes(store: Store, changes: list[EventChange]) -> None:
    """Apply the changes of several pairs (each of its own pair's events) in one transaction, leaving the same
    rows, in the same order, as :func:`replace_event_ids` called for each in turn: every change's ``gone``
    dropped, the events added change by change (each change's in date order), the redirects recorded in turn,
    then the page aggregates of every pair touched refreshed together."""
    pairs = {e.get("pair") or _pair_of(e) for _g, events, _r in changes for e in events}
    gone = [i for g, _e, _r in changes for i in g]
    if gone:
        rows = store.con.execute("SELECT DISTINCT pair FROM events WHERE id IN (SELECT unnest(?))", [gone])
        pairs.update(r[0] for r in rows.fetchall())
    known = quotes.kept(store, _quoted(store, " WHERE id IN (SELECT unnest(?))", [gone])) if gone else {}
    with store.transaction():
        _delete(store, "events", gone)
        added = [e for _g, events, _r in changes for e in _date_ordered(events)]
        _insert_events(store, added, ordered=True, known=known)
        for _g, events, redirects in changes:
            _write_redirects(store, [e["id"] for e in events], redirects)
        aggregates.refresh(store.con, sorted(pairs))


def replace_events(
    store: Store,
    events: list[dict[str, Any]],
    pairs: list[str] | None = None,
    redirects: Sequence[tuple[str, str]] = (),
) -> None:
    """Replace the merged events of the given pairs (all pairs when None) in one transaction."""
    where, params = ("", []) if pairs is None else (" WHERE pair IN (SELECT unnest(?))", [pairs])
    known = quotes.kept(store, _quoted(store, where, params)) if events else {}
    with store.transaction():
        store.con.execute(f"DELETE FROM events{where}", params)
        if events:
            _insert_events(store, events, known=known)
        _write_redirects(store, [e["id"] for e in events], redirects)
        new = {e.get("pair") or _pair_of(e) for e in events}
        aggregates.refresh(store.con, None if pairs is None else sorted(new.union(pairs)))


def replace_agreement_ids(
    store: Store, gone: list[str], agreements: list[dict[str, Any]], redirects: Sequence[tuple[str, str]] = ()
) -> None:
    """Drop the registry records ``gone``, add ``agreements``, record ``(old, new)`` redirects; one transaction."""
    with store.transaction():
        _delete(store, "agreements", gone)
        store.append("agreements", [[a["id"], json.dumps(a)] for a in agreements])
        _write_redirects(store, [a["id"] for a in agreements], redirects)


def replace_agreements(
    store: Store, agreements: list[dict[str, Any]], redirects: Sequence[tuple[str, str]] = ()
) -> None:
    """Replace the whole agreement registry in one transaction."""
    with store.transaction():
        store.con.execute("DELETE FROM agreements")
        store.append("agreements", [[a["id"], json.dumps(a)] for a in agreements])
        _write_redirects(store, [a["id"] for a in agreements], redirects)


def upsert_entities(store: Store, entities: list[dict[str, Any]], gone: list[str]) -> None:
    """Insert or replace entity records (``mentions`` is their count) and drop the ``gone`` ids."""
    with store.transaction():
        _delete(store, "entities", [e["id"] for e in entities] + gone)
        store.append(
            "entities",
            [[e["id"], e["name"], e["kind"], e.get("country"), e["mentions"], json.dumps(e)] for e in entities],
        )


def replace_derived(
    store: Store, *, events: list[dict[str, Any]], agreements: list[dict[str, Any]], entities: list[dict[str, Any]]
) -> None:
    """Replace every derived table at once (tests and bulk loads)."""
    replace_events(store, events)
    replace_agreements(store, agreements)
    with store.transaction():
        store.con.execute("DELETE FROM entities")
    counted = [{**e, "mentions": m if isinstance(m := e.get("mentions"), int) else len(m or [])} for e in entities]
    upsert_entities(store, counted, [])


def _delete(store: Store, table: str, ids: list[str]) -> None:
    if ids:
        store.con.execute(f"DELETE FROM {table} WHERE id IN (SELECT unnest(?))", [ids])


def _write_redirects(store: Store, live: list[str], redirects: Sequence[tuple[str, str]]) -> None:
    """Ids live again stop redirecting; older redirects to an id now gone follow it (no chains)."""
    if live:
        store.con.execute("DELETE FROM id_redirects WHERE old IN (SELECT unnest(?))", [live])
    if redirects:
        olds, news = [list(x) for x in zip(*redirects, strict=True)]
        store.con.execute(
            "UPDATE id_redirects SET new = r.new FROM (SELECT unnest($o) AS old, unnest($n) AS new) r"
            " WHERE id_redirects.new = r.old",
            {"o": olds, "n": news},
        )
        store.con.execute("INSERT OR REPLACE INTO id_redirects SELECT unnest(?), unnest(?)", [olds, news])


def _date_ordered(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Date order (then id) lets DuckDB skip whole row groups on date-range scans."""
    return sorted(events, key=lambda e: (e.get("date") or "9999", e["id"]))


def _quoted(store: Store, where: str, params: list[Any]) -> list[tuple[str | None, str | None]]:
    """``(evidence, quotes)`` JSON of the events rows ``where`` picks (those a write replaces)."""
    sql = f"SELECT record->'evidence', quotes FROM events{where}{' AND' if where else ' WHERE'} quotes IS NOT NULL"
    return store.con.execute(sql, params).fetchall()


def _insert_events(
    store: Store,
    events: list[dict[str, Any]],
    *,
    ordered: bool = False,
    known: dict[quotes.Key, str | None] | None = None,
) -> None:
    """One columnar insert, in date order unless ``ordered`` (then as given): row-by-row inserts cost seconds at
    100,000 events. Each row gets its evidence quotes (:mod:`dyad.store.quotes`), those of ``known`` kept."""
    ordered_events = events if ordered else _date_ordered(events)
    quoted = quotes.column(store, ordered_events, known or {})
    store.append(
        "events",
        [
            [
                e["id"],
                e.get("pair") or _pair_of(e),
                e.get("date"),
                e.get("end"),
                e["source"]["id"],
                e["source"].get("country"),
                e["target"]["id"],
                e["target"].get("country"),
                e["type"],
                e["quad"],
                float(e["intensity"]),
                bool(e["negated"]),
                bool(e["hypothetical"]),
                json.dumps({k: v for k, v in e.items() if k != "pair"}),
                said,
            ]
            for e, said in zip(ordered_events, quoted, strict=True)
        ],
    )


def _pair_of(event: dict[str, Any]) -> str:
    """The pair a merged event is filed under: its sides' countries (else their ids), sorted."""
    a = event["source"].get("country") or event["source"]["id"]
    b = event["target"].get("country") or event["target"]["id"]
    return "|".join(sorted((a, b)))
