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


def test_repair_drops_encyclopedia_citation_brackets_so_sentences_split() -> None:
    text = (
        "The envoy dropped the claim after quiet talks in the spring.[7] Later that year the two states signed "
        "a boundary accord.[8][9] The accord held[citation needed] for decades, and array[2] stays.\n"
    )
    body, kinds = _kinds(text)
    assert kinds["footnote-marker"] == ["[7]", "[8][9]", "[citation needed]", "[2]"]
    assert "spring. Later that year" in body and "accord. The accord held for decades" in body


@pytest.mark.parametrize(
    "banner",
    [
        "Page last modified: 01-02-2020 10:00",
        "Join the Example.org mailing list",
        "© 2020 Example Media. All rights reserved.",
        "Tags: Chile, Peru, border treaty, fisheries",
        "Most read: Storm closes the port again | Rail strike called off",
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


LONG_ARTICLE = (
    "The Lake War was fought between two river states over the northern gulf and its fisheries.\n\n"
    "The first state closed the straits in 1841, and the second answered by seizing three of its boats.\n\n"
    "After two years of skirmishes, the two governments signed a treaty at the border town in June 1843.\n\n"
)


def test_repair_sections_closing_back_matter_is_not_the_article() -> None:
    back = (
        "See also\n\n-   The Gulf Fisheries Treaty\n-   River states of the north\n\n"
        "References\n\n[1]\n\n[2] Harlan, 1911, p. 40.\n\n"
        "Further reading\n\n-   Osei, K. _A war on the water: the gulf, 1841–1843_ (Lakeside Press, 1970)\n\n"
        "Lake_War Category:Wars involving the river states Category:1841 in the north\n"
    )
    body, kinds = _kinds(LONG_ARTICLE + back)
    assert body.rstrip().endswith("in June 1843.")
    assert kinds["references"][0].startswith("See also")


def test_repair_sections_a_see_also_list_followed_by_prose_is_kept() -> None:
    # a pointer list in the middle of an article: prose follows it, so the article goes on
    middle = "See also\n\n-   The Gulf Fisheries Treaty\n\n"
    rest = "In 1850 the two states renewed the treaty and opened a joint commission on the fisheries.\n"
    body, _kinds_found = _kinds(LONG_ARTICLE + middle + rest)
    assert "renewed the treaty" in body


def test_repair_sections_a_wiki_infobox_is_markup_not_the_article() -> None:
    box = (
        "  | image = Lake war.jpg\n\n"
        "}}--> | caption = Boats on the gulf | date = 3 March 1841 – 12 June 1843 | place = the northern gulf\n\n"
        "| commander1 = Admiral Vane\nCaptain Oduya\n\n"
        "-   Over 40 boats captured in total\n\n"
        "| casualties2 = Unknown | casus = }}\n\n"
    )
    body, kinds = _kinds(box + LONG_ARTICLE)
    assert body.startswith("The Lake War was fought")
    assert any("commander1" in r for r in kinds["boilerplate"])


def test_repair_sections_a_table_row_with_pipes_in_prose_is_kept() -> None:
    # two field-like lines are not a box, and prose between field lines ends a run
    text = "| year = 1841\n\n" + LONG_ARTICLE + "| year = 1843\n"
    body, _found = _kinds(text)
    assert "The first state closed the straits" in body


def test_repair_sections_a_news_pages_closing_links_are_not_the_article() -> None:
    links = (
        "RELATED COVERAGE\n"
        "- Lakeland says northern spies behind 2014 depot blasts, expels 18 diplomats\n"
        "- Harbour state imposes sanctions on the north, expels 10 diplomats\n"
    )
    body, kinds = _kinds(LONG_ARTICLE + links)
    assert body.rstrip().endswith("in June 1843.")
    assert kinds["references"][0].startswith("RELATED COVERAGE")
