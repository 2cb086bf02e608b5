"""Parquet partitions: readable by DuckDB as they are, and loadable into a fresh database unchanged."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dyad import export
from dyad.analysis.derive import rebuild_derived
from dyad.store.db import Store
from dyad.store.parquet import load_parquet, scan
from dyad.store.schema import DOC_TABLES
from tests.bundled import KNOWLEDGE

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


def rows(db: Path, table: str) -> list[tuple]:
    skip = " EXCLUDE (ingested_at)" if table == "documents" else ""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f"SELECT *{skip} FROM {table} ORDER BY doc_id, rowid").fetchall()
    finally:
        con.close()


def test_parquet_partitions_are_by_year_and_read_by_duckdb(ray_seeds: tuple[Path, Path, list[str]]) -> None:
    db, parquet, _ = ray_seeds
    years = {p.name for p in (parquet / "event_mentions").iterdir()}
    assert years and all(y.startswith("year=") for y in years)
    con = duckdb.connect()
    by_year = con.execute(f"SELECT year, count(*) FROM {scan(parquet, 'event_mentions')} GROUP BY year").fetchall()
    assert sum(n for _, n in by_year) == len(rows(db, "event_mentions"))
    assert all(y == "undated" or y.isdigit() for y, _ in by_year)
    docs = con.execute(f"SELECT count(*) FROM {scan(parquet, 'documents')}").fetchone()
    assert docs == (len(rows(db, "documents")),)


def test_load_parquet_rebuilds_the_same_database(ray_seeds: tuple[Path, Path, list[str]], tmp_path: Path) -> None:
    db, parquet, _ = ray_seeds
    fresh = tmp_path / "loaded.duckdb"
    with Store.open(fresh) as store:
        names = load_parquet(store, parquet)
        assert len(names) == len(rows(db, "documents"))
        assert load_parquet(store, parquet) == []  # nothing new the second time
        rebuild_derived(store, KNOWLEDGE, names=names)
    for table in ("documents", *DOC_TABLES):
        assert rows(fresh, table) == rows(db, table), table
    with Store.open(fresh, read_only=True) as a, Store.open(db, read_only=True) as b:
        assert list(export.records(a, "events")) == list(export.records(b, "events"))
