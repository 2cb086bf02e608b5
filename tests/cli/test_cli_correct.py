"""`dyad correct` through the real command line on a real ingest: corrections stick, list, withdraw, gold.

The document is tests/data/summit_note.txt (our own text); events are found by a short phrase of their
evidence, never by a hard-coded id.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import run_dyad

NOTE = Path(__file__).resolve().parents[1] / "data" / "summit_note.txt"


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the note, ingested once; each test works on its own copy."""
    folder = tmp_path_factory.mktemp("correct")
    shutil.copy(NOTE, folder / "note.txt")
    db = folder / "base.duckdb"
    result = run_dyad("ingest", str(folder / "note.txt"), db=db)
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture()
def db(ingested: Path, tmp_path: Path) -> Path:
    shutil.copy(ingested.parent / "note.txt", tmp_path / "note.txt")
    copy = tmp_path / "t.duckdb"
    shutil.copy(ingested, copy)
    return copy


def events(db: Path) -> list[dict]:
    result = run_dyad("export", "events", db=db)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def event_with(db: Path, phrase: str) -> dict:
    found = [e for e in events(db) if any(phrase in ev["text"] for ev in e["evidence"])]
    assert found, f"no event cites {phrase!r}"
    return found[0]


def one_line_error(result: object, code: int) -> str:
    assert result.returncode == code, (result.stdout, result.stderr)  # type: ignore[attr-defined]
    err = result.stderr.strip()  # type: ignore[attr-defined]
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


def test_corrections_survive_a_reingest_of_the_changed_document(db: Path) -> None:
    rejected = event_with(db, "rejected the criticism")
    criticised = event_with(db, "criticised the deployment")
    why = ["--why", "an official protest note", "--by", "ana"]
    result = run_dyad("correct", rejected["id"], "--type", "protest", "--date", "2019-06-12", *why, db=db)
    assert result.returncode == 0, result.stderr
    assert "type PROTEST" in result.stdout and "date 2019-06-12" in result.stdout
    assert run_dyad("correct", criticised["id"], "--wrong", "--why", "a comment", db=db).returncode == 0

    # the document changes (a line before, a sentence after) and is ingested again
    note = db.parent / "note.txt"
    note.write_text("Filed late.\n\n" + note.read_text(encoding="utf-8") + "\nNothing else happened.\n")
    assert run_dyad("ingest", str(note), db=db).returncode == 0

    after = {e["id"]: e for e in events(db)}
    assert criticised["id"] not in after  # marked wrong: out of the served model
    fixed = after[rejected["id"]]
    assert (fixed["type"], fixed["quad"], fixed["date"]) == ("PROTEST", "material_conflict", "2019-06-12")
    assert fixed["intensity"] < 0 and fixed["evidence"][0]["start"] > rejected["evidence"][0]["start"]
    assert fixed["correction"]["original"]["type"] == rejected["type"]
    assert [c["who"] for c in fixed["correction"]["log"]] == ["ana", "ana"]

    listed = run_dyad("correct", "--list", db=db).stdout.splitlines()
    assert len(listed) == 3 and "marked wrong" in listed[2]
    number = listed[2].split()[0].lstrip("#")
    assert run_dyad("correct", "--withdraw", number, db=db).returncode == 0
    back = {e["id"]: e for e in events(db)}
    assert criticised["id"] in back and "correction" not in back[criticised["id"]]
    assert "[withdrawn]" in run_dyad("correct", "--list", criticised["id"], db=db).stdout


def test_actor_link_is_fixed_by_name_or_code(db: Path) -> None:
    talks = event_with(db, "held a round of talks")
    result = run_dyad("correct", talks["id"], "--source", "RUS", "--target", "Japan", "--why", "both sides", db=db)
    assert result.returncode == 0, result.stderr
    fixed = {e["id"]: e for e in events(db)}[talks["id"]]
    assert (fixed["source"]["country"], fixed["target"]["country"]) == ("RUS", "JPN")
    assert fixed["correction"]["original"]["source"] == talks["source"]
    table = list(csv.DictReader(io.StringIO(run_dyad("export", "events", "--format", "csv", db=db).stdout)))
    assert len(table) == len(events(db)) and [bool(r["correction"]) for r in table].count(True) == 1


