"""The patterns of the time scanner and what each one builds.

Patterns are written over the *shadow* text of :mod:`dyad.extract.time.scan` (month words
coded as ``§``/``¤`` + a letter) with ``{placeholders}`` filled from the knowledge file, so no
word list is written here. Each builder checks what a regex cannot (a real calendar day, a
plausible year, a refusal context) and returns ``None`` to refuse.
"""

from __future__ import annotations

import re

from dyad.extract.time import calendar as tc
from dyad.extract.time.calendar import Cal
from dyad.extract.time.scan import Found, Rel
from dyad.knowledge.time import TimeLexicon

M1 = r"[§¤](?P<m1>[a-l])[§¤]*(?![§¤])\.?"  # the lookahead stops backtracking into the word
M2 = r"[§¤](?P<m2>[a-l])[§¤]*(?![§¤])\.?"
MB = r"§(?P<m1>[a-l])§*(?![§¤])\.?"  # a bare month: misspellings never stand alone
D1 = r"(?<![\w.,])(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\b"
D2 = r"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\b"
# A year may carry a footnote number glued after a full stop ("in 1980.10 The ...").
Y1 = r"(?P<y1>1\d{{3}}|20\d{{2}})(?!\d|,\d|\.\d(?!\d{{0,2}}\s+(?-i:[A-Z“\"])))"
RNG = r"\s*(?:[-–—‑]|to|until|till|through|and)\s*"
OF = r"\s+(?:of\s+)?"
COMMA = r",?\s*"
NO_YEAR = r"(?!\s*,?\s*\d)"
UNIT = r"(?P<unit>day|week|month|year|decade)"


def _tens_units(lex: TimeLexicon) -> str:
    """ "sixty-five", "twenty one": a tens word and a unit word of the numbers table."""
    tens = [w for w, v in lex.ints["numbers"].items() if v >= 20 and v % 10 == 0 and v < 100]
    units = [w for w, v in lex.ints["numbers"].items() if 1 <= v <= 9 and " " not in w and len(w) > 2]
    return rf"(?:{'|'.join(map(re.escape, tens))})[\s-]+(?:{'|'.join(map(re.escape, units))})"


def fragments(lex: TimeLexicon) -> dict[str, str]:
    """Word alternations for the pattern placeholders, from the knowledge file."""
    return {
        "NUM": _tens_units(lex)
        + "|"
        + lex.alternation("numbers", "vague_numbers").replace(r"\ ", r"\s+")
        + r"|\d{1,3}",
        "LATER": lex.alternation("later", "earlier", "ago"),
        "FOLLOW": lex.alternation("following", "previous"),
        "DEIC": lex.alternation("deictic"),
        "SEASON": lex.alternation("seasons"),
        "CUE": lex.alternation("bare_month_cues", "deictic"),
        "DDAY": lex.alternation("deictic_days"),
        "PART": "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(lex.parts, key=len)[::-1]),
        "ORD": lex.alternation("ordinals"),
        "HOL": lex.alternation("holidays").replace(r"\ ", r"\s+"),
        "PERIOD": "|".join(
            re.escape(p).replace(r"\ ", r"\s+").replace(r"\-", r"\s*[-–]\s*")
            for p in sorted(lex.periods, key=len)[::-1]
        ),
        "WDAY": lex.alternation("weekdays"),
        "WCUE": lex.alternation("weekday_cues"),
    }


def prefix_pattern(lex: TimeLexicon) -> re.Pattern[str]:
    """A part before a date: "the end of", "the second half of the", "early", "mid-" (compiled once per lexicon)."""
    if "prefix" not in lex.cache:
        lex.cache["prefix"] = _prefix_pattern(lex)
    pattern: re.Pattern[str] = lex.cache["prefix"]
    return pattern


