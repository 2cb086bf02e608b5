"""Issue 18: readers see a long batch progress: a snapshot is published every ``snapshot_every`` added documents."""

from __future__ import annotations

import shutil
from pathlib import Path

from dyad.config import Options
from dyad.pipeline import ingest
from dyad.store.db import Store
from dyad.store.snapshot import snapshot_path

DOCS = [
    "On 4 May 2019 the foreign ministers of Japan and Russia met in Moscow to talk about a treaty.\n",
    "On 9 June 2020 China protested to India over a new road near the disputed border.\n",
    "On 2 March 2021 France and Germany signed an agreement on energy trade in Paris.\n",
]


def _published(db: Path, scratch: Path) -> tuple[int, int]:
    """Documents and events in the current snapshot (read through a fresh copy: DuckDB caches a path's instance)."""
    copy = scratch / f"view{len(list(scratch.iterdir()))}.duckdb"
    shutil.copy(snapshot_path(db), copy)
    with Store.open(copy, read_only=True) as store:
        docs = store.con.execute("SELECT count(*) FROM documents").fetchone()[0]  # type: ignore[index]
        events = store.con.execute("SELECT count(*) FROM events").fetchone()[0]  # type: ignore[index]
    return docs, events


def test_snapshot_published_every_n_documents(tmp_path: Path) -> None:
    folder, scratch = tmp_path / "in", tmp_path / "views"
    folder.mkdir()
    scratch.mkdir()
    for i, text in enumerate(DOCS):
        (folder / f"d{i}.txt").write_text(text)
    db = tmp_path / "x.duckdb"
    seen = []
    for result in ingest([folder], Options(db=db, processes=1, snapshot_every=1)):
        assert result.status == "added"
        seen.append(_published(db, scratch))  # while the batch is still running
    assert [d for d, _ in seen] == [1, 2, 3]
    assert all(e > 0 for _, e in seen) and seen[-1][1] > seen[0][1]  # derived records rebuilt with each


def test_snapshot_only_at_the_end_when_zero(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DOCS[0])
    (tmp_path / "b.txt").write_text(DOCS[1])
    db = tmp_path / "x.duckdb"
    for _ in ingest([tmp_path / "a.txt", tmp_path / "b.txt"], Options(db=db, processes=1, snapshot_every=0)):
        assert not snapshot_path(db).exists()
    assert snapshot_path(db).exists()
