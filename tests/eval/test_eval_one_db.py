"""``python -m dyad.eval.sets --one-db``: several sets copied into one folder, names and gold kept apart."""

from __future__ import annotations

import json

import pytest

from dyad.eval.sets import SETS, load_floors, one_corpus
from tests.conftest import run_dyad


def test_one_corpus_prefixes_every_set_but_the_first_and_rewrites_its_gold(tmp_path) -> None:
    docs, sets = one_corpus(["own", "heldout"], tmp_path)
    own, heldout = SETS["own"], SETS["heldout"]
    names = {f.name for f in docs.iterdir()}
    own_docs = {f.name for f in own.docs.glob("*.txt")}
    assert own_docs <= names
    assert {f"heldout-{f.name}" for f in heldout.docs.glob("*.txt")} <= names
    assert not any(n.endswith("_gold.jsonl") for n in names)  # gold files are not documents
    for name, prefix in (("own", ""), ("heldout", "heldout-")):
        lines = sets[name].gold_file("events").read_text(encoding="utf-8").splitlines()
        original = SETS[name].gold_file("events").read_text(encoding="utf-8").splitlines()
        assert len([x for x in lines if x.strip()]) == len([x for x in original if x.strip()])
        for line in filter(str.strip, lines):
            doc = json.loads(line)["doc"]
            assert doc.startswith(prefix) and doc in names


ONE_DB_FLOORS = load_floors(one_db=True)


def test_one_db_floors_name_known_sets() -> None:
    assert ONE_DB_FLOORS and set(ONE_DB_FLOORS) <= set(SETS)


@pytest.mark.slow
def test_one_db_floors_hold(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The sets ingested together through the real command line; each kind with a floor scored by `dyad eval`."""
    names = list(ONE_DB_FLOORS)
    if not all(SETS[n].present for n in names):
        pytest.skip("a set of the shared folder is absent")
    where = tmp_path_factory.mktemp("one-db")
    docs, sets = one_corpus(names, where)
    db = where / "one.duckdb"
    result = run_dyad("ingest", str(docs), db=db)
    assert result.returncode in (0, 1), result.stderr
    for name, kinds in ONE_DB_FLOORS.items():
        for kind, wanted in kinds.items():
            result = run_dyad("eval", kind, "--gold", str(sets[name].gold_file(kind)), "--json", db=db)
            assert result.returncode == 0, result.stderr
            figures = json.loads(result.stdout)
            for figure, floor in wanted.items():
                assert figures[figure] >= floor, f"one-db {name} {kind} {figure}: {figures[figure]:.3f} < {floor}"