def _prefix_pattern(lex: TimeLexicon) -> re.Pattern[str]:
    long = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in lex.parts)
    short = lex.alternation("part_prefixes")
    return re.compile(
        rf"(?:\bthe\s+)?(?:very\s+)?(?:(?P<part>{long})\s+of\s+(?:the\s+)?"
        rf"|\b(?P<part2>{short})(?:\s+in)?(?:\s+|-)(?:the\s+)?)(?=[^\s]*$)",
        re.I,
    )


def _g(m: re.Match[str], name: str) -> int:
    raw = m.group(name)
    return _LETTERS.index(raw.lower()) + 1 if raw.isalpha() else int(raw)


_LETTERS = "abcdefghijkl"


def _day(m: re.Match[str], *, ranged: bool = False, two_months: bool = False) -> Found | None:
    y, m1, d1 = _g(m, "y1"), _g(m, "m1"), _g(m, "d1")
    if not tc.valid(y, m1, d1):
        return None
    end = None
    if ranged:
        m2, d2 = (_g(m, "m2") if two_months else m1), _g(m, "d2")
        if not tc.valid(y, m2, d2) or (m2, d2) <= (m1, d1):
            return None
        end = tc.iso(y, m2, d2)
    return Found(m.start(), m.end(), "day", Cal(tc.iso(y, m1, d1), end, "day"))


def b_iso(m: re.Match[str], sh: str, lex: TimeLexicon) -> Found | None:
    y, mo, d = int(m.group("y1")), int(m.group("mn")), int(m.group("d1"))
    return Found(m.start(), m.end(), "day", Cal(tc.iso(y, mo, d), None, "day")) if tc.valid(y, mo, d) else None


def b_day(m: re.Match[str], sh: str, lex: TimeLexicon) -> Found | None:
    return _day(m)


def b_day_range(m: re.Match[str], sh: str, lex: TimeLexicon) -> Found | None:
    return _day(m, ranged=True, two_months=m.group("m2") is not None if "m2" in m.re.groupindex else False)


def b_month(m: re.Match[str], sh: str, lex: TimeLexicon) -> Found | None:
    y, m1 = _g(m, "y1"), _g(m, "m1")
    end = None
    if "m2" in m.re.groupindex:
        m2 = _g(m, "m2")
        if m2 <= m1:
            return None
        end = tc.iso(y, m2)
    return Found(m.start(), m.end(), "my", Cal(tc.iso(y, m1), end, "month")) if tc.valid(y, m1) else None


def b_month_day(m: re.Match[str], sh: str, lex: TimeLexicon) -> Found | None:
    mo, d = _g(m, "m1"), _g(m, "d1")
    if not tc.valid(2000, mo, d):  # a leap year, so 29 February passes here
        return None
    return Found(m.start(), m.end(), "md", rel=Rel("year", month=mo, day=d))


def b_month_day_deictic(m: re.Match[str], sh: str, lex: TimeLexicon) -> Found | None:
    """A day of the speaker's year ("on April 11 this year", "Nov. 3 and 4 last year")."""
    mo, d = _g(m, "m1"), _g(m, "d1")
    if not tc.valid(2000, mo, d):
        return None
    rel = Rel("year", n=lex.ints["deictic"][m.group("deic").lower()], deictic=True, month=mo, day=d)
    return Found(m.start(), m.end(), "dmthis" if m.group()[0].isdigit() else "mdthis", rel=rel)


def b_bare_month(m: re.Match[str], sh: str, lex: TimeLexicon) -> Found | None:
    cue = m.group("cue").lower()
    mo = _g(m, "m1")
    if cue in lex.ints["deictic"]:
        rel = Rel("year", n=lex.ints["deictic"][cue], deictic=True, month=mo)
        return Found(m.start(), m.end(), "month", rel=rel)
    # the cue ("in", "since") is context, not part of the expression
    return Found(m.start("m1") - 1, m.end(), "month", rel=Rel("year", month=mo))


