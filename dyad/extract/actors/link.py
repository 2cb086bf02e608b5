"""Actor linking: find the actors a document names and tie each mention to a knowledge id.

Produces :class:`dyad.records.Mention` records (body offsets, sentence index, entity id,
kind, country, ``how``). One spaCy ``PhraseMatcher`` per :class:`Actors` (compiled once
and cached on it) finds every alias, initials form, surname, demonym, adjective, capital and
title; small rules then choose among the candidates:

- ``how="alias"``: a full name or alias (``S. Abe``, ``Abe Shinzo``, ``Etorofu``);
- ``how="surname:..."``: a bare family name that fits a known person by name and date (the person
  named in full earlier, a title held at the sentence's date, the one namesake in office then);
  one that does not, or a surname written with a given name no namesake has ("Rajnath Singh"), is an
  unlinked person (``how="unlinked:..."``) with the state its phrase or title gives
  (:mod:`dyad.extract.actors.people` says which path is which);
- ``how="title"``: ``the Japanese prime minister``, ``Russia's foreign minister``, ``the
  Russian leader`` -> the holder at the sentence's date;
- ``how="demonym"``: ``the Japanese side``/``the Russians`` (subject) and both halves of
  ``Russian-Japanese`` -> the state (kind ``state``). Other adjective uses (``Japanese
  companies``) keep the state's id and country but get kind ``other``: the country is known,
  but nobody is acting for the state, so event coding must not take it as an actor;
- ``how="metonym"``: a capital or seat of power as subject or possessor acts for its state
  (``Tokyo protested``); elsewhere it is the place;
- ``how="coref"``: ``he``/``his``/``she`` -> the last person in this or the two sentences before
  when only one such person is there; ``the minister`` -> the last minister named;
- ``how="coref"`` on ``it``: a verb's subject "it" -> the state that is the subject of the clause it is said in
  ("Ethiopia announced that it accepted"), or of the sentence before when "it" is the main verb's subject;
- ``how="body"``: ``the ministry``, ``the defence council`` -> the state of the same body named before with
  its state ("the Saudi foreign ministry"), a few sentences back or, sharing a describing word, anywhere before;
- ``how="unknown"``: spaCy PERSON/ORG/GPE/NORP/LOC names matching nothing, ``entity=None``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, cast

import spacy.about
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from dyad.datafile import cached_json
from dyad.extract.actors.people import PersonRules, acting_for, person_key
from dyad.extract.parse import RECEIVING_VERBS, ParsedDoc, described_as
from dyad.knowledge.actors import Actor, Actors, period, state_of
from dyad.records import ActorRef, Mention

_NER_KIND = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "NORP": "other", "LOC": "place"}
_NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_WINDOW = 2  # sentences back that coreference may reach
_BODY_WINDOW = 3  # sentences back that "the ministry" reaches the last ministry named with its state


#: words of address between a title and a name ("President Dr Irfaan Ali", "Foreign Minister Sheikh Khalid")
_HONORIFICS = frozenset({"dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "prof", "prof.", "sheikh", "sir"})


def _past_honorifics(doc: Doc, i: int) -> int:
    while i < len(doc) and doc[i].lower_ in _HONORIFICS:
        i += 1
    return i


@dataclass(frozen=True)
class Cand:
    """One reading of a matched phrase: an actor id (or ``role:<canonical>``) and how it was named."""

    id: str
    how: str  # alias | surname | adjective | prefix | demonym | metonym | title


@dataclass
class _Compiled:
    norm: PhraseMatcher
    orth: PhraseMatcher
    table: dict[int, tuple[Cand, ...]]
    capital: dict[int, bool]  # phrase written with a capital: the text must have one too


def _acronym(phrase: str) -> bool:
    letters = [c for c in phrase if c.isalpha()]
    return bool(letters) and phrase == phrase.upper() and (len(phrase) <= 6 or "." in phrase)


def person_forms(actor: Actor) -> set[str]:
    """Full names, both name orders and initials forms (``S. Abe``, ``V.V. Putin``) of a person."""
    forms = {actor.name, *actor.aliases}
    fam = actor.family
    for full in list(forms):
        words = full.split()
        if not fam or len(words) < 2:
            continue
        if words[-1] == fam:
            given = words[:-1]
            if len(words) == 2:
                forms.add(f"{fam} {given[0]}")
            if all(w[0].isalpha() and "." not in w for w in given):
                ini = [w[0].upper() + "." for w in given]
                forms |= {" ".join(ini) + f" {fam}", "".join(ini) + f" {fam}", "".join(ini) + fam}
    return forms


def _phrases(kb: Actors) -> dict[str, list[Cand]]:
    out: dict[str, list[Cand]] = {}

    def add(phrase: str, cand: Cand) -> None:
        if phrase.strip() and cand not in out.setdefault(phrase.strip(), []):
            out[phrase.strip()].append(cand)

    for a in kb.actors:
        for form in person_forms(a) if a.kind == "person" else {a.name, *a.aliases}:
            add(form, Cand(a.id, "alias"))
        if a.kind == "person" and a.family:
            add(a.family, Cand(a.id, "surname"))
        for adj in a.adjectives:
            add(adj.rstrip("-"), Cand(a.id, "prefix" if adj.endswith("-") else "adjective"))
        for dem in a.demonyms:
            add(dem, Cand(a.id, "demonym"))
        for met in a.metonyms:
            add(met, Cand(a.id, "metonym"))
    lex = kb.lexicon
    for form in lex.forms:
        add(form, Cand("role:" + lex.titles[form.lower()], "title"))
    for word in lex.leader_words:
        add(word, Cand("role:leader", "title"))
    for word in lex.minister_words:
        add(word, Cand("role:minister", "title"))
    return out


def compiled(kb: Actors, nlp: Language) -> _Compiled:
    """The matchers for ``kb`` over ``nlp``'s vocabulary, built once and kept on the Actors object."""
    vocab = nlp.vocab
    key = f"matcher:{id(vocab)}"
    if key not in kb.cache:
        norm, orth = PhraseMatcher(vocab, attr="NORM"), PhraseMatcher(vocab, attr="ORTH")
        table: dict[int, tuple[Cand, ...]] = {}
        capital: dict[int, bool] = {}
        # phrases with the same readings, case rule and matcher share one key: a few thousand adds, not 8,000
        groups: dict[tuple[tuple[Cand, ...], bool, bool], list[str]] = {}
        phrases = _phrases(kb)
        acronyms = {phrase: _acronym(phrase) for phrase in phrases}
        for phrase, cands in phrases.items():
            groups.setdefault((tuple(cands), phrase[0].isupper(), acronyms[phrase]), []).append(phrase)
        keywords = _keywords(nlp, acronyms)
        for (readings, upper, acronym), members in groups.items():
            label = vocab.strings.add(members[0])
            table[label] = readings
            capital[label] = upper
            values = [keywords[m] for m in members]  # attribute values, as an unpickled matcher adds (stub: Docs)
            (orth if acronym else norm).add(members[0], cast(Any, values))
        kb.cache[key] = _Compiled(norm, orth, table, capital)
    result: _Compiled = kb.cache[key]
    return result


