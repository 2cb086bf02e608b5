"""Agreements found from the text itself, without a list: the names and descriptions a passage gives.

:mod:`dyad.extract.agreements` first finds what ``dyad/data/agreements.yaml`` lists (which adds
aliases and known dates); everything else that reads as an agreement is found here:

- a **name**: capitalised words ending in, or starting with, an agreement noun of ``text_names``
  ("the Border Defence Cooperation Agreement", "the Agreement on Trade and Transit", "the Lahore
  Declaration"), keyed by its words (lower case, no articles) and its parties;
- a **description**: an agreement noun of ``text_described`` in lower case with a year, a subject
  or both ("the 2023 agreement on fisheries between A and B"), keyed by kind, subject, year and
  parties; or one a passage says was signed (or ratified, ...) on a date it gives ("the deal
  signed in Beijing on 8 May 2022"), keyed by kind, parties and that date.

Parties are the states the agreement's own phrase names ("between India and China", "which India
and China signed"), else the sentence's two states, else the document's two. The status and its date
come from the same dependency path as for listed agreements (:func:`status_of`). Mentions of one
agreement in many documents meet in the registry through the key.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Span, Token

from dyad.extract.parse import ParsedDoc
from dyad.records import AgreementMention, Mention

_YEAR = re.compile(r"^(1[6-9]\d\d|20\d\d)$")
_JOINERS = frozenset({"of", "on", "for", "and", "the", "&"})  # words inside a name ("Agreement on Trade and Transit")
_SUBJECT_PREPS = frozenset({"on", "over", "for", "regarding", "concerning", "about"})
_DROP = frozenset({"the", "a", "an"})


def _slug(words: Sequence[str]) -> str:
    return "-".join(w for w in (re.sub(r"[^\w]+", "", x.lower()) for x in words) if w and w not in _DROP)


def _capital(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.pos_ in ("PROPN", "NOUN", "ADJ", "VERB")


def _headline(span: Span) -> bool:
    """A title-case line ("India and China Sign Border Deal"): capitals say nothing about names there."""
    if span.text.rstrip()[-1:] in (".", "!", "?", '"', "”", ":"):
        return False  # a sentence, however full of names
    words = [t for t in span if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[:1].isupper() for t in words) >= 0.8 * len(words)


def name_span(head: Token, span: Span) -> tuple[int, int] | None:
    """Token range of the capitalised name an agreement noun heads or opens, or None when it is no name."""
    if not head.text[:1].isupper():
        return None
    doc, lo = head.doc, head.i
    edge = max(span.start, head.left_edge.i)
    while lo - 1 >= edge and (_capital(doc[lo - 1]) or doc[lo - 1].like_num or doc[lo - 1].tag_ == "HYPH"):
        lo -= 1  # capitalised (or numbered) modifiers of its own phrase: "Border Defence Cooperation", "Point 15"
    while lo < head.i and not _capital(doc[lo]):
        lo += 1
    hi = head.i + 1
    k = hi
    while k < span.end and (head.doc[k].lower_ in _JOINERS or head.doc[k].tag_ == "HYPH" or _capital(head.doc[k])):
        if _capital(head.doc[k]):
            hi = k + 1
        k += 1
    first_in_sentence = lo == span.start
    capitals = [t for t in head.doc[lo:hi] if t.text[:1].isupper()]
    if len(capitals) < 2 or (first_in_sentence and len(capitals) < 3 and hi - lo < 3):
        return None
    return lo, hi


def _year(tokens: Sequence[Token]) -> str | None:
    years = {t.text for t in tokens if _YEAR.match(t.text)}
    return years.pop() if len(years) == 1 else None


def _subject(head: Token, not_subjects: frozenset[str]) -> list[Token]:
    """The subject phrase of a description: "on fisheries", "on the maintenance of peace" (its noun, the
    noun's own modifiers and one "of" phrase; not a pronoun, nor "on the sidelines of ...")."""
    for child in head.rights:
        if child.dep_ != "prep" or child.lower_ not in _SUBJECT_PREPS:
            continue
        obj = next((g for g in child.children if g.dep_ == "pobj"), None)
        if obj is None or obj.pos_ not in ("NOUN", "PROPN") or obj.lemma_.lower() in not_subjects:
            return []
        words = [*(t for t in obj.lefts if t.dep_ in ("compound", "amod")), obj]
        of = next((c for c in obj.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if of is not None and pobj is not None:
            words += [of, *(t for t in pobj.lefts if t.dep_ in ("compound", "amod")), pobj]
        return [t for t in words if not _YEAR.match(t.text)]
    return []


def _parties(
    pdoc: ParsedDoc, idx: int, head: Token, mentions: Sequence[Mention], pair: tuple[str, ...], fold: dict[str, str]
) -> tuple[str, ...]:
    """States the agreement's phrase names, else the sentence's two, else the document's two."""
    shift = pdoc.sentences[idx].start - pdoc.spans[idx].start_char
    lo, hi = head.left_edge.idx + shift, head.right_edge.idx + len(head.right_edge) + shift
    sent = pdoc.sentences[idx]

    def states(a: int, b: int) -> list[str]:
        return sorted({fold.get(m.country, m.country) for m in mentions
                       if m.country and m.kind == "state" and a <= m.start < b})  # fmt: skip

    for found in (states(lo, hi), states(sent.start, sent.end)):
        if len(found) >= 2:
            return tuple(found)
    return pair


def text_agreements(
    pdoc: ParsedDoc,
    idx: int,
    span: Span,
    taken: list[tuple[int, int]],
    pair: tuple[str, ...],
    mentions: Sequence[Mention],
    times: Any,
    data: Any,
) -> list[AgreementMention]:
    """The agreements sentence ``idx`` names or describes that the data file does not list.

    ``taken`` holds the sentence-relative character ranges already found from the data.
    """
    from dyad.extract.agreements import status_date, status_of

    names, described = data.text_names, data.text_described
    if not names and not described:
        return []
    headline = _headline(span)
    out: list[AgreementMention] = []
    used: set[int] = set()
    sent = pdoc.sentences[idx]
    for tok in span:
        low = tok.lower_
        if tok.i in used or tok.pos_ not in ("NOUN", "PROPN") or (low not in names and low not in described):
            continue
        rel = (tok.idx - span.start_char, tok.idx - span.start_char + len(tok))
        if any(s < rel[1] and rel[0] < e for s, e in taken):
            continue
        if any(c.dep_ == "nummod" and c.like_num and not _YEAR.match(c.text) for c in tok.children):
            continue  # "12 agreements were signed": a counted batch
        rng = None if headline else name_span(tok, span)
        status, cue = status_of(tok, data)
        where = rel
        if rng is not None:
            first, last = span.doc[rng[0]], span.doc[rng[1] - 1]
            where = (first.idx - span.start_char, last.idx + len(last) - span.start_char)
        when = status_date(times, pdoc, idx, cue, where) if cue is not None else None
        parties = _parties(pdoc, idx, tok, mentions, pair, data.successors)
        kind = data.kinds.get(low, "other")
        side = "-".join(parties)
        if rng is not None:
            words = span.doc[rng[0] : rng[1]]
            year = _year(list(words))
            name = words.text
            key = f"text:{_slug([t.text for t in words if not _YEAR.match(t.text)])}:{side}"
            used.update(range(*rng))
        elif low in described and tok.tag_ in ("NN", "NNP"):
            mods = [t for t in tok.lefts if t.dep_ in ("nummod", "compound", "amod", "nmod")]
            year, subject = _year(mods), _subject(tok, data.not_subjects)
            if subject:  # "the 1956 agreement" alone points back at one named elsewhere: no new record
                name = " ".join(t.text for t in [*mods, tok] if not subject or not _YEAR.match(t.text))
                name += (" on " + " ".join(t.text for t in subject)) if subject else ""
                key = f"text:{kind}:{_slug([t.lemma_ for t in subject]) or '-'}:{year or '-'}:{side}"
            elif status in data.done and when and len(when) >= 7:
                year, name = None, f"{tok.lower_} {status.replace('_', ' ')} {when}"
                key = f"text:{kind}:{side}:{when}"
            else:
                continue
        else:
            continue
        evidence = pdoc.evidence(sent.start, sent.end)
        out.append(AgreementMention(key, name, kind, parties, year, status, when, (), evidence))
    return out
