from __future__ import annotations

import pytest

from dyad.ask.shapes import recognise


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("When did the two governments restore relations?", "when"),
        ("On what date did the ministers meet in Halvik?", "when"),
        ("In what month and year were the talks suspended?", "when"),
        ("In which year did trade peak?", "year"),
        ("Who met the foreign minister in Halvik?", "who"),
        ("Whom did Ilse Varga meet?", "who"),
        ("Which Valmark minister attended the talks?", "who"),
        ("Where did the ministers meet in March 2019?", "where"),
        ("How many people live on the islands?", "number"),
        ("What share of residents opposed a transfer?", "number"),
        ("What was the value of trade in 2018?", "number"),
        ("What was Norland's share in Valmark's trade?", "number"),
        ("What did Valmark do in 2020?", "actions"),
        ("Where do sources disagree about the islands?", "disagree"),
        ("Which treaty settled the border?", "what"),
    ],
)
def test_recognise_kinds(question: str, kind: str) -> None:
    assert recognise(question).kind == kind


def test_recognise_keeps_units_heads_and_dates() -> None:
    s = recognise("How many agreements on energy were signed in May 2021?")
    assert (s.unit, s.head, [d.iso for d in s.dates]) == ("count", "agreements", ["2021-05"])
    assert recognise("What share of voters agreed?").unit == "percent"
    assert recognise("How late did the delegation arrive?").unit == "duration"
    assert recognise("What did Valmark do in 2020?").actor == "Valmark"


def test_focus_drops_question_words() -> None:
    assert recognise("When did Norland protest?").focus == "Norland protest"


def test_focus_drops_the_words_asking_for_a_name() -> None:
    # "name" here says the answer is a name; searched for, it would match the verb "to name" (appoint)
    assert recognise("What was the name of the first joint Norland-Valmark patrol?").focus == (
        "first joint Norland-Valmark patrol"
    )


def test_focus_drops_the_kind_of_place_asked_for() -> None:
    # the passage that answers names the place ("Ostria mediated"), seldom the word "country"
    assert recognise("Which country mediated the truce between Norland and Valmark?").focus == (
        "mediated truce between Norland and Valmark"
    )
    assert recognise("In what city did the envoys of Norland sign the truce?").focus == "In envoys Norland sign truce"


def test_names_are_the_capitalised_words_past_the_first() -> None:
    got = recognise("When did Norland's envoy Ilse Varga visit Halvik?").names
    assert got == {"norland", "ils", "varga", "halvik"}  # stems


def test_how_many_days_asks_for_a_duration() -> None:
    assert recognise("Over how many days did the Norland envoys stay in Halvik?").unit == "duration"
    assert recognise("To how many years in prison was the Valmark reporter sentenced?").unit == "duration"
    assert recognise("How many ships did Valmark send?").unit == "count"


def test_within_what_period_asks_for_a_duration() -> None:
    s = recognise("Within what period must Norland withdraw its boats from the Skerry Islands?")
    assert (s.kind, s.unit) == ("number", "duration")
    assert recognise("In what time will Valmark reopen the port?").unit == "duration"


def test_what_is_the_date_of_asks_when() -> None:
    assert recognise("What is the date of Norland's note to Valmark on the fishing talks?").kind == "when"
    assert recognise("What was the date of the Halvik summit?").kind == "when"
