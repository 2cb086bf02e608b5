"""Positions on issues the text names, without a list: "A insists on X", "B rejects any Y", "C called for Z".

:mod:`dyad.extract.positions` finds the issues and stances ``dyad/data/issues.yaml`` lists; this
module finds the others. A verb of ``open_stances`` (``support``: insist on, call for, back, ...;
``oppose``: reject, oppose, condemn, ...) whose subject is an actor takes a stance on its object,
the issue: a noun phrase read as lemmas ("the complete disengagement of troops" and "disengagement of
the troops" are both ``disengagement-of-troop``), so that one issue meets across documents. A light
noun ("any attempt to redraw the border", "a move towards talks") gives way to what it is about.
A modal or conditional verb takes no stance, nor does a verb under a negated one ("does not mean
that X supports"); a negated verb of ``negated_opposes`` opposes ("will never recognise", "does not
back"), other negated verbs take none ("does not insist on"). The holder of a verb with no subject
of its own is the subject of the verb it completes ("vowed to block the agreement", "pledged never
to recognise Kosovo"). An object that is itself an actor ("rejected
China") is an event, not an issue, except after the verbs of ``actor_issues`` ("recognise Kosovo":
the issue ``recognise-kosovo``). The issue may be an act, not a noun: "accused Kenya of meddling in
its politics" (``meddle-in-politic``), "called on both sides to carry out their obligations". One
noun alone is an issue only when definite ("welcomed the judgment"), not when light ("the step").
An adjective of ``stance_adjectives`` holds a stance on the act it governs ("remained keen to widen
trade", "is ready to sign the accord").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Span, Token

from dyad.records import ActorRef, Mention

_MODALS = frozenset({"might", "may", "could", "would", "should"})
_LINKS = frozenset({"of", "to", "on", "over", "in", "for", "with", "towards", "toward"})
_MAX_WORDS = 7


def _unreal(verb: Token, data: Any, *, negation: bool = True) -> bool:
    return any(
        (negation and c.dep_ == "neg") or c.lower_ in _MODALS or (c.dep_ == "mark" and c.lower_ in data.conditionals)
        for c in verb.children
    )


def _subject(verb: Token) -> Token | None:
    """The verb's own subject, else that of the verb it completes or goes with: "vowed to block" (xcomp),
    "welcomed the deal and called for ..." (conj), "cut ties, accusing Kenya of ..." (a participle)."""
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        shared = verb.dep_ in ("xcomp", "conj") or (verb.dep_ == "advcl" and verb.tag_ == "VBG")
        if subj is not None or not shared or verb.head == verb:
            return subj
        verb = verb.head
    return None


def _verb_stance(verb: Token, table: dict[str, str]) -> tuple[str, Token] | None:
    """(stance, object) for a stance verb with a noun object: "rejects any attempt", "called for talks"."""
    lemma = verb.lemma_.lower()
    for prep in (c for c in verb.children if c.dep_ in ("prep", "prt")):
        stance = table.get(f"{lemma} {prep.lower_}")
        obj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
        act = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if stance and act is not None and obj is not None and obj.dep_ == "pobj":
            return stance, act  # "called on both parties to carry out their obligations": the act is the issue
        if stance and obj is not None:
            return stance, obj
    stance = table.get(lemma)
    act = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if stance and act is not None and obj is not None:
        return stance, act  # "urged Kenya to withdraw its troops": the act is the issue
    return (stance, obj) if stance and obj is not None else None


def _act_phrase(verb: Token, light: frozenset[str]) -> list[Token]:
    """An act as an issue: the verb and its object, or its linked phrase ("meddling in Somali politics")."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
    if obj is not None:
        return [verb, *_phrase(obj, light, 1, alone=True)]
    for child in verb.rights:
        if child.dep_ == "prep" and child.lower_ in _LINKS:
            pobj = next((g for g in child.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")), None)
            if pobj is not None:
                return [verb, child, *(t for t in pobj.lefts if t.dep_ == "compound"), pobj]
    return []


def _phrase(head: Token, light: frozenset[str], depth: int = 0, *, alone: bool = False) -> list[Token]:
    """The issue's words: compounds, the head, and one linked phrase ("of troops", "to the status quo");
    a light noun hands over to what it is about ("attempt to redraw the border" -> "redraw border")."""
    if head.lemma_.lower() in light and depth < 2:
        for child in sorted(head.rights, key=lambda c: c.dep_ != "acl"):  # what it is about: an act first
            if child.dep_ == "acl" and child.pos_ == "VERB":
                obj = next((c for c in child.children if c.dep_ == "dobj"), None)
                return [child, *(_phrase(obj, light, depth + 1, alone=True) if obj is not None else [])]
            if child.dep_ == "prep" and child.lower_ in _LINKS:
                obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return _phrase(obj, light, depth + 1)
        return []  # "welcomed the step": about what, the sentence does not say
    words = [*(t for t in head.lefts if t.dep_ == "compound"), head]
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in _LINKS:
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                words += [child, *(t for t in obj.lefts if t.dep_ == "compound"), obj]
            break
    if len(words) == 1:  # one noun says little ("a proposal"): with its adjectives, else nothing
        words = [*(t for t in head.lefts if t.dep_ == "amod" and t.is_alpha and not t.is_stop), head]
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children)
    return words if len(words) > 1 or head.pos_ == "PROPN" or alone or definite else []


def issue_slug(words: Sequence[Token]) -> str:
    """Lower-case lemmas joined by hyphens: "the disengagement of troops" -> ``disengagement-of-troop``."""
    lemmas = [re.sub(r"[^\w]+", "", (t.lemma_ if t.pos_ != "PROPN" else t.text).lower()) for t in words]
    return "-".join(w for w in lemmas if w)[:80]


def open_positions(
    span: Span, mentions: list[Mention], shift: int, data: Any, holder: Any, taken: set[str | None]
) -> list[tuple[ActorRef, str, str]]:
    """``(actor, issue, stance)`` for each open stance in one sentence (``span``).

    ``holder(subject_token)`` gives the actor a subject names (or None); ``taken`` holds the
    country codes that already hold a listed position in this sentence (a listed cue wins).
    """
    table: dict[str, str] = data.open_stances
    if not table:
        return []
    out = []
    actor_issues: frozenset[str] = getattr(data, "actor_issues", frozenset())
    negated_opposes: frozenset[str] = getattr(data, "negated_opposes", frozenset())
    for verb in span:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in data.open_heads:
            continue
        if _unreal(verb, data, negation=False) or any(_unreal(v, data) for v in list(verb.ancestors)[:3]):
            continue  # "might reject", "if India demands", "does not mean that X supports"
        found = _verb_stance(verb, table)
        subj = _subject(verb)
        if found is None or subj is None:
            continue
        stance, obj = found
        if any(c.dep_ == "neg" for c in verb.children):
            if verb.lemma_.lower() not in negated_opposes:
                continue  # "did not reject", "does not insist on" say too little
            stance = "oppose"  # "will never recognise", "does not back"
        actor = holder(subj)
        if actor is None or actor.country in taken:
            continue
        if obj.pos_ == "VERB":
            words = _act_phrase(obj, data.light_nouns)
        elif obj.pos_ in ("NOUN", "PROPN"):
            lo, hi = obj.idx + shift, obj.idx + len(obj) + shift
            if any(m.start < hi and lo < m.end for m in mentions):
                if verb.lemma_.lower() not in actor_issues:
                    continue  # "rejected China": an act towards an actor, not an issue
                words = [verb, *(t for t in obj.lefts if t.dep_ == "compound"), obj]  # "recognise Kosovo"
            else:
                words = _phrase(obj, data.light_nouns)
        else:
            continue
        if 0 < len(words) <= _MAX_WORDS:
            out.append((actor, issue_slug(words), stance))
    return out + _adjective_stances(span, shift, mentions, data, holder, taken)


def _adjective_stances(
    span: Span, shift: int, mentions: list[Mention], data: Any, holder: Any, taken: set[str | None]
) -> list[tuple[ActorRef, str, str]]:
    """Stances an adjective holds: "Nairobi remained keen to widen trade" (support, widen-trade), "ready to
    sign the accord"; the subject of its verb holds it, which must not be negated, modal or conditional."""
    table: dict[str, str] = getattr(data, "stance_adjectives", {})
    out = []
    for adj in span:
        stance = table.get(adj.lower_) if adj.pos_ == "ADJ" and adj.dep_ == "acomp" else None
        if stance is None or _unreal(adj.head, data) or any(_unreal(v, data) for v in list(adj.head.ancestors)[:3]):
            continue
        subj = _subject(adj.head)
        actor = holder(subj) if subj is not None else None
        act = next((c for c in adj.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if actor is None or actor.country in taken or act is None:
            continue
        words = _act_phrase(act, data.light_nouns)
        if any(m.start < t.idx + len(t) + shift and t.idx + shift < m.end for m in mentions for t in words):
            continue  # "keen to meet Kenya": an act towards an actor
        if 0 < len(words) <= _MAX_WORDS:
            out.append((actor, issue_slug(words), stance))
    return out
