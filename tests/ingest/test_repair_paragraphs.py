"""Paragraph shape and small-caps titles on texts of our own."""

from __future__ import annotations

import pytest

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
