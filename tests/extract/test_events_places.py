"""Places in events, on sentences of our own: a place is where an event happened, never a side.

The actor table of :mod:`tests.extract.test_events_rules` types Sochi and Oslo as places
(not seats of power); Moscow is read as Russia's capital here (``how="metonym"``).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from dyad.extract.events.core import extract_events
from dyad.records import Mention
from tests.bundled import KNOWLEDGE
from tests.extract.test_events_rules import DYAD, build

PLACES = {"Q127", "Q585", "Q649", "place:atlantis", "org:eastern-forum"}


def _events(text: str, extra: dict[str, tuple[str, str, str | None]] | None = None, dyad: str = DYAD):
    pdoc, mentions, layer = build(dyad.strip() + " " + text, doc_date="2022-06-01")  # the partner named before
    mentions = [replace(m, how="metonym") if m.text == "Moscow" else m for m in mentions]
    for surface, (ident, kind, country) in (extra or {}).items():
        pos = pdoc.text.find(surface)
        mentions.append(Mention(pos, pos + len(surface), surface, ident, kind, country, pdoc.sentence_at(pos)))
    return extract_events(pdoc, sorted(mentions, key=lambda m: m.start), layer, None, KNOWLEDGE.events)


# text, (trigger, source, target, location) wanted
CASES = [
    # a visit to a town is a visit to the state it belongs to, and the town is where it happened
    ("In May 2016, Abe arrived in Sochi.", ("arrived", "JPN", "RUS", "Sochi")),
    ("In 2016, Abe paid a visit to Sochi.", (None, "JPN", "RUS", "Sochi")),  # one act, "paid" or "visit"
    # a meeting in one's own country: the other side comes from the document
    ("In 2017, Putin held talks in Sochi.", ("held", "RUS", "JPN", "Sochi")),
    # a capital on the receiving end of an act stands for its state, and is no location
    ("In 2019, Japan imposed sanctions on Moscow.", ("imposed", "JPN", "RUS", None)),
    # a venue named after a gathering is where the meeting was, not a party to it
    ("In 2018, Kono met Lavrov at the Eastern Forum.", ("met", "JPN", "RUS", "Eastern Forum")),
]


@pytest.mark.parametrize(("text", "wanted"), CASES)
def test_events_places_are_locations(text, wanted) -> None:
    extra = {"Eastern Forum": ("org:eastern-forum", "organisation", "RUS")}
    events = _events(text, extra if "Eastern Forum" in text else None)
    got = {(e.trigger if wanted[0] else None, e.source.country, e.target.country, e.location) for e in events}
    assert wanted in got, got
    assert not any({e.source.id, e.target.id} & PLACES for e in events), got


def test_events_places_town_never_acts() -> None:
    # a town named as the doer is no actor; the sides come from the sentence
    events = _events("In 2016, Sochi hosted talks between Japan and Russia.")
    assert events and all({e.source.country, e.target.country} == {"JPN", "RUS"} for e in events)
    assert not any({e.source.id, e.target.id} & PLACES for e in events)


def test_events_places_unmapped_place_drops_the_event() -> None:
    # a place that belongs to no state, in a document with no second side: nothing is invented
    extra = {"Atlantis": ("place:atlantis", "place", None)}
    assert _events("In 2018, Abe visited Atlantis.", extra, dyad="") == []
