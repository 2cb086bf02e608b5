"""Answers from the structured model: what an actor did (events), where sources disagree (positions),
and the normalised dates the time layer stored for a passage.

All records are read through :func:`dyad.export.records`, in the contract's
shapes, so these answers cite the same evidence a user can export.
"""

from __future__ import annotations

import re
from typing import Any

from dyad import export
from dyad.ask.candidates import Candidate
from dyad.ask.dates import in_words
from dyad.ask.search import Index, terms
from dyad.ask.shapes import Shape
from dyad.store import search as sql
from dyad.store.db import Store

MAX_ITEMS = 5


def stored_dates(store: Store, row: dict[str, Any]) -> list[Candidate]:
    """The time layer's dates inside a passage, placed at their spot in the passage text."""
    out = []
    text = row["text"]
    for t in sql.timexes_in(store, row["doc_id"], row["start"], row["end"]):
        at = text.find(t["text"])
        if at < 0:
            at = max(0, min(len(text) - 1, t["start"] - row["start"]))
        out.append(Candidate(at, at + len(t["text"]), t["text"], "date", t["value"], t.get("end_value")))
    return out


def _names(actor: dict[str, Any] | None) -> set[str]:
    if not actor:
        return set()
    return {w for w in terms(" ".join(str(actor.get(k) or "") for k in ("name", "id", "country")))}


def actions(store: Store, shape: Shape) -> tuple[str, list[dict[str, Any]]] | None:
    """'What did X do?': X's events, dated, most recent first (within the question's years if it names any)."""
    wanted = {t for t in terms(shape.actor or "") if len(t) > 2}
    if not wanted:
        return None
    years = shape.years
    found = []
    for ev in export.records(store, "events"):
        if not wanted & _names(ev.get("source")):
            continue
        if years and (ev.get("date") or "")[:4] not in years:
            continue
        found.append(ev)
    if not found:
        return None
    found.sort(key=lambda e: e.get("date") or "", reverse=True)
    lines, cites = [], []
    for ev in found[:MAX_ITEMS]:
        when = in_words(ev["date"]) if ev.get("date") else "undated"
        target = (ev.get("target") or {}).get("name") or "?"
        lines.append(f"{when}: {ev['type'].lower()} {target}")
        cites.extend(ev.get("evidence", [])[:1])
    head = f"{len(found)} recorded action{'s' if len(found) != 1 else ''}; latest first"
    return head + "\n" + "; ".join(lines), cites


def disagreements(store: Store, index: Index, shape: Shape) -> tuple[str, list[dict[str, Any]]] | None:
    """'Where do sources disagree ...?': issues on which stored positions take different stances."""
    qterms = {t for t in terms(shape.focus) if len(t) > 2}
    by_issue: dict[str, list[dict[str, Any]]] = {}
    for pos in export.records(store, "positions"):
        words = terms(
            " ".join(
                [
                    pos.get("issue") or "",
                    pos.get("stance") or "",
                    pos.get("quote") or "",
                    str((pos.get("actor") or {}).get("name") or ""),
                ]
            )
        )
        if qterms and not qterms & set(words):
            continue
        by_issue.setdefault(pos["issue"], []).append(pos)
    split = {k: v for k, v in by_issue.items() if len({p["stance"] for p in v}) > 1}
    if not split:
        return None
    issue, positions = max(split.items(), key=lambda kv: len(kv[1]))
    seen: dict[str, dict[str, Any]] = {}
    for p in positions:
        seen.setdefault(p["stance"], p)
    parts = []
    cites: list[dict[str, Any]] = []
    for stance, p in list(seen.items())[:MAX_ITEMS]:
        who = (p.get("actor") or {}).get("name") or "a source"
        ev = (p.get("evidence") or [{}])[0]
        parts.append(f"{who} ({ev.get('doc', '?')}): {_words(stance)}")
        cites.extend(p.get("evidence", [])[:1])
    return f"Sources disagree on {_words(issue)}\n" + "; ".join(parts), cites


def _words(slug: str) -> str:
    return re.sub(r"[-_]+", " ", slug)


_UNIT_KINDS = {"%": "percent", "percent": "percent"}