def _keywords(nlp: Language, phrases: dict[str, bool]) -> dict[str, list[int]]:
    """Each phrase's tokens as its matcher compares them: their NORM, or their ORTH for an acronym (True).

    Tokenising 8,000 phrases (and making a lexeme of every new word) is a third of a second of every ingest's
    loading, so the values are kept in the cache folder (:func:`dyad.datafile.cached_json`), under the phrases
    with the attribute each is matched on, spaCy's version, the model's name and version and its tokenizer's
    rules: a change of any of them is another name. The matcher takes the values as a pickled one does.
    """
    tokenizer = cast(Any, nlp.tokenizer)  # a spaCy Tokenizer (compiled, no stubs): it has pipe()

    def build() -> dict[str, list[int]]:
        return {
            phrase: [t.orth if phrases[phrase] else t.norm for t in doc]
            for phrase, doc in zip(phrases, tokenizer.pipe(phrases), strict=True)
        }

    rules = [getattr(getattr(tokenizer, name, None), "__self__", None) for name in _TOKENIZER_PATTERNS]
    meta = nlp.meta
    key = json.dumps(
        [
            _KEYWORDS_FORMAT,
            spacy.about.__version__,
            [meta.get("lang"), meta.get("name"), meta.get("version")],
            [getattr(rule, "pattern", None) for rule in rules],
            sorted(getattr(tokenizer, "rules", None) or {}),
            sorted(phrases.items()),
        ]
    )
    kept: dict[str, list[int]] = cached_json("matcher", key, build)
    return kept


#: Bumped when what :func:`_keywords` keeps changes for the same key (which token attribute, how it is read).
_KEYWORDS_FORMAT = "keywords1"
#: The tokenizer's compiled patterns, whose text is part of the keywords' key.
_TOKENIZER_PATTERNS = ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match")


def _matches(comp: _Compiled, doc: Doc) -> list[tuple[int, int, tuple[Cand, ...]]]:
    """Longest non-overlapping matches, left to right, with their candidate readings."""
    found = []
    for label, s, e in [*comp.norm(doc), *comp.orth(doc)]:
        if comp.capital[label] and not doc[s].text[:1].isupper():
            continue  # "Diet", "May", "Rice": a capitalised name must be written with a capital
        found.append((s, e, label))
    # longest first; of two as long, a name before a word of people ("The Dominican Republic" is no "the Dominican")
    found.sort(key=lambda m: (m[0] - m[1], all(c.how != "alias" for c in comp.table[m[2]]), m[0]))
    taken: set[int] = set()
    keep = []
    for s, e, label in found:
        if taken.isdisjoint(range(s, e)):
            taken.update(range(s, e))
            keep.append((s, e, comp.table[label]))
    return sorted(keep, key=lambda m: m[0])


