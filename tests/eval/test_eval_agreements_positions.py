"""The agreements and positions scorers on tiny hand-made gold files (rules: tests/extract/heldout_pairs/README.md),
and both through the real command line on the held-out pairs folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyad.errors import GoldError
from dyad.eval.agreements import score_agreements
from dyad.eval.positions import issue_meets, score_positions
from tests.conftest import run_dyad

PAIRS = Path(__file__).resolve().parents[1] / "extract" / "heldout_pairs"

AGREEMENTS = [
    {"id": "g1", "name": "Lakeside Accord", "aliases": ["Treaty of the Lake"], "kind": "treaty",
     "parties": ["AAA", "BBB"], "date": "2018-06-17", "status": "in_force", "docs": ["a.txt", "b.txt"]},
    {"id": "g2", "name": None, "kind": "memorandum", "parties": ["CCC", "DDD"], "date": "2009-04-07",
     "status": "signed", "docs": ["c.txt"]},
]  # fmt: skip
POSITIONS = [
    {"doc": "a.txt", "id": "p1", "actor": "AAA", "issue": "the accord", "keys": ["accord"], "stance": "oppose"},
    {"doc": "a.txt", "id": "p2", "actor": "BBB", "issue": "recognition", "keys": ["recogni", "independence"],
     "stance": "oppose"},
]  # fmt: skip


def write(tmp_path: Path, name: str, lines: list[dict]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return path


def agreement(name, parties, *, docs=("a.txt",), kind="other", date=None, status=None) -> dict:
    return {"name": name, "parties": list(parties), "kind": kind, "date": date, "status": status,
            "evidence": [{"doc": d, "start": 0, "end": 1, "text": "t"} for d in docs]}  # fmt: skip


def position(doc, country, issue, stance) -> dict:
    return {"actor": {"country": country}, "issue": issue, "stance": stance,
            "evidence": [{"doc": doc, "start": 0, "end": 1, "text": "t"}]}  # fmt: skip


def test_eval_agreements_name_alias_parties_and_status(tmp_path: Path) -> None:
    gold = write(tmp_path, "agreements.jsonl", AGREEMENTS)
    records = [
        agreement("the lakeside accord", ["BBB", "AAA"], docs=("a.txt", "b.txt"), status="signed"),
        agreement(
            "2009 memorandum signed 2009-04-07",
            ["DDD", "CCC"],
            docs=("c.txt",),
            kind="memorandum",
            date="2009-04-07",
            status="signed",
        ),  # fmt: skip
        agreement("Lakeside Accord", ["AAA"], status="in_force"),  # a party short: no match, a false alarm
        agreement("Other Pact", ["AAA", "EEE"], docs=("z.txt",)),  # cites no gold document: not scored
    ]
    report = score_agreements(records, gold)
    assert (report.found, report.system_total, report.gold_total) == (2, 3, 2)
    assert report.recall == 1.0 and report.precision == pytest.approx(2 / 3)
    assert report.status_agreement == 0.5  # the accord is signed in the records, in force in the gold
    assert [r["parties"] for r in report.false_alarms] == [["AAA"]]


def test_eval_agreements_one_to_one_and_words_of_a_name(tmp_path: Path) -> None:
    gold = write(tmp_path, "agreements.jsonl", AGREEMENTS[:1])
    records = [agreement("2018 Treaty of the Lake", ["AAA", "BBB"]), agreement("Lakeside Accord", ["AAA", "BBB"])]
    report = score_agreements(records, gold)
    assert report.found == 1 and report.precision == 0.5  # the second record for one agreement is a false alarm
    assert score_agreements([agreement("Accord", ["AAA", "BBB"])], gold).found == 0  # one word is no name


def test_eval_positions_actor_direction_and_issue_keys(tmp_path: Path) -> None:
    gold = write(tmp_path, "positions.jsonl", POSITIONS)
    records = [
        position("a.txt", "AAA", "lakeside-accord", "oppose"),
        position("a.txt", "BBB", "recognition-of-ccc", "support"),  # the wrong direction
        position("a.txt", "BBB", "independence-of-ccc", "oppose"),
        position("b.txt", "AAA", "lakeside-accord", "oppose"),  # not a gold document: not scored
    ]
    report = score_positions(records, gold)
    assert (report.found, report.system_total, report.gold_total) == (2, 3, 2)
    assert [s.issue for s in report.false_alarms] == ["recognition-of-ccc"]


@pytest.mark.parametrize(
    ("issue", "stance", "keys", "ok"),
    [
        ("recognition-of-kosovo", "oppose", ["recogni"], True),
        ("membership-in-united-nations", "oppose", ["united-nations"], True),
        ("trade-route", "support", ["ruling"], False),
        ("kuril-sovereignty", "two-plus-alpha", ["alpha"], True),  # a listed stance's own words count
        ("unsettled-border", "oppose", ["settle"], False),  # a stem starts a word, it is not found inside one
    ],
)
def test_eval_positions_issue_keys(issue: str, stance: str, keys: list[str], ok: bool) -> None:
    assert issue_meets(issue, stance, keys) is ok


@pytest.mark.parametrize(
    ("kind", "line", "message"),
    [
        ("agreements", {"id": "x", "name": None, "parties": ["AAA"], "docs": ["a.txt"]}, "needs 'kind' and 'date'"),
        ("agreements", {"id": "x", "name": "N", "parties": [], "docs": ["a.txt"]}, "must not be empty"),
        ("positions", {"doc": "a", "id": "x", "actor": "AAA", "keys": ["k"], "stance": "maybe"}, "'stance' must be"),
        ("positions", {"doc": "a", "id": "x", "actor": "AAA", "stance": "support"}, "missing field 'keys'"),
    ],
)
def test_eval_agreements_positions_bad_gold_names_the_line(tmp_path: Path, kind: str, line: dict, message: str):
    gold = write(tmp_path, f"{kind}.jsonl", [line])
    score = score_agreements if kind == "agreements" else score_positions
    with pytest.raises(GoldError, match=message) as err:
        score([], gold)
    assert f"{kind}.jsonl line 1" in str(err.value)


@pytest.mark.slow
def test_eval_agreements_positions_through_the_cli(tmp_path: Path) -> None:
    db = tmp_path / "pairs.duckdb"
    docs = sorted(str(p) for p in PAIRS.glob("*.txt"))
    assert len(docs) >= 6
    assert run_dyad("ingest", *docs, db=db).returncode == 0
    for kind in ("agreements", "positions"):
        result = run_dyad("eval", kind, "--gold", str(PAIRS / f"{kind}_gold.jsonl"), "--json", db=db)
        assert result.returncode == 0, result.stderr
        figures = json.loads(result.stdout)
        lines = (PAIRS / f"{kind}_gold.jsonl").read_text(encoding="utf-8").splitlines()
        assert figures["gold_total"] == sum(1 for line in lines if line.strip())
        assert 0.0 < figures["recall"] <= 1.0 and figures["found"] > 0
    text = run_dyad("eval", "agreements", "--gold", str(PAIRS / "agreements_gold.jsonl"), db=db).stdout
    assert text.startswith("agreements (one-to-one): precision") and "misses (" in text
