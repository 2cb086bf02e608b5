"""Linking accuracy: how often the actor linker gives the expected id for a span of text.

``dyad eval`` can score the persons named by gold events (``gold_person_cases``) or any
hand-made table of ``LinkCase`` rows; the figure is the share of cases whose span is covered
by a mention linked to the expected id (a case expecting ``None`` passes when no linked
mention covers the span).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from dyad.knowledge.actors import Actors
from dyad.records import Mention


@dataclass(frozen=True)
class LinkCase:
    """One expectation: in ``mentions`` (one document's), the body span ``[start, end)`` is ``expected``."""

    mentions: Sequence[Mention]
    start: int
    end: int
    expected: str | None


def case_passes(case: LinkCase) -> bool:
    linked = {m.entity for m in case.mentions if m.entity and m.start < case.end and case.start < m.end}
    return case.expected in linked if case.expected else not linked


def score_linking(cases: Iterable[LinkCase]) -> float:
    """Share of ``cases`` linked as expected (1.0 for no cases). Example: ``score_linking(rows) -> 0.93``."""
    results = [case_passes(c) for c in cases]
    return sum(results) / len(results) if results else 1.0


def gold_person_cases(kb: Actors, text: str, mentions: Sequence[Mention], gold: Iterable[Mapping]) -> list[LinkCase]:
    """Cases from gold events of one document: each named person must be linked in the event's sentence.

    ``text`` is the document's body text; gold rows whose sentence is not found there are skipped.
    Persons are matched to knowledge by name or alias (case-insensitive); unknown names expect ``None``
    to be impossible, so they are skipped too.
    """
    by_name = {n.lower(): a.id for a in kb.actors if a.kind == "person" for n in (a.name, *a.aliases)}
    cases = []
    for row in gold:
        pos = text.find(str(row.get("text", ""))[:120])
        if pos < 0:
            continue
        end = pos + len(str(row["text"]))
        for person in row.get("persons") or ():
            pid = by_name.get(str(person).lower())
            if pid:
                cases.append(LinkCase(mentions, pos, end, pid))
    return cases
