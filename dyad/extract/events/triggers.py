"""Find event triggers in a parsed sentence: lexicon verbs and event nominalisations.

A verb triggers when its lemma, or its lemma with a particle, preposition or object
("put forward", "call for", "impose sanctions", "hold talks"), is a key of the
``verbs`` table of ``dyad/data/events.yaml`` (the longest key wins). A noun triggers
when its lemma is in ``nouns`` ("visit", "summit", "talks", "sanctions"), or in
``dated_nouns`` ("treaty", "declaration") and a date sits inside its phrase.
A noun that is the object of a verb trigger ("signed the treaty", "held talks") or a
compound modifier of a noun trigger ("peace treaty talks") is left to that trigger,
so one passage does not count one act twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from dyad.knowledge.events import Lexicon
from dyad.records import TimeExpr

_VERB_POS = frozenset({"VERB"})
_NOUN_POS = frozenset({"NOUN", "PROPN"})
_KEY_CHILD = frozenset({"prt", "prep", "agent", "advmod"})  # advmod: "pull back", "step down"
_KEY_OBJ = frozenset({"dobj", "nsubjpass", "attr", "obj", "oprd"})  # oprd: "called him a liar"
_ABSORBED = frozenset({"dobj", "nsubjpass", "obj", "attr"})


@dataclass(frozen=True)
class Trigger:
    token: Token
    type: str
    mode: str | None
    key: str
    nominal: bool


def _objects(tok: Token) -> list[Token]:
    """Object words of a verb, looking through quantifiers: "lifted most of the sanctions"."""
    out = []
    for c in tok.children:
        if c.dep_ in _KEY_OBJ:
            out.append(c)
            out += [g for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                    if g.dep_ == "pobj"]  # fmt: skip
    return out


def _time_phrase(prep: Token) -> bool:
    """ "on Tuesday", "in May": a preposition that only dates the verb forms no phrasal verb with it
    ("called on Tuesday" is no "call on")."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return prep.dep_ == "prep" and bool(objs) and all(o.ent_type_ in {"DATE", "TIME"} for o in objs)


def verb_key(tok: Token, lex: Lexicon) -> tuple[str, Token | None] | None:
    """The longest lexicon key this verb token fits, and the object word it used (if any)."""
    lemma = tok.lemma_.lower()
    keys: list[tuple[str, Token | None]] = [
        (f"{lemma} {c.lower_}", None) for c in tok.children if c.dep_ in _KEY_CHILD and not _time_phrase(c)
    ]
    for obj in _objects(tok):
        keys += [(f"{lemma} {obj.lemma_.lower()}", obj), (f"{lemma} {obj.lower_}", obj)]
        if obj.pos_ == "PROPN":  # "sank the cruiser General Belgrano": the kind of thing the name is
            keys += [
                (f"{lemma} {c.lemma_.lower()}", obj)
                for c in obj.children
                if c.dep_ == "compound" and c.pos_ in _NOUN_POS  # "summoned Indian Ambassador Vinay Kwatra"
            ]
    for key, word in sorted(keys, key=lambda k: (-len(k[0]), k[0])):
        if key in lex.verbs:
            return key, word
    return (lemma, None) if lemma in lex.verbs else None


def noun_key(tok: Token, lex: Lexicon) -> str:
    """The noun's lexicon key: a key naming it with its modifier ("phone call", "joint exercise") first, then
    the word itself where the lexicon lists its plural ("talks", "hostilities"), then its lemma."""
    lemma = tok.lemma_.lower()
    for c in tok.children:
        if c.dep_ in {"compound", "amod"} and c.i < tok.i:
            for key in (f"{c.lower_} {tok.lower_}", f"{c.lower_} {lemma}"):
                if key in lex.nouns:
                    return key
        if c.dep_ == "prep" and c.lower_ == "of":  # "the declaration of war": the act the noun and its "of" name
            for obj in c.children:
                if obj.dep_ == "pobj" and f"{lemma} of {obj.lemma_.lower()}" in lex.nouns:
                    return f"{lemma} of {obj.lemma_.lower()}"
    return tok.lower_ if tok.lower_ in lex.nouns else lemma


