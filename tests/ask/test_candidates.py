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
