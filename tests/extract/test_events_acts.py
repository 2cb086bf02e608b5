"""One act, one event, and dated news read against the story's own date: the whole pipeline on texts we wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.config import Options
from dyad.pipeline import analyse_file
from tests.analysed import story_events as _events
from tests.analysed import told_in as _in


@pytest.mark.slow
def test_events_acts_one_act_told_by_several_words(tmp_path: Path) -> None:
    text = (
        "Relations between Norway and Chile\n\n"
        "The Chilean foreign minister visited Oslo in January 2019 to resume talks on a fisheries accord.\n\n"
        "In March 2019 Norway rejected the Chilean proposal and called for new talks with Chile.\n\n"
        "An agreement on salmon quotas was reached during the Chilean president's visit to Norway in May 2019.\n"
    )
    events = _events(tmp_path, text)
    visit = _in(events, "to resume talks")
    assert [(e.type, e.date) for e in visit] == [("CONSULT", "2019-01")]  # a visit to hold talks: one act
    two_acts = _in(events, "rejected the Chilean proposal")
    assert {e.type for e in two_acts} == {"REJECT", "REQUEST"}  # coordinated acts stay apart
    setting = _in(events, "was reached during")
    assert {e.type for e in setting} == {"AGREE", "CONSULT"}  # the visit the deal was reached at is an act too


@pytest.mark.slow
def test_events_news_day_counts_from_the_story_date(tmp_path: Path) -> None:
    text = (
        "date 2023-08-27 ATHENS, Aug 26 - Greece and Turkey have mended ties this year.\n\n"
        "Turkey refused to talk to Greece in May 2022. On February 6, Greece sent rescue teams and aid to Turkey "
        "after an earthquake.\n"
    )
    aid = [e for e in _in(_events(tmp_path, text), "rescue teams") if e.type in {"AID", "COOPERATE"}]
    assert aid and {e.date for e in aid} == {"2023-02-06"}


@pytest.mark.slow
def test_events_no_invented_partner(tmp_path: Path) -> None:
    text = (
        "Japan and Russia\n\n"
        "Japan and Russia held talks in Moscow in January 2019. "
        "Russia and Japan agreed to meet again in March 2019.\n\n"
        "Elsewhere in Asia, trade was tense. In July 2019 the Japanese government imposed export controls on "
        "chemicals.\n\n"
        "In May 2019 Tokyo put forward a plan for joint fishing, and Moscow welcomed it.\n"
    )
    events = _events(tmp_path, text)
    assert not _in(events, "export controls")  # no partner named near the act: no pair invented
    told = {(e.type, e.source.country, e.target.country) for e in _in(events, "put forward")}
    assert told == {("REQUEST", "JPN", "RUS"), ("SUPPORT", "RUS", "JPN")}  # both sides named: both acts


@pytest.mark.slow
def test_events_states_named_as_origin_do_not_act(tmp_path: Path) -> None:
    text = (
        "Finland and Russia\n\n"
        "In November 2023 some 300 asylum seekers from Iraq and Syria arrived in Finland.\n\n"
        "In May 2019 a delegation from Finland arrived in Moscow for talks with Russia.\n"
    )
    events = _events(tmp_path, text)
    assert not _in(events, "asylum seekers")  # the migrants came, not their states
    assert {(e.source.country, e.target.country) for e in _in(events, "a delegation from")} == {("FIN", "RUS")}


@pytest.mark.slow
def test_events_undated_event_noun_in_analysis_is_background(tmp_path: Path) -> None:
    text = (
        "Japan and Russia\n\n"
        "Japan imposed sanctions on Russia in March 2014. The sanctions against Russia are often cited by "
        "Japanese firms as a risk.\n"
    )
    events = _events(tmp_path, text)
    assert [e.type for e in _in(events, "imposed sanctions")] == ["SANCTION"]
    assert not _in(events, "often cited")  # no date, no past tense: background, not a dated act


@pytest.mark.slow
def test_events_coordinated_act_shares_its_governor_negation(tmp_path: Path) -> None:
    text = (
        "Norway and Chile\n\n"
        "In March 2018 Norway refrained from expelling Chilean diplomats and censuring Chile.\n\n"
        "In May 2018 Norway did not expel Chilean diplomats but censured Chile.\n"
    )
    events = _events(tmp_path, text)
    assert not _in(events, "refrained from")  # neither act happened
    assert [e.type for e in _in(events, "but censured")] == ["ACCUSE"]  # the first's own "not" stays its own


@pytest.mark.slow
def test_events_unlisted_leader_after_an_honorific_keeps_the_title_state(tmp_path: Path) -> None:
    text = (
        "Guyana and Venezuela\n\n"
        "President of Guyana Dr Irfaan Ali spoke to reporters in Georgetown in December 2023.\n\n"
        "On 14 December 2023 Ali met Venezuelan President Nicolás Maduro in Kingstown.\n"
    )
    pairs = {frozenset((e.source.country, e.target.country)) for e in _in(_events(tmp_path, text), "Ali met")}
    assert frozenset(("GUY", "VEN")) in pairs


@pytest.mark.slow
def test_events_dated_story_present_perfect_is_its_act(tmp_path: Path) -> None:
    text = (
        "date 2023-11-18 HELSINKI, Nov 18 - Finland has closed four border crossings with Russia. "
        "The two countries have long accused each other of bad faith.\n"
    )
    events = _events(tmp_path, text)
    assert [(e.type, e.date) for e in _in(events, "has closed")] == [("SANCTION", "2023-11-18")]
    assert not _in(events, "have long accused")  # a habit, not an act of this story


@pytest.mark.slow
def test_events_mutual_act_without_named_sides_takes_the_paragraphs_pair(tmp_path: Path) -> None:
    text = (
        "Armenia and Azerbaijan\n\n"
        "In July 1919 Armenian and Azerbaijani units fought near the border, and Armenia accused Azerbaijan of "
        "shelling villages. On 10 August 1919, a ceasefire was signed.\n\n"
        "On 3 March 1920 a treaty was signed.\n"
    )
    events = _events(tmp_path, text)
    signed = [(e.type, frozenset((e.source.country, e.target.country))) for e in _in(events, "ceasefire was signed")]
    assert signed == [("AGREE", frozenset(("ARM", "AZE")))]
    assert not _in(events, "a treaty was signed")  # no side named in its paragraph: nothing to pair


@pytest.mark.slow
def test_events_years_ago_today_counts_from_the_story_date(tmp_path: Path) -> None:
    text = (
        "date 2021-10-19 TOKYO, Oct 19 - Sixty-five years ago today, Japan and the Soviet Union signed a joint "
        "declaration. In 1945 the war had ended.\n"
    )
    signed = [e for e in _in(_events(tmp_path, text), "years ago today") if e.type == "AGREE"]
    assert [e.date for e in signed] == ["1956-10-19"]


@pytest.mark.slow
def test_events_no_as_the_acts_object_denies_it(tmp_path: Path) -> None:
    text = "Japan and Russia\n\nIn 2019 Japan and Russia held no summit on the islands.\n"
    assert not [e for e in _in(_events(tmp_path, text), "held no summit") if e.type == "CONSULT"]


@pytest.mark.slow
def test_plain_statement_beside_an_act_of_the_same_sides_is_its_voice(tmp_path: Path) -> None:
    text = (
        "Published: 9 May 2021\n\n"
        "On Sunday the Peruvian foreign ministry accused Chile of spying on its navy and said the Chilean "
        "position broke every rule between neighbours.\n\n"
        "On Monday Lima accused Santiago of lying, and Bolivia said it would stay out of the quarrel with Chile.\n"
    )
    events = [e for e in _events(tmp_path, text) if not (e.negated or e.hypothetical)]
    sunday = [e for e in events if "spying" in e.evidence.text]
    assert [(e.source.country, e.target.country, e.type) for e in sunday] == [("PER", "CHL", "ACCUSE")]
    monday = {(e.source.country, e.target.country) for e in events if "lying" in e.evidence.text}
    assert ("PER", "CHL") in monday and ("BOL", "CHL") in monday  # another side's statement stays its own


@pytest.mark.slow
def test_a_call_in_the_same_breath_as_a_reproach_is_part_of_it(tmp_path: Path) -> None:
    text = (
        "Published: 9 May 2021\n\n"
        "On Sunday Peru accused Chile of breaking the fishing accord and called on Santiago to withdraw its boats.\n"
    )
    events = [e for e in _events(tmp_path, text) if not (e.negated or e.hypothetical)]
    assert [(e.source.country, e.target.country, e.type) for e in events] == [("PER", "CHL", "ACCUSE")]


@pytest.mark.slow
def test_a_news_items_lead_and_body_telling_one_reproach_are_one_act(tmp_path: Path) -> None:
    text = (
        "Published: 6 June 2022\n\n"
        "LIMA, June 6 (Wire) - Peru accused Bolivia on Sunday of letting arms smugglers cross the lake.\n\n"
        "In a statement on Sunday, Peru's foreign ministry accused Bolivia of turning a blind eye to the smugglers.\n\n"
        "A week earlier, on May 29, Peru had accused Bolivia of ignoring its letters.\n"
    )
    events = [e for e in _events(tmp_path, text) if not (e.negated or e.hypothetical)]
    told = sorted((e.source.country, e.target.country, e.type, e.date) for e in events)
    assert told == [("PER", "BOL", "ACCUSE", "2022-05-29"), ("PER", "BOL", "ACCUSE", "2022-06-05")]


@pytest.mark.slow
def test_a_deadline_is_not_when_an_act_was_done(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(
        "Published: 2 February 2024\n\nLIMA, Feb 2 (Wire) - Peru and Chile quarrel. Peru asked Chile to pull out "
        "its boats by March 15.\n",
        encoding="utf-8",
    )
    events = analyse_file(path, Options(db=tmp_path / "x.duckdb")).extraction.events  # flagged ones too
    assert events and all(not (e.date or "").endswith("-03-15") for e in events)


@pytest.mark.slow
def test_a_visit_and_its_talks_told_in_one_clause_are_one_meeting(tmp_path: Path) -> None:
    text = (
        "Chile and Peru mended ties in 2022.\n\n"
        "The Chilean president paid an official visit to Lima on 9 March 2022 and held talks there with the "
        "Peruvian president.\n\n"
        "In June 2022 the two foreign ministries started consultations on fishing, and a delegation "
        "of Chilean officials visited Peru.\n"
    )
    events = [e for e in _events(tmp_path, text) if e.type == "CONSULT"]
    assert len(_in(events, "official visit")) == 1
    assert len(_in(events, "started consultations")) == 2  # two clauses, each with its own subject: two acts


@pytest.mark.slow
def test_the_date_of_the_act_answered_is_not_the_answers(tmp_path: Path) -> None:
    text = (
        "Published: 14 April 2024\n\n"
        "DAMASCUS, April 14 (Wire) - Syria and Turkey traded blame on Sunday. Syria's shelling comes in "
        "retaliation for a March 30 Turkish strike on a Syrian border post.\n"
    )
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    events = analyse_file(path, Options(db=tmp_path / "x.duckdb")).extraction.events  # flagged ones too
    shelling = [e for e in events if "retaliation" in e.evidence.text and e.source.country == "SYR"]
    assert shelling and all(e.date != "2024-03-30" for e in shelling)  # the strike's date, not the shelling's


@pytest.mark.slow
def test_the_meeting_a_later_act_follows_is_the_one_told_before(tmp_path: Path) -> None:
    text = (
        "Published: 2 February 2024\n\n"
        "Officials of Peru and Chile met in Lima on Friday for a second round of border talks.\n\n"
        "Just prior to the summit, the Peruvian president turned down a Chilean gift like the one he received in "
        "2012.\n"
    )
    events = _events(tmp_path, text)
    assert [e.type for e in _in(events, "prior to the summit")] == ["REJECT"]  # not a summit of 2012
    assert [e.type for e in _in(events, "Officials of Peru")] == ["CONSULT"]


def test_strikes_on_targets_cut_short_visits_and_courtesy_calls_are_acts(tmp_path: Path) -> None:
    """'hit targets in X's province' is an attack on X, 'cut short a visit' a step back, 'paid a courtesy call
    on' a visit; 'Only hours earlier' is the same day as the act told before."""
    text = (
        "Border strikes shake ties\n\nPublished: 15 March 2031\n\n"
        "Chilean jets hit targets near a village in Peru's Tacna region on Tuesday. Only hours earlier, the "
        "Peruvian foreign minister had held talks with the Chilean foreign minister in Geneva.\n\n"
        "Peru's trade minister cut short a visit to Chile on Wednesday. On Monday, Peru's trade minister had paid "
        "a courtesy call on the Chilean president.\n\nThe Peruvian minister also held talks on Bolivia with the "
        "Chilean foreign minister.\n"
    )
    events = _events(tmp_path, text)
    assert [(e.type, e.source.country, e.target.country, e.date) for e in _in(events, "hit targets")] == [
        ("ASSAULT", "CHL", "PER", "2031-03-11")
    ]
    assert [e.date for e in _in(events, "Only hours earlier") if e.type == "CONSULT"] == ["2031-03-11"]
    assert [(e.type, e.source.country) for e in _in(events, "cut short")] == [("RETREAT", "PER")]
    calls = _in(events, "courtesy call")
    assert [(e.type, e.source.country, e.target.country) for e in calls] == [("CONSULT", "PER", "CHL")]
    talks = _in(events, "talks on Bolivia")  # a topic, not a side
    assert [(e.source.country, e.target.country) for e in talks] == [("PER", "CHL")]


