"""Line-end hyphenation: join split words, keep real compounds."""

from __future__ import annotations

import pytest

from dyad.ingest.repair.hyphenation import hyphenation_edits, keep_hyphen
from dyad.offsets import MappedText
from tests.bundled import KNOWLEDGE


def _fix(text: str) -> str:
    return MappedText.identity(text).edit(hyphenation_edits(text, KNOWLEDGE.repair.words)).text


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("closer bi-\nlateral ties", "closer bilateral ties"),
        ("its di- \nplomacy", "its diplomacy"),
        ("the back-\nground of", "the background of"),
        ("an anti-\nWestern axis", "an anti-Western axis"),
        ("the Russo-\nJapanese war", "the Russo-Japanese war"),
        ("a two-plus-\ntwo meeting", "a two-plus-two meeting"),
        ("a long-\nterm partner", "a long-term partner"),
        ("no hyphen here\nat all", "no hyphen here\nat all"),
    ],
)
def test_repair_hyphenation_cases(raw: str, fixed: str) -> None:
    assert _fix(raw) == fixed


@pytest.mark.parametrize(
    ("left", "right", "keep"), [("bi", "lateral", False), ("well", "known", True), ("anti", "Japanese", True)]
)
def test_repair_hyphenation_decision(left: str, right: str, keep: bool) -> None:
    assert keep_hyphen(left, right, KNOWLEDGE.repair.words) is keep
