"""`dyad correct` on positions, quantities and agreements through the real command line on a real ingest.

Positions and quantities have no id: they are named by their page's address (``positions/DOC/START-END``).
The note below is our own text; records are found by a phrase of their evidence, never by hard-coded offsets.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import run_dyad

NOTE = (
    "Sapporo, 3 April 2019\n\n"
    "Trade between Japan and Russia reached 21 billion dollars in 2018, the customs office said.\n\n"
    "Japan opposes the deployment of Russian missiles on the disputed islands. "
    "Moscow rejected the protest a week later.\n"
)
SUMMIT = Path(__file__).resolve().parents[1] / "data" / "summit_note.txt"


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("spans")
    (folder / "trade.txt").write_text(NOTE, encoding="utf-8")
    shutil.copy(SUMMIT, folder / "summit.txt")
    db = folder / "base.duckdb"
    result = run_dyad("ingest", str(folder / "trade.txt"), str(folder / "summit.txt"), db=db)
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture()
def db(ingested: Path, tmp_path: Path) -> Path:
    for name in ("trade.txt", "summit.txt"):
        shutil.copy(ingested.parent / name, tmp_path / name)
    copy = tmp_path / "t.duckdb"
    shutil.copy(ingested, copy)
    return copy


def exported(db: Path, kind: str) -> list[dict]:
    result = run_dyad("export", kind, db=db)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def named(db: Path, kind: str, phrase: str) -> tuple[str, dict]:
    found = [r for r in exported(db, kind) if any(phrase in ev["text"] for ev in r["evidence"])]
    assert len(found) == 1, f"{len(found)} {kind} cite {phrase!r}"
    ev = found[0]["evidence"][0]
    return f"{kind}/{ev['doc']}/{ev['start']}-{ev['end']}", found[0]


def ok(*args: str, db: Path) -> str:
    result = run_dyad(*args, db=db)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_position_and_quantity_corrections_survive_a_reingest_of_the_changed_document(db: Path) -> None:
    japan, stance = named(db, "positions", "Japan opposes")
    moscow, _ = named(db, "positions", "Moscow rejected the protest")
    trade, figure = named(db, "quantities", "21 billion")
    out = ok("correct", japan, "--stance", "support", "--date", "2019-04", "--why", "a later note", db=db)
    assert "corrected #1" in out and f"{japan}: stance support" in out
    ok("correct", "http://127.0.0.1:8000/" + trade, "--value", "21.4", "--why", "the exact figure", db=db)
    ok("correct", moscow, "--wrong", "--why", "not a stance of a state", db=db)
    assert [p["stance"] for p in exported(db, "positions") if p["evidence"][0]["doc"] == "trade.txt"] == ["support"]

    doc = db.parent / "trade.txt"
    doc.write_text("Filed late.\n\n" + doc.read_text(encoding="utf-8"), encoding="utf-8")
    ok("ingest", str(doc), db=db)
    positions, quantities = exported(db, "positions"), exported(db, "quantities")
    assert [p["evidence"][0]["text"][:13] for p in positions if p["evidence"][0]["doc"] == "trade.txt"] == [
        "Japan opposes"
    ]  # Moscow's stays withheld
    moved = next(p for p in positions if p["evidence"][0]["doc"] == "trade.txt")
    assert moved["evidence"][0]["start"] == stance["evidence"][0]["start"] + len("Filed late.\n\n")
    assert (moved["stance"], moved["date"]) == ("support", "2019-04")
    assert moved["correction"]["original"] == {"stance": stance["stance"], "date": stance["date"]}
    value = next(q for q in quantities if q["evidence"][0]["doc"] == "trade.txt")
    assert value["value"] == 21.4 and value["correction"]["original"] == {"value": figure["value"]}
    assert len(ok("correct", "--list", db=db).splitlines()) == 4
    assert "stance support" in ok("correct", "--list", "/" + japan, db=db)  # a page address names it too


def test_gold_of_positions_and_quantities_is_scored_by_dyad_eval(db: Path, tmp_path: Path) -> None:
    trade, _ = named(db, "quantities", "21 billion")
    japan, _ = named(db, "positions", "Japan opposes")
    ok("correct", trade, "--value", "21.4", "--why", "the exact figure", db=db)
    ok("correct", japan, "--confirm", "--why", "checked", db=db)
    for kind in ("positions", "quantities"):
        gold = tmp_path / f"{kind}.jsonl"
        out = ok("correct", "--export-gold", str(gold), "--gold-kind", kind, db=db)
        assert f"gold {kind} from 1 reviewed document" in out
        lines = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
        assert {g["doc"] for g in lines} == {"trade.txt"}
        figures = json.loads(ok("eval", kind, "--gold", str(gold), "--json", db=db))
        assert figures["recall"] == figures["precision"] == 1.0, figures
    assert json.loads((tmp_path / "quantities.jsonl").read_text(encoding="utf-8"))["value"] == 21.4

    ok("correct", "--withdraw", "1", db=db)  # the figure as extracted no longer matches the analyst's
    raw = json.loads(ok("eval", "quantities", "--gold", str(tmp_path / "quantities.jsonl"), "--json", db=db))
    assert raw["recall"] == 0.0


def test_gold_of_agreements_carries_the_corrected_status(db: Path, tmp_path: Path) -> None:
    agreements = exported(db, "agreements")
    assert agreements, "the summit note names agreements"
    target = agreements[0]
    other = next(s for s in ("abandoned", "suspended") if s != target["status"])
    ok("correct", target["id"], "--status", other, "--why", "the talks collapsed", db=db)
    fixed = next(a for a in exported(db, "agreements") if a["id"] == target["id"])
    assert fixed["status"] == other and fixed["status_history"][-1]["status"] == other
    gold = tmp_path / "agreements.jsonl"
    ok("correct", "--export-gold", str(gold), "--gold-kind", "agreements", db=db)
    figures = json.loads(ok("eval", "agreements", "--gold", str(gold), "--json", db=db))
    assert figures["recall"] == figures["precision"] == figures["status_agreement"] == 1.0, figures
    ok("correct", "--withdraw", "1", db=db)
    raw = json.loads(ok("eval", "agreements", "--gold", str(gold), "--json", db=db))
    assert raw["recall"] == 1.0 and raw["status_agreement"] < 1.0


@pytest.mark.parametrize(
    ("args", "code", "problem"),
    [
        (["positions/trade.txt/0-5", "--wrong", "--why", "x"], 1, "no event, agreement, position or quantity"),
        (["{quantity}", "--stance", "oppose", "--why", "x"], 1, "a quantity takes no --stance"),
        (["--export-gold", "-", "--gold-kind", "positions"], 1, "nothing to export as gold positions"),
        (["--export-gold", "-", "--gold-kind", "treaties"], 2, "--gold-kind 'treaties'"),
    ],
)
def test_bad_span_corrections_are_one_line(db: Path, args: list[str], code: int, problem: str) -> None:
    trade, _ = named(db, "quantities", "21 billion")
    result = run_dyad("correct", *[a.replace("{quantity}", trade) for a in args], db=db)
    assert result.returncode == code, (result.stdout, result.stderr)
    err = result.stderr.strip()
    assert len(err.splitlines()) == 1 and problem in err, err