def test_a_possessive_after_its_clauses_named_subject_is_the_subjects(tmp_path: Path) -> None:
    """'Peru's trade minister cut short his visit to Chile': 'his' is the minister's, not the Chilean foreign
    minister's named in the paragraph before, so the step back is Peru's toward Chile."""
    text = (
        "Border strikes shake ties\n\nPublished: 15 March 2031\n\n"
        "Chilean jets hit targets near a village in Peru's Tacna region on Tuesday. Only hours earlier, the "
        "Peruvian foreign minister had held talks with the Chilean foreign minister in Geneva.\n\n"
        "Peru's trade minister cut short his visit to Chile on Wednesday.\n"
    )
    events = _events(tmp_path, text)
    cut = _in(events, "cut short")
    assert [(e.type, e.source.country, e.target.country) for e in cut] == [("RETREAT", "PER", "CHL")]
    assert not cut[0].target.id.startswith("person:")  # Chile, not the foreign minister named before


def test_regions_civil_wars_and_demanded_apologies_are_no_acts_between_states(tmp_path: Path) -> None:
    """'Indo-Pacific' names a region, not India ('Indo-Pakistani' names two states); a civil war is fought within
    one state; an apology demanded is not given; 'Within hours' is the day told before."""
    text = (
        "Envoys recalled\n\nPublished: 22 May 2031\n\n"
        "Jane Roe, the US president's Indo-Pacific coordinator, held talks with Fiji's prime minister on Monday. "
        "Indo-Pakistani talks resumed on Tuesday.\n\n"
        "Chad's own civil war, which began in 2005, gave Sudan a new role as a mediator.\n\n"
        "Spain's foreign minister criticised Argentina's president on Sunday. Within hours, Spain recalled its "
        "ambassador from Argentina. Spain also repeated its demand for an apology from Argentina.\n"
    )
    events = _events(tmp_path, text)
    assert [(e.source.country, e.target.country) for e in _in(events, "Indo-Pacific")] == [("USA", "FJI")]
    assert {(e.source.country, e.target.country) for e in _in(events, "Indo-Pakistani")} <= {
        ("IND", "PAK"), ("PAK", "IND")
    }  # fmt: skip
    assert _in(events, "Indo-Pakistani")
    assert not _in(events, "civil war")
    assert [e.date for e in _in(events, "Within hours")] == ["2031-05-18"]
    assert not [e for e in _in(events, "demand for an apology") if e.type == "CONCEDE"]


