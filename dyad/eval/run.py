"""``dyad eval``: score what the database holds against a gold file.

Each kind has its scorer module (``events``, ``quantities``, ``questions``, ``agreements``,
``positions``);
this module only reads the database and dispatches.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from dyad.errors import GoldError
from dyad.store.db import Store

KINDS = ("events", "questions", "quantities", "dates", "linking", "agreements", "positions")


class Report(Protocol):
    def render(self) -> str: ...

    def figures(self) -> dict[str, Any]: ...


def figures_of(report: Any) -> dict[str, Any]:
    """The headline figures of any report, as plain JSON-able values."""
    if hasattr(report, "figures"):
        return dict(report.figures())
    keys = ("precision", "recall", "type_agreement", "found", "gold_total", "matched_system", "system_total")
    return {k: getattr(report, k) for k in keys if hasattr(report, k)}


def evaluate(kind: str, gold: Path, db: Path) -> Report:
    """Score the records of ``kind`` in the database at ``db`` against ``gold``."""
    if kind not in KINDS:
        raise GoldError(f"unknown eval kind {kind!r}; choose one of {', '.join(KINDS)}")
    if not gold.is_file():
        raise GoldError("gold file not found", path=str(gold))
    from dyad import export

    with Store.open(db, read_only=True) as store:
        if kind == "events":
            from dyad.eval.events import score_events

            return score_events(list(export.records(store, "events")), gold)
        if kind in ("dates", "linking"):
            from dyad.eval.layers import score_dates_db, score_linking_db

            return (score_dates_db if kind == "dates" else score_linking_db)(store, gold)
        if kind == "agreements":
            from dyad.eval.agreements import score_agreements

            return score_agreements(list(export.records(store, "agreements")), gold)
        if kind == "positions":
            from dyad.eval.positions import score_positions

            return score_positions(list(export.records(store, "positions")), gold)
        if kind == "quantities":
            from dyad.eval.quantities import score_quantities

            return score_quantities(list(export.records(store, "quantities")), gold)
        from dyad.eval.questions import score_questions

        return score_questions(store, gold)