def _judges(verb: Token, lex: Lexicon) -> bool:
    """Whether what a verb says or calls something holds a word of reproach ("a big mistake", "irresponsible")."""
    words, naming = lex.cue("reproach_words"), lex.cue("naming_verbs")
    for c in verb.children:
        if c.dep_ in {"nsubj", "nsubjpass", "prep", "advcl", "npadvmod", "punct", "aux", "neg"}:
            continue
        # a participle clause after it is the writer's gloss ("..., pushing hostile ties further down")
        gloss = {t.i for d in c.subtree if d.dep_ == "advcl" and d.tag_ == "VBG" for t in d.subtree}
        # ... and so is a label given in passing ("to stop what he called a provocation")
        gloss |= {t.i for d in c.subtree if d.lemma_.lower() in naming and _labels_in_passing(d) for t in d.subtree}
        if any((t.lemma_.lower() in words or t.lower_ in words) and t.i not in gloss for t in c.subtree):
            return True
    return False


_WARS = frozenset({"war", "conflict", "fighting", "fray"})


def _armed_subject(verb: Token, lex: Lexicon) -> bool:
    """Whether a verb's own subject names armed forces ("the 11th Red Army", "British troops")."""
    heads = lex.cue("armed_heads")
    if any(c.dep_ == "dobj" and c.lemma_.lower() in _WARS for c in verb.children):
        return False  # "entered the war on the North's side": joined a war, whose enemy the clause does not name
    return any(
        c.dep_ == "nsubj" and (c.lemma_.lower() in heads or any(d.dep_ == "compound" and d.lemma_.lower() in heads
                                                              for d in c.children))
        for c in verb.children
    )  # fmt: skip


def _no_act_between_states(tok: Token, key: str, mode: str | None, lex: Lexicon) -> bool:
    """A keyed verb that tells no act between states here: a thing starting again ("Group tours from some Chinese
    provinces resumed": travel, not talks), or a state's own paper signed ("Putin signed a decree barring Russian
    airlines": the decree's act, told by its participle, not a deal)."""
    if key == "resume" and _resumed_thing(tok, lex):
        return True
    papers = lex.cue("inward_papers")
    return mode == "sign" and any(c.dep_ in _KEY_OBJ and c.lemma_.lower() in papers for c in tok.children)


