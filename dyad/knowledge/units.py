"""Number and unit words: ``dyad/data/units.yaml`` read, validated and compiled into one :class:`UnitTable`.

The quantities stage lexes numbers with it (:mod:`dyad.extract.quantities.lex`); a user's copy of the
file (``--knowledge``) replaces the packaged one, and a malformed one is a :class:`KnowledgeError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyad.datafile import read_yaml
from dyad.errors import KnowledgeError

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_REQUIRED = (
    "number_words",
    "ordinal_words",
    "scales",
    "short_scales",
    "money_scale",
    "money_min",
    "currencies",
    "units",
    "people_nouns",
    "people_cues",
    "label_words",
    "not_counted",
    "rank_cues",
    "months",
    "date_skip_before",
    "pair_nouns",
    "chart_reasons",
)


@dataclass(frozen=True)
class UnitTable:
    """The validated contents of units.yaml with its compiled patterns."""

    words: dict[str, float]
    ordinals: dict[str, float]
    scales: dict[str, float]
    short_scales: frozenset[str]
    money_name: str
    money_factor: float
    money_min: float
    cur_before: dict[str, str]  # spelling -> currency code
    after: dict[str, str]  # spelling -> unit name or "CUR:<code>"
    people_nouns: frozenset[str]
    people_cues: frozenset[str]
    label_words: frozenset[str]
    not_counted: frozenset[str]
    pair_nouns: frozenset[str]
    chart_reasons: frozenset[str]
    rank_cues: frozenset[str]
    months: frozenset[str]
    date_skip: re.Pattern[str]  # matches text ending in a baseline word ("since ")
    pattern: re.Pattern[str]
    ordinal_pattern: re.Pattern[str]


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _check(data: Any, where: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise KnowledgeError("expected a mapping at the top level", path=where)
    missing = [k for k in _REQUIRED if k not in data]
    if missing:
        raise KnowledgeError(f"missing keys {missing}; see dyad/data/units.yaml for the shape", path=where)
    for key in ("number_words", "ordinal_words", "scales", "currencies", "units"):
        if not isinstance(data[key], dict) or not data[key]:
            raise KnowledgeError(f"'{key}' must be a non-empty mapping", path=where)
    for key in (
        "people_nouns",
        "people_cues",
        "label_words",
        "not_counted",
        "rank_cues",
        "months",
        "short_scales",
        "date_skip_before",
        "pair_nouns",
        "chart_reasons",
    ):
        if not isinstance(data[key], list) or not all(isinstance(w, str) for w in data[key]):
            raise KnowledgeError(f"'{key}' must be a list of words", path=where)
    for code, spell in data["currencies"].items():
        if not isinstance(spell, dict) or not set(spell) <= {"before", "after"}:
            raise KnowledgeError(f"currency {code!r} needs 'before'/'after' lists", path=where)
    return data


def _table(data: dict[str, Any]) -> UnitTable:
    low = lambda xs: frozenset(w.lower() for w in xs)  # noqa: E731 - a local shorthand
    cur_before = {s: code for code, sp in data["currencies"].items() for s in sp.get("before", [])}
    after = {s: f"CUR:{code}" for code, sp in data["currencies"].items() for s in sp.get("after", [])}
    after.update({s: unit for unit, spellings in data["units"].items() for s in spellings})
    words = {k.lower(): float(v) for k, v in data["number_words"].items()}
    scales = {k.lower(): float(v) for k, v in data["scales"].items()}
    word = rf"(?<![A-Za-z])(?:{_alt(list(words))})(?![A-Za-z])"
    wordnum = rf"{word}(?:(?:\s+and\s+|[ -]){word})*"
    unit_alt = _alt(list(after))
    pattern = re.compile(
        rf"(?P<cur>{_alt(list(cur_before))})?[ \t]?(?P<num>{_DIGITS}|{wordnum})"
        rf"(?:[ \t]?(?P<scale>{_alt(list(scales))})(?![A-Za-z]))?"
        rf"(?:-(?P<hword>[A-Za-z]{{2,}}))?"
        rf"(?:\s*(?P<unit>{unit_alt})(?![A-Za-z²]))?",
        re.IGNORECASE,
    )
    ordinal_pattern = re.compile(
        rf"(?<![\w.])(?P<num>\d+)(?:st|nd|rd|th)(?![A-Za-z])|(?<![A-Za-z])(?P<word>{_alt(list(data['ordinal_words']))})(?![A-Za-z-])",
        re.IGNORECASE,
    )
    return UnitTable(
        words=words,
        ordinals={k.lower(): float(v) for k, v in data["ordinal_words"].items()},
        scales=scales,
        short_scales=low(data["short_scales"]),
        money_name=str(data["money_scale"]["name"]),
        money_factor=float(data["money_scale"]["factor"]),
        money_min=float(data["money_min"]),
        cur_before=cur_before,
        after=after,
        people_nouns=low(data["people_nouns"]),
        people_cues=low(data["people_cues"]),
        label_words=low(data["label_words"]),
        not_counted=low(data["not_counted"]),
        pair_nouns=low(data["pair_nouns"]),
        chart_reasons=low(data["chart_reasons"]),
        rank_cues=low(data["rank_cues"]),
        months=low(data["months"]),
        date_skip=re.compile(rf"(?<![A-Za-z])(?:{_alt(data['date_skip_before'])})\W*(?:the\s+)?$", re.IGNORECASE),
        pattern=pattern,
        ordinal_pattern=ordinal_pattern,
    )


def read_units(path: str | Path | None = None) -> UnitTable:
    """The unit table from ``path`` (default: the packaged ``dyad/data/units.yaml``), validated."""
    data, where = read_yaml("units.yaml", path, "unit table")
    return _table(_check(data, where))
