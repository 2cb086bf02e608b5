"""Spacing repairs: letter-spaced words, words split by a stray space, lost compound hyphens."""

from __future__ import annotations

import pytest

from dyad.ingest.repair import repair
from dyad.ingest.repair.spacing import should_join
from dyad.offsets import MappedText
from tests.bundled import KNOWLEDGE


def _body(text: str) -> str:
    return repair(MappedText.identity(text), fmt="pdf", kb=KNOWLEDGE.repair)[0].text


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("T h e m i n i s t e r s agreed to meet.", "The ministers agreed to meet."),
        (
            "Talks went on. B e i j i n g re j e c t e d the offer , again.",
            "Talks went on. Beijing rejected the offer, again.",
        ),
        ("The pen insula was calm.", "The peninsula was calm."),
        ("Trade con flicts grew.", "Trade conflicts grew."),
        ("Both sides want Asia- and EuroPacific links.", "Both sides want Asia- and Euro-Pacific links."),
        ("It was a YouTube video.", "It was a YouTube video."),
        ('He said ("con flicts") grew.', 'He said ("conflicts") grew.'),  # marks around the pieces stay
        # one-letter words on the line before are no part of the letter-spaced run after it
        (
            "I think a deal is near, a b c.\nT h e m i n i s t e r s met.",
            "I think a deal is near, a b c. The ministers met.",
        ),
    ],
)
def test_repair_spacing_cases(raw: str, fixed: str) -> None:
    assert _body(raw) == fixed


@pytest.mark.parametrize(
    ("left", "right", "join"),
    [
        ("conf", "licts", True),
        ("in", "tegration", True),
        ("a", "back", False),
        ("some", "times", False),
        ("every", "one", False),
        ("with", "out", False),
        ("take", "part", False),
        ("New", "York", False),
    ],
)
def test_repair_spacing_join_decision(left: str, right: str, join: bool) -> None:
    assert should_join(left, right, KNOWLEDGE.repair.words) is join


@pytest.mark.parametrize(
    "text",
    ["He took a back seat in the talks.", "I am a US citizen, he said.", "They met at a café in Oslo."],
)
def test_repair_spacing_leaves_normal_text(text: str) -> None:
    assert _body(text) == text
