"""The sides of an event: who acted on whom, from the sentence's mentions, its parse and the document's pair.

A trigger's source and target come from the linked mentions its parse arguments cover
(:mod:`dyad.extract.events.args`). Where the sentence leaves a side out, it is filled only from what the reader has
in view: "the two sides", "both countries", "the foreign ministers" of a paragraph naming both, "they" acting
together stand for the document's pair (:class:`Dyad`, its two states told together most often); a one-sided act
takes the other state of the pair only when the paragraph names it. Places, venues, topics, origins, things received
or seized, and doers that are no state are no sides.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from contextlib import suppress
from itertools import combinations
from typing import Any

from spacy.tokens import Token

from dyad.errors import KnowledgeError
from dyad.extract.events.args import Args, SentenceActors, phrase_tokens
from dyad.extract.events.triggers import Trigger
from dyad.knowledge.actors import ORG_CODES, state_of
from dyad.knowledge.events import Lexicon
from dyad.records import ActorRef, EventRecord, Mention

STATEMENT_MODE = "statement"


class Dyad:
    """The document's two most-mentioned states, and how to cite each."""

    def __init__(
        self,
        mentions: list[Mention],
        kb: Any,
        paras: list[int] | None = None,
        named: list[Mention] | None = None,
        mutual: set[int] | None = None,
    ) -> None:
        counts = Counter(state_of(m.country) for m in mentions if m.country and is_state_code(m.country))
        self.pair = _main_pair(mentions, counts)
        self._paras = paras or []  # sentence -> paragraph
        self._mutual = mutual or set()  # sentences naming both sides in a word ("in both countries")
        self._seen: dict[str, set[int]] = {}  # state -> sentences naming it (its people, places, adjective)
        for m in mentions if named is None else named:
            if m.country:
                self._seen.setdefault(state_of(m.country) or "", set()).add(m.sentence)
        self.focus: int | None = None  # the sentence being read
        self._refs: dict[str, ActorRef] = {}
        raw = Counter(m.country for m in mentions if m.country)
        for code in self.pair:
            best = max((c for c in raw if state_of(c) == code), key=lambda c: (raw[c], c))
            state = kb.state(best) if kb is not None else None
            self._refs[code] = ActorRef(state.id, state.name, best) if state else ActorRef(best, best, best)

    def other(self, code: str | None) -> ActorRef | None:
        """The dyad partner of ``code``, when the text around the sentence being read names it.

        The partner stands in for a side the sentence leaves out only where the reader has it in
        mind: named in this sentence or earlier in the same paragraph. A document's main pair is
        no licence to pair a state with a partner the passage never names.
        """
        if len(self.pair) < 2 or state_of(code) not in self.pair:
            return None
        partner = self.pair[1] if state_of(code) == self.pair[0] else self.pair[0]
        return self._refs[partner] if self._salient(partner) else None

    def _salient(self, state: str) -> bool:
        if self.focus is None:
            return True
        seen = self._seen.get(state, set())
        here = self.focus
        para = self._paras[here] if here < len(self._paras) else None
        return any(s == here or (para is not None and s < here and self._paras[s] == para) for s in seen)

    def other_near(self, code: str | None, *, ahead: bool = False) -> ActorRef | None:
        """The dyad partner of ``code`` when named in this paragraph or the one before it (with ``ahead``, also
        later in this paragraph: "Nepal protested the next day ... India replied the same day")."""
        if len(self.pair) < 2 or state_of(code) not in self.pair or self.focus is None:
            return None
        partner = self.pair[1] if state_of(code) == self.pair[0] else self.pair[0]
        here = self.focus
        para = self._paras[here] if here < len(self._paras) else None
        seen = self._seen.get(partner, set())
        near = para is not None and any(
            (s <= here and para - 1 <= self._paras[s] <= para) or (ahead and self._paras[s] == para) for s in seen
        )
        return self._refs[partner] if near else None

    def both(self) -> tuple[ActorRef, ActorRef] | None:
        return (self._refs[self.pair[0]], self._refs[self.pair[1]]) if len(self.pair) == 2 else None

    def both_in_view(self) -> tuple[ActorRef, ActorRef] | None:
        """The main pair, when the paragraph so far names both, each or in one word ("both countries"): the
        sides of a mutual act told without them."""
        if len(self.pair) < 2:
            return None
        if all(self._salient(code) for code in self.pair) or self._said_both():
            return self.both()
        return None

    def _said_both(self) -> bool:
        if self.focus is None or self.focus >= len(self._paras):
            return False
        para = self._paras[self.focus]
        return any(s <= self.focus and self._paras[s] == para for s in self._mutual)


def _main_pair(mentions: list[Mention], counts: Counter[str | None]) -> tuple[str, ...]:
    """The two states told together most often: the pair named in the most sentences together, its states'
    mentions breaking ties; the two most-mentioned when no sentence names two. A third state named often but
    apart ("with China's help") does not displace the pair the story is about."""
    by_sentence: dict[int, set[str]] = {}
    first: dict[str, int] = {}
    for m in mentions:
        if m.country and is_state_code(m.country) and (code := state_of(m.country)):
            first.setdefault(code, m.start)
            if m.kind in ("state", "person"):  # the sides told together, not where ("signed in Quito")
                by_sentence.setdefault(m.sentence, set()).add(code)
    together: Counter[tuple[str, str]] = Counter()
    for codes in by_sentence.values():
        together.update(combinations(sorted(codes), 2))
    if together:
        best = max(together, key=lambda p: (together[p], counts[p[0]] + counts[p[1]], -first[p[0]] - first[p[1]]))
        return tuple(sorted(best, key=lambda c: (-counts[c], first[c])))
    return tuple(code for code, _ in counts.most_common(2) if code)


