"""Candidate answers inside one passage: dates, numbers with units, names and places.

Each candidate carries its span in the passage text, a ``kind`` (``date``,
``percent``, ``money``, ``area``, ``duration``, ``count``, ``person``, ``place``,
``thing``) and the words to show. Names and places come from spaCy's entity
recogniser over the one passage (the model the parse stage already loads);
dates and numbers from patterns. The answerer ranks them against the question's
:class:`~dyad.ask.shapes.Shape`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dyad.ask.dates import find_dates

_WORD_NUMS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    "sixty|seventy|eighty|ninety|hundred|a hundred|a dozen|dozens|hundreds|thousands"
)
NUMBER_WORD = re.compile(r"(?:" + _WORD_NUMS + r")(?:[- ](?:" + _WORD_NUMS + r"))?", re.IGNORECASE)
_NUMBER_RE = re.compile(
    r"(?P<approx>\b(?:about|around|roughly|some|nearly|almost|approximately|over|more than|less than|up to|"
    r"only|just)\s+)?"
    r"(?P<cur>US\$|\$|¥|€|£)?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\b(?:" + _WORD_NUMS + r")(?:[- ](?:" + _WORD_NUMS + r"))?\b)"
    r"(?P<scale>\s?(?:trillion|billion|million|thousand|bn|mn|tn)\b)?"
    r"(?P<unit>\s?(?:%|percent\b|per cent\b|percentage points?\b|yen\b|dollars?\b|rubles?\b|roubles?\b|euros?\b|"
    r"square kilomet(?:er|re)s?\b|sq\.? ?km\b|km2|km²|km\b|kilomet(?:er|re)s?\b|hours?\b|hrs\b|minutes?\b|"
    r"days?\b|weeks?\b|months?\b|years?\b|tons?\b|tonnes?\b|hectares?\b))?",
    re.IGNORECASE,
)
_DURATION = {
    "hour",
    "hours",
    "hrs",
    "minute",
    "minutes",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
}
#: a possessive ending to cut from a name ("Adams's" -> "Adams"), never a name's own final s
_POSSESSIVE = re.compile(r"(?:['’]s?)$")
_PERSON = {"PERSON"}
_PLACE = {"GPE", "LOC", "FAC"}
_THING = {"ORG", "PRODUCT", "LAW", "EVENT", "WORK_OF_ART", "NORP", "FAC", "GPE", "LOC", "PERSON"}


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    text: str
    kind: str
    iso: str | None = None
    end_iso: str | None = None


def dates(text: str) -> list[Candidate]:
    return [Candidate(d.start, d.end, d.text, "date", d.iso, d.end_iso) for d in find_dates(text)]


def numbers(text: str) -> list[Candidate]:
    """Numbers with what they count or measure; bare years are left to :func:`dates`."""
    out = []
    spans = [(d.start, d.end) for d in find_dates(text)]
    for m in _NUMBER_RE.finditer(text):
        num = m.group("num")
        if not num or not num.strip():
            continue
        s, e = m.span("num")
        if text[s - 1 : s] == "[" and text[e : e + 1] == "]":
            continue  # a footnote mark ("[7]"), not a quantity
        unit = (m.group("unit") or "").strip().lower()
        scale = (m.group("scale") or "").strip()
        if not unit and not scale and any(ds <= s and e <= de for ds, de in spans):
            continue  # a day or a year of a date, not a quantity
        if re.fullmatch(r"\d+", num) and text[e : e + 1] == "-" and text[e + 1 : e + 2].isalpha():
            unit = unit or ""  # "2-plus" and the like are not quantities of interest
        kind = _number_kind(m.group("cur"), scale, unit)
        start = m.start("approx") if m.group("approx") else (m.start("cur") if m.group("cur") else s)
        out.append(Candidate(start, m.end(), text[start : m.end()].strip(), kind))
    return out


def _number_kind(cur: str | None, scale: str, unit: str) -> str:
    if unit in ("%", "percent", "per cent") or unit.startswith("percentage"):
        return "percent"
    if cur or unit.rstrip("s") in ("yen", "dollar", "ruble", "rouble", "euro"):
        return "money"
    if "sq" in unit or "square" in unit or unit in ("km2", "km²", "hectare", "hectares"):
        return "area"
    if unit in _DURATION:
        return "duration"
    if scale and scale.lower() in ("billion", "bn", "trillion", "tn"):
        return "money"
    return "count"


@lru_cache(maxsize=1)
def _nlp():
    from dyad.extract.parse import load_nlp

    return load_nlp()


@lru_cache(maxsize=256)
def parse(text: str):
    """One short text (a question) parsed by the pipeline's spaCy model, cached."""
    return _nlp()(text)


@lru_cache(maxsize=4096)
def entities(text: str) -> tuple[Candidate, ...]:
    """Named people, places and things in one passage (spaCy's recogniser), cached per passage text."""
    doc = _nlp()(text)
    out = []
    for ent in doc.ents:
        if ent.label_ in _PERSON:
            kind = "person"
        elif ent.label_ in _PLACE:
            kind = "place"
        elif ent.label_ in _THING:
            kind = "thing"
        else:
            continue
        span_text = _POSSESSIVE.sub("", re.sub(r"^(?:the|The)\s+", "", ent.text)).strip()
        if not span_text:
            continue
        offset = ent.text.find(span_text)
        out.append(
            Candidate(
                ent.start_char + max(offset, 0), ent.start_char + max(offset, 0) + len(span_text), span_text, kind
            )
        )
    out.extend(titled_things(text))
    return tuple(out)


_TITLED = re.compile(
    r"\b((?:[A-Z][\w.-]*\s+){0,4}(?:Treaty|Declaration|Agreement|Plan|Accord|Memorandum|Charter|"
    r"Concept|Convention|Communiqu\w+|Initiative|Partnership|Programme|Program|Protocol)"
    r"(?:\s+(?:of|on|for)\s+(?:[A-Z][\w.-]*\s*(?:,\s*|and\s+)?){1,5})?)"
)


def titled_things(text: str) -> list[Candidate]:
    """Capitalised names of treaties, declarations, plans and the like, which the recogniser often misses."""
    out = []
    for m in _TITLED.finditer(text):
        span = m.group(1).rstrip(" ,")
        if span.count(" ") >= 1:
            out.append(Candidate(m.start(1), m.start(1) + len(span), span, "thing"))
    return out
