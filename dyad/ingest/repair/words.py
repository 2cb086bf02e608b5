"""Word segmentation for the repair stage: a run of letters with its spaces lost, split into words.

A dynamic programme over the Zipf frequencies of a :class:`~dyad.knowledge.words.WordList` (the
run's, ``kb.words`` of the repair knowledge), used to re-space letter-spaced words and decoded glyph runs.

>>> segment("Thefirst", WordList())
['The', 'first']
"""

from __future__ import annotations

import math

from dyad.knowledge.words import WordList

MAX_WORD = 20
# Single letters other than these are almost never words in running prose, and
# two-letter "words" in the list are often abbreviations: both get a surcharge so
# the segmenter prefers real longer words.
SINGLE_LETTER_WORDS = frozenset({"a", "i"})


def _cost(piece: str, z: float) -> float:
    if z < 1.0:
        return 5.0 + 3.0 * len(piece)  # unknown chunk: dear, but possible (names)
    cost = 9.5 - z
    if len(piece) == 1 and piece.lower() not in SINGLE_LETTER_WORDS:
        cost += 6.0
    elif len(piece) == 2:
        cost += 1.5
    return cost


def segment(letters: str, words: WordList) -> list[str]:
    """Split a run of letters with its spaces lost into the likeliest word sequence.

    Case is kept; lookups are case-insensitive. Non-letters are never split off
    here: callers pass letters only.
    """
    n = len(letters)
    best = [0.0] + [math.inf] * n
    back = [0] * (n + 1)
    low = letters.lower()
    freqs = words.freqs
    for end in range(1, n + 1):
        for start in range(max(0, end - MAX_WORD), end):
            piece = low[start:end]
            f = freqs.get(piece, 0.0) if piece.isalpha() else 0.0
            c = best[start] + _cost(piece, math.log10(f) + 9.0 if f > 0 else 0.0)
            if c < best[end]:
                best[end], back[end] = c, start
    out: list[str] = []
    end = n
    while end > 0:
        out.append(letters[back[end] : end])
        end = back[end]
    return out[::-1]