class _DocLinker(PersonRules):
    """Links one document; keeps what earlier sentences named for surnames, titles and pronouns."""

    def __init__(self, pdoc: ParsedDoc, kb: Actors, ref_dates: Sequence[str | None]) -> None:
        self.pdoc, self.kb, self.lex = pdoc, kb, kb.lexicon
        self.dates = ref_dates
        self.out: list[Mention] = []
        self.named: dict[str, list[tuple[int, int, str]]] = {}  # family -> [(para, sentence, id)] by full name
        self.states: Counter[str] = Counter()
        self.roles: dict[int, str] = {}  # start of a person mention -> "subject" | "speaker" (its clause role)
        self.loose: dict[str, list[tuple[int, int, str | None]]] = {}  # family -> [(para, sentence, country)]
        self.doc_states: Counter[str] = Counter()  # states the whole document names (for titles' states)
        self.sole_states: set[str] = set()  # states the document names by a name that reads as no other state
        self.items: list[tuple[int, int, tuple[Cand, ...]]] = []  # the paragraph's matches
        self.taken: set[int] = set()  # their tokens
        self.hint_country: str | None = None  # the state of the title before a name ("India's defence minister")
        self.titled: dict[int, tuple[str, str | None]] = {}  # token after a title -> (role, its state)
        self.para = 0
        self.serving: dict[str, str] = {}  # person -> the organisation a title said they serve
        self.private: set[str] = set()  # people described as speaking for no state (id, or an unknown's surname)
        self.bodies: dict[str, list[tuple[int, str, frozenset[str]]]] = {}  # noun -> [(sentence, state, words)]

    def date(self, sent: int) -> str | None:
        d = self.dates[sent] if sent < len(self.dates) else None
        return d or self.pdoc.published

    def emit(self, off: int, span: Span, actor: Actor | None, kind: str, how: str, country: str | None = None) -> None:
        start = off + span.start_char
        sent = self.pdoc.sentence_at(start)
        if kind == "person" or how == "unknown":
            key = actor.id if actor else span[-1].lower_
            if how != "coref" and described_as(span.root, self.lex.private_roles):
                self.private.add(key)  # the tagger may take "Pavel Orlov, a professor" for a body
            if key in self.private or (actor is not None and actor.private):
                actor, country, how = (replace(actor, private=True) if actor else None), None, "private"
                kind = "person"
        m = Mention(
            start,
            off + span.end_char,
            span.text,
            actor.id if actor else None,
            kind,
            acting_for(actor, self.date(sent), self.kb) if actor else country,
            sent,
            how,
        )
        self.out.append(m)
        if actor is not None and kind == "state" and actor.country:
            self.states[actor.country] += 1
        if actor is not None and kind == "person" and (role := self._clause_role(span)):
            self.roles[start] = role

    def _clause_role(self, span: Span) -> str | None:
        """``speaker`` for the subject of a verb of saying or the X of "according to X", ``subject``
        for another subject or passive agent ("was recognised by X"), else None."""
        node = span.root
        while node.dep_ in ("compound", "flat", "appos") and node.head != node:
            node = node.head  # "Minister of Trade Seko Hiroshige", "Ushakov, Putin's aide"
        head = node.head
        if node.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
            return "speaker"
        if node.dep_ == "nsubj" and head.lemma_.lower() in self.lex.speech_verbs:
            return "speaker"
        if node.dep_ == "conj" and head.dep_ in ("nsubj", "nsubjpass"):
            return "subject"  # "Abe and Putin talked": both subjects, so neither is the one a pronoun picks
        if node.dep_ in ("nsubj", "nsubjpass") or (node.dep_ == "pobj" and head.dep_ == "agent"):
            return "subject"
        return None

    def run(self) -> list[Mention]:
        if not self.pdoc.paragraphs:
            return []
        comp = compiled(self.kb, self.pdoc.nlp)
        found = [_matches(comp, doc) for _off, doc in self.pdoc.paragraphs]
        self.sole_states = {code for ms in found for _s, _e, c in ms if (code := self._sole_state(c))}
        self.doc_states.update(code for ms in found for _s, _e, c in ms if (code := self._state_code(c)))
        for para, (off, doc) in enumerate(self.pdoc.paragraphs):
            before = len(self.out)
            self.items, self.titled, self.para = found[para], {}, para
            self.taken = {i for s, e, _c in found[para] for i in range(s, e)}
            words = self.coref_words(doc)
            self.paragraph(para, off, doc, found[para], words.items)
            self.unknown(off, doc, self.out[before:])
            self.body_references(off, doc, before, words.bodies)
            self.state_pronouns(off, doc, words.its)
            self.late_pronouns(off, doc, before, words.subjects)
        return self.out

    def coref_words(self, doc: Doc) -> _Pointers:
        """The paragraph's words that point back, in one pass over its tokens: subject pronouns, the items they,
        "the latter" and a lone "the North" give, body nouns ("the ministry") and "it" as a verb's subject."""
        pronouns, order_words, body_nouns = self.lex.pronouns, self.lex.order_words, self.lex.body_nouns
        found = _Pointers([], [], [], [])
        orders: list[tuple[int, int, tuple[Cand, ...]]] = []
        compass: list[tuple[int, int, tuple[Cand, ...]]] = []
        for t in doc:
            if t.lower_ in pronouns and t.dep_ in ("nsubj", "nsubjpass", "poss"):
                found.subjects.append(t)
            elif t.lower_ == "it" and t.dep_ == "nsubj" and t.head.pos_ == "VERB":
                found.its.append(t)  # not "It was the first meeting ...": a copula's "it" points at no state
            if _order_word(t, order_words):
                orders.append((t.i - 1, t.i + 1, (Cand("order", "coref"),)))
            if _compass_word(t) and t.i not in self.taken:
                compass.append((t.i, t.i + 1, (Cand("compass", "coref"),)))
            if t.tag_ in ("NN", "NNP") and t.i not in self.taken and t.lemma_.lower() in body_nouns:
                found.bodies.append(t)
        found.items.extend([(t.i, t.i + 1, (Cand("pronoun", "coref"),)) for t in found.subjects] + orders + compass)
        return found

    def body_references(self, off: int, doc: Doc, before: int, bodies: list[Token]) -> None:
        """ "The ministry also froze all new trade": a state's body named without its state is the one named
        before with a state ("the Saudi foreign ministry"): the last of that noun within a few sentences, or
        any earlier one sharing a describing word ("the defence council" after "the Supreme Defence Council,
        chaired by President X"). A body named with one state is remembered for those that follow."""
        found = self.out[before:]
        added = False
        for tok in bodies:
            noun = tok.lemma_.lower()
            sent = self.pdoc.sentence_at(off + tok.idx)
            words = frozenset(c.lower_ for c in tok.lefts if c.dep_ in {"amod", "compound"})
            near = {i for c in _describing(tok) for i in range(c.left_edge.i, c.right_edge.i + 1)}
            lo, hi = off + doc[min(near, default=tok.i)].idx, off + doc[max(near, default=tok.i)].idx
            own = [m for m in found if lo <= m.start <= hi and m.country and m.start != off + tok.idx]
            states = {state_of(m.country) for m in own if m.country}
            if len(states) == 1:
                self.bodies.setdefault(noun, []).append((sent, next(iter(states)) or "", words))
                continue
            the = [c.lower_ for c in tok.lefts if c.dep_ == "det"] == ["the"]
            if own or not the or not tok.is_lower or tok.dep_ not in self.lex.acting_deps:
                continue
            earlier = [b for b in self.bodies.get(noun, []) if b[0] < sent]
            fits = [b for b in earlier if b[0] >= sent - _BODY_WINDOW or (words and words <= b[2])]
            if fits and (code := fits[-1][1]) and (state := self.kb.state(code)) is not None:
                self.emit(off, doc[tok.left_edge.i : tok.i + 1], state, "state", "body")
                self.bodies.setdefault(noun, []).append((sent, code, words | fits[-1][2]))
                added = True
        if added:
            self.out.sort(key=lambda m: m.start)

    def state_pronouns(self, off: int, doc: Doc, its: list[Token]) -> None:
        """ "it" as a verb's subject standing for a state: the state that is the subject of the clause it is
        said in ("Ethiopia announced that it accepted the ruling"), else of the sentence before ("Chile answered
        with a case of its own. On 6 June 2016 it brought proceedings against Bolivia")."""
        added = False
        for tok in its:
            sent = self.pdoc.sentence_at(off + tok.idx)
            subject, base = _speaker_subject(tok), off
            if subject is None and sent > 0 and tok.head == self.pdoc.spans[sent].root:
                subject = _main_subject(self.pdoc.spans[sent - 1])  # "it" the main verb's subject
                base = self.pdoc.paragraphs[self.pdoc.sentences[sent - 1].para][0]
            if subject is None or any(c.dep_ == "conj" for c in subject.children):
                continue  # "Norway and Russia held talks. It ...": no one state
            state = self._state_at(subject, base)
            if state is not None:
                self.emit(off, doc[tok.i : tok.i + 1], state, "state", "coref")
                added = True
        if added:
            self.out.sort(key=lambda m: m.start)

    def _state_at(self, tok: Token, base: int) -> Actor | None:
        """The one state that state mentions in a subject's phrase name ("Chile", "the Chinese government", "the
        ministry" linked to its state), if its phrase names one; ``base`` is its paragraph's body offset."""
        lo, hi = base + tok.doc[tok.left_edge.i].idx, base + tok.idx + len(tok.text)
        found = {m.entity for m in self.out if lo <= m.start < hi and m.kind == "state" and m.country and m.entity}
        actor = self.kb.by_id.get(next(iter(found))) if len(found) == 1 else None
        return actor if actor is not None and actor.kind == "state" else None

    def late_pronouns(self, off: int, doc: Doc, before: int, subjects: list[Token]) -> None:
        """Subject pronouns left open, read again once the paragraph's unlinked people are known: "he"
        after "India's Defence Minister Arvind Kumaran", who is nobody in the data, takes his state."""
        done = {m.start for m in self.out[before:]}
        open_ = [t for t in subjects if off + t.idx not in done]
        for t in open_:
            self.pronoun(off, doc[t.i : t.i + 1], unlinked=True)
        if open_:
            self.out.sort(key=lambda m: m.start)

    def paragraph(
        self,
        para: int,
        off: int,
        doc: Doc,
        matches: list[tuple[int, int, tuple[Cand, ...]]],
        coref: list[tuple[int, int, tuple[Cand, ...]]],
    ) -> None:
        items = sorted([*matches, *coref], key=lambda m: m[0])
        hint: str | None = None
        for k, (s, e, cands) in enumerate(items):
            span = doc[s:e]
            nxt = items[k + 1] if k + 1 < len(items) else None
            if cands[0].how == "title":
                hint = self.title(para, off, doc, span, cands[0].id[5:], items[k - 1] if k else None, nxt)
                continue
            if _inside_longer_name(span, cands, self.kb):
                continue  # "Algeria's High Security Council" is not the UN's Security Council
            before = len(self.out)
            self.one(para, off, span, cands, hint)
            said = self.out[-1] if len(self.out) > before and self.out[-1].kind == "person" else None
            if said is not None and said.entity:
                lead = next((m for m in reversed(items[:k]) if m[2][0].how != "title"), None)
                if (body := _serving_body(doc, lead, span, self.kb)) is not None:
                    self.serving[said.entity] = body  # "EU Trade Commissioner Valdis Dombrovskis" acts for the EU
                if said.entity in self.serving:  # ... and so does a later "Dombrovskis"
                    self.out[-1] = replace(said, country=self.serving[said.entity])
            hint = None

    # -- the readings -------------------------------------------------------------------------

    def one(self, para: int, off: int, span: Span, cands: tuple[Cand, ...], hint: str | None) -> None:
        hows = {c.how for c in cands}
        if "coref" in hows and cands[0].id == "compass":
            self.compass(off, span)
        elif "coref" in hows:
            self.ordinal(off, span) if cands[0].id == "order" else self.pronoun(off, span)
        elif "metonym" in hows:
            self.metonym(off, span, cands)
        elif "alias" in hows and not (hows & {"surname"} and self._named_here(span, cands)):
            self.alias(para, off, span, [c for c in cands if c.how == "alias"])
        elif "surname" in hows:
            self.surname(para, off, span, [c for c in cands if c.how == "surname"], hint)
        elif hows & {"adjective", "prefix", "demonym"}:
            self.demonym(off, span, cands)

    def alias(self, para: int, off: int, span: Span, cands: list[Cand]) -> None:
        actor = self.pick([self.kb.get(c.id) for c in cands], self.date(self._sent(off, span)))
        if actor.kind == "person" and actor.family:
            self.named.setdefault(actor.family.lower(), []).append((para, self._sent(off, span), actor.id))
        self.emit(off, span, actor, actor.kind, "alias")

    def link_person(self, para: int, off: int, span: Span, actor: Actor) -> None:
        """``span`` names ``actor`` in full (a surname with one of the person's own given names)."""
        self.alias(para, off, span, [Cand(actor.id, "alias")])

    def _named_here(self, span: Span, cands: tuple[Cand, ...]) -> bool:
        """A surname that is also another actor's alias (Togo) reads as the person once named."""
        return span.text.lower() in self.named

    def pick(self, actors: list[Actor], when: str | None) -> Actor:
        """Among same-named actors: one that existed at the date, then states, the best known, by id."""

        def score(a: Actor) -> tuple[int, int, int, int, str]:
            lo, hi = a.existed
            alive = 1 if (lo or hi) else 2  # with no date, prefer the state that still exists
            if when and (lo or hi):
                w0, w1 = period(when)
                alive = 3 if (not lo or period(lo)[0] <= w1) and (not hi or period(hi)[1] >= w0) else 0
            return (-alive, a.kind != "state", not a.id.startswith("Q"), -len(a.roles), a.id)

        return min(actors, key=score)

    def demonym(self, off: int, span: Span, cands: tuple[Cand, ...]) -> None:
        when = self.date(self._sent(off, span))
        actor = self.pick(self._as_named([self.kb.get(c.id) for c in cands]), when)
        how = cands[0].how
        tok, doc = span[-1], span.doc
        hyphen_after = tok.i + 1 < len(doc) and doc[tok.i + 1].text in "-–" and tok.whitespace_ == ""
        hyphen_before = span[0].i > 0 and doc[span[0].i - 1].text in "-–" and doc[span[0].i - 1].whitespace_ == ""
        partner = [c for start, _e, cs in self.items if start == tok.i + 2 for c in cs]
        if how == "prefix" and not (hyphen_after and any(self.kb.get(c.id).kind == "state" for c in partner)):
            return  # "Sino-Japanese", "Indo-Pakistani" name two states; "Indo-Pacific" names a region
        acting = hyphen_after or hyphen_before or how == "prefix"
        if how == "demonym" and tok.dep_ not in ("amod", "compound", "nmod"):
            acting = acting or tok.dep_ in self.lex.acting_deps
        elif not acting:
            head = tok.head if tok.dep_ in ("amod", "compound", "nmod") else tok
            acting = head.lower_ in self.lex.state_nouns or (
                tok.dep_ in self.lex.acting_deps and span[0].i > 0 and doc[span[0].i - 1].lower_ == "the"
            )
        self.emit(off, span, actor, "state" if acting else "other", "demonym")

    def metonym(self, off: int, span: Span, cands: tuple[Cand, ...]) -> None:
        when = self.date(self._sent(off, span))
        tok = span.root
        acting = tok.dep_ in self.lex.acting_deps or (tok.dep_ == "conj" and tok.head.dep_ in self.lex.acting_deps)
        if acting or _sent_from(tok):
            self.emit(off, span, self.pick([self.kb.get(c.id) for c in cands], when), "state", "metonym")
            return
        # a capital with no place entry of its own is still in its state ("talks in Ankara": Turkey's)
        place = _places(self.kb).get(span.text.lower()) or self.pick([self.kb.get(c.id) for c in cands], when)
        self.emit(off, span, place, "place", "metonym")

    def pronoun(self, off: int, span: Span, *, unlinked: bool = False) -> None:
        """The person a pronoun continues; with ``unlinked``, people the data does not hold count too."""
        sent = self._sent(off, span)
        start = off + span.start_char
        gender = self.lex.pronouns.get(span.text.lower(), "m")
        recent = [
            m
            for m in reversed(self.out)
            if m.kind == "person"
            and (m.entity or (unlinked and m.country and m.how != "coref"))
            and sent - _WINDOW <= m.sentence <= sent
            and m.start < start
        ]
        recent = [m for m in recent if not m.entity or (self.kb.get(m.entity).gender or "m") == gender]
        owner = _clause_subject(span.root) if span.root.dep_ == "poss" else None
        if owner is not None:
            # "Peru's trade minister cut short his visit": a possessive after its clause's named subject is the
            # subject's, not the last person named before; a subject nobody in the data leaves it open
            lo, hi = off + owner.left_edge.idx, off + owner.right_edge.idx + len(owner.right_edge)
            recent = [m for m in recent if lo <= m.start < hi][-1:]
        if not recent:
            return
        if len({person_key(m) for m in recent}) > 1:
            recent = self._salient(span, recent, sent)
        if recent and len({person_key(m) for m in recent}) == 1:  # an unlinked person lends its state
            m = recent[0]
            self.emit(off, span, self.kb.get(m.entity) if m.entity else None, "person", "coref", m.country)

    def _salient(self, span: Span, recent: list[Mention], sent: int) -> list[Mention]:
        """Among several persons, the one a subject pronoun most likely continues: the last who
        spoke when the pronoun says something ("He added ..."), else the last subject named."""
        tok = span.root
        if tok.dep_ not in ("nsubj", "nsubjpass"):
            return []
        here = [m for m in recent if m.sentence == sent]
        if tok.head.dep_ in ("relcl", "advcl") and len({person_key(m) for m in here}) == 1:
            return here  # "Albares flew to Brussels, where he met ...": the one person of its own sentence
        if tok.head.dep_ == "conj" and here:
            # "Cafiero told his British counterpart ... and he proposed talks": the one the sentence opened with
            return [m for m in here if person_key(m) == person_key(here[-1])]
        if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in self.lex.speech_verbs:
            speakers = [m for m in recent if self.roles.get(m.start) == "speaker"]
            if speakers:
                return _last_sentence(speakers)
        return _last_sentence([m for m in recent if self.roles.get(m.start)])

    def ordinal(self, off: int, span: Span) -> None:
        """ "the latter" / "the former": the last / the one-before-last person named nearby."""
        sent, start = self._sent(off, span), off + span.start_char
        order: list[str] = []
        for m in reversed(self.out):
            near = sent - _WINDOW <= m.sentence <= sent and m.start < start
            if near and m.kind == "person" and m.entity and m.entity not in order:
                order.append(m.entity)
        n = self.lex.order_words.get(span[-1].lower_, 0)
        if len(order) >= max(n, 2):
            self.emit(off, span, self.kb.get(order[n - 1]), "person", "coref")

    def compass(self, off: int, span: Span) -> None:
        """ "the North", "the South": the one state the document names whose name begins with that word
        ("North Korea" in a story about the two Koreas); nothing when none or several do."""
        word = span.text.lower() + " "
        found = {
            a.id: a
            for code in self.doc_states
            if (a := self.kb.state(code)) is not None and any(n.lower().startswith(word) for n in (a.name, *a.aliases))
        }
        if len(found) == 1:
            self.emit(off, span, next(iter(found.values())), "state", "compass")

    def _sent(self, off: int, span: Span) -> int:
        return self.pdoc.sentence_at(off + span.start_char)

    # -- titles ---------------------------------------------------------------------------------

    def title(
        self, para: int, off: int, doc: Doc, span: Span, role: str, prev: tuple | None, nxt: tuple | None
    ) -> str | None:
        """Resolve a title; returns the role as a hint when a name follows it (``Prime Minister S. Abe``)."""
        after = span.end
        self.hint_country = None
        if nxt and nxt[0] == after and any(c.how in ("alias", "surname") for c in nxt[2]):
            if role in ("leader", "minister"):
                return None
            self.hint_country = self._title_country(doc, span, prev, nxt)
            return role
        name_at = _past_honorifics(doc, after)
        if nxt and nxt[0] == after + 1 and doc[after].lower_ == "of" and self._state_code(nxt[2]):
            name_at = _past_honorifics(doc, nxt[1])  # "President of Guyana Dr Irfaan Ali"
        if name_at < len(doc) and doc[name_at].pos_ == "PROPN" and doc[name_at].text[:1].isupper():
            if role not in ("leader", "minister"):  # an unknown name follows: NER reports it, the title dates it
                self.titled[name_at] = (role, self._title_country(doc, span, prev, nxt))
            return None
        first = span[0].i
        det = doc[first - 1] if first > 0 else None
        if det is not None and det.lower_ in self.lex.title_blockers:
            return None
        if after < len(doc) and doc[after].text in "-–" or (prev and prev[1] == first and self._is_org(prev[2])):
            return None  # "President-elect", "LDP president": not the state's office holder
        if role == "minister" and (
            det is None or det.lower_ != "the" or after < len(doc) and doc[after].lower_ in ("of", "for")
        ):
            return None  # only a bare "the minister" stands for the last minister named
        country = self._title_country(doc, span, prev, nxt)
        if country is None and after < len(doc) and doc[after].lower_ == "of":
            return None  # "the President of the European Council": an office of something not a known state
        when = self.date(self._sent(off, span))
        start = prev[0] if prev and country and prev[1] in (first, first - 1) and prev[1] <= first else first
        holder = self._holder(role, country, when)
        if holder is not None:
            self.emit(off, doc[start : span.end], holder, "person", "title" if role != "minister" else "coref")
        return None

    def _title_country(self, doc: Doc, span: Span, prev: tuple | None, nxt: tuple | None) -> str | None:
        first = span[0].i
        for item in (prev,):
            if item and (item[1] == first or (item[1] == first - 1 and doc[first - 1].lower_ in ("'s", "’s"))):
                code = self._state_code(item[2])
                if code:
                    return code
        if nxt and nxt[0] == span.end + 1 and doc[span.end].lower_ == "of":
            return self._state_code(nxt[2])
        return None

    def _is_org(self, cands: tuple[Cand, ...]) -> bool:
        return any(c.how == "alias" and self.kb.get(c.id).kind == "organisation" for c in cands)

    def _sole_state(self, cands: tuple[Cand, ...]) -> str | None:
        """The state a phrase names by one of its names, when it names one state only ("Dominican Republic")."""
        if any(c.how not in ("alias", "metonym") for c in cands):
            return None
        states = {a.country for c in cands if (a := self.kb.get(c.id)).kind == "state"}
        return states.pop() if len(states) == 1 else None

    def _as_named(self, readings: list[Actor]) -> list[Actor]:
        """Of readings that name several states, those the document names by a name of their own ("Dominican" in a
        story that names the Dominican Republic, not Dominica); else all of them."""
        named = [a for a in readings if a.kind == "state" and a.country in self.sole_states]
        return named if named and len({a.country for a in readings if a.kind == "state"}) > 1 else readings

    def _state_code(self, cands: tuple[Cand, ...]) -> str | None:
        readings = [
            self.kb.get(c.id)
            for c in cands
            if c.how in ("alias", "adjective", "demonym", "metonym") and not c.id.startswith("role:")
        ]
        return next((a.country for a in self._as_named(readings) if a.kind == "state"), None)

    def _holder(self, role: str, country: str | None, when: str | None) -> Actor | None:
        if role == "minister":
            for m in reversed(self.out[-40:]):
                a = self.kb.get(m.entity) if m.entity and m.kind == "person" else None
                if a and any("minister" in r.role and (not when or r.overlap(when)) for r in a.roles):
                    return a
            return None
        if role == "leader":
            if not country:
                return None
            return next((h for r in self.kb.leader_roles(country) if (h := self.kb.holder(r, country, when))), None)
        if country:
            return self.kb.holder(role, country, when)
        for m in reversed(self.out):  # the country of the last person named who held this office then
            a = self.kb.get(m.entity) if m.entity and m.kind == "person" else None
            if a and when and a.holds(role, None, when):
                return a
        for code, _n in self.states.most_common(2):  # the document's own two states, not any state it names
            if (h := self.kb.holder(role, code, when)) is not None:
                return h
        return None

    # -- names nothing in the knowledge matched ------------------------------------------------

    def _loose_country(self, off: int, ent: Span) -> str | None:
        """The state of the same unlinked person named earlier in the document, by surname."""
        sent = self._sent(off, ent)
        found = [c for p, s, c in self.loose.get(ent[-1].lower_, []) if c and (p, s) <= (self.para, sent)]
        return found[-1] if found else None

    def unknown(self, off: int, doc: Doc, linked: list[Mention]) -> None:
        spans = [(m.start - off, m.end - off) for m in linked]
        for ent in doc.ents:
            kind = _NER_KIND.get(ent.label_)
            if kind is None or not _name_like(ent):
                continue
            if any(s < ent.end_char and ent.start_char < e for s, e in spans):
                continue
            if kind == "person" and ent.start in self.titled:
                self.titled_person(off, ent)
                continue
            # "Ali" after "Dr Irfaan Ali"; a lone surname the tagger took for a body ("Kurti" after "Albin Kurti")
            if (kind == "person" or len(ent) == 1) and (country := self._loose_country(off, ent)):
                self.emit(off, ent, None, "person", "unlinked:earlier", country)
                continue
            self.emit(off, ent, None, kind, "unknown")
        self.out.sort(key=lambda m: m.start)