def test_bombs_dropped_measures_reimposed_and_bans_eased_are_acts(tmp_path: Path) -> None:
    """Verb and object pairs the lexicon lacked: 'dropped bombs on', 'reimposed the measures on', 'eased its ban
    on'; and a coast guard cutter acts for its state."""
    text = (
        "Chad and Sudan\n\nA history of Chad and Sudan.\n\n"
        "On 12 April 2031 Sudanese aircraft dropped bombs on Abeche, a town in eastern Chad.\n\n"
        "On 4 July 2032 Chad eased its travel ban on Sudan. On 10 February 2033 Chad reimposed the lifted measures "
        "on Sudan.\n\n"
        "On 22 December 2033 Chadian coast guard cutters exchanged fire with Sudanese patrol boats on the lake.\n"
    )
    events = _events(tmp_path, text)
    got = {(e.type, e.source.country, e.target.country, e.date) for e in events}
    assert ("ASSAULT", "SDN", "TCD", "2031-04-12") in got
    assert ("CONCEDE", "TCD", "SDN", "2032-07-04") in got
    assert ("SANCTION", "TCD", "SDN", "2033-02-10") in got
    assert [e.source.country for e in _in(events, "cutters")] == ["TCD"]


def test_blocked_imports_are_a_sanction_on_the_state_they_come_from(tmp_path: Path) -> None:
    """'blocked imports from Sudan': the goods' origin is the state acted on (not people who come from it)."""
    text = (
        "Chad and Sudan\n\nA history.\n\nIn the first months of 2031 Chad blocked Sudanese imports.\n\n"
        "In March 2032 Chad blocked imports from Sudan.\n"
    )
    events = _events(tmp_path, text)
    assert [(e.type, e.source.country, e.target.country, e.date) for e in events] == [
        ("SANCTION", "TCD", "SDN", "2031"), ("SANCTION", "TCD", "SDN", "2032-03")
    ]  # fmt: skip


