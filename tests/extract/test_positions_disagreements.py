"""Positions (attributed stances) and disagreements, on sentences written for the test."""

from __future__ import annotations

from dyad.analysis.disagreements import find_disagreements
from dyad.extract.parse import parse
from dyad.extract.positions import extract_positions
from dyad.ingest.offsets import MappedText
from dyad.records import ActorRef, Evidence, Mention, PositionRecord, QuantityRecord


def _run(text: str, mentions):
    pdoc = parse("p.txt", MappedText.identity(text), text, None)
    return extract_positions(pdoc, mentions, [])


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
