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
import os
import re
from array import array
from functools import cached_property
from importlib import metadata

from dyad.datafile import cache_dir


class WordList:
    """Zipf frequencies of English words (wordfreq's ``en`` list), read on first use."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang

    def __repr__(self) -> str:
        return f"WordList({self.lang!r}, read={'freqs' in self.__dict__})"

    @cached_property
    def freqs(self) -> dict[str, float]:
        """Word -> frequency (a share of all words), as wordfreq lists it (read through :func:`kept_frequencies`)."""
        return kept_frequencies(self.lang)

    def zipf(self, word: str) -> float:
        """Zipf frequency of a single alphabetic word (0.0 when unknown); case-insensitive.

        Computed on lookup (turning all 320,000 entries into Zipf values up front would cost every
        process a tenth of a second).
        """
        w = word.lower()
        f = self.freqs.get(w, 0.0) if w.isalpha() else 0.0
        return math.log10(f) + 9.0 if f > 0 else 0.0

    def phrase_zipf(self, text: str) -> float:
        """wordfreq's ``zipf_frequency`` of a word, or of a hyphenated or multi-word form (its parts combined).

        A word, or parts of plain ASCII letters joined by hyphens or spaces (the line-end hyphen repair's
        forms, a misspelt month), is worked out here from the kept list with wordfreq's own arithmetic
        (``tests/test_words.py`` checks it against wordfreq): importing wordfreq and reading its tables cost
        each worker process 0.3 s. Anything else asks wordfreq.
        """
        parts = _ASCII_PARTS.split(text)
        if all(part.isascii() and part.isalpha() for part in parts):
            return _combined_zipf([part.lower() for part in parts], self.freqs)
        from wordfreq import zipf_frequency

        return float(zipf_frequency(text, self.lang))


#: What wordfreq's tokenizer splits plain ASCII words at (it drops the hyphens and spaces themselves).
_ASCII_PARTS = re.compile(r"[ -]+")


def _combined_zipf(tokens: list[str], freqs: dict[str, float]) -> float:
    """wordfreq's ``zipf_frequency`` (minimum 0) of words already tokenised: ``1/f = 1/f1 + 1/f2 + ...``, 0.0 when
    a word is not listed, the frequency rounded to 3 significant digits and its Zipf value to 2 places, as
    wordfreq 3 computes them."""
    minimum = 1e-9  # wordfreq's zipf_to_freq(0)
    one_over_result = 0.0
    for token in tokens:
        if token not in freqs:
            return round(math.log(minimum, 10) + 9, 2)
        one_over_result += 1.0 / freqs[token]
    unrounded = max(1.0 / one_over_result, minimum)
    leading_zeroes = math.floor(-math.log(unrounded, 10))
    return round(math.log(round(unrounded, leading_zeroes + 3), 10) + 9, 2)


#: Bumped when the layout of a kept list changes.
_FORMAT = "words1"


def kept_frequencies(lang: str) -> dict[str, float]:
    """wordfreq's frequency list of ``lang``, kept in the cache folder (:func:`dyad.datafile.cache_dir`) as one
    array of frequencies and one text of the words, under wordfreq's version: importing wordfreq and reading
    its compressed tables took 0.2 s of every ingest's loading, this about a third of it. A missing, cut
    short or unreadable file is rebuilt from wordfreq; with the cache off, wordfreq is read every time."""
    folder = cache_dir()
    try:
        version = metadata.version("wordfreq")
    except metadata.PackageNotFoundError:
        version = "unknown"
    path = folder / "words" / f"{lang}-{version}-{_FORMAT}.bin" if folder is not None else None
    if path is not None:
        try:
            data = path.read_bytes()
            count = int.from_bytes(data[:8], "little")
            values = array("d")
            values.frombytes(data[8 : 8 + 8 * count])
            words = data[8 + 8 * count :].decode("utf-8").split("\n")
            if len(words) == count == len(values):
                return dict(zip(words, values, strict=True))
        except (OSError, ValueError):
            pass  # not there yet, or damaged: read wordfreq's, and write it
    from wordfreq import get_frequency_dict

    freqs: dict[str, float] = get_frequency_dict(lang)
    if path is not None and not any("\n" in word for word in freqs):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            part = path.with_suffix(f".{os.getpid()}.part")
            body = "\n".join(freqs).encode("utf-8")
            part.write_bytes(len(freqs).to_bytes(8, "little") + array("d", freqs.values()).tobytes() + body)
            os.replace(part, path)
        except OSError:
            pass  # a read-only or full disk: the next process reads wordfreq's again
    return freqs