def test_summoning_a_charge_d_affaires_or_a_consul_is_a_protest(tmp_path: Path) -> None:
    text = (
        "Envoys summoned\n\nPublished: 22 January 2031\n\n"
        "Paris summoned the Malian charge d'affaires on Monday. Rome summoned Libya's consul on Tuesday.\n"
    )
    events = _events(tmp_path, text)
    assert sorted((e.type, e.source.country, e.target.country) for e in events) == [
        ("PROTEST", "FRA", "MLI"), ("PROTEST", "ITA", "LBY")
    ]  # fmt: skip


def test_the_act_told_before_as_a_subject_is_no_new_act(tmp_path: Path) -> None:
    """'Jilani told him the attack had done serious damage': 'the attack' is Iran's strike told before, not a new
    attack by the state named nearest (Uganda, where Jilani was)."""
    text = (
        "Strikes across the border\n\nPublished: 22 January 2031\n\n"
        "Iran struck targets in Pakistan on Tuesday. The Iranian foreign minister telephoned Jilani, who was in "
        "Uganda, the same day, and Jilani told him the attack had done serious damage to ties.\n"
    )
    events = _events(tmp_path, text)
    assert not [e for e in events if e.type == "ASSAULT" and "UGA" in (e.source.country, e.target.country)]
    assert [(e.source.country, e.target.country) for e in events if e.type == "ASSAULT"] == [("IRN", "PAK")]