def quantity(store: Store, shape: Shape, qterms: set[str]) -> tuple[str, list[dict[str, Any]]] | None:
    """A stored quantity that names what the question asks about, in the year it asks about.

    Used only on a strong match: every word of the quantity's ``what`` is in the
    question, the question names a year and the quantity is dated in it, and the
    unit is the question's (a share is a percentage, a value is money).
    """
    years = shape.years
    if not years or shape.unit not in ("money", "percent", "area"):
        return None  # counts are answered better from their sentence ("12 agreements")
    best = None
    for q in export.records(store, "quantities"):
        what = {t for t in terms(q.get("what") or "") if len(t) > 2}
        if not what or not what <= qterms or (q.get("date") or "")[:4] not in years:
            continue
        kind = _UNIT_KINDS.get(
            q.get("unit") or "", "money" if "$" in (q.get("unit") or "") or "USD" in (q.get("unit") or "") else "count"
        )
        if kind != shape.unit:
            continue
        score = (len(what), float(q.get("confidence") or 0))
        if best is None or score > best[0]:
            best = (score, q)
    if best is None:
        return None
    q = best[1]
    value = f"{q['value']:g}"
    ev = (q.get("evidence") or [{}])[0]
    line = f"{q['what']}: {value} {q.get('unit') or ''} ({q.get('date')}), as stated in {ev.get('doc', '?')}"
    return f"{value} {q.get('unit') or ''}".strip() + "\n" + " ".join(line.split()), q.get("evidence", [])[:1]


def rows_for_span(index: Index, doc: str, start: int, end: int) -> list[int]:
    """The passages (index rows) of ``doc`` that overlap the original span ``[start, end)``."""
    by_doc = getattr(index, "_by_doc", None)
    if by_doc is None:
        by_doc = {}
        for i, r in enumerate(index.rows):
            by_doc.setdefault(r["doc"], []).append((r["start"], r["end"], i))
        index._by_doc = by_doc  # type: ignore[attr-defined]
    return [i for s, e, i in by_doc.get(doc, []) if s < end and start < e]


