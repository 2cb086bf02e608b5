"""Positions: which actor takes which stance on which issue, when, in whose words.

Cue phrases per issue and stance live in ``dyad/data/issues.yaml``. A cue in a
sentence becomes a :class:`dyad.records.PositionRecord` only when an actor
holds it: the subject of a stance verb ("Japan insists on ...", "Lavrov said
...") among the linked mentions. A negator just before the cue drops it.
Precision over recall: an unattributed cue is no position. Stances on issues the list does not
name ("India insists on the disengagement of troops") come from :mod:`dyad.extract.positions.text`.

Judgements of events ("the summit was a success") are positions too, on the
issue ``evaluation:<object>-<YYYY-MM>``, so that :mod:`dyad.analysis.disagreements`
can set opposite judgements of the same event side by side. Unattributed
judgements are the document author's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from typing import Any

from spacy.tokens import Span, Token

from dyad.extract.parse import ParsedDoc
from dyad.extract.positions.text import open_positions
from dyad.knowledge.actors import Actors
from dyad.knowledge.issues import IssueData, publisher_country
from dyad.records import ActorRef, Mention, PositionRecord

_NEG_WINDOW = 4  # words before a cue searched for a negator
_WORD = re.compile(r"\w+")
_MODALS = frozenset({"might", "may", "could", "would"})
_NOT_HOLDERS = frozenset({"place"})  # a place is where, not who


def _cues_for(text: str, data: IssueData) -> Sequence[tuple[re.Pattern[str], str, str]]:
    """The cues worth trying on ``text`` (in ``data.cues`` order: longest first)."""
    if data.cue_heads is None:
        return data.cues
    words = set(_WORD.findall(text.lower()))
    words.add("")
    picked = sorted(k for head, ks in data.cue_heads if head in words for k in ks)
    return [data.cues[k] for k in picked]


def extract_positions(
    pdoc: ParsedDoc, mentions: Sequence[Mention], times: Any, data: IssueData, kb: Actors | None = None
) -> list[PositionRecord]:
    """Every attributed stance in the document, one record per (sentence, actor, issue); with ``kb``, each
    actor under its canonical name."""
    by_sent: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sent.setdefault(m.sentence, []).append(m)
    out: list[PositionRecord] = []
    author = _author(pdoc, mentions, data)
    last_person: Mention | None = None
    for sent, span in zip(pdoc.sentences, pdoc.spans, strict=True):
        seen: set[tuple[str, str]] = set()
        listed: set[str | None] = set()  # countries holding a listed position here: a listed cue wins
        here = by_sent.get(sent.idx, [])
        for pattern, issue, stance in _cues_for(sent.text, data):
            for hit in pattern.finditer(sent.text):
                if _negated(sent.text, hit.start(), data) or issue in {i for i, _ in seen}:
                    continue
                actor = _holder(span, here, hit.start(), data, sent.start - span.start_char, last_person)
                if actor is None:
                    continue
                seen.add((issue, stance))
                out.append(_record(pdoc, sent.idx, actor, issue, stance, times))
                listed.add(actor.country)
        shift = sent.start - span.start_char
        holder = partial(_open_holder, mentions=here, shift=shift, data=data, last_person=last_person)
        for actor, issue, stance in open_positions(span, here, shift, data, holder, listed):
            out.append(_record(pdoc, sent.idx, actor, issue, stance, times))
        out.extend(_evaluations(pdoc, sent.idx, span, here, times, data, author))
        last_person = next((m for m in reversed(here) if m.kind == "person" and m.country), last_person)
    return [replace(r, actor=_canonical(kb, r.actor)) for r in out] if kb is not None else out


def _canonical(kb: Any, actor: ActorRef) -> ActorRef:
    """A known actor under its knowledge-file name (``S. Abe`` -> Shinzo Abe); others as they were."""
    known = kb.by_id.get(actor.id)
    if known is None:
        return actor
    return ActorRef(known.id, known.name, known.country or actor.country)


def _record(pdoc: ParsedDoc, idx: int, actor: ActorRef, issue: str, stance: str, times: Any) -> PositionRecord:
    sent = pdoc.sentences[idx]
    return PositionRecord(
        actor=actor,
        issue=issue,
        stance=stance,
        date=_date(times, idx),
        quote=sent.text.strip(),
        evidence=pdoc.evidence(sent.start, sent.end),
    )


def _negated(text: str, pos: int, data: IssueData) -> bool:
    words = " ".join(re.findall(r"[\w']+", text[:pos].lower())[-_NEG_WINDOW:])
    return any(
        re.search(rf"(?<!\w){re.escape(n)}(?!\w)", words) or n == "n't" and "n't" in words for n in data.negators
    )


def _holder(
    span: Span, mentions: list[Mention], rel: int, data: IssueData, shift: int, last_person: Mention | None = None
) -> ActorRef | None:
    """The actor who is the subject of a stance or action verb governing the cue at ``rel``; None if nobody is.

    ``shift`` turns the paragraph Doc's character offsets into body offsets (where mentions live);
    a subject "he"/"she" stands for ``last_person``, the last person named before the sentence.
    """
    cue = next((t for t in span if t.idx - span.start_char >= rel), None)
    if cue is None:
        return None
    for verb in [cue, *cue.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in data.conditionals for c in verb.children):
            return None  # "if Russia had agreed to ..."
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "poss")), None)
        lemma = verb.lemma_.lower()
        if verb.pos_ in ("VERB", "AUX") and (lemma in data.verbs or lemma in data.actions):
            if any(c.dep_ == "neg" or c.lower_ in _MODALS for c in verb.children):
                return None  # "does not insist", "might propose"
            actor = _mention_in(subj, mentions, shift) if subj is not None else None
            if actor is None and subj is not None and subj.lower_ in data.pronouns and last_person is not None:
                m = last_person
                actor = ActorRef(m.entity or m.text.lower().replace(" ", "-"), m.text, m.country)
            if actor is not None:
                return actor
        if subj is not None:
            return None  # a nearer clause has its own subject: "due to Tokyo's moves to impose ..."
    return None


def _open_holder(
    subj: Token, mentions: list[Mention], shift: int, data: IssueData, last_person: Mention | None
) -> ActorRef | None:
    """The actor a subject names; "he" or "she" stands for the last person named before the sentence."""
    actor = _mention_in(subj, mentions, shift)
    if actor is None and subj.lower_ in data.pronouns and last_person is not None:
        m = last_person
        actor = ActorRef(m.entity or m.text.lower().replace(" ", "-"), m.text, m.country)
    return actor


def _mention_in(subj: Token, mentions: list[Mention], shift: int) -> ActorRef | None:
    lo = subj.left_edge.idx + shift
    hi = subj.right_edge.idx + len(subj.right_edge) + shift
    for m in mentions:
        if m.country and m.kind not in _NOT_HOLDERS and lo <= m.start < hi:
            return ActorRef(m.entity or m.text.lower().replace(" ", "-"), m.text, m.country)
    return None


def _author(pdoc: ParsedDoc, mentions: Sequence[Mention], data: IssueData) -> ActorRef:
    """The document's author, with a country from a publisher line, else its most mentioned state."""
    found = publisher_country(pdoc.original, data)
    if found is None:
        counts = Counter(m.country for m in mentions if m.country and m.kind == "state")
        country = counts.most_common(1)[0][0] if counts else None
    else:
        country = found[0]
    return ActorRef(f"author:{pdoc.name}", "the author", country)