def is_state_code(code: str) -> bool:
    return len(code) == 3 and code.isalpha() and code.isupper() and code not in ORG_CODES


def actor_ref(m: Mention, kb: Any) -> ActorRef:
    """An :class:`ActorRef` for a linked (or unknown but typed) mention."""
    name = m.text
    if m.entity and kb is not None:
        with suppress(KnowledgeError):  # an id the knowledge base does not hold (a slug): keep the surface
            name = kb.get(m.entity).name or name
    ident = m.entity or "-".join(m.text.lower().split())
    return ActorRef(ident, name, m.country)


def is_mutual(tokens: tuple[int, ...], span_doc: Any, lex: Lexicon) -> bool:
    """ "the two sides", "both countries", "the two leaders": a subject naming both parties."""
    heads, numbers = lex.cue("mutual_heads"), lex.cue("mutual_numbers")
    for i in tokens:
        tok = span_doc[i]
        if tok.lemma_.lower() not in heads:
            continue
        if any(c.lower_ in numbers for c in tok.children):
            return True
        # "the heads of the two security services", "the governors of the two border provinces"
        whole = (g for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children)
        if tok.tag_ == "NNS" and any(c.lower_ in numbers for g in whole for c in g.children):
            return True
    return False


def _third_to(src: Mention, dyad: Dyad) -> tuple[ActorRef, ActorRef] | None:
    """The document's pair, when ``src`` is a third party to it ("Kenya urged both sides ...")."""
    both = dyad.both()
    return both if both and state_of(src.country) not in {state_of(b.country) for b in both} else None


def _they_together(args: Args, trig: Trigger, lex: Lexicon) -> bool:
    """ "they" as the subject of an act done together (a mutual act, or one told as joint): the pair in view."""
    doc = trig.token.doc
    if not (_they(args, trig) or any(_the_plural(doc[i], lex) for i in args.source)):
        return False
    joint = lex.cue("mutual_words") | {"joint"}
    return lex.is_mutual(trig.type, trig.mode) or any(t.lower_ in joint for t in trig.token.subtree)


def _two_people(args: Args, trig: Trigger) -> bool:
    """ "Evans and Alatas signed": the verb's subject joins two or more people's names."""
    doc = trig.token.doc
    starts = [i for i in args.source if doc[i].ent_type_ == "PERSON" and doc[i].ent_iob_ == "B"]
    return len(starts) >= 2 and not trig.nominal


def _made_unsaid(trig: Trigger, lex: Lexicon) -> bool:
    """ "a first ceasefire agreed on the evening of 29 April": a participle telling how an act noun's act was done,
    with no doer named (not "projects being negotiated": a thing, described)."""
    tok = trig.token
    return (
        tok.dep_ == "acl"
        and tok.tag_ == "VBN"
        and tok.head.lemma_.lower() in lex.nouns
        and not any(c.dep_ in {"agent", "auxpass"} for c in tok.children)
    )


#: verbs a meeting is the subject of when it is told as having happened ("The first round took place in Tokyo")
_HAPPENED = frozenset({"take", "hold", "open", "begin", "start", "resume", "convene"})


def _took_place(trig: Trigger) -> bool:
    """ "The first meeting of the core group took place in Male", "talks were held in Tokyo", "the first round of
    negotiations took place": a meeting noun (or the round of one) as the subject of its own happening."""
    tok = trig.token
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
        tok = tok.head.head  # "The first formal round of negotiations took place in Tokyo"
    if not trig.nominal or tok.dep_ not in {"nsubj", "nsubjpass"} or tok.head.lemma_.lower() not in _HAPPENED:
        return False
    verb = tok.head
    if verb.lemma_.lower() == "take":
        return any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children)
    return verb.lemma_.lower() != "hold" or tok.dep_ == "nsubjpass"


def _teller(tok: Token, lex: Lexicon) -> set[int]:
    """The tokens of the subject of a verb of saying whose reported clause holds ``tok`` ("Islamabad" in
    "Islamabad said two children were killed"); empty when no such verb governs it."""
    node = tok
    for _ in range(4):
        if node.head.i == node.i:
            return set()
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in lex.cue("reporting_verbs"):
            return {t.i for c in node.head.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree}
        node = node.head
    return set()


def _they(args: Args, trig: Trigger) -> bool:
    """ "they" as the verb's own subject."""
    doc = trig.token.doc
    return any(doc[i].lower_ == "they" and doc[i].dep_ in {"nsubj", "nsubjpass"} for i in args.source)


def _the_plural(tok: Token, lex: Lexicon) -> bool:
    """ "the leaders", "the sides" as a subject: a bare definite plural of a party noun, pointing back like "they"."""
    return (
        tok.dep_ in {"nsubj", "nsubjpass"}
        and tok.tag_ == "NNS"
        and tok.lemma_.lower() in lex.cue("mutual_heads")
        and [c.lower_ for c in tok.children if not _plain_modifier(c)] == ["the"]
    )