def test_telling_a_state_to_act_is_a_demand_and_part_of_a_step_told_with_it(tmp_path: Path) -> None:
    """'told Ethiopia to close its consulates' is a demand, not a statement; 'recalled its ambassador and told
    Israel's envoy to leave' is one coercive step."""
    text = (
        "Envoys recalled\n\nPublished: 4 April 2031\n\n"
        "Somalia told Ethiopia on Thursday to close its consulates.\n\n"
        "Turkey recalled its ambassador from Israel on Friday and told Israel's envoy to leave.\n"
    )
    events = _events(tmp_path, text)
    assert [(e.type, e.mode, e.source.country, e.target.country) for e in _in(events, "consulates")] == [
        ("REQUEST", "demand", "SOM", "ETH")
    ]
    assert [(e.type, e.source.country, e.target.country) for e in _in(events, "recalled its ambassador")] == [
        ("SANCTION", "TUR", "ISR")
    ]


def test_a_refusal_told_ahead_is_voiced_by_the_statement(tmp_path: Path) -> None:
    """'said North Korea would reject any talks with Japan': the saying is the refusal, made that day; 'said it
    rejects a ruling' reports the rejection itself."""
    text = (
        "No talks\n\nPublished: 27 March 2031\n\n"
        "On 26 March the Foreign Minister of Chad said Chad would reject any talks with Sudan.\n"
    )
    events = _events(tmp_path, text)
    assert [(e.type, e.source.country, e.target.country, e.date) for e in events] == [
        ("REJECT", "TCD", "SDN", "2031-03-26")
    ]


