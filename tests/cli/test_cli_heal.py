"""An ingest stopped between storing documents and rebuilding derived records heals on the next run."""

from __future__ import annotations

from pathlib import Path

from dyad.config import Options
from dyad.pipeline import ingest
from dyad.store.db import Store

DATA = Path(__file__).resolve().parents[1] / "data"


def _events(db: Path) -> int:
    with Store.open(db, read_only=True) as store:
        return sum(1 for _ in store.derived("events"))


def test_pipeline_stopped_before_rebuild_heals_on_rerun(tmp_path: Path) -> None:
    options = Options(db=tmp_path / "heal.duckdb")
    run = ingest([DATA / "summit_note.txt"], options)
    assert next(run).status == "added"
    run.close()  # stop right after the document is stored, before the rebuild (as a kill would)
    assert _events(options.db) == 0
    rerun = list(ingest([DATA / "summit_note.txt"], options))
    assert [r.status for r in rerun] == ["unchanged"]
    assert _events(options.db) > 0
    with Store.open(options.db, read_only=True) as store:
        assert store.pending_derived() == []
