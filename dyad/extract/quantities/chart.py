"""Chart debris: read the numbers of infographics the repair stage left out of the body.

Repair reports chart and table text as :class:`~dyad.records.Removed` spans of
the original. Adjacent spans form one *block*; inside it, title lines set the
date ("TRADE IN 2016", "As of May, 2016") and a unit ("($ BN)"), a line that is
only a unit ("%") sets the unit of the bare numbers next to it, and numbers
with their own unit ("$9.4 bn", "56%", "264 km2") keep it. A title giving a
year range ("1996 - 2016") is a series whose values and years cannot be paired
reliably here, so its bare numbers are skipped. Bare integers are skipped too:
in infographics they are ranks and axis ticks more often than values.

Every record has confidence 0.5: the layout, not the grammar, ties number,
unit and date together.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from dyad.extract.quantities.lex import Lexed, lex_numbers
from dyad.knowledge.units import UnitTable
from dyad.records import Evidence, QuantityRecord, Removed

CONFIDENCE = 0.5
_YEAR = r"(?:18|19|20)\d\d"
_RANGE = re.compile(rf"{_YEAR}\s*[-–—]\s*{_YEAR}")
_HEADER_UNIT = re.compile(r"\(\s*(US\$|\$|USD|¥|JPY|€|EUR)\s*(BN|BLN|BILLION|MLN|MN|MILLION)\s*\)", re.IGNORECASE)
_CUR = {"us$": "USD", "$": "USD", "usd": "USD", "¥": "JPY", "jpy": "JPY", "€": "EUR", "eur": "EUR"}


@dataclass(frozen=True)
class _Line:
    start: int  # offset in the original
    text: str


def chart_lines(original: str, removed: Sequence[Removed], reasons: frozenset[str]) -> list[tuple[_Line, bool]]:
    """Every non-blank line of the original, flagged when a chart-reason removed span covers it."""
    spans = sorted((r.start, r.end) for r in removed if r.why in reasons)
    out, k = [], 0
    for line in _lines(original, 0, len(original)):
        while k < len(spans) and spans[k][1] <= line.start:
            k += 1
        out.append((line, k < len(spans) and spans[k][0] <= line.start < spans[k][1]))
    return out


def extract_chart_series(
    original: str, removed: Sequence[Removed], table: UnitTable, *, doc: str
) -> list[QuantityRecord]:
    """Quantities read from the chart lines of one document's original text (confidence 0.5).

    Lines are read in order with a running state (date, declared units) that
    title lines set; a line of body prose ending a sentence closes the chart.
    Body lines inside an open chart are read too: repair may keep a chart's
    label lines as text, and only the chart's title dates them.
    """
    lines = chart_lines(original, removed, table.chart_reasons)
    out: list[QuantityRecord] = []
    date: str | None = None
    units: dict[int, str] = {}
    series, open_ = False, False
    for i, (line, in_chart) in enumerate(lines):
        if not in_chart and line.text.endswith((".", "?", "!")) and len(line.text) > 40:
            open_, date, units = False, None, {}
            continue
        if _is_title(line):
            series, open_ = bool(_RANGE.search(line.text)), True
            date = None if series else _line_date(line.text, table) or date
            units = {j: u for j in range(i, min(len(lines), i + 60)) if (u := _unit_line(lines[j][0].text))}
            continue
        if in_chart or open_:
            out.extend(_line_records(lines, i, doc, date, series, units, table))
    return out


def _lines(original: str, start: int, end: int) -> list[_Line]:
    out, pos = [], start
    for raw in original[start:end].split("\n"):
        if raw.strip():
            lead = len(raw) - len(raw.lstrip())
            out.append(_Line(pos + lead, raw.strip()))
        pos += len(raw) + 1
    return out


def _line_date(text: str, table: UnitTable) -> str | None:
    """The date a title or "As of" line gives: "May, 2016" -> 2016-05, "2016" -> 2016; baselines skipped."""
    months = "|".join(sorted(table.months, key=len, reverse=True))
    for m in re.finditer(rf"(?:\b({months})\b\.?,?\s*)?\b({_YEAR})\b", text, re.IGNORECASE):
        if table.date_skip.search(text[: m.start()]):
            continue
        month = (m.group(1) or "").lower()[:3]
        return f"{m.group(2)}-{_ORDER.index(month) + 1:02d}" if month in _ORDER else m.group(2)
    return None


# English month prefixes in calendar order; the names themselves come from units.yaml.
_ORDER = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def _unit_line(text: str) -> str | None:
    """A line that declares a unit: "%" alone, or a "($ BN)" header."""
    if text in ("%", "(%)"):
        return "%"
    m = _HEADER_UNIT.search(text)
    if m is None:
        return None
    scale = "bn" if m.group(2).lower() in ("bn", "bln", "billion") else "mn"
    return f"{_CUR[m.group(1).lower()]} {scale}"


def _is_title(line: _Line) -> bool:
    letters = [c for c in line.text if c.isalpha()]
    upper = letters and sum(c.isupper() for c in letters) / len(letters) > 0.8 and len(letters) > 8
    return bool(upper or line.text.lower().startswith("as of"))


def _line_records(
    lines: list[tuple[_Line, bool]],
    i: int,
    doc: str,
    date: str | None,
    series: bool,
    units: dict[int, str],
    table: UnitTable,
) -> list[QuantityRecord]:
    line = lines[i][0]
    own = re.search(rf"\(({_YEAR})\)", line.text)
    out = []
    for lexed in lex_numbers(line.text, table):
        unit = _unit_for(lexed, i, units, series)
        if unit is None:
            continue
        ev = Evidence(doc, line.start + lexed.start, line.start + lexed.end, lexed.text)
        what = _label([ln for ln, _ in lines], i, lexed)
        out.append(QuantityRecord(what, lexed.value, unit, own.group(1) if own else date, None, ev, CONFIDENCE))
    return out


def merge_chart(prose: Sequence[QuantityRecord], chart: Sequence[QuantityRecord]) -> list[QuantityRecord]:
    """Prose and chart records together; where both read the same number, the dated one wins."""

    def key(q: QuantityRecord) -> tuple[str, int]:
        return q.evidence.doc, q.evidence.start

    chart_at = {key(q): q for q in chart}
    kept = [q for q in prose if not (key(q) in chart_at and q.date is None and chart_at[key(q)].date)]
    seen = {key(q) for q in kept}
    return kept + [q for q in chart if key(q) not in seen]


def _unit_for(lexed: Lexed, i: int, units: dict[int, str], series: bool) -> str | None:
    """A number's own unit, else (for a bare decimal outside a series) the nearest declared unit."""
    if lexed.ordinal:
        return None
    if lexed.unit:
        return lexed.unit
    if lexed.people_cue:
        return "people"
    if series or lexed.hyphen_noun or "." not in lexed.text or not units:
        return None
    return units[min(units, key=lambda j: (abs(j - i), j > i))]


def _label(lines: list[_Line], i: int, lexed: Lexed) -> str:
    """The words on the number's line, else the nearest wordy line after it."""
    words = re.sub(r"[\d.,%$()–-]+", " ", lines[i].text.replace(lexed.text, " ")).split()
    if len(words) >= 1 and any(len(w) > 2 for w in words):
        return " ".join(words)[:80]
    for ln in lines[i + 1 : i + 3]:
        if sum(c.isalpha() for c in ln.text) > 3:
            return ln.text[:80]
    return ""
