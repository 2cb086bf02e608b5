"""The trigger keys converted from PETRARCH2's CAMEO dictionary (dyad/data/events_cameo.yaml).

The file loads under dyad's own events.yaml (whose keys win), names its source and licence,
and a verb only CAMEO knows triggers an event in a sentence of our own.
"""

from __future__ import annotations

from importlib import resources

import yaml

from dyad.extract.events.core import extract_events
from tests.bundled import KNOWLEDGE
from tests.extract.test_events_rules import DYAD, build


def _cameo() -> tuple[str, dict[str, str]]:
    text = (resources.files("dyad") / "data" / "events_cameo.yaml").read_text(encoding="utf-8")
    return text, yaml.safe_load(text)["verbs"]


def _own() -> dict[str, str]:
    return yaml.safe_load((resources.files("dyad") / "data" / "events.yaml").read_text(encoding="utf-8"))["verbs"]


def test_events_cameo_header_names_source_and_licence() -> None:
    text, verbs = _cameo()
    header = "\n".join(line for line in text.splitlines()[:20] if line.startswith("#"))
    assert "petrarch2/data/dictionaries/CAMEO.2.0.txt" in header
    assert "openeventdata/petrarch2" in header
    assert "MIT" in header
    assert "commit 676801c" in header
    assert len(verbs) > 1000


def test_events_cameo_loads_under_own_keys() -> None:
    _, verbs = _cameo()
    own = _own()
    own_lemmas = {key.split()[0] for key in own}
    lex = KNOWLEDGE.events
    new = [k for k in verbs if k.split()[0] not in own_lemmas]
    assert new and all(lex.verbs[k] == _split(verbs[k]) for k in new)
    # a verb events.yaml keys in any form keeps its own keys only: "deny" stays dyad's
    kept = [k for k in verbs if k.split()[0] in own_lemmas]
    assert kept
    for key in kept:
        assert lex.verbs.get(key) == (_split(own[key]) if key in own else None)


def _split(value: str) -> tuple[str, str | None]:
    type_, _, mode = value.partition("/")
    return type_, mode or None


def test_events_cameo_verb_only_cameo_knows_triggers() -> None:
    _, verbs = _cameo()
    own_lemmas = {key.split()[0] for key in _own()}
    assert "airlift" not in own_lemmas and verbs["airlift ammunition"] == "AID"
    pdoc, mentions, layer = build("The United States airlifted ammunition to Ukraine in March 2022." + DYAD)
    (event,) = [e for e in extract_events(pdoc, mentions, layer, None, KNOWLEDGE.events) if e.trigger == "airlifted"]
    assert event.type == "AID"
    assert (event.source.country, event.target.country) == ("USA", "UKR")
    assert event.date == "2022-03"
