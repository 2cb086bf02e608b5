"""Who did it to whom: the source and target arguments of an event trigger.

Reads the dependency parse around one trigger token and returns the tokens of
its source side (subject, passive agent "by ...", possessor "Putin's visit",
compound or demonym modifier "the Japan-Russia summit") and target side
(object, dative, prepositional object "to/with/against/on ...").
Subjects are inherited through control and coordination ("Abe agreed to visit",
"Abe arrived and met ...") and relative clauses ("the statement, which placed ...").
Clausal sub-trees are not searched, so the actors of a reported or embedded event
do not leak into the event that embeds it.

Mentions are matched to these tokens by character overlap in :class:`SentenceActors`.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from dyad.extract.parse import RECEIVING_VERBS
from dyad.records import Mention

_CLAUSAL = frozenset({"relcl", "ccomp", "advcl", "acl", "parataxis", "csubj", "xcomp"})
_SUBJ = frozenset({"nsubj", "csubj", "expl"})
_TARGET_PREPS = frozenset({"to", "with", "against", "on", "toward", "towards", "from", "between", "into", "over"})
_PLACE_PREPS = frozenset({"in", "at"})
_DESTINATION_PREPS = frozenset({"to", "into", "toward", "towards"})
_OBJ = frozenset({"dobj", "dative", "obj", "iobj"})
_FROM = frozenset({"from"})


@dataclass(frozen=True)
class Args:
    """Token indices (in the paragraph Doc) on each side of a trigger."""

    source: tuple[int, ...] = ()
    target: tuple[int, ...] = ()
    place: tuple[int, ...] = ()
    inherited: bool = False  # the source came from another clause (control, coordination)


def _span_tokens(tok: Token, *, stop: frozenset[str] = _CLAUSAL) -> list[int]:
    """Indices of ``tok``'s subtree, not descending into clausal children."""
    out, todo = [], [tok]
    while todo:
        node = todo.pop()
        out.append(node.i)
        todo.extend(c for c in node.children if c.dep_ not in stop)
    return sorted(out)


def phrase_tokens(tok: Token) -> list[int]:
    """Indices of ``tok``'s phrase, without the clauses hanging from it ("the tribunal" of "the tribunal that
    gave Bolivia part of the water")."""
    return _span_tokens(tok)


def _met_tokens(obj: Token, agents: frozenset[str]) -> list[int]:
    """The object of a meeting verb, less the phrases on its topic: "met the president of Peru" names
    whom they met; "discussed the situation on the border", "the issues of US presence" name no one."""
    whom = obj.pos_ == "PROPN" or obj.lemma_.lower() in agents
    if not whom:  # a topic ("the issues", "North Korea's threats"): no side, but a conjoined name may be one,
        # "held talks in Sochi" says where they met, and "held talks with Putin" with whom
        out = [obj.i] + [i for c in obj.children if c.dep_ == "conj" for i in _met_tokens(c, agents)]
        preps = _PLACE_PREPS | {"with"}
        out += [i for c in obj.children if c.dep_ == "prep" and c.lower_ in preps for i in _span_tokens(c)]
        # "paid a courtesy call on the president": "on" a person is whom they called on ("talks on Syria" is a topic)
        called = [o for c in obj.children if c.dep_ == "prep" and c.lower_ == "on" for o in c.children]
        return out + [
            i for o in called if o.lemma_.lower() in agents or o.ent_type_ == "PERSON" for i in _span_tokens(o)
        ]
    out, todo = [], [obj]
    while todo:
        node = todo.pop()
        out.append(node.i)
        for c in node.children:
            if c.dep_ == "conj":
                out += _met_tokens(c, agents)  # "Putin and his foreign minister"; "the issues ... and X's threats"
            elif c.dep_ not in _CLAUSAL and (c.dep_ != "prep" or c.lower_ == "of"):
                todo.append(c)
    return sorted(out)


def _prep_objects(tok: Token, preps: frozenset[str]) -> list[int]:
    out: list[int] = []
    for c in tok.children:
        if c.dep_ in {"prep", "agent"} and c.lower_ in preps:
            for obj in c.children:
                if obj.dep_ in {"pobj", "pcomp"} and obj.ent_type_ not in {"DATE", "TIME"}:
                    out += _span_tokens(obj)  # not "on 18 March in Ohrid, North Macedonia": a time, not a side
    return out


def _is_passive(tok: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children)