def _plain_modifier(tok: Token) -> bool:
    """ "foreign" in "the foreign ministers": a lower-case word before the noun naming no party."""
    return tok.dep_ in {"amod", "compound"} and tok.i < tok.head.i and tok.is_lower and not tok.n_lefts


def _nearest_other(sa: SentenceActors, pos: int, country: str | None, exclude: set[int]) -> Mention | None:
    cands = [
        m for m in sa.mentions if m.country and state_of(m.country) != state_of(country) and m.start not in exclude
    ]
    return min(cands, key=lambda m: (abs(m.start - pos), m.start)) if cands else None


Resolved = tuple[ActorRef, ActorRef, list[Mention]]


def resolve_actors(trig: Trigger, args: Args, sa: SentenceActors, dyad: Dyad, lex: Lexicon, kb: Any) -> list[Resolved]:
    """Source and target refs (and the mentions used) for a trigger: none when unknown, several
    when co-agents act on one target ("sanctions by the United States and the EU on Russia")."""
    if trig.token.lemma_.lower() in lex.cue("mediating_words"):
        go_between = [m for m in sa.covering(args.source) if m.country]
        return _mediated(go_between[0], trig, sa, dyad, lex, kb) if go_between else []
    # "Sarkozy, whose country then held the presidency of the EU, met Medvedev": the EU is no side; "after talks
    # mediated by Switzerland, the two sides signed": nor is the mediator
    aside = _whose_clauses(trig, args, sa) | _go_betweens(trig, sa, lex)
    if aside:
        sa = SentenceActors(sa.span, sa.offset, [m for m in sa.mentions if not set(sa.tokens_of(m)) & aside])
    venues = [m for m in sa.mentions if _venue(m, trig, sa, lex)]
    if venues:
        sa = SentenceActors(sa.span, sa.offset, [m for m in sa.mentions if m not in venues])
    topic = _topic_tokens(trig, args)
    if topic:  # "discussed the situation on the Armenian-Azerbaijani border": what was talked about is no side
        sa = SentenceActors(sa.span, sa.offset, [m for m in sa.mentions if not set(sa.tokens_of(m)) & topic])
    origins = [m for m in sa.mentions if m.country and _origin(m, sa, lex, trig)]
    if origins:
        sa = SentenceActors(sa.span, sa.offset, [m for m in sa.mentions if m not in origins])
    if lex.quad(trig.type).endswith("cooperation"):  # "an alliance with the colonists against Britain"
        sa = SentenceActors(sa.span, sa.offset, [m for m in sa.mentions if not _under(m, trig, sa, _AGAINST)])
    if trig.type == "RETREAT" and not trig.nominal:  # "withdrew to Iran": where it went is no side
        sa = SentenceActors(sa.span, sa.offset, [m for m in sa.mentions if not _under(m, trig, sa, _DESTINATION)])
    src = [m for m in sa.covering(args.source) if m.country]
    tgt = [m for m in sa.covering(args.target) if m.country]
    pos = sa.offset + trig.token.idx
    if src and any(state_of(m.country) != state_of(src[0].country) for m in src) and _one_name(src, sa):
        src = [_head_mention(src, args.source, sa)]  # "President Fernandez de Kirchner" is Kirchner
    if src and any(state_of(m.country) != state_of(src[0].country) for m in src):
        if _coordinated(src, sa) or _co_modifiers(src, sa):
            return _several_sources(src, tgt, sa, dyad, kb, mutual=lex.is_mutual(trig.type, trig.mode))
        src = [m for m in src if state_of(m.country) == state_of(src[0].country)]  # "the PM of Japan, in Mexico"
    outside = [m for m in tgt if state_of(m.country) not in set(dyad.pair)]
    if not src and outside and not lex.is_mutual(trig.type, trig.mode):
        # "the two sides criticised China's coast guard", "They also voiced concern over China's actions" after a
        # meeting of the pair: each of the two acts on the third state
        doc = trig.token.doc
        pointing = _they(args, trig) or any(_the_plural(doc[i], lex) for i in args.source)
        both = dyad.both() if is_mutual(args.source, doc, lex) else dyad.both_in_view() if pointing else None
        if both:
            return [(side, actor_ref(outside[0], kb), [outside[0]]) for side in both]
    if not src and is_mutual(args.source, trig.token.doc, lex) and dyad.both():
        # "the two governments": the two states its sentence names ("Sanchez visited Rabat ..., and the two
        # governments issued a declaration"), else the pair of the document; none when the sentence names others
        sides = [  # not where ("in Jeddah"), nor a name in what they did ("signed the Algiers Agreement")
            m for m in sa.mentions
            if m.country and m.kind in ("state", "person") and not set(sa.tokens_of(m)) & set(args.target)
        ]  # fmt: skip
        named = list(dict.fromkeys(c for m in sides if is_state_code(c := state_of(m.country) or "")))
        if len(named) == 2 and set(named) != set(dyad.pair):
            firsts = _first_of_each(sides, named)
            return [(actor_ref(firsts[0], kb), actor_ref(firsts[1], kb), firsts)]
        if set(named) <= set(dyad.pair):
            a, b = dyad.both()  # type: ignore[misc]
            return [(a, b, [])]
        return []
    away = [m for m in tgt if not _under(m, trig, sa, _WHERE_AT)]  # "met in the Algarve, in Portugal": where
    if not src and not away and lex.is_mutual(trig.type, trig.mode) and (both := dyad.both()):
        # "Tashiev and Yatimov met at a border crossing", "a ceasefire agreed on the evening of 29 April": a mutual
        # act of two people the knowledge does not hold, or one told with no side at all, in a text on a pair
        states = {state_of(m.country) for m in sa.mentions if m.country}
        unsaid = (_made_unsaid(trig, lex) and dyad.both_in_view()) or _took_place(trig)
        if states <= set(dyad.pair) and (_two_people(args, trig) or unsaid):
            return [(both[0], both[1], [])]
    if not src and not away and _they_together(args, trig, lex) and (both := dyad.both_in_view()):
        # "China and Russia ... In 2009 they held their first joint drills"; but "the ministers of Peru and Chile
        # met; the ministers discussed ...": a plural noun points to the two states its sentence names, if another pair
        states = {state_of(m.country) for m in sa.mentions if m.country}
        if len(states) < 2 or states <= set(dyad.pair) or _they(args, trig):
            return [(both[0], both[1], [])]
    if src and not tgt and is_mutual(args.target, trig.token.doc, lex) and (both := _third_to(src[0], dyad)):
        return [(actor_ref(src[0], kb), b, [src[0]]) for b in both]  # "urged both sides to show restraint"
    if src:
        others = [m for m in tgt if state_of(m.country) != state_of(src[0].country)]
        if len(others) > 1 and not lex.is_mutual(trig.type, trig.mode) and _coordinated(others, sa):
            # "invited Britain and Argentina to negotiate": one act on each state named
            each = _first_of_each(others, list(dict.fromkeys(state_of(m.country) for m in others)))
            return [(actor_ref(src[0], kb), actor_ref(m, kb), [src[0], m]) for m in each]
        t = others[0] if others else None
        if t:
            return [(actor_ref(src[0], kb), actor_ref(t, kb), [src[0], t])]
        if (
            _counted_object(args, trig)
            or _seized_thing(args, trig, lex)
            or _others_work(trig, sa)
            or _given_to_people(trig, sa, lex)
        ):
            return []  # "has visited more than 90 countries", "seized a stash of weapons": no partner acted on
        t, other = _counterpart(sa, pos, src[0], dyad)
        if t is None and other is None and _on_a_place(args, trig, sa):
            other = dyad.other_near(src[0].country)  # "Eritrean troops occupied the border town of Badme"
        if (
            t is None
            and other is None
            and lex.coarse(trig.type, trig.mode) == "DISAPPROVE"
            and (
                src[0].kind == "state" or trig.type != "PROTEST"  # "supporters of Castillo protest in Lima": a crowd
            )
        ):
            # a reproach is aimed at the other side of the story, named about it ("India rejected the vote within
            # hours."; "Nepal's foreign ministry protested the next day ... India replied the same day")
            other = dyad.other_near(src[0].country, ahead=True)
        if t is None and trig.mode == STATEMENT_MODE:
            # a statement is aimed at a side the sentence names: "Abe stated that Japan would support the U.S."
            t = _nearest_other(sa, pos, src[0].country, {src[0].start})
        if t:
            return [(actor_ref(src[0], kb), actor_ref(t, kb), [src[0], t])]
        return [(actor_ref(src[0], kb), other, [src[0]])] if other else []
    if tgt and not src and _other_doer(args, trig, sa, lex):
        return []  # "the court turned down Somalia's claim": the doer is named and is no state
    if tgt and trig.nominal and any(c.dep_ == "amod" and c.lower_ in lex.cue("collective_agents")
                                    for c in trig.token.children):  # fmt: skip
        return []  # "international sanctions on Russia": many unnamed states act, no one state to name
    if tgt and _bare_doer(args, trig, lex):
        return []  # "police arrested Suzuki": a body of some state, which the sentence does not say
    listed = list(dict.fromkeys(state_of(m.country) for m in tgt))
    lone = len(listed) > 1 and not lex.is_mutual(trig.type, trig.mode) and all(m.kind == "state" for m in tgt)
    if lone and _coordinated(tgt, sa):
        # "the delegation visited Fiji and Papua New Guinea": the states of one argument are never each other's
        # other side; each is acted on by a side named elsewhere, or by none
        rest = SentenceActors(sa.span, sa.offset, [m for m in sa.mentions if m not in tgt])
        s, other = _counterpart(rest, pos, tgt[0], dyad)
        each = _first_of_each(tgt, listed)
        if s:
            return [(actor_ref(s, kb), actor_ref(m, kb), [s, m]) for m in each]
        if other is None or state_of(other.country) in listed:
            return []  # a text on Vanuatu and Samoa: neither is the other's visitor
        return [(other, actor_ref(m, kb), [m]) for m in each]
    if tgt:
        s, other = _counterpart(sa, pos, tgt[0], dyad)
        if s:
            return [(actor_ref(s, kb), actor_ref(tgt[0], kb), [s, tgt[0]])]
        return [(other, actor_ref(tgt[0], kb), [tgt[0]])] if other else []
    if not trig.nominal and (_describes_thing(trig, lex) or _other_doer(args, trig, sa, lex) or _others_work(trig, sa)):
        return []  # "projects being negotiated", "the document called for ...": no side named, none to guess
    if trig.type == "ASSAULT" and (told := _teller(trig.token, lex)):
        # "Islamabad said two children were killed": a state telling of violence with no doer named is its victim,
        # told apart from the attack itself; it did not do it
        sa = SentenceActors(sa.span, sa.offset, [m for m in sa.mentions if not set(sa.tokens_of(m)) & told])
    found = _from_sentence(sa, pos, dyad, kb)
    if found is None and not sa.mentions and lex.is_mutual(trig.type, trig.mode):
        both = dyad.both_in_view()  # "On 10 August 1919, a ceasefire was signed." after a paragraph on the two
        if both is None and is_mutual(tuple(t.i for t in sa.span), trig.token.doc, lex):
            both = dyad.both()  # "the standoff between the two armies began after a clash": the sentence names both
        return [(both[0], both[1], [])] if both else []
    return [found] if found else []


