"""People by name and date: whether a person mention fits a known person, or stays an unlinked person.

The linker (:mod:`dyad.extract.actors.link`) asks this module two things about a name it matched by
surname. First, does the name as written fit a known person: a given name written beside the
surname ("Rajnath Singh", "Zhao Lijian") must be one of that person's own given names, else the
mention is a person the knowledge does not hold. Second, does a bare surname fit by date: through
the person named in full earlier in the document, a title before it that the person held at the
sentence's date, the one namesake in office then, or the one known bearer of the surname in the
years of their public life. Anything else stays an unlinked person (``entity=None``), with the
state taken from its own phrase ("India's defence minister", "Chinese spokesman"), from the title
it bears (the document's state whose holder of that office is somebody else is excluded), or from
the surname's known bearers when they all belong to one state.

Each outcome is a ``how`` value, counted by ``dyad eval linking``:

==================  ================================================================
``alias``           a full name or alias (or a surname with one of its own given names)
``surname:named``   the person named in full earlier in the document
``surname:title``   a title before it that the person held at the sentence's date
``surname:date``    the one namesake in office at the sentence's date
``surname:only``    the one known bearer of the surname, in the years of their public life
``unlinked:name``   a given name written that no known namesake has
``unlinked:shared`` a surname several known people share, none fitting the date
``unlinked:tenure`` a title no namesake held at that date, or a bearer long out of public life
``unlinked:title``  a titled name the knowledge does not hold at all ("Spokesman Hua Chunying")
==================  ================================================================
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from spacy.tokens import Span, Token

from dyad.knowledge.actors import Actor, Actors, period

WINDOW = 2  # sentences back that a full name reaches a bare surname before the date decides
_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})  # not a name
ERA_BEFORE = timedelta(days=365 * 10)  # a future office holder is seldom named long before taking office
ERA_AFTER = timedelta(days=365 * 20)  # and a past one is still cited for a while after leaving it
PATHS = ("alias", "surname:named", "surname:title", "surname:date", "surname:only",
         "unlinked:name", "unlinked:shared", "unlinked:tenure", "unlinked:title")  # fmt: skip


def _family_in_place(span: Span, fam: str, bearer: Actor) -> bool:
    """The surname stands where it stands in the known bearer's name, first or last: "Wang Wentao" shares the
    Chinese order of "Wang Yi", while "Mayiik Ayii Deng" does not follow "Deng Xiaoping" (nor "Ali Alatas"
    "Irfaan Ali"), so only the first lends its bearer's state to a person the knowledge does not hold."""
    words = [_plain(w) for w in span.text.split()]
    known, fam = [_plain(w) for w in bearer.name.split()], _plain(fam)
    if len(words) < 2 or len(known) < 2 or fam not in words or fam not in known:
        return False
    return (words[0] == fam) == (known[0] == fam) and (words[-1] == fam) == (known[-1] == fam)


def acting_for(actor: Actor, when: str | None, kb: Actors) -> str | None:
    """The code a known person acts for at ``when``: an organisation whose office they held then (the EU's
    foreign policy chief in 2018 speaks for the EU, not for Italy), else their own state."""
    if actor.private:
        return None
    if actor.kind != "person" or not when:
        return actor.country
    for role in actor.roles:
        body = kb.by_id.get(role.of)
        if body is not None and body.kind == "organisation" and role.overlap(when) > 0:
            return body.country or role.of
    return actor.country


def person_key(m: Any) -> str:
    """One person among mentions: a known person's id, else an unlinked person's last name ("Dubbe" for
    "Osman Abukar Dubbe"), so that "he" after an unlinked minister takes that minister's state."""
    return m.entity or "~" + _plain(m.text.split()[-1] if m.text.split() else m.text)


def _plain(word: str) -> str:
    """Lower case without accents or dots: ``Shinzō`` -> ``shinzo``, ``V.`` -> ``v``."""
    folded = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
    return folded.replace(".", "").lower()


