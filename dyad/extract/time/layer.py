"""The time layer: every time expression of a document, normalised and anchored.

:func:`resolve_times` scans each parsed paragraph (:mod:`dyad.extract.time.scan`), drops
four-digit counts the parse shows to be counts ("1500 troops"), finds the document's own
date, then walks the sentences in order keeping the *story time*: the last date the text
stated, carried across sentences and (weakly) paragraphs. Narrative expressions ("a year
later", "that day", "in May") resolve against the story time; deictic ones ("last
September", "this year") against the speaker's now, which is the date of the reported
speech when the sentence quotes or reports one, else the document's date.

The result, a :class:`TimeLayer`, also gives later stages the story time of each sentence
(``ref_dates``) and :meth:`TimeLayer.date_for`, the expression governing a position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from dyad.extract.parse import ParsedDoc, to_infinitive
from dyad.extract.time import calendar as tc
from dyad.extract.time.anchor import anchor_rel, cue_date, latest_date, running_title_date, title_date, title_turn
from dyad.extract.time.calendar import Cal
from dyad.extract.time.scan import Found, Rel, scan
from dyad.knowledge.time import TimeLexicon
from dyad.records import TimeExpr

_MODIFIER_DEPS = {"compound", "nummod", "amod", "nmod", "npadvmod", "poss"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_SIDE_DEPS = {"relcl", "acl", "advcl", "pcomp"}
_NOUN_CLAUSE_DEPS = {"relcl", "acl"}
_DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night", "midday", "noon", "dawn", "overnight"})
_TIME_NOUNS = {"year", "years", "month", "months", "decades", "days", "weeks", "times"}


@dataclass(frozen=True)
class _Info:
    """What the layer knows about an expression beyond its :class:`TimeExpr`."""

    attributive: bool  # names a thing ("the 1956 Declaration"), not when the sentence happens
    story: bool  # whether it moves the story time (not "until 2021", not "expected in 2017")
    governor: int | None  # body offset of the verb it attaches to
    open: str | None
    part: str | None
    side: str = ""  # hangs from a side clause: "aside" ("..., because X called on 9 May") or "trailing"
    nonfinite: bool = False  # its verb is a participle or infinitive ("with rules coming into force in 2017")
    past: bool = False  # its verb is in a past tense
    era: bool = False  # a named period ("World War II", "the Cold War")


@dataclass(frozen=True)
class TimeLayer:
    """All time expressions of one document, its date and each sentence's story time."""

    times: list[TimeExpr]
    doc_date: str | None
    ref_dates: list[str | None]
    doc_date_how: str | None = None  # published | cue | running-title | title | latest (weak) | None
    info: list[_Info] = field(default_factory=list, repr=False)
    #: sentences whose story time is only the document's own date, assumed in a text that tells the past (a history
    #: whose dates lie long before it was written): an act there has no date the text gives it
    assumed: frozenset[int] = frozenset()

    @property
    def doc_date_weak(self) -> bool:
        return self.doc_date_how == "latest"

    def in_sentence(self, sentence_idx: int) -> list[TimeExpr]:
        return [t for t in self.times if t.sentence == sentence_idx]

    def date_for(self, sentence_idx: int, body_pos: int) -> TimeExpr | None:
        """The time expression governing body offset ``body_pos`` in a sentence, if any.

        An expression attached to the verb at ``body_pos`` wins; else the nearest one, where dates naming a
        thing ("the 1956 Declaration") count only when the sentence has no other.
        """
        best: tuple[float, int] | None = None
        for i, t in enumerate(self.times):
            if t.sentence != sentence_idx:
                continue
            info = self.info[i] if i < len(self.info) else None
            if t.start <= body_pos < t.end or (info and info.governor == body_pos):
                return t
            if info and ((info.attributive and info.era) or info.open):
                continue  # an era named as a thing ("the results of World War II"), a bound ("since 1945")
            dist = float(min(abs(body_pos - t.start), abs(body_pos - t.end)))
            if info and info.attributive:
                dist += 100_000  # "ending the 2016 communique": a year naming a thing dates only what nothing else does
            if best is None or dist < best[0]:
                best = (dist, i)
        return self.times[best[1]] if best else None

    def when(self, sentence_idx: int, body_pos: int) -> str | None:
        """The date of a position: its governing expression, else the sentence's story time."""
        t = self.date_for(sentence_idx, body_pos)
        return t.value if t else self.ref_dates[sentence_idx]


