"""Date an event trigger: the time expression that governs it, else the story's time.

The time expression closest to the trigger inside the trigger's own phrase (its
dependency subtree, minus the phrases of other triggers) wins: "Putin's 2000 Tokyo
visit and Koizumi's 2003 trip" gives each visit its own year. Otherwise the time
layer's :meth:`date_for` decides, and failing that the sentence's reference date
(the caller's fallback, which carries less precision than a date in the sentence).

An event placed by its distance from a date the sentence states ("visited Tokyo in
January 1972, one month before Nixon's visit to China") is dated by that distance:
the anchor date moved by the stated number of days, weeks, months or years.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from spacy.tokens import Token

from dyad.extract.events.modality import object_controlled
from dyad.extract.events.triggers import Trigger
from dyad.extract.parse import to_infinitive
from dyad.records import TimeExpr

_DESCRIBING = frozenset({"appos", "relcl"})


def _own_tokens(trig: Trigger, triggers: list[Trigger], apart: list[Token]) -> set[int]:
    """The trigger's phrase, less other triggers' phrases and the parts with a time of their own (``apart``)."""
    own = {t.i for t in trig.token.subtree}
    for tok in apart:
        own -= {t.i for t in tok.subtree}
    for other in triggers:
        if other.token is not trig.token and other.token.i in own and not _purpose_of(other.token, trig.token):
            own -= {t.i for t in other.token.subtree}
    return own


def _purpose_of(noun: Token, verb: Token) -> bool:
    """ "travelled to Pyongyang for a summit from 18 to 20 September": the trip is dated by what it was for."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ == "for" and prep.head.i == verb.i


def _timed_apart(trig: Trigger, plans: frozenset[str], agents: Collection[str]) -> list[Token]:
    """The heads of the parts of the trigger's phrase that have a time of their own: a description of one of its
    words ("talks in the valley, scene of a skirmish on Monday"; "a pact in a border accord, which parliament
    approved a year later"), a clause with its own subject, or what a verb commits to ("agreed to coordinate a
    visit as early as this summer")."""
    return [
        tok
        for tok in trig.token.subtree
        if tok.i != trig.token.i
        and (
            tok.dep_ in _DESCRIBING
            or _own_clause(tok)
            or _planned(tok, trig, plans)
            or _reason_of(tok, trig, agents)
            or _deadline(tok)
        )
    ]


#: the time lexicon's ``deadline`` words (dyad/data/time.yaml) less "before": "before 1945" bounds, it sets no term
_DEADLINE_WORDS = frozenset({"by", "until", "till"})


def _deadline(tok: Token) -> bool:
    """A "by" or "until" phrase naming a date ("to replace the personnel by May 10"): a deadline, not when the
    act was done."""
    return (
        tok.dep_ == "prep"
        and tok.lower_ in _DEADLINE_WORDS
        and any(c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"} for c in tok.children)
    )


def _reason_of(tok: Token, trig: Trigger, agents: Collection[str]) -> bool:
    """The "for" or "of" phrase giving the reason or the charge of a verb with an object ("blaming Armenia for
    the invasions of 20 November"): its time is the reason's."""
    return not trig.nominal and tok.head.i == trig.token.i and object_controlled(tok, agents)


def _planned(tok: Token, trig: Trigger, plans: frozenset[str]) -> bool:
    """An infinitive the trigger, a verb of plan or commitment (``plans``), governs: the act it commits to,
    planned for a time of its own ("agreed to coordinate a visit as early as this summer"; a refusal's time
    is the refused act's: "refused to talk with him in May 2022")."""
    return (
        not trig.nominal
        and trig.token.lemma_.lower() in plans
        and tok.head.i == trig.token.i
        and tok.dep_ in {"xcomp", "advcl"}
        and to_infinitive(tok)
    )


_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip
_DISTANCE = re.compile(r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})[\s-]+"
                       r"(day|week|month|year)s?\W*$", re.IGNORECASE)  # fmt: skip
_PRECISION = {"day": 10, "week": 10, "month": 7, "year": 4}


