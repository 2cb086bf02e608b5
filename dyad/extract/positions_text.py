"""Positions on issues the text names, without a list: "A insists on X", "B rejects any Y", "C called for Z".

:mod:`dyad.extract.positions` finds the issues and stances ``dyad/data/issues.yaml`` lists; this
module finds the others. A verb of ``open_stances`` (``support``: insist on, call for, back, ...;
``oppose``: reject, oppose, condemn, ...) whose subject is an actor takes a stance on its object,
the issue: a noun phrase read as lemmas ("the complete disengagement of troops" and "disengagement of
the troops" are both ``disengagement-of-troop``), so that one issue meets across documents. A light
noun ("any attempt to redraw the border", "a move towards talks") gives way to what it is about.
A negated, modal or conditional verb takes no stance; an object that is itself an actor ("rejected
China") is an event, not an issue.
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


def _unreal(verb: Token, data: Any) -> bool:
    return any(
        c.dep_ == "neg" or c.lower_ in _MODALS or (c.dep_ == "mark" and c.lower_ in data.conditionals)
        for c in verb.children
    )


def _verb_stance(verb: Token, table: dict[str, str]) -> tuple[str, Token] | None:
    """(stance, object) for a stance verb with a noun object: "rejects any attempt", "called for talks"."""
    lemma = verb.lemma_.lower()
    for prep in (c for c in verb.children if c.dep_ in ("prep", "prt")):
        stance = table.get(f"{lemma} {prep.lower_}")
        obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if stance and obj is not None:
            return stance, obj
    stance = table.get(lemma)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return (stance, obj) if stance and obj is not None else None


def _phrase(head: Token, light: frozenset[str], depth: int = 0) -> list[Token]:
    """The issue's words: compounds, the head, and one linked phrase ("of troops", "to the status quo");
    a light noun hands over to what it is about ("attempt to redraw the border" -> "redraw border")."""
    if head.lemma_.lower() in light and depth < 2:
        for child in head.rights:
            if child.dep_ == "acl" and child.pos_ == "VERB":
                obj = next((c for c in child.children if c.dep_ == "dobj"), None)
                return [child, *(_phrase(obj, light, depth + 1) if obj is not None else [])]
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
    return words if len(words) > 1 or head.pos_ == "PROPN" else []


def issue_slug(words: Sequence[Token]) -> str:
    """Lower-case lemmas joined by hyphens: "the disengagement of troops" -> ``disengagement-of-troop``."""
    lemmas = [re.sub(r"[^\w]+", "", (t.lemma_ if t.pos_ != "PROPN" else t.text).lower()) for t in words]
    return "-".join(w for w in lemmas if w)[:80]


def open_positions(
    span: Span, mentions: list[Mention], shift: int, data: Any, holder: Any, taken: set[str]
) -> list[tuple[ActorRef, str, str]]:
    """``(actor, issue, stance)`` for each open stance in one sentence (``span``).

    ``holder(subject_token)`` gives the actor a subject names (or None); ``taken`` holds the
    country codes that already hold a listed position in this sentence (a listed cue wins).
    """
    table: dict[str, str] = data.open_stances
    if not table:
        return []
    out = []
    for verb in span:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in data.open_heads:
            continue
        if any(_unreal(v, data) for v in [verb, *list(verb.ancestors)[:3]]):
            continue  # "does not insist", "might reject", "if India demands", "does not mean that X supports"
        found = _verb_stance(verb, table)
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if found is None or subj is None:
            continue
        stance, obj = found
        actor = holder(subj)
        if actor is None or actor.country in taken or obj.pos_ not in ("NOUN", "PROPN"):
            continue
        lo, hi = obj.idx + shift, obj.idx + len(obj) + shift
        if any(m.start < hi and lo < m.end for m in mentions):
            continue  # "rejected China": an act towards an actor, not an issue
        words = _phrase(obj, data.light_nouns)
        if 0 < len(words) <= _MAX_WORDS:
            out.append((actor, issue_slug(words), stance))
    return out
