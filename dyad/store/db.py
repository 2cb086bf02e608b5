"""The DuckDB store: the only module that speaks SQL.

One document is written in one transaction with all its rows, so a killed
ingest leaves either the whole document or none of it. The derived tables
(merged events, the agreement registry, entities) are read for and written by
the rebuild in :mod:`dyad.store.derived`, each write in its own transaction.

>>> with Store.open(Path("/tmp/x.duckdb")) as store:   # doctest: +SKIP
...     store.has_document(sha)
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from dyad.errors import StoreError
from dyad.records import Extraction, Removed, Sentence, plain
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
        self.append(
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
        self.append(
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
        self.append(
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
        self.append(
            "event_mentions", [[doc_id, pair, json.dumps(plain(r))] for pair, r in zip(pairs, ex.events, strict=True)]
        )
        for table, records in (
            ("quantities", ex.quantities),
            ("agreement_mentions", ex.agreements),
            ("positions", ex.positions),
        ):
            self.append(table, [[doc_id, json.dumps(plain(r))] for r in records])

    def append(self, table: str, rows: list[list[Any]]) -> None:
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

    def redirect(self, old: str) -> str | None:
        """The id that the gone id ``old`` now lives under, if any."""
        row = self.con.execute("SELECT new FROM id_redirects WHERE old = ?", [old]).fetchone()
        return row[0] if row else None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything written inside is committed together, or (on an exception) not at all."""
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


def unknown_id(text: str) -> str:
    """The stable id of a name no knowledge file knows: ``unknown:`` and its normalised text."""
    return "unknown:" + " ".join(text.lower().split())
