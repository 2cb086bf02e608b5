"""Per-document records as Parquet partitions, and loading them into the database.

An engine that analyses documents elsewhere (Ray workers, another machine) can
leave its output as plain Parquet files that DuckDB reads directly:

    DIR/<table>/year=<YYYY|undated>/part-<run>-<n>.parquet

``<table>`` is ``documents`` or one of the per-document tables of
:mod:`dyad.store.schema`; ``year`` is the year of the record's own date (events,
quantities, agreements, positions) or else of the document's date. Columns are
those of the database tables plus ``seq`` (the document's place in the run) and
``ord`` (the row's place within its document), so a load keeps the order a
direct ingest would have. All SQL over these files lives in this module.

>>> with PartitionWriter(Path("out")) as writer:              # doctest: +SKIP
...     writer.add(analysed)
>>> load_parquet(store, Path("out"))                          # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from dyad.store.db import Store
from dyad.store.schema import DOC_TABLES

if TYPE_CHECKING:  # the pipeline imports the extractors; only its record type is needed here
    from dyad.ingest.pipeline import Analysed

_I, _S, _B = pa.int64(), pa.string(), pa.bool_()
_JSON_TABLES = ("event_mentions", "quantities", "agreement_mentions", "positions")

#: column -> Arrow type of every table written, in the database's column order (then seq, ord).
SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("doc_id", _S), ("name", _S), ("path", _S), ("format", _S), ("title", _S), ("published", _S),
        ("chars", _I), ("original", _S), ("text", _S), ("offset_map", _S), ("removed", _S), ("seq", _I),
    ]),
    "passages": pa.schema([
        ("doc_id", _S), ("idx", _I), ("para", _I), ("start", _I), ("end", _I), ("ostart", _I), ("oend", _I),
        ("text", _S), ("ref_date", _S), ("seq", _I), ("ord", _I),
    ]),
    "mentions": pa.schema([
        ("doc_id", _S), ("start", _I), ("end", _I), ("text", _S), ("entity_id", _S), ("kind", _S),
        ("country", _S), ("sentence", _I), ("how", _S), ("seq", _I), ("ord", _I),
    ]),
    "timexes": pa.schema([
        ("doc_id", _S), ("start", _I), ("end", _I), ("text", _S), ("value", _S), ("end_value", _S),
        ("precision", _S), ("sentence", _I), ("relative", _B), ("seq", _I), ("ord", _I),
    ]),
    **{t: pa.schema([("doc_id", _S), ("record", _S), ("date", _S), ("seq", _I), ("ord", _I)]) for t in _JSON_TABLES},
}
_DB_COLUMNS = {t: [n for n in s.names if n not in ("seq", "ord", "date")] for t, s in SCHEMAS.items()}
_DB_COLUMNS.update({t: ["doc_id", "record"] for t in _JSON_TABLES})


def _year(date: str | None) -> str:
    return date[:4] if date and len(date) >= 4 and date[:4].isdigit() else "undated"


def document_rows(done: Analysed, seq: int) -> dict[str, list[dict[str, Any]]]:
    """The rows one analysed document puts in each table, exactly as :meth:`Store.write_document` stores them."""
    source, body, ex = done.source, done.body, done.extraction
    doc_id, to_original = source.sha256, body.to_original
    rows: dict[str, list[dict[str, Any]]] = {"documents": [{
        "doc_id": doc_id, "name": source.name, "path": source.path, "format": source.format, "title": source.title,
        "published": source.published or ex.doc_date, "chars": len(source.original), "original": source.original,
        "text": body.text, "offset_map": body.dumps(), "removed": json.dumps([asdict(r) for r in done.removed]),
        "seq": seq,
    }]}
    ref = done.ref_dates
    rows["passages"] = [
        {"doc_id": doc_id, "idx": s.idx, "para": s.para, "start": s.start, "end": s.end, "ostart": s.ostart,
         "oend": s.oend, "text": s.text, "ref_date": ref[s.idx] if s.idx < len(ref) else None}
        for s in done.sentences
    ]
    rows["mentions"] = [
        dict(zip(("start", "end"), to_original(m.start, m.end), strict=True), doc_id=doc_id, text=m.text,
             entity_id=m.entity, kind=m.kind, country=m.country, sentence=m.sentence, how=m.how)
        for m in ex.mentions
    ]
    rows["timexes"] = [
        dict(zip(("start", "end"), to_original(t.start, t.end), strict=True), doc_id=doc_id, text=t.text,
             value=t.value, end_value=t.end_value, precision=t.precision, sentence=t.sentence, relative=t.relative)
        for t in ex.times
    ]
    for table, records in (("event_mentions", ex.events), ("quantities", ex.quantities),
                           ("agreement_mentions", ex.agreements), ("positions", ex.positions)):
        rows[table] = [{"doc_id": doc_id, "record": json.dumps(asdict(r)), "date": getattr(r, "date", None)}
                       for r in records]
    for table, table_rows in rows.items():
        for i, row in enumerate(table_rows):
            row["seq"] = seq
            if table != "documents":
                row["ord"] = i
    return rows


class PartitionWriter:
    """Buffers analysed documents and writes them as year-partitioned Parquet files every ``flush_every``."""

    def __init__(self, root: Path, *, flush_every: int = 64) -> None:
        self.root = root
        self.flush_every = flush_every
        self.run = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
        self.seq = 0
        self.parts = 0
        self.files: list[Path] = []
        self._buffer: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        self._pending = 0

    def add(self, done: Analysed) -> None:
        rows = document_rows(done, self.seq)
        doc_year = _year(rows["documents"][0]["published"])
        for table, table_rows in rows.items():
            for row in table_rows:
                own = row.get("date") if table in _JSON_TABLES else None
                self._buffer[(table, _year(own) if own else doc_year)].append(row)
        self.seq += 1
        self._pending += 1
        if self._pending >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        for (table, year), rows in sorted(self._buffer.items()):
            folder = self.root / table / f"year={year}"
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"part-{self.run}-{self.parts:05d}.parquet"
            pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[table]), path)
            self.files.append(path)
        self.parts += 1
        self._buffer.clear()
        self._pending = 0

    def __enter__(self) -> PartitionWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.flush()


def scan(root: Path, table: str) -> str:
    """The DuckDB table expression reading one table's partitions (``year`` comes from the folder names)."""
    glob = str(root / table / "**" / "*.parquet").replace("'", "''")
    return f"read_parquet('{glob}', hive_partitioning = true, hive_types = {{'year': VARCHAR}})"