def resolve_times(pdoc: ParsedDoc, lexicon: TimeLexicon) -> TimeLayer:
    """Find, normalise and anchor every time expression of a parsed document.

    >>> layer = resolve_times(pdoc, knowledge.time)  # doctest: +SKIP
    >>> [t.value for t in layer.times][:2], layer.doc_date  # doctest: +SKIP
    (['2016-05', '2018-01-12'], '2018-09-12')
    """
    lex = lexicon
    found: list[tuple[Found, int, _Info]] = []  # (found in body offsets, sentence, info)
    for off, doc in pdoc.paragraphs:
        text = pdoc.text[off : off + _length(doc)]  # ``doc.text`` would join every token again
        for f in scan(text, lex):
            if _stamp_line(text, f.start, f.end, lex):
                continue  # "Published Date - 11:05 PM, Fri - 10 March 23": the story's own stamp, read apart
            span = doc.char_span(f.start, f.end, alignment_mode="expand")
            if span is None or (f.kind == "year" and _is_count(span)):
                continue
            idx = pdoc.sentence_at(off + f.start)
            attributive = _attributive(span, lex)
            story = (not attributive or _sets_scene(span, lex)) and f.cue is None
            story = story and not _irrealis(span, pdoc.spans[idx], lex)
            story = story and span.root.dep_ not in _SUBJECT_DEPS  # "2018 was named the year of ..."
            story = story and not _counterfactual(span)  # "unthinkable even a decade ago" tells no time
            story = story and not _planned(span, lex)  # "agreed to coordinate a visit as early as this summer"
            if f.rel is not None and _word_before(text, f.start) in lex.words["deadline"]:
                story = False  # "by the end of the year" is a deadline, not when things happen
            if f.kind == "period" and span.root.dep_ == "compound":
                continue  # "World War II reparations" names a thing
            if f.kind == "period" and f.open:
                story = False  # "after World War II": a bound, not when things happen
            if (
                f.kind == "weekday"
                and span.root.dep_ == "compound"
                and span.root.head.lower_ not in _DAY_PARTS
                and span.root.head.pos_ != "PROPN"  # "On Friday Albares flew": the name is the subject, misparsed
            ):
                continue  # "the News on Saturday programme" names a show; "on Saturday evening" is a time
            side, nonfinite, past = _clause(span, lex)
            info = _Info(
                attributive, story, _governor(span, off), f.open, f.part, side, nonfinite, past, era=f.kind == "period"
            )
            body = Found(f.start + off, f.end + off, f.kind, f.cal, f.rel, f.open, f.part, f.cue)
            found.append((body, idx, info))
    doc_date, how = _doc_date(pdoc, [f for f, _, _ in found], lex)
    return _narrate(pdoc, found, doc_date, how, lex)


