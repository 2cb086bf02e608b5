"""Date accuracy: does the time layer date each gold passage as the gold does?

A gold line (events.jsonl or quantities.jsonl) quotes a passage of a document and gives
its date. The time layer dates the passage by the expression inside it (or governing it),
else by its sentence's story time. A date counts as correct when, cut to the gold's
precision, it equals the gold date or falls within the gold's ``date``..``end`` range
(the rule of ../shared/gold/GUIDELINES.md). ``dyad eval`` calls :func:`score_dates`.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dyad.errors import GoldError
from dyad.extract.parse import ParsedDoc
from dyad.extract.time.layer import TimeLayer


@dataclass(frozen=True)
class DateCase:
    """One dated gold passage and the date the system gave it."""

    doc: str
    text: str
    gold: str
    gold_end: str | None
    predicted: str | None

    @property
    def correct(self) -> bool:
        return date_matches(self.predicted, self.gold, self.gold_end)


def date_matches(predicted: str | None, gold: str, gold_end: str | None = None) -> bool:
    """Whether ``predicted`` cut to the gold's precision is the gold date or inside its range.

    >>> date_matches("2016-12-15", "2016-12"), date_matches("1977", "1975", "1978")
    (True, True)
    """
    if not predicted:
        return False
    cut = "-".join(predicted.split("-")[: gold.count("-") + 1])
    if len(cut) < len(gold):  # the prediction is coarser than the gold
        return False
    if gold_end is None:
        return cut == gold
    end_cut = "-".join(predicted.split("-")[: gold_end.count("-") + 1])
    return gold <= cut and end_cut <= gold_end


def score_dates(cases: Iterable[DateCase]) -> tuple[int, int]:
    """``(correct, total)`` over dated gold passages."""
    total = correct = 0
    for case in cases:
        total += 1
        correct += case.correct
    return correct, total


def read_gold(path: Path) -> Iterator[dict]:
    """Dated rows with a quoted passage from a gold JSON Lines file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldError(f"cannot read gold file: {exc}", path=str(path)) from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"line {n} is not JSON: {exc.msg}", path=str(path)) from exc
        if row.get("date") and row.get("text") and row.get("doc"):
            yield row


def date_cases(pdoc: ParsedDoc, layer: TimeLayer, rows: Iterable[dict]) -> list[DateCase]:
    """The cases of one document: each gold passage located and dated by the layer."""
    cases = []
    for row in rows:
        if row["doc"] != pdoc.name:
            continue
        span = locate(pdoc, row["text"])
        predicted = date_of_span(pdoc, layer, *span) if span else None
        cases.append(DateCase(pdoc.name, row["text"], row["date"], row.get("end"), predicted))
    return cases


def locate(pdoc: ParsedDoc, quote: str) -> tuple[int, int] | None:
    """Body span of a quoted passage (found in the original, mapped to the body)."""
    pattern = r"\s+".join(re.escape(w) for w in quote.split())
    m = re.search(pattern, pdoc.original)
    if m is None:
        return None
    starts = pdoc.body.starts
    start = bisect.bisect_left(starts, m.start())
    end = bisect.bisect_left(starts, m.end())
    return (start, max(end, start + 1)) if start < len(pdoc.text) else None


def date_of_span(pdoc: ParsedDoc, layer: TimeLayer, start: int, end: int) -> str | None:
    """The date the layer gives a passage: a time inside it, else the one governing it, else story time."""
    inside = [t for t in layer.times if start <= t.start and t.end <= end]
    for i, t in enumerate(layer.times):
        if t in inside and not layer.info[i].attributive:
            return t.value
    if inside:
        return inside[0].value
    return layer.when(pdoc.sentence_at(start), start)
