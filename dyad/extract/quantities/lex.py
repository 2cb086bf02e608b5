"""Number lexing for the quantities extractor: find numbers with their scale, currency or unit.

Pure text work (no parser), driven by ``dyad/data/units.yaml``: what a number
*is* ("2.5bn" after "USD" is 2.5 USD bn; "eight-point" is 8 of "point";
"14th" before "place" is a rank) and what it is *not* (a year, a day of a date,
a label such as "Article 9" or "G7", a footnote marker glued to a word).
Deciding what a unit-less number counts needs the parse and happens in
:mod:`dyad.extract.quantities`.

>>> from dyad.knowledge.units import read_units
>>> [(q.value, q.unit) for q in lex_numbers("trade of US$4.4 billion, up 12%", read_units())]
[(4.4, 'USD bn'), (12.0, '%')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dyad.casefold import blind
from dyad.knowledge.units import UnitTable

# A number glued to these is a label, footnote or formula: "G7", "tours.5", "2+2", "Sakhalin-2".
_GLUED_BEFORE = set("+-/.,”’\"')]_:") | {"&"}


@dataclass(frozen=True)
class Lexed:
    """A number in a sentence (offsets relative to the sentence text) and what the text says it is."""

    start: int
    end: int
    text: str
    value: float
    unit: str | None = None  # None: a count whose noun the parse must find
    digits: bool = True
    ordinal: bool = False
    rank_cue: str | None = None
    hyphen_noun: str | None = None
    people_cue: str | None = None


def word_value(text: str, table: UnitTable) -> float:
    """The value of spelled-out numbers: "forty" 40, "one hundred and five" 105, "two dozen" 24."""
    total = 0.0
    for w in re.split(r"[\s-]+", text.lower()):
        if w == "and" or w not in table.words:
            continue
        v = table.words[w]
        total = (total or 1.0) * v if v in (100.0, 12.0) and w in ("hundred", "dozen") else total + v
    return total


def _prev_word(text: str, pos: int) -> str:
    m = re.search(r"([A-Za-z]+)\W{0,3}$", text[max(0, pos - 40) : pos])
    return m.group(1).lower() if m else ""


def _next_word(text: str, pos: int) -> str:
    m = re.match(r"\W{0,3}?([A-Za-z]+)", text[pos : pos + 40])
    return m.group(1).lower() if m else ""


def _is_date_part(text: str, start: int, end: int, table: UnitTable) -> bool:
    """A day of a date ("15 December", "December 15", "15-16 December") or a year."""
    after = re.match(r"(?:\s*[-–]\s*\d+)?\s*(?:of\s+)?([A-Za-z]+)", text[end : end + 30])
    return _prev_word(text, start) in table.months or bool(after and after.group(1).lower() in table.months)


def _refused(text: str, m: re.Match[str], table: UnitTable) -> bool:
    """Labels, footnotes, formulas, dates and years are not quantities."""
    start = m.start("cur") if m.group("cur") else m.start("num")
    before = text[start - 1] if start else " "
    after = text[m.end() : m.end() + 1]
    if (before in _GLUED_BEFORE or before.isalnum()) and not m.group("cur"):
        return True
    if before == ":" or re.match(r"[:+]|\s?[-–]\s?\d", text[m.end() : m.end() + 3]):
        return True  # a clock time, a formula or the low end of a range ("4-5 years")
    if not m.group("num")[0].isdigit() and m.group("num")[0].isupper() and start > 0:
        return True  # "the Big Seven", "Group of Twenty": a name, not a number
    if re.search(r"[.!?][\"”’)]?\s$", text[max(0, start - 3) : start]) and re.match(
        r"\s[A-Z]", text[m.end() : m.end() + 2]
    ):
        return True  # a footnote marker between two sentences
    if after == "+" or (after.isalnum() and not (m.group("unit") or m.group("scale") or m.group("hword"))):
        return True
    if (m.group("hword") or "").lower() in ("plus", "on", "by", "to", "and"):
        return True
    if _prev_word(text, start) in table.label_words or _is_date_part(text, m.start("num"), m.end("num"), table):
        return True
    num = m.group("num")
    yearlike = re.fullmatch(r"1[0-9]{3}|20[0-9]{2}", num) is not None
    time_unit = (m.group("unit") or "").lower() in table.not_counted
    return yearlike and (time_unit or not (m.group("unit") or m.group("scale") or m.group("cur")))


def _value_and_unit(m: re.Match[str], table: UnitTable) -> tuple[float, str | None] | None:
    """The number's value in its unit's base, and the unit (None for a count)."""
    num = m.group("num")
    digits = num[0].isdigit()
    value = float(num.replace(",", "")) if digits else word_value(num, table)
    cur = table.cur_before.get(m.group("cur") or "") or next(
        (v for k, v in table.cur_before.items() if k.lower() == (m.group("cur") or "").lower()), None
    )
    scale_word = (m.group("scale") or "").lower()
    if scale_word in table.short_scales and not cur:
        return None
    value *= table.scales.get(scale_word, 1.0)
    unit_word = m.group("unit")
    unit = next((u for k, u in table.after.items() if unit_word and k.lower() == unit_word.lower()), None)
    hword = (m.group("hword") or "").lower()
    if unit is None and hword:
        unit = next((u for k, u in table.after.items() if k.lower() == hword and not u.startswith("CUR:")), None)
    if unit and unit.startswith("CUR:"):
        cur, unit = unit[4:], None
    if cur:
        if value >= table.money_min:
            return value / table.money_factor, f"{cur} {table.money_name}"
        return value, cur
    return value, unit


def lex_numbers(text: str, table: UnitTable) -> list[Lexed]:
    """Every number in ``text`` that may be a quantity, with what the surface says about it."""
    out: list[Lexed] = []
    for m in table.pattern.finditer(text) if _may_hold_number(text, table) else ():
        if _refused(text, m, table):
            continue
        vu = _value_and_unit(m, table)
        if vu is None:
            continue
        value, unit = vu
        start = m.start("cur") if m.group("cur") else m.start("num")
        hword = m.group("hword") if m.group("hword") and not unit else None
        cue = None
        if unit is None and not hword:
            back = re.findall(r"[A-Za-z]+", text[max(0, start - 40) : start])[-3:]
            cue = next((w.lower() for w in reversed(back) if w.lower() in table.people_cues), None)
        out.append(
            Lexed(
                start,
                m.end(),
                m.group(0)[start - m.start() :],
                value,
                unit,
                digits=m.group("num")[0].isdigit(),
                hyphen_noun=hword,
                people_cue=cue,
            )
        )
    out.extend(_ordinals(text, table, out))
    return sorted(out, key=lambda q: q.start)


_ANY_DIGIT = re.compile(r"\d")  # what the number pattern's digits are


def _may_hold_number(text: str, table: UnitTable) -> bool:
    """Whether the number pattern can match ``text`` at all: every match holds a digit or a number word (most
    sentences hold neither, and the pattern, which may open with a currency or a space, is tried at every
    character)."""
    if _ANY_DIGIT.search(text):
        return True
    low = blind(text)
    return any(word in low for word in table.words)


def _ordinals(text: str, table: UnitTable, taken: list[Lexed]) -> list[Lexed]:
    """Ordinals ("14th", "seventh"), with the rank cue after or before them when there is one."""
    out = []
    for m in table.ordinal_pattern.finditer(text):
        if any(q.start <= m.start() < q.end for q in taken):
            continue
        value = float(m.group("num")) if m.group("num") else table.ordinals[m.group("word").lower()]
        nxt, prev = _next_word(text, m.end()), _prev_word(text, m.start())
        cue = nxt if nxt in table.rank_cues else (prev if prev in ("ranked", "ranks", "ranking") else None)
        if m.group("word") and cue in ("in", None):
            cue = None if cue is None or prev != "ranked" else cue  # "first in" is rarely a rank
        if m.group("word") and nxt in ("among", "place", "largest", "biggest"):
            cue = nxt
        out.append(
            Lexed(m.start(), m.end(), m.group(0), value, None, digits=bool(m.group("num")), ordinal=True, rank_cue=cue)
        )
    return out
