"""Merge event records across passages and documents: one record per real-world event.

Two records belong to one event when they link the same unordered pair of states in
the same direction (either direction for mutual acts: meetings, talks, signings; the
``mutual`` list of ``dyad/data/events.yaml``), their types fall in the same coarse class (the gold's classes, from
``dyad/data/events.yaml``), they agree on negation and modality, and their date
windows overlap (a ``YYYY`` record overlaps every day of that year; undated records
only join records that are undated too), unless their document told them apart: two records
of one sentence by different words and types, or of two sentences each a clause telling its
act anew ("The two leaders agreed on X. Then, they agreed to Y."; not meetings, not a repeated
headline). A cluster holds only records that are all pairwise compatible, built from a
canonical order of the records, so the result is the same for any input order.

Each merged record is in the export shape of the contract (``dyad export events``):
its date is the most precise value among its members that another member supports
(a day backed by only one passage loses to a month two passages agree on). Its id is
``"ev-"`` plus a hash of what identifies the act: the signature (pair, direction, coarse class,
negation, modality) and its anchor, the member that comes first in canonical order (document
name, then offset), hashed by its document name, passage text, trigger, type, date and actors but
not its offsets. Everything in it is a function of the evidence alone, never of when or in which
batch a document was ingested, so two databases of the same files give the same ids. New evidence
leaves the id as it was unless it comes from a document whose name sorts before the anchor's; a
new version of the anchor's document keeps it while the anchor's passage reads the same. When the
id of an event does change (two events merge, the anchor moves or its passage changes),
:mod:`dyad.analysis.derive` records a redirect.

>>> # merged = merge_events(records, knowledge.events)  # list[dict], sorted by date then id
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, cast

from dyad.knowledge.actors import state_of
from dyad.knowledge.events import Lexicon
from dyad.records import ActorRef, EventRecord


def date_window(date: str | None, end: str | None) -> tuple[str, str] | None:
    """The ``[lo, hi]`` day window an ISO partial date (or range) covers, as comparable strings."""
    if not date:
        return None
    last = end or date
    lo = date + "-01-01"[len(date) - 4 :] if len(date) < 10 else date
    hi = last + "-12-31"[len(last) - 4 :] if len(last) < 10 else last
    return lo[:10], hi[:10]


def _key(rec: EventRecord) -> tuple:
    ev = rec.evidence
    return (ev.doc, ev.start, ev.end, rec.trigger, rec.type, rec.mode or "", rec.date or "", rec.end or "",
            rec.source.id, rec.target.id)  # fmt: skip


def _pair(rec: EventRecord) -> tuple[str, str]:
    a, b = state_of(rec.source.country) or rec.source.id, state_of(rec.target.country) or rec.target.id
    return (a, b) if a <= b else (b, a)


def pair_key(rec: EventRecord) -> str:
    """The unordered state pair of a record as ``"AAA|BBB"`` (``SUN`` counted as ``RUS``).

    Records of different pairs never merge, so this is the merge's partition: store it
    beside each record and rebuild only the pairs an ingest touched.

    >>> # pair_key(putin_visits_japan) == "JPN|RUS"
    """
    return "|".join(_pair(rec))


def _direction(rec: EventRecord, lex: Lexicon) -> str | None:
    """The acting state of a directed act; None for a mutual one (a meeting, a signing), told
    from either side. "Japan protested to Russia" and Russia's protest to Japan stay apart."""
    if lex.is_mutual(rec.type, rec.mode):
        return None
    return state_of(rec.source.country) or rec.source.id


def _signature(rec: EventRecord, lex: Lexicon) -> tuple:
    """What every member of one cluster shares: pair, direction, flags and coarse class."""
    return (_pair(rec), _direction(rec, lex), rec.negated, rec.hypothetical, lex.coarse(rec.type, rec.mode))


def _compatible(a: EventRecord, b: EventRecord, lex: Lexicon) -> bool:
    if _signature(a, lex) != _signature(b, lex):
        return False
    if _told_apart(a, b, lex):
        return False
    wa, wb = date_window(a.date, a.end), date_window(b.date, b.end)
    if wa is None or wb is None:
        return wa is None and wb is None
    return wa[0] <= wb[1] and wb[0] <= wa[1]


