"""How common an English word is: wordfreq's frequency list, for the repair stage's word checks.

One :class:`WordList` belongs to each :class:`~dyad.knowledge.repair.RepairKnowledge` (so to each
:class:`~dyad.knowledge.Knowledge`): it reads wordfreq's list the first time a word is looked up and
keeps it, instead of a module-level cache.

>>> words = WordList()
>>> words.zipf("treaty") > 4 > words.zipf("treatyx")
True
"""

from __future__ import annotations

import math
from functools import cached_property


class WordList:
    """Zipf frequencies of English words (wordfreq's ``en`` list), read on first use."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang

    def __repr__(self) -> str:
        return f"WordList({self.lang!r}, read={'freqs' in self.__dict__})"

    @cached_property
    def freqs(self) -> dict[str, float]:
        """Word -> frequency (a share of all words), as wordfreq lists it."""
        from wordfreq import get_frequency_dict  # its tables load on first use: a tenth of a second

        return get_frequency_dict(self.lang)

    def zipf(self, word: str) -> float:
        """Zipf frequency of a single alphabetic word (0.0 when unknown); case-insensitive.

        Computed on lookup (turning all 320,000 entries into Zipf values up front would cost every
        process a tenth of a second).
        """
        w = word.lower()
        f = self.freqs.get(w, 0.0) if w.isalpha() else 0.0
        return math.log10(f) + 9.0 if f > 0 else 0.0

    def phrase_zipf(self, text: str) -> float:
        """Zipf frequency of a hyphenated or multi-word form, as wordfreq combines its parts."""
        from wordfreq import zipf_frequency

        return float(zipf_frequency(text, self.lang))
