"""Calendar arithmetic on ISO partial dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``).

A date in a text is only as precise as the text makes it: "May 2016" is a month, not the
first of May. These helpers shift and cut such partial dates without inventing precision,
and narrow decades and centuries to a named part ("the early 1980s").
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

ORDER = ("century", "decade", "year", "month", "day")


@dataclass(frozen=True)
class Cal:
    """A resolved time: a partial ISO value, the last unit of a range, and a precision."""

    value: str
    end: str | None
    precision: str


def parts_of(value: str) -> tuple[int, int | None, int | None]:
    bits = [int(b) for b in value.split("-")]
    return bits[0], (bits[1] if len(bits) > 1 else None), (bits[2] if len(bits) > 2 else None)


def iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def valid(year: int, month: int | None = None, day: int | None = None) -> bool:
    """Whether the parts name a real calendar unit (no 30 February, no month 13)."""
    if not 1000 <= year <= 2099:
        return False
    if month is None:
        return day is None
    if not 1 <= month <= 12:
        return False
    return day is None or 1 <= day <= calendar.monthrange(year, month)[1]


def precision_of(value: str) -> str:
    return ("year", "month", "day")[value.count("-")]


def finer(a: str, b: str) -> bool:
    """Whether precision ``a`` is finer than ``b``."""
    return ORDER.index(a) > ORDER.index(b)


def coarsest(a: str, b: str) -> str:
    return a if ORDER.index(a) <= ORDER.index(b) else b


def cut(value: str, precision: str) -> str:
    """``value`` cut to ``precision`` (never made finer than it is)."""
    keep = {"century": 1, "decade": 1, "year": 1, "month": 2, "day": 3}[precision]
    return "-".join(value.split("-")[:keep])


def shift(value: str, n: int, unit: str) -> str:
    """``value`` moved by ``n`` units, keeping its own precision.

    >>> shift("2017-09", 1, "year"), shift("2017-01-11", 3, "day"), shift("2016", -2, "month")
    ('2018-09', '2017-01-14', '2016')
    """
    y, m, d = parts_of(value)
    if unit == "decade":
        n, unit = n * 10, "year"
    if unit == "year":
        return iso(y + n, m, _clamp(y + n, m, d))
    if unit == "month":
        if m is None:  # a month's shift is invisible at year precision, unless it crosses a year
            return iso(y + (n // 12 if abs(n) >= 12 else 0))
        total = y * 12 + (m - 1) + n
        ny, nm = divmod(total, 12)
        return iso(ny, nm + 1, _clamp(ny, nm + 1, d))
    days = n * 7 if unit == "week" else n
    if d is None or m is None:
        return value if abs(days) < 28 else shift(value, round(days / 30), "month")
    moved = date(y, m, d) + timedelta(days=days)
    return iso(moved.year, moved.month, moved.day)


def _clamp(y: int, m: int | None, d: int | None) -> int | None:
    if m is None or d is None:
        return d
    return min(d, calendar.monthrange(y, m)[1])


def narrow(first: int, last: int, part: tuple[float, float]) -> tuple[int, int]:
    """The years of ``first..last`` that a part (e.g. ``early`` = first 40 %) covers."""
    size = last - first + 1
    lo = first + int(part[0] * size + 1e-9)
    hi = first + max(int(part[1] * size + 1e-9) - 1, lo - first)
    return lo, min(hi, last)


def decade(start: int, part: tuple[float, float] | None = None) -> Cal:
    lo, hi = narrow(start, start + 9, part) if part else (start, start + 9)
    return Cal(iso(lo), iso(hi), "decade")


def century(number: int, part: tuple[float, float] | None = None) -> Cal:
    """The ``number``-th century as the years ``(number-1)*100 .. +99`` (common usage)."""
    first = (number - 1) * 100
    lo, hi = narrow(first, first + 99, part) if part else (first, first + 99)
    return Cal(f"{lo:04d}", f"{hi:04d}", "century")


def month_near(anchor: str, month: int, direction: int) -> str:
    """The named month nearest the anchor: the last one before (-1), next after (+1), or same year (0).

    >>> month_near("2018-01-12", 9, -1), month_near("2016-11", 1, 1), month_near("2016", 5, 0)
    ('2017-09', '2017-01', '2016-05')
    """
    y, m, _ = parts_of(anchor)
    if direction < 0:
        return iso(y - 1 if m is None or month >= m else y, month)
    if direction > 0:
        return iso(y + 1 if m is None or month <= m else y, month)
    return iso(y, month)


# How far (in months) a month named without its year may lie across a new year from the
# story's month: "in December" told just after January 2017 is the December before it, and
# "in January" told after December 2016 the January after it.
_REACH = 2


def story_year(anchor: str, month: int) -> int:
    """The year of a month named without one, told when the story stands at ``anchor``.

    The same year as the story, unless the story stands early in a year and the month
    closes the year before ("December" in a January story), or the other way round.

    >>> story_year("2017-01", 12), story_year("2016-05", 12), story_year("2016", 12), story_year("2016-12", 1)
    (2016, 2016, 2016, 2017)
    """
    y, m, _ = parts_of(anchor)
    if m is not None and month > m and (m - month) % 12 <= _REACH:
        return y - 1
    if m is not None and month < m and (month - m) % 12 <= _REACH:
        return y + 1
    return y


def weekday_near(anchor: str, weekday: int, direction: int = 0) -> str | None:
    """The named weekday on or before a day (``direction`` <= 0), or the next one after it.

    >>> weekday_near("2022-03-21", 6), weekday_near("2022-03-21", 4, 1)
    ('2022-03-20', '2022-03-25')
    """
    y, m, d = parts_of(anchor)
    if m is None or d is None:
        return None
    day = date(y, m, d)
    if direction > 0:
        day += timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)
    else:
        day -= timedelta(days=(day.weekday() - weekday) % 7)
    return iso(day.year, day.month, day.day)
