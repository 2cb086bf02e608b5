"""Short answers with citations: the structured model first, then the passages.

``answer(store, question)`` recognises the question's shape, ranks passages
(keywords and, when installed, sentence vectors), re-ranks the best few by how
much of the question they cover, whether they match the dates the question
gives and whether they hold an item of the wanted kind, then writes the key
item first (a date in words and ISO, a name, a number with its unit) and one
line of context. Dates come from the time layer's normalised expressions where
the passage has them. Questions about what an actor did, and where sources
disagree, are answered from the event and position records. When nothing in
the corpus covers the question, the answer says so instead of guessing.

>>> a = answer(store, "When did Gorbachev visit Japan?")   # doctest: +SKIP
>>> a.answer.splitlines()[0]                                  # doctest: +SKIP
'April 1991 (1991-04)'
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from dyad.ask import candidates as cands
from dyad.ask import dates, model, pick, verbs
from dyad.ask.llm import LLMConfig, ask_llm
from dyad.ask.search import Index, index_for, terms
from dyad.ask.shapes import Shape, recognise
from dyad.store import search as sql
from dyad.store.db import Store

NOT_FOUND = "The documents do not say."
#: The least share of the question's weighted terms a passage must hold to be offered as the answer.
MIN_COVERAGE = 0.35
RERANK_DEPTH = 15
#: Passages added to the pool by each rewording of the question with its event family's other verbs.
EXPANDED_DEPTH = 6
#: A name the question gives weighs double when it is this rare among passages (a share of them) or rarer.
RARE_NAME_SHARE = 0.02
#: Shapes whose answer is an event's own date, place or content, which stored events can point to.
EVENT_SHAPES = frozenset({"when", "year", "what", "where"})
#: What taking the key item from the sentence beside the best one costs in the selection score.
NEIGHBOUR_PENALTY = 0.3
CONTEXT_CHARS = 320
#: The share of a state's weight a passage gets when its document, not the passage itself, names the state:
#: the states a question names choose the documents (the pair), its other words the passage.
ACTOR_IN_DOC = 1.0
_SAID_RE = re.compile(
    r"\b(say|said|tell|told|state|stated|declare|declared|answer|answered|respond|responded|"
    r"reply|replied|write|wrote|call|called|describe|described)\b"
)
_STOP = frozenset(
    terms(
        "a an the of to in on at by for from with and or as is was were be been did do does what which who whom whose "
        "when where how why that this it its into about according after before during than their his her roughly "
        "between approximately take place many much sources source disagree differ"
    )
)


@dataclass
class Answer:
    """A short answer and the passages it rests on (original offsets, ``text == original[start:end]``)."""

    answer: str
    citations: list[dict[str, Any]] = field(default_factory=list)
    found: bool = True
    shape: str = "open"

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``--json`` shape."""
        return {"answer": self.answer, "citations": self.citations}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