def _told_apart(a: EventRecord, b: EventRecord, lex: Lexicon) -> bool:
    """Two acts the extraction told apart: in one sentence, by different words and types ("refused to talk
    with him, accusing him of ..."); or in two sentences of one document, each a clause of its own that tells
    its act anew ("The two leaders agreed on X. Then, the two leaders agreed to Y."). Meetings are the
    exception: one pair meets once on a day, however many sentences tell of it ("Abiy flew to Asmara and held
    talks"), and so is a sentence the document repeats (a headline and its lead)."""
    if a.evidence.doc != b.evidence.doc:
        return False
    if a.evidence.start == b.evidence.start:
        return a.trigger != b.trigger and a.type != b.type
    return a.verbal and b.verbal and lex.coarse(a.type, a.mode) != "CONSULT" and not _repeated(a, b)


def _repeated(a: EventRecord, b: EventRecord) -> bool:
    """Whether one passage repeats the other (a headline or a caption told again in the body)."""
    x, y = sorted((" ".join(a.evidence.text.split()), " ".join(b.evidence.text.split())), key=len)
    return x[-60:] in y


def _precision(rec: EventRecord) -> int:
    return len(rec.date or "")


def _months(win: tuple[str, str]) -> range | None:
    """The months (``year * 12 + month - 1``) a well-formed window covers; None for one to
    compare the slow way (malformed or reversed)."""
    lo, hi = win
    if not (lo[:4].isdigit() and hi[:4].isdigit() and lo[5:7].isdigit() and hi[5:7].isdigit()) or lo > hi:
        return None
    return range(int(lo[:4]) * 12 + int(lo[5:7]) - 1, int(hi[:4]) * 12 + int(hi[5:7]))


class _Partition:
    """The clusters of one signature, dated ones indexed by the months of their common window.

    Every member of a cluster overlaps every other, so (intervals on a line) the members
    share one common window, and a record overlaps all members exactly when it overlaps
    that window. A cluster is listed under each month its window covered when it was made
    (a year-only cluster under its twelve); the window only shrinks, so a stale month costs
    one failed check, never a missed join. Odd windows are checked member by member.
    """

    def __init__(self, clusters: list[list[EventRecord]], lex: Lexicon) -> None:
        self.clusters = clusters  # every cluster of every partition, in the order made
        self.lex = lex
        self.undated: list[EventRecord] | None = None
        self.windows: list[tuple[str, str] | None] = []  # None: a cluster with an odd member
        self.members: list[list[EventRecord]] = []
        self.by_month: dict[int | None, list[int]] = {}

    def _home(self, rec: EventRecord, win: tuple[str, str], months: range | None) -> int | None:
        """The oldest cluster ``rec`` fits, among those listed under its months."""
        cands: Sequence[int]
        if months is None:
            cands = range(len(self.members))
        else:
            cands = sorted({i for m in (*months, None) for i in self.by_month.get(m, ())})
        lo, hi = win
        for i in cands:
            common = self.windows[i]
            if common is None or months is None:
                if all(_compatible(rec, m, self.lex) for m in self.members[i]):
                    return i
            elif (
                common[0] <= hi and lo <= common[1] and not any(_told_apart(rec, m, self.lex) for m in self.members[i])
            ):
                return i
        return None

    def add(self, rec: EventRecord) -> None:
        win = date_window(rec.date, rec.end)
        if win is None:
            if self.undated is None:
                self.undated = []
                self.clusters.append(self.undated)
            self.undated.append(rec)
            return
        months = _months(win)
        home = self._home(rec, win, months)
        if home is None:
            self.windows.append(win if months is not None else None)
            self.members.append([rec])
            self.clusters.append(self.members[-1])
            for m in months if months is not None else (None,):
                self.by_month.setdefault(m, []).append(len(self.members) - 1)
            return
        common = self.windows[home]
        self.windows[home] = (
            None if common is None or months is None else (max(common[0], win[0]), min(common[1], win[1]))
        )
        self.members[home].append(rec)


def _clusters(records: list[EventRecord], lex: Lexicon) -> list[list[EventRecord]]:
    """Greedy clusters in which every member is compatible with every other.

    Pairwise links alone would chain ("2016" joins May and December of 2016); requiring
    the whole cluster to agree keeps one event per cluster. Records go in most precise
    first, in canonical order, so the clusters do not depend on the input order. Each
    record joins the oldest cluster it fits, looked up among the clusters of its own
    signature whose months it touches, so the cost grows with the records, not their square.
    """
    clusters: list[list[EventRecord]] = []
    parts: dict[tuple, _Partition] = {}
    for rec in sorted(records, key=lambda r: (-_precision(r), _key(r))):
        sig = _signature(rec, lex)
        if sig not in parts:
            parts[sig] = _Partition(clusters, lex)
        parts[sig].add(rec)
    return clusters


