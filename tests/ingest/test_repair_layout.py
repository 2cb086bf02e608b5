"""Layout debris on texts of our own: page numbers, running headers, chart numbers inside prose."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyad.ingest.repair import repair
from dyad.ingest.repair.layout import classify
from dyad.offsets import MappedText
from tests.bundled import KNOWLEDGE

PAGE = """The delegation arrived in the capital late on Monday and
held talks with the foreign minister about fishing quotas

EASTERN POLICY REVIEW, MAY 2020

14

NEIGHBOURS AND RIVALS: A SHORT HISTORY

and the return of detained crews before leaving for the coast.
"""

CHART = """Exports grew steadily over the decade, and officials expected

EXPORTS TO THE NEIGHBOUR, 2010 – 2020 ($ BN)
12.5

14.1

9.8
2010 2012 2014 2016 2018 2020
Source: National statistics office.
 the trend to continue into the next year.
"""


def _repair(text: str) -> tuple[str, dict[str, list[str]]]:
    body, removed = repair(MappedText.identity(text), fmt="pdf", kb=KNOWLEDGE.repair)
    kinds: dict[str, list[str]] = {}
    for r in removed:
        kinds.setdefault(r.why, []).append(text[r.start : r.end])
    return body.text, kinds


def test_repair_layout_running_header_and_page_number() -> None:
    body, kinds = _repair(PAGE)
    assert "fishing quotas and the return of detained crews" in body
    assert kinds["page-number"] == ["14"]
    assert len(kinds["running-header"]) == 2


def test_repair_layout_chart_inside_prose() -> None:
    body, kinds = _repair(CHART)
    assert (
        body
        == "Exports grew steadily over the decade, and officials expected the trend to continue into the next year."
    )
    assert any("($ BN)" in s for s in kinds["chart"])


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("", "blank"),
        ("29.7 28.9 30.7", "num"),
        ("China 66.1", "num"),
        ("Chapter 2.", "prose"),
        ("Source: a ministry report", "caption"),
        ("TRADE WITH THE NEIGHBOUR", "caps"),
        ("Wood products", "label"),
        ("the talks ended without any agreement on fishing.", "prose"),
    ],
)
def test_repair_layout_classify(line: str, kind: str) -> None:
    assert classify(line, KNOWLEDGE.repair) == kind


def test_repair_layout_keeps_numbers_in_sentences() -> None:
    text = "Trade reached 16.1 billion dollars in 2016.\n\nIt fell by 3 percent in 2017."
    body, kinds = _repair(text)
    assert body == "Trade reached 16.1 billion dollars in 2016.\n\nIt fell by 3 percent in 2017."
    assert kinds == {}


_PIECES = ["12", "٣٤", "3.5%", "-", "–", "$", "(4)", "words", "Prose", "TITLE", "Source:", "Figure", " ", " ", "."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=24))
def test_classify_counts_numbers_only_where_they_can_decide(pieces: list[str]) -> None:
    """A line with too few digits and signs for half its tokens is not counted token by token: the class is the
    one counting every token gives."""
    from dyad.ingest.repair import layout

    line = " ".join(pieces)
    quick = layout.classify(line, KNOWLEDGE.repair)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(layout, "_DIGIT_OR_SIGN", re.compile(r"[\s\S]"))  # every character: always counted in full
        assert layout.classify(line, KNOWLEDGE.repair) == quick