def _length(doc: Doc) -> int:
    """Characters in ``doc``'s text (a parsed paragraph of the body)."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


def _doc_date(pdoc: ParsedDoc, found: list[Found], lex: TimeLexicon) -> tuple[str | None, str | None]:
    if pdoc.published:
        return pdoc.published, "published"
    for how, value in (("cue", cue_date(pdoc.text, lex)), ("running-title", running_title_date(pdoc.original, lex))):
        if value:
            return value, how
    value = latest_date(found)
    title = title_date(pdoc.text, lex)
    if title and (value is None or int(title) >= int(value[:4]) - 1):
        return title, "title"  # "Looking back on 2016 and ahead to 2017": a piece of 2017
    return (value, "latest") if value else (None, None)


def _narrate(
    pdoc: ParsedDoc, found: list[tuple[Found, int, _Info]], doc_date: str | None, how: str | None, lex: TimeLexicon
) -> TimeLayer:
    """Walk the sentences in order, resolving relative times against the moving story time."""
    by_sentence: dict[int, list[tuple[Found, _Info]]] = {}
    for f, s, info in found:
        by_sentence.setdefault(s, []).append((f, info))
    story = doc_date
    said = doc_date  # the last stated date: a reported speech's "now" (relative times do not move it)
    now = _now(pdoc, doc_date, how, lex)
    times: list[TimeExpr] = []
    infos: list[_Info] = []
    refs: list[str | None] = []
    para, entry, moves = -1, story, list[str]()  # the paragraph, the story on entering it, its story moves
    first_of_para = 0
    told, entry_told = False, False  # whether the story time was stated by the text (not the document's date)
    assumed: set[int] = set()
    late: set[int] = set()  # sentences left undated after the text has told some time
    moved = False
    looked_back: str | None = None  # where the last paragraph looked back to, when it was a short look back
    heard = [f.cal.value if f.cal else doc_date or "" for f, _s, i in found if not i.attributive]  # "on Tuesday": now
    topical = how in _STATED and _topical(doc_date, heard)
    for sent in pdoc.sentences:
        if sent.para != para:
            looked_back = moves[-1] if _brief_flashback(entry, moves) else None
            if looked_back is not None:
                story, told = entry, entry_told  # a short look back ends with its paragraph
            para, entry, moves, first_of_para, entry_told = sent.para, story, [], sent.idx, told
        opening = not moves and sent.idx == first_of_para
        for f, info in by_sentence.get(sent.idx, []):
            # a time counted from the story ("Two years later") right after a look back counts from where it looked;
            # "last week", a named month or a weekday still count from the story's present
            back = looked_back is not None and not moves and _counts_units(f.rel)
            anchor = looked_back if back else story
            # in a story told around its own date, a paragraph that has not moved the story yet is back in its
            # present: "on May 6" after a background paragraph on 2009 is this year's
            present = topical and not moves and sent.para != 0
            cal = f.cal or _anchored(pdoc, sent.idx, f, anchor, said, doc_date, lex, stated=how in _STATED,
                                     present=present)  # fmt: skip
            if cal is None:
                continue
            if _after_now(f, info, cal, now):
                cal = Cal(tc.shift(cal.value, -1, "year"), None, cal.precision)  # told as past: not after now
            text = pdoc.text[f.start : f.end]
            times.append(TimeExpr(f.start, f.end, text, cal.value, cal.end, cal.precision, sent.idx, f.rel is not None))
            infos.append(info)
            glance = topical and f.rel is not None and f.rel.deictic and _glance_back(cal, story)
            if info.story and not glance and not _side_note(info, cal, story, topical):
                # after a range the story stands at its end ("between 2013 and 2016")
                story = cal.end if cal.end and cal.precision != "decade" else cal.value
                said = story if f.cal else said
                # restating the document's own date (its stamp) tells nothing, unless that date is the text's own
                told = told or story != doc_date or how == "latest"
                moves.append("opening" if opening else story)
        if not told:
            assumed.add(sent.idx)
            if moved:
                late.add(sent.idx)
        moved = moved or bool(moves)
        refs.append(story)
    if not _retrospective(doc_date, times, infos):
        # a document dated only by the latest date it states: once the text has told other times, a stretch it
        # leaves undated is not of that date (a history's "Adams took sudden action ..." after its 1792 paragraph)
        assumed = late if how == "latest" else set()
    return TimeLayer(times, doc_date, refs, how, infos, frozenset(assumed))


#: a text whose stated dates lie this many years (median) before its own date tells history
_RETROSPECT_YEARS = 10


def _retrospective(doc_date: str | None, times: list[TimeExpr], infos: list[_Info]) -> bool:
    """Whether the document tells the past: the median year it states lies long before its own date."""
    years = sorted(int(t.value[:4]) for t, i in zip(times, infos, strict=False)
                   if not t.relative and t.value[:4].isdigit() and not i.attributive)  # fmt: skip
    if not doc_date or not doc_date[:4].isdigit() or len(years) < 5:
        return False
    return years[len(years) // 2] <= int(doc_date[:4]) - _RETROSPECT_YEARS


# A paragraph that opens in the current story and then tells a few dates, all years before
# it, is an aside ("The idea is not new. A similar deal was reached in 1998 ..."): the next
# paragraph resumes the story. A paragraph opening on its own date starts a new thread.
_BRIEF_FLASHBACK = 2


_NEWS_REACH_YEARS = 2
#: how a document's date was found when the document states it (not a guess from its latest date)
_STATED = {"published", "cue"}


def _brief_flashback(entry: str | None, moves: list[str]) -> bool:
    if entry is None or not moves or len(moves) > _BRIEF_FLASHBACK:
        return False
    return all(m != "opening" and int(m[:4]) < int(entry[:4]) for m in moves)


def _now(pdoc: ParsedDoc, doc_date: str | None, how: str | None, lex: TimeLexicon) -> str | None:
    """The latest time the document may tell as past (None when its date is only a guess).

    A title looking from one year to the next ("2016 and ahead to 2017") is written at the
    turn of the later one.
    """
    if doc_date is None or how in (None, "latest"):
        return None
    if how == "title" and title_turn(pdoc.text, lex):
        return doc_date[:4] + "-01"
    return doc_date


def _after_now(f: Found, info: _Info, cal: Cal, now: str | None) -> bool:
    """Whether a month told without its year, in a past tense, came out after the document's now."""
    named_month = f.rel is not None and f.rel.month is not None and not f.rel.deictic
    return named_month and info.past and now is not None and _earlier(now, cal.value)