def sentence_citations(store: Store, index: Index, evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each evidence span widened to the whole sentence(s) holding it, so a reader can check the fact.

    Offsets stay original (``text == original[start:end]``); a span no passage covers is kept as it is.
    """
    out: list[dict[str, Any]] = []
    for ev in evidence:
        rows = rows_for_span(index, ev["doc"], ev["start"], ev["end"])
        if rows:
            spans = [(min(index.rows[i]["start"] for i in rows), max(index.rows[i]["end"] for i in rows))]
        else:
            spans = _line_spans(store, ev["doc"], ev["start"], ev["end"])
        for start, end in spans:
            cite = {
                "doc": ev["doc"],
                "start": start,
                "end": end,
                "text": sql.original_span(store, ev["doc"], start, end),
            }
            if cite not in out:
                out.append(cite)
    return out


#: How far back a table cell's caption is looked for, in characters.
CAPTION_REACH = 1200


def _line_spans(store: Store, doc: str, start: int, end: int) -> list[tuple[int, int]]:
    """For a span outside every passage (a table or chart cell): its whole line and the caption above it.

    A cell such as "Japan 16.1" says little alone; the nearest line above in capitals
    ("TRADE PARTNERS, 2016 ($ BN)") says what the number is.
    """
    lo = max(0, start - CAPTION_REACH)
    around = sql.original_span(store, doc, lo, end + 200)
    if not around:
        return [(start, end)]
    s, e = start - lo, end - lo
    line_start = around.rfind("\n", 0, s) + 1
    line_end = around.find("\n", e)
    line_end = len(around) if line_end < 0 else line_end
    line = (lo + line_start, lo + line_end)
    pos = line_start - 1
    while pos > 0:
        prev = around.rfind("\n", 0, pos) + 1
        text = around[prev:pos].strip()
        letters = [c for c in text if c.isalpha()]
        if len(letters) >= 8 and sum(c.isupper() for c in letters) >= 0.8 * len(letters):
            cap_start = lo + prev + (len(around[prev:pos]) - len(around[prev:pos].lstrip()))
            return [(cap_start, cap_start + len(text)), line]
        pos = prev - 1
    return [line]


def _events(store: Store, index: Index) -> list[dict[str, Any]]:
    cached = getattr(index, "_events", None)
    if cached is None:
        cached = [e for e in export.records(store, "events") if not e.get("negated") and not e.get("hypothetical")]
        index._events = cached  # type: ignore[attr-defined]
    return cached


def event_rows(store: Store, index: Index, fams: list[Any], qterms: set[str], years: set[str]) -> dict[int, str]:
    """Passages that are the evidence of a stored event of the question's kind between the actors it names.

    ``fams`` are the question's event families (:mod:`dyad.ask.verbs`); an event fits when its type
    (and mode) is one of theirs, one of its actors is named in the question, and its year is one the
    question gives (if it gives any). Returns row -> the event's date.
    """
    if not fams:
        return {}
    out: dict[int, str] = {}
    for ev in _events(store, index):
        if not any(f.fits_event(ev.get("type") or "", ev.get("mode")) for f in fams):
            continue
        if not (qterms & (_names(ev.get("source")) | _names(ev.get("target")))):
            continue
        if years and (ev.get("date") or "")[:4] not in years:
            continue
        for e in ev.get("evidence") or []:
            for i in rows_for_span(index, e["doc"], e["start"], e["end"]):
                out.setdefault(i, ev.get("date") or "")
    return out


# question verbs -> the agreement status whose date answers "when was X <verb>?"
_STATUS_VERBS = {
    "signed": ("sign", "conclud", "adopt", "issu", "agree"),
    "in_force": ("ratif", "force", "effect"),
    "proposed": ("propos", "offer", "put forward", "suggest"),
    "abandoned": ("abandon", "withdr", "pull", "broke", "break", "end", "scrap", "walk"),
    "suspended": ("suspend", "froze", "freez", "halt"),
}
_NAME_STOP = {"the", "of", "on", "and", "between", "treaty", "declaration", "agreement", "plan", "japan", "russia"}


def doc_terms(index: Index) -> dict[str, frozenset[str]]:
    """Each document's terms (the union of its passages' terms), computed once per index."""
    cached = getattr(index, "_doc_terms", None)
    if cached is None:
        sets: dict[str, set[str]] = {}
        for row, ts in zip(index.rows, index.term_sets, strict=True):
            sets.setdefault(row["doc"], set()).update(ts)
        cached = {doc: frozenset(ts) for doc, ts in sets.items()}
        index._doc_terms = cached  # type: ignore[attr-defined]
    return cached


def state_terms(store: Store, index: Index) -> frozenset[str]:
    """Terms of every way the corpus names a state (``Iran``, ``Iranian``, ``Tehran``), from the linked mentions."""
    cached = getattr(index, "_state_terms", None)
    if cached is None:
        found = store.con.execute(
            "SELECT DISTINCT m.text FROM mentions m JOIN documents d USING (doc_id)"
            " WHERE d.current AND m.country IS NOT NULL AND (m.kind = 'state' OR m.how IN ('demonym', 'metonym'))"
        ).fetchall()
        cached = frozenset(t for (text,) in found for t in terms(text))
        index._state_terms = cached  # type: ignore[attr-defined]
    return cached


def _status_word(word: str) -> bool:
    return any(word.startswith(s) for stems in _STATUS_VERBS.values() for s in stems if " " not in s)


def agreement_when(store: Store, index: Index, shape: Shape) -> tuple[str, list[dict[str, Any]]] | None:
    """'When was <agreement> signed / abandoned ...?': the registry's dated status step, with its evidence.

    The question must name the agreement (its name or an alias, by its distinctive words plus its
    kind word; a status verb or a number in a name identifies nothing) and use a verb of one status;
    the answer is that step's date. Every other name the question gives ("when did Putin propose a
    peace treaty") must be in a document the agreement's evidence comes from, so a namesake in a
    document about other actors does not answer.
    """
    low = shape.question.lower()
    wanted = next((st for st, stems in _STATUS_VERBS.items() if any(re.search(rf"\b{s}", low) for s in stems)), None)
    if wanted is None:
        return None
    by_doc = doc_terms(index)
    best: tuple[int, dict[str, Any]] | None = None
    for rec in export.records(store, "agreements"):
        held = frozenset().union(*(by_doc.get(e["doc"], frozenset()) for e in rec.get("evidence", [])))
        for name in [rec["name"], *rec.get("aliases", [])]:
            words = [w for w in re.findall(r"[a-z0-9]+", name.lower()) if len(w) > 2]
            kind_words = [w for w in words if w in _NAME_STOP]
            own = [w for w in words if w not in _NAME_STOP and not _status_word(w) and not w.isdigit()]
            if not set(shape.names) - set(terms(name)) <= held:
                continue
            hits = [w for w in own if re.search(rf"\b{w}", low)]
            if hits and 2 * len(hits) >= len(own) and all(w in low for w in kind_words):
                score = 2 * len(hits) + len(kind_words) - len(own)
                if best is None or score > best[0]:
                    best = (score, rec)
    if best is None:
        return None
    rec = best[1]
    steps = [h for h in rec.get("status_history", []) if h["status"] == wanted and h.get("date")]
    if wanted == "signed" and rec.get("date"):  # the agreement's own date is the signing
        steps = [{"date": rec["date"], "evidence": _dated_evidence(rec, rec["date"], _STATUS_VERBS["signed"])}]
    if not steps:
        return None
    step = max(steps, key=lambda h: len(h["date"]))  # the most precise dating of that step
    verb = wanted.replace("_", " ")
    return f"{in_words(step['date'])}\n{rec['name']}: {verb} on that date.", list(step.get("evidence", []))[:2]


def _dated_evidence(rec: dict[str, Any], date: str, stems: tuple[str, ...]) -> list[dict[str, Any]]:
    """The agreement's evidence that best supports a date: it names the year, and a status verb if it can."""
    year = date[:4]

    def fit(ev: dict[str, Any]) -> tuple[bool, bool]:
        text = ev["text"].lower()
        return year in text, any(re.search(rf"\b{s}", text) for s in stems)

    ranked = sorted(rec.get("evidence", []), key=fit, reverse=True)
    return ranked[:1]