#: how far back (in sentences) a reaction looks for the act it answers
#: words that point back to a thing named before ("the decision", "this move")
POINTING = frozenset({"the", "this", "that", "these", "those"})


_REACTION_REACH = 8


def reaction(
    trig: Trigger,
    args: Args,
    sa: SentenceActors,
    before: list[tuple[int, EventRecord]],
    idx: int,
    lex: Lexicon,
    kb: Any,
) -> list[Resolved]:
    """A state's reproach or rejection of "the decision" or "the move", with no one named behind it: aimed at
    whoever last acted against that state in the last few sentences ("Poland closed a crossing into Belarus.
    ... Belarus has called the decision irrational and dangerous")."""
    if lex.quad(trig.type) != "verbal_conflict" or trig.nominal:
        return []
    pointing = [c for c in trig.token.children if c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower()
                in lex.cue("reaction_nouns") and any(d.lower_ in POINTING for d in c.children)]  # fmt: skip
    src = [m for m in sa.covering(args.source) if m.country]
    if not pointing or not src:
        return []
    me = state_of(src[0].country)
    for sent, rec in reversed(before):
        if sent < idx - _REACTION_REACH:
            break
        if rec.negated or rec.hypothetical or lex.quad(rec.type).endswith("cooperation"):
            continue
        if state_of(rec.target.country) == me and state_of(rec.source.country) != me:
            return [(actor_ref(src[0], kb), rec.source, [src[0]])]
    return []


