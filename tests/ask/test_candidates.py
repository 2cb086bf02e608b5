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
