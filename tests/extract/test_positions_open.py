"""Open stances (dyad/extract/positions/text.py) on sentences written for the test: negated support,
subjects shared with the verb a stance completes, acts as issues, a definite noun, "he" for the last person."""

from __future__ import annotations

import pytest

from dyad.config import Options
from dyad.knowledge import Knowledge
from dyad.offsets import MappedText
from tests.bundled import PIPELINE, parse


@pytest.fixture(scope="module")
def extractors() -> Knowledge:
    return Knowledge.from_options(Options())


def stances(text: str, extractors: Knowledge) -> set[tuple[str | None, str, str]]:
    pdoc = parse("t.txt", MappedText.identity(text), text, "2021-05-06")
    return {(p.actor.country, p.issue, p.stance) for p in PIPELINE.stages.run(pdoc, extractors).extraction.positions}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a negated verb of support opposes; the holder of "to recognise" is who pledged
        ("Serbia will never recognise Kosovo.", ("SRB", "recognise-kosovo", "oppose")),
        ("Serbia has pledged never to recognise Kosovo.", ("SRB", "recognise-kosovo", "oppose")),
        ("Chile has vowed to block the fishing accord.", ("CHL", "fishing-accord", "oppose")),
        # an act is the issue: what one side is accused of, what the other is called on to do
        ("Somalia cut ties, accusing Kenya of meddling in its elections.", ("SOM", "meddle-in-election", "oppose")),
        ("Peru called on Chile to withdraw its patrol boats.", ("PER", "withdraw-patrol-boat", "support")),
        # one noun, when definite, is an issue
        ("Somalia welcomed the ruling on Tuesday.", ("SOM", "ruling", "support")),
        # an adjective holds a stance on the act it governs
        ("Officials said Nairobi remained keen to widen trade with Somalia.", ("KEN", "widen-trade", "support")),
        ("Chile is ready to sign the fishing accord.", ("CHL", "sign-fishing-accord", "support")),
    ],
)  # fmt: skip
def test_positions_open_stances(text: str, expected: tuple[str, str, str], extractors: Knowledge) -> None:
    assert expected in stances(text, extractors)


@pytest.mark.parametrize(
    "text",
    [
        "Chile did not reject the fishing accord.",  # a negated rejection says too little
        "Chile might reject the fishing accord.",
        "Peru welcomed a step.",  # a light noun alone says nothing
        "Peru rejected Chile.",  # an act towards an actor, not an issue
        "Chile is not ready to sign the fishing accord.",
        "Chile is keen to meet Peru.",  # an act towards an actor
    ],
)
def test_positions_open_no_stance(text: str, extractors: Knowledge) -> None:
    assert not {s for s in stances(text, extractors) if s[2] in ("support", "oppose")}


def test_positions_open_he_is_the_last_person_named(extractors: Knowledge) -> None:
    text = "Prime Minister Mitsotakis spoke in Athens on Monday. He insists on the right of Greece to use the old flag."
    assert ("GRC", "use-old-flag", "support") in stances(text, extractors)
