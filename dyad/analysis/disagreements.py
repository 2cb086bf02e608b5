"""Disagreements: claims about the same thing, from different sources, that differ.

Two kinds, each returned as ``{"kind", "about", "sides": [{"claim", "by", "evidence"}, ...]}``:

- ``judgement``: positions on the same issue (for events, ``evaluation:<object>-<YYYY-MM>``
  from :mod:`dyad.extract.positions`) whose stances differ between documents or
  actors: "a clear success" against "a failure";
- ``value``: quantities with the same description, unit and date whose values
  differ by more than 1 %, from different documents.

Every side carries ``perspective``, the origin of each source behind it:
``{"doc", "country", "how"}``. A document's country of origin is not known in
general, so it is derived, in this order: a publisher line in the document's
text (``documents``, when given) matching ``perspectives.publishers`` in
``dyad/data/issues.yaml`` ("Valdai Discussion Club" -> RUS); else the country
the extractor gave the document's author (:mod:`dyad.extract.positions`, from
its own publisher line or most mentioned state); else the state most often
holding positions and quantities in that document ("most-mentioned"); else
``None`` with ``how`` "unknown". It is a hint about the source, not a fact.

:func:`stance_changes` lists, per actor country and issue, each date where the
stance differs from the one held before.

Events are accepted for a later kind (the same event told with different
actors or dates); they are not compared yet.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from typing import Any

from dyad.knowledge.issues import IssueData, publisher_country
from dyad.records import EventRecord, PositionRecord, QuantityRecord

REL_TOLERANCE = 0.01


def _ev(evidence: Any) -> list[dict[str, Any]]:
    items = evidence if isinstance(evidence, (list, tuple)) else [evidence]
    return [asdict(e) for e in items]


def perspectives(
    positions: Sequence[PositionRecord],
    quantities: Sequence[QuantityRecord] = (),
    documents: Mapping[str, str] | None = None,
    issues: IssueData | None = None,
) -> dict[str, dict[str, Any]]:
    """Each cited document's derived origin: ``{doc: {"doc", "country", "how"}}`` (see the module doc); a
    publisher line counts with ``issues`` (its ``perspectives``)."""

    docs = {p.evidence.doc for p in positions} | {q.evidence.doc for q in quantities}
    out: dict[str, dict[str, Any]] = {}
    for doc in sorted(docs):
        found = publisher_country((documents or {}).get(doc, ""), issues) if issues else None
        if found:
            out[doc] = {"doc": doc, "country": found[0], "how": f"publisher line: {found[1]}"}
            continue
        author = next(
            (
                p.actor.country
                for p in positions
                if p.evidence.doc == doc and p.actor.id.startswith("author:") and p.actor.country
            ),
            None,
        )
        if author:
            out[doc] = {"doc": doc, "country": author, "how": "author's country from the extractor"}
            continue
        counts = Counter(p.actor.country for p in positions if p.evidence.doc == doc and p.actor.country)
        counts.update(c for q in quantities if q.evidence.doc == doc for c in (q.subject or ()))
        if counts:
            top, n = counts.most_common(1)[0]
            out[doc] = {"doc": doc, "country": top, "how": f"most-mentioned: {n} of {sum(counts.values())}"}
        else:
            out[doc] = {"doc": doc, "country": None, "how": "unknown"}
    return out


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
    positions: Iterable[PositionRecord],
    events: Iterable[EventRecord] = (),
    quantities: Iterable[QuantityRecord] = (),
    *,
    documents: Mapping[str, str] | None = None,
    issues: IssueData | None = None,
) -> list[dict[str, Any]]:
    """Every judgement and value on which sources differ, each side with its evidence and sources' origin.

    ``documents`` (doc name -> text) lets publisher lines (the ``perspectives`` of ``issues``) decide each
    source's perspective.

    >>> # one author calls the December 2016 summit a "success", another a "failure"
    >>> # -> [{"kind": "judgement", "about": "evaluation:summit-2016-12", "sides": [...2 sides...]}]
    """
    del events  # accepted for the contract of this function; not compared yet
    ps, qs = list(positions), list(quantities)
    origin = perspectives(ps, qs, documents, issues)
    found = _judgements(ps) + _values(qs)
    for d in found:
        for side in d["sides"]:
            side["perspective"] = [origin[doc] for doc in sorted({e["doc"] for e in side["evidence"]}) if doc in origin]
    return found


def stance_changes(positions: Iterable[PositionRecord]) -> list[dict[str, Any]]:
    """Per actor country and issue, each dated stance that differs from the one held before it.

    >>> # JPN on kuril-sovereignty: all-four-islands (2001) then 1956-two-islands (2018-11)
    >>> # -> [{"actor": "JPN", "issue": ..., "from": "all-four-islands", "to": "1956-two-islands", ...}]
    """
    series: dict[tuple[str, str], list[PositionRecord]] = {}
    for p in positions:
        if p.actor.country and p.date and not p.issue.startswith("evaluation:"):
            series.setdefault((p.actor.country, p.issue), []).append(p)
    out = []
    for (actor, issue), ps in sorted(series.items()):
        ps.sort(key=lambda p: (p.date or "", p.evidence.doc, p.evidence.start))
        for before, after in zip(ps, ps[1:], strict=False):
            if before.stance != after.stance:
                out.append(
                    {
                        "actor": actor,
                        "issue": issue,
                        "from": before.stance,
                        "to": after.stance,
                        "date": after.date,
                        "evidence": _ev(before.evidence) + _ev(after.evidence),
                    }
                )
    return out