def answer(store: Store, question: str, *, llm: LLMConfig | None = None, semantic: bool = False) -> Answer:
    """Answer ``question`` from the database, citing the passages used.

    ``semantic=True`` adds sentence vectors to the ranking (the optional extra, see :mod:`dyad.ask.embed`).
    """
    shape = recognise(question)
    index = index_for(store, semantic=semantic)
    if not index.rows:
        return Answer("The database holds no documents yet; run `dyad ingest` first.", found=False, shape=shape.kind)
    if shape.kind == "actions":
        got = model.actions(store, shape)
        if got:
            return Answer(got[0], model.sentence_citations(store, index, got[1]), shape=shape.kind)
    if shape.kind == "disagree":
        got = model.disagreements(store, index, shape)
        if got:
            return Answer(got[0], model.sentence_citations(store, index, got[1]), shape=shape.kind)
    if shape.kind == "when":
        got = model.agreement_when(store, index, shape)
        if got:
            return Answer(got[0], model.sentence_citations(store, index, got[1]), shape=shape.kind)
    if shape.kind == "number":
        got = model.quantity(store, shape, _qterms(shape))
        if got:
            return Answer(got[0], model.sentence_citations(store, index, got[1]), shape=shape.kind)
    families = verbs.load()
    ranked, bases = _rerank(store, index, shape, families)
    if not ranked or ranked[0][2] < MIN_COVERAGE:
        return Answer(NOT_FOUND, found=False, shape=shape.kind)
    if llm is not None:
        hits = [index.hit(i, s) for i, s, _c in ranked[:5]]
        got_llm = ask_llm(llm, question, hits)
        if got_llm is not None:
            return Answer(got_llm[0], got_llm[1], shape=shape.kind)
    qterms = _qterms(shape) | {t for f in verbs.families_in(_qterms(shape), families) for t in verbs.members(f)}
    if shape.kind in ("what", "open"):
        return _compose(store, shape, index, [ranked[0][0], *_said_next(index, ranked[0][0], shape)], [])
    best: tuple[float, list[int], int, list[pick.Candidate]] | None = None
    for rank, (i, _score, _cov) in enumerate(ranked[:5]):
        for j, penalty in (
            (i, 0.0),
            (_neighbour(index, i, -1), NEIGHBOUR_PENALTY),
            (_neighbour(index, i, +1), NEIGHBOUR_PENALTY),
        ):
            if j is None or _names_another(shape, index.rows[j]["text"]):
                continue
            found = pick.scored(shape, index.rows[j]["text"], qterms, _stored(store, shape, index.rows[j]))
            if not found:
                continue
            total = bases[i] + 0.6 * found[0][0] - penalty - 0.05 * rank
            if best is None or total > best[0]:
                best = (total, sorted({i, j}), j, [c for _s, c in found])
    if best is not None:
        rows, chosen = best[1], best[3]
        if shape.kind == "when":
            rows, chosen = _refine_date(store, shape, index, ranked[:5], rows, chosen, best[2])
        return _compose(store, shape, index, rows, chosen, key_row=best[2] if rows == best[1] else rows[-1])
    return _compose(store, shape, index, [ranked[0][0]], [])


def _refine_date(
    store: Store,
    shape: Shape,
    index: Index,
    ranked: list[tuple[int, float, float]],
    rows: list[int],
    chosen: list[pick.Candidate],
    key_row: int,
) -> tuple[list[int], list[pick.Candidate]]:
    """A month or year answer to 'on what date' gives way to a day inside it that another good passage states."""
    top = chosen[0]
    if not top.iso or len(top.iso) == 10 or "date" not in shape.question.lower():
        return rows, chosen
    coarse = dates.with_year(top.iso, _year_hint(shape, index.rows[key_row]))
    if len(coarse) != 7 or not coarse[:4].isdigit():
        return rows, chosen
    month = dates.MONTHS[int(coarse[5:7]) - 1]
    pool = [i for i, _s, _c in ranked] + [i for i, _f in index.ranked(f"{shape.focus} {month}")[:10]]
    for i in dict.fromkeys(pool):
        row = index.rows[i]
        hint = (row.get("ref_date") or "")[:4] or None  # the story's year, never a guess from the question
        for c in pick.candidates_for(shape, row["text"], _stored(store, shape, row)):
            iso = dates.with_year(c.iso or "", hint)
            if len(iso) == 10 and iso.startswith(coarse) and not pick.given_in_question(c, shape):
                return [i], [pick.Candidate(c.start, c.end, c.text, c.kind, iso, c.end_iso)]
    return rows, chosen


def _stored(store: Store, shape: Shape, row: dict[str, Any]) -> list[pick.Candidate]:
    return model.stored_dates(store, row) if shape.kind in ("when", "year") else []


def _neighbour(index: Index, i: int, step: int) -> int | None:
    j = i + step
    if 0 <= j < len(index.rows) and index.rows[j]["doc"] == index.rows[i]["doc"]:
        return j
    return None