def test_a_meeting_on_whose_day_a_past_act_came_is_real(tmp_path: Path) -> None:
    """'The signing came on the day of the security talks between Chile and Peru': the talks are told in the past
    of the clause they hang from through 'the day of', not an undated background noun."""
    text = (
        "Chile and Peru sign pact\n\nPublished: 8 July 2031\n\n"
        "Chile and Peru signed a fisheries pact on Monday. The signing came on the day of the security talks between "
        "Chile and Peru.\n"
    )
    events = _events(tmp_path, text)
    assert [(e.type, e.date) for e in _in(events, "security talks")] == [("CONSULT", "2031-07-07")]


@pytest.mark.slow
def test_summoning_an_envoy_named_with_a_capitalised_title(tmp_path: Path) -> None:
    text = (
        "Nepal and India quarrelled over a road in 2020.\n\n"
        "On May 11, 2020 Foreign Minister Ram Bahadur Thapa summoned Indian Ambassador Arjun Kumar Mehra to his "
        "office in Kathmandu and handed him a note on the road.\n"
    )
    found = [e for e in _events(tmp_path, text) if "summoned" in e.evidence.text]
    assert {(e.source.country, e.target.country, e.type, e.date) for e in found} == {
        ("NPL", "IND", "PROTEST", "2020-05-11")
    }


@pytest.mark.slow
def test_a_label_given_in_passing_is_no_reproach_of_its_own(tmp_path: Path) -> None:
    text = (
        "SANTO DOMINGO, Sept 15, 2023 - The Dominican Republic closed its border with Haiti on Friday.\n\n"
        "President Luis Abinader said the border would stay shut for as long as needed to stop what he called a "
        "provocation from Haiti.\n"
    )
    assert not [e for e in _events(tmp_path, text) if "provocation" in e.evidence.text and e.type == "ACCUSE"]


@pytest.mark.slow
def test_calling_off_a_visit_is_a_withdrawal_not_a_visit(tmp_path: Path) -> None:
    text = (
        "Sweden and Turkey argued about the alliance in 2023.\n\n"
        "On 21 January 2023 Turkey called off a planned visit to Ankara by Swedish Defence Minister Pal Jonson.\n"
    )
    found = [e for e in _events(tmp_path, text) if "called off" in e.evidence.text]
    assert {(e.source.country, e.target.country, e.type) for e in found} == {("TUR", "SWE", "RETREAT")}


@pytest.mark.slow
def test_signing_a_decree_is_the_decrees_act_not_an_agreement(tmp_path: Path) -> None:
    text = (
        "Georgia and Russia quarrelled over flights for years.\n\n"
        "On 21 June 2019 Vladimir Putin signed a decree barring Russian airlines from flying to Georgia from 8 July. "
        "On 10 May 2023 Putin signed decrees lifting the ban on flights for Georgian carriers.\n"
    )
    events = _events(tmp_path, text)
    assert not [e for e in events if e.type == "AGREE"]  # a state's own decree is no deal with another state
    lifted = [e for e in events if "lifting" in e.evidence.text]
    assert {(e.source.country, e.target.country, e.type) for e in lifted} == {("RUS", "GEO", "CONCEDE")}


