"""Find time expressions in a stretch of text, before any anchoring.

Month words (exact or misspelt) are first replaced, length for length, by a code
(``§`` or, for a misspelling, ``¤``, then a letter a–l for the month) in a *shadow* of the
text, so one set of compiled patterns sees "December", "Dec." and "Decmber 2016" alike and
every offset stays valid. Each pattern's builder yields a :class:`Found` holding either an
absolute :class:`~dyad.extract.timex_calendar.Cal` or a :class:`Rel` that the layer later
anchors to the story's time or the speaker's now. Overlaps go to the longest match; then
parts ("the early 1980s") and ranges ("between 1906 and 1980") are folded in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from dyad.casefold import blind
from dyad.extract.time import calendar as tc
from dyad.extract.time.calendar import Cal
from dyad.knowledge.time import TimeLexicon

_LETTERS = "abcdefghijkl"
_WORD = re.compile(r"[A-Za-z]{3,}")
_NUM_AFTER = re.compile(r"\.?,?\s{0,3}\d")
_NUM_BEFORE = re.compile(r"\d(?:st|nd|rd|th)?\s{1,3}(?:of\s+)?$")
_RANGE_GAP = re.compile(r"\s*(?:[-–—‑]|to|until|till|through|and)\s*", re.I)


@dataclass(frozen=True)
class Rel:
    """A time stated relative to an anchor (the story's time, or the speaker's now if ``deictic``)."""

    unit: str
    n: int = 0
    deictic: bool = False
    whole: bool = False  # the whole calendar unit ("the following year"), not a moved point
    vague: bool = False
    month: int | None = None
    day: int | None = None
    back: int = 0  # "the past four years": a range reaching this many units back
    weekday: int | None = None  # "on Sunday": 0 = Monday .. 6 = Sunday
    same_day: bool = False  # "sixty-five years ago today": the anchor's own day, that many units back


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    kind: str
    cal: Cal | None = None
    rel: Rel | None = None
    open: str | None = None  # "after" ("since 2012") or "before" ("until 1993")
    cue: str | None = None  # the word right before, when it matters to the story time
    part: str | None = None


def shadow(text: str, lex: TimeLexicon) -> str:
    """``text`` with month words coded in place (same length, same offsets)."""
    pieces: list[str] = []
    pos = 0
    for m in _WORD.finditer(text):
        word = m.group()
        if len(word) > 11:
            continue
        num, mark = lex.month(word), "§"
        if num is None:
            if not word[0].isupper() or not _near_number(text, m.start(), m.end()):
                continue
            num, mark = lex.month(word, fuzzy=True), "¤"
            if num is None:
                continue
        pieces += [text[pos : m.start()], mark + _LETTERS[num - 1] + mark * (len(word) - 2)]
        pos = m.end()
    return "".join(pieces) + text[pos:] if pieces else text


def _near_number(text: str, start: int, end: int) -> bool:
    return bool(_NUM_AFTER.match(text, end) or _NUM_BEFORE.search(text[max(0, start - 12) : start]))


def scan(text: str, lex: TimeLexicon) -> list[Found]:
    """All time expressions in ``text``, in order, not overlapping.

    >>> from dyad.knowledge.time import read_time
    >>> [(f.kind, f.cal.value) for f in scan("It began in Marach 2022.", read_time())]
    [('my', '2022-03')]
    """
    sh = shadow(text, lex)
    absent = {c for c in _NEEDED if c not in sh}
    words, low = _words(lex), blind(sh)
    found: list[tuple[int, int, Found]] = []
    for prio, (kind, pattern, build) in enumerate(_patterns(lex)):
        needs = NEEDS.get(kind)
        if needs and absent.issuperset(needs):
            continue  # it cannot match without one of these
        needed = words.get(kind)
        if needed is not None and not any(w in low for w in needed):
            continue  # nor without one of these words
        for m in pattern.finditer(sh):
            f = build(m, sh, lex)
            if f is not None:
                found.append((prio, m.end() - m.start(), f))
    chosen: list[Found] = []
    for _prio, _len, f in sorted(found, key=lambda t: (-t[1], t[0])):
        if all(f.end <= c.start or f.start >= c.end for c in chosen):
            chosen.append(f)
    chosen.sort(key=lambda f: f.start)
    return _merge_ranges([_with_context(f, sh, lex) for f in chosen], sh)


Builder = Callable[[re.Match[str], str, TimeLexicon], Found | None]

_MONTH_CODED = ("dmdmy", "mdmdy", "ddmy", "mddy", "dmy", "mdy", "mmy", "my", "mdthis", "dmthis", "md", "dm", "bare")
#: Pattern kind -> characters one of which every match of it holds (a month's code; the first digit of a year):
#: a paragraph with none of them is not searched for it. ``tests/extract/test_timex_shapes.py`` reads each
#: compiled pattern to check it.
NEEDS: dict[str, str] = {kind: "§¤" for kind in _MONTH_CODED} | dict.fromkeys(("iso", "yrange", "yglued", "year"), "12")
_NEEDED = frozenset("".join(NEEDS.values()))


_UNITS = ("day", "week", "month", "year", "decade")  # builders.UNIT
#: Pattern kind -> words one of which every match of it holds in a part it cannot do without (``@name``: the
#: words of that list of the lexicon, as the pattern's alternation takes them): a shift's direction ("three
#: years later"), a century, a weekday, the last or past of "the past two years", the unit of "the end of the
#: year" and of "this week" (or "this summer"). A paragraph without any is not searched for that pattern:
#: looking for a word in the lower-cased text (:func:`dyad.casefold.blind`) is fast, while the patterns open
#: with alternations that the regular expression engine tries at every position.
#: ``tests/extract/test_timex_shapes.py`` scans with and without the skip.
WORDS: dict[str, tuple[str, ...]] = {
    "shift": ("@later", "@earlier", "@ago"),
    "hours": ("hour", "minute"),
    "century": ("centur",),
    "weekday": ("@weekdays",),
    "past": ("last", "past"),
    "part": _UNITS,
    "deictic": (*_UNITS, "@seasons"),
    "mdthis": ("year",),
    "dmthis": ("year",),
}


def _words(lex: TimeLexicon) -> dict[str, tuple[str, ...]]:
    """:data:`WORDS` with each ``@list`` read from the lexicon (its words and its numbered entries), lower case."""
    key = ("words", tuple(WORDS.items()))
    if key not in lex.cache:
        out: dict[str, tuple[str, ...]] = {}
        for kind, names in WORDS.items():
            found: set[str] = set()
            for name in names:
                if name.startswith("@"):
                    found |= lex.words.get(name[1:], frozenset()) | set(lex.ints.get(name[1:], {}))
                else:
                    found.add(name)
            out[kind] = tuple(sorted(w.lower() for w in found))
        lex.cache[key] = out
    words: dict[str, tuple[str, ...]] = lex.cache[key]
    return words


def _patterns(lex: TimeLexicon) -> list[tuple[str, re.Pattern[str], Builder]]:
    """The builders' patterns compiled with the words of ``lex`` (once per lexicon: kept in its cache)."""
    if "patterns" not in lex.cache:
        from dyad.extract.time.builders import BUILDERS, fragments

        frag = fragments(lex)
        lex.cache["patterns"] = [(kind, re.compile(src.format(**frag), re.I), build) for kind, src, build in BUILDERS]
    patterns: list[tuple[str, re.Pattern[str], Builder]] = lex.cache["patterns"]
    return patterns