def given_tokens(span: Span, taken: set[int]) -> list[Token]:
    """Name words written right beside a matched surname that no other match took: the given names of
    "Rajnath Singh" or "Zhao Lijian". Only words the parser tags as part of a person's name count, so
    honorifics and titles ("Mr", "General") and ordinary capitalised words do not."""
    doc, out = span.doc, list[Token]()
    i = span.start - 1
    while i >= 0 and (_name_word(doc[i], taken) or _one_entity(doc[i], span, taken)):
        out.insert(0, doc[i])
        i -= 1
    i = span.end
    while i < len(doc) and _name_word(doc[i], taken):
        out.append(doc[i])
        i += 1
    return out


def _name_word(tok: Token, taken: set[int]) -> bool:
    return (
        tok.i not in taken
        and tok.ent_type_ == "PERSON"
        and tok.text[:1].isupper()
        and tok.text.replace(".", "").replace("-", "").isalpha()
    )


def _one_entity(tok: Token, span: Span, taken: set[int]) -> bool:
    """A name word the tagger read as part of one entity with the surname, whatever its label: "Faruk Miguel
    Castillo" tagged as an organisation still has the given names Faruk Miguel."""
    return (
        tok.i not in taken
        and tok.pos_ == "PROPN"
        and tok.ent_iob_ in ("B", "I")
        and span[0].ent_iob_ == "I"
        and tok.text[:1].isupper()
        and tok.text.replace("-", "").isalpha()
    )


def fits_given(actor: Actor, words: Sequence[str]) -> bool:
    """Whether the given names written fit the person: one of them is one of the person's own given
    names ("Vladimir Vladimirovich Putin"), or all are initials of them ("V. V. Putin")."""
    written = [_plain(w) for w in words if _plain(w)]
    if not written:
        return True
    fam = _plain(actor.family or "")
    own: set[str] = set()
    for form in (actor.name, *actor.aliases):
        own.update(_plain(w) for w in form.replace("-", " ").split() if _plain(w) != fam)
    if any(w in own for w in written if len(w) > 1):
        return True
    initials = {w[0] for w in own if w}
    return all(len(w) == 1 and w in initials for w in written)


def in_era(actor: Actor, when: str | None) -> bool:
    """Whether ``when`` falls in the person's public life: from some years before the first dated office to
    some years after the last (always, for a person with no dated office or a sentence with no date)."""
    starts = [period(r.start)[0] for r in actor.roles if r.start]
    if not when or not starts:
        return True
    lo, hi = period(when)
    ends = [period(r.end)[1] if r.end else None for r in actor.roles]
    last = None if None in ends or not ends else max(e for e in ends if e is not None)
    return hi >= min(starts) - ERA_BEFORE and (last is None or lo <= last + ERA_AFTER)


def by_title(people: Sequence[Actor], role: str, when: str | None) -> list[Actor]:
    """The namesakes who held ``role`` at ``when`` (ever, when there is no date)."""
    return [p for p in people if p.holds(role, None, when)]


def in_office(people: Sequence[Actor], when: str | None) -> list[Actor]:
    """The namesakes holding any dated office at ``when`` (none without a date)."""
    return [p for p in people if when and any(r.overlap(when) for r in p.roles)] if when else []


def one_country(codes: Iterable[str | None]) -> str | None:
    """The one country among ``codes`` (None when there are none or several)."""
    found = {c for c in codes if c}
    return found.pop() if len(found) == 1 else None