def _subject(tok: Token, papers: frozenset[str] = frozenset()) -> tuple[list[int], bool]:
    """The subject tokens of a verb, inherited from governing verbs where it has none; a participle describing one of
    a state's own ``papers`` ("decrees lifting the ban") has the paper's signer for its subject."""
    node, inherited = tok, False
    for _ in range(4):
        subj = [c for c in node.children if c.dep_ in _SUBJ]
        if _is_passive(node):
            agent = _prep_objects(node, frozenset({"by"}))
            if agent:
                return agent, inherited
            if any(c.dep_ in {"nsubjpass", "csubjpass"} for c in node.children):
                return [], inherited  # "after the treaty was signed": a subject of its own, its doer unnamed
            subj = []
        if subj:
            head = subj[0]
            if len(subj) > 1 and subj[1].pos_ == "PROPN" and subj[1].i == subj[0].right_edge.i + 1:
                head = subj[1]  # "Belarus' main ally Russia invaded": the name, not the role before it
            if head.tag_ in {"WDT", "WP"} and node.dep_ == "relcl":
                if node.lemma_.lower() in _PAPER_SAYS and (maker := _document_maker(node.head)) is not None:
                    return maker, True  # "adopted Resolution 2065, which invited ...": the adopter invited
                return _span_tokens(node.head, stop=_CLAUSAL | {"prep"}), True
            return _span_tokens(head), inherited
        if node.dep_ in {"xcomp", "conj", "advcl", "pcomp"} or (node.dep_ == "prep" and node.head.pos_ == "VERB"):
            node, inherited = node.head, True
            continue
        if node.dep_ == "acl" and node.tag_ == "VBN" and (agent := _prep_objects(node, frozenset({"by"}))):
            return agent, inherited  # "an assertion dismissed by Moscow": the doer is the agent, not the noun
        ordering = node.dep_ == "acl" and node.tag_ == "VBG" and node.head.lemma_.lower() in papers
        if ordering and (maker := _document_maker(node.head)) is not None:
            return maker, True  # "Putin signed decrees lifting the ban": what the decree does, its signer does
        if node.dep_ in {"acl", "relcl"}:
            return _span_tokens(node.head, stop=_CLAUSAL | {"prep"}), True
        break
    if not inherited and (name := _time_fused_name(tok)) is not None:
        return _span_tokens(name), False
    return [], inherited


# what a paper says or asks, for whoever issued it ("the statement, which called for ...", "a resolution, which
# invited the two to negotiate"); what it brought about ("which ended the state of war") is no new act of theirs
_PAPER_SAYS = frozenset({"invite", "call", "urge", "demand", "condemn", "ask", "request", "appeal", "recognise",
                         "recognize", "reaffirm", "express", "welcome", "reject", "deplore", "warn",
                         "accuse"})  # fmt: skip
# papers that speak for whoever issued them
_DOCUMENTS = frozenset({"resolution", "statement", "declaration", "communique", "communiqué", "report", "letter",
                        "decision", "decree", "memorandum", "note", "law", "bill"})  # fmt: skip


def _document_maker(noun: Token) -> list[int] | None:
    """The subject of the verb that issued a paper ("the Assembly adopted Resolution 2065"), when ``noun``
    names that paper as the verb's object."""
    named = noun.lemma_.lower() in _DOCUMENTS or any(
        c.dep_ == "compound" and c.lemma_.lower() in _DOCUMENTS for c in noun.children
    )
    if not named or noun.dep_ not in _OBJ or noun.head.pos_ not in {"VERB", "AUX"}:
        return None
    maker, _inherited = _subject(noun.head)
    return maker or None


_TIME_NOUNS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday"}
)


def _time_fused_name(verb: Token) -> Token | None:
    """A name the parser fused into the time phrase before a verb with no subject: in "On Friday Albares flew
    to Brussels" or "On 2 March 2023 Foreign Minister Santiago Cafiero told ..." the parse reads the date and
    the name as one noun after "On"; the name is the subject."""
    for c in verb.children:
        if c.dep_ != "prep" or c.i > verb.i:
            continue
        for obj in c.children:
            if obj.dep_ != "pobj" or obj.pos_ != "PROPN" or obj.lower_ in _TIME_NOUNS or obj.ent_type_ == "DATE":
                continue
            before = [t for left in obj.lefts for t in left.subtree]
            if any(t.lower_ in _TIME_NOUNS or t.ent_type_ == "DATE" for t in before):
                return obj
    return None


def verb_args(
    tok: Token,
    *,
    place_is_target: bool = False,
    meeting: bool = False,
    agents: frozenset[str] = frozenset(),
    leaving: bool = False,
    papers: frozenset[str] = frozenset(),
) -> Args:
    """Source and target of a verbal trigger ("Japan imposed sanctions on Russia").

    For a ``meeting`` verb the object's topic phrases name no side ("discussed the situation in Syria"):
    only an object that is a name or one of the ``agents`` nouns ("the president of Peru") keeps its "of".
    For a ``leaving`` verb, where it went is no side ("withdrew to Iran"): what it left is ("from Baku").
    What a state's own paper does (``papers``: "signed decrees lifting the ban") its signer does.
    """
    source, inherited = _subject(tok, papers)
    target: list[int] = []
    if _is_passive(tok) and source:
        target += [i for c in tok.children if c.dep_ == "nsubjpass" for i in _span_tokens(c)]
    for c in tok.children:
        if c.dep_ in _OBJ or (c.dep_ == "attr" and c.pos_ in {"PROPN", "NOUN"}):
            target += _met_tokens(c, agents) if meeting else _span_tokens(c)
            # "declared the two regions occupied by Russia": the charge is aimed at the doer it names
            target += [i for d in c.children if d.dep_ == "acl" and d.tag_ == "VBN"
                       for i in _prep_objects(d, frozenset({"by"}))]  # fmt: skip
    target += _prep_objects(tok, _TARGET_PREPS - _DESTINATION_PREPS if leaving else _TARGET_PREPS)
    for c in tok.children:  # "agreed to visit Japan": the other side sits in the complement
        if c.dep_ == "xcomp":
            target += [i for g in c.children if g.dep_ in _OBJ for i in _span_tokens(g)]
            target += _prep_objects(c, _TARGET_PREPS)
    place = _prep_objects(tok, _PLACE_PREPS)
    if place_is_target:
        target += place
    return Args(tuple(source), tuple(sorted(set(target))), tuple(place), inherited)