def _best_date(members: list[EventRecord]) -> tuple[str | None, str | None]:
    """The most precise date that is backed by the most members whose windows contain it."""
    dated: list[tuple[str, str | None]] = [(m.date, m.end) for m in members if m.date]
    if not dated:
        return None, None

    counts = Counter(dated)
    # a record with a date has a window
    windows = {d: cast(tuple[str, str], date_window(*d)) for d in counts}

    def support(cand: tuple[str, str | None]) -> int:
        lo, hi = windows[cand]
        return sum(n for d, n in counts.items() if windows[d][0] <= lo and hi <= windows[d][1])

    best = max(
        counts,
        key=lambda c: (
            support(c) > 1 or len(dated) == 1,
            len(c[0] or ""),
            support(c),
            counts[c],
            c[0] or "",
            c[1] or "",
        ),
    )
    return best


def _majority(values: Iterable[Any], default: Any = None) -> Any:
    counts = Counter(v for v in values if v is not None)
    return max(counts, key=lambda v: (counts[v], str(v))) if counts else default


def _actor(ref: ActorRef) -> dict:
    return {"id": ref.id, "name": ref.name, "country": ref.country}  # asdict's deep copy is slow at scale


def _anchor(members: list[EventRecord]) -> EventRecord:
    """The member that names the event: the first in canonical order (document name, then offset)."""
    return min(members, key=_key)


def _identity(rec: EventRecord) -> tuple:
    """What of the anchor the id hashes: its passage and reading, not where the passage lies (a new
    version of the document that moves it keeps the id)."""
    ev = rec.evidence
    return (ev.doc, ev.text, rec.trigger, rec.type, rec.mode or "", rec.date or "", rec.end or "",
            rec.source.id, rec.target.id)  # fmt: skip


def event_id(members: list[EventRecord], lex: Lexicon, *, exact: bool = False) -> str:
    """The id of the event ``members`` make: its signature and its anchor record, not all its evidence.

    ``exact`` also hashes the anchor's offsets: only for two events whose anchors read the same.

    >>> # event_id([a], lex) == event_id([a, b], lex) when a's document name sorts before b's
    """
    anchor = _anchor(members)
    what = repr((_signature(anchor, lex), _key(anchor) if exact else _identity(anchor)))
    return "ev-" + hashlib.sha1(what.encode()).hexdigest()[:16]


def _export(members: list[EventRecord], lex: Lexicon) -> dict:
    first = members[0]
    type_ = _majority(m.type for m in members)
    mode = _majority((m.mode for m in members if m.type == type_), None)
    source, target = _majority(((m.source, m.target) for m in members), (first.source, first.target))
    date, end = _best_date(members)
    evidence = sorted({(m.evidence.doc, m.evidence.start, m.evidence.end, m.evidence.text) for m in members})
    return {
        "id": event_id(members, lex), "date": date, "end": end,
        "source": _actor(source), "target": _actor(target),
        "type": type_, "mode": mode, "quad": lex.quad(type_), "intensity": lex.intensity(type_, mode),
        "negated": first.negated, "hypothetical": first.hypothetical, "cameo": lex.cameo(type_, mode),
        "persons": sorted({p for m in members for p in m.persons}),
        "speaker": _actor(s) if (s := _majority(m.speaker for m in members)) else None,
        "location": _majority(m.location for m in members),
        "evidence": [{"doc": d, "start": s, "end": e, "text": t} for d, s, e, t in evidence],
    }  # fmt: skip


def merge_events(records: Iterable[EventRecord], lex: Lexicon) -> list[dict]:
    """One export record per real event, sorted by (date, id); the same for any input order and any
    batching of the documents: each id is a function of its event's evidence (:func:`event_id`)."""
    ordered = sorted(set(records), key=_key)
    groups = [sorted(group, key=_key) for group in _clusters(ordered, lex)]
    merged = [_export(group, lex) for group in groups]
    seen = Counter(m["id"] for m in merged)
    for m, group in zip(merged, groups, strict=True):
        if seen[m["id"]] > 1:  # two anchors that read the same (never seen; a guard): offsets decide
            m["id"] = event_id(group, lex, exact=True)
    return sorted(merged, key=lambda r: (r["date"] or "", r["id"]))
