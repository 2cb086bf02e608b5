"""Anchoring: relative times resolved, and the document's own date found.

A :class:`~dyad.extract.timex_scan.Rel` becomes a calendar time once it has an anchor:
the story's current time for narrative expressions ("a year later", "that day"), the
speaker's now for deictic ones ("last September", "this year"). The document's date is
its published date when the reader knows it; else a cue near the top ("Published: ..."),
a running title ("... REPORT, AUGUST 2017"), or, weakly, the latest date the text states.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dyad.extract.time import calendar as tc
from dyad.extract.time.calendar import Cal
from dyad.extract.time.scan import Found, Rel, scan
from dyad.knowledge.time import TimeLexicon

_UNIT_PRECISION = {"day": "day", "week": "day", "month": "month", "year": "year", "decade": "year"}
# The finest precision a moved point keeps: "a year later" from September 2017 is September 2018.
_SHIFT_LIMIT = {"day": "day", "week": "day", "month": "month", "year": "month", "decade": "year"}
_VAGUE = {"day": "month", "month": "year", "year": "year"}
_RUNNING_TITLE = re.compile(r"^[^a-z\n]{0,100}?\b([A-Z]{3,9})\.?,?\s+((?:19|20)\d\d)\s*$", re.M)


def anchor_rel(rel: Rel, anchor: str) -> Cal | None:
    """The calendar time ``rel`` names when told from ``anchor``.

    >>> anchor_rel(Rel("year", 1), "2017-09")
    Cal(value='2018-09', end=None, precision='month')
    >>> anchor_rel(Rel("year", -1, deictic=True, month=9), "2018-01-12").value
    '2017-09'
    """
    y = tc.parts_of(anchor)[0]
    if rel.weekday is not None:
        value = tc.weekday_near(anchor, rel.weekday, rel.n)
        return Cal(value, None, "day") if value else None
    if rel.month is not None:
        if not rel.deictic:
            y = tc.story_year(anchor, rel.month)
        elif rel.day is not None:
            y += rel.n  # "on April 11 this year", "Nov. 3 last year"
        if rel.day is not None:
            return Cal(tc.iso(y, rel.month, rel.day), None, "day") if tc.valid(y, rel.month, rel.day) else None
        value = tc.month_near(anchor, rel.month, rel.n) if rel.deictic else tc.iso(y, rel.month)
        return Cal(value, None, "month")
    unit_prec = _UNIT_PRECISION[rel.unit]
    if rel.back:
        last = tc.cut(anchor, unit_prec)
        first = tc.shift(last, -rel.back, rel.unit)
        return Cal(first, last, tc.precision_of(first))
    if rel.whole:
        value = tc.shift(tc.cut(anchor, unit_prec), rel.n, rel.unit)
        if rel.unit == "decade":
            return tc.decade(int(value[:4]) // 10 * 10)
        return Cal(value, None, tc.precision_of(value))
    if rel.same_day:
        value = tc.shift(anchor, rel.n, rel.unit)
        return Cal(value, None, tc.precision_of(value))
    limit = _SHIFT_LIMIT[rel.unit]
    if rel.vague:
        limit = tc.coarsest(limit, _VAGUE.get(rel.unit, "year"))
    value = tc.shift(anchor, rel.n, rel.unit)
    value = tc.cut(value, tc.coarsest(tc.precision_of(value), limit))
    return Cal(value, None, tc.precision_of(value))


def cue_date(text: str, lex: TimeLexicon, *, window: int = 600) -> str | None:
    """A date introduced by a cue word near the top ("Published: 3 May 2019")."""
    head = text[:window]
    for f in scan(head, lex):
        if f.cal is None or f.cal.precision not in ("day", "month") or f.cal.end:
            continue  # a span of time ("date = 7 July 1798 – 30 September 1800") is what a text is about
        words = head[max(0, f.start - 24) : f.start].lower().replace(":", " ").split()
        if any(w in lex.words["doc_date_cues"] for w in words[-3:]):
            return f.cal.value
    return None


def running_title_date(original: str, lex: TimeLexicon) -> str | None:
    """A month and year closing an all-capitals running title, as reports print on each page."""
    seen: dict[str, int] = {}
    for m in _RUNNING_TITLE.finditer(original):
        month = lex.month(m.group(1).capitalize())
        if month is not None and m.group(1).isupper():
            value = tc.iso(int(m.group(2)), month)
            seen[value] = seen.get(value, 0) + 1
    return max(seen, key=lambda v: seen[v]) if seen else None


def title_date(text: str, lex: TimeLexicon) -> str | None:
    """The latest year a document's title names ("Looking back on 2016 and ahead to 2017")."""
    return max(_title_years(text, lex), default=None)


def title_turn(text: str, lex: TimeLexicon) -> bool:
    """Whether the title names two years in a row, as a piece written at their turn does."""
    years = sorted(set(_title_years(text, lex)))
    return len(years) == 2 and int(years[1]) - int(years[0]) == 1


def _title_years(text: str, lex: TimeLexicon) -> list[str]:
    first = text.lstrip().split("\n", 1)[0]
    if len(first) > 160 or first.rstrip().endswith((".", "!", "?")):
        return []
    return [f.cal.value[:4] for f in scan(first, lex) if f.cal is not None and f.kind in ("year", "my", "day")]


def latest_date(found: Sequence[Found]) -> str | None:
    """The latest explicit date stated (a weak stand-in for an unknown document date)."""
    # open ranges ("since 2012", "until 2021") name bounds, not things that happened
    return max((f.cal.value for f in found if f.cal is not None and f.open is None), default=None)
