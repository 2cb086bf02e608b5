"""Non-article sections on texts of our own: site furniture, notes lists, comments, footnote markers."""

from __future__ import annotations

import pytest

from dyad.ingest.repair import repair
from dyad.offsets import MappedText
from tests.bundled import KNOWLEDGE

ARTICLE = (
    "The two governments resumed talks on the border in spring.\n\n"
    "Both delegations called the meeting useful, and a second round was planned.2\n\n"
)
NOTES = (
    "Notes\n\n"
    "1. Daily Courier, March 3, 2019.\n\n"
    "2. Ibid.\n\n"
    "3. Ministry statement, 4 April 2019, https://example.org/statement.\n\n"
)


def _kinds(text: str) -> tuple[str, dict[str, list[str]]]:
    body, removed = repair(MappedText.identity(text), fmt="html", kb=KNOWLEDGE.repair)
    kinds: dict[str, list[str]] = {}
    for r in removed:
        kinds.setdefault(r.why, []).append(text[r.start : r.end])
    return body.text, kinds


def test_repair_sections_notes_then_comment() -> None:
    comment = "  • Reader42\n\n    I think the author misreads the whole story and ignores what the other side wants.\n"
    body, kinds = _kinds(ARTICLE + NOTES + comment)
    assert body.endswith("a second round was planned.")
    assert kinds["references"][0].startswith("Notes")
    assert "Reader42" in kinds["comment"][0]
    assert kinds["footnote-marker"] == ["2"]


@pytest.mark.parametrize(
    "banner",
    [
        "Page last modified: 01-02-2020 10:00",
        "Join the Example.org mailing list",
        "© 2020 Example Media. All rights reserved.",
    ],
)
def test_repair_sections_boilerplate_lines(banner: str) -> None:
    body, kinds = _kinds(ARTICLE + banner + "\n")
    assert banner not in body
    assert kinds["boilerplate"] == [banner]


@pytest.mark.parametrize(
    "text",
    [
        "The plan had 3 stages.\n\n1. Talks.\n\n2. A visit.\n\n3. A treaty.",
        "See Vol.4 of the series.",
        "Growth was 2.5 percent.",
    ],
)
def test_repair_sections_keeps_lists_and_numbers(text: str) -> None:
    body, kinds = _kinds(text)
    assert kinds == {}
    assert body == text
