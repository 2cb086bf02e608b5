"""Story time rules on documents written for these tests: titles, asides, named periods, weekdays."""

from __future__ import annotations

import pytest

from dyad.extract.parse import ParsedDoc
from dyad.extract.time.calendar import story_year, weekday_near
from dyad.extract.time.layer import TimeLayer, resolve_times
from dyad.extract.time.scan import scan
from dyad.offsets import MappedText
from tests.bundled import KNOWLEDGE, parse


def _layer(text: str, published: str | None = None) -> tuple[ParsedDoc, TimeLayer]:
    pdoc = parse("story.txt", MappedText.identity(text), text, published)
    return pdoc, resolve_times(pdoc, KNOWLEDGE.time)


def _ref(pdoc: ParsedDoc, layer: TimeLayer, opening: str) -> str | None:
    idx = next(s.idx for s in pdoc.sentences if s.text.startswith(opening))
    return layer.ref_dates[idx]


def _value(layer: TimeLayer, text: str) -> str | None:
    return next((t.value for t in layer.times if t.text == text), None)


def test_story_title_naming_two_years_dates_the_piece_and_past_months() -> None:
    text = (
        "Northern Fisheries: A Look Back at 2030 and Forward to 2031\n\n"
        "The quota talks of 2030 were long. The two agencies met in October to compare catches. "
        "Later they exchanged observers.\n\n"
        "Their plans for 2031 are modest. They will meet in May."
    )
    pdoc, layer = _layer(text)
    assert (layer.doc_date, layer.doc_date_how) == ("2031", "title")
    assert _value(layer, "October") == "2030-10"


def test_story_earlier_date_in_a_because_clause_is_an_aside() -> None:
    text = (
        "The envoys met in Oslo on 12 June 2011. It was a bold step, because the minister had "
        "written to them on 3 March to object. The envoys then returned home."
    )
    pdoc, layer = _layer(text, "2012-01-01")
    assert _ref(pdoc, layer, "The envoys then") == "2011-06-12"


def test_story_trailing_participle_looking_ahead_keeps_the_story() -> None:
    text = (
        "The ministers agreed on 20 November 2014 to ease travel rules, with the new rules taking "
        "effect at the start of February 2015. They also signed a fishing memorandum."
    )
    pdoc, layer = _layer(text, "2015-06-01")
    assert _ref(pdoc, layer, "They also signed") == "2014-11-20"


def test_story_brief_flashback_paragraph_ends_with_its_paragraph() -> None:
    text = (
        "In March 2019 the two leaders met in a border town.\n\n"
        "The idea of a shared park is old. A similar plan failed in 1993.\n\n"
        "The leaders parted on good terms."
    )
    pdoc, layer = _layer(text, "2019-06-01")
    assert _ref(pdoc, layer, "The leaders parted") == "2019-03"


def test_story_paragraph_opening_on_its_own_date_starts_a_new_thread() -> None:
    text = (
        "In March 2019 the two leaders met in a border town.\n\n"
        "In June 2012 the first border park was opened. It drew many visitors.\n\n"
        "The park's budget was cut."
    )
    pdoc, layer = _layer(text, "2019-06-01")
    assert _ref(pdoc, layer, "The park's budget") == "2012-06"


def test_story_deadline_and_subject_years_do_not_move_the_story() -> None:
    text = (
        "On 3 May 2018 the president proposed signing a treaty by the end of the year. "
        "It was announced that 2031 would be the year of culture. The guests then left."
    )
    pdoc, layer = _layer(text, "2018-06-01")
    assert _ref(pdoc, layer, "The guests then left") == "2018-05-03"


def test_story_new_year_names_january_of_the_story_year() -> None:
    pdoc, layer = _layer("In 2012 the king spoke at his New Year reception about the treaty.", "2013-01-01")
    assert _value(layer, "New Year") == "2012-01"


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The camps were closed at the end of the Second World War.", "the end of the Second World War", "1945"),
        ("The border was redrawn after World War I by the victors.", "World War I", "1918"),
        ("Fleets grew during the Cold War in the north.", "Cold War", "1947"),
    ],
)
def test_story_named_periods_give_years(text: str, phrase: str, value: str) -> None:
    _, layer = _layer(text, "2020-01-01")
    assert _value(layer, phrase) == value


def test_story_named_period_naming_a_thing_is_not_a_date() -> None:
    _, layer = _layer("The parties waived all World War II reparations claims.", "2020-01-01")
    assert layer.times == []


def test_story_weekday_counts_back_from_the_document_date() -> None:
    _, layer = _layer("Announcing the new tariff on Sunday, the minister said it would last a year.", "2030-05-15")
    assert _value(layer, "Sunday") == "2030-05-12"


def test_story_weekday_naming_a_programme_is_not_a_date() -> None:
    _, layer = _layer("The minister spoke on the News on Saturday programme about fishing.", "2030-05-15")
    assert all(t.text != "Saturday" for t in layer.times)