def _side_note(info: _Info, cal: Cal, story: str | None, topical: bool = False) -> bool:
    """Whether a date told in a side clause leaves the story where it is.

    A side clause looking back ("..., because the president had called on 9 February") or a
    participle looking ahead ("with the rules coming into force in January 2017") adds a
    date without moving the narrative on; so does, in a story told around its own date, a side
    clause reaching years back ("suspending the treaty that the two concluded on October 8, 2002").
    """
    if not info.side or story is None:
        return False
    if topical and story[:4].isdigit() and int(story[:4]) - int(cal.value[:4]) > _NEWS_REACH_YEARS:
        return True
    return info.nonfinite or (info.side == "aside" and _earlier(cal.value, story))


def _glance_back(cal: Cal, story: str | None) -> bool:
    """Whether a time counted from now ("last month", "last year") only glances back from a story standing on a
    day: coarser and earlier, it leaves the story on its day ("mocked the days Sanchez took last month to decide
    ... Within hours, Albares ...": the hours count from the day of the mocking)."""
    if story is None or story.count("-") != 2 or cal.value.count("-") >= 2:
        return False
    return _earlier(cal.value, story)


def _earlier(a: str, b: str) -> bool:
    """Whether ``a`` lies before ``b`` at the precision both share."""
    keep = min(a.count("-"), b.count("-")) + 1
    return a.split("-")[:keep] < b.split("-")[:keep]


def _anchored(
    pdoc: ParsedDoc,
    idx: int,
    f: Found,
    story: str | None,
    said: str | None,
    doc_date: str | None,
    lex: TimeLexicon,
    *,
    stated: bool = False,
    present: bool = False,
) -> Cal | None:
    assert f.rel is not None
    anchor = story
    if stated and _news_day(f, story, doc_date, present):
        anchor = doc_date  # a dated story's "on September 5" is the one nearest the story's own date
    if f.rel.deictic:
        # a weekday outside quotation marks is the writer's ("the Kremlin said on Friday"), whoever speaks
        speech = (
            _in_quote(pdoc, idx, f.start) if f.rel.weekday is not None else _reports_speech(pdoc, idx, f.start, lex)
        )
        anchor = (said if speech else doc_date) or story
        if f.rel.weekday is not None:  # a weekday needs a day to count from
            anchor = next((a for a in (anchor, doc_date) if a and a.count("-") == 2), None)
    return anchor_rel(f.rel, anchor) if anchor else None


