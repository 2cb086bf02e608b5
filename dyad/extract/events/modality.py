"""Modality of an event trigger: did the text state it as having happened?

Two flags come out for a trigger token: ``negated`` ("did not", "never", "refrained
from", "failed to", "no talks") and ``hypothetical`` (modals and plans: "will",
"would", "is expected to", "plans to", "agreed to sign"; conditionals: "if",
"unless"; questions). Both read the dependency parse around the trigger, and the
cue words come from the ``cues`` section of ``dyad/data/events.yaml``.

A nominal trigger ("visit", "talks") takes the modality of the verb that governs
it ("was expected to make a visit") and of irrealis nouns it hangs from ("the
possibility of a summit"), unless a factive preposition stands between them ("despite
Japan's protests, Moscow did not ...": the protests happened).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from spacy.tokens import Span, Token

from dyad.extract.parse import to_infinitive
from dyad.knowledge.events import Lexicon

# dependency labels through which a head's modality reaches its complement
_COMPLEMENT = {"xcomp", "pcomp", "prep", "pobj", "ccomp", "acomp", "oprd"}
_NOMINAL_UP = {"dobj", "nsubj", "nsubjpass", "attr", "pobj", "prep", "compound", "appos", "conj", "dative", "oprd"}


@dataclass(frozen=True)
class Modality:
    negated: bool = False
    hypothetical: bool = False


def _negated_here(tok: Token, lex: Lexicon) -> bool:
    negators = lex.cue("negators")
    if any(c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children) for c in tok.children):
        return True  # "have held no summit": the act's own object denies it
    if any(c.dep_ in {"nsubj", "nsubjpass", "dobj"} and _nobody(c) for c in tok.children):
        return True  # "Neither side signed it", "no state recognised it", "signed nothing": nobody did it
    return any(
        ((c.dep_ == "neg") or (c.dep_ in {"det", "advmod", "preconj"} and c.lower_ in negators)) and not _not_only(c)
        for c in tok.children
    )


_NOBODY = frozenset({"neither", "none", "nobody", "nothing", "noone"})


def _nobody(arg: Token) -> bool:
    """An argument that names no one: "neither", "none (of them)", "nothing", "neither side", "no state"."""
    if arg.lower_ in _NOBODY:
        return True
    return any(d.dep_ in {"det", "preconj"} and d.lower_ in {"no", "neither"} for d in arg.children)


def _not_only(tok: Token) -> bool:
    """Whether a "not" opens "not only ... but (also)", which adds rather than denies."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return tok.lower_ == "not" and nxt is not None and nxt.lower_ in {"only", "merely", "just"}


def _modal_here(tok: Token, lex: Lexicon) -> bool:
    modals = lex.cue("modals")
    return any(c.dep_ in {"aux", "auxpass"} and c.lower_ in modals for c in tok.children)


def _conditional(tok: Token, lex: Lexicon) -> bool:
    """True when the trigger sits inside an ``if``/``unless`` clause."""
    marks = lex.cue("conditional_marks")
    node = tok
    for _ in range(6):
        if any(c.dep_ == "mark" and c.lower_ in marks for c in node.children) or _inverted(node):
            return True
        if node.head == node:
            return False
        node = node.head
    return False


_INVERTING_AUX = frozenset({"had", "were", "should"})