def _names_another(shape: Shape, text: str) -> bool:
    """The question names a treaty, plan or the like, and ``text`` names only others of them.

    Such a passage, or a sentence beside it, gives no date or number: it is about another
    named agreement ("... another agreement, the Treaty of X, signed on ...").
    """
    asked = {t.text.lower() for t in cands.titled_things(shape.question)}
    if not asked:
        return False
    named = {t.text.lower() for t in cands.titled_things(text)}
    return bool(named) and not any(a in n or n in a for a in asked for n in named)


def _said_next(index: Index, i: int, shape: Shape) -> list[int]:
    """For 'what did X say' questions the words said often follow in the next sentence."""
    if not _SAID_RE.search(shape.question.lower()):
        return []
    j = _neighbour(index, i, +1)
    return [j] if j is not None else []


def _qterms(shape: Shape) -> set[str]:
    return {t for t in terms(shape.focus) if t not in _STOP}


def _idf(index: Index) -> dict[str, float]:
    cached = getattr(index, "_idf", None)
    if cached is None:
        df: Counter[str] = Counter()
        for ts in index.term_sets:
            df.update(ts)
        n = max(len(index.term_sets), 1)
        cached = {t: math.log(1 + n / c) for t, c in df.items()}
        index._idf = cached  # type: ignore[attr-defined]
    return cached


def _rerank(
    store: Store, index: Index, shape: Shape, families: Mapping[str, verbs.Family]
) -> tuple[list[tuple[int, float, float]], dict[int, float]]:
    """``(row, score, coverage)`` for the best passages, best first, and each one's score before its items.

    Coverage is the idf-weighted share of the question's terms in the passage,
    terms found only in the sentence before or after counting half: a passage
    often leaves its subject to the sentence before it. The question's event
    verb counts as covered by any verb of its family ("abandon" by "pull out");
    names the question gives weigh double, so a passage about other actors
    does not pass. The states a question names choose the documents (the
    pair) rather than the passage: a passage counts them as covered when its
    document names them, so the question's other words decide which passage
    of the document answers. Passages that hold the family's verb, or are the evidence
    of a stored event of that kind between the question's actors, rank up;
    passages about the opposite event (renewing talks, not leaving them) down.
    """
    qterms = _qterms(shape)
    if not qterms:
        return [], {}
    fams = verbs.families_in(qterms, families)
    fam_terms = {t for f in fams for t in verbs.members(f) & qterms}
    key = verbs.key_family(shape.question, fams)  # the question's own event, not its setting
    against = [o for o in verbs.opposites(key, families) if not (verbs.members(o) & qterms)]
    idf = _idf(index)
    names = shape.names
    rare = math.log(1 + 1 / RARE_NAME_SHARE)
    unseen = math.log(1 + len(index.rows))
    # a rare name, or a word no passage holds at all, is what the question is about: it weighs double
    weights = {
        t: idf.get(t, unseen) * (2.0 if t not in idf or (t in names and idf[t] >= rare) else 1.0) for t in qterms
    }
    verb_weight = max((weights.pop(t) for t in fam_terms), default=0.0)
    total = (sum(weights.values()) + verb_weight) or 1.0
    pool = [i for i, _f in index.ranked(shape.focus, depth=RERANK_DEPTH * 2)[:RERANK_DEPTH]]
    if fams:  # the same question worded with the family's other verbs finds passages that use them
        plain = " ".join(t for t in terms(shape.focus) if t not in fam_terms)
        for f in fams:
            others = " ".join(sorted(verbs.members(f) - qterms))
            pool += [i for i, _f in index.ranked(f"{plain} {others}", depth=RERANK_DEPTH)[:EXPANDED_DEPTH]]
        pool = list(dict.fromkeys(pool))
    by_doc = model.doc_terms(index)
    actors = names & model.state_terms(store, index)
    evented = model.event_rows(store, index, key, qterms, shape.years) if shape.kind in EVENT_SHAPES else {}
    pool += [i for i in evented if i not in pool]
    out = []
    for rank, i in enumerate(pool):
        row = index.rows[i]
        near: set[str] = set()
        for step in (-1, 1):
            j = _neighbour(index, i, step)
            if j is not None:
                near |= index.term_sets[j]
        own = index.term_sets[i]
        held = by_doc.get(row["doc"], own)
        covered = sum(
            w * max(t in own, 0.5 * (t in near), ACTOR_IN_DOC * (t in actors and t in held)) for t, w in weights.items()
        )
        if fams:
            covered += verb_weight * max(1.0 if f.in_terms(own) else 0.5 if f.in_terms(near) else 0.0 for f in fams)
        has_verb = any(f.in_terms(own) for f in key)
        coverage = covered / total
        fit = 0.0
        if shape.kind in ("when", "year", "who", "where", "number", "what"):
            fit = min(pick.best_fit(shape, row["text"], qterms | fam_terms, _stored(store, shape, row)), 2.0)
        base = 2.0 * coverage + 0.7 * _date_fit(shape, row) + 0.5 / (min(rank, RERANK_DEPTH) + 2)
        base += 0.3 * has_verb + 0.6 * (i in evented)
        if against and not has_verb and any(o.in_terms(own) for o in against):
            base -= 0.6
        out.append((i, base + 0.6 * fit, coverage, base))
    out.sort(key=lambda x: -x[1])
    return [(i, score, coverage) for i, score, coverage, _b in out], {i: b for i, _s, _c, b in out}