def _whose_clauses(trig: Trigger, args: Args, sa: SentenceActors) -> set[int]:
    """Tokens of "whose" clauses that describe someone and hold neither the trigger nor its arguments: what they
    name is said of that someone ("Sarkozy, whose country then held the presidency of the European Union, met")."""
    own = {trig.token.i, *args.source, *args.target}
    out: set[int] = set()
    for tok in sa.span:
        if tok.dep_ != "relcl" or tok.left_edge.lower_ != "whose":
            continue
        inside = {t.i for t in tok.subtree}
        if not inside & own:
            out |= inside
    return out


def _go_betweens(trig: Trigger, sa: SentenceActors, lex: Lexicon) -> set[int]:
    """Tokens of the sentence that name a go-between of another act: the doer of a mediating word that is not the
    trigger ("talks mediated by Switzerland", "Qatar brokered the deal", "the mediation of Norway")."""
    words = lex.cue("mediating_words")
    out: set[int] = set()
    for tok in sa.span:
        if tok.lemma_.lower() not in words or tok.i == trig.token.i:
            continue
        verb = tok.pos_ in ("VERB", "AUX")
        for c in tok.children:
            doer = c.dep_ == "agent" or (c.dep_ == "nsubj" and verb)  # "mediated by Switzerland", "Qatar brokered"
            if doer or (c.dep_ == "prep" and c.lower_ == "of" and tok.pos_ == "NOUN"):  # "the mediation of Norway"
                out |= {t.i for t in c.subtree}
    return out


def _first_of_each(mentions: list[Mention], codes: Sequence[str | None]) -> list[Mention]:
    """The first of ``mentions`` naming each state of ``codes``, in that order."""
    return [next(m for m in mentions if state_of(m.country) == code) for code in codes]


def _one_name(found: list[Mention], sa: SentenceActors) -> bool:
    """Whether the mentions are pieces of one run of name words ("Fernandez de Kirchner"), nothing between them."""
    toks = sorted(i for m in found for i in sa.tokens_of(m))
    doc = sa.span.doc
    return bool(toks) and all(doc[i].pos_ == "PROPN" for i in range(toks[0], toks[-1] + 1))


def _head_mention(found: list[Mention], phrase: tuple[int, ...], sa: SentenceActors) -> Mention:
    """Among mentions in one phrase, the one holding its syntactic head ("Fernandez de Kirchner" is Kirchner);
    the first when none does."""
    doc = sa.span.doc
    inside = set(phrase)
    heads = [i for i in phrase if doc[i].head.i not in inside or doc[i].head.i == i]
    for m in found:
        if set(sa.tokens_of(m)) & set(heads):
            return m
    return found[0]


