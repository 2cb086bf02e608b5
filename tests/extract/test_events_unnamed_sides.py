"""Sides a sentence leaves unnamed or names indirectly: officials of "the two" states, a plural of office in a
paragraph about both countries, two people the knowledge does not hold, a body named without its state ("the
ministry"), "it" for a state, a state's agencies; and what is no side (a venue, people given a grant). Each on a
short text we wrote, through the whole analysis of one file as ingest runs it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.analysed import story_events as _events
from tests.analysed import told_in as _in


def _sides(events: list) -> set[tuple[frozenset[str | None], str, str | None]]:
    return {(frozenset((e.source.country, e.target.country)), e.type, e.date) for e in events}


@pytest.mark.slow
def test_officials_of_the_two_states_are_both_sides(tmp_path: Path) -> None:
    text = (
        "Armenia and Georgia have argued for years over two mountain villages.\n\n"
        "On 6 May 2019 the heads of the two border services signed a protocol on joint patrols. "
        "On 2 June 2019 the governors of the two frontier regions agreed a ceasefire after a night of shooting.\n"
    )
    events = _events(tmp_path, text)
    pair = frozenset({"ARM", "GEO"})
    assert _sides(_in(events, "joint patrols")) == {(pair, "AGREE", "2019-05-06")}
    assert _sides(_in(events, "frontier regions")) == {(pair, "AGREE", "2019-06-02")}


@pytest.mark.slow
def test_plural_office_holders_meet_for_both_countries_named_in_a_word(tmp_path: Path) -> None:
    text = (
        "Ecuador and Peru fought a short war over the Cenepa valley.\n\n"
        "After new governments took office in both countries, contacts resumed. In March 1996 the foreign "
        "ministers met in Brasilia, in Brazil, and agreed to draw up a list of open questions.\n"
    )
    found = _in(_events(tmp_path, text), "foreign ministers met")
    pair = frozenset({"ECU", "PER"})
    assert _sides(found) == {(pair, "CONSULT", "1996-03"), (pair, "AGREE", "1996-03")}  # not Brazil, the venue


@pytest.mark.slow
def test_act_noun_and_its_relative_clause_are_one_act(tmp_path: Path) -> None:
    text = (
        "Armenia and Azerbaijan clashed again on their border in 2021.\n\n"
        "A flare-up on 11 July 2021 was ended the next day by a ceasefire that the two defence ministries agreed "
        "at a meeting on the frontier.\n"
    )
    found = _in(_events(tmp_path, text), "flare-up")
    pair = frozenset({"ARM", "AZE"})
    agree = [e for e in found if e.type == "AGREE"]
    assert len(agree) == 1 and _sides(agree) == {(pair, "AGREE", "2021-07-12")}  # the ceasefire once, by its verb
    assert (pair, "CONSULT", "2021-07-12") in _sides(found)  # the meeting it was agreed at is a real act too


@pytest.mark.slow
def test_a_body_named_without_its_state_is_the_one_named_before(tmp_path: Path) -> None:
    text = (
        "Published: 8 March 2021\n\n"
        "LIMA, March 8 (Wire) - Late on Sunday the Peruvian foreign ministry expelled the Bolivian ambassador.\n\n"
        "The ministry also froze all new trade with Bolivia, saying further steps could follow.\n\n"
        "The High Defence Council, chaired by President Martin Vizcarra, met in Lima last month. Bolivia and "
        "Peru have quarrelled over lake fishing rights since the autumn. Their fishermen have clashed twice.\n\n"
        "On Monday the defence council summoned the Bolivian envoy.\n"
    )
    events = _events(tmp_path, text)
    froze = _in(events, "also froze")
    assert froze and {(e.source.country, e.target.country) for e in froze} == {("PER", "BOL")}
    summoned = _in(events, "defence council summoned")
    assert summoned and {(e.source.country, e.target.country) for e in summoned} == {("PER", "BOL")}


@pytest.mark.slow
def test_nouns_listed_in_an_acts_object_are_part_of_it(tmp_path: Path) -> None:
    text = "Published: 8 March 2021\n\nOn Sunday Peru froze all trade and investment dealings with Bolivia.\n"
    found = _in(_events(tmp_path, text), "froze")
    assert len(found) == 1 and found[0].source.country == "PER"  # the freeze, not also a COOPERATE "investment"


@pytest.mark.slow
def test_a_trip_for_a_summit_does_not_make_the_summit_a_reason(tmp_path: Path) -> None:
    text = (
        "Ecuador and Colombia have worked on a border pact for years.\n\n"
        "Ecuador's president crossed the border on 2 May 2015 for a summit in Bogota with Colombia, which "
        "lasted two days.\n"
    )
    found = _in(_events(tmp_path, text), "crossed the border")
    assert {e.type for e in found} & {"CONSULT", "VISIT", "MEET"}  # the summit happened: not a mere reason


@pytest.mark.slow
def test_a_mutual_act_of_two_unknown_people_or_of_nobody_named_is_the_pairs(tmp_path: Path) -> None:
    text = (
        "Ecuador and Peru have argued over their river border for decades.\n\n"
        "Carlos Vega and Miguel Paredes met at a border post on 4 May 2001 and signed a protocol on river patrols.\n\n"
        "Ecuador and Peru clashed again in March 2003. A first ceasefire agreed on the night of 9 March did not "
        "hold.\n"
    )
    events = _events(tmp_path, text)
    pair = frozenset({"ECU", "PER"})
    assert _sides(_in(events, "Carlos Vega")) == {(pair, "CONSULT", "2001-05-04"), (pair, "AGREE", "2001-05-04")}
    assert _sides(_in(events, "first ceasefire")) == {(pair, "AGREE", "2003-03-09")}


@pytest.mark.slow
def test_it_as_subject_stands_for_the_state_before_it(tmp_path: Path) -> None:
    text = (
        "Guyana and Venezuela have disputed the Essequibo region for a century.\n\n"
        "Venezuela answered with a complaint of its own. On 9 March 2018 it brought proceedings against Guyana "
        "over the oil blocks.\n\n"
        "In May 2019 Guyana announced that it rejected the Venezuelan claim outright.\n"
    )
    events = _events(tmp_path, text)
    brought = _in(events, "brought proceedings")
    assert {(e.source.country, e.target.country) for e in brought} == {("VEN", "GUY")}
    rejected = _in(events, "rejected the Venezuelan claim")
    assert {(e.source.country, e.target.country, e.type) for e in rejected} == {("GUY", "VEN", "REJECT")}


@pytest.mark.slow
def test_foot_soldiers_and_peace_making_are_acts_of_their_state(tmp_path: Path) -> None:
    text = (
        "Chile and Peru fought the War of the Pacific.\n\n"
        "In 1881 Chilean infantry fought Peruvian troops outside Lima. Peru made peace with Chile in 1883.\n"
    )
    events = _events(tmp_path, text)
    fought = _in(events, "infantry fought")
    assert {(e.source.country, e.target.country, e.type) for e in fought} == {("CHL", "PER", "ASSAULT")}
    peace = _in(events, "made peace")
    assert _sides(peace) == {(frozenset({"CHL", "PER"}), "AGREE", "1883")}


@pytest.mark.slow
def test_a_gift_to_people_of_no_named_state_is_no_act_on_the_other_state(tmp_path: Path) -> None:
    text = (
        "Indonesia and Australia quarrel often over refugees.\n\n"
        "In March 2006 Indonesia recalled its ambassador from Canberra after Australia granted protection visas "
        "to 42 asylum seekers from Papua.\n"
    )
    found = _in(_events(tmp_path, text), "recalled its ambassador")
    assert {(e.source.country, e.target.country) for e in found} == {("IDN", "AUS")}  # no Australian act on Indonesia


@pytest.mark.slow
def test_a_noun_doing_something_to_ties_is_that_act(tmp_path: Path) -> None:
    text = (
        "Georgia and Russia fought a short war in 2008.\n\n"
        "Since the normalisation of ties in 2012, the mood between Georgia and Russia has stayed cool.\n"
    )
    found = _in(_events(tmp_path, text), "normalisation of ties")
    assert _sides(found) == {(frozenset({"GEO", "RUS"}), "COOPERATE", "2012")}


@pytest.mark.slow
def test_agencies_of_a_state_act_for_it(tmp_path: Path) -> None:
    text = (
        "The United States and Vietnam have grown close.\n\n"
        "In April 2023 USAID signed a partnership with Vietnam to clear old bombs.\n\n"
        "The Foreign Office summoned Argentina's ambassador on 3 March 2023.\n"
    )
    events = _events(tmp_path, text)
    assert {(e.source.country, e.target.country) for e in _in(events, "USAID")} == {("USA", "VNM")}
    assert {(e.source.country, e.target.country) for e in _in(events, "Foreign Office")} == {("GBR", "ARG")}


def test_states_named_together_as_one_argument_are_not_each_others_side(tmp_path: Path) -> None:
    """'A Chinese team visited Vanuatu and Samoa': the two states visited are both acted on, not one the other's
    visitor, even in a text about that pair; 'Chinese officials visited Vanuatu and Samoa' is two visits."""
    text = (
        "Vanuatu and Samoa sign fisheries pact\n\nPublished: 22 April 2031\n\n"
        "Vanuatu and Samoa signed a fisheries pact on Friday. A Chinese team later toured Vanuatu and Samoa.\n\n"
        "Chinese officials visited Vanuatu and Samoa in March.\n"
    )
    events = _events(tmp_path, text)
    assert not _in(events, "toured Vanuatu and Samoa")
    visits = _in(events, "Chinese officials visited")
    assert sorted((e.source.country, e.target.country) for e in visits) == [("CHN", "VUT"), ("CHN", "WSM")]


def test_the_pair_acting_together_on_a_third_state_acts_on_it_each(tmp_path: Path) -> None:
    """'Japan and the Philippines condemned North Korea's launch' in a text on Japan and the Philippines is two
    reproaches of North Korea, not a reproach between the two; so is 'The two sides criticised China's coast
    guard', and 'They voiced concern over China's actions' after the two met."""
    text = (
        "Japan and the Philippines sign pact\n\nPublished: 8 July 2031\n\n"
        "In May 2030 Japan and the Philippines condemned North Korea's missile launch.\n\n"
        "The foreign ministers of Japan and the Philippines met in Manila on Monday. They also voiced serious "
        "concern over China's actions at sea.\n\n"
        "The two sides criticised China's coast guard on Tuesday.\n"
    )
    events = _events(tmp_path, text)
    for phrase, third in (("condemned North Korea", "PRK"), ("voiced serious", "CHN"), ("two sides", "CHN")):
        pairs = sorted((e.source.country, e.target.country) for e in _in(events, phrase))
        assert pairs == [("JPN", third), ("PHL", third)], phrase


def test_a_state_telling_of_violence_with_no_doer_named_did_not_do_it(tmp_path: Path) -> None:
    """'Islamabad said two children were killed': the teller is the victim, not the attacker; no second attack
    is made up from it. A state telling of a step with no doer named is still its doer ('the envoy was being
    expelled', said by Lima)."""
    text = (
        "Strikes across the border\n\nPublished: 22 January 2031\n\n"
        "Iran struck targets in Pakistan on Tuesday. Islamabad said two children were killed.\n\n"
        "Peru's foreign ministry said on Wednesday that the Mexican envoy was being expelled.\n"
    )
    events = _events(tmp_path, text)
    assert not _in(events, "children were killed")
    assert [(e.source.country, e.target.country) for e in _in(events, "being expelled")] == [("PER", "MEX")]


def test_a_meeting_told_as_having_taken_place_is_the_pairs(tmp_path: Path) -> None:
    """'The first meeting of the core group took place in Male', 'The first formal round of negotiations took
    place in Delhi': a meeting that happened, no side named, in a text on the pair (and none else named)."""
    text = (
        "India and Maldives talks\n\nPublished: 2 February 2031\n\n"
        "India agreed on Friday to replace its troops in the Maldives.\n\n"
        "The first meeting of the core group took place in Male on Jan. 14.\n\n"
        "The first formal round of negotiations took place in Delhi on Jan. 20.\n"
    )
    events = _events(tmp_path, text)
    for phrase, day in (("core group", "2031-01-14"), ("formal round", "2031-01-20")):
        assert [(frozenset((e.source.country, e.target.country)), e.type, e.date) for e in _in(events, phrase)] == [
            (frozenset(("IND", "MDV")), "CONSULT", day)
        ], phrase


@pytest.mark.slow
def test_a_reproach_with_no_side_named_is_aimed_at_the_other_side_of_the_story(tmp_path: Path) -> None:
    text = (
        "MONTEVIDEO, March 4, 2022 - Uruguay's senate approved a law on Tuesday that taxes Argentine trucks.\n\n"
        "Argentina rejected the law within hours.\n\n"
        "The quarrel began on January 10, when Uruguay raised the fees at the bridge. Argentina's foreign ministry "
        "protested the next day, saying the fees broke the river treaty. Uruguay's ministry answered the same day "
        "that the fees were lawful.\n"
    )
    events = _events(tmp_path, text)
    pair = frozenset({"ARG", "URY"})
    assert (pair, "REJECT", "2022-03-01") in _sides(_in(events, "rejected the law"))  # named the paragraph before
    assert (pair, "PROTEST", "2022-01-11") in _sides(_in(events, "protested the next day"))  # named after it
    assert not _in(events, "raised the fees")  # a state's own fees touch no other state


@pytest.mark.slow
def test_a_crowd_protest_takes_no_side_named_about_it(tmp_path: Path) -> None:
    text = (
        "LIMA, March 4, 2022 - Peru and Chile argued over the fishing zone again on Friday.\n\n"
        "Supporters of the fishing union protest in Lima on Friday. Chile's envoy left the talks.\n"
    )
    assert not _in(_events(tmp_path, text), "Supporters")


@pytest.mark.slow
def test_a_go_between_is_no_side_of_the_act_it_made_possible(tmp_path: Path) -> None:
    text = (
        "Georgia and Russia fought a short war in 2008.\n\n"
        "On 9 November 2011, after talks mediated by Switzerland, the two sides signed an accord in Geneva on "
        "customs posts, and Tbilisi lifted its objection.\n"
    )
    found = _in(_events(tmp_path, text), "signed an accord")
    pair = frozenset({"GEO", "RUS"})
    assert (pair, "AGREE", "2011-11-09") in _sides(found)  # the two sides, not the mediator and Georgia
    assert not [e for e in found if e.type in ("AGREE", "REJECT") and "CHE" in (e.source.country, e.target.country)]
    assert not [e for e in found if e.type == "REJECT"]  # lifting an objection yields


@pytest.mark.slow
def test_the_organisation_whose_summit_sets_the_day_is_no_side(tmp_path: Path) -> None:
    text = (
        "Sweden and Turkey argued about the alliance in 2022.\n\n"
        "Sweden and Turkey had argued for weeks. After more talks between officials, the leaders met in Madrid on "
        "28 June 2022, on the eve of NATO's summit there.\n"
    )
    found = _in(_events(tmp_path, text), "the leaders met")
    assert _sides(found) == {(frozenset({"SWE", "TUR"}), "CONSULT", "2022-06-28")}  # not NATO and Spain


@pytest.mark.slow
def test_what_a_whose_clause_names_is_said_of_the_person_not_a_side(tmp_path: Path) -> None:
    text = (
        "Georgia and Russia fought a short war in August 2008.\n\n"
        "On 12 August 2008 the French President Nicolas Sarkozy, whose country then held the presidency of the "
        "European Union, met President Dmitry Medvedev in Moscow, and the two agreed on a ceasefire plan.\n"
    )
    found = _in(_events(tmp_path, text), "Sarkozy")
    pair = frozenset({"FRA", "RUS"})
    assert _sides(found) == {(pair, "CONSULT", "2008-08-12"), (pair, "AGREE", "2008-08-12")}  # France, not the EU


@pytest.mark.slow
def test_that_meeting_points_back_to_the_meeting_told_before(tmp_path: Path) -> None:
    text = (
        "SANTO DOMINGO, Sept 15, 2023 - Haiti's foreign ministry summoned the Dominican ambassador on Friday over the "
        "border closure.\n\n"
        "Both sides agreed at that meeting that only dialogue could settle the dispute, the ministry said.\n"
    )
    found = _in(_events(tmp_path, text), "at that meeting")
    assert "CONSULT" not in {e.type for e in found}  # the summons was the meeting; no second one
