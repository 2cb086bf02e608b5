"""Dates as the ask stage reads and writes them: found in questions and passages, shown as words and ISO.

The time extractor's normalised expressions (the ``timexes`` table) are the
first source for passages; this small reader covers the plain written forms
("21 March 2022", "March 21, 2022", "May 2016", "1980", "15-16 December 2016", "2022-03-21")
for questions, and for passages stored before the time layer ran.

>>> [d.iso for d in find_dates("talks on April 28, 2018 and in May 2016")]
['2018-04-28', '2016-05']
>>> in_words("2022-03-21")
'21 March 2022 (2022-03-21)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_NUM = {m: i + 1 for i, m in enumerate(MONTHS)}
_MONTH_NUM.update({m[:3]: i + 1 for i, m in enumerate(MONTHS)})
_MONTH_NUM["sept"] = 9
_MON = r"(?P<mon>" + "|".join(sorted(_MONTH_NUM, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = r"(?:\s*[-–]\s*(?P<day2>[0-3]?\d))?"

_PATTERNS = [
    rf"\b{_YEAR}-(?P<mnum>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b",  # ISO, as in metadata lines
    rf"\b{_DAY}{_DAY2}\s+{_MON},?\s+(?:of\s+)?{_YEAR}\b",
    rf"\b{_MON}\s+{_DAY}{_DAY2},?\s+{_YEAR}\b",
    rf"\b{_MON},?\s+(?:of\s+)?{_YEAR}\b",
    rf"\b{_DAY}{_DAY2}\s+{_MON}\b",
    rf"\b{_MON}\s+{_DAY}\b(?![,.]?\d)",
    rf"(?<![\d,.$])\b{_YEAR}\b(?![,.]\d)(?!\s*(?:bn|billion|million|km|tons|tonnes|people|troops|%))",
]
_RES = [re.compile(p, re.IGNORECASE) for p in _PATTERNS]


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    text: str
    iso: str  # YYYY, YYYY-MM, YYYY-MM-DD, or --MM-DD when the year is not given
    end_iso: str | None = None

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}.get(len(self.iso), "day")


def find_dates(text: str) -> list[FoundDate]:
    """Dates written in ``text``, most specific reading first at each place, no two overlapping."""
    taken: list[tuple[int, int]] = []
    out: list[FoundDate] = []
    for rx in _RES:
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            found = _from_match(m)
            if found is None:
                continue
            taken.append((m.start(), m.end()))
            out.append(found)
    return sorted(out, key=lambda d: d.start)


def _from_match(m: re.Match[str]) -> FoundDate | None:
    g = m.groupdict()
    mon = int(g["mnum"]) if g.get("mnum") else _MONTH_NUM.get((g.get("mon") or "").lower().rstrip("."))
    day, day2, year = g.get("day"), g.get("day2"), g.get("year")
    if g.get("mon") and g["mon"].lower() == "may" and not (day or year):
        return None
    if day and not 1 <= int(day) <= 31:
        return None
    prefix = year or "-"
    if mon and day:
        iso = f"{prefix}-{mon:02d}-{int(day):02d}"
        end = f"{prefix}-{mon:02d}-{int(day2):02d}" if day2 and year else None
    elif mon:
        iso, end = f"{year}-{mon:02d}", None
    else:
        iso, end = str(year), None
    return FoundDate(m.start(), m.end(), m.group(0), iso, end)


def with_year(iso: str, year: str | None) -> str:
    """Fill a year-less ``--MM-DD`` from ``year`` when one is known."""
    if iso.startswith("--") and year:
        return year + iso[1:]
    return iso


def in_words(iso: str, end_iso: str | None = None) -> str:
    """A date in words followed by its ISO form: ``21 March 2022 (2022-03-21)``, ``May 2016 (2016-05)``."""
    parts = iso.lstrip("-").split("-") if not iso.startswith("--") else ["", *iso[2:].split("-")]
    year, month, day = (parts + [None, None])[:3]
    if not month:
        return str(year)
    name = MONTHS[int(month) - 1].capitalize()
    if day is None:
        words = f"{name} {year}"
    else:
        span = f"{int(day)}"
        if end_iso and end_iso[:7] == iso[:7] and end_iso != iso:
            span += f"-{int(end_iso[8:10])}"
        words = f"{span} {name} {year}".strip() if year else f"{span} {name}"
    if not year:
        return words
    iso_part = iso if not end_iso or end_iso == iso else f"{iso}/{end_iso}"
    return f"{words} ({iso_part})"