def _mediated(src: Mention, trig: Trigger, sa: SentenceActors, dyad: Dyad, lex: Lexicon, kb: Any) -> list[Resolved]:
    """A go-between's act with each side it brought together: "Qatar mediated between Somalia and Kenya", "the two
    countries thanked China, which brokered the accord" (the pair the sentence points to):
    one event with each, none when the sides are unclear ("Norway mediated the talks")."""
    own = {t.i for t in trig.token.subtree}
    sides = [m for m in sa.mentions if m.country and state_of(m.country) != state_of(src.country)
             and set(sa.tokens_of(m)) & own]  # fmt: skip
    codes = list(dict.fromkeys(state_of(m.country) for m in sides))
    if len(codes) >= 2:
        return [(actor_ref(src, kb), actor_ref(m, kb), [src, m]) for m in _first_of_each(sides, codes[:2])]
    if codes:
        return []  # one side named, the other not one the data knows: no guess
    both = dyad.both() if is_mutual(tuple(t.i for t in sa.span), trig.token.doc, lex) else None
    if both is None or state_of(src.country) in {state_of(both[0].country), state_of(both[1].country)}:
        return []
    return [(actor_ref(src, kb), side, [src]) for side in both]


_AGAINST = frozenset({"against"})
_DESTINATION = frozenset({"to", "into", "toward", "towards"})


def _under(m: Mention, trig: Trigger, sa: SentenceActors, preps: frozenset[str]) -> bool:
    """A mention inside one of ``preps``'s phrases within the trigger's own phrase: the state a cooperative
    act is aimed against ("signed a treaty of alliance with the colonists against Great Britain"), or where
    a withdrawal went ("withdrew to Iran"): no side of the act."""
    doc = trig.token.doc
    for i in sa.tokens_of(m):
        node, passed = doc[i], False
        for _ in range(8):
            if node == trig.token:
                if passed:
                    return True
                break
            if node.head == node:
                break
            passed = passed or (node.dep_ == "prep" and node.lower_ in preps)
            node = node.head
    return False


def _topic_tokens(trig: Trigger, args: Args) -> set[int]:
    """The parts of a meeting verb's object that tell its topic, not whom was met."""
    if trig.type != "CONSULT" or trig.nominal:
        return set()
    objects = {t.i for c in trig.token.children if c.dep_ in {"dobj", "obj"} for t in c.subtree}
    return objects - set(args.target)


_MANY = frozenset({"many", "several", "some", "all", "most", "other", "various", "numerous", "dozens", "hundreds"})


def _counted_object(args: Args, trig: Trigger) -> bool:
    """Whether the verb's own object is a plural counted or quantified ("90 countries", "several states")."""
    if trig.nominal:
        return False
    doc = trig.token.doc
    heads = [doc[i] for i in args.target if doc[i].head.i == trig.token.i and doc[i].dep_ in {"dobj", "obj"}]
    return any(
        h.tag_ == "NNS" and any(c.dep_ in {"nummod", "amod", "det"} and (c.like_num or c.lower_ in _MANY)
                                for c in h.children)
        for h in heads
    )  # fmt: skip


def _others_work(trig: Trigger, sa: SentenceActors) -> bool:
    """Whether the verb's object is the work of a named doer who is no state ("rejects a ruling by the
    International Court of Justice", "welcomed a report by the panel"): that doer, not a state, is acted on."""
    for obj in trig.token.children:
        if obj.dep_ not in {"dobj", "obj"}:
            continue
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ == "by":
                agents = [i for p in prep.children if p.dep_ == "pobj" for i in phrase_tokens(p)]
                if agents and not [m for m in sa.covering(agents) if m.country and m.kind != "place"]:
                    return True
    return False


_GIVING = frozenset({"AID", "COOPERATE"})


def _given_to_people(trig: Trigger, sa: SentenceActors, lex: Lexicon) -> bool:
    """Whether what a verb gives goes to people of no named state ("granted protection visas to 42 asylum
    seekers from Papua"): those people, not the other state, receive it."""
    if trig.nominal or trig.type not in _GIVING:
        return False
    stands = lex.cue("agent_heads") | lex.cue("stand_in_nouns")
    for prep in trig.token.children:
        if prep.dep_ != "prep" or prep.lower_ != "to":
            continue
        for p in prep.children:
            if p.dep_ == "pobj" and p.tag_ == "NNS" and p.lemma_.lower() not in stands:  # people, not "the level"
                own = [m for m in sa.covering([p.i, *(c.i for c in p.lefts)]) if m.country and m.kind != "place"]
                if not own:
                    return True
    return False


def moved_in_person(
    trig: Trigger, args: Args, used: list[Mention], sa: SentenceActors, titles: Collection[str] = ()
) -> bool:
    """Whether the doer of a move of forces is one person: a leader crossing a border travels, no army moves
    ("Roh Moo-hyun crossed the border on foot", "Ecuador's president crossed the border": a name, or a title of
    the actor knowledge, ``titles``, as the verb's subject)."""
    if trig.nominal:
        return False
    own = [m for m in sa.covering(args.source) if m in used]
    if own and all(m.kind == "person" for m in own):
        return True
    subjects = [c for c in trig.token.children if c.dep_ == "nsubj"]
    if any(m.kind == "state" and c.i in sa.tokens_of(m) for m in own for c in subjects):
        return False  # "Nepal sent a unit of its police", whatever the tagger took "Nepal" for
    return any(c.ent_type_ == "PERSON" or c.lemma_.lower() in titles for c in subjects)


_FORCE = frozenset({"ASSAULT", "MOBILIZE"})
_AT_PLACE = frozenset({"at", "near", "on", "in", "into"})


