"""Linking accuracy on the seeds' gold events: every person a gold event names is linked in its sentence."""

from __future__ import annotations

import json

from dyad.eval.linking import LinkCase, gold_person_cases, score_linking
from dyad.extract.actors.link import link_actors
from dyad.ingest.repair import repair
from dyad.offsets import MappedText
from dyad.records import Mention
from tests.bundled import KNOWLEDGE, parse

FLOOR = 0.70  # measured 0.727 on the five seeds (many gold persons are only implied: "the two leaders")


def test_actors_score_linking_counts_cases():
    m = Mention(0, 5, "Tokyo", "Q17", "state", "JPN", 0, "metonym")
    cases = [LinkCase([m], 0, 5, "Q17"), LinkCase([m], 0, 5, "Q159"), LinkCase([m], 10, 12, None)]
    assert score_linking(cases) == 2 / 3
    assert score_linking([]) == 1.0


def test_actors_gold_persons_linked(seeds_dir, gold_dir):
    kb = KNOWLEDGE.actors
    gold = [json.loads(line) for line in (gold_dir / "events.jsonl").read_text(encoding="utf-8").splitlines() if line]
    cases = []
    for path in sorted(seeds_dir.glob("*.txt")):
        rows = [g for g in gold if g["doc"] == path.name]
        text = path.read_text(encoding="utf-8")
        body, _ = repair(MappedText.identity(text), fmt="txt", kb=KNOWLEDGE.repair)
        pdoc = parse(path.name, body, text, None)
        dates = [None] * len(pdoc.sentences)
        for g in rows:  # the gold date of an event stands in for the time layer's sentence date
            pos = pdoc.text.find(g["text"][:120])
            if pos >= 0:
                dates[pdoc.sentence_at(pos)] = g["date"]
        cases += gold_person_cases(kb, pdoc.text, link_actors(pdoc, kb, dates), rows)
    assert len(cases) >= 100
    assert score_linking(cases) >= FLOOR, score_linking(cases)
