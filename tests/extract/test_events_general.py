"""General event rules, each on a short text we wrote: the whole analysis of one file, as ingest runs it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.analysed import story_events as _events
from tests.analysed import told_in as _in


def _pairs(events: list) -> set[tuple[str | None, str | None, str]]:
    return {(e.source.country, e.target.country, e.type) for e in events}


@pytest.mark.slow
def test_events_dateline_names_no_actor(tmp_path: Path) -> None:
    text = (
        "Published: 14 March 2024\n\n"
        "LIMA, March 14 (Wire) - Chile rejected a Peruvian proposal on the maritime boundary on Thursday.\n"
    )
    found = _in(_events(tmp_path, text), "rejected a Peruvian proposal")
    assert found and _pairs(found) == {("CHL", "PER", "REJECT")}  # not Peru (the filing city) as the rejecter


@pytest.mark.slow
def test_events_words_of_reproach_make_an_accusation(tmp_path: Path) -> None:
    text = (
        "Published: 9 June 2023\n\n"
        "Norway closed two border crossings with Russia on Thursday. "
        "The Kremlin said on Friday that Norway was making a grave mistake. "
        "On Saturday Moscow called the decision reckless and unfriendly.\n"
    )
    events = _events(tmp_path, text)
    said = _in(events, "grave mistake")
    assert ("RUS", "NOR", "ACCUSE") in _pairs(said)
    called = _in(events, "reckless and unfriendly")
    assert _pairs(called) == {("RUS", "NOR", "ACCUSE")}


@pytest.mark.slow
def test_events_act_noun_describing_a_thing_is_no_act(tmp_path: Path) -> None:
    text = (
        "Published: 3 May 2024\n\n"
        "Air raid sirens sounded across Estonia on Friday as Russia held drills near the border. "
        "On Friday an Israeli strike on an Iranian base killed four officers.\n"
    )
    events = _events(tmp_path, text)
    assert not [e for e in _in(events, "sirens") if e.trigger == "raid"]
    strike = _in(events, "Israeli strike")  # the strike and its killing: one act, Israel's on Iran
    assert _pairs(strike) == {("ISR", "IRN", "ASSAULT")}


@pytest.mark.slow
def test_events_unnamed_many_is_no_state(tmp_path: Path) -> None:
    text = (
        "Published: 2 April 2015\n\n"
        "Vietnam and Russia signed an arms deal in March 2015. "
        "International sanctions on Russia slowed deliveries to Vietnam in 2015.\n"
    )
    sanctions = [e for e in _in(_events(tmp_path, text), "International sanctions") if e.type == "SANCTION"]
    assert sanctions == []  # not Vietnam, the other state in view, as the sanctioning side


@pytest.mark.slow
def test_events_history_gives_its_undated_acts_no_writing_date(tmp_path: Path) -> None:
    text = (
        "pubDate: 2021-05-01\n\n"
        "The war between Paraguay and Bolivia\n\n"
        "Paraguay fought Bolivia over the Chaco region.\n\n"
        "In 1928 Bolivian troops attacked a Paraguayan fort. In 1932 Paraguay attacked Bolivian posts near a lake. "
        "In 1933 Paraguay declared war on Bolivia. In 1935 the two sides signed a truce. "
        "In 1938 Bolivia and Paraguay signed a peace treaty in Buenos Aires.\n"
    )
    events = _events(tmp_path, text)
    assert not _in(events, "fought Bolivia over")  # told without a date in a history: no date to give it
    assert {e.date for e in _in(events, "declared war")} == {"1933"}


@pytest.mark.slow
def test_events_not_only_adds_rather_than_denies(tmp_path: Path) -> None:
    text = (
        "Published: 5 October 2021\n\n"
        "In September 2021 Egypt and Greece not only held joint naval drills but also signed a defence pact.\n"
    )
    drills = [e for e in _in(_events(tmp_path, text, factual=False), "naval drills") if e.type == "MOBILIZE"]
    assert drills and not any(e.negated for e in drills)


@pytest.mark.slow
def test_events_a_named_doer_that_is_no_state_is_not_replaced(tmp_path: Path) -> None:
    text = (
        "Published: 14 October 2021\n\n"
        "Chile and Bolivia argued their case at the world court in 2021. "
        "On Tuesday the court turned down Bolivia's claim to a corridor. "
        "On Tuesday Chilean traders stopped purchases of gas from Bolivia.\n"
    )
    events = _events(tmp_path, text)
    assert _in(events, "court turned down") == []  # not Chile, the other state in view, as the doer
    assert ("CHL", "BOL") in {(e.source.country, e.target.country) for e in _in(events, "traders stopped")}


@pytest.mark.slow
def test_events_they_together_is_the_pair_in_view(tmp_path: Path) -> None:
    text = (
        "pubDate: 2015-06-01\n\n"
        "India and Japan grew closer after 2000. In 2007 they held their first joint naval drills off Okinawa. "
        "In 2008 they pledged to deepen ties.\n"
    )
    drills = _in(_events(tmp_path, text), "joint naval drills")
    assert {frozenset((e.source.country, e.target.country)) for e in drills} == {frozenset(("IND", "JPN"))}
    assert {e.date for e in drills} == {"2007"}


@pytest.mark.slow
def test_events_how_things_seemed_or_were_wished_is_no_act(tmp_path: Path) -> None:
    text = (
        "pubDate: 1999-01-01\n\n"
        "In the 1980s Cuban troops in Angola still seemed focused on and threatening to Namibia. "
        "In 1985 Havana would like to see Luanda sign a treaty. In 1988 Cuba and Angola signed an accord.\n"
    )
    events = _events(tmp_path, text)
    assert _in(events, "seemed focused") == []
    assert _in(events, "would like to see") == []
    assert {e.type for e in _in(events, "signed an accord")} == {"AGREE"}


@pytest.mark.slow
def test_events_condolences_and_a_state_met_in(tmp_path: Path) -> None:
    text = (
        "Published: 9 May 2022\n\n"
        "On Monday Peruvian Foreign Minister Ana Ruiz expressed her condolences to Chile over the deaths of six "
        "miners in a blast. "
        "On Monday Presidents of Chile and Peru also agreed to meet again in Bolivia within three months.\n"
    )
    events = _events(tmp_path, text)
    assert ("PER", "CHL", "SUPPORT") in _pairs(_in(events, "condolences"))
    meet = _in(events, "meet again in Bolivia")
    assert meet and all("BOL" not in (e.source.country, e.target.country) for e in meet)


@pytest.mark.slow
def test_events_a_weekday_with_its_part_of_day_dates_the_act(tmp_path: Path) -> None:
    text = (
        "Published: 15 June 2023\n\n"
        "Armenia on Tuesday evening attacked Azerbaijani posts near the border, the ministry said. "
        "The News on Sunday programme discussed it.\n"
    )
    shelled = [e for e in _in(_events(tmp_path, text), "Tuesday evening") if e.type == "ASSAULT"]
    assert shelled and {e.date for e in shelled} == {"2023-06-13"}


@pytest.mark.slow
def test_events_under_a_modal_main_verb_are_not_told_as_done(tmp_path: Path) -> None:
    text = (
        "Published: 2 February 2024\n\n"
        "In 2023 the two neighbours held talks on the border. "
        "The ideal arrangement for Lima would be for Chile to abandon its support for Bolivia and drop its claims. "
        "Chile would rather revive the accord that Peru signed with it in 2019.\n"
    )
    events = _events(tmp_path, text)
    assert not _in(events, "would be for Chile to abandon")
    # a clause of its own told as done keeps its act under the modal main verb
    assert {p[2] for p in _pairs(_in(events, "that Peru signed"))} == {"AGREE"}


@pytest.mark.slow
def test_events_an_era_of_many_states_is_no_act_between_two(tmp_path: Path) -> None:
    text = (
        "Published: 2 February 2024\n\n"
        "Chile and Peru drifted apart during the Cold War. "
        "Chile and Peru fought the War of the Pacific in 1879.\n"
    )
    events = _events(tmp_path, text)
    assert not _in(events, "Cold War")
    assert _in(events, "War of the Pacific")


@pytest.mark.slow
def test_events_an_act_noun_comes_from_its_doer(tmp_path: Path) -> None:
    text = (
        "Published: 19 August 2024\n\n"
        "The Chilean president visited Lima in June despite objections from Bolivia. "
        "Chile completed the withdrawal from Peru in July.\n"
    )
    events = _events(tmp_path, text)
    assert ("BOL", "CHL", "REJECT") in _pairs(_in(events, "objections from Bolivia")) or (
        "BOL",
        "PER",
        "REJECT",
    ) in _pairs(_in(events, "objections from Bolivia"))
    assert ("CHL", "PER", "RETREAT") in _pairs(_in(events, "withdrawal from Peru"))


def _dates(events: list, phrase: str) -> set[str | None]:
    return {e.date for e in _in(events, phrase)}


@pytest.mark.slow
def test_events_a_year_naming_the_thing_acted_on_does_not_date_the_act(tmp_path: Path) -> None:
    text = (
        "Published: 2 February 2024\n\n"
        "In 2019 the two governments fell out over the border. "
        "Chile abrogated the alliance with Peru of 1998. "
        "In the summer of 2016 Chile had protested to Peru. "
        "Chile signed the Lima Treaty of 2010 with Peru in 2011. "
        "Chile made several offers to Peru, most notably in its statement of March 2012.\n"
    )
    events = _events(tmp_path, text)
    assert _dates(events, "alliance with Peru of 1998") == {"2019"}  # the story's year, not the alliance's
    assert _dates(events, "summer of 2016") == {"2016"}
    assert _dates(events, "Lima Treaty of 2010") == {"2011"}
    assert _dates(events, "statement of March 2012") == {"2012-03"}  # the statement is the act


@pytest.mark.slow
def test_events_an_agreement_named_and_told_by_its_participle_is_one_act(tmp_path: Path) -> None:
    text = (
        "Published: 2 February 2024\n\n"
        "The war between Chile and Peru lasted from 1879 to 1881. "
        "The Convention of 1881, signed on 30 September, ended the war.\n"
    )
    found = _in(_events(tmp_path, text), "signed on 30 September")
    assert [(e.type, e.date) for e in found] == [("AGREE", "1881-09-30")]


@pytest.mark.slow
def test_events_sides_of_a_call_are_the_callers_not_its_topic(tmp_path: Path) -> None:
    text = (
        "Published: 12 April 2023\n\n"
        "Chile and Bolivia have clashed over water rights for years. "
        "Chilean Foreign Minister Alberto van Klaveren and his Peruvian counterpart, Ana Cecilia Gervasi, "
        "held a phone call on Wednesday to discuss the recent clashes between Chile and Bolivia. "
        "On Thursday the two ministers of Peru and Chile met again; "
        "the ministers discussed the situation on the Chilean-Bolivian border.\n"
    )
    events = _events(tmp_path, text)
    assert _pairs(_in(events, "held a phone call")) == {("CHL", "PER", "CONSULT")}
    assert not {p for p in _pairs(_in(events, "ministers discussed")) if "BOL" in p}


@pytest.mark.slow
def test_events_a_role_before_a_name_is_not_the_subject(tmp_path: Path) -> None:
    text = (
        "Published: 2 March 2023\n\n"
        "Trade fell sharply after Bolivia's main ally Peru closed the border with Chile in 2022.\n"
    )
    found = _in(_events(tmp_path, text), "main ally Peru")
    assert ("PER", "CHL") in {(p[0], p[1]) for p in _pairs(found)}
    assert not {p for p in _pairs(found) if p[0] == "BOL"}


@pytest.mark.slow
def test_events_amounts_counts_and_bare_bodies_name_no_partner(tmp_path: Path) -> None:
    text = (
        "Published: 2 February 2024\n\n"
        "Chile and Peru have argued about the border for decades. "
        "The Chilean president devotes a great deal of attention to Peru and has visited more than 40 countries. "
        "In 2019, police arrested a Peruvian consul for smuggling. "
        "In 2020 Peru's state oil firm sued a Chilean bank. The firm then criticized Chile in public.\n"
    )
    events = _events(tmp_path, text)
    assert not _in(events, "great deal of attention")
    assert not _in(events, "police arrested")  # whose police the sentence does not say
    assert ("PER", "CHL") in {(p[0], p[1]) for p in _pairs(_in(events, "The firm then criticized"))}


@pytest.mark.slow
def test_events_wanting_or_failing_to_act_is_no_act(tmp_path: Path) -> None:
    text = (
        "Published: 2 February 2024\n\n"
        "In 2021 Peru showed its willingness to join a trade pact with Chile. "
        "Chile's efforts to establish relations with Bolivia stalled in 2022. "
        "Ordered not to engage, the Peruvian commander was unable to execute the attack on Chile in 2023.\n"
    )
    events = _events(tmp_path, text)
    assert not _in(events, "willingness to join")
    assert not _in(events, "efforts to establish")
    assert not _in(events, "unable to execute")


@pytest.mark.slow
def test_events_hearsay_and_seized_things_make_no_act_between_states(tmp_path: Path) -> None:
    text = (
        "Published: 2 February 2024\n\n"
        "Chile and Peru have quarrelled over smuggling for years. "
        "On 3 May 2023 Chilean police arrested five men who were believed to accept money from Peru. "
        "Chilean customs officers seized a large stash of weapons on 9 May 2023. "
        "On 12 May 2023 Chile expelled two Peruvian diplomats.\n"
    )
    events = _events(tmp_path, text)
    assert not _in(events, "believed to accept")
    assert not _in(events, "seized a large stash")
    assert ("CHL", "PER", "COERCE") in _pairs(_in(events, "expelled two Peruvian diplomats")) or (
        "CHL",
        "PER",
        "SANCTION",
    ) in _pairs(_in(events, "expelled two Peruvian diplomats"))


@pytest.mark.slow
def test_events_a_clause_describing_an_object_keeps_its_time_to_itself(tmp_path: Path) -> None:
    text = (
        "Published: 20 December 2023\n\n"
        "The two presidents met in Lima in November 2023. "
        "Before the meeting, Chile rejected a Peruvian offer of a second statue to stand beside the one "
        "it received in 2019.\n"
    )
    found = _in(_events(tmp_path, text), "rejected a Peruvian offer")
    assert {e.date for e in found if e.type == "REJECT"} == {"2023-11"}  # the story's time, not the statue's


@pytest.mark.slow
def test_events_a_meeting_that_sets_an_act_is_between_its_sides(tmp_path: Path) -> None:
    text = (
        "Published: 20 April 2023\n\n"
        "Chile and Bolivia have disputed the Silala waters for decades. "
        "Chilean President Gabriel Boric and Bolivian President Luis Arce accepted the text at a meeting in Lima "
        "on 27 February 2023, and on 18 March in Cusco, Peru, they agreed on an annex.\n"
    )
    found = _in(_events(tmp_path, text), "accepted the text")
    assert {frozenset(p[:2]) for p in _pairs(found)} == {frozenset({"CHL", "BOL"})}  # Peru is only where
    assert {p[2] for p in _pairs(found)} >= {"CONSULT", "AGREE"}


@pytest.mark.slow
def test_events_an_open_bound_dates_no_act_but_a_span_does(tmp_path: Path) -> None:
    # a held-out timeline of ours: "the first meeting ... since 2016" is no meeting in 2016
    timeline = Path(__file__).parent / "heldout" / "australia_china_timeline_2023.txt"
    events = _events(tmp_path, timeline.read_text(encoding="utf-8"))
    assert _dates(events, "since 2016") == {"2022-11-15"}
    text = "Published: 20 December 2022\n\nArce returned the visit with a trip to Chile from 14 to 16 December 2022.\n"
    assert "2022-12-14" in _dates(_events(tmp_path, text), "returned the visit")


@pytest.mark.slow
def test_events_a_writers_gloss_makes_no_statement_an_accusation(tmp_path: Path) -> None:
    text = (
        "Published: 20 February 2023\n\n"
        "Chile said earlier this month it was closing a border crossing into Bolivia, "
        "pushing the strained and hostile ties between the neighbours further down.\n"
    )
    found = _in(_events(tmp_path, text), "it was closing")
    assert "ACCUSE" not in {p[2] for p in _pairs(found)}
    assert found


@pytest.mark.slow
def test_events_a_clause_with_its_own_subject_keeps_its_time(tmp_path: Path) -> None:
    text = (
        "Published: 20 February 2016\n\n"
        "On 4 January 2016, Chile severed diplomatic ties with Bolivia, accusing it of interference after "
        "a Bolivian singer won a prize for his songs of the 2011-12 season.\n"
    )
    found = _in(_events(tmp_path, text), "accusing it of interference")
    assert {e.date for e in found if e.type == "ACCUSE"} == {"2016-01-04"}


@pytest.mark.slow
def test_events_no_sides_are_guessed_for_a_described_act_or_a_non_state_doer(tmp_path: Path) -> None:
    text = (
        "Published: 2 February 2024\n\n"
        "Trade between Chile and Peru stalled in 2019, and a number of projects being negotiated were frozen. "
        "A second report, which Chile's minister presented in Lima in 2020, called for closer cooperation with Peru. "
        "In April 2021 Peruvian agents demanded a bribe from Chilean diplomats.\n"
    )
    events = _events(tmp_path, text)
    assert not _in(events, "being negotiated")
    assert not [e for e in _in(events, "called for closer") if e.trigger == "called"]
    assert ("PER", "CHL", "REQUEST") in _pairs(_in(events, "Peruvian agents demanded"))


@pytest.mark.slow
def test_events_nobody_as_the_doer_denies_the_act(tmp_path: Path) -> None:
    text = (
        "Published: 4 May 2022\n\n"
        "Neither side signed the fisheries accord with Peru on Tuesday. "
        "No Bolivian minister visited Peru in 2021. "
        "Chile and Peru signed a customs protocol on Tuesday.\n"
    )
    events = _events(tmp_path, text)
    assert not _in(events, "Neither side")
    assert not _in(events, "No Bolivian minister")
    assert ("CHL", "PER", "AGREE") in _pairs(_in(events, "customs protocol"))


@pytest.mark.slow
def test_events_traded_accusations_are_one_mutual_accusation(tmp_path: Path) -> None:
    text = (
        "Published: 8 March 2023\n\n"
        "Chile and Peru traded accusations on Tuesday over a fishing boat seized near the maritime boundary.\n"
    )
    found = _in(_events(tmp_path, text), "traded accusations")
    assert len(found) == 1 and found[0].type == "ACCUSE"  # not the COOPERATE of a bare "trade"


@pytest.mark.slow
def test_events_calling_a_leader_is_a_phone_call(tmp_path: Path) -> None:
    text = (
        "Published: 8 March 2023\n\n"
        "On March 7 Gustavo Petro called Luiz Inacio Lula da Silva and promised assistance with the flood relief. "
        "Lula called elections in Brazil for October. "
        "The pact, also called the Treaty of Quito, was signed by Colombia and Ecuador in 1990.\n"
    )
    events = _events(tmp_path, text)
    call = _in(events, "Petro called Luiz")
    assert ("COL", "BRA", "CONSULT") in _pairs(call)
    assert ("COL", "BRA", "REQUEST") in _pairs(call)  # a promise of help is an offer, not the help
    assert not [e for e in events if e.type == "CONSULT" and "called elections" in e.evidence.text]
    assert not [e for e in events if e.type == "CONSULT" and "Treaty of Quito" in e.evidence.text]


@pytest.mark.slow
def test_events_a_dating_preposition_forms_no_phrasal_verb(tmp_path: Path) -> None:
    text = "Published: 8 March 2023\n\nOn Monday Bolivia called on Chile to reopen the border posts.\n"
    found = _in(_events(tmp_path, text), "called on Chile")
    assert _pairs(found) == {("BOL", "CHL", "REQUEST")}


@pytest.mark.slow
def test_events_sentence_naming_both_sides_gives_a_mutual_act_its_pair(tmp_path: Path) -> None:
    text = (
        "Published: 2 June 2023\n\n"
        "Norway and Russia held talks in Oslo on Monday.\n\n"
        "It was the first meeting between the two countries since a fisheries treaty was signed in Tromso "
        "in May 2021.\n"
    )
    signed = [e for e in _in(_events(tmp_path, text), "fisheries treaty") if e.type == "AGREE"]
    assert {(e.source.country, e.target.country, e.date) for e in signed} == {("NOR", "RUS", "2021-05")}


@pytest.mark.slow
def test_events_participle_with_an_agent_is_the_agents_act(tmp_path: Path) -> None:
    text = (
        "Published: 2 June 2023\n\n"
        "Norway has accused Russia of jamming GPS signals near the border, a charge denied by Moscow.\n"
    )
    events = _events(tmp_path, text)  # factual only: the denial is told in the tense of the accusation
    assert ("RUS", "NOR", "REJECT") in _pairs(_in(events, "denied by Moscow"))


@pytest.mark.slow
def test_events_a_cooperative_act_is_not_with_the_state_it_is_against(tmp_path: Path) -> None:
    text = "Published: 2 June 2023\n\nPeru signed an alliance against Bolivia with Ecuador in March 1841.\n"
    found = _in(_events(tmp_path, text), "alliance against Bolivia")
    assert _pairs(found) == {("PER", "ECU", "AGREE")}


@pytest.mark.slow
def test_events_a_timeline_tells_past_acts_in_the_present(tmp_path: Path) -> None:
    text = (
        "Chile and Bolivia: a timeline\n\n"
        "March 2018 – Bolivia takes its claim to the sea to the court in The Hague. "
        "In reply, Chile's foreign minister warns that the case will harm relations.\n\n"
        "Chile often warns Bolivia about the case.\n"
    )
    events = _events(tmp_path, text)
    warned = _in(events, "In reply")
    assert {(e.source.country, e.target.country, e.date) for e in warned} == {("CHL", "BOL", "2018-03")}
    assert not _in(events, "often warns")  # outside a timeline entry the present is still a habit


@pytest.mark.slow
def test_events_an_undated_stretch_of_a_history_is_not_of_its_latest_date(tmp_path: Path) -> None:
    # no date line: the document's date is only the latest the text states (September 1866)
    text = (
        "The Guano War was an undeclared war fought at sea between Chile and Peru from 1864 to 1866. "
        "After the old regime fell in March 1861, Peru stopped paying its debt to Chile.\n\n"
        "The quarrel was called a war because both navies fought at sea. Santiago took sudden action, "
        "rejecting the hawks in its cabinet and offering peace to Peru.\n\n"
        "In 1866 Chile sent an envoy to Peru to negotiate peace. "
        "In September 1866 Peru and Chile signed a treaty in Lima.\n"
    )
    events = _events(tmp_path, text)
    assert not _in(events, "offering peace")  # the text gives that act no date; 1866-09 would be a guess
    assert ("PER", "CHL", "AGREE") in _pairs(_in(events, "signed a treaty"))


@pytest.mark.slow
def test_events_where_a_withdrawal_goes_is_no_side(tmp_path: Path) -> None:
    text = (
        "Published: 2 June 2023\n\n"
        "Chile and Peru fought over the nitrate fields in 1879. Peru lost the port of Arica to Chile.\n\n"
        "On 14 May 1880 Britain withdrew its ships to Bolivia.\n\n"
        "On 15 May 1880 Peru withdrew from the talks with Chile.\n"
    )
    events = _events(tmp_path, text)
    assert not _in(events, "ships to Bolivia")  # a destination, not the one the ships left
    assert ("PER", "CHL", "RETREAT") in _pairs(_in(events, "withdrew from the talks"))


@pytest.mark.slow
def test_events_a_participle_before_its_noun_is_no_act(tmp_path: Path) -> None:
    text = (
        "Published: 5 October 2023\n\n"
        "The presidents of Chile and Peru agreed to meet again in Lima, or at another agreed date, "
        "to review the fishing accord.\n"
    )
    events = _events(tmp_path, text)
    agreed = _in(events, "agreed to meet again")
    assert _pairs(agreed) <= {("CHL", "PER", "AGREE"), ("PER", "CHL", "AGREE"), ("CHL", "PER", "CONSULT")}
    assert {e.trigger for e in agreed if e.type == "AGREE"} == {"agreed"}
    assert sum(e.type == "AGREE" for e in agreed) == 1  # "another agreed date" names a date, not a second accord


@pytest.mark.slow
def test_events_the_leaders_of_a_paragraph_naming_both_act_together(tmp_path: Path) -> None:
    text = (
        "Published: 12 July 2023\n\n"
        "Prime Minister Ruiz of Peru met President Soto of Chile in Arica on Tuesday. "
        "A news agency in Bolivia reported, citing aides, that the leaders agreed on a plan for regular talks.\n"
    )
    found = _in(_events(tmp_path, text), "the leaders agreed")
    assert {frozenset((e.source.country, e.target.country)) for e in found if e.type == "AGREE"} == {
        frozenset(("CHL", "PER"))
    }


@pytest.mark.slow
def test_events_a_when_clause_takes_the_time_it_describes(tmp_path: Path) -> None:
    text = (
        "Chile and Peru: a history\n\n"
        "Peru kept a claim to the valley until May 1931 when Chile invaded the valley from the south. "
        "Peru held the port until June 1932, when Chile attacked Peru from the sea.\n"
    )
    events = _events(tmp_path, text)
    found = _in(events, "when Chile invaded")
    assert found and {e.date for e in found} == {"1931-05"}
    found = _in(events, "when Chile attacked")
    assert found and {e.date for e in found} == {"1932-06"}


@pytest.mark.slow
def test_events_what_a_commitment_governs_is_not_yet_done(tmp_path: Path) -> None:
    text = "Published: 8 April 2022\n\nOn Monday Chile agreed to provide lots of equipment and assistance to Peru."
    events = _events(tmp_path, text, factual=False)
    found = _in(events, "agreed to provide")
    factual = {e.type for e in found if not (e.hypothetical or e.negated)}
    assert factual == {"AGREE"}  # the aid itself is promised, not given: part of the agreement's act


@pytest.mark.slow
def test_events_a_past_perfect_aside_is_background(tmp_path: Path) -> None:
    text = (
        "Chile and Peru: a history\n\n"
        "In May 1932 Chile refused to repay its debt to Peru, which had supported it during the long war.\n"
    )
    events = _events(tmp_path, text)
    assert ("CHL", "PER") in {(e.source.country, e.target.country) for e in _in(events, "refused to repay")}
    assert not [e for e in _in(events, "had supported") if e.trigger == "supported"]


@pytest.mark.slow
def test_events_a_dated_happening_that_sets_the_scene_dates_what_follows(tmp_path: Path) -> None:
    text = (
        "Chile and Peru: a history\n\n"
        "In June 1990 the Peruvian president visited Chile.\n\n"
        "In the aftermath of the March 1995 protests in Lima, Chile voiced support for Peru. "
        "Relations between Santiago and Lima cooled during the crisis, with both sides expelling diplomats.\n"
    )
    found = _in(_events(tmp_path, text), "expelling diplomats")
    assert found and {e.date for e in found} == {"1995-03"}


@pytest.mark.slow
def test_events_a_passive_clause_with_its_own_subject_does_not_borrow_the_main_doer(tmp_path: Path) -> None:
    text = (
        "Chile and Peru: a history\n\n"
        "In 1929 Bolivia protested to Chile over the border talks, and after the treaty was signed with Peru, "
        "Bolivia recalled its envoy from Lima.\n"
    )
    signed = [e for e in _in(_events(tmp_path, text), "treaty was signed") if e.trigger == "signed"]
    assert signed and all("BOL" not in (e.source.country, e.target.country) for e in signed)


@pytest.mark.slow
def test_events_people_in_a_city_are_not_its_state(tmp_path: Path) -> None:
    text = (
        "Published: 3 May 2013\n\n"
        "Chile and Peru signed a fishing deal in Quito on Friday. "
        "Students in Lima condemned the deal on Friday. Diplomats in Lima welcomed the deal on Friday.\n"
    )
    events = _events(tmp_path, text)
    assert not _in(events, "Students in Lima")  # students are no state
    assert ("PER", "CHL", "SUPPORT") in _pairs(_in(events, "Diplomats in Lima"))  # a state's body still stands for it


@pytest.mark.slow
def test_events_two_bodies_are_no_guess_for_the_sides_of_a_war(tmp_path: Path) -> None:
    text = (
        "Chile and Peru: a history\n\n"
        "The region was put under UN administration by a Security Council resolution after the war of 1992-1995 "
        "and the NATO mission.\n"
    )
    assert not _in(_events(tmp_path, text), "the war of 1992-1995")


@pytest.mark.slow
def test_events_diplomatic_phrasings_of_expulsion_and_raids(tmp_path: Path) -> None:
    text = (
        "Published: 9 May 2024\n\n"
        "Chile withdrew the accreditation of the Peruvian ambassador on Tuesday. "
        "On Wednesday Chilean police broke into the Peruvian embassy in Santiago.\n"
    )
    events = _events(tmp_path, text)
    assert _pairs(_in(events, "withdrew the accreditation")) == {("CHL", "PER", "SANCTION")}
    assert _pairs(_in(events, "broke into")) == {("CHL", "PER", "COERCE")}


@pytest.mark.slow
def test_events_what_was_said_many_times_is_a_habit(tmp_path: Path) -> None:
    text = (
        "Published: 23 March 2023\n\n"
        "Chile's president has said many times that Chile will never accept Peru's claim. "
        "On Monday Chile has rejected Peru's new proposal.\n"
    )
    events = _events(tmp_path, text)
    assert not _in(events, "many times")
    assert ("CHL", "PER", "REJECT") in _pairs(_in(events, "new proposal"))


@pytest.mark.slow
def test_events_what_an_infinitive_or_from_aims_at_is_not_done(tmp_path: Path) -> None:
    text = (
        "Published: 2 May 2016\n\n"
        "In April 2016 the two sides voiced readiness to sign a treaty of peace. "
        "Russia and Japan have yet to find an approach for cooperating on the islands. "
        "In May 2016 Abe moved Japan's position away from demanding all four islands. "
        "The policy entailed pressure on Japanese companies to invest in Russia. "
        "In 2013 the Karabakh council was forced to sign a deal with Azerbaijan, and Japan agreed with Russia.\n"
    )
    events = _events(tmp_path, text)
    for phrase in ("readiness to sign", "have yet to find", "from demanding", "to invest"):
        assert not _in(events, phrase), phrase
    assert ("JPN", "RUS", "AGREE") in _pairs(_in(events, "was forced to sign"))  # a forced act was done


@pytest.mark.slow
def test_events_a_verb_whose_object_points_back_restates(tmp_path: Path) -> None:
    text = (
        "Published: 13 September 2018\n\n"
        "On September 12, 2018 Putin proposed signing a peace treaty with Japan within months. "
        "Putin made the unexpected offer on a stage in Vladivostok, with Abe beside him. "
        "On September 12, 2018 Putin also suggested joint fishing near the islands to Japan.\n"
    )
    events = _events(tmp_path, text)
    told = {e.trigger: e.verbal for e in events if e.type == "REQUEST"}
    assert told == {"proposed": True, "made": False, "suggested": True}  # "the surprise offer" names it again


@pytest.mark.slow
def test_events_a_news_story_on_a_treaty_row_keeps_its_week_and_its_actors(tmp_path: Path) -> None:
    text = (
        "Algeria suspends friendship treaty with Spain\n\n"
        "June 10, 2022 | 19:42 CET\n\n"
        "The presidency in Algeria announced on Wednesday that it was suspending the friendship treaty that the "
        "two countries concluded on October 8, 2002. The decision followed a meeting of Algeria's High Security "
        "Council. The Spanish government said on Thursday it regretted the decision.\n\n"
        "On Friday Albares flew to Brussels, where he met EU Trade Commissioner Valdis Dombrovskis. "
        "In a joint statement on Friday, Dombrovskis criticised Algeria.\n"
    )
    events = _events(tmp_path, text)
    regret = _in(events, "regretted the decision")
    assert {(e.source.country, e.target.country, e.type, e.date) for e in regret} == {
        ("ESP", "DZA", "ACCUSE", "2022-06-09")  # the treaty's 2002 in a side clause did not move the story
    }
    flew = _in(events, "flew to Brussels")  # one act, with the body met there; the city is no side
    assert {(e.source.country, e.target.country, e.date) for e in flew} == {("ESP", "EU", "2022-06-10")}
    said = _in(events, "Dombrovskis criticised")  # an EU commissioner speaks for the EU, not for Latvia
    assert {(e.source.country, e.target.country) for e in said} == {("EU", "DZA")}
    assert not [e for e in events if "UN" in (e.source.country, e.target.country)]  # no UN Security Council


@pytest.mark.slow
def test_events_military_and_diplomatic_phrasings(tmp_path: Path) -> None:
    text = (
        "Published: 1 March 2021\n\n"
        "On 23 November 2010 North Korean artillery shelled a South Korean island. "
        "In June 2020 North Korea cut all communication lines with South Korea. "
        "On 25 June 1950 North Korean forces crossed the border into South Korea. "
        "In 1991 Turkey raised relations with Israel to the level of ambassadors.\n"
    )
    events = _events(tmp_path, text)
    assert ("PRK", "KOR", "ASSAULT") in _pairs(_in(events, "artillery shelled"))
    assert ("PRK", "KOR", "SANCTION") in _pairs(_in(events, "communication lines"))
    assert ("PRK", "KOR", "MOBILIZE") in _pairs(_in(events, "crossed the border"))
    assert ("TUR", "ISR", "COOPERATE") in _pairs(_in(events, "raised relations"))


@pytest.mark.slow
def test_events_a_statement_that_reports_or_justifies_an_act_is_that_act(tmp_path: Path) -> None:
    text = (
        "Published: 18 June 2020\n\n"
        "On Wednesday the Chinese foreign ministry said China and India agreed to cool down the situation. "
        "On Thursday Lithuania pulled out of a forum China leads, saying it had divided Europe. "
        "On Friday China said India had been reckless.\n"
    )
    events = _events(tmp_path, text)
    assert {e.type for e in _in(events, "agreed to cool down")} == {"AGREE"}  # no second, SUPPORT event
    assert {e.type for e in _in(events, "pulled out")} == {"RETREAT"}
    assert _in(events, "had been reckless")  # a statement of its own stays


@pytest.mark.slow
def test_events_a_present_perfect_habit_is_no_act_even_when_dated(tmp_path: Path) -> None:
    text = (
        "Published: 3 January 2023\n\n"
        "On 3 January 1833 a British force expelled the Argentine garrison. Every Argentine government since has "
        "regarded that day as the start of an illegal occupation by Britain. Japan has repeatedly protested to "
        "Russia in 2022. Finland has closed its border with Russia.\n"
    )
    events = _events(tmp_path, text)
    assert _in(events, "expelled the Argentine garrison")
    assert not _in(events, "has regarded") and not _in(events, "repeatedly protested")
    assert ("FIN", "RUS", "SANCTION") in _pairs(_in(events, "has closed"))  # one recent act of this story


@pytest.mark.slow
def test_events_a_go_between_acts_with_each_side(tmp_path: Path) -> None:
    text = (
        "Published: 20 May 2021\n\n"
        "Qatar mediated between Somalia and Kenya in May 2021. In March 2011 the European Union began mediating "
        "talks between Serbia and Peru. Norway mediated the talks in 2019.\n"
    )
    events = _events(tmp_path, text)
    assert _pairs(_in(events, "Qatar mediated")) == {("QAT", "SOM", "CONSULT"), ("QAT", "KEN", "CONSULT")}
    assert _pairs(_in(events, "began mediating")) == {("EU", "SRB", "CONSULT"), ("EU", "PER", "CONSULT")}
    assert not _in(events, "Norway mediated")  # which two sides is not said: no guess


@pytest.mark.slow
def test_events_a_reaction_to_the_decision_answers_whoever_last_acted_against_the_state(tmp_path: Path) -> None:
    text = (
        "Published: 20 February 2023\n\n"
        "On 9 February Poland closed a major border crossing into Belarus.\n\n"
        '"We are thinking about a proper response." Belarus has called the decision irrational and dangerous.\n\n'
        "Chile condemned the move on Friday.\n"
    )
    events = _events(tmp_path, text)
    assert _pairs(_in(events, "called the decision")) == {("BLR", "POL", "ACCUSE")}
    assert not _in(events, "Chile condemned")  # nothing was done to Chile: no one to aim at


@pytest.mark.slow
def test_events_the_doer_of_a_long_name_or_a_date_fused_opening(tmp_path: Path) -> None:
    text = (
        "Published: 1 June 2023\n\n"
        "On 21 September 2011 President Fernandez de Kirchner warned Britain over the islands.\n\n"
        "On 2 March 2023 Foreign Minister Santiago Cafiero told his British counterpart, James Cleverly, that "
        "Argentina was leaving the 2016 communique, and he proposed a new round of talks.\n"
    )
    events = _events(tmp_path, text)
    assert ("ARG", "GBR") in {(e.source.country, e.target.country) for e in _in(events, "Kirchner warned")}
    proposed = [e for e in events if e.trigger == "proposed"]
    # "he" is the minister the sentence opened with, and the year naming the communique does not date the act
    assert [(e.source.country, e.target.country, e.date) for e in proposed] == [("ARG", "GBR", "2023-03-02")]


@pytest.mark.slow
def test_events_the_two_governments_are_the_two_states_their_sentence_names(tmp_path: Path) -> None:
    text = (
        "Algeria and Spain quarrel over the desert\n\nPublished: 10 June 2022\n\n"
        "Algeria suspended its treaty with Spain on Wednesday.\n\n"
        "In April Sanchez visited Rabat for talks with King Mohammed VI, and the two governments issued a joint "
        "declaration. In 2002 the two governments signed a friendship treaty, the Algiers Accord.\n"
    )
    events = _events(tmp_path, text)
    declared = {(e.source.country, e.target.country) for e in _in(events, "issued a joint") if e.type == "AGREE"}
    assert declared and all({a, b} == {"ESP", "MAR"} for a, b in declared)  # not Spain and Algeria
    signed = {(e.source.country, e.target.country) for e in _in(events, "friendship treaty")}
    assert signed and all({a, b} == {"DZA", "ESP"} for a, b in signed)  # a city in the treaty's name is no side


@pytest.mark.slow
def test_events_the_main_pair_is_the_one_told_together_not_the_most_named_state(tmp_path: Path) -> None:
    text = (
        "Published: 10 March 2023\n\n"
        "Iran and Saudi Arabia agreed on Friday to restore ties. China hailed the deal. China called it a victory "
        "for dialogue. China offered to host more talks.\n\n"
        "The two countries thanked China, which brokered the accord, in a statement of their own.\n"
    )
    events = _events(tmp_path, text)  # "the two countries" are Iran and Saudi Arabia, China the go-between
    brokered = [e for e in events if e.trigger == "brokered"]
    assert _pairs(brokered) == {("CHN", "IRN", "CONSULT"), ("CHN", "SAU", "CONSULT")}


@pytest.mark.slow
def test_events_reason_and_label_are_no_acts_of_the_speaker(tmp_path: Path) -> None:
    text = (
        "Published: 20 May 2025\n\n"
        "On Monday Chile thanked Brazil for supporting Bolivia in its talks with the Mercosur bloc. "
        "On Tuesday Ecuador filed a complaint against Colombia with the Paraguayan president over what it "
        "called meddling in its affairs.\n"
    )
    events = _events(tmp_path, text)
    thanked = _in(events, "thanked Brazil")
    assert _pairs(thanked) == {("CHL", "BRA", "SUPPORT")}  # the support is Brazil's act, the reason given
    filed = _in(events, "filed a complaint")
    assert {(s, t) for s, t, _ in _pairs(filed)} == {("ECU", "COL")}  # "what it called meddling" is no act


@pytest.mark.slow
def test_events_who_clause_naming_a_person_is_background(tmp_path: Path) -> None:
    text = (
        "Published: 12 June 2024\n\n"
        "The two former foreign ministers who signed the accord urged Lithuania on Wednesday to keep to it. "
        "Poland, which signed a trade accord with Lithuania on Monday, praised the move.\n"
    )
    events = _events(tmp_path, text)
    assert not [e for e in events if e.type == "AGREE" and "former foreign ministers" in e.evidence.text]
    assert ("POL", "LTU", "AGREE") in _pairs(_in(events, "which signed a trade accord"))  # its own date: an act


@pytest.mark.slow
def test_events_the_north_and_the_south(tmp_path: Path) -> None:
    text = (
        "Published: 17 June 2020\n\n"
        "Relations between North Korea and South Korea soured in early June. "
        "On 9 June the North cut all communication lines with the South. "
        "Ships crossed the South China Sea on Tuesday.\n"
    )
    cut = _in(_events(tmp_path, text), "cut all communication lines")
    assert cut and {(s, t) for s, t, _ in _pairs(cut)} == {("PRK", "KOR")}


@pytest.mark.slow
def test_events_commentators_speak_for_no_state(tmp_path: Path) -> None:
    text = (
        "Published: 3 March 2024\n\n"
        "Russia and Japan held talks in Tokyo on Friday. "
        "Russian political analyst Ivan Petrov said on Saturday that Japan had made a grave mistake. "
        "Pavel Orlov, a professor at a Moscow university, criticised Tokyo on Sunday. "
        "Foreign Minister Sergei Lavrov said on Monday that Japan had made a grave mistake.\n"
    )
    events = _events(tmp_path, text)
    assert not _in(events, "Petrov") and not _in(events, "Orlov")  # commentary: no state's act, no side filled in
    assert ("RUS", "JPN", "ACCUSE") in _pairs(_in(events, "Lavrov"))


def test_knowledge_private_person_acts_for_no_state(tmp_path: Path) -> None:
    from dyad.extract.actors.people import acting_for
    from dyad.knowledge.actors import actor_files, read_actors

    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "actors:\n- {id: person:roe-ann, name: Ann Roe, kind: person, country: NOR, private: true}\n"
        "- {id: person:lie-per, name: Per Lie, kind: person, country: NOR}\n",
        encoding="utf-8",
    )
    kb = read_actors(actor_files([mine]))
    assert acting_for(kb.get("person:roe-ann"), "2024-01-01", kb) is None
    assert acting_for(kb.get("person:lie-per"), "2024-01-01", kb) == "NOR"


@pytest.mark.slow
def test_events_meeting_or_hosting_a_thing_is_no_meeting(tmp_path: Path) -> None:
    text = (
        "Published: 3 March 2024\n\n"
        "Japan says its loans to Russia are sound, meeting strict ecological standards. "
        "Ties between Russia and Japan improved in 2013 and are now resuming that trend. "
        "On Friday Abe met the chancellor of Germany. On Monday Japan and Russia resumed the dialogue. "
        "In May 2024 Japan hosted a trade expo, and Russian firms came to it.\n"
    )
    events = _events(tmp_path, text)
    assert not _in(events, "ecological standards") and not _in(events, "resuming that trend")
    assert "CONSULT" not in {e.type for e in _in(events, "hosted a trade expo")}
    assert ("JPN", "DEU", "CONSULT") in _pairs(_in(events, "chancellor"))
    assert _in(events, "resumed the dialogue")


@pytest.mark.slow
def test_events_talks_named_as_the_setting_stay_an_act(tmp_path: Path) -> None:
    text = (
        "Published: 20 November 2023\n\n"
        "Following the historic November 14, 2023 talks between Presidents Boric and Arce, the two heads of "
        "state agreed to set up a joint border commission.\n"
    )
    events = _events(tmp_path, text)
    assert {"CONSULT", "AGREE"} <= {e.type for e in events if {e.source.country, e.target.country} == {"CHL", "BOL"}}


@pytest.mark.slow
def test_events_a_thing_received_comes_from_its_sender(tmp_path: Path) -> None:
    text = (
        "Published: 20 March 2024\n\n"
        "Peru and Chile opened border talks last year. "
        "On Monday Lima received fresh border proposals from Santiago.\n"
    )
    got = _in(_events(tmp_path, text), "fresh border proposals")
    assert got and {(s, t) for s, t, _ in _pairs(got)} == {("CHL", "PER")}


@pytest.mark.slow
def test_events_third_party_to_both_sides(tmp_path: Path) -> None:
    text = (
        "Published: 5 June 2024\n\n"
        "Tensions rose between Eritrea and Ethiopia in May. "
        "On Tuesday Kenya urged both sides to show restraint.\n"
    )
    got = _in(_events(tmp_path, text), "urged both sides")
    assert {(s, t) for s, t, _ in _pairs(got)} == {("KEN", "ERI"), ("KEN", "ETH")}


@pytest.mark.slow
def test_events_declaration_of_war(tmp_path: Path) -> None:
    text = "Published: 1 May 1933\n\nThe Paraguayan declaration of war on Bolivia came in May 1933.\n"
    got = [e for e in _in(_events(tmp_path, text), "declaration of war") if e.type == "ASSAULT"]
    assert {(s, t) for s, t, _ in _pairs(got)} == {("PRY", "BOL")}


@pytest.mark.slow
def test_events_the_importance_of_an_act_is_no_act(tmp_path: Path) -> None:
    text = (
        "Published: 9 January 2019\n\n"
        "On 5 January 2019 the Finnish president stressed the importance of holding regular talks with Russia. "
        "In May 2019 Chile and Peru agreed to split the valley at the river for the purpose of accepting the "
        "surrender of Bolivian troops.\n"
    )
    events = _events(tmp_path, text)
    assert not [e for e in events if e.type == "CONSULT"]
    assert ("FIN", "RUS", "SUPPORT") in _pairs(events)  # the statement itself stays
    assert not [e for e in _in(events, "for the purpose of") if "BOL" in (e.source.country, e.target.country)]


@pytest.mark.slow
def test_events_armed_forces_moving_in(tmp_path: Path) -> None:
    text = (
        "Published: 1 March 1991\n\n"
        "Iraqi troops entered Kuwait on 2 August 1990. "
        "Syrian units entered the war in January 1991. "
        "Kuwaiti officials entered a new round of talks with Iraq in July 1990.\n"
    )
    events = _events(tmp_path, text)
    assert ("IRQ", "KWT", "MOBILIZE") in _pairs(_in(events, "troops entered Kuwait"))
    assert not _in(events, "entered the war")  # joining a war names no enemy
    assert "MOBILIZE" not in {t for _s, _t, t in _pairs(_in(events, "new round of talks"))}


@pytest.mark.slow
def test_events_the_charge_is_no_act_told_here(tmp_path: Path) -> None:
    text = (
        "Published: 5 May 2021\n\n"
        "On 3 May 2021 Kenya blamed Somalia for the border raid of 28 April 2021. "
        "On 8 August 2008 Russian units crossed the ceasefire line into Georgia.\n"
    )
    events = _events(tmp_path, text)
    blamed = _in(events, "blamed Somalia")
    assert {(e.type, e.date) for e in blamed} == {("ACCUSE", "2021-05-03")}  # the raid is the charge
    assert "MOBILIZE" in {e.type for e in _in(events, "crossed the ceasefire line")}


@pytest.mark.slow
def test_events_seats_of_government_speak_for_their_state(tmp_path: Path) -> None:
    text = (
        "Published: 3 March 2024\n\n"
        "The Elysee condemned Russia on Saturday. The Blue House protested to Japan on Sunday.\n"
    )
    got = _pairs(_events(tmp_path, text))
    assert ("FRA", "RUS", "ACCUSE") in got and ("KOR", "JPN", "PROTEST") in got


@pytest.mark.slow
def test_events_a_paper_asks_for_its_issuer_of_each_state_named(tmp_path: Path) -> None:
    text = (
        "Published: 5 May 2021\n\n"
        "Chile and Peru quarrelled over the border in April 2021. On 3 May 2021 the UN Security Council adopted "
        "Resolution 2500, which invited Chile and Peru to resume talks.\n"
    )
    got = _in(_events(tmp_path, text), "which invited")
    assert {(s, t) for s, t, ty in _pairs(got) if ty == "REQUEST"} == {("UN", "CHL"), ("UN", "PER")}


@pytest.mark.slow
def test_events_a_lower_case_adjective_names_no_doer(tmp_path: Path) -> None:
    text = (
        "Published: 20 December 2022\n\n"
        "Peru expelled the Mexican ambassador on Tuesday. "
        "On Wednesday Chile issued a formal protest to Mexico over the quarrel.\n"
    )
    got = _in(_events(tmp_path, text), "formal protest")
    assert {(s, t) for s, t, _ in _pairs(got)} == {("CHL", "MEX")}  # not Peru, the pair's other side


@pytest.mark.slow
def test_events_force_on_a_place_of_the_other_side(tmp_path: Path) -> None:
    text = (
        "Published: 1 June 1998\n\n"
        "The border between Chile and Peru was never fully marked.\n\n"
        "In May 1998 Chilean troops occupied the border town of Tacna. Chilean troops later seized a stash of rifles. "
        "On 2 June 1998 Peruvian marines landed near Arica.\n"
    )
    events = _events(tmp_path, text)
    assert ("PER", "CHL", "MOBILIZE") in _pairs(_in(events, "landed near Arica"))
    assert ("CHL", "PER", "ASSAULT") in _pairs(_in(events, "occupied the border town"))
    assert not _in(events, "stash of rifles")  # a thing seized names no side


@pytest.mark.slow
def test_events_rejecting_the_work_of_a_court_is_no_act_on_a_state(tmp_path: Path) -> None:
    text = (
        "Published: 13 October 2021\n\n"
        "Chile and Bolivia argued over the Silala river for years. Chile said on Tuesday that it rejects a "
        "ruling by the tribunal that gave Bolivia part of the water. Chile rejected Bolivia's demands on Monday.\n"
    )
    events = _events(tmp_path, text)
    assert not [e for e in _in(events, "ruling by the tribunal") if e.type == "REJECT"]
    assert ("CHL", "BOL", "REJECT") in _pairs(_in(events, "Bolivia's demands"))


@pytest.mark.slow
def test_events_who_is_under_sanctions_is_their_target(tmp_path: Path) -> None:
    text = (
        "Published: 1 May 2016\n\n"
        "Abe visited Sochi in May 2016, a bold step because Russia was under EU sanctions and the United States "
        "wanted Moscow kept isolated.\n"
    )
    got = [e for e in _events(tmp_path, text, factual=False) if e.trigger == "sanctions"]
    assert got and {(e.source.country, e.target.country) for e in got} == {("EU", "RUS")}


@pytest.mark.slow
def test_events_street_protests_are_no_state_protest(tmp_path: Path) -> None:
    text = (
        "Published: 20 May 2018\n\n"
        "On 15 May 2018, after protests on the border with Gaza, Turkey recalled its ambassador from Israel. "
        "On 16 May 2018 Israel rejected Turkey's protests.\n"
    )
    events = _events(tmp_path, text)
    assert "PROTEST" not in {e.type for e in _in(events, "after protests on the border")}
    assert ("ISR", "TUR", "REJECT") in _pairs(_in(events, "rejected Turkey's protests"))


@pytest.mark.slow
def test_events_a_leader_crossing_a_border_is_no_military_move(tmp_path: Path) -> None:
    text = (
        "Published: 5 October 2007\n\n"
        "Relations between Chile and Bolivia warmed in 2007. Michelle Bachelet crossed the border on foot on "
        "2 October 2007 for a summit in La Paz. Chilean troops crossed the border on 3 October 2007.\n"
    )
    events = _events(tmp_path, text)
    assert "MOBILIZE" not in {e.type for e in _in(events, "on foot")}
    assert ("CHL", "BOL", "MOBILIZE") in _pairs(_in(events, "Chilean troops crossed"))


@pytest.mark.slow
def test_events_a_trip_for_a_summit_is_one_act(tmp_path: Path) -> None:
    text = (
        "Published: 1 October 2019\n\n"
        "Relations between Chile and Peru improved in 2019. "
        "Boric travelled to Lima for a summit from 10 to 12 September 2019.\n"
    )
    got = [e for e in _events(tmp_path, text) if "travelled to Lima" in e.evidence.text]
    assert got and {e.date for e in got} == {"2019-09-10"}
