"""Any pair of states out of the box (issue 14): India–China border talks, as a new user would try them.

Three short news-style texts of our own in ``tests/extract/anypair/`` (2020-2022) name Defence
Minister Rajnath Singh (not in the actor data), Foreign Minister Wang Yi (in it), spokesman Zhao
Lijian (not in it; Zhao Ziyang is), two agreements no data file lists, and stances on issues no
data file lists. Ingested through the real command line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_dyad

ANYPAIR = Path(__file__).resolve().parent / "anypair"


@pytest.fixture(scope="module")
def anypair_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    db = tmp_path_factory.mktemp("anypair") / "anypair.duckdb"
    result = run_dyad("ingest", str(ANYPAIR), db=db)
    assert result.returncode == 0, result.stderr
    return db, result.stdout


def _export(kind: str, db: Path) -> list[dict]:
    result = run_dyad("export", kind, db=db)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_anypair_officials_are_the_right_people(anypair_db: tuple[Path, str]) -> None:
    db, _out = anypair_db
    events = _export("events", db)
    actors = {(side["name"], side["country"]) for e in events for side in (e["source"], e["target"])}
    names = {name for name, _c in actors}
    assert "Jaswant Singh" not in names and "Zhao Ziyang" not in names, names
    assert ("Rajnath Singh", "IND") in actors, actors  # an Indian official though the data lacks him
    assert ("Zhao Lijian", "CHN") in actors, actors
    entities = {e["id"]: e for e in _export("entities", db)}
    assert "person:singh-jaswant" not in entities and "person:zhao-ziyang" not in entities
    assert entities["person:wang-yi"]["country"] == "CHN"  # a full name in the data links as before


def test_anypair_agreement_never_listed_is_found(anypair_db: tuple[Path, str]) -> None:
    db, _out = anypair_db
    found = {a["name"]: a for a in _export("agreements", db)}
    bdca = found.get("Border Defence Cooperation Agreement")
    assert bdca is not None, sorted(found)
    assert bdca["parties"] == ["CHN", "IND"] and bdca["date"] == "2013-10-23" and bdca["status"] == "signed"
    patrol = found.get("Patrolling Point 15 Disengagement Agreement")
    assert patrol is not None and patrol["date"] == "2022-09-08" and patrol["parties"] == ["CHN", "IND"]


def test_anypair_positions_on_issues_the_text_names(anypair_db: tuple[Path, str]) -> None:
    db, _out = anypair_db
    positions = _export("positions", db)
    held = {(p["actor"]["country"], p["issue"], p["stance"]) for p in positions}
    # "India insists on the complete disengagement of troops" and, in another document,
    # "Beijing supports the disengagement of troops": one issue, grouped by lemma across documents
    assert ("IND", "disengagement-of-troop", "support") in held, held
    assert ("CHN", "disengagement-of-troop", "support") in held, held
    assert any(c == "IND" and s == "oppose" for c, _i, s in held), held  # "India rejects any attempt to ..."


def test_anypair_ingest_says_what_it_found(anypair_db: tuple[Path, str]) -> None:
    _db, out = anypair_db
    summary = [line for line in out.splitlines() if line.startswith("summary")]
    assert len(summary) == 1, out
    assert "3 documents added" in summary[0] and "most events: CHN–IND" in summary[0], summary
    assert " 0 agreements" not in summary[0] and " 0 positions" not in summary[0], summary
