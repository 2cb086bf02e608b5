"""Loading Parquet numbers versions of a re-ingested file as a direct ingest would (no Ray, no models)."""

from __future__ import annotations

from pathlib import Path

from dyad.offsets import MappedText
from dyad.records import Extraction, Sentence
from dyad.store.db import Store
from dyad.store.parquet import PartitionWriter, load_parquet


def write_doc(store: Store, doc_id: str, name: str, text: str) -> None:
    doc = {
        "doc_id": doc_id,
        "name": name,
        "path": name,
        "format": "txt",
        "title": None,
        "published": "2019-05",
        "original": text,
        "text": text,
        "offset_map": MappedText.identity(text).dumps(),
    }
    store.write_document(
        doc=doc,
        removed=[],
        sentences=[Sentence(0, 0, 0, len(text), 0, len(text), text)],
        ref_dates=[None],
        extraction=Extraction(),
        to_original=lambda s, e: (s, e),
    )


def test_parquet_load_keeps_versions_and_current(tmp_path: Path) -> None:
    source, target, parquet = tmp_path / "a.duckdb", tmp_path / "b.duckdb", tmp_path / "pq"
    with Store.open(source) as store:
        writer = PartitionWriter(store, parquet, flush_every=2)
        for doc_id, text in (("d1", "A first note we wrote."), ("d2", "Another note."), ("d3", "The note, revised.")):
            write_doc(store, doc_id, "note.txt" if doc_id != "d2" else "other.txt", text)
            writer.add(doc_id)
        writer.flush()
    assert sorted(p.name for p in (parquet / "documents").iterdir()) == ["year=2019"]
    with Store.open(target) as store:
        assert load_parquet(store, parquet) == ["note.txt", "other.txt"]
        got = store.con.execute("SELECT doc_id, version, current FROM documents ORDER BY doc_id").fetchall()
    assert got == [("d1", 1, False), ("d2", 1, True), ("d3", 2, True)]