def shift(value: str, amount: int, unit: str) -> str | None:
    """``value`` (an ISO partial date) moved by ``amount`` units; None when the unit is finer than the date.

    >>> shift("1972-01", 1, "month"), shift("1972-12", -1, "year"), shift("1972", 1, "month")
    ('1972-02', '1971-12', None)
    """
    if len(value) < _PRECISION[unit] or not value[:4].isdigit():
        return None
    y, m = int(value[:4]), int(value[5:7]) if len(value) >= 7 else 1
    if unit in {"year", "month"}:  # kept at the anchor's own precision (a day keeps its day, up to 28)
        months = y * 12 + m - 1 + amount * (12 if unit == "year" else 1)
        out = f"{months // 12:04d}-{months % 12 + 1:02d}"
        if len(value) == 10:
            out += f"-{min(int(value[8:10]), 28):02d}"
        return out[: len(value)]
    day = date(y, m, int(value[8:10])) + timedelta(days=amount * (7 if unit == "week" else 1))
    return day.isoformat()


def _distance_date(trig: Trigger, sent_times: list[TimeExpr], offset: int) -> TimeExpr | None:
    """ "N months before/after <trigger>", measured from the sentence's date stated just before it."""
    tok = trig.token
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in {"before", "after"}:
        return None
    text = tok.doc.text[max(0, prep.idx - 24) : prep.idx]
    found = _DISTANCE.search(text)
    if not found:
        return None
    amount = int(found[1]) if found[1].isdigit() else _NUMBERS[found[1].lower()]
    at = offset + prep.idx - len(found[0])
    anchors = [t for t in sent_times if t.end <= at and not t.relative]
    if not anchors:
        return None
    anchor = max(anchors, key=lambda t: t.end)
    # the trigger lies *after* the anchor when the anchor came "before" it, and the other way round
    value = shift(anchor.value, amount if prep.lower_ == "before" else -amount, found[2].lower())
    return replace(anchor, value=value, end_value=None) if value else None


def event_date(
    trig: Trigger,
    triggers: list[Trigger],
    sent_times: list[TimeExpr],
    layer: Any,
    idx: int,
    offset: int,
    act_nouns: Mapping[str, tuple[str, str | None]] | None = None,
    plans: frozenset[str] = frozenset(),
    agents: Collection[str] = (),
) -> TimeExpr | None:
    """The TimeExpr dating ``trig`` (sentence ``idx``; ``offset`` is its paragraph's body offset).

    ``act_nouns`` (the lexicon's event nouns) tell an act ("his statement of March 2012", when the act
    happened) from a thing ("the alliance of 1778", which an act is done to); the time of an infinitive that a
    verb of ``plans`` governs is the plan's, not the act's ("agreed in May to meet in July").
    """
    if trig.nominal:
        moved = _distance_date(trig, sent_times, offset)
        if moved is not None:
            return moved
    apart = _timed_apart(trig, plans, agents)
    own = _own_tokens(trig, triggers, apart)
    doc = trig.token.doc
    starts = {offset + doc[i].idx for i in own}
    pos = offset + trig.token.idx
    inside = [t for t in sent_times if any(t.start <= s < t.end for s in starts)]
    # "abrogated the alliance of 1778": a year naming the thing acted on is not when the act happened,
    # unless the act made the thing ("signed the Treaty of 1855")
    named = (
        []
        if trig.nominal or trig.type == "AGREE"
        else [t for t in sent_times if _of_year(t, layer, doc, offset, act_nouns)]
    )
    inside = [t for t in inside if t not in named and not _bound(t, layer)]  # "the first meeting since 2016"
    if inside:
        # a year naming a thing ("observe the 2003 ceasefire") dates the act only when nothing else does
        return min(
            inside,
            key=lambda t: (
                _names_thing(t, trig, offset) or _of_year(t, layer, doc, offset, act_nouns),
                abs(t.start - pos),
                t.start,
            ),
        )
    told = _when_clause_of(trig, sent_times, offset)
    if told is not None:
        return told  # "until March 1970, when the Shah abandoned the claim": the act is at that time, bound or not
    date_for = getattr(layer, "date_for", None)
    found = date_for(idx, pos) if date_for else None
    if found is not None and _in_description(found, offset, apart):
        return None  # "rejecting its offer of a dog to go with the one he received in 2012": that clause's own time
    if found is not None and _another_acts_time(found, trig, triggers, offset):
        return None  # "the shelling answers a March 30 strike on a border post": that strike's own date
    return None if found in named else found


_CAUSE_PREPS = frozenset({"for", "after", "following", "over"})


def _another_acts_time(found: TimeExpr, trig: Trigger, triggers: list[Trigger], offset: int) -> bool:
    """Whether a time lies inside the phrase of another act noun that is the trigger's cause ("in retaliation
    for an April 1 strike", "after the May 2010 raid"), one that does not hold the trigger."""
    for other in triggers:
        tok = other.token
        if other is trig or not other.nominal or trig.token.i in {t.i for t in tok.subtree}:
            continue
        if not (tok.dep_ == "pobj" and tok.head.lower_ in _CAUSE_PREPS):
            continue
        lo, hi = offset + tok.left_edge.idx, offset + tok.idx + len(tok.text)
        if lo <= found.start and found.end <= hi:
            return True
    return False