def _with_context(f: Found, sh: str, lex: TimeLexicon) -> Found:
    """Fold a part word before an absolute time into it, and note an open-range word."""
    if f.cal is None:
        return f
    from dyad.extract.time.builders import prefix_pattern

    m = prefix_pattern(lex).search(sh, max(0, f.start - 40), f.start)
    if m and m.end() == f.start:
        name = re.sub(r"\s+", " ", (m.group("part") or m.group("part2")).lower())
        if f.kind == "period":  # a named period: its last year, or its years narrowed to the part
            closing = name in lex.words["closing_parts"]
            cal = _closing(f.cal) if closing else _narrowed(replace(f.cal, precision="decade"), lex.parts[name])
            cal = replace(cal, precision="year")
        else:
            cal = _narrowed(f.cal, lex.parts[name])
        f = replace(f, start=m.start(), part=name, cal=cal)
    before = sh[max(0, f.start - 12) : f.start].split()
    if f.kind == "period" and before and before[-1].lower() == "the":
        before = before[:-1]
    if before:
        word = before[-1].lower()
        if f.kind == "period" and f.cal is not None and word in lex.words["open_after"]:
            f = replace(f, cal=_closing(f.cal))  # "after World War II": from its end
        if word in lex.words["no_story"]:
            f = replace(f, cue=word)
        if word in lex.words["open_after"]:
            f = replace(f, open="after")
        elif word in lex.words["open_before"]:
            f = replace(f, open="before")
    return f


def _closing(cal: Cal) -> Cal:
    """The last year of a named period ("the end of the Cold War")."""
    return Cal(cal.end or cal.value, None, "year")


def _narrowed(cal: Cal, part: tuple[float, float]) -> Cal:
    # Only spans of several years are narrowed; "early 2017" stays the year 2017.
    if cal.precision not in ("decade", "century") or cal.end is None:
        return cal
    lo, hi = tc.narrow(int(cal.value), int(cal.end), part)
    return Cal(f"{lo:04d}", f"{hi:04d}", cal.precision)


def _merge_ranges(found: list[Found], sh: str) -> list[Found]:
    """Join "from X to Y" / "between X and Y" / "X–Y" into one range."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        if prev and prev.cal and f.cal and _joinable(prev, f, sh):
            last = f.cal.end or f.cal.value
            prec = tc.coarsest(prev.cal.precision, f.cal.precision)
            out[-1] = replace(prev, end=f.end, kind="range", cal=Cal(prev.cal.value, last, prec), open=None)
            continue
        out.append(f)
    return out


def _joinable(a: Found, b: Found, sh: str) -> bool:
    gap = sh[a.end : b.start]
    if not _RANGE_GAP.fullmatch(gap) or a.cal is None or b.cal is None:
        return False
    if (b.cal.end or b.cal.value) < a.cal.value:
        return False
    word = gap.strip().lower()
    lead = sh[max(0, a.start - 9) : a.start].lower().split()
    opener = lead[-1] if lead else ""
    if word == "and":
        return opener == "between"
    return word != "to" or opener in ("from", "between")