def b_year_range(m: re.Match[str], sh: str, lex: TimeLexicon) -> Found | None:
    y1, raw = int(m.group("y1")), m.group("y2")
    y2 = int(str(y1)[: 4 - len(raw)] + raw) if len(raw) < 4 else int(raw)
    if not (y1 < y2 <= y1 + 60) or not tc.valid(y2) or _refused(m.start(), m.end(), sh, lex):
        return None
    return Found(m.start(), m.end(), "range", Cal(tc.iso(y1), tc.iso(y2), "year"))


def b_decade(m: re.Match[str], sh: str, lex: TimeLexicon) -> Found | None:
    raw = m.group("dec") or m.group("dec2")
    start = int(raw) if len(raw) == 4 else (1900 if int(raw) >= 30 else 2000) + int(raw)
    return Found(m.start(), m.end(), "decade", tc.decade(start))


def b_century(m: re.Match[str], sh: str, lex: TimeLexicon) -> Found | None:
    raw = (m.group("cent") or m.group("centw")).lower()
    num = int(raw) if raw.isdigit() else lex.ints["ordinals"][raw]
    return Found(m.start(), m.end(), "century", tc.century(num)) if 1 <= num <= 21 else None


def b_year(m: re.Match[str], sh: str, lex: TimeLexicon) -> Found | None:
    y = int(m.group("y1"))
    if _refused(m.start(), m.end(), sh, lex):
        return None
    if y < 1800 and _word_before(sh, m.start()) not in lex.words["old_year_cues"]:
        return None
    return Found(m.start(), m.end(), "year", Cal(tc.iso(y), None, "year"))


def _word_before(sh: str, pos: int) -> str:
    words = sh[max(0, pos - 16) : pos].split()
    return words[-1].lower() if words else ""


def _refused(start: int, end: int, sh: str, lex: TimeLexicon) -> bool:
    """Money, laws, pages, units: a four-digit number that is not a year."""
    if _word_before(sh, start) in lex.words["refuse_before"]:
        return True
    after = re.match(r"\s*([%\w.²$]+)", sh[end : end + 16])
    word = after.group(1).lower().rstrip(".") if after else ""
    return word in lex.words["refuse_after"] or (after is not None and after.group(1) in lex.words["refuse_after"])


_TODAY = re.compile(r"\s+today\b", re.IGNORECASE)


def _count(raw: str, lex: TimeLexicon) -> int | None:
    """A counting word's value, compounds included ("sixty-five", "twenty one")."""
    words = lex.ints["vague_numbers"] | lex.ints["numbers"]
    if raw.isdigit():
        return int(raw)
    if raw in words:
        return words[raw]
    parts = re.split(r"[\s-]+", raw)
    if len(parts) == 2 and parts[0] in words and parts[1] in words and words[parts[1]] < 10:
        return words[parts[0]] + words[parts[1]]
    return None


def b_shift(m: re.Match[str], sh: str, lex: TimeLexicon) -> Found | None:
    raw = re.sub(r"\s+", " ", m.group("num").lower())
    vague = raw in lex.ints["vague_numbers"]
    n = _count(raw, lex)
    word = m.group("dir").lower()
    if n is None:
        return None
    sign = 1 if word in lex.words["later"] else -1
    ago = word in lex.words["ago"]
    today = _TODAY.match(sh, m.end()) if ago else None  # "sixty-five years ago today": that very day
    rel = Rel(m.group("unit").lower(), sign * n, deictic=ago, vague=vague, same_day=today is not None)
    return Found(m.start(), today.end() if today else m.end(), "shift", rel=rel)


def b_hours(m: re.Match[str], sh: str, lex: TimeLexicon) -> Found | None:
    """Hours or minutes before or after ("Only hours earlier", "minutes later", "Within hours"): the same day,
    unless a time follows at once ("Hours later, on Sunday evening")."""
    ago = (m.group("dir") or "").lower() in lex.words["ago"]
    return Found(m.start(), m.end(), "hours", rel=Rel("day", 0, deictic=ago, whole=True))


