from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyad.errors import GoldError
from dyad.eval.questions import score_questions
from dyad.store.db import Store
from tests.ask.build import write_texts

#: The floor for the seeds' questions, answered from passages alone (no extractor records); raise it, never lower.
SEEDS_PASSAGES_FLOOR = 0.85


def test_score_questions_counts_answers_and_lists_misses(brief_store, tmp_path: Path) -> None:
    gold = tmp_path / "questions.jsonl"
    items = [
        {"q": "When did Valmark suspend the fishing talks?", "answer_contains": ["2020-06", "June 2020"]},
        {"q": "Whom did Ilse Varga meet in Halvik?", "answer_contains": ["Brenn"]},
        {"q": "What colour is the Valmark flag?", "answer_contains": ["green"]},
    ]
    gold.write_text("\n".join(json.dumps(i) for i in items) + "\n", encoding="utf-8")
    report = score_questions(brief_store, gold, semantic=False)
    figures = report.figures()
    assert (figures["questions"], figures["answered"]) == (3, 2)
    assert [m["q"] for m in figures["misses"]] == [items[2]["q"]]
    assert "2/3 answered" in report.render()


def test_score_questions_rejects_a_malformed_gold(brief_store, tmp_path: Path) -> None:
    gold = tmp_path / "bad.jsonl"
    gold.write_text('{"question": "no q field"}\n', encoding="utf-8")
    with pytest.raises(GoldError):
        score_questions(brief_store, gold)


@pytest.mark.slow
def test_seeds_questions_floor_from_passages(seeds_dir: Path, gold_dir: Path, tmp_path: Path) -> None:
    """The evaluation gate: the seeds' questions, answered from their passages only."""
    db = write_texts(tmp_path / "seeds.duckdb", sorted(seeds_dir.glob("*.txt")))
    with Store.open(db, read_only=True) as store:
        report = score_questions(store, gold_dir / "questions.jsonl", semantic=False)
    assert report.share >= SEEDS_PASSAGES_FLOOR, report.render()