def _inside_longer_name(span: Span, cands: tuple[Cand, ...], kb: Actors) -> bool:
    """An organisation's name read inside a longer name of which it is the tail: a capitalised word runs
    into it ("High Security Council", "Russian Security Council"), not an acronym ("UN Security Council")
    nor the sentence's first word."""
    if not all(c.how == "alias" and kb.get(c.id).kind not in ("state", "person") for c in cands):
        return False
    i = span[0].i
    if i == 0 or i == span.sent.start:
        return False
    prev = span.doc[i - 1]
    joined = prev.head.i in range(span.start, span.end) and prev.dep_ in ("compound", "amod", "nmod")
    return joined and prev.text[:1].isupper() and not prev.text.isupper()


def _serving_body(doc: Doc, prev: tuple[int, int, tuple[Cand, ...]] | None, span: Span, kb: Actors) -> str | None:
    """The organisation a name serves when its title names one right before it ("EU Trade Commissioner
    Valdis Dombrovskis", "UN envoy X"): the code the person acts for."""
    if prev is None or prev[1] > span.start or span.start - prev[1] > 4:
        return None
    actor = kb.get(prev[2][0].id) if prev[2][0].how == "alias" else None
    if actor is None or actor.kind in ("state", "person") or not actor.country:
        return None
    between = doc[prev[1] : span.start]
    if not all(t.text[:1].isupper() and t.pos_ in ("PROPN", "NOUN") for t in between):
        return None
    return actor.country