def _on_a_place(args: Args, trig: Trigger, sa: SentenceActors) -> bool:
    """An act of force whose object names no state ("occupied the border town of Badme", "shelled the island"):
    the place belongs to the other side of the story told around it."""
    doc = trig.token.doc
    objs = [doc[i] for i in args.target if doc[i].head.i == trig.token.i and doc[i].dep_ in {"dobj", "obj"}]
    # "landed near Stanley": where a force moved to or at
    objs += [o for c in trig.token.children if c.dep_ == "prep" and c.lower_ in _AT_PLACE for o in c.children
             if o.dep_ == "pobj" and o.pos_ == "PROPN"]  # fmt: skip
    places = [i for o in objs for i in range(o.left_edge.i, o.right_edge.i + 1)]
    return trig.type in _FORCE and not trig.nominal and bool(objs) and not sa.covering(args.target + tuple(places))


def _seized_thing(args: Args, trig: Trigger, lex: Lexicon) -> bool:
    """Whether a coercive verb's own object is a thing or people of no named state ("seized a stash of
    weapons", "arrested a number of people"): what was seized says nothing of whose it was."""
    if trig.nominal or trig.type != "COERCE":
        return False
    doc = trig.token.doc
    heads = [doc[i] for i in args.target if doc[i].head.i == trig.token.i and doc[i].dep_ in {"dobj", "obj"}]
    stands = lex.cue("agent_heads") | lex.cue("stand_in_nouns")
    return bool(heads) and all(h.pos_ == "NOUN" and h.lemma_.lower() not in stands for h in heads)


def _describes_thing(trig: Trigger, lex: Lexicon) -> bool:
    """A participle describing a thing ("projects being negotiated"); one describing an agreement or other
    document tells how it was made ("the Convention, signed on 30 September"). A participle before its noun
    only describes it ("at another agreed time", "the disputed islands")."""
    head = trig.token.head
    if trig.token.dep_ == "amod" and trig.token.tag_ == "VBN" and head.i > trig.token.i:
        return True
    if trig.token.dep_ != "acl":
        return False
    return head.lemma_.lower() not in lex.dated_nouns


def _bare_doer(args: Args, trig: Trigger, lex: Lexicon) -> bool:
    """Whether a verb's own subject is a bare body of some state ("police arrested ..."), neither named
    with its state nor pointing back to one ("the company", "its army")."""
    if trig.nominal or args.inherited or not args.source:
        return False
    doc, own = trig.token.doc, set(args.source)
    heads = [doc[i] for i in own if doc[i].head.i not in own or doc[i].head.i == i]
    return bool(heads) and all(
        h.pos_ == "NOUN"
        and h.lemma_.lower() in lex.cue("agent_heads")
        and not any(c.dep_ in {"det", "poss"} for c in h.children)
        for h in heads
    )  # fmt: skip  ("the company criticized China" points back to a body named before)


def _other_doer(args: Args, trig: Trigger, sa: SentenceActors, lex: Lexicon) -> bool:
    """Whether a verb's own subject is a common noun that names no state and does not stand for one
    ("the court", "protesters", "analysts"), so that no state may be filled in as the doer."""
    if trig.nominal or args.inherited or not args.source:
        return False
    doc, own = sa.span.doc, set(args.source)
    heads = [doc[i] for i in own if doc[i].head.i not in own or doc[i].head.i == i]
    stands = lex.cue("agent_heads") | lex.cue("stand_in_nouns")
    return bool(heads) and all(
        h.pos_ == "NOUN" and h.dep_ in {"nsubj", "nsubjpass", "agent", "pobj"} and h.lemma_.lower() not in stands
        for h in heads
    )


_WHERE_AT = frozenset({"in", "at"})


def _origin(m: Mention, sa: SentenceActors, lex: Lexicon, trig: Trigger | None = None) -> bool:
    """A state named only as where people come from or are ("refugees from Sudan and Chad",
    "tourists from China", "protesters in Belgrade"): the people are the doers, not the state. A body of
    the state ("officials from Moscow", "diplomats in Beijing"), a thing sent ("a query from Japan") and the
    goods a sanction stops ("blocked imports from Sudan") still stand for it."""
    doc = sa.span.doc
    for i in sa.tokens_of(m)[:1]:
        node = doc[i]
        for _ in range(4):
            head = node.head
            if head.i == node.i:
                return False
            if node.dep_ == "pobj" and head.lower_ in _WHERE_AT and head.head.lemma_.lower() in lex.cue("crowd_nouns"):
                return True  # "protesters in Belgrade", not "missions in Iran" nor "views in Japan"
            if node.dep_ == "pobj" and head.lower_ == "from" and head.head.tag_ == "NNS":
                goods = head.head
                if (
                    trig is not None
                    and trig.type == "SANCTION"
                    and goods.dep_ in {"dobj", "obj"}
                    and goods.lemma_.lower() not in lex.cue("crowd_nouns")
                ):
                    return goods.head.i != trig.token.i  # "banned imports from Sudan": Sudan is acted on
                owner = goods.lemma_.lower()  # "expulsion from the G8": an act's own target
                return owner not in lex.cue("agent_heads") and owner not in lex.nouns
            node = head
    return False


