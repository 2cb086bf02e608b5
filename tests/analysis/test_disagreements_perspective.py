"""Disagreements: each side's sources and their derived perspective; stance changes over time."""

from __future__ import annotations

from dyad.analysis.disagreements import find_disagreements, perspectives, stance_changes
from dyad.records import ActorRef, Evidence, PositionRecord, QuantityRecord
from tests.bundled import KNOWLEDGE


def _pos(doc, actor, country, stance, issue="evaluation:summit-2016-12", date="2016-12"):
    return PositionRecord(ActorRef(actor, actor, country), issue, stance, date, "q", Evidence(doc, 0, 1, "q"))


def test_disagreements_sides_carry_perspective_from_publisher_line():
    ps = [_pos("a.txt", "author:a.txt", None, "success"), _pos("b.txt", "author:b.txt", None, "failure")]
    docs = {"a.txt": "Tokyo desk of the Japan Times\nbody", "b.txt": "no masthead here"}
    (d,) = find_disagreements(ps, documents=docs, issues=KNOWLEDGE.issues)
    by_claim = {s["claim"]: s["perspective"][0] for s in d["sides"]}
    assert by_claim["success"]["country"] == "JPN" and by_claim["success"]["how"].startswith("publisher line")
    assert by_claim["failure"] == {"doc": "b.txt", "country": None, "how": "unknown"}


def test_disagreements_perspective_falls_back_to_author_then_most_mentioned():
    ps = [
        _pos("a.txt", "author:a.txt", "NOR", "success"),
        _pos("b.txt", "x", "SWE", "failure"),
        _pos("b.txt", "y", "SWE", "failure"),
        _pos("b.txt", "z", "FIN", "x"),
    ]
    got = perspectives(ps)
    assert got["a.txt"]["country"] == "NOR" and "author" in got["a.txt"]["how"]
    assert got["b.txt"]["country"] == "SWE" and got["b.txt"]["how"] == "most-mentioned: 2 of 3"


def test_disagreements_value_sides_carry_perspective():
    qs = [
        QuantityRecord("trade turnover", v, "USD bn", "2016", ("NOR",), Evidence(d, 0, 1, "q"))
        for d, v in (("a.txt", 16.1), ("b.txt", 18.0))
    ]
    (d,) = find_disagreements([], [], qs)
    assert d["kind"] == "value" and all(s["perspective"][0]["country"] == "NOR" for s in d["sides"])


def test_disagreements_stance_changes_in_date_order():
    ps = [
        _pos("a.txt", "x", "NOR", "all-four-islands", "kuril-sovereignty", "2001"),
        _pos("b.txt", "x", "NOR", "1956-two-islands", "kuril-sovereignty", "2018-11"),
        _pos("c.txt", "x", "NOR", "1956-two-islands", "kuril-sovereignty", "2019"),
    ]
    (c,) = stance_changes(ps)
    assert (c["actor"], c["from"], c["to"], c["date"]) == ("NOR", "all-four-islands", "1956-two-islands", "2018-11")
    assert len(c["evidence"]) == 2