def _news_day(f: Found, story: str | None, doc_date: str | None, present: bool = False) -> bool:
    """Whether a day told without its year ("on September 5") counts from the story's own date.

    In a dated news story told around its own time, it is the one nearest that date, even after
    a look back to last year ("refused to talk in May 2022 ... on February 6"); in a history told
    far from when it was written, the narrative's current year stands.
    """
    rel = f.rel
    if rel is None or rel.month is None or rel.day is None or not doc_date or doc_date.count("-") != 2:
        return False
    if not present and _next_in_sequence(rel, story, doc_date):
        return False
    return present or story is None or abs(int(story[:4]) - int(doc_date[:4])) <= _NEWS_REACH_YEARS


#: how many days after a told day a day without its year may fall and still go on from it
_SEQUENCE_DAYS = 62


def _next_in_sequence(rel: Rel, story: str | None, doc_date: str) -> bool:
    """Whether a day told without its year goes on from the day the text last told with its year: "On 12 January
    2023 ... On 21 January ..." in a piece written in 2024 is nine days on, not a day of 2024."""
    if story is None or story.count("-") != 2 or story[:4] == doc_date[:4]:
        return False
    if rel.n or rel.deictic or rel.month is None or rel.day is None or not tc.valid(int(story[:4]), rel.month, rel.day):
        return False
    gap = date(int(story[:4]), rel.month, rel.day) - date.fromisoformat(story)
    return 0 <= gap.days <= _SEQUENCE_DAYS


