"""The cooperation–conflict index: one number per month per pair of countries, and its turning points.

Definition (docs/web.md says the same in prose):

- An event counts for the dyad {A, B} when it is factual (neither negated nor
  hypothetical), one side's country is A and the other's is B (either
  direction), and its date is at least month-precise (``YYYY-MM...``); events
  dated only to a year are left out, because spreading them over twelve months
  would invent precision.
- For each month from the first to the last counted month: ``count`` (events),
  ``sum`` (sum of intensities, -10..+10 each) and ``mean`` (sum / count, or
  ``None`` for a month without events).
- ``rolling``: the 3-month rolling mean, event-weighted: the sums of the month
  and the two before it, over their counts (``None`` when all three are empty).
- A turning point is a month whose rolling mean has the opposite sign to the
  previous month with a rolling mean (a zero crossing), or moved from it by
  more than ``k`` standard deviations of all such month-to-month moves (``k`` = 2
  by default).

It is reproducible from ``dyad export events``: :func:`aggregate` builds the
monthly counts and sums from exported records, and :func:`compute` does the rest.

>>> months = compute(aggregate(records, ("JPN", "RUS")))  # doctest: +SKIP
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

WINDOW = 3
DEFAULT_K = 2.0


@dataclass(frozen=True)
class Month:
    month: str
    count: int
    sum: float
    mean: float | None
    rolling: float | None
    turning: str | None  # None, "sign" or "jump"

    def as_dict(self) -> dict[str, Any]:
        # the fields by hand: dataclasses.asdict deep-copies each value, most of a page's time at 500 months
        return {
            "month": self.month,
            "count": self.count,
            "sum": self.sum,
            "mean": self.mean,
            "rolling": self.rolling,
            "turning": self.turning,
        }


def parse_dyad(text: str) -> tuple[str, str]:
    """``"JPN-RUS"`` -> ``("JPN", "RUS")``, sorted so that the pair is undirected."""
    parts = text.strip().upper().split("-")
    if len(parts) != 2 or not all(p.isalnum() and 2 <= len(p) <= 5 for p in parts) or parts[0] == parts[1]:
        raise ValueError(f"a dyad is two different country codes joined by '-', e.g. JPN-RUS; got {text!r}")
    a, b = sorted(parts)
    return a, b


def aggregate(events: Iterable[dict[str, Any]], dyad: tuple[str, str]) -> list[dict[str, Any]]:
    """Monthly ``{month, count, sum}`` of the dyad's countable events, from contract-shaped event records."""
    pair = set(dyad)
    buckets: dict[str, list[float]] = {}
    for ev in events:
        if ev.get("negated") or ev.get("hypothetical"):
            continue
        date = ev.get("date") or ""
        sides = {(ev.get("source") or {}).get("country"), (ev.get("target") or {}).get("country")}
        if len(date) < 7 or sides != pair:
            continue
        bucket = buckets.setdefault(date[:7], [0, 0.0])
        bucket[0] += 1
        bucket[1] += float(ev.get("intensity") or 0.0)
    return [{"month": m, "count": int(c), "sum": s} for m, (c, s) in sorted(buckets.items())]


def _next_month(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    return f"{year + mon // 12:04d}-{mon % 12 + 1:02d}"


def _filled(monthly: list[dict[str, Any]]) -> list[tuple[str, int, float]]:
    """Every month from the first to the last, empty months as zero counts."""
    if not monthly:
        return []
    by_month = {r["month"]: (int(r["count"]), float(r["sum"] or 0.0)) for r in monthly}
    months: list[tuple[str, int, float]] = []
    month, last = monthly[0]["month"], monthly[-1]["month"]
    while month <= last:
        count, total = by_month.get(month, (0, 0.0))
        months.append((month, count, total))
        month = _next_month(month)
    return months


def compute(monthly: list[dict[str, Any]], *, k: float = DEFAULT_K) -> list[Month]:
    """The index series from monthly ``{month, count, sum}`` rows sorted by month."""
    filled = _filled(sorted(monthly, key=lambda r: r["month"]))
    rolling: list[float | None] = []
    for i in range(len(filled)):
        window = filled[max(0, i - WINDOW + 1) : i + 1]
        n = sum(c for _m, c, _s in window)
        rolling.append(sum(s for _m, _c, s in window) / n if n else None)
    moves: list[float] = []
    prev: float | None = None
    for value in rolling:
        if value is not None:
            if prev is not None:
                moves.append(value - prev)
            prev = value
    sd = _pstdev(moves) if len(moves) >= 2 else 0.0
    out: list[Month] = []
    prev = None
    for (month, count, total), value in zip(filled, rolling, strict=True):
        turning = None
        if value is not None and prev is not None:
            if (value > 0 > prev) or (value < 0 < prev):
                turning = "sign"
            elif sd > 0 and abs(value - prev) > k * sd:
                turning = "jump"
        if value is not None:
            prev = value
        out.append(Month(month, count, total, total / count if count else None, value, turning))
    return out


def _pstdev(values: list[float]) -> float:
    """The population standard deviation in floats (``statistics.pstdev`` sums exact fractions: slow at 500
    months, for a difference in the sixteenth digit)."""
    mean = math.fsum(values) / len(values)
    return math.sqrt(math.fsum((v - mean) ** 2 for v in values) / len(values))


def turning_points(months: list[Month]) -> list[Month]:
    return [m for m in months if m.turning]
