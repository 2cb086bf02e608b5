"""Time knowledge: ``dyad/data/time.yaml`` read, validated and compiled once per :class:`~dyad.knowledge.Knowledge`.

The time layer's words (month names and their abbreviations, vague parts, relative cue
words, refusal contexts) are data, not code. :func:`read_time` checks the file's shape
and raises :class:`~dyad.errors.KnowledgeError` with the key at fault, so a user editing
their own copy sees what to fix. Month recognition, including misspelt months, lives here
because it is a question about words.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dyad.datafile import read_yaml
from dyad.errors import KnowledgeError
from dyad.knowledge.words import WordList

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "time.yaml"

_WORD_LISTS = (
    "capital_only", "weekdays", "bare_month_cues", "old_year_cues", "refuse_before",
    "refuse_after", "seasons", "units", "later", "earlier", "ago", "following", "previous",
    "same", "open_after", "open_before", "reporting_verbs", "doc_date_cues", "part_prefixes",
    "no_story", "irrealis", "not_deictic_after", "closing_parts", "deadline", "weekday_cues",
    "aside_marks", "happenings", "scene_words", "plan_heads",
)  # fmt: skip
_INT_MAPS = ("numbers", "vague_numbers", "ordinals", "deictic", "deictic_days", "holidays")


@dataclass(frozen=True, eq=False)  # identity hash: one lexicon, one set of compiled patterns
class TimeLexicon:
    """The validated contents of a time knowledge file."""

    months: dict[str, int]
    words: dict[str, frozenset[str]]
    ints: dict[str, dict[str, int]]
    parts: dict[str, tuple[float, float]]
    periods: dict[str, tuple[int, int]]
    fuzzy_min: int
    fuzzy_short: int
    fuzzy_long: int
    fuzzy_zipf: float
    #: what the time stage compiles from these words (its patterns), and the word frequencies it looked
    #: up, kept with the lexicon they were made from
    cache: dict[Any, Any] = field(default_factory=dict, repr=False)
    #: how common English words are (a misspelt month that is a common word is not taken for one); a
    #: :class:`~dyad.knowledge.Knowledge` gives its repair knowledge's list, read once for both
    wordlist: WordList = field(default_factory=WordList, repr=False)

    def has(self, list_name: str, word: str) -> bool:
        return word.lower() in self.words[list_name]

    def month(self, word: str, *, fuzzy: bool = False) -> int | None:
        """The month a word names, or ``None``; misspellings only when ``fuzzy``.

        >>> lex = read_time()
        >>> lex.month("Sept"), lex.month("may"), lex.month("Marach", fuzzy=True)
        (9, None, 3)
        """
        low = word.lower()
        if low in self.months:
            if low in self.words["capital_only"] and not word[:1].isupper():
                return None
            return self.months[low]
        if not fuzzy or len(low) < self.fuzzy_min or not word[:1].isupper():
            return None
        key = ("fuzzy", low)  # a pure function of the word and the lexicon: worked out once per word
        if key not in self.cache:
            self.cache[key] = _fuzzy_month(low, self)
        found: int | None = self.cache[key]
        return found

    def alternation(self, *list_names: str) -> str:
        """A regex alternation of the words of some lists, longest first (escaped)."""
        import re

        words: set[str] = set()
        for name in list_names:
            words |= self.words.get(name, frozenset()) | set(self.ints.get(name, {}))
        return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def _fuzzy_month(low: str, lex: TimeLexicon) -> int | None:
    limit = lex.fuzzy_short if len(low) <= 5 else lex.fuzzy_long
    best: list[tuple[int, int]] = []
    for name, num in lex.months.items():
        if len(name) < 4:  # abbreviations are too short to correct safely
            continue
        dist = _distance(low, name, limit)
        if dist <= limit:
            best.append((dist, num))
    if not best:
        return None
    best.sort()
    if len(best) > 1 and best[0][0] == best[1][0] and best[0][1] != best[1][1]:
        return None  # two months equally close: refuse to guess
    if _is_common_word(low, lex):
        return None
    return best[0][1]


def _is_common_word(word: str, lex: TimeLexicon) -> bool:
    key = ("zipf", word)
    if key not in lex.cache:
        lex.cache[key] = lex.wordlist.phrase_zipf(word) > lex.fuzzy_zipf  # wordfreq's zipf_frequency
    return bool(lex.cache[key])


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, stopping early once every path exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def read_time(path: str | Path = DEFAULT_PATH, *, wordlist: WordList | None = None) -> TimeLexicon:
    """Read and validate a time knowledge file (the packaged one by default); ``wordlist`` is the word
    frequency list it looks words up in (its own, read on first use, when None)."""
    raw, where = read_yaml("time.yaml", path, "time knowledge")
    if not isinstance(raw, dict):
        raise KnowledgeError("time knowledge must be a mapping of keys", path=where)
    lex = _build(raw, where)
    return lex if wordlist is None else replace(lex, wordlist=wordlist)


def _build(raw: dict[str, Any], where: str) -> TimeLexicon:
    def fail(key: str, what: str) -> KnowledgeError:
        return KnowledgeError(f"key '{key}' {what}; fix the file or restore the default", path=where)

    months: dict[str, int] = {}
    for num, names in (raw.get("months") or {}).items():
        if not (isinstance(num, int) and 1 <= num <= 12 and isinstance(names, list)):
            raise fail("months", "must map 1..12 to lists of names")
        months.update({str(n).lower(): num for n in names})
    if sorted(set(months.values())) != list(range(1, 13)):
        raise fail("months", "must name all twelve months")
    words: dict[str, frozenset[str]] = {}
    for key in _WORD_LISTS:
        value = raw.get(key)
        if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
            raise fail(key, "must be a list of non-empty words")
        words[key] = frozenset(w.lower() for w in value)
    ints: dict[str, dict[str, int]] = {}
    for key in _INT_MAPS:
        value = raw.get(key)
        if not isinstance(value, dict) or not all(isinstance(v, int) for v in value.values()):
            raise fail(key, "must map words to whole numbers")
        ints[key] = {str(k).lower(): v for k, v in value.items()}
    parts: dict[str, tuple[float, float]] = {}
    for name, span in (raw.get("parts") or {}).items():
        if not (isinstance(span, list) and len(span) == 2 and 0 <= span[0] < span[1] <= 1):
            raise fail("parts", f"needs [from, to] fractions for '{name}'")
        parts[str(name).lower()] = (float(span[0]), float(span[1]))
    periods: dict[str, tuple[int, int]] = {}
    for name, years in (raw.get("named_periods") or {}).items():
        if not (
            isinstance(years, list)
            and len(years) == 2
            and all(isinstance(y, int) for y in years)
            and years[0] <= years[1]
        ):
            raise fail("named_periods", f"needs [first, last] years for '{name}'")
        periods[str(name).lower()] = (years[0], years[1])
    fz = raw.get("fuzzy")
    keys = ("min_length", "max_distance_short", "max_distance_long", "max_zipf")
    if not isinstance(fz, dict) or not all(isinstance(fz.get(k), int | float) for k in keys):
        raise fail("fuzzy", f"must give numbers for {', '.join(keys)}")
    return TimeLexicon(
        months, words, ints, parts, periods,
        int(fz["min_length"]), int(fz["max_distance_short"]), int(fz["max_distance_long"]),
        float(fz["max_zipf"]),
    )  # fmt: skip
