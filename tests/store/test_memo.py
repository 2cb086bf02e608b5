"""A served file's summaries are kept until the file changes; the least recently used go first."""

from __future__ import annotations

import os
from pathlib import Path

from dyad.store import derived, memo
from dyad.store import queries as q
from dyad.store.db import Store
from tests.store.test_aggregates import RANGES, TYPES, _event


def test_memo_builds_once_per_file_state_and_never_for_a_writable_store(tmp_path: Path) -> None:
    path = tmp_path / "m.duckdb"
    built: list[str] = []
    with Store.open(path) as store:
        for _ in range(2):
            memo.cached(store, "k", lambda: built.append("w"))
    assert built == ["w", "w"]
    with Store.open(path, read_only=True) as store:
        for _ in range(2):
            memo.cached(store, "k", lambda: built.append("r"))
        os.utime(path, ns=(1, 1))  # the file changed under the same name (a snapshot replaced)
        memo.cached(store, "k", lambda: built.append("r2"))
    assert built == ["w", "w", "r", "r2"]


def test_memo_drops_the_least_recently_used(tmp_path: Path, monkeypatch: object) -> None:
    path = tmp_path / "m.duckdb"
    Store.open(path).close()
    memo.forget()
    setattr_ = monkeypatch.setattr  # type: ignore[attr-defined]
    setattr_(memo, "CAPACITY", 2)
    with Store.open(path, read_only=True) as store:
        memo.cached(store, "a", lambda: 1)
        memo.cached(store, "b", lambda: 2)
        memo.cached(store, "a", lambda: 0)  # used again: "b" is now the oldest
        memo.cached(store, "c", lambda: 3)
        assert memo.cached(store, "a", lambda: -1) == 1
        assert memo.cached(store, "b", lambda: -2) == -2


def test_served_totals_and_pages_equal_those_of_the_file_being_written(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    spread = [(n % 5, (n + 1) % 5, d, n % 7 - 3, n % 4 if n % 4 < 3 else 0, n % 2) for n, d in enumerate(
        [None, "2016", "2016-03", "2016-03-05", "2016-03-28", "2017-11-02"] * 6)]  # fmt: skip
    with Store.open(path) as store:
        derived.replace_events(store, [_event(n, *e) for n, e in enumerate(spread)])
    filters = [
        q.EventFilter(dyad=dyad, type=kind, date_from=low, date_to=high)
        for dyad in (None, ("JPN", "RUS"), ("CHN", "JPN"))
        for kind in (None, *(t for t, _quad in TYPES))
        for low, high in [(None, None), *RANGES]
    ] + [q.EventFilter(actor=a) for a in ("JPN", "Q1", "ORG")]

    def listing(store: Store) -> list[tuple[list[str], int]]:
        out = []
        for f in filters * 2:  # on a served file the second round reads what the first kept
            for limit, offset in ((1, 0), (3, 1)):
                rows, total = q.events(store, f, limit=limit, offset=offset)
                out.append(([e["id"] for e in rows], total))
        return out

    for more in ([], spread[:9]):  # as written, then after another write
        with Store.open(path) as store:
            if more:
                derived.replace_events(store, [_event(100 + n, *e) for n, e in enumerate(more)])
            written = listing(store)
        memo.forget()
        with Store.open(path, read_only=True) as store:
            assert listing(store) == written