def _resumed_thing(verb: Token, lex: Lexicon) -> bool:
    """Whether a bare "resume" tells of a thing starting again ("tours resumed", "flights resumed") rather than of
    the sides' talks: its subject is a common noun that names no meeting and no doer."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or subjects[0].pos_ != "NOUN":
        return False
    noun = subjects[0].lemma_.lower()
    hit = lex.nouns.get(noun)
    return (hit is None or hit[0] != "CONSULT") and noun not in lex.cue("agent_heads")


_DECLARING = frozenset({"declare", "deem", "consider", "regard", "proclaim"})


def _declared_done(trig: Trigger, lex: Lexicon) -> Token | None:
    """The verb that declares a thing done by force, when a participle of force only says what that thing was
    declared to be ("declared the two regions occupied by Russia", "called the islands annexed by Japan")."""
    tok = trig.token
    if (
        tok.tag_ != "VBN"
        or lex.quad(trig.type) != "material_conflict"
        or not any(c.dep_ == "agent" for c in tok.children)
    ):
        return None
    head = tok.head.head if tok.dep_ == "acl" and tok.head.dep_ in ("dobj", "obj") else tok.head
    if tok.dep_ not in ("acl", "oprd", "xcomp", "ccomp") or head.pos_ not in _VERB_POS:
        return None
    lemma = head.lemma_.lower()
    return head if lemma in _DECLARING or lemma in lex.cue("naming_verbs") else None


def _labels_in_passing(verb: Token) -> bool:
    """ "over what it called interference": a label given inside another act's phrase, not an act of its own (also
    when the parser hangs the "what" from the verb above: "to stop what he called a provocation")."""
    if any(c.dep_ in {"dobj", "obj"} and c.lower_ == "what" for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "ccomp" and any(c.lower_ == "what" and head.i < c.i < verb.i for c in head.children)


_SAID_OF = frozenset({"oprd", "xcomp", "ccomp", "acomp", "attr"})


def _calls_someone(verb: Token, lex: Lexicon) -> bool:
    """ "Mitsotakis called Erdogan", "called his counterpart": a call placed to a named person or a state's
    stand-in, with nothing said of the object ("called Erdogan a dictator" names him, "called on" asks)."""
    if verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children):
        return False  # "the treaty, also called the Treaty of Moscow": a name given, no call placed
    objs = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
    named = [
        c
        for c in verb.children
        if c.dep_ == "oprd" and c.pos_ == "PROPN" and not any(d.dep_ == "det" for d in c.children)
    ]
    if not objs and len(named) == 1:
        objs = named  # "Mitsotakis called Erdogan": the parser may read a lone name as what he was called
    if any((c.dep_ in _SAID_OF and c not in objs) or c.dep_ == "prt" for c in verb.children):
        return False
    return len(objs) == 1 and (objs[0].pos_ == "PROPN" or objs[0].lemma_.lower() in lex.cue("stand_in_nouns"))


def _has_date(tok: Token, times: list[TimeExpr], offset: int) -> bool:
    lo = offset + tok.left_edge.idx
    hi = offset + tok.right_edge.idx + len(tok.right_edge.text)
    return any(lo <= t.start and t.end <= hi for t in times)


_AMOUNT_ADJECTIVES = frozenset({"great", "good"})


def _quantity(tok: Token) -> bool:
    """A noun used as an amount: "a great deal of", "a good deal of"."""
    kids = list(tok.children)
    return (
        any(c.dep_ == "amod" and c.lower_ in _AMOUNT_ADJECTIVES for c in kids)
        and any(c.dep_ == "det" and c.lower_ == "a" for c in kids)
        and any(c.dep_ == "prep" and c.lower_ == "of" for c in kids)
    )


#: what a statement says its side will do that makes the saying itself that act: "said North Korea would reject any
#: talks" is a refusal voiced now, "warned it would respond" a threat
_VOICED = ("REJECT", "THREATEN")


def _voiced_refusal(trig: Trigger, verbs: dict[int, Trigger]) -> str | None:
    """The type a statement takes from a refusal or a threat it says its side will make ("Kim Yo Jong said North Korea
    would reject any contact", "said Belgrade would refuse to sign"); None for any other statement."""
    if trig.mode != "statement":
        return None
    inside = {t.i for c in trig.token.children if c.dep_ in {"ccomp", "xcomp"} for t in c.subtree}
    return next((o.type for i, o in verbs.items() if i in inside and o.type in _VOICED and _told_ahead(o.token)), None)


def _told_ahead(tok: Token) -> bool:
    """A verb told with "will" or "would" ("would reject any talks"): what the saying commits to, not a deed of its own
    ("said it rejects the ruling" reports the rejection itself)."""
    return any(c.dep_ == "aux" and c.lower_ in {"will", "would", "'ll", "shall"} for c in tok.children)


def _directs(tok: Token) -> bool:
    """A verb of telling with someone told and what they are to do ("told Addis Ababa to close its consulates",
    "told the envoy to leave"): a demand, not a statement."""
    told = any(c.dep_ in {"dobj", "dative", "iobj"} for c in tok.children)
    return told and any(
        c.dep_ in {"xcomp", "ccomp"} and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in tok.children
    )


def find_triggers(span: Span, lex: Lexicon, times: list[TimeExpr], offset: int) -> list[Trigger]:
    """Triggers of one sentence in text order; ``times`` are the sentence's time expressions."""
    verbs: dict[int, Trigger] = {}
    used: set[int] = set()  # object words a verb key consumed ("imposed sanctions")
    for tok in span:
        if tok.pos_ in _VERB_POS or (tok.pos_ == "AUX" and tok.dep_ != "aux"):
            found = verb_key(tok, lex)
            if found:
                key, obj = found
                type_, mode = lex.verbs[key]
                if mode == "statement" and _judges(tok, lex):
                    type_, mode = "ACCUSE", None  # "said Finland was making a big mistake": a reproach, not news
                elif mode == "statement" and _directs(tok):
                    type_, mode = "REQUEST", "demand"  # "told Addis Ababa to close its consulates": an order
                if _no_act_between_states(tok, key, mode, lex):
                    continue
                verbs[tok.i] = Trigger(tok, type_, mode, key, nominal=False)
                if obj is not None:
                    used.add(obj.i)
            elif tok.lemma_.lower() in lex.cue("naming_verbs") and _judges(tok, lex) and not _labels_in_passing(tok):
                verbs[tok.i] = Trigger(tok, "ACCUSE", None, tok.lemma_.lower(), nominal=False)  # "called it dangerous"
            elif tok.lemma_.lower() in lex.cue("military_moves") and _armed_subject(tok, lex):
                verbs[tok.i] = Trigger(tok, "MOBILIZE", None, tok.lemma_.lower(), nominal=False)  # "troops landed"
            elif tok.lemma_.lower() in lex.cue("calling_verbs") and _calls_someone(tok, lex):
                verbs[tok.i] = Trigger(tok, "CONSULT", "phone", tok.lemma_.lower(), nominal=False)  # "called Erdogan"
    for i, trig in list(verbs.items()):
        judge = _declared_done(trig, lex)
        if judge is not None:
            del verbs[i]  # "declared the two regions occupied by Russia": Georgia's charge, not Russia's act told
            verbs[judge.i] = Trigger(judge, "ACCUSE", None, judge.lemma_.lower(), nominal=False)
    for i, trig in list(verbs.items()):
        voiced = _voiced_refusal(trig, verbs)
        if voiced:
            verbs[i] = Trigger(trig.token, voiced, None, trig.key, nominal=False)
    nouns: dict[int, Trigger] = {}
    for tok in span:
        if tok.pos_ not in _NOUN_POS or tok.i in verbs or tok.i in used:
            continue
        lemma = noun_key(tok, lex)
        hit = lex.nouns.get(lemma) or lex.nouns.get(tok.lemma_.lower())
        if hit is None and lemma in lex.dated_nouns and _has_date(tok, times, offset):
            hit = lex.dated_nouns[lemma]
        if hit is None:
            continue
        if tok.dep_ in _ABSORBED and tok.head.i in verbs:
            continue
        if _quantity(tok):
            continue  # "a great deal of attention": an amount, not an agreement
        nouns[tok.i] = Trigger(tok, hit[0], hit[1], lemma, nominal=True)
    for i, trig in list(nouns.items()):
        # "summit meeting", "peace treaty talks": the head noun (or the verb that took it) stands for the act
        if trig.token.dep_ == "compound" and (trig.token.head.i in nouns or trig.token.head.i in used or (
                trig.token.head.dep_ in _ABSORBED and trig.token.head.head.i in verbs)):  # fmt: skip
            del nouns[i]
        elif trig.token.dep_ == "compound" and trig.token.head.pos_ in _NOUN_POS and (
                trig.token.head.lemma_.lower() not in lex.cue("act_containers")):  # fmt: skip
            del nouns[i]  # "air raid sirens": the act noun only describes another thing
    return sorted([*verbs.values(), *nouns.values()], key=lambda t: t.token.i)
