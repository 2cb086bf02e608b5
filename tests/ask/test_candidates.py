from __future__ import annotations

from dyad.ask.candidates import entities


def _names(text: str) -> list[str]:
    return [c.text for c in entities(text) if c.kind == "person"]


def test_a_name_keeps_its_own_final_s() -> None:
    got = _names("The letter of President Marcus Jennings reached Halvik on Monday, and Jennings's aides confirmed it.")
    assert "Marcus Jennings" in got and "Jennings" in got
    assert _names("Thomas Andrews met the envoy.") == ["Thomas Andrews"]


def test_a_possessive_ending_is_cut() -> None:
    assert _names("Foreign Minister Tomas Brenn's reply came from Paris.") == ["Tomas Brenn"]


def test_a_footnote_mark_is_not_a_quantity() -> None:
    from dyad.ask.candidates import numbers

    got = [c.text for c in numbers("Valmark denied it.[7] Later 12 boats [3] fished there for 3 days.")]
    assert got == ["12", "3 days"]


def test_a_quantity_is_given_by_the_question_only_when_its_number_is() -> None:
    from dyad.ask import pick
    from dyad.ask.candidates import numbers
    from dyad.ask.shapes import recognise

    text = "A Valmark court sentenced the reporter to eight years in prison; about 3,400 people marched."
    asked = recognise("To how many years in prison was the Norland reporter sentenced?")
    assert [pick.given_in_question(c, asked) for c in numbers(text)] == [False, False]  # "years" is only the unit
    told = recognise("Why did 3,400 people march after the eight years sentence?")
    assert [pick.given_in_question(c, told) for c in numbers(text)] == [True, True]


def test_the_agent_of_the_questions_verb_in_the_passive_is_the_name_asked_for() -> None:
    from dyad.ask import pick
    from dyad.ask.search import terms
    from dyad.ask.shapes import recognise

    for question, text in [
        (
            "Who led the Valmark troops into Halvik?",
            "The Valmark troops that Anna Schmidt had trained for Halvik were led by Colonel John Miller.",
        ),
        (
            "Who signed the truce for Norland?",
            "Anna Schmidt wrote the Norland truce, which was later signed by General John Miller.",
        ),
    ]:
        shape = recognise(question)
        assert [c.text for c in pick.choose(shape, text, set(terms(shape.focus)))] == ["John Miller"]
