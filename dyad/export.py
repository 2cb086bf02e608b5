"""Exports: the database's records in the contract's shapes, as JSON Lines, CSV or Parquet.

``records(store, kind)`` yields plain dicts shaped exactly as ../shared/CONTRACT.md
says; ``write(records, fmt, out)`` serialises them. CSV and Parquet keep nested
fields (actors, evidence, roles) as JSON strings so every row has the same columns.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from dyad.records import position_from_dict
from dyad.store.db import Store

KINDS = ("documents", "events", "entities", "agreements", "positions", "quantities")
FORMATS = ("jsonl", "csv", "parquet")
#: Keys only some records of a kind hold (an analyst's ``correction``): JSON Lines leaves them out where
#: absent, CSV and Parquet give every row the column (empty where absent), whichever record comes first.
OPTIONAL = {kind: ("correction",) for kind in ("events", "agreements", "positions", "quantities")}


def records(store: Store, kind: str, *, include_all: bool = False) -> Iterator[dict[str, Any]]:
    """The records of one kind, in a stable order."""
    if kind == "documents":
        for doc in store.documents(include_old=include_all):
            yield {
                "doc": doc["name"],
                "sha256": doc["doc_id"],
                "format": doc["format"],
                "title": doc["title"],
                "published": doc["published"],
                "chars": doc["chars"],
                "text": doc["text"],
                "removed": doc["removed"],
                "version": doc["version"],
                "current": doc["current"],
            }
    elif kind == "entities":
        yield from _entities(store)
    elif kind in ("events", "agreements"):
        yield from store.derived(kind, include_all=include_all)
    elif kind == "positions":
        yield from _positions(store)
    elif kind == "quantities":
        for _doc_id, rec in store.records(kind):
            rec["evidence"] = [rec["evidence"]]
            yield rec
    else:
        raise ValueError(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")


def _positions(store: Store) -> Iterator[dict[str, Any]]:
    """Positions, each marked with the stance its actor held before when it changed (``change``)."""
    from dyad.analysis.disagreements import stance_changes

    rows = [rec for _doc_id, rec in store.records("positions")]
    changes = {}
    for change in stance_changes(position_from_dict(r) for r in rows):
        after = change["evidence"][-1]
        changes[(after["doc"], after["start"])] = {"from": change["from"], "date": change["date"]}
    for rec in rows:
        ev = rec["evidence"]
        rec["change"] = changes.get((ev["doc"], ev["start"]))
        rec["evidence"] = [ev]
        yield rec


def _entities(store: Store) -> Iterator[dict[str, Any]]:
    """Entities with their mentions: two id-ordered streams joined, so memory stays flat."""
    mentions = store.mentions()
    pending = next(mentions, None)
    for entity in store.derived("entities"):
        while pending is not None and pending["entity_id"] < entity["id"]:
            pending = next(mentions, None)
        found = []
        while pending is not None and pending["entity_id"] == entity["id"]:
            found.append({k: pending[k] for k in ("doc", "start", "end", "text")})
            pending = next(mentions, None)
        if found:
            yield {**entity, "mentions": found}


def write(rows: Iterable[dict[str, Any]], fmt: str, out: IO[str] | Path, *, columns: tuple[str, ...] = ()) -> int:
    """Write rows as ``fmt`` to a text stream (jsonl, csv) or a file path (any); return the row count.

    ``columns``: optional keys (:data:`OPTIONAL`) that every CSV or Parquet row gets, None where absent.
    """
    if fmt == "jsonl":
        return _with_text(out, lambda fh: _jsonl(rows, fh))
    if columns:
        rows = ({**row, **{k: row.get(k) for k in columns}} for row in rows)
    if fmt == "csv":
        return _with_text(out, lambda fh: _csv(rows, fh))
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise ValueError("parquet needs an output file (-o FILE)")
        return _parquet(rows, out)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _with_text(out: IO[str] | Path, fn: Any) -> int:
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as fh:
            return int(fn(fh))
    return int(fn(out))


def _jsonl(rows: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    n = 0
    for row in rows:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v for k, v in row.items()}


def _csv(rows: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    writer: csv.DictWriter[str] | None = None
    n = 0
    for row in rows:
        flat = _flat(row)
        if writer is None:
            writer = csv.DictWriter(fh, fieldnames=list(flat), extrasaction="ignore")
            writer.writeheader()
        writer.writerow(flat)
        n += 1
    return n


def _parquet(rows: Iterable[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer: pq.ParquetWriter | None = None
    schema: pa.Schema | None = None
    batch: list[dict[str, Any]] = []
    n = 0

    def flush() -> None:
        nonlocal writer, schema
        table = pa.Table.from_pylist(batch, schema=schema)
        if writer is None:
            # a column that is all null in the first batch is typed as text, not as null
            schema = pa.schema([f.with_type(pa.string()) if pa.types.is_null(f.type) else f for f in table.schema])
            table = table.cast(schema)
            writer = pq.ParquetWriter(path, schema)
        writer.write_table(table)
        batch.clear()

    for row in rows:
        batch.append(_flat(row))
        n += 1
        if len(batch) >= 4096:
            flush()
    if batch:
        flush()
    if writer is not None:
        writer.close()
    else:
        pq.write_table(pa.table({}), path)
    return n