_CLAUSES = frozenset({"advcl", "ccomp", "acl"})


def _when_clause_of(trig: Trigger, sent_times: Sequence[TimeExpr], offset: int) -> TimeExpr | None:
    """The time expression a "when" clause holding the trigger describes ("until 1994, when the army
    attacked"), if the trigger's verb is that clause's own."""
    tok = trig.token
    when = next((c for c in tok.children if c.lower_ == "when" and c.i < tok.i), None)
    if trig.nominal or when is None or tok.dep_ not in {"relcl", "advcl"}:
        return None
    if tok.dep_ == "relcl":
        at = offset + tok.head.idx
        return next((t for t in sent_times if t.start <= at < t.end), None)
    # "until May 1931 when Chile attacked", however the parser hung the clause: the time just before "when"
    text = tok.doc.text
    before = [t for t in sent_times if t.end - offset <= when.idx]
    return next((t for t in before if not text[t.end - offset : when.idx].strip(" ,")), None)


def _own_clause(tok: Token) -> bool:
    """A clause with a subject of its own ("... after Saudi Arabia executed a cleric in 2012"): another
    act, with its own time."""
    return tok.dep_ in _CLAUSES and any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children)


def _info(t: TimeExpr, layer: Any) -> Any:
    """What the time layer knows of one of its expressions (attributive, open bound ...), if anything."""
    infos, times = getattr(layer, "info", []), getattr(layer, "times", [])
    return next((i for x, i in zip(times, infos, strict=False) if x is t), None)


def _bound(t: TimeExpr, layer: Any) -> bool:
    """Whether a time expression is an open bound ("since 2016", "until 2021"): it says when a stretch
    began or ends, not when an act happened."""
    info = _info(t, layer)
    return info is not None and info.open is not None and t.end_value is None  # "from 14 to 16 July" is a span


def _in_description(t: TimeExpr, offset: int, apart: list[Token]) -> bool:
    """Whether a time expression lies in a part of the trigger's phrase with a time of its own (``apart``,
    :func:`_timed_apart`: a clause describing one of its words, what the trigger aims at)."""
    return any(t.start <= offset + d.idx < t.end for tok in apart for d in tok.subtree)


def _of_year(
    t: TimeExpr, layer: Any, doc: Any, offset: int, act_nouns: Mapping[str, tuple[str, str | None]] | None
) -> bool:
    """Whether a time expression names a thing after "of" ("the alliance of 1778"; not "the summer of 1945",
    nor an act other than an agreement: "his statement of March 2012")."""
    info = _info(t, layer)
    if info is None or not info.attributive:
        return False
    span = doc.char_span(t.start - offset, t.end - offset, alignment_mode="expand")
    if span is None or span.start < 2 or doc[span.start - 1].lower_ != "of":
        return False
    act = (act_nouns or {}).get(doc[span.start - 2].lemma_.lower())
    return act is None or act[0] == "AGREE"


_MODIFIER_DEPS = frozenset({"nummod", "compound", "amod", "nmod"})


def _names_thing(t: TimeExpr, trig: Trigger, offset: int) -> bool:
    """Whether the time expression modifies a noun other than the trigger ("the 2003 ceasefire")."""
    doc = trig.token.doc
    span = doc.char_span(t.start - offset, t.end - offset, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return (root.dep_ in _MODIFIER_DEPS and root.head.pos_ in ("NOUN", "PROPN") and root.head.i >= span.end
            and root.head.i != trig.token.i)  # fmt: skip


def is_future(value: str | None, doc_date: str | None) -> bool:
    """True when ``value`` lies after the document's date, compared at their common precision.

    A day after the story's own day is still its present: a story filed on 25 August under a page
    stamped the 26th, or told across time zones.

    >>> is_future("2021-08-26", "2021-08-25"), is_future("2021-08-27", "2021-08-25"), is_future("2022", "2021-08")
    (False, True, True)
    """
    if not value or not doc_date:
        return False
    n = min(len(value), len(doc_date))
    if n == 10 and value[:4].isdigit() and doc_date[:4].isdigit():
        try:
            return date.fromisoformat(value[:10]) > date.fromisoformat(doc_date[:10]) + timedelta(days=1)
        except ValueError:
            pass
    return value[:n] > doc_date[:n]
