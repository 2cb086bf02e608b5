"""Quantities: numbers with units, dates and subjects, read out of the body text.

Each sentence is scanned for numbers (digits, "1,000", "29.7", number words,
"eight-point"), with the scale, currency or unit around them, and ordinals used
as ranks. Labels ("Article 9", "G7", "2+2"), years, days of dates and footnote
markers are refused. A number with no unit must count a noun ("68 commercial
deals") or people ("a population of 17,000"), else it is dropped: precision
over recall. The unit words live in ``dyad/data/units.yaml`` (lexing in
:mod:`dyad.extract.quantities.lex`); the date is the time layer's expression
governing the number (see :func:`assign_dates`).

Produces :class:`dyad.records.QuantityRecord`, value in the unit's base with
its scale applied (money in billions: ``2.5`` ``"USD bn"``), unit one of
``%``, ``count``, ``people``, ``rank``, a measure (``km2``, ``years`` ...) or
``<CUR> bn``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol, runtime_checkable

from spacy.tokens import Span, Token

from dyad.extract.parse import ParsedDoc
from dyad.extract.quantities.lex import Lexed, lex_numbers
from dyad.knowledge.units import UnitTable
from dyad.records import Mention, QuantityRecord, TimeExpr

WHAT_MAX_WORDS = 8
STORY_WINDOW = 3  # sentences back in the same paragraph whose date still governs a number


@runtime_checkable
class TimeLayerLike(Protocol):
    """What the quantities need of the time layer: its resolved expressions."""

    @property
    def times(self) -> Sequence[TimeExpr]: ...


TimeSource = TimeLayerLike | Sequence[TimeExpr]


def time_exprs(times: TimeSource) -> list[TimeExpr]:
    """The time expressions of a time layer, or the list given."""
    return list(times.times if isinstance(times, TimeLayerLike) else times)


@dataclass(frozen=True)
class Found:
    """A quantity found in one sentence, before its date is chosen (body offsets)."""

    sentence: int
    start: int
    end: int
    value: float
    unit: str
    what: str


def extract_quantities(
    pdoc: ParsedDoc,
    mentions: Sequence[Mention],
    times: TimeSource,
    table: UnitTable,
) -> list[QuantityRecord]:
    """Every quantity the body text states, with evidence in original offsets.

    >>> # "12 intergovernmental agreements were signed in December 2016"
    >>> # -> QuantityRecord(what="intergovernmental agreements", value=12, unit="count", date="2016-12")
    """
    exprs = time_exprs(times)
    found: list[Found] = []
    for sent, span in zip(pdoc.sentences, pdoc.spans, strict=True):
        for lexed in lex_numbers(sent.text, table):
            item = _classify(lexed, span, sent.start, table)
            if item is not None and not _inside_date(item, exprs):
                found.append(replace(item, sentence=sent.idx))
    dates = assign_dates(pdoc, found, times, table)
    subjects = _subjects_by_sentence(mentions)
    records = []
    for item, date in zip(found, dates, strict=True):
        subject = subjects.get(item.sentence)
        records.append(
            QuantityRecord(
                what=item.what,
                value=item.value,
                unit=item.unit,
                date=date,
                subject=subject,
                evidence=pdoc.evidence(item.start, item.end),
            )
        )
    return records


def _classify(lexed: Lexed, span: Span, sent_start: int, table: UnitTable) -> Found | None:
    """Decide what a lexed number measures; ``None`` when it is no quantity."""
    start, end = sent_start + lexed.start, sent_start + lexed.end
    tokens = _tokens_in(span, lexed.start, lexed.end)
    if lexed.ordinal:
        return _ordinal(lexed, span, start, end, tokens)
    if lexed.unit:
        return Found(-1, start, end, lexed.value, lexed.unit, _what_measured(span, tokens, lexed, table))
    noun = _counted_noun(span, tokens, lexed)
    if noun is None and lexed.people_cue:
        return Found(-1, start, end, lexed.value, "people", lexed.people_cue)
    if noun is None or not noun.is_alpha or noun.lower_ in table.not_counted or lexed.value == 1 and not lexed.digits:
        return None
    if lexed.value == 2 and noun.lower_ in table.pair_nouns or span.doc[noun.i + 1 : noun.i + 2].text == "plus":
        return None
    unit = "people" if noun.lemma_.lower() in table.people_nouns or noun.lower_ in table.people_nouns else "count"
    what = _phrase_to(span, tokens, noun)
    return Found(-1, start, max(end, sent_start + noun.idx - span.start_char + len(noun)), lexed.value, unit, what)


def _inside_date(item: Found, exprs: Sequence[TimeExpr]) -> bool:
    """A number the time layer read as part of a date ("21 Marach 2022") is no quantity."""
    return any(t.start <= item.start < t.end for t in exprs)


def _ordinal(lexed: Lexed, span: Span, start: int, end: int, tokens: list[Token]) -> Found | None:
    """Ordinals are ranks ("14th place", "seventh among partners") or counts ("17th meeting since")."""
    if lexed.rank_cue:
        return Found(-1, start, end, lexed.value, "rank", lexed.rank_cue)
    noun = _counted_noun(span, tokens, lexed)
    if lexed.value >= 2 and noun is not None and noun.i + 1 < span.end and span.doc[noun.i + 1].lower_ == "since":
        return Found(-1, start, end, lexed.value, "count", _phrase_to(span, tokens, noun))
    return None


def _tokens_in(span: Span, rel_start: int, rel_end: int) -> list[Token]:
    """The sentence's tokens overlapping ``[rel_start, rel_end)`` (offsets relative to the sentence)."""
    base = span.start_char
    return [t for t in span if t.idx - base < rel_end and t.idx + len(t) - base > rel_start]