def test_exported_gold_is_scored_by_dyad_eval(db: Path, tmp_path: Path) -> None:
    agreed = event_with(db, "agreed to continue")
    fix = ["--type", "COOPERATE", "--why", "continuing joint activity is cooperation"]
    assert run_dyad("correct", agreed["id"], *fix, db=db).returncode == 0
    gold = tmp_path / "gold.jsonl"
    result = run_dyad("correct", "--export-gold", str(gold), db=db)
    assert result.returncode == 0 and "1 reviewed document" in result.stdout, result.stderr
    lines = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    assert {g["doc"] for g in lines} == {"note.txt"} and len(lines) == len(events(db))
    assert next(g for g in lines if g["fact"] == agreed["id"])["type"] == "COOPERATE"

    scored = run_dyad("eval", "events", "--gold", str(gold), "--json", db=db)
    assert scored.returncode == 0, scored.stderr
    figures = json.loads(scored.stdout)
    assert figures["recall"] == figures["precision"] == figures["type_agreement"] == 1.0

    # the model as extracted (the correction withdrawn) disagrees with the analyst on that type
    assert run_dyad("correct", "--withdraw", "1", db=db).returncode == 0
    raw = json.loads(run_dyad("eval", "events", "--gold", str(gold), "--json", db=db).stdout)
    assert raw["recall"] == 1.0 and raw["type_agreement"] < 1.0


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["ev-nosuchevent", "--wrong", "--why", "x"], "no event, agreement, position or quantity 'ev-nosuchevent'"),
        (["{id}", "--type", "HUG", "--why", "x"], "unknown PLOVER type 'HUG'"),
        (["{id}", "--date", "2019-13", "--why", "x"], "not an ISO date"),
        (["{id}", "--wrong"], "say why"),
        (["{id}", "--source", "Nobody Atall", "--why", "x"], "no actor 'Nobody Atall'"),
        (["--withdraw", "99"], "no correction #99"),
        (["--export-gold", "-"], "nothing to export"),
    ],
)
def test_bad_corrections_are_one_line(db: Path, args: list[str], problem: str) -> None:
    some = events(db)[0]["id"]
    err = one_line_error(run_dyad("correct", *[a.replace("{id}", some) for a in args], db=db), 1)
    assert problem in err and "E501" in err


@pytest.mark.parametrize(
    ("args", "problem"),
    [([], "give one of"), (["--list", "--withdraw", "1"], "give one of"), (["--wrong", "--why", "x"], "which fact")],
)
def test_correct_usage_errors(db: Path, args: list[str], problem: str) -> None:
    assert problem in one_line_error(run_dyad("correct", *args, db=db), 2)


def agreements(db: Path) -> dict[str, dict]:
    result = run_dyad("export", "agreements", db=db)
    assert result.returncode == 0, result.stderr
    return {a["id"]: a for a in map(json.loads, result.stdout.splitlines())}


def test_agreement_corrections_survive_a_reingest(db: Path) -> None:
    before = agreements(db)
    first, *others = sorted(before)
    assert others, "the note names at least two agreements"
    fix = ["--status", "proposed", "--parties", "jpn,rus,usa", "--why", "only proposed so far"]
    assert run_dyad("correct", first, *fix, db=db).returncode == 0
    assert run_dyad("correct", others[0], "--wrong", "--why", "not an agreement", db=db).returncode == 0
    err = one_line_error(run_dyad("correct", first, "--type", "AGREE", "--why", "x", db=db), 1)
    assert "an agreement takes no --type" in err

    note = db.parent / "note.txt"
    note.write_text(note.read_text(encoding="utf-8") + "\nThe talks went on in July.\n", encoding="utf-8")
    assert run_dyad("ingest", str(note), db=db).returncode == 0
    after = agreements(db)
    assert others[0] not in after
    assert (after[first]["status"], after[first]["parties"]) == ("proposed", ["JPN", "RUS", "USA"])
    assert after[first]["correction"]["original"]["parties"] == before[first]["parties"]
    listed = run_dyad("correct", "--list", first, db=db).stdout
    assert "status proposed" in listed and "parties JPN,RUS,USA" in listed
