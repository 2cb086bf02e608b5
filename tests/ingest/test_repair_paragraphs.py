"""Paragraph shape and small-caps titles on texts of our own."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyad.ingest.repair import repair
from dyad.offsets import MappedText
from tests.bundled import KNOWLEDGE


def _body(text: str) -> str:
    return repair(MappedText.identity(text), fmt="pdf", kb=KNOWLEDGE.repair)[0].text


@pytest.mark.parametrize(
    ("raw", "shaped"),
    [
        ("one line\nwraps here.\n\n\n\nNext paragraph.", "one line wraps here.\n\nNext paragraph."),
        ("A sentence that breaks\n\nacross a column.", "A sentence that breaks across a column."),
        (
            "It ended.\n2. Later Developments\nThe talks resumed.",
            "It ended.\n\n2. Later Developments\n\nThe talks resumed.",
        ),
        ("  spaced   out\t text  ", "spaced out text"),
        (
            "neiGhBourS and rivalS: a Short hiStory\n\nText follows.",
            "Neighbours And Rivals: A Short History\n\nText follows.",
        ),
    ],
)
def test_repair_paragraph_shapes(raw: str, shaped: str) -> None:
    assert _body(raw) == shaped


def test_repair_paragraphs_keep_prose_lines_with_capitals() -> None:
    raw = "The visit was planned.\nDuring a visit to Russia by Japanese Prime\nMinister Abe, talks resumed."
    assert (
        _body(raw) == "The visit was planned. During a visit to Russia by Japanese Prime Minister Abe, talks resumed."
    )


_PIECES = [
    " ",
    "  ",
    "\n",
    "\n\n",
    " \n",
    "\t",
    "\u00a0",
    "\r\n",
    "word",
    "Word.",
    "WORD",
    "2.",
    "a",
    "Title Here",
    "x\n",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_paragraph_edits_skip_only_lone_spaces(pieces: list[str]) -> None:
    """Only the whitespace runs that can need an edit are visited: the edits are those of visiting every run."""
    from dyad.ingest.repair import paragraphs

    text = "".join(pieces)
    fast = paragraphs.paragraph_edits(text)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(paragraphs, "_WS_EDITABLE", paragraphs._WS)
        assert paragraphs.paragraph_edits(text) == fast


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZé É БбxY .,1", max_size=40))
def test_caps_lines_read_as_before(line: str) -> None:
    from dyad.ingest.repair import paragraphs

    upper, lower = len(paragraphs._UPPER.findall(line)), len(paragraphs._LOWER.findall(line))
    assert paragraphs._is_caps(line) == (upper + lower >= 6 and upper >= 4 * lower)