@pytest.mark.slow
def test_victims_told_in_a_side_clause_are_no_side_and_a_purchase_halt_is_a_sanction(tmp_path: Path) -> None:
    text = (
        "Colombia and Israel fell out over the war in Gaza in 2024.\n\n"
        "On 29 February 2024, after more than 100 Palestinians were killed while waiting for food trucks near "
        "Gaza City, Petro suspended all purchases of weapons from Israel.\n"
    )
    events = _events(tmp_path, text)
    assert not [e for e in events if e.type == "ASSAULT"]  # the doer of the killing is not named here
    assert {(e.source.country, e.target.country, e.type) for e in events} == {("COL", "ISR", "SANCTION")}


@pytest.mark.slow
def test_a_thing_named_by_what_was_asked_for_is_no_request(tmp_path: Path) -> None:
    text = (
        "Portugal and Morocco argued over fishing rights from 2019 to 2024.\n\n"
        "This explainer retraces how Morocco, a partner of Portugal since 1956, used its leverage, what it asked for "
        "and what it got. It did not get most of the quotas it asked for: Portuguese courts, not ministers, decide "
        "those. On 3 May 2021 Morocco asked Portugal for talks on the quotas.\n"
    )
    requests = [e for e in _events(tmp_path, text, factual=False) if e.type == "REQUEST"]
    assert [e.date for e in requests] == ["2021-05-03"]  # the dated request only, not the things named by it


@pytest.mark.slow
def test_declaring_a_thing_done_by_force_is_a_charge_not_the_force(tmp_path: Path) -> None:
    text = (
        "Moldova and Russia have argued over the Dniester valley since 1992.\n\n"
        "On 28 July 2022 Moldova's parliament declared the left bank occupied by Russia.\n"
    )
    found = [e for e in _events(tmp_path, text) if "declared" in e.evidence.text]
    assert {(e.source.country, e.target.country, e.type) for e in found} == {("MDA", "RUS", "ACCUSE")}


@pytest.mark.slow
def test_a_thing_that_resumed_is_no_talks(tmp_path: Path) -> None:
    text = (
        "Kyrgyzstan and Tajikistan signed a border treaty in March 2025.\n\n"
        "Flights between Dushanbe and Bishkek resumed on 14 March 2025. On 20 March 2025 talks between the two "
        "governments resumed in Bishkek.\n"
    )
    found = {(e.type, e.date) for e in _events(tmp_path, text) if "resumed" in e.evidence.text}
    assert found == {("CONSULT", "2025-03-20")}  # the talks, not the flights


@pytest.mark.slow
def test_a_state_sending_forces_moves_forces_whatever_the_tagger_calls_its_name(tmp_path: Path) -> None:
    text = (
        "Nepal and India quarrelled over a road in May 2020.\n\n"
        "Two days later, on May 13, 2020, Nepal sent a unit of its Armed Police Force to a new border post at "
        "Chhangru, close to Kalapani.\n"
    )
    found = [e for e in _events(tmp_path, text) if "sent a unit" in e.evidence.text]
    assert {(e.source.country, e.target.country, e.type, e.date) for e in found} == {
        ("NPL", "IND", "MOBILIZE", "2020-05-13")
    }


@pytest.mark.slow
def test_opening_a_criminal_case_over_the_other_sides_act_is_a_charge(tmp_path: Path) -> None:
    text = (
        "The Czech Republic and Russia quarrelled over monuments in 2020.\n\n"
        "In April 2020 Russia's Investigative Committee opened a criminal case over the removal of a Soviet "
        "monument by a Prague district council.\n"
    )
    found = [e for e in _events(tmp_path, text) if "criminal case" in e.evidence.text]
    assert {(e.source.country, e.target.country, e.type, e.date) for e in found} == {
        ("RUS", "CZE", "ACCUSE", "2020-04")
    }