def _counted_noun(span: Span, tokens: list[Token], lexed: Lexed) -> Token | None:
    """The noun a number counts: its head when it modifies one, else the first noun after it."""
    if not tokens:
        return None
    last = tokens[-1]
    if lexed.hyphen_noun:
        return next((t for t in tokens if t.lower_ == lexed.hyphen_noun.lower()), None)
    head = tokens[0].head
    between: Iterable[Token] = span.doc[last.i + 1 : head.i] if head.i > last.i else []
    broken = any(t.is_punct and t.text not in ("-", "’", "'") for t in between)
    if tokens[0].dep_ == "nummod" and head.i > last.i and head.pos_ in ("NOUN", "PROPN") and head.i - last.i <= 6:
        return None if broken else head
    for tok in span.doc[last.i + 1 : min(span.end, last.i + 6)]:
        if tok.pos_ == "NOUN":
            return tok
        # Commas and brackets end the phrase: "4,300, mostly fishermen" counts no fishermen.
        if tok.pos_ not in ("ADJ", "ADV") and tok.dep_ != "compound" and tok.text not in ("-", "’", "'"):
            return None
    return None


def _phrase_to(span: Span, tokens: list[Token], noun: Token) -> str:
    """Words from just after the number up to the counted noun, plus a short "of ..." tail."""
    first = tokens[-1].i + 1 if tokens and tokens[-1].i < noun.i else noun.i
    words = [t.text for t in span.doc[first : noun.i + 1] if t.text not in ("-", "’", "'")]
    if noun.i + 1 < span.end and span.doc[noun.i + 1].lower_ in ("of", "in", "on"):
        tail = [t.text for t in span.doc[noun.i + 1 : span.end] if not t.is_punct][:4]
        words.extend(tail)
    return " ".join(words[:WHAT_MAX_WORDS]) or noun.text


def _what_measured(span: Span, tokens: list[Token], lexed: Lexed, table: UnitTable) -> str:
    """A short description of what a measured number is of: "of X" after it, else its clause's subject."""
    if not tokens:
        return lexed.unit or ""
    nxt = tokens[-1].i + 1
    if nxt < span.end and span.doc[nxt].lower_ == "of":
        chunk = [t.text for t in span.doc[nxt + 1 : span.end] if not t.is_punct][:5]
        if chunk:
            return " ".join(chunk)
    for anc in tokens[0].ancestors:
        subj = next((c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            words = [t.text for t in subj.subtree if not t.is_punct]
            return " ".join(words[:WHAT_MAX_WORDS])
    chunks = [c.text for c in span.noun_chunks if c.end <= tokens[0].i]
    return chunks[-1] if chunks else lexed.unit or ""


def _subjects_by_sentence(mentions: Sequence[Mention]) -> dict[int, tuple[str, ...]]:
    """Country codes mentioned in each sentence, in order of first mention."""
    out: dict[int, list[str]] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        if m.country and m.country not in out.setdefault(m.sentence, []):
            out[m.sentence].append(m.country)
    return {k: tuple(v) for k, v in out.items() if v}


def assign_dates(pdoc: ParsedDoc, found: Sequence[Found], times: TimeSource, table: UnitTable) -> list[str | None]:
    """The date each quantity holds for: a date in its sentence, else the story's date just before.

    Baselines and range bounds ("since 2013", "from 2014 levels") never date a
    number. With "respectively", dates and same-unit numbers pair in order.
    """
    exprs = [t for t in time_exprs(times) if _governs(pdoc.text, t, table)]
    by_sent: dict[int, list[TimeExpr]] = {}
    for t in sorted(exprs, key=lambda t: t.start):
        by_sent.setdefault(t.sentence, []).append(t)
    out: list[str | None] = []
    for item in found:
        own = [t for t in by_sent.get(item.sentence, []) if t.end <= item.start or t.start >= item.end]
        paired = _respectively(pdoc, item, found, own)
        if paired is not None:
            out.append(paired)
        elif own:
            out.append(min(own, key=lambda t: _distance(t, item)).value)
        elif _story_date(pdoc, item.sentence, by_sent) is None:
            out.append(None)  # nothing nearby dates it: an undated figure stays undated
        else:
            # the time layer's story time knows about asides and flashbacks that "the last date" does not
            refs = getattr(times, "ref_dates", None)
            out.append(refs[item.sentence] if refs else _story_date(pdoc, item.sentence, by_sent))
    return out


def _governs(text: str, t: TimeExpr, table: UnitTable) -> bool:
    if t.precision in ("decade", "century"):
        return False
    return table.date_skip.search(text[max(0, t.start - 30) : t.start]) is None


def _distance(t: TimeExpr, item: Found) -> int:
    # A date before the number reads as its frame ("In 2014, ... 2.2%"); break ties towards it.
    return (item.start - t.end) * 2 if t.end <= item.start else (t.start - item.end) * 2 + 1


def _respectively(pdoc: ParsedDoc, item: Found, found: Sequence[Found], own: list[TimeExpr]) -> str | None:
    sent = pdoc.sentences[item.sentence]
    if "respectively" not in sent.text.lower() or len(own) < 2:
        return None
    peers = [f for f in found if f.sentence == item.sentence and f.unit == item.unit]
    values = list(dict.fromkeys(t.value for t in own))
    if len(peers) != len(values):
        return None
    return values[peers.index(item)]


def _story_date(pdoc: ParsedDoc, idx: int, by_sent: dict[int, list[TimeExpr]]) -> str | None:
    """The last governing date in the few sentences before, within the same paragraph."""
    para = pdoc.sentences[idx].para
    for back in range(idx - 1, max(-1, idx - 1 - STORY_WINDOW), -1):
        if pdoc.sentences[back].para != para:
            break
        if by_sent.get(back):
            return by_sent[back][-1].value
    return None
