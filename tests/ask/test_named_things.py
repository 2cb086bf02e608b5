"""A passage about another named agreement does not answer for the one the question names."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.ask import answer
from dyad.store.db import Store
from tests.ask.build import write_texts

TREATIES = """Norland and Valmark between the wars

### Treaty of Halvik, 3 May 1911

The long quarrel over the fishing grounds ended in a settlement between the two crowns. The Treaty of Halvik was \
signed in Halvik by envoys of Norland and Valmark. Valmark had another agreement, the Treaty of Ostria, signed on \
9 June 1910 with the Ostrian court.
"""


@pytest.fixture(scope="module")
def treaties_store(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("treaties")
    (folder / "treaties.md").write_text(TREATIES, encoding="utf-8")
    db = write_texts(folder / "treaties.duckdb", [folder / "treaties.md"])
    store = Store.open(Path(db), read_only=True)
    yield store
    store.close()


def test_the_date_comes_from_the_named_treaty_not_its_neighbour(treaties_store) -> None:
    got = answer(treaties_store, "On what date was the Treaty of Halvik signed?", semantic=False)
    assert got.answer.splitlines()[0] == "3 May 1911 (1911-05-03)"
    got = answer(treaties_store, "On what date was the Treaty of Ostria signed?", semantic=False)
    assert got.answer.splitlines()[0] == "9 June 1910 (1910-06-09)"
