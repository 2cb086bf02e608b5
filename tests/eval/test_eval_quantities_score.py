"""The quantities scorer: matching rules on a small gold file, and the seeds' recall floor."""

from __future__ import annotations

import json

import pytest

from dyad.errors import GoldError
from dyad.eval.quantities import date_matches, score_quantities, value_matches

# The seeds' quantities floor is in tests/eval/floors.json, checked through the real CLI (test_eval_gate.py).


def _gold(tmp_path, rows):
    path = tmp_path / "q.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    return path


def _rec(doc, value, unit, date):
    return {
        "what": "x",
        "value": value,
        "unit": unit,
        "date": date,
        "subject": None,
        "evidence": [{"doc": doc, "start": 0, "end": 1, "text": "x"}],
    }


@pytest.mark.parametrize(
    ("got", "want", "ok"),
    [(6.0, 6, True), (5.95, 6, True), (5.9, 6, False), ("12", 12, True), (None, 1, False)],
)
def test_eval_quantities_value_tolerance(got, want, ok):
    assert value_matches(got, want) is ok


@pytest.mark.parametrize(
    ("got", "want", "ok"),
    [
        ("2016-12-15", "2016-12", True),
        ("2016", "2016-12", False),
        (None, None, True),
        ("1999", None, True),
        (None, "2016", False),
        ("2017-01", "2016", False),
    ],
)
def test_eval_quantities_date_cut_to_gold_precision(got, want, ok):
    assert date_matches(got, want) is ok


def test_eval_quantities_recall_precision_and_misses(tmp_path):
    gold = _gold(
        tmp_path,
        [
            {"doc": "a.txt", "what": "w", "value": 12, "unit": "count", "date": "2016-12"},
            {"doc": "a.txt", "what": "w", "value": 2.5, "unit": "USD bn", "date": None},
            {"doc": "b.txt", "what": "w", "value": 40, "unit": "%", "date": "2010"},
        ],
    )
    records = [
        _rec("a.txt", 12, "count", "2016-12-16"),
        _rec("a.txt", 2.5, "usd bn", "2001"),
        _rec("b.txt", 40, "%", "2011"),
        _rec("c.txt", 1, "count", None),
    ]
    report = score_quantities(records, gold)
    assert (report.matched, report.gold, report.records, report.matched_records) == (2, 3, 3, 2)
    assert [m["doc"] for m in report.misses] == ["b.txt"]
    assert "recall 0.667" in report.render() and report.figures()["precision"] == pytest.approx(0.6667)


def test_eval_quantities_one_record_matches_one_gold(tmp_path):
    row = {"doc": "a.txt", "what": "w", "value": 25, "unit": "%", "date": None}
    report = score_quantities([_rec("a.txt", 25, "%", "2015")], _gold(tmp_path, [row, row]))
    assert report.matched == 1


def test_eval_quantities_malformed_gold_is_a_gold_error(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"doc": "a.txt"}\n', "utf-8")
    with pytest.raises(GoldError, match="line 1"):
        score_quantities([], path)
