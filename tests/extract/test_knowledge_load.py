"""Actor knowledge: the bundled files load, validate, answer holder questions; user files extend them."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.config import Options
from dyad.errors import KnowledgeError
from dyad.extract.actors.link import link_actors
from dyad.knowledge import Knowledge
from dyad.knowledge.actors import Actors
from dyad.offsets import MappedText
from tests.bundled import KNOWLEDGE, parse


def test_knowledge_has_enough_actors():
    kb = KNOWLEDGE.actors
    assert len(kb) >= 400
    assert {a.kind for a in kb.actors} >= {"person", "state", "organisation", "place"}
    assert sum(a.kind == "state" for a in kb.actors) >= 190


@pytest.mark.parametrize(
    ("role", "of", "when", "expected"),
    [
        ("prime minister", "JPN", "2016-12-15", "Q132345"),
        ("premier", "JPN", "2016-12-15", "Q132345"),
        ("prime minister", "JPN", "2007-01", "Q132345"),
        ("prime minister", "JPN", "2008-01", "person:fukuda-yasuo"),
        ("prime minister", "JPN", "2021-01", "person:suga-yoshihide"),
        ("president", "RUS", "2010", "Q23530"),
        ("president", "RUS", "2016-12-15", "Q7747"),
        ("foreign minister", "RUS", "2016", "Q48862"),
        ("foreign minister", "JPN", "1984", "person:abe-shintaro"),
        ("foreign minister", "SUN", "1960", "person:gromyko-andrei"),
        ("general secretary", "SUN", "1956", "Q35314"),
        ("president", "USA", "2016", "Q76"),
    ],
)
def test_knowledge_holder_by_date(role, of, when, expected):
    holder = KNOWLEDGE.actors.holder(role, of, when)
    assert holder is not None and holder.id == expected


def test_knowledge_holder_needs_a_date():
    assert KNOWLEDGE.actors.holder("prime minister", "JPN", None) is None


def test_knowledge_namesakes_are_apart():
    kb = KNOWLEDGE.actors
    assert kb.get("Q132345").id != kb.get("person:abe-shintaro").id
    assert kb.get("Q132345").family == kb.get("person:abe-shintaro").family == "Abe"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return path


USER_FILE = """
actors:
  - id: person:doe-jane
    name: Jane Doe
    kind: person
    country: JPN
    family: Doe
    roles: [{role: prime minister, of: JPN, from: 2030-01-01, to: null}]
  - id: org:lighthouse
    name: Lighthouse Institute
    kind: organisation
    country: JPN
    aliases: [JBIC]
  - id: Q17
    aliases: [Land of the Rising Sun]
"""


def _with(path: Path) -> Actors:
    """The actors of a run given the user's file (``--actors``)."""
    return Knowledge.from_options(Options(actor_files=(path,))).actors


def test_knowledge_user_file_adds_and_overrides(tmp_path):
    kb = _with(_write(tmp_path, USER_FILE))
    assert kb.get("person:doe-jane").name == "Jane Doe"
    assert kb.holder("prime minister", "JPN", "2031").id == "person:doe-jane"
    assert "JBIC" not in kb.get("org:jbic").aliases  # the user's file took the alias
    assert kb.get("Q17").aliases == ("Land of the Rising Sun",)
    assert kb.get("Q17").name == "Japan"  # fields the user did not give are kept
    assert "JBIC" in KNOWLEDGE.actors.get("org:jbic").aliases  # the bundled knowledge is untouched


def test_knowledge_user_file_drives_the_linker(tmp_path):
    kb = _with(_write(tmp_path, USER_FILE))
    text = "The Lighthouse Institute and JBIC met Jane Doe in the Land of the Rising Sun."
    pdoc = parse("mine.txt", MappedText.identity(text), text, "2031-05-01")
    found = {m.text: m.entity for m in link_actors(pdoc, kb, [None])}
    assert found["JBIC"] == "org:lighthouse"
    assert found["Jane Doe"] == "person:doe-jane"
    assert found["Land of the Rising Sun"] == "Q17"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("people: []", "top-level `actors:`"),
        ("actors: [{name: X, kind: person}]", "`id` is required"),
        ("actors: [{id: x1, kind: person}]", "`name` is required"),
        ("actors: [{id: x1, name: X, kind: hero}]", "kind 'hero'"),
        ("actors: [{id: x1, name: X, kind: state, country: Japan}]", "country 'Japan'"),
        (
            "actors: [{id: x1, name: X, kind: person, roles: [{role: pm, of: JPN, from: 2016-13-01}]}]",
            "not a real date",
        ),
        ("actors: [{id: x1, name: X, kind: person, roles: [{role: pm, of: JPN, from: May 2016}]}]", "not an ISO date"),
        ("actors: [{id: x1, name: X, kind: person, roles: [{role: pm, of: JPN, from: 2016, to: 2010}]}]", "ends"),
        ("actors: [{id: x1, name: X, kind: person, aliases: X}]", "`aliases` must be a list"),
        ("actors: [{id: x1, name: X, kind: person, nickname: Y}]", "unknown field"),
        ("actors: [{id: x1, name: X, kind: person, private: sometimes}]", "`private` must be true or false"),
        ("actors: [{id: x1, name: X, kind: person}\n", "not valid YAML"),
        ("actors: [{id: x1, name: X, kind: person}, {id: x1, name: Y, kind: person}]", "duplicate id"),
    ],
)
def test_knowledge_rejects_malformed_files(tmp_path, text, message):
    path = _write(tmp_path, text)
    with pytest.raises(KnowledgeError) as err:
        _with(path)
    assert message in str(err.value)
    assert err.value.path == str(path)
    assert "x1" in err.value.line() or "actor" in err.value.line() or "mine.yaml" in err.value.line()