def b_following(m: re.Match[str], sh: str, lex: TimeLexicon) -> Found | None:
    if m.group("y1"):  # "the following year of 1855": the year the text names wins
        y = int(m.group("y1"))
        return Found(m.start(), m.end(), "year", Cal(tc.iso(y), None, "year"))
    sign = 1 if m.group("rel").lower() in lex.words["following"] else -1
    return Found(m.start(), m.end(), "following", rel=Rel(m.group("unit").lower(), sign, whole=True))


def b_same(m: re.Match[str], sh: str, lex: TimeLexicon) -> Found | None:
    return Found(m.start(), m.end(), "same", rel=Rel(m.group("unit").lower(), 0, whole=True))


def b_deictic(m: re.Match[str], sh: str, lex: TimeLexicon) -> Found | None:
    if _word_before(sh, m.start()) in lex.words["not_deictic_after"]:
        return None  # "to this day" means "still", not a date
    n = lex.ints["deictic"][m.group("deic").lower()]
    unit = m.group("unit").lower() if m.group("unit") else "year"  # a season: its year
    return Found(m.start(), m.end(), "deictic", rel=Rel(unit, n, deictic=True, whole=True))


def b_past(m: re.Match[str], sh: str, lex: TimeLexicon) -> Found | None:
    raw = re.sub(r"\s+", " ", m.group("num").lower())
    n = int(raw) if raw.isdigit() else (lex.ints["vague_numbers"] | lex.ints["numbers"]).get(raw)
    if not n:
        return None
    return Found(m.start(), m.end(), "past", rel=Rel(m.group("unit").lower(), 0, deictic=True, back=n))


def b_deictic_day(m: re.Match[str], sh: str, lex: TimeLexicon) -> Found | None:
    n = lex.ints["deictic_days"][m.group("dday").lower()]
    return Found(m.start(), m.end(), "deictic", rel=Rel("day", n, deictic=True, whole=True))


def b_holiday(m: re.Match[str], sh: str, lex: TimeLexicon) -> Found | None:
    name = m.group("hol")
    if not all(w[:1].isupper() for w in name.split()):  # "a new year" is not New Year
        return None
    mo = lex.ints["holidays"][re.sub(r"\s+", " ", name.lower())]
    return Found(m.start(), m.end(), "holiday", rel=Rel("year", month=mo))


def b_period(m: re.Match[str], sh: str, lex: TimeLexicon) -> Found | None:
    key = re.sub(r"\s*[-–]\s*", "-", re.sub(r"\s+", " ", m.group("period").lower()))
    first, last = lex.periods[key]
    return Found(m.start("period"), m.end(), "period", Cal(tc.iso(first), tc.iso(last), "year"))


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def b_weekday(m: re.Match[str], sh: str, lex: TimeLexicon) -> Found | None:
    word = m.group("wday")
    if not word[:1].isupper():
        return None
    rel = Rel("day", deictic=True, weekday=_WEEKDAYS.index(word.lower()))
    return Found(m.start("wday"), m.end(), "weekday", rel=rel)


def b_part_unit(m: re.Match[str], sh: str, lex: TimeLexicon) -> Found | None:
    det = m.group("det").lower()
    n = lex.ints["deictic"].get(det, 0)
    part = re.sub(r"\s+", " ", m.group("part").lower())
    rel = Rel(m.group("unit").lower(), n, deictic=det in lex.ints["deictic"], whole=True)
    return Found(m.start(), m.end(), "part", rel=rel, part=part)