def _topical(doc_date: str | None, stated: list[str]) -> bool:
    """Whether a story dated to the day is told around its own time: the median year of the times it tells
    (``stated``, a relative time counted as the story's own year) lies within reach of its date (a news story
    with a background paragraph, not a history)."""
    years = sorted(int(v[:4]) for v in stated if v[:4].isdigit())
    if not doc_date or doc_date.count("-") != 2 or not years:
        return False
    return abs(years[len(years) // 2] - int(doc_date[:4])) <= _NEWS_REACH_YEARS


def _in_quote(pdoc: ParsedDoc, idx: int, pos: int) -> bool:
    """Whether ``pos`` lies inside quotation marks opened earlier in its paragraph."""
    sent = pdoc.sentences[idx]
    para_start = next((o for o, d in reversed(pdoc.paragraphs) if o <= sent.start), 0)
    before = pdoc.text[para_start:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _reports_speech(pdoc: ParsedDoc, idx: int, pos: int, lex: TimeLexicon) -> bool:
    """Whether ``pos`` lies in a quotation, or in what a verb of saying reports: its clause ("said that talks
    would resume next year"), or the clause it is put beside ("Talks will resume next year, he said"). A time of
    the saying itself or of another verb ("visited in November last year, and the two agreed to ...") is not; what
    was agreed or proposed is reported ("agreed to coordinate a visit as early as this summer")."""
    if _in_quote(pdoc, idx, pos):
        return True
    span = pdoc.spans[idx]
    said = lex.words["reporting_verbs"]
    at = pos - pdoc.sentences[idx].start + span.start_char
    tok = next((t for t in span if t.idx <= at < t.idx + len(t)), None)
    if tok is None:
        return any(t.lemma_.lower() in said for t in span if t.pos_ == "VERB")
    chain = [tok, *tok.ancestors]
    if any(t.dep_ in ("ccomp", "xcomp") and t.head.lemma_.lower() in said for t in chain):
        return True
    return any(t.dep_ == "parataxis" and t.lemma_.lower() in said and t.head in chain for t in span)


def _irrealis(span: Span, sent: Span, lex: TimeLexicon) -> bool:
    """Whether a word of plan or expectation precedes the expression in its sentence."""
    start = sent.start if sent.doc is span.doc and sent.start <= span.start else span.sent.start
    return any(t.lower_ in lex.words["irrealis"] for t in span.doc[start : span.start])


def _stamp_line(text: str, start: int, end: int, lex: TimeLexicon) -> bool:
    """Whether a time sits in a short line that a word of the document's own date opens ("Published Date -
    11:05 PM, Fri - 10 March 23", "Updated: 20-02-2023 19:10 IST"): the stamp, not a time of the story."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    line = text[lo : hi if hi >= 0 else len(text)]
    if len(line) > 100:
        return False
    words = text[lo:start].lower().replace(":", " ").replace("-", " ").split()
    return any(w in lex.words["doc_date_cues"] for w in words)


def _word_before(text: str, pos: int) -> str:
    words = text[max(0, pos - 16) : pos].split()
    return words[-1].lower().strip("(,") if words else ""


def _clause(span: Span, lex: TimeLexicon) -> tuple[str, bool, bool]:
    """(its side clause kind, its verb a participle, its verb past) for an expression.

    The kind is "aside" for a clause describing a noun or opened by a word of cause or
    contrast ("because", "while"), "trailing" for another side clause after the main verb,
    else "".
    Only side clauses after their head count: a leading one ("Speaking on 12 May, the
    minister said ...", "After they met in 2014, ...") sets the scene for the sentence.
    """
    tok, verb, clauses = span.root, None, []
    for _ in range(12):
        if tok.head.i == tok.i:
            break
        if tok.dep_ == "appos" and verb is None and tok.head.lower_ not in lex.words["weekdays"]:
            # "the valley, scene of a skirmish on Monday": a description, aside ("on Tuesday, Jan. 16" is one time)
            clauses.append((-1, True))
        if tok.dep_ in _SIDE_DEPS and tok.pos_ in ("VERB", "AUX") and not _misread_predicate(tok):
            # a clause describing a noun ("the failure to agree in 2016") is aside wherever it stands
            finite = tok.tag_ in ("VBD", "VBZ", "VBP", "VBN")  # "the strength to meet ..." is content
            aside = (tok.dep_ in _NOUN_CLAUSE_DEPS and finite) or any(
                c.dep_ == "mark" and c.lower_ in lex.words["aside_marks"] for c in tok.children
            )
            if tok.dep_ in _NOUN_CLAUSE_DEPS and _scene_phrase(tok, lex):
                clauses.append((tok.i, False))  # "Following the revolution in which X took power in 1979, ..."
            else:
                clauses.append((-1 if tok.dep_ in _NOUN_CLAUSE_DEPS else tok.i, aside))
        tok = tok.head
        if verb is None and tok.pos_ in ("VERB", "AUX"):
            verb = tok
    # ``tok`` is now the root of the sentence
    nested_noun = len(clauses) > 1 and any(i < 0 for i, _ in clauses)  # "reflecting on the failure to agree"
    side = "aside" if nested_noun or any(a and (i < 0 or i > tok.i) for i, a in clauses) else ""
    side = side or ("trailing" if any(i > tok.i for i, _ in clauses) else "")
    if verb is None:
        return side, False, False
    finite_aux = any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in verb.children)
    nonfinite = verb.tag_ == "VBG" and not finite_aux
    return side, nonfinite, _past(verb)


def _misread_predicate(verb: Token) -> bool:
    """Whether a participle "describing" the noun that roots its sentence is that sentence's own verb, misread: "The
    dispute flared on May 8, when ..." parsed as a dispute that flared; the sentence has no other verb to be told by."""
    noun = verb.head
    return (
        verb.dep_ == "acl"
        and noun.dep_ == "ROOT"
        and noun.pos_ in ("NOUN", "PROPN")
        and verb.i == noun.i + 1
        and verb.tag_ in ("VBD", "VBN")
        and not any(c.dep_ == "agent" for c in verb.children)
    )


def _scene_phrase(clause: Token, lex: TimeLexicon) -> bool:
    """Whether a clause describing a noun lies in a phrase opening the sentence that sets its scene ("Following the
    revolution in which X came to power in 1979, Iran ..."): its time is the sentence's, not an aside."""
    node = clause.head
    for _ in range(6):
        head = node.head
        if head == node:
            return False
        if node.dep_ == "prep" and node.lower_ in lex.words["scene_words"] and head.pos_ in ("VERB", "AUX"):
            return node.i < head.i
        node = head
    return False


def _past(verb: Token) -> bool:
    """Whether a verb or any verb above it is told in a past tense."""
    for _ in range(8):
        if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in verb.children if c.dep_ in ("aux", "auxpass")):
            return True
        if any(c.tag_ == "MD" and c.lower_ in ("will", "shall", "'ll", "would") for c in verb.children):
            # "will visit Ankara on September 5, the ministry said", "added that he would travel to Islamabad on
            # Jan. 29": told ahead, whoever tells it and when
            return False
        if verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


def _planned(span: Span, lex: TimeLexicon) -> bool:
    """Whether the expression dates an infinitive a verb of plan or commitment governs ("agreed to hold talks
    in July"): the time of the plan, not the story's."""
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") and tok.i not in range(span.start, span.end):
            return to_infinitive(tok) and tok.dep_ == "xcomp" and tok.head.lemma_.lower() in lex.words["plan_heads"]
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


_COUNTERFACTUAL_MODALS = frozenset({"would", "could", "might", "should"})


def _counterfactual(span: Span) -> bool:
    """Whether the expression's verb is a modal perfect ("would have been unthinkable a decade ago"):
    what did not happen then moves no story."""
    tok = span.root
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") and tok.i not in range(span.start, span.end):
            aux = [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]
            return any(a in _COUNTERFACTUAL_MODALS for a in aux) and "have" in aux
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _is_count(span: Span) -> bool:
    """A four-digit number counting a plural noun ("1500 troops") is not a year."""
    doc: Doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    return nxt is not None and nxt.tag_ == "NNS" and nxt.lower_ not in _TIME_NOUNS


_TIME_PREPOSITIONS = frozenset({"on", "in", "since", "during", "until", "till", "by", "from", "before", "after"})


def _attributive(span: Span, lex: TimeLexicon) -> bool:
    """Whether the expression names a thing ("the Declaration of 1956", "a 2016 visit").

    After a time preposition it is a time adjunct, whatever the parser hung it on: in "On 26 February
    2019 Indian jets struck", the date is often parsed as a modifier of "jets".
    """
    prev = span.doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.lower_ in _TIME_PREPOSITIONS:
        return False
    owner = span.doc[prev.i - 1] if prev is not None and prev.lower_ == "of" and prev.i > 0 else None
    if owner is not None and (
        owner.lower_ in lex.parts or owner.lower_ in lex.words["seasons"] or owner.lower_ in _TIME_NOUNS
    ):
        return False  # "the summer of 2016", "the first months of 1986", however the parser hung the year
    root = span.root
    if root.dep_ in _MODIFIER_DEPS and root.head.i >= span.end and root.head.pos_ in ("NOUN", "PROPN"):
        return True
    return owner is not None and owner.pos_ in ("NOUN", "PROPN")


def _counts_units(rel: Rel | None) -> bool:
    """Whether a relative time counts units from the story ("Two years later"), not a named month or weekday."""
    return rel is not None and rel.n != 0 and not rel.deictic and rel.month is None and rel.weekday is None


def _sets_scene(span: Span, lex: TimeLexicon) -> bool:
    """Whether an expression naming a happening sets the scene of its sentence ("In the aftermath of the March
    2011 protests", "after the 1979 revolution"): the story moves to its time, though it names a thing."""
    noun = span.root.head
    if noun.i < span.end or noun.lemma_.lower() not in lex.words["happenings"]:
        return False
    node = noun
    for _ in range(4):
        if node.lower_ in lex.words["scene_words"]:
            return True
        if node.head == node:
            break
        node = node.head
    return False


def _governor(span: Span, off: int) -> int | None:
    """Body offset of the verb the expression hangs from (a few steps up the parse)."""
    tok = span.root
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") and tok.i not in range(span.start, span.end):
            return off + tok.idx
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None
