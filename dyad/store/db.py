"""The DuckDB store: the only module that speaks SQL.

One document is written in one transaction with all its rows, so a killed
ingest leaves either the whole document or none of it. Derived tables
(merged events, the agreement registry, entities) are rebuilt in their own
transaction from the per-document rows.

>>> with Store.open(Path("/tmp/x.duckdb")) as store:   # doctest: +SKIP
...     store.has_document(sha)
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from dyad.errors import StoreError
from dyad.records import Extraction, Removed, Sentence, plain
from dyad.store import aggregates
from dyad.store.schema import DOC_TABLES, MIGRATIONS, SCHEMA_VERSION


class Store:
    """A connection to one dyad database file."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path, *, read_only: bool) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only

    # -- lifecycle ---------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> Store:
        """Open (creating and migrating when writable) the database at ``path``."""
        if read_only and not path.exists():
            raise StoreError(f"no database at {path}; run `dyad ingest` first or pass --db", path=str(path))
        try:
            con = duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as exc:
            snapshot = path.with_name(path.name + ".snapshot")
            if not (read_only and snapshot.exists()):
                raise StoreError(f"cannot open database: {str(exc).splitlines()[0]}", path=str(path)) from exc
            # an ingest holds the file: read the last complete model it published instead
            con = duckdb.connect(str(snapshot), read_only=True)
        store = cls(con, path, read_only=read_only)
        store._migrate()
        return store

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _version(self) -> int:
        exists = self.con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'").fetchone()
        if not exists or not exists[0]:
            return 0
        row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _migrate(self) -> None:
        version = self._version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"database schema v{version} is newer than this dyad (v{SCHEMA_VERSION}); upgrade dyad",
                path=str(self.path),
            )
        if version == SCHEMA_VERSION:
            return
        if self.read_only:
            raise StoreError(f"database schema v{version} needs migrating; open it once with `dyad ingest`")
        for number in range(version, SCHEMA_VERSION):
            self.con.execute("BEGIN TRANSACTION")
            self.con.execute(MIGRATIONS[number])
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(number + 1)])
            self.con.execute("COMMIT")

    # -- documents ---------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        row = self.con.execute("SELECT 1 FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
        return row is not None

    def write_document(
        self,
        *,
        doc: dict[str, Any],
        removed: Iterable[Removed],
        sentences: list[Sentence],
        ref_dates: list[str | None],
        extraction: Extraction,
        to_original: Any,
        event_pairs: list[str] | None = None,
    ) -> None:
        """Write one document and all its rows in a single transaction.

        ``event_pairs[i]`` is the unordered country pair of ``extraction.events[i]``
        (what the merge partitions by), stored so later ingests rebuild only the
        pairs they touch.
        ``to_original(start, end)`` maps body offsets to original offsets (for
        mentions and time expressions, which extractors give in body offsets).
        A previous document of the same name stays, marked not current.
        """
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            row = con.execute("SELECT coalesce(max(version), 0) FROM documents WHERE name = ?", [doc["name"]])
            version = row.fetchone()[0] + 1  # type: ignore[index]
            con.execute("UPDATE documents SET current = false WHERE name = ?", [doc["name"]])
            con.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    doc["doc_id"],
                    doc["name"],
                    doc["path"],
                    doc["format"],
                    doc["title"],
                    doc["published"],
                    len(doc["original"]),
                    doc["original"],
                    doc["text"],
                    doc["offset_map"],
                    json.dumps([plain(r) for r in removed]),
                    version,
                    True,
                    datetime.now(UTC),
                ],
            )
            self._write_rows(doc["doc_id"], sentences, ref_dates, extraction, to_original, event_pairs)
            con.execute("INSERT OR IGNORE INTO derived_pending VALUES (?)", [doc["name"]])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def _write_rows(
        self,
        doc_id: str,
        sentences: list[Sentence],
        ref_dates: list[str | None],
        ex: Extraction,
        to_original: Any,
        event_pairs: list[str] | None,
    ) -> None:
        self._append(
            "passages",
            [
                [
                    doc_id,
                    s.idx,
                    s.para,
                    s.start,
                    s.end,
                    s.ostart,
                    s.oend,
                    s.text,
                    ref_dates[s.idx] if s.idx < len(ref_dates) else None,
                ]
                for s in sentences
            ],
        )
        self._append(
            "mentions",
            [
                [
                    doc_id,
                    *to_original(m.start, m.end),
                    m.text,
                    m.entity or unknown_id(m.text),
                    m.entity is not None,
                    m.kind,
                    m.country,
                    m.sentence,
                    m.how,
                ]
                for m in ex.mentions
            ],
        )
        self._append(
            "timexes",
            [
                [
                    doc_id,
                    *to_original(t.start, t.end),
                    t.text,
                    t.value,
                    t.end_value,
                    t.precision,
                    t.sentence,
                    t.relative,
                ]
                for t in ex.times
            ],
        )
        pairs = event_pairs or ["?|?"] * len(ex.events)
        self._append(
            "event_mentions", [[doc_id, pair, json.dumps(plain(r))] for pair, r in zip(pairs, ex.events, strict=True)]
        )
        for table, records in (
            ("quantities", ex.quantities),
            ("agreement_mentions", ex.agreements),
            ("positions", ex.positions),
        ):
            self._append(table, [[doc_id, json.dumps(plain(r))] for r in records])

    def _append(self, table: str, rows: list[list[Any]]) -> None:
        """Insert rows (in the table's column order) as one batch of columns; row-by-row inserts cost ~1 ms each.

        The columns are NumPy object arrays, which DuckDB scans directly (building an Arrow table
        instead would make pyarrow import pandas, a fifth of a second, wherever pandas is installed).
        """
        if not rows:
            return
        import numpy as np

        n = len(rows)
        columns = {f"c{i}": np.fromiter((row[i] for row in rows), dtype=object, count=n) for i in range(len(rows[0]))}
        self.con.register("_rows", columns)
        try:
            self.con.execute(f"INSERT INTO {table} SELECT * FROM _rows")
        finally:
            self.con.unregister("_rows")

    def documents(self, *, include_old: bool = False) -> Iterator[dict[str, Any]]:
        """Documents in ingest order: the current version of each name unless ``include_old``."""
        where = "" if include_old else "WHERE current"
        cur = self.con.cursor().execute(
            "SELECT doc_id, name, path, format, title, published, chars, original, text, offset_map, removed,"
            f" version, current FROM documents {where} ORDER BY name, version"
        )
        for rec in stream_dicts(cur, batch=256):
            rec["removed"] = json.loads(rec["removed"])
            yield rec

    def document_names(self) -> dict[str, str]:
        """doc_id -> file name, for the current documents."""
        return dict(self.con.execute("SELECT doc_id, name FROM documents WHERE current").fetchall())

    # -- per-document records ----------------------------------------------------

    def records(self, table: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """``(doc_id, record)`` for a JSON-record table, current documents only, in a stable order."""
        if table not in DOC_TABLES:
            raise ValueError(f"unknown table {table}")
        cur = self.con.cursor().execute(
            f"SELECT t.doc_id, t.record FROM {table} t JOIN documents d USING (doc_id)"
            " WHERE d.current ORDER BY d.name, t.rowid"
        )
        while batch := cur.fetchmany(1024):
            for doc_id, record in batch:
                yield doc_id, json.loads(record)

    def mentions(self) -> Iterator[dict[str, Any]]:
        cur = self.con.cursor().execute(
            'SELECT m.entity_id, d.name AS doc, m.start, m."end", m.text, m.known, m.kind, m.country, m.how'
            " FROM mentions m JOIN documents d USING (doc_id) WHERE d.current ORDER BY m.entity_id, d.name, m.start"
        )
        yield from stream_dicts(cur)

    def passages(self) -> Iterator[dict[str, Any]]:
        cur = self.con.cursor().execute(
            'SELECT d.name AS doc, p.idx, p.ostart AS start, p.oend AS "end", p.text, p.ref_date'
            " FROM passages p JOIN documents d USING (doc_id) WHERE d.current ORDER BY d.name, p.idx"
        )
        yield from stream_dicts(cur)

    def date_in_span(self, doc_id: str, start: int, end: int) -> str | None:
        """The first normalised date inside an original span, else the story time of its first sentence."""
        row = self.con.execute(
            'SELECT value FROM timexes WHERE doc_id = ? AND start >= ? AND "end" <= ? ORDER BY start LIMIT 1',
            [doc_id, start, end],
        ).fetchone()
        if row:
            return str(row[0])
        row = self.con.execute(
            "SELECT ref_date FROM passages WHERE doc_id = ? AND oend > ? AND ostart < ? ORDER BY idx LIMIT 1",
            [doc_id, start, end],
        ).fetchone()
        return row[0] if row else None

    def entity_names_in_span(self, doc_id: str, start: int, end: int) -> set[str]:
        """Names and aliases of the known entities mentioned inside an original span."""
        rows = self.con.execute(
            "SELECT DISTINCT e.record FROM mentions m JOIN entities e ON e.id = m.entity_id"
            ' WHERE m.doc_id = ? AND m.start >= ? AND m."end" <= ? AND m.known',
            [doc_id, start, end],
        ).fetchall()
        names: set[str] = set()
        for (record,) in rows:
            rec = json.loads(record)
            names.add(rec["name"])
            names.update(rec.get("aliases") or [])
        return names

    # -- derived tables ----------------------------------------------------------

    def pending_derived(self) -> list[str]:
        """Names of documents stored since the derived tables were last rebuilt (e.g. before a kill)."""
        return [r[0] for r in self.con.execute("SELECT name FROM derived_pending ORDER BY name").fetchall()]

    def clear_pending(self, names: list[str]) -> None:
        self.con.execute("DELETE FROM derived_pending WHERE name IN (SELECT unnest(?))", [names])

    def touched_pairs(self, names: list[str]) -> list[str]:
        """Country pairs with event records in any version of the named documents."""
        return self._of_documents("e.pair", "event_mentions e", names)

    def event_dates(self, pair: str, names: list[str]) -> list[tuple[str | None, str | None, bool]]:
        """``(date, end, touched)`` of the pair's event records in current documents and in any version of
        the named documents (``touched``: the record is in one of those)."""
        return self.con.execute(
            "SELECT e.record->>'date', e.record->>'end', d.name IN (SELECT unnest($names))"
            " FROM event_mentions e JOIN documents d USING (doc_id)"
            " WHERE e.pair = $pair AND (d.current OR d.name IN (SELECT unnest($names)))",
            {"pair": pair, "names": names},
        ).fetchall()

    def pair_event_records(self, pair: str) -> Iterator[tuple[str | None, str | None, str]]:
        """``(date, end, record JSON)`` of the pair's event records in current documents, in a stable order."""
        cur = self.con.cursor().execute(
            "SELECT e.record->>'date', e.record->>'end', e.record FROM event_mentions e JOIN documents d"
            " USING (doc_id) WHERE d.current AND e.pair = ? ORDER BY d.name, e.rowid",
            [pair],
        )
        while batch := cur.fetchmany(4096):
            yield from batch

    def pair_event_dates(self, pair: str) -> list[tuple[str, str | None, str | None]]:
        """``(id, date, end)`` of the pair's merged events."""
        return self.con.execute("SELECT id, date, end_date FROM events WHERE pair = ?", [pair]).fetchall()

    def replace_event_ids(
        self, gone: list[str], events: list[dict[str, Any]], redirects: Sequence[tuple[str, str]] = ()
    ) -> None:
        """Drop the merged events ``gone``, add ``events``, record ``(old, new)`` id redirects; one transaction."""
        pairs = {e.get("pair") or _pair_of(e) for e in events}
        if gone:
            rows = self.con.execute("SELECT DISTINCT pair FROM events WHERE id IN (SELECT unnest(?))", [gone])
            pairs.update(r[0] for r in rows.fetchall())

        def insert() -> None:
            if events:
                self._bulk_insert_events(events)
            self._write_redirects([e["id"] for e in events], redirects)
            aggregates.refresh(self.con, sorted(pairs))

        self._replace_ids("events", gone, insert)

    def _write_redirects(self, live: list[str], redirects: Sequence[tuple[str, str]]) -> None:
        """Ids live again stop redirecting; older redirects to an id now gone follow it (no chains)."""
        if live:
            self.con.execute("DELETE FROM id_redirects WHERE old IN (SELECT unnest(?))", [live])
        if redirects:
            olds, news = [list(x) for x in zip(*redirects, strict=True)]
            self.con.execute(
                "UPDATE id_redirects SET new = r.new FROM (SELECT unnest($o) AS old, unnest($n) AS new) r"
                " WHERE id_redirects.new = r.old",
                {"o": olds, "n": news},
            )
            self.con.execute("INSERT OR REPLACE INTO id_redirects SELECT unnest(?), unnest(?)", [olds, news])

    def redirect(self, old: str) -> str | None:
        """The id that the gone id ``old`` now lives under, if any."""
        row = self.con.execute("SELECT new FROM id_redirects WHERE old = ?", [old]).fetchone()
        return row[0] if row else None

    def evidence(self, table: str, ids: list[str] | None = None) -> dict[str, list[dict[str, Any]]]:
        """Id -> evidence entries of the derived records of ``table`` (``events``, ``agreements``); all when
        ``ids`` is None."""
        if table not in ("events", "agreements"):
            raise ValueError(f"no evidence in table {table!r}")
        where = "" if ids is None else " WHERE id IN (SELECT unnest(?))"
        rows = self.con.execute(
            f"SELECT id, record->'evidence' FROM {table}{where}",
            [] if ids is None else [ids],
        ).fetchall()
        return {i: json.loads(ev) for i, ev in rows}

    def touched_agreement_keys(self, names: list[str]) -> list[str]:
        """Agreement keys mentioned in any version of the named documents."""
        return self._of_documents("a.record->>'key'", "agreement_mentions a", names)

    def _of_documents(self, column: str, table: str, names: list[str]) -> list[str]:
        """Distinct values of ``column`` in the rows of ``table`` that belong to any version of the named documents."""
        rows = self.con.execute(
            f"SELECT DISTINCT {column} FROM {table} JOIN documents d USING (doc_id)"
            " WHERE d.name IN (SELECT unnest(?)) ORDER BY 1",
            [names],
        ).fetchall()
        return [r[0] for r in rows]

    def agreement_records(self, keys: list[str]) -> Iterator[dict[str, Any]]:
        """Agreement mentions of the given keys in current documents, in the order of :meth:`records`."""
        cur = self.con.cursor().execute(
            "SELECT a.record FROM agreement_mentions a JOIN documents d USING (doc_id)"
            " WHERE d.current AND a.record->>'key' IN (SELECT unnest(?)) ORDER BY d.name, a.rowid",
            [keys],
        )
        while batch := cur.fetchmany(1024):
            for (record,) in batch:
                yield json.loads(record)

    def replace_agreement_ids(
        self, gone: list[str], agreements: list[dict[str, Any]], redirects: Sequence[tuple[str, str]] = ()
    ) -> None:
        """Drop the registry records ``gone``, add ``agreements``, record ``(old, new)`` redirects; one transaction."""
        rows = [[a["id"], json.dumps(a)] for a in agreements]

        def insert() -> None:
            self._append("agreements", rows)
            self._write_redirects([a["id"] for a in agreements], redirects)

        self._replace_ids("agreements", gone, insert)

    def _replace_ids(self, table: str, gone: list[str], insert: Any) -> None:
        """Delete the rows of ``table`` whose ids are ``gone``, then ``insert()``, in one transaction."""
        with self._transaction():
            if gone:
                self.con.execute(f"DELETE FROM {table} WHERE id IN (SELECT unnest(?))", [gone])
            insert()

    def event_records(self, pairs: list[str] | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
        """``(pair, record)`` for the per-passage events of current documents, grouped by pair."""
        where = "" if pairs is None else " AND e.pair IN (SELECT unnest(?))"
        cur = self.con.cursor().execute(
            "SELECT e.pair, e.record FROM event_mentions e JOIN documents d USING (doc_id)"
            f" WHERE d.current{where} ORDER BY e.pair, d.name, e.rowid",
            [] if pairs is None else [pairs],
        )
        while batch := cur.fetchmany(4096):
            for pair, record in batch:
                yield pair, json.loads(record)

    def entity_ids(self, names: list[str] | None = None) -> list[str]:
        """Entity ids mentioned in the named documents (any version), or in all documents."""
        if names is None:
            rows = self.con.execute("SELECT DISTINCT entity_id FROM mentions ORDER BY 1").fetchall()
        else:
            rows = self.con.execute(
                "SELECT DISTINCT m.entity_id FROM mentions m JOIN documents d USING (doc_id)"
                " WHERE d.name IN (SELECT unnest(?)) ORDER BY 1",
                [names],
            ).fetchall()
        return [r[0] for r in rows]

    def entity_mention_stats(self, ids: list[str]) -> dict[str, tuple[int, str, str | None, str | None]]:
        """id -> (current mention count, most common text, kind, country) for the given entity ids."""
        # histograms, not mode(): DuckDB's mode() breaks ties by whichever thread saw a value first
        rows = self.con.execute(
            "SELECT m.entity_id, count(*), histogram(m.text), histogram(m.kind), histogram(m.country)"
            " FROM mentions m JOIN documents d USING (doc_id)"
            " WHERE d.current AND m.entity_id IN (SELECT unnest(?)) GROUP BY 1",
            [ids],
        ).fetchall()
        return {r[0]: (r[1], _most_common(r[2]), _most_common(r[3]), _most_common(r[4])) for r in rows}

    def replace_events(
        self,
        events: list[dict[str, Any]],
        pairs: list[str] | None = None,
        redirects: Sequence[tuple[str, str]] = (),
    ) -> None:
        """Replace the merged events of the given pairs (all pairs when None) in one transaction."""
        with self._transaction():
            if pairs is None:
                self.con.execute("DELETE FROM events")
            else:
                self.con.execute("DELETE FROM events WHERE pair IN (SELECT unnest(?))", [pairs])
            if events:
                self._bulk_insert_events(events)
            self._write_redirects([e["id"] for e in events], redirects)
            new = {e.get("pair") or _pair_of(e) for e in events}
            aggregates.refresh(self.con, None if pairs is None else sorted(new.union(pairs)))

    def _bulk_insert_events(self, events: list[dict[str, Any]]) -> None:
        """One columnar insert: row-by-row inserts cost seconds at 100,000 events."""
        # date order lets DuckDB skip whole row groups on date-range scans
        ordered = sorted(events, key=lambda e: (e.get("date") or "9999", e["id"]))
        self._append(
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
                ]
                for e in ordered
            ],
        )

    def replace_derived(
        self, *, events: list[dict[str, Any]], agreements: list[dict[str, Any]], entities: list[dict[str, Any]]
    ) -> None:
        """Replace every derived table at once (tests and bulk loads)."""
        self.replace_events(events)
        self.replace_agreements(agreements)
        with self._transaction():
            self.con.execute("DELETE FROM entities")
        self.upsert_entities(
            [
                {
                    **e,
                    "mentions": e.get("mentions")
                    if isinstance(e.get("mentions"), int)
                    else len(e.get("mentions") or []),
                }
                for e in entities
            ],
            [],
        )

    def replace_agreements(self, agreements: list[dict[str, Any]], redirects: Sequence[tuple[str, str]] = ()) -> None:
        with self._transaction():
            self.con.execute("DELETE FROM agreements")
            self._append("agreements", [[a["id"], json.dumps(a)] for a in agreements])
            self._write_redirects([a["id"] for a in agreements], redirects)

    def upsert_entities(self, entities: list[dict[str, Any]], gone: list[str]) -> None:
        """Insert or replace entity records (``mentions`` is their count) and drop the ``gone`` ids."""
        with self._transaction():
            ids = [e["id"] for e in entities] + gone
            if ids:
                self.con.execute("DELETE FROM entities WHERE id IN (SELECT unnest(?))", [ids])
            self._append(
                "entities",
                [[e["id"], e["name"], e["kind"], e.get("country"), e["mentions"], json.dumps(e)] for e in entities],
            )

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def derived(self, table: str, *, include_all: bool = False) -> Iterator[dict[str, Any]]:
        """Records of a derived table; events exclude negated/hypothetical unless ``include_all``."""
        if table == "events":
            where = "" if include_all else "WHERE NOT negated AND NOT hypothetical"
            sql = f"SELECT record FROM events {where} ORDER BY date NULLS LAST, id"
        elif table in ("agreements", "entities"):
            sql = f"SELECT record FROM {table} ORDER BY id"
        else:
            raise ValueError(f"unknown derived table {table}")
        cur = self.con.cursor().execute(sql)
        while batch := cur.fetchmany(1024):
            for (record,) in batch:
                yield json.loads(record)


def stream_dicts(cur: Any, *, batch: int = 1024) -> Iterator[dict[str, Any]]:
    """Rows of an executed cursor as dicts keyed by column name, fetched in batches (memory stays flat)."""
    cols = [c[0] for c in cur.description]
    while rows := cur.fetchmany(batch):
        for row in rows:
            yield dict(zip(cols, row, strict=True))


def dict_rows(cur: Any) -> list[dict[str, Any]]:
    """All rows of an executed cursor as dicts keyed by column name."""
    return list(stream_dicts(cur))


def _most_common(counts: dict[Any, int] | None) -> Any:
    """The most frequent value of a histogram, the smallest of those tied (None for no values)."""
    if not counts:
        return None
    return min(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[0]


def _pair_of(event: dict[str, Any]) -> str:
    a = event["source"].get("country") or event["source"]["id"]
    b = event["target"].get("country") or event["target"]["id"]
    return "|".join(sorted((a, b)))


def unknown_id(text: str) -> str:
    """The stable id of a name no knowledge file knows: ``unknown:`` and its normalised text."""
    return "unknown:" + " ".join(text.lower().split())