def met_there(tok: Token) -> bool:
    """Whether a journey says whom it met where it went ("flew to Brussels, where he met the EU's
    commissioner"): the meeting clause tells the act and names its other side; the city does not."""
    return any(
        g.dep_ == "relcl" and any(a.lower_ == "where" for a in g.children)
        for p in tok.children
        if p.dep_ == "prep"
        for o in p.children
        for g in o.children
    )


def noun_args(tok: Token, *, place_is_target: bool = False, patient: bool = False, leaving: bool = False) -> Args:
    """Source and target of a nominal trigger ("Putin's visit to Japan", "the Soviet-Japanese talks").

    ``patient`` nouns are done to their "of" object ("Russia's annexation of Crimea"); without
    one, a "from" or "by" makes the possessor the one acted on ("Russia's expulsion from the G8").
    Otherwise an act with no named doer comes "from" its doer ("objections from Washington",
    "a request from Tokyo"), unless the act is ``leaving`` a place ("the withdrawal from Syria").
    """
    mods: list[int] = []
    for c in tok.children:
        if c.dep_ == "poss" or (c.dep_ in {"compound", "amod", "nmod", "npadvmod"} and c.pos_ in {"PROPN", "ADJ"}):
            if c.pos_ == "ADJ" and not c.text[:1].isupper():
                continue  # "a joint statement", "a new proposal": no doer named, so the verb's subject made it
            mods += _span_tokens(c)
    target = _prep_objects(tok, _TARGET_PREPS - {"between"})
    if patient:
        of, away = _prep_objects(tok, frozenset({"of"})), _prep_objects(tok, frozenset({"from", "by"}))
        if not of and away:
            source, target = away + _prep_objects(tok, frozenset({"between", "among"})), target + mods
            target = [i for i in target if i not in away]
        else:
            source, target = mods + _prep_objects(tok, frozenset({"by", "between", "among"})), target + of
    else:
        source = mods + _prep_objects(tok, frozenset({"by", "of", "between", "among"}))
        if not source and not leaving:
            source = _prep_objects(tok, frozenset({"from"}))
            target = [i for i in target if i not in source]
    place = _prep_objects(tok, _PLACE_PREPS)
    if place_is_target:
        target += place
    gov = tok.head
    if not target and tok.dep_ == "pobj" and gov.lower_ == "under" and gov.head.pos_ in {"VERB", "AUX"}:
        # "Russia remained under G7 sanctions": who is under them is the one they are on
        target = _subject(gov.head)[0]
    if tok.dep_ in {"dobj", "obj"} and gov.lemma_.lower() in RECEIVING_VERBS and (sender := _prep_objects(gov, _FROM)):
        # "Yerevan received new proposals from Baku": the sender made them, to the one who received them
        return Args(tuple(sender), tuple(_subject(gov)[0]), tuple(place), False)
    inherited = False
    if not source and tok.dep_ in {"dobj", "attr", "oprd"} and tok.head.pos_ in {"VERB", "AUX"}:
        source, inherited = _subject(tok.head)
    return Args(tuple(source), tuple(sorted(set(target))), tuple(place), inherited)


@dataclass
class SentenceActors:
    """The actor mentions of one sentence, findable by the paragraph-Doc tokens they cover."""

    span: Span
    offset: int  # body offset of the paragraph Doc
    mentions: list[Mention]
    _by_token: dict[int, list[Mention]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.mentions:
            return
        toks = [(self.offset + tok.idx, self.offset + tok.idx + len(tok), tok.i) for tok in self.span]
        ends = [end for _start, end, _i in toks]
        for m in self.mentions:
            # tokens do not overlap: from the first one ending after the mention starts, while they start before its end
            for start, _end, i in toks[bisect_right(ends, m.start) :]:
                if start >= m.end:
                    break
                self._by_token.setdefault(i, []).append(m)

    def covering(self, tokens: tuple[int, ...] | list[int]) -> list[Mention]:
        """Mentions touching any of ``tokens``, in text order, each once."""
        seen: dict[tuple[int, int], Mention] = {}
        for i in tokens:
            for m in self._by_token.get(i, ()):
                seen.setdefault((m.start, m.end), m)
        return sorted(seen.values(), key=lambda m: m.start)

    def tokens_of(self, mention: Mention) -> list[int]:
        return [i for i, ms in self._by_token.items() if mention in ms]
