"""Spacing repairs inside paragraphs: letter-spaced words, words split by a stray space, space before punctuation.

``letterspace_edits`` re-segments runs of single letters (``W i t h o u t``)
into words; ``split_word_edits`` joins two fragments into one frequent word
(``conf licts``) only when the pieces are not both ordinary words;
``punctuation_edits`` drops a space before a comma or full stop. All change
spaces only, so every letter keeps its own place in the offset map.
"""

from __future__ import annotations

import re

from dyad.ingest.repair.editing import respace_edits
from dyad.ingest.repair.words import segment
from dyad.knowledge.words import WordList
from dyad.offsets import Edit

_TOKEN = re.compile(r"\S+")
_FRAGMENT = re.compile(r"[^\W\d_]{1,3}")
_PUNCT = re.compile(r"[,.;:!?]")
MIN_SINGLE_LETTERS = 4
JOIN_FLOOR = 3.0


#: A token of one letter (``_FRAGMENT``'s shortest).
_SINGLE = re.compile(r"(?<!\S)[^\W\d_](?!\S)")


def _may_hold_runs(text: str) -> bool:
    """Whether some :data:`MIN_SINGLE_LETTERS` one-letter tokens in a row (among the text's one-letter tokens) stand
    on one line with nothing but short letter tokens and lone punctuation between them: what every run that
    :func:`_runs` keeps holds. Most texts have none, and then the token-by-token walk is not needed."""
    starts = [m.start() for m in _SINGLE.finditer(text)]
    for first, last in zip(starts, starts[MIN_SINGLE_LETTERS - 1 :], strict=False):  # each set of that many in a row
        between = text[first : last + 1]
        if "\n" not in between and all(_FRAGMENT.fullmatch(t) or _PUNCT.fullmatch(t) for t in between.split()):
            return True
    return False


def _runs(text: str) -> list[list[re.Match[str]]]:
    """Maximal runs of short letter tokens (and lone punctuation) on one line, with enough single letters."""
    runs: list[list[re.Match[str]]] = []
    if not _may_hold_runs(text):
        return runs
    cur: list[re.Match[str]] = []

    def close() -> None:
        while cur and _PUNCT.fullmatch(cur[-1].group()):
            cur.pop()
        frags = [m for m in cur if _FRAGMENT.fullmatch(m.group())]
        singles = sum(1 for m in frags if len(m.group()) == 1)
        if singles >= MIN_SINGLE_LETTERS and singles >= 0.5 * len(frags):
            runs.append(list(cur))
        cur.clear()

    prev_end = -1
    for m in _TOKEN.finditer(text):
        tok = m.group()
        same_line = prev_end < 0 or "\n" not in text[prev_end : m.start()]
        if not same_line:
            close()
        if _FRAGMENT.fullmatch(tok) or (cur and _PUNCT.fullmatch(tok)):
            cur.append(m)
        else:
            close()
        prev_end = m.end()
    close()
    return runs


def letterspace_edits(text: str, words: WordList) -> list[Edit]:
    edits: list[Edit] = []
    for run in _runs(text):
        group: list[re.Match[str]] = []
        for m in run + [None]:
            if m is not None and _FRAGMENT.fullmatch(m.group()):
                group.append(m)
                continue
            if group:
                letters = "".join(g.group() for g in group)
                edits.extend(respace_edits(text, group[0].start(), group[-1].end(), segment(letters, words)))
                group = []
            if m is not None:  # punctuation: glue to the word before it
                edits.append((run[run.index(m) - 1].end(), m.start(), ""))
    return edits


def should_join(left: str, right: str, words: WordList) -> bool:
    """Whether ``left right`` is one word broken by a stray space (conservative)."""
    if not (left.isalpha() and right.isalpha()) or len(left) < 2 or len(right) < 2:
        return False
    if not right[0].islower() or (left[1:] and not left[1:].islower()):
        return False
    zj = words.zipf(left + right)
    if zj < JOIN_FLOOR:
        return False
    zl, zr = words.zipf(left), words.zipf(right)
    weak = min(zl, zr)
    return weak < 1.0 or zj > max(zl, zr) or (zj >= 4.0 and weak < 3.0 and zj >= weak + 1.5)


#: Two tokens one space apart that :func:`should_join` could join: the first a word of letters after opening
#: quotes or brackets (what the join strips from its start), the second one followed only by closing marks (what
#: it strips from its end). ``[^\W\d_]`` takes every character ``str.isalpha`` does (and a few numerals, which the
#: join's own test then refuses); the second word is read ahead, so it can be the first of the next pair.
_PAIR = re.compile(r"(?<!\S)[(\"“‘'\[]*([^\W\d_]{2,}) (?=([^\W\d_]{2,})[,.;:!?)\"”’'\-\]]*(?!\S))")


def split_word_edits(text: str, words: WordList) -> list[Edit]:
    """Join each pair of neighbouring tokens that :func:`should_join` calls one word broken by a stray space, left
    to right; a token joined to the one before it is not joined to the next. Only the pairs :data:`_PAIR` finds
    can pass that test (every other token pair holds something besides letters), so they are the ones tried."""
    edits: list[Edit] = []
    joined = -1  # where the second token of the last join starts
    for m in _PAIR.finditer(text):
        if m.start() != joined and should_join(m.group(1), m.group(2), words):
            joined = m.start(2)
            edits.append((m.end(1), joined, ""))
    return edits


_SPACE_BEFORE = re.compile(r"(?<=[^\W_]) +(?=[,.;:!?](?:\s|$))")


def punctuation_edits(text: str) -> list[Edit]:
    return [(m.start(), m.end(), "") for m in _SPACE_BEFORE.finditer(text)]


_CAMEL = re.compile(r"\b([A-Z][a-z]{2,})([A-Z][a-z]{2,})\b")


def lost_hyphen_edits(text: str, words: WordList) -> list[Edit]:
    """``RussianChinese`` -> ``Russian-Chinese``: a line-end hyphen the extractor dropped.

    Only when both halves are words and the whole is not (``YouTube`` stays).
    """
    edits: list[Edit] = []
    for m in _CAMEL.finditer(text):
        left, right = m.group(1), m.group(2)
        z = words.zipf
        if z(left + right) < 1.0 and z(left) >= JOIN_FLOOR and z(right) >= JOIN_FLOOR:
            edits.append((m.end(1) - 1, m.end(1), left[-1] + "-"))
    return edits