def _evaluations(
    pdoc: ParsedDoc,
    idx: int,
    span: Span,
    mentions: list[Mention],
    times: Any,
    data: IssueData,
    author: ActorRef | None = None,
) -> list[PositionRecord]:
    """Judgements of an event in the sentence: "the summit was a clear success"."""
    words = {t.lower_ for t in span}
    text = pdoc.sentences[idx].text
    if not words & data.eval_objects or words & data.distancing or text.rstrip().endswith("?"):
        return []
    date = _date(times, idx)
    out = []
    for pattern, stance in data.eval_cues:
        m = pattern.search(text)
        if m is None or _negated(text, m.start(), data):
            continue
        # The judgement must sit next to what it judges: "the summit was a clear success".
        near = [t for t in span if t.lower_ in data.eval_objects and abs(t.idx - span.start_char - m.start()) < 40]
        if not near:
            continue
        obj = near[0].lower_
        shift = pdoc.sentences[idx].start - span.start_char
        actor = (
            _holder(span, mentions, m.start(), data, shift)
            or author
            or ActorRef(f"author:{pdoc.name}", "the author", None)
        )
        issue = f"evaluation:{obj}-{(date or 'undated')[:7]}"
        out.append(_record(pdoc, idx, actor, issue, stance, times))
        break
    return out


def _date(times: Any, idx: int) -> str | None:
    refs = getattr(times, "ref_dates", None)
    if refs is not None and idx < len(refs):
        return refs[idx]
    own = [t for t in getattr(times, "times", times or []) if t.sentence == idx]
    return own[0].value if own else None
