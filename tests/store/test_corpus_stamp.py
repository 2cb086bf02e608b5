"""The corpus stamp that tells an in-memory search index it is stale: it changes with the set of current
documents (one added, one replaced by a new version) and only then."""

from __future__ import annotations

from pathlib import Path

from dyad.store.db import Store
from dyad.store.search import corpus_stamp
from tests.store.test_db_documents import _write


def test_corpus_stamp_changes_with_the_current_documents(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.duckdb") as store:
        empty = corpus_stamp(store)
        _write(store, "a.txt", "sha-a1", "First text.")
        one = corpus_stamp(store)
        assert one != empty
        assert corpus_stamp(store) == one  # asking again changes nothing
        _write(store, "b.txt", "sha-b1", "Another text.")
        two = corpus_stamp(store)
        _write(store, "a.txt", "sha-a2", "First text, second version.")
        replaced = corpus_stamp(store)
        assert len({empty, one, two, replaced}) == 4
        assert two.split(":")[0] == replaced.split(":")[0] == "2"  # same count, other documents


def test_corpus_stamp_of_a_read_only_store_sees_a_later_ingest(tmp_path: Path) -> None:
    path = tmp_path / "a.duckdb"
    with Store.open(path) as store:
        _write(store, "a.txt", "sha-a1", "First text.")
    with Store.open(path, read_only=True) as store:
        before = corpus_stamp(store)
        assert corpus_stamp(store) == before
    with Store.open(path) as store:
        _write(store, "b.txt", "sha-b1", "Another text.")
    with Store.open(path, read_only=True) as store:
        assert corpus_stamp(store) != before
