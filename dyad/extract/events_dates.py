"""Date an event trigger: the time expression that governs it, else the story's time.

The time expression closest to the trigger inside the trigger's own phrase (its
dependency subtree, minus the phrases of other triggers) wins: "Putin's 2000 Tokyo
visit and Koizumi's 2003 trip" gives each visit its own year. Otherwise the time
layer's :meth:`date_for` decides, and failing that the sentence's reference date
(the caller's fallback, which carries less precision than a date in the sentence).
"""

from __future__ import annotations

from typing import Any

from dyad.extract.events_triggers import Trigger
from dyad.records import TimeExpr


def _own_tokens(trig: Trigger, triggers: list[Trigger]) -> set[int]:
    own = {t.i for t in trig.token.subtree}
    for other in triggers:
        if other.token is not trig.token and other.token.i in own:
            own -= {t.i for t in other.token.subtree}
    return own


def event_date(
    trig: Trigger, triggers: list[Trigger], sent_times: list[TimeExpr], layer: Any, idx: int, offset: int
) -> TimeExpr | None:
    """The TimeExpr dating ``trig`` (sentence ``idx``; ``offset`` is its paragraph's body offset)."""
    own = _own_tokens(trig, triggers)
    doc = trig.token.doc
    starts = {offset + doc[i].idx for i in own}
    pos = offset + trig.token.idx
    inside = [t for t in sent_times if any(t.start <= s < t.end for s in starts)]
    if inside:
        return min(inside, key=lambda t: (abs(t.start - pos), t.start))
    date_for = getattr(layer, "date_for", None)
    return date_for(idx, pos) if date_for else None


def is_future(value: str | None, doc_date: str | None) -> bool:
    """True when ``value`` lies after the document's date, compared at their common precision."""
    if not value or not doc_date:
        return False
    n = min(len(value), len(doc_date))
    return value[:n] > doc_date[:n]