def test_story_year_with_a_glued_footnote_number_is_read() -> None:
    found = scan("The company ruled the islands until 1962.14 Then the state took over.", KNOWLEDGE.time)
    assert [f.cal.value for f in found if f.cal] == ["1962"]


def test_story_decimal_after_a_year_like_number_is_not_a_year() -> None:
    assert [f for f in scan("The index stood at 1962.14 points.", KNOWLEDGE.time) if f.kind == "year"] == []


@pytest.mark.parametrize(
    ("anchor", "month", "year"),
    [("2017-01", 12, 2016), ("2017-02", 12, 2016), ("2016-05", 12, 2016), ("2016-12", 1, 2017), ("2016", 12, 2016)],
)
def test_story_year_of_a_month_without_one(anchor: str, month: int, year: int) -> None:
    assert story_year(anchor, month) == year


def test_story_weekday_near() -> None:
    assert weekday_near("2030-05-15", 6) == "2030-05-12"
    assert weekday_near("2030-05-15", 2) == "2030-05-15"
    assert weekday_near("2030-05", 2) is None


def test_story_a_cued_span_of_time_is_what_the_text_is_about_not_its_date() -> None:
    # an infobox line "date = <start> – <end>" gives the period a history covers
    text = (
        "| date = 3 March 1841 – 12 June 1843 | place = the northern gulf\n\n"
        "The Lake War was fought between two river states. "
        "The treaty of 1843, signed on 12 June, ended it."
    )
    pdoc, layer = _layer(text)
    assert layer.doc_date_how != "cue"
    assert _value(layer, "12 June") == "1843-06-12"


def test_story_a_counterfactual_looking_back_does_not_move_the_story() -> None:
    text = (
        "The two navies held their first joint drill. "
        "This would have been unthinkable even a decade ago. "
        "The defence minister visited the port in June."
    )
    pdoc, layer = _layer(text, "2031-08-19")
    assert _ref(pdoc, layer, "The defence minister") == "2031-06"


def test_story_a_scene_setting_phrase_moves_the_story_though_its_date_sits_in_a_clause() -> None:
    text = (
        "Chile and Peru\n\n"
        "The two states signed a fishing accord in 2016.\n\n"
        "After the war in which Chile took the southern ports in 1883, Peru rebuilt its navy.\n\n"
        "Two years later, Peru bought three ships from Britain."
    )
    pdoc, layer = _layer(text, "2017-03-01")
    assert _ref(pdoc, layer, "After the war") == "1883"
    assert _value(layer, "Two years later") == "1885"


def test_story_a_count_after_a_short_look_back_starts_where_it_looked() -> None:
    text = (
        "Chile and Peru\n\n"
        "The two foreign ministers met in Lima on 3 March 2016 to review the fishing accord.\n\n"
        "The idea is not new. A first accord was signed in 1990.\n\n"
        "Two years later, both navies held joint drills. Last week the ministers met again."
    )
    pdoc, layer = _layer(text, "2016-03-10")
    assert _value(layer, "Two years later") == "1992"
    assert _value(layer, "Last week") not in {None, "1990", "1992"}


def test_story_a_dated_news_story_is_back_in_its_present_after_a_background_paragraph() -> None:
    text = (
        "Harbour row flares again\n\n"
        "Published: 14 October 2031\n\n"
        "Norland said on Tuesday that it rejects the ruling on the harbour. Last week it recalled its envoy.\n\n"
        "Background\n\n"
        "Estavia took the case to the court in 2024. On April 7, 2019 the two signed a memorandum, "
        "which Estavia's parliament later rejected.\n\n"
        "The ruling came five months after the two restored relations on May 6. "
        "Estavia agreed in March to hold new talks in July."
    )
    pdoc, layer = _layer(text, "2031-10-14")
    assert _value(layer, "May 6") == "2031-05-06"  # not 2019, the year the background paragraph left behind
    assert _value(layer, "April 7, 2019") == "2019-04-07"
    # a plan's time does not move the story: the next sentence is still in March
    assert _ref(pdoc, layer, "Estavia agreed in March") == "2031-03"


def test_story_a_history_keeps_its_narrative_year_across_paragraphs() -> None:
    text = (
        "Published: 14 October 2031\n\n"
        "In 1919 the two states fought over the valley. In 1920 a truce was signed.\n\n"
        "On May 6 the truce broke down, and in 1921 a treaty followed. The treaty held until 1939.\n\n"
        "On June 2 the border was closed."
    )
    pdoc, layer = _layer(text, "2031-10-14")
    # a history told far from its date keeps the narrative's year ("until 1939" is a bound, not a move)
    assert (_value(layer, "May 6"), _value(layer, "June 2")) == ("1920-05-06", "1921-06-02")


@pytest.mark.slow
def test_timex_stamp_line_is_no_story_time(tmp_path) -> None:
    """A timestamp line ("Published Date - 11:05 PM, Fri - 10 March 23") dates the story; read as a time of the
    story, its "March 23" put later acts after the story's own date, where they read as plans."""
    from tests.conftest import SHARED

    doc = SHARED / "gold" / "dev" / "news" / "docs" / "d02.txt"
    if not doc.is_file():
        pytest.skip("../shared/gold/dev is not here")
    from dyad.config import Options
    from dyad.pipeline import analyse_file

    events = analyse_file(doc, Options(db=tmp_path / "x.duckdb")).extraction.events
    brokered = [e for e in events if e.trigger == "brokered"]
    assert brokered and all(not e.hypothetical and e.date <= "2023-03-10" for e in brokered)