def _places(kb: Actors) -> dict[str, Actor]:
    """Place actors by lower-cased name and alias, built once per Actors."""
    if "places" not in kb.cache:
        kb.cache["places"] = {n.lower(): a for a in kb.actors if a.kind == "place" for n in (a.name, *a.aliases)}
    places: dict[str, Actor] = kb.cache["places"]
    return places


def _last_sentence(found: list[Mention]) -> list[Mention]:
    """The mentions (newest first) of the newest sentence among ``found``: several persons there tie."""
    return [m for m in found if m.sentence == found[0].sentence] if found else []


def _sent_from(tok: Token) -> bool:
    """A capital a thing comes from: "received proposals from Baku", "a letter from Moscow" (the state sent
    it), not "flew home from Moscow" nor "refugees from Kabul" (the events stage tells crowds apart)."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "from" or prep.head == prep:
        return False
    gov = prep.head
    return gov.lemma_.lower() in RECEIVING_VERBS or (gov.pos_ == "NOUN" and gov.dep_ in {"dobj", "nsubj", "nsubjpass"})


_COMPASS = frozenset({"North", "South"})


@dataclass
class _Pointers:
    """A paragraph's words that point back (:meth:`_DocLinker.coref_words`)."""

    subjects: list[Token]  # subject pronouns ("he", "she", "his")
    items: list[tuple[int, int, tuple[Cand, ...]]]  # the candidates those, "the latter" and "the North" give
    bodies: list[Token]  # body nouns ("ministry", "council")
    its: list[Token]  # "it" as a verb's subject


