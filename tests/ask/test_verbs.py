"""The event-verb families: wordings of one event, the question's main verb, opposites."""

from __future__ import annotations

import pytest

from dyad.ask import verbs
from dyad.ask.search import terms


@pytest.mark.parametrize(
    ("wording", "family"),
    [
        ("Moscow pulled out of the negotiations", "withdraw"),
        ("Russia withdrew from the dialogue", "withdraw"),
        ("the leaders concluded an accord", "sign"),
        ("his trip to Tokyo", "visit"),
        ("the visit was put off", "postpone"),
    ],
)
def test_verbs_family_covers_its_wordings(wording: str, family: str) -> None:
    assert verbs.load()[family].in_terms(set(terms(wording)))


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("When did Russia abandon the peace treaty talks?", ["withdraw"]),
        ("How many agreements were signed during the visit to Japan?", ["sign"]),
        ("What did the president express regret for during his visit?", []),
    ],
)
def test_verbs_key_family_is_the_main_verb(question: str, key: list[str]) -> None:
    fams = verbs.families_in(terms(question), verbs.load())
    assert [f.name for f in verbs.key_family(question, fams)] == key


def test_verbs_opposite_of_leaving_talks_is_resuming_them() -> None:
    withdraw = [verbs.load()["withdraw"]]
    assert [f.name for f in verbs.opposites(withdraw, verbs.load())] == ["resume"]