def _has_files(root: Path, table: str) -> bool:
    return any((root / table).glob("*/*.parquet"))


def load_parquet(store: Store, root: Path) -> int:
    """Load the documents under ``root`` that the database lacks; return how many were added.

    Everything is loaded in one transaction (so a failed load leaves the database as it was),
    with versions of same-named documents numbered as successive ingests would number them.
    """
    if not _has_files(root, "documents"):
        return 0
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _new_docs AS SELECT * EXCLUDE (year) FROM "  # noqa: S608 - our own paths
            f"{scan(root, 'documents')} WHERE doc_id NOT IN (SELECT doc_id FROM documents)"
            " QUALIFY row_number() OVER (PARTITION BY doc_id ORDER BY seq) = 1"
        )
        added = con.execute("SELECT count(*) FROM _new_docs").fetchone()[0]  # type: ignore[index]
        con.execute("UPDATE documents SET current = false WHERE name IN (SELECT name FROM _new_docs)")
        con.execute(
            "INSERT INTO documents SELECT n.doc_id, n.name, n.path, n.format, n.title, n.published, n.chars,"
            " n.original, n.text, n.offset_map, n.removed,"
            " coalesce(o.v, 0) + row_number() OVER (PARTITION BY n.name ORDER BY n.seq),"
            " n.seq = max(n.seq) OVER (PARTITION BY n.name), now()"
            " FROM _new_docs n LEFT JOIN (SELECT name, max(version) AS v FROM documents GROUP BY name) o"
            " USING (name) ORDER BY n.seq"
        )
        for table in DOC_TABLES:
            if not _has_files(root, table):
                continue
            cols = ", ".join(f'"{c}"' for c in _DB_COLUMNS[table])
            con.execute(
                f"INSERT INTO {table} SELECT {cols} FROM {scan(root, table)}"  # noqa: S608 - fixed names
                " WHERE doc_id IN (SELECT doc_id FROM _new_docs)"
                " QUALIFY seq = min(seq) OVER (PARTITION BY doc_id) ORDER BY seq, ord"
            )
        con.execute("DROP TABLE _new_docs")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return int(added)


def append_arrow(store: Store, table: str, data: pa.Table) -> None:
    """Bulk-append an Arrow table to a database table, columns matched by name (for generated data)."""
    if table not in (*DOC_TABLES, "documents", "events", "entities", "agreements"):
        raise ValueError(f"unknown table {table}")
    store.con.execute("SET enable_progress_bar = false")
    store.con.register("_arrow_in", data)
    try:
        store.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _arrow_in")  # noqa: S608 - checked name
    finally:
        store.con.unregister("_arrow_in")