def _speaker_subject(tok: Token) -> Token | None:
    """The subject of the verb whose clause "it" is the subject of ("Ethiopia announced that it ...")."""
    clause = tok.head
    if clause.dep_ != "ccomp" or clause.head.pos_ not in {"VERB", "AUX"}:
        return None
    return next((c for c in clause.head.children if c.dep_ == "nsubj"), None)


def _clause_subject(tok: Token) -> Token | None:
    """The named subject (no pronoun) of the clause a word sits in, when it comes before the word."""
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ not in ("NOUN", "PROPN") or subj.i > tok.i:
        return None
    return subj


def _main_subject(sent: Span) -> Token | None:
    """The subject of a sentence's main verb."""
    return next((c for c in sent.root.children if c.dep_ == "nsubj"), None)


def _describing(tok: Token) -> list[Token]:
    """The parts of a body's noun phrase that may name its state: words before it ("the Saudi foreign ministry",
    "Canada's"), an "of" phrase ("the ministry of defence of Peru") and a participle ("chaired by President X")."""
    return [
        c for c in tok.children
        if c.i < tok.i and c.dep_ in {"amod", "compound", "poss", "nmod"}
        or c.dep_ == "prep" and c.lower_ == "of"
        or c.dep_ == "acl" and c.tag_ == "VBN"
    ]  # fmt: skip


