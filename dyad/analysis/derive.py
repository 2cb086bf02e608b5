"""Rebuild the derived tables from the per-document records after an ingest.

Merged events (one record per real event, with all its evidence), the agreement
registry and the entity list are functions of the current documents' rows. An
ingest rebuilds only what it touched: the country pairs its documents' events
fall in (the merge never joins records of different pairs, so other pairs
cannot change) and the entities its documents mention. The result is the same
as a full rebuild, whatever the ingest order.

Each step is records in, records out (:func:`merge_all`, :func:`remerge_pair`,
:func:`registry_of`, :func:`entities_of`); :func:`rebuild_derived` reads their
records through :mod:`dyad.store.derived` and writes what they return there.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from itertools import groupby
from operator import itemgetter
from typing import Any

from dyad.analysis.merge import date_window, merge_events, pair_key
from dyad.analysis.registry import agreement_id, build_registry
from dyad.knowledge import Knowledge
from dyad.knowledge.actors import Actors
from dyad.knowledge.agreements import AgreementData
from dyad.knowledge.events import Lexicon
from dyad.records import EventRecord, agreement_from_dict, event_from_dict
from dyad.store import derived
from dyad.store.db import Store


def event_pairs(events: Iterable[EventRecord]) -> list[str]:
    """The merge partition of each event record, stored beside it."""
    return [pair_key(e) for e in events]


def rebuild_derived(store: Store, knowledge: Knowledge, *, names: list[str] | None = None) -> None:
    """Recompute derived tables for the documents ``names`` (every document when None), with the run's knowledge.

    The analyst's corrections (:mod:`dyad.store.corrections`) are lifted first, so the merge sees the events
    as extracted, and applied again last, so they survive every rebuild.
    """
    from dyad.store import corrections

    corrections.lift(store)
    if names is None:
        merged = merge_all(derived.event_records(store), knowledge.events)
        derived.replace_events(store, merged, redirects=id_redirects(derived.evidence(store, "events"), merged))
    else:
        _rebuild_pairs(store, derived.event_pairs_of(store, names), names, knowledge.events)
    if names is None:
        mentions = (r for _d, r in store.records("agreement_mentions"))
        registry, redirects = registry_of(mentions, derived.evidence(store, "agreements"), knowledge.agreements)
        derived.replace_agreements(store, registry, redirects)
    elif keys := derived.agreement_keys_of(store, names):  # each agreement's record is built from its own mentions
        # a key no mention has any more (a new version names it otherwise): its id follows its passages
        gone = [agreement_id(k) for k in keys]
        before = derived.evidence(store, "agreements", gone)
        registry, redirects = registry_of(derived.agreement_records(store, keys), before, knowledge.agreements)
        derived.replace_agreement_ids(store, gone, registry, redirects)
    ids = derived.entity_ids_of(store, names)
    derived.upsert_entities(store, *entities_of(ids, derived.entity_mentions(store, ids), knowledge.actors))
    corrections.apply_all(store, knowledge.events)


def registry_of(
    mentions: Iterable[dict[str, Any]], before: dict[str, list[dict[str, Any]]], data: AgreementData
) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """Records in, records out: the registry records built from agreement mention records, and an ``(old id,
    new id)`` redirect for each record of ``before`` (id -> its evidence) whose id is gone."""
    registry = build_registry((agreement_from_dict(r) for r in mentions), data)
    return registry, id_redirects(before, registry)


def entities_of(
    ids: list[str], stats: dict[str, tuple[int, Counts, Counts, Counts]], kb: Actors
) -> tuple[list[dict[str, Any]], list[str]]:
    """Records in, records out: the entity record of each of ``ids`` that still has mentions (``stats``: id ->
    (mentions, and how often each text, kind and country is said)), and the ids that have none left. An
    entity goes by its most common text, kind and country (the smallest of those tied)."""
    summaries = []
    for i in ids:
        if i in stats:
            count, texts, kinds, countries = stats[i]
            summaries.append(
                entity_summary(kb, i, (count, _most_common(texts), _most_common(kinds), _most_common(countries)))
            )
    return summaries, [i for i in ids if i not in stats]


Counts = dict[Any, int]


def _most_common(counts: Counts) -> Any:
    """The most frequent value, the smallest of those tied (None for no values)."""
    if not counts:
        return None
    return min(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[0]


def merge_all(records: Iterable[tuple[str, dict[str, Any]]], lex: Lexicon) -> list[dict[str, Any]]:
    """Records in, records out: the merged events of per-passage event records ``(pair, record)``, grouped
    by pair (the merge never joins records of different pairs, so merging pair by pair is the same and
    smaller)."""
    merged: list[dict[str, Any]] = []
    for pair, group in groupby(records, key=itemgetter(0)):
        merged += [{**e, "pair": pair} for e in merge_events((event_from_dict(r) for _p, r in group), lex)]
    return merged


def _marks(evidence: list[dict[str, Any]]) -> set[tuple[str, Any, Any]]:
    """What identifies a piece of evidence: its span, and its text in its document (which survives a new
    version of the document that moved it)."""
    return {m for v in evidence for m in ((v["doc"], v["start"], v["end"]), (v["doc"], v["text"], None))}


def id_redirects(old: dict[str, list[dict[str, Any]]], new: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """``(old id, new id)`` for each replaced event (or agreement) whose id is gone: to the new one sharing
    most evidence.

    One none of whose evidence is left (its passages deleted) gets none: its links answer 404.

    >>> new = [{"id": "ev-b", "evidence": [{"doc": "x.txt", "start": 5, "end": 9, "text": "met"}]}]
    >>> id_redirects({"ev-a": [{"doc": "x.txt", "start": 0, "end": 4, "text": "met"}]}, new)
    [('ev-a', 'ev-b')]
    """
    live = {e["id"] for e in new}
    holders: dict[tuple, list[str]] = {}  # a passage can be evidence of several events (a fact and a plan)
    for e in new:
        for m in _marks(e["evidence"]):
            holders.setdefault(m, []).append(e["id"])
    out: list[tuple[str, str]] = []
    for old_id, evidence in sorted(old.items()):
        votes = Counter(i for m in _marks(evidence) for i in holders.get(m, ()))
        if old_id not in live and votes:
            out.append((old_id, max(votes, key=lambda i: (votes[i], i))))
    return out


#: About how many merged events (new and replaced) the pair-by-pair rebuild holds before writing them: the
#: pairs' results are written together (one transaction, one insert, one refresh of the page aggregates),
#: since each statement costs milliseconds and a batch of documents touches dozens of pairs.
WRITE_EVERY = 20_000
#: How many pairs' rows the rebuild reads with one statement each (their windows, merged events, the evidence
#: of those replaced, and a stream of their records) instead of four statements per pair.
READ_PAIRS = 256


def _rebuild_pairs(store: Store, pairs: list[str], names: list[str], lex: Lexicon) -> None:
    """Re-merge the events of each pair where the named documents can have changed them (:func:`remerge_pair`).

    What one pair reads (its records, merged events and their evidence) no other pair's write changes, so
    the pairs' rows are read :data:`READ_PAIRS` pairs at a time and the results of several pairs are written
    together, in pair order, as reading and writing them one by one would."""
    named = set(names)
    pending: list[derived.EventChange] = []
    held = 0
    for lo in range(0, len(pairs), READ_PAIRS):
        chunk = pairs[lo : lo + READ_PAIRS]
        windows = derived.pairs_windows(store, chunk, names)
        events = derived.pairs_events(store, chunk)
        done: list[tuple[list[str], list[dict[str, Any]]]] = []
        for pair, records in derived.pairs_records(store, chunk):
            touched = [(date, end, name in named) for date, end, name in windows[pair]]
            done.append(remerge_pair(pair, touched, records, events[pair], lex))
        before = derived.evidence(store, "events", [i for gone, _merged in done for i in gone])
        for gone, merged in done:
            pending.append((gone, merged, id_redirects({i: before[i] for i in gone if i in before}, merged)))
            held += len(gone) + len(merged)
        if held >= WRITE_EVERY:
            derived.replace_event_changes(store, pending)
            pending, held = [], 0
    if pending:
        derived.replace_event_changes(store, pending)


def remerge_pair(
    pair: str,
    windows: list[tuple[str | None, str | None, bool]],
    records: Iterable[tuple[str | None, str | None, str]],
    events: Iterable[tuple[str, str | None, str | None]],
    lex: Lexicon,
) -> tuple[list[str], list[dict[str, Any]]]:
    """Records in, records out: the ids of the pair's merged events that the named documents can have
    changed, and the events merged again in their place.

    ``windows`` are ``(date, end, touched)`` of the pair's records (``touched``: in a named document, any
    version); ``records`` ``(date, end, JSON)`` of its current records; ``events`` ``(id, date, end)`` of
    its merged events. The merge joins only records whose date windows overlap, so the pair's records fall
    into independent runs of overlapping windows (the runs' spans are disjoint). Only the runs that hold a
    touched record (a replaced version's records are gone now) are merged again, and only the merged
    events inside those spans are replaced; every other run would merge as before. Undated records form a
    run of their own. A window that is not a well-formed, ordered date range makes the whole pair be
    merged again.
    """
    spans = _touched_spans(windows)

    def touched(date: str | None, end: str | None) -> bool:
        return spans is None or _inside(date, end, *spans)  # odd windows: the whole pair, as a full rebuild would

    # the events' ids first: ``records`` may be a stream reading the same store
    gone = [i for i, d, e in events if touched(d, e)]
    chosen = (event_from_dict(json.loads(r)) for d, e, r in records if touched(d, e))
    return gone, [{**e, "pair": pair} for e in merge_events(chosen, lex)]


Span = tuple[str, str]


def _touched_spans(rows: list[tuple[str | None, str | None, bool]]) -> tuple[list[Span], bool] | None:
    """The spans of the runs of overlapping windows that hold a touched record (sorted, disjoint), and
    whether a touched record is undated; None when a window is odd."""
    windows: list[tuple[str, str, bool]] = []
    undated = False
    for date, end, touched in rows:
        win = date_window(date, end)
        if win is None:
            undated = undated or touched
        elif not _well_formed(win):
            return None
        else:
            windows.append((*win, touched))
    windows.sort()
    runs: list[Span] = []
    run: list[str] | None = None  # [lo, hi] of the run being read
    hit = False
    for start, stop, touched in windows:
        if run is not None and start > run[1]:  # a gap: the run so far is complete
            if hit:
                runs.append((run[0], run[1]))
            run, hit = None, False
        if run is None:
            run = [start, stop]
        run[1] = max(run[1], stop)
        hit = hit or touched
    if run is not None and hit:
        runs.append((run[0], run[1]))
    return runs, undated


def _well_formed(win: Span) -> bool:
    """A window the sweep can order: overlap is string comparison, so any ordered pair of full-length days."""
    lo, hi = win
    return len(lo) == len(hi) == 10 and lo <= hi


def _inside(date: str | None, end: str | None, runs: list[Span], undated: bool) -> bool:
    """Whether a record (or merged event) dated ``date``..``end`` lies in one of ``runs`` (or is undated
    while the undated run is touched)."""
    win = date_window(date, end)
    if win is None:
        return undated
    k = bisect_right(runs, (win[0], "\uffff")) - 1
    return k >= 0 and runs[k][0] <= win[0] and win[1] <= runs[k][1]


def entity_summary(kb: Actors, entity_id: str, stat: tuple[int, str, str | None, str | None]) -> dict[str, Any]:
    """The entity record (without its mentions, which stay in the mentions table)."""
    count, text, kind, country = stat
    if entity_id.startswith("unknown:"):
        return {
            "id": entity_id,
            "wikidata": None,
            "name": text,
            "kind": _kind(kind),
            "country": country,
            "aliases": [],
            "roles": [],
            "mentions": count,
        }
    a = kb.get(entity_id)
    roles = [{"role": r.role, "of": r.of, "from": r.start, "to": r.end} for r in a.roles]
    aliases = sorted({*a.aliases, *a.adjectives, *a.demonyms, *a.metonyms} - {a.name})
    wikidata = a.id if a.id.startswith("Q") and a.id[1:].isdigit() else None
    return {
        "id": a.id,
        "wikidata": wikidata,
        "name": a.name,
        "kind": a.kind,
        "country": a.country,
        "aliases": aliases,
        "roles": roles,
        "mentions": count,
    }


_NER_KINDS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "NORP": "other",
    "FAC": "place",
}


def _kind(kind: str | None) -> str:
    if kind in {"person", "state", "organisation", "place", "agreement", "other"}:
        return kind
    return _NER_KINDS.get(kind or "", "other")
