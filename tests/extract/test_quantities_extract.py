"""Quantity extraction on short documents written for the test, with hand-built time expressions."""

from __future__ import annotations

import re

import pytest

from dyad.extract.quantities.chart import extract_chart_series, merge_chart
from dyad.extract.quantities.prose import extract_quantities
from dyad.offsets import MappedText
from dyad.records import Mention, Removed, TimeExpr
from tests.bundled import KNOWLEDGE, parse


def _doc(text: str):
    return parse("t.txt", MappedText.identity(text), text, None)


def _years(pdoc) -> list[TimeExpr]:
    """Bare years as the time layer would give them (enough for these tests)."""
    return [
        TimeExpr(m.start(), m.end(), m.group(), m.group(), None, "year", pdoc.sentence_at(m.start()))
        for m in re.finditer(r"\b(?:19|20)\d\d\b", pdoc.text)
    ]


def _facts(text: str, mentions=()):
    pdoc = _doc(text)
    return [(q.value, q.unit, q.date) for q in extract_quantities(pdoc, list(mentions), _years(pdoc), KNOWLEDGE.units)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In 2012, the two governments signed 15 cooperation agreements.", [(15.0, "count", "2012")]),
        ("The trade between them reached US$7.2 billion in 2019.", [(7.2, "USD bn", "2019")]),
        ("In 2003, Norway's share in Chile's exports was 3.4%.", [(3.4, "%", "2003")]),
        ("About 12,000 residents live on the island.", [(12000.0, "people", None)]),
        ("The leaders of the two countries met in 2015.", []),
        ("The island has a population of roughly 4,300, mostly fishermen.", [(4300.0, "people", None)]),
        ("Chile ranked 11th among Norway's partners in 2008.", [(11.0, "rank", "2008")]),
    ],
)
def test_quantities_extract_sentences(text, expected):
    assert _facts(text) == expected


def test_quantities_extract_respectively_pairs_dates_in_order():
    text = "In 2008 and 2009, exports fell by 12% and 7% respectively, compared with 2007."
    assert _facts(text) == [(12.0, "%", "2008"), (7.0, "%", "2009")]


def test_quantities_extract_story_date_from_the_sentence_before():
    text = "The summit took place in 2014. Some 30 agreements were signed there."
    assert _facts(text) == [(30.0, "count", "2014")]


def test_quantities_extract_baseline_is_not_the_date():
    assert _facts("Since 2010 the fund has grown to $3 billion.") == [(3.0, "USD bn", None)]


def test_quantities_extract_evidence_and_subject():
    text = "Norway sent 40 observers to Chile."
    pdoc = _doc(text)
    mentions = [Mention(0, 6, "Norway", "Q20", "state", "NOR", 0), Mention(28, 33, "Chile", "Q298", "state", "CHL", 0)]
    (q,) = extract_quantities(pdoc, mentions, [], KNOWLEDGE.units)
    assert q.evidence.text == text[q.evidence.start : q.evidence.end]
    assert "40" in q.evidence.text and q.subject == ("NOR", "CHL")
    assert q.what == "observers to Chile" or q.what.startswith("observers")


CHART = (
    "Intro prose that ends here.\nEXPORTS BY PARTNER, 2019 ($ BN)\nAlpha 12.5\nBeta 3.25\nSource: statistics office\n"
)


def test_quantities_chart_series_reads_header_unit_and_date():
    start = CHART.index("EXPORTS")
    removed = [Removed(start, len(CHART), "chart")]
    got = extract_chart_series(CHART, removed, KNOWLEDGE.units, doc="c.txt")
    assert [(q.value, q.unit, q.date, q.what, q.confidence) for q in got] == [
        (12.5, "USD bn", "2019", "Alpha", 0.5),
        (3.25, "USD bn", "2019", "Beta", 0.5),
    ]
    assert all(CHART[q.evidence.start : q.evidence.end] == q.evidence.text for q in got)


def test_quantities_chart_merge_prefers_the_dated_reading():
    start = CHART.index("EXPORTS")
    chart = extract_chart_series(CHART, [Removed(start, len(CHART), "chart")], KNOWLEDGE.units, doc="c.txt")
    undated = [type(chart[0])("x", 12.5, "USD bn", None, None, chart[0].evidence)]
    merged = merge_chart(undated, chart)
    assert sorted((q.value, q.date) for q in merged) == [(3.25, "2019"), (12.5, "2019")]
