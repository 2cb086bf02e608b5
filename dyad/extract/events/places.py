"""Places in events: where something happened is the event's ``location``, never one of its sides.

The actor linker types towns, regions and islands as ``place`` mentions, and so are the
venues named after a gathering ("the Eastern Economic Forum", "the East Asia Summit").
An event's source and target must be able to act (states, persons, organisations, acting
bodies), so before the sides of a trigger are resolved each place mention is read again:

- a place the trigger happens *in* or *at* ("met in Nagato") is the location; for a meeting
  or visit it also names the host, the state the place belongs to ("a visit to Nagato" ->
  Japan, with location Nagato);
- a place an act is aimed *at* ("sanctions on Moscow", "a trip to Sochi") stands for the
  state it belongs to;
- a capital or seat of power (linked as a ``metonym``) stands for its state wherever it is
  ("the Tokyo Declaration", "talks between Moscow and Tokyo");
- any other place is no actor at all: "the Vladivostok proposal" names where, not who.

A stand-in is the state's own mention over the place's words (``how="place"``); a place with
no state (a disputed island) or a venue names no side, and when no other side can be found
the event is dropped rather than invented.

>>> # view, location = place_view(sa, args, host=True, lex=lex, kb=kb)
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from typing import Any

from spacy.tokens import Token

from dyad.errors import KnowledgeError
from dyad.extract.events.args import Args, SentenceActors
from dyad.knowledge.events import Lexicon
from dyad.records import Mention

_NAME_PARTS = frozenset({"compound", "flat", "appos", "conj"})  # a token inside or beside a name


def is_venue(m: Mention, lex: Lexicon, kb: Any) -> bool:
    """An organisation named for a gathering ("Eastern Economic Forum", "East Asia Summit"): a place, not a party."""
    if m.kind != "organisation":
        return False
    name = m.text
    if m.entity and kb is not None:
        with suppress(KnowledgeError):  # a slug the knowledge base does not hold: keep the surface
            name = kb.get(m.entity).name or name
    words = name.lower().split()
    return bool(words) and words[-1] in lex.cue("venue_nouns")


def _seat(m: Mention, kb: Any) -> bool:
    """A capital or seat of power, which acts for its state (``Tokyo``, ``the Kremlin``)."""
    if m.how == "metonym":
        return True
    state = kb.state(m.country) if kb is not None and m.country else None
    return bool(state and m.text in state.metonyms)


def _stand_in(m: Mention, kb: Any) -> Mention | None:
    """The state a place belongs to, cited over the place's words; None when it has none."""
    if not m.country:
        return None
    state = kb.state(m.country) if kb is not None else None
    if kb is not None and state is None:
        return None
    return replace(m, entity=state.id if state else m.country, kind="state", how="place")


def place_view(
    sa: SentenceActors, args: Args, trigger: Token, *, host: bool, lex: Lexicon, kb: Any
) -> tuple[SentenceActors, str | None]:
    """The sentence's actors as ``trigger`` sees them, and where the trigger happened.

    ``host`` is true for meetings, visits and statements, whose place names the host state.
    Example: for "Putin arrived in Nagato" the Nagato mention becomes Japan, location "Nagato".
    """
    at, aimed, acting = set(args.place), set(args.target), set(args.source)
    # a state named only as where two other states met ("Ali and Maduro agreed to meet again in Brazil")
    places = [m for m in sa.mentions if m.kind == "place" or is_venue(m, lex, kb) or _state_as_place(m, sa, at)]
    if not places:
        return sa, None
    keep = [m for m in sa.mentions if m not in places]
    # two sides already named ("Vucic and Kurti met in Brussels"): the meeting's place is only where it was
    named = len({m.country for m in keep if m.country}) >= 2
    where: list[Mention] = []
    for m in places:
        inside = set(sa.tokens_of(m))
        toks = {i for i in inside if _attached(sa.span.doc[i], trigger)}
        seat = m.kind == "place" and _seat(m, kb)
        acts = seat and bool(toks & acting) and trigger.pos_ != "NOUN"  # "Moscow hosted the talks"
        here = bool(toks & at) or (host and not acts and bool(toks & (aimed | acting)))
        if here:
            where.append(m)
        if _names_the_act(m, sa, trigger):
            continue  # "the Minsk agreements", "the Brussels Agreement": where it was made, not a party to it
        # a capital stands for its state on either side of the act, wherever in that side's phrase
        hosts = host and here and not (named and toks & at)
        if m.kind == "place" and (hosts or (seat and not toks & at and inside & (aimed | acting))):
            stand = _stand_in(m, kb)
            if stand is not None:
                keep.append(stand)
    keep.sort(key=lambda m: m.start)
    location = min(where, key=lambda m: (m.kind != "place", m.start)).text if where else None
    return SentenceActors(sa.span, sa.offset, keep), location


def _state_as_place(m: Mention, sa: SentenceActors, at: set[int]) -> bool:
    """A state the act only happens in, while two other states are its sides."""
    if m.kind != "state" or not set(sa.tokens_of(m)) & at:
        return False
    return len({o.country for o in sa.mentions if o.country and o.country != m.country}) >= 2


def _names_the_act(m: Mention, sa: SentenceActors, trigger: Token) -> bool:
    """Whether a place is part of the name of the act's own noun ("the Brussels Agreement")."""
    toks = sa.tokens_of(m)
    return trigger.pos_ in {"NOUN", "PROPN"} and any(
        sa.span.doc[i].dep_ == "compound" and sa.span.doc[i].head.i == trigger.i for i in toks
    )


def _attached(tok: Token, trigger: Token) -> bool:
    """True when ``tok`` hangs from the trigger (or its object), directly or through one preposition
    ("visited Tokyo", "met in Nagato", "the Sochi summit"), not from a noun further down
    ("invested in ties with Moscow")."""
    # a light verb's object carries the place too: "held talks in Sochi"
    goals = {trigger.i, *(c.i for c in trigger.children if c.dep_ == "dobj")}
    node = tok
    while node.head.i not in goals and node.head.i != node.i and node.dep_ in _NAME_PARTS:
        node = node.head
    head = node.head
    return head.i in goals or (head.dep_ in {"prep", "agent"} and head.head.i in goals)