def _compass_word(tok: Token) -> bool:
    """A capitalised "North" or "South" standing alone after "the" ("the North cut the lines", "the South's
    envoy"), not the start of a longer name ("the North Atlantic", "the South China Sea")."""
    doc = tok.doc
    if tok.text not in _COMPASS or tok.i == 0 or doc[tok.i - 1].lower_ != "the":
        return False
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is None:
        return True
    return nxt.text not in {"-", "–"} and (nxt.is_punct or not nxt.text[:1].isupper())


def _order_word(tok: Token, words: Mapping[str, int]) -> bool:
    """ "the latter noted", "the former's visit": a person named by order, not "the former minister"
    nor a plural ("the latter were interested")."""
    if tok.lower_ not in words or tok.i == 0 or tok.doc[tok.i - 1].lower_ != "the":
        return False
    if tok.dep_ not in ("nsubj", "nsubjpass", "poss") or tok.tag_ in ("NNS", "NNPS"):
        return False
    verb = tok.head
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return not any(t.tag_ == "VBP" or t.lower_ in ("were", "are") for t in (verb, *aux))


def _name_like(ent: Span) -> bool:
    text = ent.text.strip()
    return (
        len(text) > 2
        and text[0].isupper()
        and "\n" not in text
        and "http" not in text
        and sum(c.isalpha() for c in text) >= 0.6 * len(text)
    )


def link_actors(pdoc: ParsedDoc, kb: Actors, ref_dates: Sequence[str | None] | None = None) -> list[Mention]:
    """Every actor mention in ``pdoc``, linked to ``kb`` where possible, in text order.

    ``ref_dates[i]`` is sentence ``i``'s reference date (ISO partial, from the time layer);
    missing ones fall back to the document's publication date. Example::

        mentions = link_actors(pdoc, knowledge.actors, [pdoc.published] * len(pdoc.sentences))
    """
    return _DocLinker(pdoc, kb, ref_dates or []).run()


def actor_ref(kb: Actors, mention: Mention) -> ActorRef:
    """The mention as events and positions cite it (unknown names keep their text as the name)."""
    if mention.entity is None:
        return ActorRef(f"unknown:{mention.text.lower()}", mention.text, mention.country)
    a = kb.get(mention.entity)
    return ActorRef(a.id, a.name, a.country)
