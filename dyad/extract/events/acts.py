"""One act, one event: the triggers of a sentence that tell the same act collapse into one record.

A clause often names one act with several trigger words: "Gromyko visited Tokyo to resume
talks" (a visit and talks), "the Japanese government suspended discussions with Russia"
(a suspension and discussions), "Russia agreed to cool down the situation" (an agreement
and a de-escalation), "held talks", "lodged a protest". Each word matches a pattern, but an
analyst counts one act, and strict scoring counts every extra record as a false alarm.

The rule, applied per sentence: a record whose trigger lies in the syntactic subtree of
another record's trigger, between the same two states, on a compatible date, is part of
that act and is dropped; the governing trigger decides the type ("agreed to X" is an
agreement, "offered to X" a proposal, "warned Japan against signing" a warning). Acts
joined by a conjunction stay apart ("rejected the proposal and called for new talks" is
two acts), and so do acts with their own subject ("Japan protested after Russia deployed
troops": the deployment is Russia's own act, told as a clause of its own), acts told by a
participle ("refused to meet him, accusing him of ...") and acts named as the setting of
another ("agreement was reached during Putin's visit": the visit is an act too). One exception
the other way: a statement that only reports a factual act of the same pair below it ("said the
two sides agreed to ...") or gives its reason ("pulled out, saying ...") is that act, and goes.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from dyad.extract.events.triggers import Trigger
from dyad.knowledge.actors import state_of
from dyad.records import EventRecord

# a clause with a subject of its own is an act of its own, even inside another's subtree
_OWN_CLAUSE = {"advcl", "ccomp", "relcl", "acl", "parataxis"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "agent", "expl"}
# "agreement was reached during Putin's visit": an act named as the setting of another is an act of its own
_SETTING = {"during", "at", "after", "before", "following", "ahead", "since", "amid", "on"}


def _pair(rec: EventRecord) -> frozenset[str | None]:
    return frozenset(state_of(c) for c in (rec.source.country, rec.target.country))


def _dates_fit(a: EventRecord, b: EventRecord) -> bool:
    """Equal dates, or one a coarser cut of the other ("2016-05" and "2016-05-06")."""
    if not a.date or not b.date:
        return a.date == b.date
    return a.date.startswith(b.date) or b.date.startswith(a.date)


def _part_of(inner: Token, outer: Token) -> bool:
    """True when ``inner`` hangs below ``outer`` with no conjunction or subject-bearing clause between."""
    node = inner
    while node.i != outer.i:
        if node.dep_ == "conj" and node.pos_ in {"VERB", "AUX"}:
            return False
        if (
            node.dep_ in _OWN_CLAUSE
            and node.pos_ in {"VERB", "AUX"}
            and (any(c.dep_ in _SUBJECTS for c in node.children) or node.tag_ in {"VBG", "VBN"})
        ):
            return False  # a clause of its own, or a participle ("..., accusing him of ...")
        if node.dep_ in {"pobj", "dep"} and node.head.lower_ in _SETTING and node.head.dep_ == "prep":
            return False  # "Following the December 14 talks" (a date inside may split the phrase for the parser)
        if node.head.i == node.i:
            return False  # reached the root without meeting ``outer``
        node = node.head
    return True


def _factual(rec: EventRecord) -> bool:
    return not (rec.negated or rec.hypothetical)


def _reported(rec: EventRecord, trig: Trigger, orec: EventRecord, other: Trigger) -> bool:
    """A statement that only reports an act told in its own clause ("the ministry said both sides agreed to ease
    tensions" is the agreement), or gives the reason of the act it hangs from ("pulled out of the format, saying
    it had failed to deliver"): the saying adds no act between the two."""
    tok = trig.token
    justifies = tok.tag_ == "VBG" and tok.dep_ == "advcl" and tok.head.i == other.token.i
    return (
        rec.type == "SUPPORT"
        and rec.mode == "statement"
        and orec.type != "SUPPORT"
        and _factual(orec)
        and (other.token.i in {t.i for t in tok.subtree} or justifies)
    )


def _told_by_participle(noun: Trigger, rec: EventRecord, verb: Trigger, vrec: EventRecord) -> bool:
    """An act noun described by a participle or a relative clause telling the same act: "the Convention, signed
    on 30 September", "a ceasefire that the two governors agreed" is one act, told best by the verb (with its own
    date and sides)."""
    tok = verb.token
    return (
        noun.nominal
        and (tok.dep_ == "acl" and tok.tag_ == "VBN" or tok.dep_ == "relcl")
        and tok.head.i == noun.token.i
        and (rec.type == vrec.type)
    )


Told = list[tuple[Trigger, EventRecord]]  # a sentence's records, each with the trigger that told it


def one_act_one_event(items: Told) -> Told:
    """The records of one sentence, less those that tell a part of another record's act."""
    keep = []
    for trig, rec in items:
        absorbed = any(
            other is not trig
            and other.token.i != trig.token.i
            and _pair(orec) == _pair(rec)
            and _dates_fit(orec, rec)
            and (_factual(orec) or not _factual(rec))
            and (
                _part_of(trig.token, other.token)
                or _told_by_participle(trig, rec, other, orec)
                or _reported(rec, trig, orec, other)
            )
            for other, orec in items
        )
        if not absorbed:
            keep.append((trig, rec))
    return keep


def _plain_statement(rec: EventRecord) -> bool:
    return rec.type == "SUPPORT" and rec.mode == "statement"


def one_voice(items: Told) -> Told:
    """A plain statement ("said", "told reporters") beside another act of the same side toward the same side, on
    the same date, in one sentence, is the voice of that act ("the ministry accused Canada of meddling and said
    its position broke the norms"; "Reina told reporters that Honduras had asked for more aid"): one act. So is a
    demand that the other side do something, made in the same breath as a reproach ("accused Chile of ... and
    called on Santiago to ..."); a call for something ("called for new talks") stays an act of its own."""
    acts = [r for _t, r in items if _factual(r) and not _plain_statement(r)]
    reproaches = [r for r in acts if r.type in _REPROACHES]

    def beside(rec: EventRecord, others: list[EventRecord]) -> bool:
        return any(o is not rec and _same_way(o, rec) and _dates_fit(o, rec) for o in others)

    def voiced(trig: Trigger, rec: EventRecord) -> bool:
        if rec.type == "REQUEST" and rec.mode in _PLAIN_ASKS and _asks_a_deed(trig):
            # "China was firmly opposed to the move and called on Lithuania to correct it": one reproach
            return beside(rec, reproaches)
        return _plain_statement(rec) and beside(rec, acts)

    return [(t, r) for t, r in items if not voiced(t, r)]


#: reproaches and coercive steps a plain demand in the same breath belongs to ("recalled its ambassador and told
#: Israel's envoy to leave")
_REPROACHES = frozenset({"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "COERCE"})
#: requests that are a call or a demand (not an offer, an invitation or a proposal, each an act of its own)
_PLAIN_ASKS = frozenset({None, "demand"})


def _asks_a_deed(trig: Trigger) -> bool:
    """A request whose verb asks for a deed in a clause ("called on Lithuania to correct it", "demanded that it
    leave"), not for a thing ("called for new talks")."""
    return any(c.dep_ in {"xcomp", "ccomp"} for c in trig.token.children)


def _same_way(a: EventRecord, b: EventRecord) -> bool:
    """The same side toward the same side."""
    return (state_of(a.source.country), state_of(a.target.country)) == (
        state_of(b.source.country),
        state_of(b.target.country),
    )


def one_meeting(items: Told, meeting: Callable[[EventRecord], tuple[str, ...] | None]) -> Told:
    """Two meetings of the same sides on the same date told in one clause are one meeting told twice ("paid an
    official visit to Ankara and held talks with Erdogan"): the first is kept; meetings told in clauses with subjects
    of their own ("the ministries began consulting, and a delegation visited") stay two. ``meeting`` gives a
    record's two states when it is a meeting, else None."""
    seen: set[tuple[object, ...]] = set()
    kept = []
    for trig, rec in items:
        sides = meeting(rec) if _factual(rec) else None
        key = (sides, rec.date, _clause_of(trig.token).i)
        if sides is None or key not in seen:
            seen.add(key)
            kept.append((trig, rec))
    return kept


def _clause_of(tok: Token) -> Token:
    """The verb heading the clause a word is told in: the nearest verb at or above it with a subject of its own."""
    node = tok
    for _ in range(12):
        if node.pos_ in {"VERB", "AUX"} and any(c.dep_ in _SUBJECTS for c in node.children):
            return node
        if node.head == node:
            return node
        node = node.head
    return node
