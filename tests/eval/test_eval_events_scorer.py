"""The events scorer on a tiny hand-made gold file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyad.errors import GoldError
from dyad.eval.events import score_events
from dyad.eval.gold import date_matches, load_gold_events

GOLD = [
    {"doc": "a.txt", "id": "a-1", "date": "2016-12-15", "end": "2016-12-16", "actors": ["RUS", "JPN"],
     "directed": False, "type": "CONSULT", "text": "x"},
    {"doc": "a.txt", "id": "a-2", "date": "1956", "actors": ["SUN", "JPN"], "directed": False, "type": "AGREE",
     "text": "y"},
    {"doc": "a.txt", "id": "a-3", "date": "2016-05", "actors": ["JPN", "RUS"], "directed": True, "type": "PROPOSE",
     "text": "z"},
    {"doc": "b.txt", "id": "b-1", "date": "2014", "actors": ["JPN", "RUS"], "directed": True, "type": "COERCE",
     "text": "w"},
]  # fmt: skip


def event(docs, date, src, tgt, type_="CONSULT", mode=None, **flags) -> dict:
    return {"date": date, "source": {"country": src}, "target": {"country": tgt}, "type": type_, "mode": mode,
            "negated": flags.get("negated", False), "hypothetical": flags.get("hypothetical", False),
            "evidence": [{"doc": d, "start": 0, "end": 1, "text": "t"} for d in docs]}  # fmt: skip


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(json.dumps(g) for g in GOLD) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("system", "gold", "end", "ok"),
    [("2016-12-15", "2016-12", None, True), ("2016", "2016-12", None, False), ("2016-12-16", "2016-12-15",
     "2016-12-16", True), ("1977-03", "1975", "1978", True), ("1979", "1975", "1978", False), (None, "2016", None,
     False), ("2016-11-30", "2016-12", None, False)],
)  # fmt: skip
def test_eval_events_date_rule(system, gold, end, ok) -> None:
    assert date_matches(system, gold, end) is ok


def test_eval_events_scores(gold_file: Path) -> None:
    records = [
        event(["a.txt", "b.txt"], "2016-12-16", "JPN", "RUS"),  # a-1 (undirected); b.txt copy is a false alarm
        event(["a.txt"], "1956-10", "JPN", "RUS", "AGREE"),  # a-2 (SUN counts as RUS)
        event(["a.txt"], "2016-05", "RUS", "JPN", "REQUEST"),  # a-3 is directed: wrong order
        event(["b.txt"], "2014-03", "JPN", "RUS", "SANCTION"),  # b-1
        event(["b.txt"], "2014", "JPN", "RUS", "SANCTION", negated=True),  # left out
        event(["z.txt"], "2014", "JPN", "RUS"),  # not a gold document: left out
    ]
    report = score_events(records, gold_file)
    assert (report.found, report.gold_total) == (3, 4)
    assert (report.matched_system, report.system_total) == (3, 5)
    assert report.type_agreement == pytest.approx(1.0)
    assert [g.id for g in report.misses] == ["a-3"]
    assert "recall 0.750" in report.render()


def test_eval_events_type_map_statement(gold_file: Path) -> None:
    records = [event(["b.txt"], "2014", "JPN", "RUS", "SUPPORT", "statement")]
    report = score_events(records, gold_file)
    assert report.found == 1 and report.type_agreement == 0.0


def test_eval_events_bad_gold(tmp_path: Path) -> None:
    bad = tmp_path / "g.jsonl"
    bad.write_text('{"doc": "a", "id": "1", "date": "May 2016", "actors": ["JPN", "RUS"], "type": "AGREE"}\n')
    with pytest.raises(GoldError, match="line 1"):
        load_gold_events(bad)


def test_eval_events_strict_is_one_to_one(tmp_path: Path) -> None:
    gold = [
        {"doc": "c.txt", "id": "c-1", "date": "2020-05", "actors": ["IND", "CHN"], "directed": False,
         "type": "CONSULT", "text": "talks"},
        {"doc": "c.txt", "id": "c-2", "date": "2020-05", "actors": ["IND", "CHN"], "directed": True,
         "type": "DISAPPROVE", "text": "protest"},
    ]  # fmt: skip
    path = tmp_path / "g.jsonl"
    path.write_text("\n".join(json.dumps(g) for g in gold) + "\n", encoding="utf-8")
    # one system event cannot stand for two gold events: the lenient rule found both
    one = score_events([event(["c.txt"], "2020-05-02", "IND", "CHN", "PROTEST")], path)
    assert (one.found, one.lenient["recall"]) == (1, 1.0)
    assert one.type_agreement == 1.0  # the type-agreeing pair is the one kept
    # the same act told twice: the second record is a false alarm
    twice = [event(["c.txt"], "2020-05-02", "IND", "CHN", "CONSULT") for _ in range(3)]
    report = score_events(twice, path)
    assert (report.matched_system, report.system_total) == (2, 3)
    assert report.precision == pytest.approx(2 / 3) and report.lenient["precision"] == 1.0


def test_eval_events_matching_prefers_more_pairs_over_type() -> None:
    from dyad.eval.events import match_one_to_one

    # gold 0 fits system 0 (agreeing) and system 1; gold 1 fits system 0 only: both gold must be found
    pairs = match_one_to_one([[6, 5], [5, 0]])
    assert sorted(pairs) == [(0, 1), (1, 0)]