def _venue(m: Mention, trig: Trigger, sa: SentenceActors, lex: Lexicon) -> bool:
    """An organisation naming where a meeting took place ("the G20 summit", "on the sidelines of
    the NATO summit", "on the eve of NATO's summit there"), not a party to it."""
    if m.kind != "organisation":
        return False
    venues = lex.cue("venue_nouns")
    if trig.nominal and trig.token.lemma_.lower() in venues:
        return True
    doc = sa.span.doc
    return any(doc[i].dep_ in {"compound", "amod", "nmod", "poss"} and doc[i].head.lemma_.lower() in venues
               for i in sa.tokens_of(m))  # fmt: skip


def _several_sources(
    src: list[Mention], tgt: list[Mention], sa: SentenceActors, dyad: Dyad, kb: Any, *, mutual: bool = False
) -> list[Resolved]:
    """Two states on the source side. Coordinated ones ("the United States and the EU") other than
    the main dyad are co-agents when a third state is their target (named as the target, or the
    main dyad's member the sentence names); otherwise they are the two sides of a mutual act.
    A mutual act of three or more coordinated states ("Egypt, Ethiopia and Sudan signed") joins
    every two of them."""
    states = {state_of(m.country) for m in src}
    firsts = list({state_of(m.country): m for m in reversed(src)}.values())[::-1]  # first mention of each state
    if mutual and len(firsts) >= 2 and _coordinated(src, sa):
        # "Bayramov and his Turkish counterpart held a phone call to discuss the clashes with Armenia": a mutual
        # act of coordinated states is between them, whatever third state its topic names
        return [(actor_ref(a, kb), actor_ref(b, kb), [a, b]) for i, a in enumerate(firsts) for b in firsts[i + 1 :]]
    # (a mutual act of coordinated states was answered above) "Japan and the Philippines condemned North Korea's
    # launch": a one-way act on a third state named as its target, whether or not the two are the document's pair
    coordinated = _coordinated(src, sa)
    third = next((m for m in tgt if state_of(m.country) not in states), None) if coordinated else None
    if third is None and coordinated and not states <= set(dyad.pair):
        third = next((m for m in sa.mentions if m.country and state_of(m.country) in set(dyad.pair) - states), None)
    if third is None:
        other = next(m for m in src if state_of(m.country) != state_of(src[0].country))
        return [(actor_ref(src[0], kb), actor_ref(other, kb), [src[0], other])]
    return [(actor_ref(m, kb), actor_ref(third, kb), [m, third]) for m in firsts]


def _co_modifiers(src: list[Mention], sa: SentenceActors) -> bool:
    """True when two states modify one noun, or one modifies the other on the way to it:
    "Sino-Japanese treaty", "the Japan-Russia summit", "the Russian-U.S. commission"."""
    doc = sa.span.doc
    toks = [set(sa.tokens_of(m)) for m in src]
    heads = [{doc[i].head.i for i in t if doc[i].dep_ in {"compound", "amod", "nmod", "poss"}} for t in toks]
    return any(
        heads[a] & (heads[b] | toks[b]) or heads[b] & toks[a] for a in range(len(src)) for b in range(a + 1, len(src))
    )


def _coordinated(src: list[Mention], sa: SentenceActors) -> bool:
    """True when the source mentions are joined by a conjunction ("A and B"), not one compound
    word naming both sides ("Sino-Japanese", "the Japan-Russia summit")."""
    toks = {i: m for m in src for i in sa.tokens_of(m)}
    for tok in sa.span:
        if tok.dep_ != "conj" or tok.head.i not in toks:
            continue
        first = toks[tok.head.i]
        # "Bayramov and his Turkish counterpart": the second conjunct is a mention, or a noun one describes
        phrase = [tok]
        for t in phrase:  # the conjunct's own phrase, not the clauses hanging from it
            phrase += [c for c in t.children if c.dep_ not in {"relcl", "acl", "ccomp", "advcl", "conj", "cc"}]
        if any(t.i in toks and state_of(toks[t.i].country) != state_of(first.country) for t in phrase):
            return True
    return False


def _counterpart(sa: SentenceActors, pos: int, known: Mention, dyad: Dyad) -> tuple[Mention | None, ActorRef | None]:
    """The other side when the parse names one only: the dyad partner (named in the sentence or
    not) when the known side belongs to the main dyad, else the nearest other state named."""
    other = dyad.other(known.country)
    if other is not None:
        named = [m for m in sa.mentions if m.country and state_of(m.country) == state_of(other.country)]
        near = min(named, key=lambda m: (abs(m.start - pos), m.start)) if named else None
        return near, other
    return _nearest_other(sa, pos, known.country, {known.start}), None


def _from_sentence(
    sa: SentenceActors, pos: int, dyad: Dyad, kb: Any
) -> tuple[ActorRef, ActorRef, list[Mention]] | None:
    """No argument named an actor: the two nearest states of the sentence, in text order."""
    near = sorted((m for m in sa.mentions if m.country), key=lambda m: (abs(m.start - pos), m.start))
    if not near:
        return None
    first = near[0]
    second = next((m for m in near if state_of(m.country) != state_of(first.country)), None)
    if second is None:
        other = dyad.other(first.country)
        return (actor_ref(first, kb), other, [first]) if other else None
    a, b = sorted((first, second), key=lambda m: m.start)
    if not (is_state_code(state_of(a.country) or "") or is_state_code(state_of(b.country) or "")):
        return None  # "the war of 1998-1999" in a sentence naming the UN and NATO: two bodies are no guess for a war
    return actor_ref(a, kb), actor_ref(b, kb), [a, b]