def _inverted(node: Token) -> bool:
    """An adverbial clause opened by its auxiliary, before its subject: "Had the pilot been killed, ..."
    (a condition without "if")."""
    if node.dep_ != "advcl":
        return False
    kids = list(node.children)
    aux = next((c for c in kids if c.dep_ in {"aux", "auxpass"} and c.lower_ in _INVERTING_AUX), None)
    subj = next((c for c in kids if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return aux is not None and subj is not None and aux.i < subj.i and aux.i == min(c.i for c in kids)


def _unreal_noun(noun: Token, lex: Lexicon) -> bool:
    """A noun described as not yet real: "future actions", "a possible visit", "the proposed deal"."""
    return any(c.dep_ == "amod" and c.lemma_.lower() in lex.cue("irrealis_adjectives") for c in noun.children)


def _walk_up(tok: Token, lex: Lexicon) -> Modality:
    """Modality inherited from heads the trigger is a complement of (a few steps up)."""
    irrealis, implicative = lex.cue("irrealis_heads"), lex.cue("implicative_heads")
    negating, nouns = lex.cue("negating_heads"), lex.cue("irrealis_nouns")
    node, negation_only = tok, False
    for _ in range(4):
        while node.pos_ == "NOUN" and node.dep_ == "conj" and node.head.pos_ == "NOUN":
            node = node.head  # "dialogue, cooperation, trade and economic assistance": one list, one governor
        if node.pos_ == "NOUN" and not negation_only and _unreal_noun(node, lex):
            return Modality(hypothetical=True)  # "agreed upon future actions in the fields of ... assistance"
        infinitive = (
            node.dep_ in {"acl", "advcl"}
            and node.head.pos_ == "NOUN"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        )
        if node.dep_ == "advcl" and to_infinitive(node) and node.head.pos_ in {"VERB", "AUX"} and not negation_only:
            return Modality(hypothetical=True)  # "flew to Tokyo to sign the deal": a purpose, not yet a deed
        if node.dep_ not in _COMPLEMENT and not (node.pos_ == "NOUN" and node.dep_ in _NOMINAL_UP) and not infinitive:
            break
        if node.dep_ == "prep" and node.lower_ in lex.cue("factive_preps"):
            break  # "despite Japan's protests ...": what the phrase names happened, whatever the clause says
        head = node.head
        if head == node:
            break
        if node.dep_ == "prep" and node.lower_ == "at" and head.pos_ in {"VERB", "AUX"} and not negation_only:
            # "agreed at a meeting on the frontier to pull back": where the verb's act took place is as real as
            # the verb itself ("will sign it at a summit"), whatever the verb governs
            return verb_modality(head, lex)
        lemma = head.lemma_.lower()
        if node.tag_ == "VBG" and node.dep_ == "pcomp" and head.lower_ == "from":
            # "moved away from demanding all four islands", "barred from attending": not done at the clause's time
            denied = head.head.lemma_.lower() in negating  # "refrained from expelling": denied, not unreal
            return Modality(negated=denied, hypothetical=not denied)
        if ((node.tag_ == "VBG" and node.dep_ == "pcomp") or (node.pos_ == "NOUN" and node.dep_ == "pobj")) and (
                object_controlled(head, agent_words(lex))):  # fmt: skip
            # "thanked Austria for supporting ...", "accused Kenya of meddling": the reason or the charge, an
            # act of the object's at most, and not told here as a deed of the subject's
            return Modality(hypothetical=True)
        if infinitive:  # "the willingness to join": an infinitive describing a noun is as real as the noun says
            return Modality(hypothetical=head.pos_ == "NOUN" and lemma in nouns)
        if head.pos_ in {"VERB", "AUX", "ADJ"} and node.dep_ in {"xcomp", "pcomp", "prep", "ccomp", "oprd"}:
            if lemma in negating:
                return Modality(negated=True)
            if lemma in irrealis and lemma not in implicative and not negation_only:
                return Modality(hypothetical=True)
            if lemma in implicative:
                node = head
                continue
            if to_infinitive(node) and not negation_only:
                # "the policy entailed pressure on companies to invest", "have yet to find": an infinitive says
                # what its head aims at or needs, not what was done, unless the head implies it ("managed to")
                return Modality(hypothetical=True)
        if negation_only:
            break
        if head.pos_ == "NOUN" and lemma in nouns:
            return Modality(hypothetical=True)
        if head.pos_ in {"VERB", "AUX"}:
            # "for the two countries to forge a peace treaty": the thing a verb makes is as real as the making
            made = node.pos_ == "NOUN" and node.dep_ in {"dobj", "obj"} and not negation_only
            own = verb_modality(head, lex, climb=made)
            if own.negated or own.hypothetical:
                return own
            if node.dep_ not in {"xcomp", "pcomp", "prep"}:
                if head.dep_ != "xcomp":
                    break
                # "was unable to execute the attack": the object's verb may be denied above; "agreed to provide
                # assistance": what a verb of intent or commitment governs is not yet done
                negation_only = node.pos_ not in {"NOUN", "PROPN"}
        node = head
    return Modality()


_CONTROL_PREPS = frozenset({"for", "of"})


def object_controlled(prep: Token, agents: Collection[str]) -> bool:
    """A "for" or "of" phrase on a verb whose direct object can act: its gerund's doer is that object
    ("thanked Austria for supporting", "accused the government of meddling"); not a place crossed or a
    thing taken ("crossed the border for the summit": the summit is the trip's own act). ``agents``: the
    common nouns that name a doer (:func:`agent_words`)."""
    verb = prep.head
    return (
        prep.lower_ in _CONTROL_PREPS
        and prep.dep_ == "prep"
        and verb.pos_ in {"VERB", "AUX"}
        and any(c.dep_ in {"dobj", "obj"} and _can_act(c, agents) for c in verb.children)
    )


def agent_words(lex: Lexicon) -> frozenset[str]:
    """The common nouns the lexicon lets name a doer ("the government", "troops", "the regime")."""
    return lex.cue("agent_heads") | lex.cue("stand_in_nouns")


_ACTING_KINDS = frozenset({"GPE", "NORP", "ORG", "PERSON"})


def _can_act(tok: Token, agents: Collection[str]) -> bool:
    """A name, a pronoun, or a noun for people or a body: "Austria", "him", "the government"."""
    return tok.pos_ in {"PROPN", "PRON"} or tok.ent_type_ in _ACTING_KINDS or tok.lemma_.lower() in agents


def verb_modality(tok: Token, lex: Lexicon, *, climb: bool = True) -> Modality:
    """Flags for a verbal (or governed nominal) trigger token."""
    if _negated_here(tok, lex):
        return Modality(negated=True)
    if _modal_here(tok, lex) or _conditional(tok, lex):
        return Modality(hypothetical=True)
    if climb:
        found = _walk_up(tok, lex)
        shares = tok.dep_ == "conj" and tok.head.pos_ in {"VERB", "NOUN", "ADJ"}
        if not (found.negated or found.hypothetical) and shares:
            # "refrained from expelling diplomats and censuring Russia": the second act shares the first's
            # governor, and so its flags (a negation of the first's own does not carry: "did not X but Y")
            found = _walk_up(tok.head, lex)
        if not (found.negated or found.hypothetical) and _under_modal_root(tok, lex):
            return Modality(hypothetical=True)
        return found
    return Modality()


def _told_as_fact(node: Token) -> bool:
    """Whether a clause's verb is told in a past tense or a present perfect ("which was signed", "has sent"),
    or is a past participle describing a noun."""
    if node.tag_ == "VBN" and node.dep_ == "acl":
        return True  # "the premises agreed on in Nagato": a thing described by what was done to it
    aux = [c for c in node.children if c.dep_ in {"aux", "auxpass"}]
    return node.tag_ in {"VBD", "VBN"} and (node.tag_ == "VBD" or any(c.tag_ in {"VBD", "VBZ", "VBP"} for c in aux))


def _under_modal_root(tok: Token, lex: Lexicon) -> bool:
    """Whether the sentence's main verb is modal ("Moscow would like to see ...", "The ideal would be for
    Russia to abandon ...", "Both can gain by cooperating") and the trigger hangs from it with no clause
    of its own told as fact on the way ("..., which Japan signed in 1956" keeps its act).
    """
    node = tok
    for _ in range(12):
        head = node.head
        if head == node:
            break
        if node.pos_ in {"VERB", "AUX"} and _told_as_fact(node):
            return False
        if node.dep_ == "conj" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children):
            return False  # "Japan protested and Russia would not answer": a clause of its own
        if node.dep_ == "prep" and node.lower_ in lex.cue("factive_preps"):
            return False
        node = head
    return node != tok and node.pos_ in {"VERB", "AUX"} and _modal_here(node, lex)


def trigger_modality(tok: Token, lex: Lexicon) -> Modality:
    """Negated / hypothetical flags for a trigger, verbal or nominal, and for questions."""
    mod = verb_modality(tok, lex)
    if _is_question(tok.sent):
        return Modality(mod.negated, True)
    return mod


def _is_question(sent: Span) -> bool:
    """The sentence ends in "?", closing quotes and brackets aside (read from its last tokens, not its text)."""
    tail = "".join(t.text_with_ws for t in sent[-8:]).rstrip().rstrip("\"'”’)")
    if not tail and len(sent) > 8:
        tail = sent.text.rstrip().rstrip("\"'”’)")
    return tail.endswith("?")


_PRESENT = frozenset({"VBZ", "VBP"})


#: nouns of a day a trigger's phrase can hang from without leaving its clause ("came on the day of the talks")
_DAY_NOUNS = frozenset({"day", "eve", "morning", "evening", "night", "afternoon", "anniversary"})


def _day_hop(node: Token) -> bool:
    """Whether a step up passes through "the day of" or "on the eve of": no step away from the clause."""
    if node.lower_ == "of" and node.head.lemma_.lower() in _DAY_NOUNS:
        return True
    return node.lemma_.lower() in _DAY_NOUNS and node.dep_ == "pobj"


def clause_tense(tok: Token) -> str:
    """ "past", "present" (present perfect included: "has often spoken") or "unknown" for a trigger's clause."""
    node = tok
    steps = 0
    while steps < 4:
        steps += 0 if _day_hop(node) else 1
        if node.pos_ in {"VERB", "AUX"}:
            aux = [c for c in node.children if c.dep_ in {"aux", "auxpass"}]
            if any(c.lemma_ == "have" and c.tag_ in _PRESENT for c in aux):
                return "present"
            if node.tag_ == "VBD" or any(c.tag_ == "VBD" for c in aux):
                return "past"
            if node.tag_ in _PRESENT or any(c.tag_ in _PRESENT for c in aux):
                return "present"
        if node.head == node:
            break
        node = node.head
    return "unknown"


def _bare_participle(node: Token) -> bool:
    """ "an assertion dismissed by Moscow": a participle describing a noun, told in the tense of the clause
    that holds the noun."""
    return node.dep_ == "acl" and node.tag_ == "VBN" and not any(c.dep_ in {"aux", "auxpass"} for c in node.children)


def _perfect_clause(tok: Token) -> Token | None:
    """The verb of the present perfect clause the trigger is told in ("has closed", "have clashed"), if it is."""
    node = tok
    for _ in range(3 if tok.pos_ in {"VERB", "AUX"} else 5):  # "regarded that day as the start of an occupation"
        if node.pos_ in {"VERB", "AUX"} and not _bare_participle(node):
            aux = [c for c in node.children if c.dep_ in {"aux", "auxpass"}]
            return node if any(c.lemma_ == "have" and c.tag_ in _PRESENT for c in aux) else None
        if node.head == node:
            break
        node = node.head
    return None


def _stretch(verb: Token, lex: Lexicon, *, dated_since: bool) -> bool:
    """Whether a present perfect verb tells a habit or a stretch of time: "has long accused", "has said many
    times", "has regarded it ever since"; with ``dated_since``, "have clashed since 2020" too."""
    return any(
        c.lower_ in lex.cue("habitual_adverbs")
        or (c.lower_ == "since" and not any(True for _ in c.children))  # a bare "since": ever since
        or (dated_since and c.dep_ == "prep" and c.lower_ in {"since", "for"})
        or (c.lemma_ == "time" and c.tag_ == "NNS")  # "has said many times", "has met three times"
        for c in verb.children
    )


def recent_perfect(tok: Token, lex: Lexicon) -> bool:
    """A present perfect told as one recent act ("Finland has closed its crossings"), not a habit or a
    stretch of time ("has long accused", "has often spoken", "has said many times", "have clashed since 2020")."""
    verb = _perfect_clause(tok)
    return verb is not None and not _stretch(verb, lex, dated_since=True)


def habitual_perfect(tok: Token, lex: Lexicon) -> bool:
    """A present perfect that tells a habit or a stance kept over a stretch of time, whatever date the text
    gives it ("Every government since has regarded that day as ...", "has repeatedly protested"): no act."""
    verb = _perfect_clause(tok)
    return verb is not None and _stretch(verb, lex, dated_since=False)
