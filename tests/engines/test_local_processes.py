"""`dyad ingest --processes N`: worker processes take large files first, and the model is the same as one process's."""

from __future__ import annotations

from pathlib import Path

from dyad.config import Options
from dyad.engines.local import SCHEDULE_WINDOW, schedule
from dyad.export import records
from dyad.ingest.readers import SUFFIXES
from dyad.pipeline import ingest
from dyad.store.db import Store

OWN = Path(__file__).resolve().parents[1] / "extract"


def test_schedule_is_largest_first_within_windows(tmp_path: Path) -> None:
    sizes = [5, 50, 1, 30, 7, 70, 2, 9, 40, 3]
    paths = []
    for k, size in enumerate(sizes):
        path = tmp_path / f"f{k:02d}.txt"
        path.write_text("x" * size)
        paths.append(path)
    order = schedule(paths, 1)  # windows of SCHEDULE_WINDOW files
    assert sorted(order) == list(range(len(paths)))
    first = order[:SCHEDULE_WINDOW]
    assert sorted(first) == list(range(SCHEDULE_WINDOW))  # no file leaves its window
    assert [sizes[i] for i in first] == sorted(sizes[:SCHEDULE_WINDOW], reverse=True)
    assert schedule(paths, 2) == sorted(range(len(paths)), key=lambda i: -sizes[i])  # one window of 16


def _model(db: Path) -> dict[str, list]:
    with Store.open(db, read_only=True) as store:
        kinds = ("documents", "events", "agreements", "entities", "positions", "quantities")
        return {kind: list(records(store, kind)) for kind in kinds}


def test_two_processes_give_the_same_model(tmp_path: Path) -> None:
    corpus = [OWN / "data", OWN / "heldout"]
    lines = {}
    for n in (1, 2):
        options = Options(db=tmp_path / f"p{n}.duckdb", processes=n)
        lines[n] = [r.line() for r in ingest(corpus, options)]
    assert lines[1] == lines[2]  # results reported in the order of the files
    readable = [f for folder in corpus for f in folder.rglob("*") if f.suffix.lower() in SUFFIXES]
    assert sum(line.startswith("added") for line in lines[2]) == len(readable)  # every document, once
    one, two = _model(tmp_path / "p1.duckdb"), _model(tmp_path / "p2.duckdb")
    assert one["events"] and one["agreements"] and one["entities"]
    assert one == two


def test_ingest_freezes_what_it_loaded_and_thaws_it_after(tmp_path: Path) -> None:
    """What the warm-up loads lives as long as the run, so the writing process keeps it out of the collector's
    full passes while the run lasts (gc.freeze), and gives it back when the ingest ends; objects someone else
    froze are left as they are, and a warm-up alone (a Ray actor's) freezes nothing."""
    import gc

    from dyad.pipeline import warm_up

    doc = tmp_path / "note.txt"
    doc.write_text("On 4 May 2021 the foreign ministers of Chile and Peru met in Lima to discuss fisheries.\n")
    seen: list[int] = []

    def start(_path: Path) -> None:
        seen.append(gc.get_freeze_count())

    assert gc.get_freeze_count() == 0
    results = list(ingest([doc], Options(db=tmp_path / "a.duckdb", processes=1), on_start=start))
    assert [r.status for r in results] == ["added"]
    assert seen and seen[0] > 1000  # frozen while the documents were written
    assert gc.get_freeze_count() == 0  # and thawed at the end
    warm_up(Options())
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        list(ingest([doc], Options(db=tmp_path / "b.duckdb", processes=1)))
        assert gc.get_freeze_count() == frozen  # someone else's freeze is left alone
    finally:
        gc.unfreeze()
