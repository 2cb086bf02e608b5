"""Linker rules on sentences of our own: aliases, capitals, and who a pronoun continues."""

from __future__ import annotations

import re

import pytest

from dyad.extract.actors.link import link_actors
from dyad.offsets import MappedText
from dyad.records import Mention
from tests.bundled import KNOWLEDGE, parse

KONO, LAVROV, G7 = "person:kono-taro", "Q48862", "G7"


def _link(text: str, when: str = "2018-06-01") -> list[Mention]:
    pdoc = parse("t.txt", MappedText.identity(text), text, when)
    return link_actors(pdoc, KNOWLEDGE.actors, [when] * len(pdoc.sentences))


def _at(mentions: list[Mention], text: str, word: str, nth: int = 0) -> Mention | None:
    pos = [h.start() for h in re.finditer(rf"\b{word}\b", text)][nth]
    return next((m for m in mentions if m.start <= pos < m.end), None)


# text, the word to look at (its nth occurrence), the expected entity id (None: left unlinked)
CASES = [
    # an informal name of a group of states
    ("The Big Seven condemned the attack.", "Big Seven", 0, G7),
    # a subject pronoun continues the last subject (here a passive agent), not a name in a
    # prepositional phrase of its own sentence
    ("The plan was praised by Foreign Minister Taro Kono. At a dinner with Sergei Lavrov in Rome, "
     "he stressed that trade was growing.", "he", 0, KONO),
    # ... and the pronoun chain keeps to that person
    ("The plan was praised by Foreign Minister Taro Kono. At a dinner with Sergei Lavrov in Rome, "
     "he stressed that trade was growing. Then he added that fishing would follow.", "he", 1, KONO),
    # a pronoun that says something continues the last one who spoke ("according to X")
    ("According to Sergei Lavrov, Shinzo Abe and Vladimir Putin discussed trade. "
     "He said that the talks were useful.", "He", 0, LAVROV),
    # "the latter": the last person named; a plural "the latter" is nobody
    ("Sergei Lavrov met Taro Kono in Moscow, and the latter noted that the talks were frank.", "latter", 0, KONO),
    ("Sergei Lavrov met Japanese reporters in Moscow, and the latter were keen on the islands.", "latter", 0, None),
    # still no guess when two persons are equally salient
    ("Shinzo Abe and Vladimir Putin talked for hours. He was tired afterwards.", "He", 0, None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "word", "nth", "expected"), CASES)
def test_actors_coref_table(text, word, nth, expected) -> None:
    m = _at(_link(text), text, word, nth)
    assert (m.entity if m else None) == expected, m


def test_actors_coref_capital_place_keeps_its_state() -> None:
    # a capital with no place entry of its own is still in its state
    text = "The ministers met in Ankara in 2021."
    m = _at(_link(text, "2021-06-01"), text, "Ankara")
    assert m is not None and (m.kind, m.country) == ("place", "TUR")


def test_actors_coref_greek_prime_minister_known() -> None:
    text = "Prime Minister Kyriakos Mitsotakis spoke in 2021. Mitsotakis then left."
    ms = [m for m in _link(text, "2021-06-01") if m.entity == "person:mitsotakis-kyriakos"]
    assert len(ms) >= 2 and all(m.country == "GRC" for m in ms)