def test_story_day_of_the_speakers_year_is_counted_from_the_story_date() -> None:
    """'On April 11 this year' and 'Nov. 3 and 4 last year' are days of the dated story's year (or the one
    before), not of the last year the text told, nor of today."""
    text = (
        "The two navies held a drill on Monday.\n\n"
        "Talks on the pact began at a meeting in Lisbon in April 2030.\n\n"
        "The prime minister visited Accra on Nov. 3 and 4 last year, and the two leaders agreed to open formal "
        "talks.\n\n"
        "On April 11 this year, the three leaders met in Geneva. They plan a summit on 2 March next year."
    )
    pdoc, layer = _layer(text, "2032-07-08")
    assert _value(layer, "Nov. 3 and 4 last year") == "2031-11-03"
    assert _value(layer, "April 11 this year") == "2032-04-11"
    assert _value(layer, "2 March next year") == "2033-03-02"


def test_story_deictic_year_outside_what_was_said_counts_from_the_story_date() -> None:
    """A sentence with a verb of saying or agreeing reports from the speech's time only what that verb reports:
    'last year' modifying another verb of the sentence still counts from the story's own date."""
    text = (
        "The road to the deal began in Lisbon in April 2030.\n\n"
        "The prime minister visited Accra last year, and the two leaders agreed to open talks.\n\n"
        "In May 2030 the ministers agreed to hold a summit as early as next year."
    )
    pdoc, layer = _layer(text, "2032-07-08")
    assert [t.value for t in layer.times if t.text == "last year"] == ["2031"]
    assert _value(layer, "next year") == "2031"


def test_story_weekday_and_its_date_are_one_time_and_a_would_plan_is_not_shifted_back() -> None:
    """'late on Tuesday, Jan. 16' moves the story like any date of the main clause (the date is no description
    set aside); 'would travel on Jan. 29', told ahead, is the coming Jan. 29, not the one of the year before."""
    text = (
        "The minister would travel to Lima on Jan. 29, the ministry added.\n\n"
        "The row began late on Tuesday, Jan. 16, when jets hit a border post. Only hours earlier, the two "
        "ministers had met in Davos."
    )
    pdoc, layer = _layer(text, "2031-01-22")
    assert _value(layer, "Jan. 29") == "2031-01-29"
    assert _ref(pdoc, layer, "Only hours earlier") == "2031-01-16"


def test_story_part_of_a_year_in_time_units_moves_the_story() -> None:
    """'In the first months of 1986' is when things happen, not a thing named by its year."""
    text = "The agents were sentenced in November 1985. In the first months of 1986 the two states quarrelled again."
    pdoc, layer = _layer(text, "1991-01-01")
    assert _ref(pdoc, layer, "In the first months") == "1986"


def test_story_a_glance_back_from_a_dated_day_leaves_the_story_on_its_day() -> None:
    """In a dated news story standing on a day, 'last month' inside an account of Sunday's row only glances back:
    'Within hours' counts from Sunday."""
    text = (
        "Envoy recalled\n\n"
        "The row started on Sunday at a rally in Madrid. Without naming her, Milei referred to the prime "
        "minister's wife and mocked the five days Sanchez took last month to decide whether to resign.\n\n"
        "Within hours, the foreign minister recalled the ambassador."
    )
    pdoc, layer = _layer(text, "2031-05-21")
    assert _value(layer, "last month") == "2031-04"
    assert _ref(pdoc, layer, "Within hours") == "2031-05-18"


def test_a_noun_and_its_past_verb_misread_as_a_described_noun_still_move_the_story() -> None:
    # the small parser reads "The dispute flared on May 8" as a dispute that flared: the sentence has no other verb
    text = (
        "Montevideo, June 13, 2020 - The senate voted on Saturday.\n\n"
        "The dispute flared on May 8, when the minister opened a new toll road to the border. The neighbour "
        "protested the next day."
    )
    pdoc, layer = _layer(text, "2020-06-13")
    assert _value(layer, "the next day") == "2020-05-09"


def test_a_day_without_its_year_goes_on_from_the_day_told_just_before() -> None:
    text = (
        "How the harbour deal was won\n\n"
        "By our correspondent | 12 March 2024\n\n"
        "The talks broke down on 12 January 2023. On 21 January the two sides met again, and two days later "
        "they signed a memorandum.\n\n"
        "The deal came into force on 7 March 2024. On 11 March the first ship docked."
    )
    pdoc, layer = _layer(text, "2024-03-12")
    assert _value(layer, "21 January") == "2023-01-21"  # nine days on, not a day of the year of writing
    assert _value(layer, "two days later") == "2023-01-23"
    assert _value(layer, "11 March") == "2024-03-11"
