"""Positions (attributed stances) and disagreements, on sentences written for the test."""

from __future__ import annotations

import pytest

from dyad.analysis.disagreements import find_disagreements
from dyad.extract.positions import extract_positions
from dyad.offsets import MappedText
from dyad.records import ActorRef, Evidence, Mention, PositionRecord, QuantityRecord
from tests.bundled import KNOWLEDGE, parse


def _run(text: str, mentions):
    pdoc = parse("p.txt", MappedText.identity(text), text, None)
    return extract_positions(pdoc, mentions, [], KNOWLEDGE.issues)


def _mention(text: str, name: str, country: str) -> Mention:
    start = text.index(name)
    return Mention(start, start + len(name), name, f"id-{country}", "state", country, 0)


def test_positions_attributed_stance():
    text = "Norway insists on the return of all four islands."
    (p,) = _run(text, [_mention(text, "Norway", "NOR")])
    assert (p.actor.country, p.issue, p.stance) == ("NOR", "kuril-sovereignty", "all-four-islands")
    assert p.evidence.text == text


def test_positions_unattributed_or_negated_cues_are_dropped():
    assert _run("The return of all four islands was discussed at length.", []) == []
    text = "Norway does not insist on the return of all four islands."
    assert _run(text, [_mention(text, "Norway", "NOR")]) == []


def test_positions_nearer_clause_subject_blocks_attribution():
    text = "Norway said the talks ended because of Chile's moves to impose sanctions."
    ms = [_mention(text, "Norway", "NOR"), _mention(text, "Chile", "CHL")]
    assert [p for p in _run(text, ms) if p.issue == "sanctions"] == []


def _pos(doc, actor, stance):
    return PositionRecord(
        ActorRef(actor, actor, None), "evaluation:summit-2016-12", stance, "2016-12", "q", Evidence(doc, 0, 1, "q")
    )


def test_disagreements_judgement_and_value():
    positions = [_pos("a.txt", "x", "success"), _pos("b.txt", "y", "failure"), _pos("c.txt", "z", "failure")]
    qs = [
        QuantityRecord("trade turnover", v, "USD bn", "2016", None, Evidence(d, 0, 1, "q"))
        for d, v in (("a.txt", 16.1), ("b.txt", 16.4), ("c.txt", 16.1))
    ]
    got = find_disagreements(positions, [], qs)
    assert [(d["kind"], len(d["sides"])) for d in got] == [("judgement", 2), ("value", 2)]
    assert got[0]["sides"][0]["claim"] == "failure" and len(got[0]["sides"][0]["evidence"]) == 2


def test_disagreements_same_source_same_view_is_none():
    assert find_disagreements([_pos("a.txt", "x", "success"), _pos("b.txt", "y", "success")]) == []


def test_positions_action_verb_subject_holds_the_stance():
    text = "Norway imposed sanctions on the regime last winter."
    (p,) = [p for p in _run(text, [_mention(text, "Norway", "NOR")]) if p.issue == "sanctions"]
    assert (p.actor.country, p.stance) == ("NOR", "support")


def test_positions_conditional_and_modal_are_dropped():
    text = "If Norway had insisted on the return of all four islands, nothing would have moved."
    assert _run(text, [_mention(text, "Norway", "NOR")]) == []
    text = "Norway might propose a joint administration of the islands."
    assert _run(text, [_mention(text, "Norway", "NOR")]) == []


def test_positions_pronoun_takes_the_last_person():
    text = "The premier of Norway spoke first. He insisted on the return of all four islands."
    start = text.index("The premier")
    person = Mention(start, start + 11, "The premier", "q-premier", "person", "NOR", 0)
    got = [p for p in _run(text, [person]) if p.issue == "kuril-sovereignty"]
    assert [(p.actor.id, p.stance) for p in got] == [("q-premier", "all-four-islands")]


def test_positions_author_country_from_publisher_line():
    from dyad.knowledge.issues import publisher_country

    head = "NORTHERN POLICY REVIEW\nA note from the Valdai Discussion Club on the summit.\n"
    assert publisher_country(head, KNOWLEDGE.issues) == ("RUS", "Valdai Discussion Club")
    cited = "x" * 2500 + "\n3. Some article title, long enough to be a reference line, TASS, URL: http://example.org\n"
    assert publisher_country(cited, KNOWLEDGE.issues) is None


@pytest.mark.slow
def test_positions_seeds_count(seeds_dir):
    from dyad.extract.actors.link import link_actors
    from dyad.extract.time.layer import resolve_times
    from dyad.ingest.repair import repair

    kb, found = KNOWLEDGE.actors, []
    for path in sorted(seeds_dir.glob("*.txt")):
        original = path.read_text("utf-8")
        body, _ = repair(MappedText.identity(original), fmt="txt", kb=KNOWLEDGE.repair)
        pdoc = parse(path.name, body, original, None)
        times = resolve_times(pdoc, KNOWLEDGE.time)
        found += extract_positions(pdoc, link_actors(pdoc, kb, times.ref_dates), times, KNOWLEDGE.issues, kb)
    assert len(found) >= 15
    assert {"sanctions", "economic-cooperation", "kuril-sovereignty"} <= {p.issue for p in found}
    assert all(p.actor.country for p in found if p.actor.id.startswith("author:") and p.evidence.doc[:3] == "004")