def phrase_range(span: Span) -> tuple[int, int]:
    """Token range of the noun phrase a name heads, with its modifiers and apposition ("India's defence
    minister Rajnath Singh", "Zhao Lijian, a spokesman for the Chinese foreign ministry", "the Dominican
    ambassador, Faruk Miguel Castillo"), not its clauses."""
    node = span.root
    while node.dep_ in ("compound", "flat") and node.head != node and node.head.i - node.i <= 3:
        node = node.head
    lo, hi = min(span.start, node.left_edge.i), span.end
    for child in node.rights:
        if child.dep_ == "appos":
            hi = max(hi, child.right_edge.i + 1)
    if node.dep_ == "appos" and node.head.i < node.i:  # "the Dominican ambassador, Faruk Miguel Castillo"
        lo = min(lo, node.head.left_edge.i)
    return lo, hi


class PersonRules:
    """The person rules of the document linker (:class:`dyad.extract.actors._DocLinker` mixes them in):
    bare and full surnames, and names after a title that the knowledge does not hold."""

    kb: Actors
    named: dict[str, list[tuple[int, int, str]]]  # family -> [(para, sentence, id)] named in full
    loose: dict[str, list[tuple[int, int, str | None]]]  # family -> [(para, sentence, country)] unlinked
    doc_states: Counter[str]
    items: list[tuple[int, int, tuple[Any, ...]]]
    taken: set[int]
    hint_country: str | None
    titled: dict[int, tuple[str, str | None]]
    para: int

    if TYPE_CHECKING:

        def date(self, sent: int) -> str | None: ...
        def _sent(self, off: int, span: Span) -> int: ...
        def _state_code(self, cands: tuple[Any, ...]) -> str | None: ...
        def link_person(self, para: int, off: int, span: Span, actor: Actor) -> None: ...
        def emit(
            self, off: int, span: Span, actor: Actor | None, kind: str, how: str, country: str | None = None
        ) -> None: ...

    def surname(self, para: int, off: int, span: Span, cands: Sequence[Any], hint: str | None) -> None:
        """A matched surname (``cands``: its bearers' readings): a known person when name and date fit, else
        an unlinked person."""
        tok = span[0]
        fam = span.text.lower()
        named, loose = self.named.get(fam, []), self.loose.get(fam, [])
        plausible = (
            hint
            or named
            or loose
            or tok.ent_type_ == "PERSON"
            or (tok.pos_ == "PROPN" and tok.ent_type_ not in _NOT_NAMES)
        )
        if not plausible:
            return
        sent, when = self._sent(off, span), self.date(self._sent(off, span))
        people = [self.kb.get(c.id) for c in cands]
        given = given_tokens(span, self.taken)
        if given:  # "Rajnath Singh": the given name must be the person's own
            fits = [p for p in people if fits_given(p, [t.text for t in given])]
            whole = span.doc[min(span.start, given[0].i) : max(span.end, given[-1].i + 1)]
            if not fits:
                role, country = self.titled.get(whole.start, (hint, self.hint_country))
                self.unlinked(para, off, whole, fam, "unlinked:name", role, country, people)
                return
            if len(fits) > 1 and (one := self.by_date(fits, when, None)) is not None:
                fits = [one]
            if len(fits) == 1:
                self.link_person(para, off, whole, fits[0])
                return
            people = fits  # several bearers of these names: the surname rules choose
        actor, how = self.fit_surname(people, named, loose, para, sent, when, hint)
        if actor is None:
            self.unlinked(para, off, span, fam, how, hint, self.hint_country, people)
            return
        self.emit(off, span, actor, "person", how)

    def fit_surname(
        self,
        people: list[Actor],
        named: list[tuple[int, int, str]],
        loose: list[tuple[int, int, str | None]],
        para: int,
        sent: int,
        when: str | None,
        hint: str | None,
    ) -> tuple[Actor | None, str]:
        """The known person a bare surname stands for, and the path (``surname:*``); (None, ``unlinked:*``)
        when none fits by name and date (see :mod:`dyad.extract.actors.people`)."""
        ids = {p.id for p in people}
        near = [(s, pid) for p, s, pid in named if p == para and sent - WINDOW <= s and pid in ids]
        near_loose = [s for p, s, _c in loose if p == para and sent - WINDOW <= s]
        if hint:
            fit = by_title(people, hint, when)
            if len(fit) > 1:
                fit = [p for p in fit if p.id in {pid for _p, _s, pid in named}]
            if len(fit) == 1:
                return fit[0], "surname:title"
            return None, "unlinked:shared" if fit else "unlinked:tenure"
        if near and not (near_loose and near_loose[-1] > near[-1][0]):
            return self.kb.get(near[-1][1]), "surname:named"
        if near_loose or (loose and not named):
            return None, "unlinked:name"
        dated = in_office(people, when)
        if len(dated) == 1:
            return dated[0], "surname:date"
        if (actor := self.by_doc(people, named)) is not None:
            return actor, "surname:named"
        if len(people) == 1:
            ok = in_era(people[0], when)
            return (people[0], "surname:only") if ok else (None, "unlinked:tenure")
        return None, "unlinked:shared"

    def unlinked(
        self,
        para: int,
        off: int,
        span: Span,
        fam: str,
        how: str,
        role: str | None,
        title_country: str | None,
        bearers: list[Actor],
    ) -> None:
        """A person the knowledge does not hold (or cannot tell apart): no id, the state its phrase, its
        title or an earlier mention gives, else the one state of the surname's known bearers."""
        sent = self._sent(off, span)
        earlier = [c for p, s, c in self.loose.get(fam, []) if c and (p, s) <= (para, sent)]
        country = (
            (earlier[-1] if earlier and how == "unlinked:name" and span.text.lower() == fam else None)
            or title_country
            or self.phrase_country(span)
            or (self.by_exclusion(role, self.date(sent)) if role else None)
            or (earlier[-1] if earlier else None)
            or one_country(p.country for p in bearers if how != "unlinked:name" or _family_in_place(span, fam, p))
        )
        self.loose.setdefault(fam, []).append((para, sent, country))
        self.emit(off, span, None, "person", how, country)

    def phrase_country(self, span: Span) -> str | None:
        """The one state named in the person's own noun phrase ("Chinese foreign ministry spokesman X")."""
        lo, hi = phrase_range(span)
        codes = [
            self._state_code(c) for s, e, c in self.items if lo <= s and e <= hi and not span.start <= s < span.end
        ]
        return one_country(codes)

    def by_exclusion(self, role: str, when: str | None) -> str | None:
        """Of the document's two states, the one whose holder of ``role`` at ``when`` is not known (the
        other's holder is somebody else): "Defence Minister Rajnath Singh" in a text on India and China."""
        top = [c for c, _n in self.doc_states.most_common(2)]
        if len(top) < 2 or not when:
            return None
        left = [c for c in top if self.kb.holder(role, c, when) is None]
        return left[0] if len(left) == 1 else None

    def by_date(self, people: list[Actor], when: str | None, role: str | None) -> Actor | None:
        """The one namesake in office at ``when`` (None when none or several are)."""
        if not when:
            return None
        held = [p for p in people if any(r.overlap(when) for r in p.roles if role is None or r.role == role)]
        return held[0] if len(held) == 1 else None

    def by_doc(self, people: list[Actor], named: list[tuple[int, int, str]]) -> Actor | None:
        ids = {p.id for p in people}
        counts = Counter(pid for _, _, pid in named if pid in ids)
        return self.kb.get(counts.most_common(1)[0][0]) if counts else None

    def titled_person(self, off: int, ent: Span) -> None:
        """A name the knowledge does not hold after a title ("Defence Minister Rajnath Singh"): an unlinked
        person of the title's state, else of the state its phrase names, else of the document's state
        whose holder of that office is somebody else."""
        role, country = self.titled[ent.start]
        when = self.date(self._sent(off, ent))
        country = country or self.phrase_country(ent) or self.by_exclusion(role, when)
        self.loose.setdefault(ent[-1].lower_, []).append((self.para, self._sent(off, ent), country))
        self.emit(off, ent, None, "person", "unlinked:title", country)
