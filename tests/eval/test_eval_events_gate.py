"""Evaluation gate: event figures on the seeds' gold and on our own documents may not drop.

Floors are the figures reached when they were last raised, minus a small margin for
changes in the actor and time stages. Raise them with every improvement.
Run by hand with ``python -m dyad.eval.events ../shared/seeds ../shared/gold/seeds/events.jsonl``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.eval.events import evaluate_seeds_events

OWN = Path(__file__).resolve().parents[1] / "extract" / "data"
# longer documents about other dyads (a news timeline with site furniture and comments, a policy brief, a working
# paper with a broken line-end hyphen, a news explainer), gold written before dyad read them. Blind scores: the
# first two 0.80 / 0.50 / 0.85; the third, after fixing what those showed, 0.90 / 0.50 / 0.83; the fourth, after
# that, 1.00 / 0.42 / 1.00 (unseen verbs), then 1.00 / 0.92 with a lexicon broadened without looking at it.
# Reached on all four: 0.92 / 0.86 / 0.91
HELDOUT = Path(__file__).resolve().parents[1] / "extract" / "heldout"

# corpus -> (precision, recall, type agreement) floors; reached: seeds 0.836/0.868/0.795, own (6 documents)
# 1.00/0.976/1.00
FLOORS = {"seeds": (0.82, 0.85, 0.77), "own": (0.97, 0.95, 0.97), "heldout": (0.89, 0.83, 0.86)}


def _check(report, corpus: str) -> None:  # type: ignore[no-untyped-def]
    precision, recall, types = FLOORS[corpus]
    assert report.precision >= precision, report.render()
    assert report.recall >= recall, report.render()
    assert report.type_agreement >= types, report.render()


@pytest.mark.slow
def test_eval_events_gate_seeds(seeds_dir: Path, gold_dir: Path) -> None:
    _check(evaluate_seeds_events(seeds_dir, gold_dir / "events.jsonl"), "seeds")


@pytest.mark.slow
@pytest.mark.parametrize(("corpus", "folder"), [("own", OWN), ("heldout", HELDOUT)])
def test_eval_events_gate_documents_we_wrote(corpus: str, folder: Path) -> None:
    _check(evaluate_seeds_events(folder, folder / "events_gold.jsonl"), corpus)
