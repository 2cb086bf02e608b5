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

A capitalised word before a lower-case agreement noun names it too ("the Prespa agreement"), unless
that word is an actor ("the Kosovo agreement" is a description).

Parties are the states the agreement's own phrase names ("between India and China", "which India
and China signed"), else the sentence's two states, else the document's two. The status and its date
come from the same dependency path as for listed agreements (:func:`status_of`). Mentions of one
agreement in many documents meet in the registry through the key.

Within one document (:func:`one_name_one_key`):

- a definite description with a status but no year or subject ("the deal was signed on 17 June",
  "under the agreement, which entered into force ..."), or "it" with a status cue in the sentence
  after an agreement ("Both parliaments ratified it"), is the agreement named last before it;
- a name given as another's other name ("X, better known as the Brussels Agreement") is one
  agreement with it, under the shorter name's key, so that other documents using either meet it;
- every mention of one name takes one set of parties, the one most of its mentions give (on a tie,
  the one closest to the document's two main states, then the first): "the Argyle Declaration" told
  with Brazil in one sentence and with Guyana in the next is one agreement, of Guyana and Venezuela
  in a story about those two.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Span, Token

from dyad.extract.parse import ParsedDoc
from dyad.records import AgreementMention, Mention

_YEAR = re.compile(r"^(1[6-9]\d\d|20\d\d)$")
_JOINERS = frozenset({"of", "on", "for", "and", "the", "to", "&"})  # inside a name ("Agreement on the Path to Peace")
_SUBJECT_PREPS = frozenset({"on", "over", "for", "regarding", "concerning", "about"})
_DROP = frozenset({"the", "a", "an"})
_WHERE = frozenset({"in", "at"})  # "met in Brazil": a state named as a place
_DEFINITE = frozenset({"the", "this", "that"})
#: words between a name and its other name: "X, better known as Y", "X, formally called Y"
_ALIAS_LINK = re.compile(
    r"^\s*,?\s*(?:(?:also|better|formally|officially|commonly|widely|informally|now)\s+)?"
    r"(?:known\s+as|called|dubbed|referred\s+to\s+as)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: kinds of description that refer only to an agreement of their own kind ("the memorandum")
_STRICT_KINDS = frozenset({"memorandum", "declaration", "statement", "plan"})


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


def lower_name_span(head: Token, span: Span, actors: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """Token range of "Prespa agreement" in "the Prespa agreement": capitalised proper nouns right before a
    lower-case agreement noun, none of them an actor (``actors``: document character ranges), else None."""
    doc, lo = head.doc, head.i
    while lo - 1 >= span.start and doc[lo - 1].pos_ == "PROPN" and doc[lo - 1].text[:1].isupper():
        lo -= 1
    if lo == head.i or lo == span.start:
        return None  # nothing before it, or the start of a sentence, where every word has a capital
    words = doc[lo : head.i]
    if any(s < w.idx + len(w) and w.idx < e for w in words for s, e in actors):
        return None
    return lo, head.i + 1


def _named_key(key: str) -> bool:
    """A key of a name found in the text ("text:prespa-agreement:GRC-MKD"), not of a description."""
    return key.startswith("text:") and key.count(":") == 2


def _is_named(m: AgreementMention, data: Any) -> bool:
    listed = getattr(data, "by_key", {}).get(m.key.split(":")[0]) or {}
    return _named_key(m.key) or "aliases" in listed


def _compatible(kind: str, named: AgreementMention) -> bool:
    return kind not in _STRICT_KINDS or named.kind == kind


def _referent(earlier: Sequence[AgreementMention], kind: str, data: Any, since: int = -1) -> AgreementMention | None:
    """The agreement named last among ``earlier`` whose kind a description of ``kind`` may refer to;
    only one whose evidence starts at ``since`` or later when given."""
    for m in reversed(earlier):
        if m.evidence.start >= since and _is_named(m, data) and _compatible(kind, m):
            return m
    return None


def _it_refers(
    tok: Token, earlier: Sequence[AgreementMention], since: int, data: Any, status_of: Any
) -> tuple[str, Token, AgreementMention] | None:
    """(status, cue, agreement) when "it" is what a done step happened to ("ratified it", "it was signed",
    "it entered into force") and an agreement is named in this sentence or the one before; else None."""
    ref = _referent(earlier, "other", data, since=since)
    if ref is None or tok.dep_ not in ("dobj", "nsubjpass", "nsubj"):
        return None
    status, cue = status_of(tok, data)
    if status not in data.done or cue is None or (tok.dep_ == "nsubj" and status != "in_force"):
        return None  # "it signed" is a party acting; "it entered into force" is the agreement
    return status, cue, ref


def one_name_one_key(
    mentions: list[AgreementMention], links: Sequence[tuple[str, str]], pair: tuple[str, ...] = ()
) -> list[AgreementMention]:
    """One document's mentions with one key per agreement (see the module docstring): the keys ``links``
    joins (a name and its other name) become the shorter name's, and each name takes the parties most
    of its mentions give; on a tie, those sharing most with the document's own ``pair``, then the first."""
    from collections import Counter
    from dataclasses import replace

    canon: dict[str, str] = {}

    def find(k: str) -> str:
        while canon.get(k, k) != k:
            k = canon[k]
        return k

    def words(k: str) -> int:
        return k.split(":")[1].count("-") if _named_key(k) else 99

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            keep, drop = (ra, rb) if words(ra) <= words(rb) else (rb, ra)
            canon[drop] = keep
    by_name: dict[str, Counter[tuple[str, ...]]] = {}
    for m in mentions:
        if _named_key(m.key):
            by_name.setdefault(find(m.key).split(":")[1], Counter())[m.parties] += 1
    out = []
    for m in mentions:
        if not _named_key(m.key):
            out.append(m)
            continue
        root = find(m.key)
        slug = root.split(":")[1]
        counts = by_name[slug]
        order = list(counts)  # first seen first
        parties = max(order, key=lambda ps: (counts[ps], len(set(ps) & set(pair)), -order.index(ps)))
        key = f"text:{slug}:{'-'.join(parties)}"
        out.append(m if (key, parties) == (m.key, m.parties) else replace(m, key=key, parties=parties))
    return out


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
    """States the agreement's phrase names, else the two states whose people, adjectives or names act in
    the sentence (a state named only as where something happens, "in neighbouring Brazil", left out),
    else the sentence's states, else the document's two."""
    shift = pdoc.sentences[idx].start - pdoc.spans[idx].start_char
    lo, hi = head.left_edge.idx + shift, head.right_edge.idx + len(head.right_edge) + shift
    sent, doc = pdoc.sentences[idx], head.doc

    def states(a: int, b: int) -> list[str]:
        return sorted({fold.get(m.country, m.country) for m in mentions
                       if m.country and m.kind == "state" and a <= m.start < b})  # fmt: skip

    def located(m: Mention) -> bool:
        tok = doc.char_span(m.start - shift, m.end - shift, alignment_mode="expand")
        root = tok.root if tok is not None else None
        return root is not None and root.head.lower_ in _WHERE and root.head.pos_ == "ADP"

    found = states(lo, hi)
    if len(found) >= 2:
        return tuple(found)
    acting = sorted({fold.get(m.country, m.country) for m in mentions
                     if m.country and m.kind in ("state", "person", "other") and sent.start <= m.start < sent.end
                     and not located(m)})  # fmt: skip
    if len(acting) == 2:
        return tuple(acting)
    found = states(sent.start, sent.end)
    return tuple(found) if len(found) >= 2 else pair


def text_agreements(
    pdoc: ParsedDoc,
    idx: int,
    span: Span,
    taken: list[tuple[int, int]],
    pair: tuple[str, ...],
    mentions: Sequence[Mention],
    times: Any,
    data: Any,
    earlier: Sequence[AgreementMention] = (),
    links: list[tuple[str, str]] | None = None,
) -> list[AgreementMention]:
    """The agreements sentence ``idx`` names or describes that the data file does not list.

    ``taken`` holds the sentence-relative character ranges already found from the data; ``earlier``
    the document's mentions before this sentence's (and this sentence's listed ones), which a
    description or "it" may refer to; ``links`` collects (key, key) of a name and its other name.
    """
    from dataclasses import replace

    from dyad.extract.agreements.mentions import status_date, status_of

    names, described = data.text_names, data.text_described
    if not names and not described:
        return []
    headline: bool | None = None  # worked out at the first agreement noun (most sentences have none)
    out: list[AgreementMention] = []
    used: set[int] = set()
    sent = pdoc.sentences[idx]
    shift = sent.start - span.start_char

    def since() -> int:
        """Where the mentions "it" may refer to start: the sentence before, or any earlier when that one
        spoke of an agreement ("under the agreement, ...")."""
        if idx > 0 and any(t.lower_ in described for t in pdoc.spans[idx - 1]):
            return -1
        prev = pdoc.sentences[idx - 1] if idx > 0 else sent
        return pdoc.evidence(prev.start, prev.end).start

    last_name: tuple[int, str] | None = None  # (sentence-relative end, key) of the last name in this sentence
    for tok in span:
        low = tok.lower_
        if low == "it" and tok.pos_ == "PRON" and (earlier or out):
            found = _it_refers(tok, [*earlier, *out], since(), data, status_of)
            if found is not None:
                it_status, it_cue, it_ref = found
                rel = (tok.idx - span.start_char, tok.idx - span.start_char + len(tok))
                it_when = status_date(times, pdoc, idx, it_cue, rel)
                evidence = pdoc.evidence(sent.start, sent.end)
                out.append(replace(it_ref, status=it_status, status_date=it_when, evidence=evidence))
            continue
        if tok.i in used or tok.pos_ not in ("NOUN", "PROPN") or (low not in names and low not in described):
            continue
        rel = (tok.idx - span.start_char, tok.idx - span.start_char + len(tok))
        if any(s < rel[1] and rel[0] < e for s, e in taken):
            continue
        if any(c.dep_ == "nummod" and c.like_num and not _YEAR.match(c.text) for c in tok.children):
            continue  # "12 agreements were signed": a counted batch
        if headline is None:
            headline = _headline(span)
        rng = None if headline else name_span(tok, span)
        if rng is None and not headline and tok.text.islower() and low in names:
            actors = [(m.start - shift, m.end - shift) for m in mentions if m.country or m.entity]  # known actors
            rng = lower_name_span(tok, span, actors)
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
            if last_name is not None and links is not None:
                between = span.text[last_name[0] : words[0].idx - span.start_char]
                if _ALIAS_LINK.match(between):
                    links.append((last_name[1], key))
            last_name = (words[-1].idx + len(words[-1]) - span.start_char, key)
        elif low in described and tok.tag_ in ("NN", "NNP"):
            mods = [t for t in tok.lefts if t.dep_ in ("nummod", "compound", "amod", "nmod")]
            year, subject = _year(mods), _subject(tok, data.not_subjects)
            det = next((c.lower_ for c in tok.children if c.dep_ == "det"), None)
            ref: AgreementMention | None = None
            if not subject and not year and det in _DEFINITE and status is not None:
                ref = _referent([*earlier, *out], kind, data)  # "the deal was signed": the one named before
            if ref is not None:
                evidence = pdoc.evidence(sent.start, sent.end)
                out.append(replace(ref, status=status, status_date=when, evidence=evidence))
                continue
            if subject:  # "the 1956 agreement" alone points back at one named elsewhere: no new record
                name = " ".join(t.text for t in [*mods, tok] if not subject or not _YEAR.match(t.text))
                name += (" on " + " ".join(t.text for t in subject)) if subject else ""
                key = f"text:{kind}:{_slug([t.lemma_ for t in subject]) or '-'}:{year or '-'}:{side}"
            elif status is not None and status in data.done and when and len(when) >= 7:
                year, name = None, f"{tok.lower_} {status.replace('_', ' ')} {when}"
                key = f"text:{kind}:{side}:{when}"
            else:
                continue
        else:
            continue
        evidence = pdoc.evidence(sent.start, sent.end)
        out.append(AgreementMention(key, name, kind, parties, year, status, when, (), evidence))
    return out
