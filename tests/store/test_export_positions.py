"""`dyad export positions` marks a stance that changed from the actor's earlier one on the same issue."""

from __future__ import annotations

from pathlib import Path

from dyad import export
from dyad.offsets import MappedText
from dyad.records import ActorRef, Evidence, Extraction, PositionRecord, Sentence
from dyad.store.db import Store

JAPAN = ActorRef("Q17", "Japan", "JPN")


def _write(store: Store, name: str, text: str, stance: str, date: str) -> None:
    ev = Evidence(name, 0, len(text), text)
    ex = Extraction(positions=[PositionRecord(JAPAN, "kuril-sovereignty", stance, date, text, ev)])
    doc = {
        "doc_id": name,
        "name": name,
        "path": name,
        "format": "txt",
        "title": None,
        "published": date,
        "original": text,
        "text": text,
        "offset_map": MappedText.identity(text).dumps(),
    }
    store.write_document(
        doc=doc,
        removed=[],
        sentences=[Sentence(0, 0, 0, len(text), 0, len(text), text)],
        ref_dates=[date],
        extraction=ex,
        to_original=lambda s, e: (s, e),
    )


def test_export_positions_marks_stance_change(tmp_path: Path) -> None:
    with Store.open(tmp_path / "p.duckdb") as store:
        _write(store, "a.txt", "Tokyo wanted all four islands back at once.", "all-four-islands", "2001")
        _write(store, "b.txt", "Tokyo now talks of the two smaller islands first.", "1956-two-islands", "2018-11")
        rows = {r["evidence"][0]["doc"]: r for r in export.records(store, "positions")}
    assert rows["a.txt"]["change"] is None
    assert rows["b.txt"]["change"] == {"from": "all-four-islands", "date": "2018-11"}