def _date_fit(shape: Shape, row: dict[str, Any]) -> float:
    """1 when the passage states a date the question gives, 0.3 when only its year fits, else 0."""
    if not shape.dates:
        return 0.0
    text = row["text"]
    written = {d.iso for d in pick.cands.dates(text) if d.iso}  # a date found in text always has one
    best = 0.0
    for d in shape.dates:
        if d.iso in written or any(w.endswith(d.iso.lstrip("-")) for w in written if d.iso.startswith("-")):
            best = max(best, 1.0)
        elif d.iso[:4] in {w[:4] for w in written} or (row.get("ref_date") or "").startswith(d.iso[:4]):
            best = max(best, 0.3)
    return best


def _compose(
    store: Store,
    shape: Shape,
    index: Index,
    rows: list[int],
    chosen: list[pick.Candidate],
    *,
    key_row: int | None = None,
) -> Answer:
    """Key item first, then the cited passage(s) on one line."""
    key_row = rows[0] if key_row is None else key_row
    key = pick.key_text(shape, chosen, _year_hint(shape, index.rows[key_row]))
    text = " ".join(index.rows[r]["text"] for r in rows)
    offset = sum(len(index.rows[r]["text"]) + 1 for r in rows if r < key_row)
    context = _context(text, [pick.Candidate(c.start + offset, c.end + offset, c.text, c.kind) for c in chosen])
    citations = []
    for r in rows:
        row = index.rows[r]
        citations.append(
            {
                "doc": row["doc"],
                "start": row["start"],
                "end": row["end"],
                "text": sql.original_span(store, row["doc"], row["start"], row["end"]),
            }
        )
    return Answer(f"{key}\n{context}" if key else context, citations, shape=shape.kind)


def _year_hint(shape: Shape, row: dict[str, Any]) -> str | None:
    ref = row.get("ref_date") or ""
    if len(ref) >= 4 and ref[:4].isdigit():
        return ref[:4]
    years = shape.years
    if len(years) == 1:
        return next(iter(years))
    return None


def _context(text: str, chosen: list[pick.Candidate]) -> str:
    """The passage on one line, cut to about CONTEXT_CHARS around the key item."""
    line = " ".join(text.split())
    if len(line) <= CONTEXT_CHARS:
        return line
    centre = chosen[0].start if chosen else 0
    start = max(0, min(centre - CONTEXT_CHARS // 2, len(line) - CONTEXT_CHARS))
    cut = line[start : start + CONTEXT_CHARS]
    return ("…" if start else "") + cut + ("…" if start + CONTEXT_CHARS < len(line) else "")
