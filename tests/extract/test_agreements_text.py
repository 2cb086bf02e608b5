"""Agreements found from the text within one document: lower-case names, "the deal" and "it" pointing back,
a name and its other name, one set of parties per name (texts written for the test)."""

from __future__ import annotations

import pytest

from dyad.config import Options
from dyad.ingest.storydate import header_date
from dyad.knowledge import Knowledge
from dyad.offsets import MappedText
from dyad.records import AgreementMention
from tests.bundled import PIPELINE, parse


@pytest.fixture(scope="module")
def extractors() -> Knowledge:
    return Knowledge.from_options(Options())


def agreements(text: str, extractors: Knowledge) -> list[AgreementMention]:
    pdoc = parse("t.txt", MappedText.identity(text), text, header_date(text))
    return PIPELINE.stages.run(pdoc, extractors).extraction.agreements


def test_agreements_text_lower_case_name_after_a_proper_noun(extractors: Knowledge) -> None:
    text = "Published: 3 May 2021\n\nPeru and Chile signed what is now called the Arica agreement."
    found = agreements(text, extractors)
    assert [(m.name, m.parties) for m in found] == [("Arica agreement", ("CHL", "PER"))]
    # a state before the noun describes the agreement, it does not name it
    assert not [m for m in agreements("Officials praised the Chile agreement with Peru.", extractors) if m.name]


def test_agreements_text_the_deal_and_it_point_back_to_the_named_one(extractors: Knowledge) -> None:
    text = (
        "Published: 9 March 2020\n\nPeru and Chile negotiated the Arica Accord for two years.\n\n"
        "The deal was signed on 4 June 2019 in Lima. Both congresses ratified it, and it entered into force "
        "on 2 March 2020."
    )
    found = agreements(text, extractors)
    assert {m.key for m in found} == {"text:arica-accord:CHL-PER"}
    steps = {(m.status, m.status_date) for m in found}
    assert ("signed", "2019-06-04") in steps and ("in_force", "2020-03-02") in steps


def test_agreements_text_it_as_a_party_is_not_the_agreement(extractors: Knowledge) -> None:
    text = "Peru and Chile discussed the Arica Accord. Chile said it signed a loan with Japan on 3 May 2019."
    assert all(m.status != "signed" for m in agreements(text, extractors))  # Chile signed a loan, not the accord


def test_agreements_text_a_name_and_its_other_name_are_one(extractors: Knowledge) -> None:
    text = (
        "On 19 April 2013 Peru and Chile concluded the Framework Agreement on Coastal Fisheries, better known "
        "as the Arica Accord. Much of the Arica Accord was never carried out."
    )
    found = agreements(text, extractors)
    assert {m.key for m in found} == {"text:arica-accord:CHL-PER"}
    assert {m.name for m in found} >= {"Framework Agreement on Coastal Fisheries", "Arica Accord"}


def test_agreements_text_one_name_one_set_of_parties(extractors: Knowledge) -> None:
    text = (
        "Peru and Chile signed the Arica Declaration on 3 May 2019. Bolivia criticised Chile over the Arica "
        "Declaration. Peru said the Arica Declaration would stand."
    )
    found = agreements(text, extractors)
    assert {(m.key, m.parties) for m in found} == {("text:arica-declaration:CHL-PER", ("CHL", "PER"))}


def test_agreements_text_replaced_ends_the_object_not_the_subject(extractors: Knowledge) -> None:
    text = "Peru and Chile signed the Arica Accord in 2019. The Arica Accord replaced the Lima Protocol of 1995."
    status = {m.name: m.status for m in agreements(text, extractors) if "replaced" in m.evidence.text}
    assert status == {"Arica Accord": None, "Lima Protocol": "abandoned"}


def test_agreements_text_a_relative_clause_takes_no_date_from_outside(extractors: Knowledge) -> None:
    text = "Published: 20 June 2024\n\nThe leaders of Peru and Chile who signed the Arica Accord met on 12 June."
    (found,) = agreements(text, extractors)
    assert (found.status, found.status_date) == ("signed", None)


def test_agreements_text_a_state_named_as_the_venue_is_no_party(extractors: Knowledge) -> None:
    text = (
        "Published: 4 January 2024\n\nUnder the Arica Declaration, the president of Peru wrote to his Chilean "
        "counterpart to propose that their experts meet for the first time in neighbouring Bolivia."
    )
    assert {m.parties for m in agreements(text, extractors)} == {("CHL", "PER")}
