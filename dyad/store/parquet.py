"""Per-document records as Parquet partitions, and loading them into the database.

An engine that analyses documents elsewhere (Ray workers, another machine) can
leave its output as plain Parquet files that DuckDB (or anything else) reads directly:

    DIR/<table>/year=<YYYY|undated>/part-<uuid>.parquet

``<table>`` is ``documents`` or one of the per-document tables of
:mod:`dyad.store.schema`; ``year`` is the year of the record's own date (the
``date`` of events, quantities, agreements, positions) or else of the
document's date. The files are written by DuckDB from the rows just stored, so
their columns are always the database's own, plus ``seq`` (the document's place
in the run) and ``ord`` (the row's place within its document) so that a load
keeps the order a direct ingest would have. All SQL over these files lives here.

>>> writer = PartitionWriter(store, Path("out"))          # doctest: +SKIP
>>> writer.add(doc_id); writer.flush()                    # doctest: +SKIP
>>> load_parquet(other_store, Path("out"))                # doctest: +SKIP
"""

from __future__ import annotations

import time
from pathlib import Path

import pyarrow as pa

from dyad.store import aggregates
from dyad.store.db import Store
from dyad.store.schema import DOC_TABLES

_JSON_TABLES = ("event_mentions", "quantities", "agreement_mentions", "positions")
_YEAR = "CASE WHEN regexp_matches(substr({0}, 1, 4), '^[0-9]{{4}}$') THEN substr({0}, 1, 4) END"
_DOC_YEAR = _YEAR.format("d.published")


def _year_sql(table: str) -> str:
    """The partition value of one row of ``table`` (aliased ``t``, its document ``d``)."""
    if table in _JSON_TABLES:
        own = _YEAR.format("json_extract_string(t.record, '$.date')")
        return f"coalesce({own}, {_DOC_YEAR}, 'undated')"
    return f"coalesce({_DOC_YEAR}, 'undated')"


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


class PartitionWriter:
    """Copies stored documents (by id) to year-partitioned Parquet, every ``flush_every`` documents."""

    def __init__(self, store: Store, root: Path, *, flush_every: int = 64) -> None:
        self.store = store
        self.root = root
        self.flush_every = flush_every
        self.seq = 0
        self.written = 0
        self._pending: list[tuple[str, int]] = []

    def add(self, doc_id: str) -> None:
        """Queue a document already written to the store."""
        self.seq = max(self.seq + 1, time.time_ns())  # increasing across runs, so later runs make later versions
        self._pending.append((doc_id, self.seq))
        if len(self._pending) >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        if not self._pending:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        con = self.store.con
        con.execute("SET enable_progress_bar = false")
        con.execute("CREATE OR REPLACE TEMP TABLE _pq_batch (doc_id VARCHAR, seq BIGINT)")
        con.executemany("INSERT INTO _pq_batch VALUES (?, ?)", self._pending)
        for table in ("documents", *DOC_TABLES):
            if table == "documents":
                select = f"SELECT d.*, b.seq, coalesce({_DOC_YEAR}, 'undated') AS year FROM documents d"
            else:
                select = (
                    f"SELECT t.*, b.seq, row_number() OVER (PARTITION BY t.doc_id ORDER BY t.rowid) AS ord,"
                    f" {_year_sql(table)} AS year FROM {table} t JOIN documents d USING (doc_id)"
                )
            con.execute(
                f"COPY ({select} JOIN _pq_batch b USING (doc_id)) TO {_quote(self.root / table)}"
                " (FORMAT parquet, PARTITION_BY (year), APPEND, FILENAME_PATTERN 'part-{uuid}')"
            )
        con.execute("DROP TABLE _pq_batch")
        self.written += len(self._pending)
        self._pending.clear()


def scan(root: Path, table: str) -> str:
    """The DuckDB table expression reading one table's partitions (``year`` comes from the folder names)."""
    glob = _quote(root / table / "**" / "*.parquet")
    return f"read_parquet({glob}, hive_partitioning = true, hive_types = {{'year': VARCHAR}})"


def _has_files(root: Path, table: str) -> bool:
    return any((root / table).glob("*/*.parquet"))


def load_parquet(store: Store, root: Path) -> list[str]:
    """Load the documents under ``root`` that the database lacks; return the file names added.

    Everything is loaded in one transaction (so a failed load leaves the database as it was),
    with versions of same-named documents numbered as successive ingests would number them.
    The derived tables are not touched: call ``rebuild_derived(store, names=...)`` afterwards.
    """
    if not _has_files(root, "documents"):
        return []
    con = store.con
    con.execute("SET enable_progress_bar = false")
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _new_docs AS SELECT * EXCLUDE (year) FROM "
            f"{scan(root, 'documents')} WHERE doc_id NOT IN (SELECT doc_id FROM documents)"
            " QUALIFY row_number() OVER (PARTITION BY doc_id ORDER BY seq) = 1"
        )
        added = [r[0] for r in con.execute("SELECT DISTINCT name FROM _new_docs ORDER BY name").fetchall()]
        con.execute("UPDATE documents SET current = false WHERE name IN (SELECT name FROM _new_docs)")
        con.execute(
            "INSERT INTO documents BY NAME SELECT n.* EXCLUDE (seq, version, current, ingested_at),"
            " coalesce(o.v, 0) + row_number() OVER (PARTITION BY n.name ORDER BY n.seq) AS version,"
            " n.seq = max(n.seq) OVER (PARTITION BY n.name) AS current, now() AS ingested_at"
            " FROM _new_docs n LEFT JOIN (SELECT name, max(version) AS v FROM documents GROUP BY name) o"
            " USING (name) ORDER BY n.seq"
        )
        for table in DOC_TABLES:
            if _has_files(root, table):
                con.execute(
                    f"INSERT INTO {table} BY NAME SELECT * EXCLUDE (year, seq, ord) FROM {scan(root, table)}"
                    " WHERE doc_id IN (SELECT doc_id FROM _new_docs)"
                    " QUALIFY seq = min(seq) OVER (PARTITION BY doc_id) ORDER BY seq, ord"
                )
        con.execute("DROP TABLE _new_docs")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return added


def append_arrow(store: Store, table: str, data: pa.Table) -> None:
    """Bulk-append an Arrow table to a database table, columns matched by name (for generated data)."""
    if table not in (*DOC_TABLES, "documents", "events", "entities", "agreements"):
        raise ValueError(f"unknown table {table}")
    store.con.execute("SET enable_progress_bar = false")
    store.con.register("_arrow_in", data)
    try:
        store.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _arrow_in")
    finally:
        store.con.unregister("_arrow_in")
    if table == "events":  # a bulk load: the page aggregates are computed afresh
        aggregates.refresh(store.con, None)
