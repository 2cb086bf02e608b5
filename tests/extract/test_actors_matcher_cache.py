"""The actor matcher's phrases are tokenised once and kept in the cache folder: a later build reads them, a change
of the knowledge (another phrase) is another cache file, and a matcher built from the cache links as one built by
tokenising."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyad.extract.actors.link import link_actors
from dyad.knowledge.actors import Actor, Actors
from dyad.offsets import MappedText
from tests.bundled import KNOWLEDGE, PIPELINE, parse

TEXT = "Prime Minister Shinzo Abe met Vladimir Putin in Sochi. The Japanese side and Zorgistan's envoy spoke of NATO."


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DYAD_CACHE_DIR", str(folder))
    return folder


def _fresh(extra: tuple[Actor, ...] = ()) -> Actors:
    """The packaged actors (plus ``extra``) on a new object, which holds no compiled matcher yet."""
    kb = KNOWLEDGE.actors
    return Actors({**kb.by_id, **{a.id: a for a in extra}}, kb.lexicon)


def _linked(kb: Actors) -> list[tuple[int, int, str | None, str]]:
    pdoc = parse("t.txt", MappedText.identity(TEXT), TEXT, "2016-05-06")
    return [(m.start, m.end, m.entity, m.how) for m in link_actors(pdoc, kb, ["2016-05-06"] * len(pdoc.sentences))]


def test_actors_matcher_cache_is_read_back_and_links_the_same(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYAD_CACHE_DIR", "")
    tokenised = _linked(_fresh())  # the cache off: every phrase tokenised
    monkeypatch.setenv("DYAD_CACHE_DIR", str(cache))
    assert _linked(_fresh()) == tokenised  # tokenised, and written
    (kept,) = cache.rglob("*.json")
    assert _linked(_fresh()) == tokenised  # read back
    phrases = json.loads(kept.read_text("utf-8"))
    strings = PIPELINE.nlp.vocab.strings
    phrases["Vladimir Putin"] = [strings.add("zyx"), strings.add("qwv")]  # the next build shows where it read
    kept.write_text(json.dumps(phrases), "utf-8")
    text = "Zyx Qwv spoke."
    pdoc = parse("t.txt", MappedText.identity(text), text, "2016-05-06")
    found = link_actors(pdoc, _fresh(), ["2016-05-06"] * len(pdoc.sentences))
    assert [(text[m.start : m.end], m.entity) for m in found] == [("Zyx Qwv", "Q7747")]


def test_actors_matcher_cache_follows_the_knowledge(cache: Path) -> None:
    before = _linked(_fresh())
    assert not any(entity == "Q-zorg" for _s, _e, entity, _how in before)
    zorg = Actor("Q-zorg", "Zorgistan", "state", "ZRG", demonyms=("Zorgistani",))
    after = _linked(_fresh((zorg,)))  # another phrase: another key, tokenised afresh, not a stale table
    assert len(list(cache.rglob("*.json"))) == 2
    assert any(entity == "Q-zorg" and TEXT[s:e] == "Zorgistan" for s, e, entity, _how in after)
