"""Query parameters shared by the API and the pages, checked once with messages that say the fix.

FastAPI checks types and ranges; this module checks what a type cannot say
(ISO partial dates, dyads, PLOVER vocabularies) and builds the
:class:`~dyad.store.queries.EventFilter`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated

from fastapi import Query

from dyad.analysis.index import parse_dyad
from dyad.store.queries import EventFilter
from dyad.store.sorting import Sort
from dyad.store.sorting import parse as parse_sort
from dyad.web.errors import bad_parameter

#: The contract's vocabularies (CONTRACT.md): PLOVER event types and quads.
PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")

Limit = Annotated[int, Query(ge=1, le=1000, description="Rows per page (1..1000).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
Text = Annotated[str | None, Query(max_length=200)]


def check_date(name: str, value: str | None) -> str | None:
    if value in (None, ""):
        return None
    if not _DATE.match(value):
        raise bad_parameter(name, f"{value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


def check_dyad(value: str | None, name: str = "dyad") -> tuple[str, str] | None:
    if value in (None, ""):
        return None
    try:
        a, b = parse_dyad(value)
    except ValueError as exc:
        raise bad_parameter(name, str(exc)) from exc
    # the merge's pair key counts a predecessor state as its successor, and the timeline and index filter on
    # that key: JPN-SUN asks for the same events as JPN-RUS (imported here: the server starts without YAML)
    from dyad.knowledge.actors import state_of

    a, b = state_of(a) or a, state_of(b) or b
    if a == b:
        raise bad_parameter(name, f"{value!r} names one state twice (SUN is counted as RUS)")
    return (a, b) if a <= b else (b, a)


#: A sort key as it arrives: a column name, ``-`` in front for descending (checked by :func:`check_sort`).
SortParam = Annotated[
    str | None, Query(max_length=30, description="Column to sort by before paging; a leading - for descending.")
]


def check_sort(value: str | None, allowed: Mapping[str, tuple[str, ...]], default: str) -> Sort:
    """The sort asked for, checked against the table's allow-list (400 naming the allowed columns)."""
    try:
        return parse_sort(value, allowed, default)
    except ValueError as exc:
        raise bad_parameter("sort", str(exc)) from exc


def check_choice(name: str, value: str | None, choices: tuple[str, ...]) -> str | None:
    if value in (None, ""):
        return None
    if value not in choices:
        raise bad_parameter(name, f"{value!r} is not one of {', '.join(choices)}")
    return value


@dataclass
class EventQuery:
    """The timeline's filters as they arrive in a query string (all optional)."""

    actor: str | None = None
    dyad: str | None = None
    type: str | None = None
    quad: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    text: str | None = None

    def to_filter(self) -> EventFilter:
        date_from = check_date("date_from", self.date_from)
        date_to = check_date("date_to", self.date_to)
        if date_from and date_to and date_from > date_to + "\uffff":
            raise bad_parameter("date_to", f"{date_to!r} is before date_from {date_from!r}")
        return EventFilter(
            actor=(self.actor or "").strip() or None,
            dyad=check_dyad(self.dyad),
            type=check_choice("type", (self.type or "").upper() or None, PLOVER_TYPES),
            quad=check_choice("quad", self.quad, QUADS),
            date_from=date_from,
            date_to=date_to,
            text=(self.text or "").strip() or None,
        )


def event_query(
    actor: Annotated[str | None, Query(max_length=100, description="Actor id or country code, either side.")] = None,
    dyad: Annotated[str | None, Query(max_length=20, description="Two country codes, e.g. JPN-RUS.")] = None,
    type: Annotated[str | None, Query(max_length=20, description="PLOVER event type.")] = None,
    quad: Annotated[str | None, Query(max_length=30, description="PLOVER quad.")] = None,
    date_from: Annotated[str | None, Query(max_length=10, description="ISO date, inclusive.")] = None,
    date_to: Annotated[str | None, Query(max_length=10, description="ISO date, inclusive.")] = None,
    text: Annotated[str | None, Query(max_length=200, description="Words in the record.")] = None,
) -> EventQuery:
    return EventQuery(actor, dyad, type, quad, date_from, date_to, text)
