"""An ingest re-merges only the runs of overlapping dates its documents touch, with the same result as a
full rebuild, in any order of batches and with documents replaced by new versions."""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyad.analysis.derive import _touched_spans, event_pairs, rebuild_derived
from dyad.offsets import MappedText
from dyad.records import ActorRef, AgreementMention, EventRecord, Evidence, Extraction
from dyad.store.db import Store
from tests.bundled import KNOWLEDGE

STATES = [ActorRef("Q17", "Japan", "JPN"), ActorRef("Q159", "Russia", "RUS"), ActorRef("Q30", "United States", "USA")]
KINDS = [("CONSULT", "visit"), ("AGREE", "sign"), ("ACCUSE", None)]
DATES = [None, "2015", "2016", "2016-05", "2016-12", "2016-12-15", "2016-12-16", "2017-01-02", "1956-10-19"]


def _record(doc: str, k: int, spec: tuple[int, int, int, int, bool]) -> EventRecord:
    src, tgt, kind, date, ranged = spec
    source, target = STATES[src], STATES[(src + 1 + tgt) % len(STATES)]
    type_, mode = KINDS[kind]
    day = DATES[date]
    end = "2016-12-20" if ranged and day and day.startswith("2016-12") and len(day) == 10 else None
    return EventRecord(day, end, source, target, type_, mode, "verbal_cooperation", 4.0, False, False, "04",
                       Evidence(doc, 10 * k, 10 * k + 5, f"{doc}:{k}"), trigger=mode or "accuse")  # fmt: skip


AGREEMENTS = ["peace-treaty:JPN|RUS", "declaration-1956", "count:deals:68"]
STATUSES = [None, "negotiating", "signed", "in_force", "abandoned"]


def _mention(doc: str, k: int, spec: tuple[int, int, int, int, bool]) -> AgreementMention:
    src, tgt, kind, date, _ranged = spec
    key = AGREEMENTS[kind]
    return AgreementMention(key, key.split(":")[0].replace("-", " ") + " deals", "treaty", ("JPN", "RUS"),
                            "1956-10-19" if kind == 1 and tgt else None, STATUSES[(src + date) % len(STATUSES)],
                            DATES[date], (), Evidence(doc, 10 * k, 10 * k + 5, f"{doc}:{k}"))  # fmt: skip


def _write(store: Store, name: str, version: int, specs: list[tuple[int, int, int, int, bool]]) -> None:
    text = f"{name} version {version}\n"
    events = [_record(name, k, spec) for k, spec in enumerate(specs)]
    agreements = [_mention(name, k, spec) for k, spec in enumerate(specs)]
    doc = {
        "doc_id": f"{name}-{version}",
        "name": name,
        "path": name,
        "format": "txt",
        "title": None,
        "published": None,
        "original": text,
        "text": text,
        "offset_map": MappedText.identity(text).dumps(),
    }
    extraction = Extraction(events=events, agreements=agreements)
    store.write_document(doc=doc, removed=[], sentences=[], ref_dates=[], extraction=extraction,
                         to_original=lambda s, e: (s, e), event_pairs=event_pairs(events))  # fmt: skip


def _derived(store: Store) -> tuple[list[dict], list[dict]]:
    return sorted(store.derived("events", include_all=True), key=lambda e: e["id"]), list(store.derived("agreements"))


_RUNS = itertools.count()
SPEC = st.tuples(st.integers(0, 2), st.integers(0, 1), st.integers(0, 2), st.integers(0, len(DATES) - 1),
                 st.booleans())  # fmt: skip
DOCS = st.lists(st.lists(SPEC, min_size=1, max_size=6), min_size=2, max_size=6)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(docs=DOCS, cut=st.integers(1, 5), redo=st.lists(SPEC, max_size=4))
def test_incremental_rebuild_equals_full(tmp_path: Path, docs, cut, redo) -> None:
    db = tmp_path / f"inc-{next(_RUNS)}.duckdb"  # a fresh database for every example hypothesis tries
    with Store.open(db) as store:
        names = [f"d{i}.txt" for i in range(len(docs))]
        for batch in (names[:cut], names[cut:]):  # two ingests, each rebuilding what it touched
            for name in batch:
                _write(store, name, 1, docs[names.index(name)])
            if batch:
                rebuild_derived(store, KNOWLEDGE, names=batch)
        _write(store, names[0], 2, redo)  # a new version: its old records must leave the merge
        rebuild_derived(store, KNOWLEDGE, names=[names[0]])
        incremental = _derived(store)
        rebuild_derived(store, KNOWLEDGE)  # everything from scratch
        assert incremental == _derived(store)
        assert incremental[1]  # the agreements are compared too


def test_touched_spans_are_runs_of_overlapping_windows() -> None:
    rows = [("2016-12-15", None, False), ("2016", None, False), ("2018-03", None, True), ("2018-03-02", None, False),
            ("2020", None, False), (None, None, False)]  # fmt: skip
    runs, undated = _touched_spans(rows)
    assert runs == [("2018-03-01", "2018-03-31")] and not undated
    runs, _ = _touched_spans([*rows, ("2016-05", None, True)])
    assert runs == [("2016-01-01", "2016-12-31"), ("2018-03-01", "2018-03-31")]
    assert _touched_spans([*rows, (None, None, True)])[1] is True
    assert _touched_spans([("2016-12-20", "2016-12-01", True)]) is None  # a reversed range: the whole pair


def _tables(store: Store) -> list[list[tuple]]:
    """Every row the events rebuild writes, in the order the tables hold them."""
    sql = [
        "SELECT id, pair, record FROM events ORDER BY rowid",
        "SELECT * FROM id_redirects ORDER BY old",
        "SELECT * FROM pair_months ORDER BY rowid",
        "SELECT * FROM actor_pairs ORDER BY pair, actor, month",
    ]
    return [store.con.execute(q).fetchall() for q in sql]


def test_pairs_written_together_leave_the_rows_of_pairs_written_one_by_one(tmp_path: Path, monkeypatch) -> None:
    """The touched pairs' results are written in batches: the same rows, in the same order, as pair by pair."""
    from dyad.analysis import derive

    docs = {
        "a.txt": [(0, 0, 0, 3, False), (0, 1, 1, 4, True), (1, 0, 2, 0, False), (2, 0, 0, 5, False)],
        "b.txt": [(0, 0, 0, 4, False), (1, 0, 1, 6, False), (2, 1, 2, 7, False), (0, 1, 0, 2, False)],
    }
    redo = [(0, 0, 1, 4, False), (1, 1, 0, 5, True)]
    seen = []
    for every in (1, derive.WRITE_EVERY):  # 1: each pair written alone, as the rebuild did before
        monkeypatch.setattr(derive, "WRITE_EVERY", every)
        with Store.open(tmp_path / f"w{every}.duckdb") as store:
            for name, specs in docs.items():
                _write(store, name, 1, specs)
            rebuild_derived(store, KNOWLEDGE, names=list(docs))
            _write(store, "a.txt", 2, redo)  # a new version: some ids go, redirects are written
            rebuild_derived(store, KNOWLEDGE, names=["a.txt"])
            seen.append(_tables(store))
    assert seen[0] == seen[1]
    assert len({row[1] for row in seen[0][0]}) == 3 and seen[0][1]  # three pairs; some ids redirected
