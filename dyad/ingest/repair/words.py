"""Word checks for the repair stage: how plausible a string is as an English word.

Backed by wordfreq's frequency list (loaded once, on first use). Produces
Zipf frequencies and a dynamic-programming word segmentation used to re-space
letter-spaced words and decoded glyph runs.

>>> segment("Thefirst")
['The', 'first']
"""

from __future__ import annotations

import math
from functools import cache

from wordfreq import get_frequency_dict

MAX_WORD = 20
# Single letters other than these are almost never words in running prose, and
# two-letter "words" in the list are often abbreviations: both get a surcharge so
# the segmenter prefers real longer words.
SINGLE_LETTER_WORDS = frozenset({"a", "i"})


@cache
def _frequencies() -> dict[str, float]:
    return get_frequency_dict("en")


def zipf(word: str) -> float:
    """Zipf frequency of a single alphabetic word (0.0 when unknown); case-insensitive.

    Computed on lookup from wordfreq's list (turning all 320,000 entries into Zipf values up front
    would cost every process a tenth of a second).
    """
    w = word.lower()
    f = _frequencies().get(w, 0.0) if w.isalpha() else 0.0
    return math.log10(f) + 9.0 if f > 0 else 0.0


def _cost(piece: str, z: float) -> float:
    if z < 1.0:
        return 5.0 + 3.0 * len(piece)  # unknown chunk: dear, but possible (names)
    cost = 9.5 - z
    if len(piece) == 1 and piece.lower() not in SINGLE_LETTER_WORDS:
        cost += 6.0
    elif len(piece) == 2:
        cost += 1.5
    return cost


def segment(letters: str) -> list[str]:
    """Split a run of letters with its spaces lost into the likeliest word sequence.

    Case is kept; lookups are case-insensitive. Non-letters are never split off
    here: callers pass letters only.
    """
    n = len(letters)
    best = [0.0] + [math.inf] * n
    back = [0] * (n + 1)
    low = letters.lower()
    freqs = _frequencies()
    for end in range(1, n + 1):
        for start in range(max(0, end - MAX_WORD), end):
            piece = low[start:end]
            f = freqs.get(piece, 0.0) if piece.isalpha() else 0.0
            c = best[start] + _cost(piece, math.log10(f) + 9.0 if f > 0 else 0.0)
            if c < best[end]:
                best[end], back[end] = c, start
    words: list[str] = []
    end = n
    while end > 0:
        words.append(letters[back[end] : end])
        end = back[end]
    return words[::-1]


def phrase_zipf(text: str) -> float:
    """Zipf frequency of a hyphenated or multi-word form, as wordfreq combines its parts."""
    from wordfreq import zipf_frequency

    return zipf_frequency(text, "en")