BUILDERS = [
    ("iso", r"(?<![\d.])" + Y1 + r"-(?P<mn>0[1-9]|1[0-2])-(?P<d1>[0-3]\d)(?!\d)", b_iso),
    ("dmdmy", D1 + r"\s+" + M1 + RNG + D2 + r"\s+" + M2 + COMMA + Y1, b_day_range),
    ("mdmdy", M1 + r"\s*" + D1 + RNG + M2 + r"\s*" + D2 + COMMA + Y1, b_day_range),
    ("ddmy", D1 + RNG + D2 + OF + M1 + COMMA + Y1, b_day_range),
    ("mddy", M1 + r"\s*" + D1 + RNG + D2 + COMMA + Y1, b_day_range),
    ("dmy", D1 + OF + M1 + COMMA + Y1, b_day),
    ("mdy", M1 + r"\s*" + D1 + COMMA + Y1, b_day),
    ("mmy", M1 + RNG + M2 + COMMA + Y1, b_month),
    ("my", M1 + COMMA + Y1, b_month),
    ("mdthis", M1 + r"\s*" + D1 + r"(?:" + RNG + D2 + r")?" + COMMA + r"(?P<deic>{DEIC})\s+year\b",
     b_month_day_deictic),
    ("dmthis", D1 + r"(?:" + RNG + D2 + r")?" + OF + M1 + COMMA + r"(?P<deic>{DEIC})\s+year\b", b_month_day_deictic),
    ("md", M1 + r"\s*" + D1 + r"(?![\d:])" + NO_YEAR, b_month_day),
    ("dm", D1 + OF + M1 + NO_YEAR, b_month_day),
    ("bare", r"\b(?P<cue>{CUE})\s+(?:the\s+)?" + MB + NO_YEAR, b_bare_month),
    ("yrange", r"(?<![\w.,$€£¥#/:])" + Y1 + r"\s*[-–—‑/]\s*(?P<y2>\d{{1,4}})(?![\d]|[.,]\d)", b_year_range),
    ("yglued", r"(?<![\d.,])(?P<y1>1\d{{3}}|20\d{{2}})(?P<y2>1\d{{3}}|20\d{{2}})(?!\d)", b_year_range),
    ("decade", r"(?<![\w'’])(?P<dec>1\d{{2}}0|20\d0)['’]?s\b|(?<!\w)['’](?P<dec2>\d0)s\b", b_decade),
    ("century", r"\b(?:(?P<cent>\d{{1,2}})(?:st|nd|rd|th)|(?P<centw>{ORD}))\s+centur(?:y|ies)\b", b_century),
    ("year", r"(?<![\w.,$€£¥#/:+])(?<!\d-)" + Y1 + r"(?![\w+])", b_year),
    ("shift", r"\b(?P<num>{NUM})\s+" + UNIT + r"s?\s+(?P<dir>{LATER})\b", b_shift),
    ("hours", r"\b(?:(?:(?:only|just|mere|a\s+few|few|some|several|{NUM})\s+)?(?:hours?|minutes?)\s+(?P<dir>{LATER})"
     r"|within\s+(?:(?:a\s+few|few|several|{NUM})\s+)?(?:hours?|minutes?))\b"
     r"(?!\s*,?\s*(?:on|in|at|late|early)\s)",  # "Hours later, on Sunday evening": the day told next
     b_hours),
    ("following", r"\bthe\s+(?P<rel>{FOLLOW})\s+" + UNIT + r"\b(?:\s*,?\s*(?:of\s+|in\s+)?" + Y1 + ")?",
     b_following),
    ("same", r"\b(?:that|the\s+same)\s+" + UNIT + r"\b(?!['’]s)", b_same),
    ("deictic", r"(?<!the )\b(?P<deic>{DEIC})\s+(?:" + UNIT + r"|(?:{SEASON}))\b", b_deictic),
    ("past", r"\b(?:the\s+)?(?:last|past)\s+(?P<num>{NUM})\s+" + UNIT + r"s\b", b_past),
    ("dday", r"\b(?P<dday>{DDAY})\b", b_deictic_day),
    ("holiday", r"\b(?P<hol>{HOL})\b(?!\s*(?:of\s+)?\d)", b_holiday),
    ("period", r"\b(?:the\s+)?(?P<period>{PERIOD})\b", b_period),
    ("weekday", r"\b(?:{WCUE})\s+(?P<wday>{WDAY})\b(?!\s*,?\s*(?:\d|[§¤]))", b_weekday),
    ("part", r"\b(?:the\s+)?(?P<part>{PART})\s+of\s+(?P<det>the|this|that|next|last)\s+" + UNIT + r"\b",
     b_part_unit),
]  # fmt: skip
