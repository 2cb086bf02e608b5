"""The cooperation–conflict index: definition on hand-made series, and SQL = export reproduction."""

from __future__ import annotations

import dataclasses
import math
import statistics
from pathlib import Path
from typing import Any

import pytest

from dyad import export
from dyad.analysis.index import aggregate, compute, parse_dyad, turning_points
from dyad.store import queries
from dyad.store.db import Store


def _ev(date: str, a: str, b: str, intensity: float, **flags: bool) -> dict[str, Any]:
    return {
        "date": date,
        "source": {"country": a},
        "target": {"country": b},
        "intensity": intensity,
        "negated": flags.get("negated", False),
        "hypothetical": flags.get("hypothetical", False),
    }


def test_index_aggregate_counts_only_factual_month_dated_events_of_the_pair() -> None:
    events = [
        _ev("2016-12-15", "RUS", "JPN", 5),
        _ev("2016-12", "JPN", "RUS", 3),
        _ev("2016", "JPN", "RUS", 9),
        _ev("2016-12-01", "JPN", "CHN", 9),
        _ev("2016-12-02", "JPN", "RUS", 9, negated=True),
        _ev("2016-12-03", "JPN", "RUS", 9, hypothetical=True),
    ]
    assert aggregate(events, ("JPN", "RUS")) == [{"month": "2016-12", "count": 2, "sum": 8.0}]


def test_index_month_as_dict_holds_every_field() -> None:
    for month in compute([{"month": "2016-11", "count": 2, "sum": 8.0}, {"month": "2017-02", "count": 1, "sum": -6.0}]):
        assert month.as_dict() == dataclasses.asdict(month)


def test_index_spread_is_the_population_standard_deviation() -> None:
    from dyad.analysis.index import _pstdev

    for moves in ([1.0, -1.0], [0.5, 2.25, -3.0, 7.125], [0.1] * 7 + [5.0], [x / 7 for x in range(-40, 41)]):
        assert math.isclose(_pstdev(moves), statistics.pstdev(moves), rel_tol=1e-12, abs_tol=1e-15)


def test_index_fills_gaps_and_finds_sign_changes() -> None:
    months = compute([{"month": "2016-11", "count": 2, "sum": 8.0}, {"month": "2017-02", "count": 1, "sum": -6.0}])
    assert [m.month for m in months] == ["2016-11", "2016-12", "2017-01", "2017-02"]
    assert [m.count for m in months] == [2, 0, 0, 1]
    assert months[1].mean is None and months[1].rolling == 4.0  # the window still holds November
    assert months[2].rolling == 4.0 and months[3].rolling == -6.0
    assert [(m.month, m.turning) for m in turning_points(months)] == [("2017-02", "sign")]


def test_index_finds_jumps_beyond_k_standard_deviations() -> None:
    rows = [{"month": f"2015-{m:02d}", "count": 1, "sum": 1.0 + (m % 2) * 0.1} for m in range(1, 13)]
    rows.append({"month": "2016-01", "count": 30, "sum": 300.0})
    points = turning_points(compute(rows, k=2.0))
    assert [(m.month, m.turning) for m in points] == [("2016-01", "jump")]
    assert turning_points(compute(rows, k=10.0)) == []


def test_index_year_wraps() -> None:
    months = compute([{"month": "1999-12", "count": 1, "sum": 1.0}, {"month": "2000-01", "count": 1, "sum": 1.0}])
    assert [m.month for m in months] == ["1999-12", "2000-01"]


@pytest.mark.parametrize("text", ["JPN", "JPN-JPN", "JPN-RUS-CHN", "J!-RUS", ""])
def test_index_parse_dyad_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="dyad"):
        parse_dyad(text)


def test_index_sql_matches_the_export_reproduction(test_db: Path) -> None:
    with Store.open(test_db, read_only=True) as store:
        from_sql = compute(queries.monthly(store, "JPN", "RUS"))
        from_export = compute(aggregate(export.records(store, "events"), parse_dyad("RUS-JPN")))
    assert from_sql == from_export and from_sql
