"""Disagreements: claims about the same thing, from different sources, that differ.

Two kinds, each returned as ``{"kind", "about", "sides": [{"claim", "by", "evidence"}, ...]}``:

- ``judgement``: positions on the same issue (for events, ``evaluation:<object>-<YYYY-MM>``
  from :mod:`dyad.extract.positions`) whose stances differ between documents or
  actors: "a clear success" against "a failure";
- ``value``: quantities with the same description, unit and date whose values
  differ by more than 1 %, from different documents.

Events are accepted for a later kind (the same event told with different
actors or dates); they are not compared yet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any

from dyad.records import EventRecord, PositionRecord, QuantityRecord

REL_TOLERANCE = 0.01


def _ev(evidence: Any) -> list[dict[str, Any]]:
    items = evidence if isinstance(evidence, (list, tuple)) else [evidence]
    return [asdict(e) for e in items]


def _judgements(positions: Sequence[PositionRecord]) -> list[dict[str, Any]]:
    groups: dict[str, list[PositionRecord]] = {}
    for p in positions:
        groups.setdefault(p.issue, []).append(p)
    out = []
    for issue, ps in sorted(groups.items()):
        stances = {p.stance for p in ps}
        sources = {(p.evidence.doc, p.actor.id) for p in ps}
        if len(stances) < 2 or len(sources) < 2:
            continue
        sides = []
        for stance in sorted(stances):
            holders = [p for p in ps if p.stance == stance]
            sides.append(
                {
                    "claim": stance,
                    "by": sorted({p.actor.name for p in holders}),
                    "evidence": [e for p in holders for e in _ev(p.evidence)],
                }
            )
        out.append({"kind": "judgement", "about": issue, "sides": sides})
    return out


def _norm(what: str) -> str:
    return " ".join(re.findall(r"[a-z]+", what.lower()))


def _values(quantities: Sequence[QuantityRecord]) -> list[dict[str, Any]]:
    groups: dict[tuple[str, str, str], list[QuantityRecord]] = {}
    for q in quantities:
        if q.date and _norm(q.what):
            groups.setdefault((_norm(q.what), q.unit, q.date), []).append(q)
    out = []
    for (what, unit, date), qs in sorted(groups.items()):
        docs = {q.evidence.doc for q in qs}
        lo, hi = min(q.value for q in qs), max(q.value for q in qs)
        if len(docs) < 2 or hi - lo <= REL_TOLERANCE * max(abs(hi), 1e-9):
            continue
        sides = [
            {
                "claim": f"{v:g} {unit}",
                "by": sorted({q.evidence.doc for q in qs if q.value == v}),
                "evidence": [e for q in qs if q.value == v for e in _ev(q.evidence)],
            }
            for v in sorted({q.value for q in qs})
        ]
        out.append({"kind": "value", "about": f"{what} ({date})", "sides": sides})
    return out


def find_disagreements(
    positions: Iterable[PositionRecord], events: Iterable[EventRecord] = (), quantities: Iterable[QuantityRecord] = ()
) -> list[dict[str, Any]]:
    """Every judgement and value on which sources differ, each side with its evidence.

    >>> # one author calls the December 2016 summit a "success", another a "failure"
    >>> # -> [{"kind": "judgement", "about": "evaluation:summit-2016-12", "sides": [...2 sides...]}]
    """
    del events  # accepted for the contract of this function; not compared yet
    return _judgements(list(positions)) + _values(list(quantities))
