"""Agreements and positions found from the text itself, without a list (issue 14); sentences of our own."""

from __future__ import annotations

import pytest

from dyad.analysis.registry import build_registry
from dyad.extract.actors.link import link_actors
from dyad.extract.agreements import extract_agreements
from dyad.extract.positions import extract_positions
from dyad.extract.time.layer import resolve_times
from dyad.offsets import MappedText
from tests.bundled import KNOWLEDGE, parse


def _doc(text: str, name: str = "t.txt", when: str = "2019-06-01"):
    pdoc = parse(name, MappedText.identity(text), text, when)
    times = resolve_times(pdoc, KNOWLEDGE.time)
    mentions = link_actors(pdoc, KNOWLEDGE.actors, times.ref_dates)
    return pdoc, mentions, times


def _agreements(text: str, name: str = "t.txt"):
    pdoc, mentions, times = _doc(text, name)
    return [
        a
        for a in extract_agreements(pdoc, mentions, times, KNOWLEDGE.agreements, KNOWLEDGE.units)
        if a.key.startswith("text:")
    ]


def test_text_agreement_described_with_year_subject_and_parties() -> None:
    found = _agreements("Norway welcomed the 2019 agreement on fisheries between Iceland and Norway.")
    assert [(a.name, a.parties, a.date) for a in found] == [("agreement on fisheries", ("ISL", "NOR"), "2019")]


def test_text_agreement_named_merges_across_documents() -> None:
    one = _agreements("On 4 March 2019 Iceland and Norway signed the Arctic Fisheries Cooperation Accord in Oslo.",
                      "a.txt")  # fmt: skip
    two = _agreements("Iceland said in 2021 that it would suspend the Arctic Fisheries Cooperation Accord with "
                      "Norway.", "b.txt")  # fmt: skip
    (record,) = build_registry([*one, *two], KNOWLEDGE.agreements)
    assert record["name"] == "Arctic Fisheries Cooperation Accord" and record["parties"] == ["ISL", "NOR"]
    assert record["date"] == "2019-03-04" and {e["doc"] for e in record["evidence"]} == {"a.txt", "b.txt"}


@pytest.mark.parametrize(
    "text",
    [
        "Norway plans to visit Iceland next year.",  # a plan to do something is no agreement
        "Iceland said in a statement that the talks with Norway went well.",  # nor is a press statement
        "The agreement was welcomed by Iceland and Norway.",  # an agreement the text does not say which
    ],
)
def test_text_agreement_not_from_ordinary_words(text: str) -> None:
    assert _agreements(text) == []


def _positions(text: str) -> set[tuple[str | None, str, str]]:
    pdoc, mentions, times = _doc(text)
    return {(p.actor.country, p.issue, p.stance) for p in extract_positions(pdoc, mentions, times, KNOWLEDGE.issues)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iceland insists on the complete removal of trawlers from the fjord.",
         {("ISL", "removal-of-trawler", "support")}),
        ("Norway rejects any attempt to extend the fishing zone.", {("NOR", "extend-fishing-zone", "oppose")}),
        ("Iceland does not insist on the removal of trawlers.", set()),  # negated
        ("Norway might reject the fishing quotas.", set()),  # modal
        ("Norway rejected Iceland at the meeting.", set()),  # an act towards an actor, no issue
    ],
)  # fmt: skip
def test_text_positions_on_issues_the_text_names(text: str, expected: set) -> None:
    assert _positions(text) == expected
