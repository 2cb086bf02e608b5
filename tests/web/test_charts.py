"""Honest charts: indicator series per measure, the index without lines over empty stretches, safe colours."""

from __future__ import annotations

from typing import Any

import pytest

from dyad.analysis.index import compute
from dyad.web import charts
from dyad.web.indicators import describe, series


@pytest.mark.parametrize(
    ("what", "expected"),
    [
        ("Bilateral trade", "bilateral trade"),
        ("the islands", "islands"),
        ("Turnover between the two countries around $ 30", "turnover between the two countries"),
        ("Visitors which came by ferry", "visitors"),
        ("It", None),
        ("What", None),
        ("worth around billion yen in total", None),
        ("Kishida", None),  # a name is who, not what
        ("one two three four five six", None),
    ],
)
def test_charts_describe_normalises_or_refuses(what: str, expected: str | None) -> None:
    assert describe(what, {"kishida"}) == expected


def _q(what: str, value: float, date: str, subject: list[str] | None, unit: str = "USD bn") -> dict[str, Any]:
    return {"what": what, "value": value, "unit": unit, "date": date, "subject": subject, "evidence": []}


def test_charts_one_series_per_description_unit_and_pair() -> None:
    records = [
        _q("Bilateral trade", 30, "2013", ["RUS", "JPN"]),
        _q("bilateral trade", 21, "2016", ["JPN", "RUS"]),
        _q("the bilateral trade", 20, "2020-03", ["JPN", "RUS"]),
        _q("bilateral trade", 5, "2016", ["JPN", "CHN"]),
        _q("bilateral trade", 9, "2016", ["JPN", "RUS"], unit="JPY tn"),
        _q("It", 4, "2016", ["JPN", "RUS"]),
        _q("bilateral trade", 4, None, ["JPN", "RUS"]),  # undated: the table only
    ]
    out, undescribed = series(records)
    keys = [(s["what"], s["unit"], s["pair"], [p["value"] for p in s["points"]]) for s in out]
    assert keys[0] == ("bilateral trade", "USD bn", "JPN-RUS", [30, 21, 20])
    assert sorted(keys[1:]) == [
        ("bilateral trade", "JPY tn", "JPN-RUS", [9]),
        ("bilateral trade", "USD bn", "CHN-JPN", [5]),
    ]
    assert undescribed == 1


def test_charts_a_single_point_gets_a_year_axis_not_milliseconds() -> None:
    (spec,) = charts.indicators(series([_q("oil price", 60, "2016", ["JPN"])])[0])
    xaxis = spec["layout"]["xaxis"]
    assert xaxis["range"] == ["2015-01-01", "2017-01-01"] and xaxis["tickformat"] == "%Y"
    assert spec["data"][0]["name"] == "JPN"


def test_charts_index_line_breaks_over_empty_stretches_and_opens_on_the_busy_period() -> None:
    rows = [{"month": "1905-09", "count": 1, "sum": 5.0}]
    rows += [{"month": f"2016-{m:02d}", "count": 3, "sum": (-1) ** m * 6.0} for m in range(1, 13)]
    months = compute(rows)
    spec = charts.index(months, "JPN-RUS")
    line = next(t for t in spec["data"] if t["name"] == "3-month rolling mean")
    assert line["connectgaps"] is False
    gap = line["x"].index("1950-01")
    assert line["y"][gap] is None  # no straight line across a century without events
    assert spec["period"] == ["2016-01", "2016-09"]  # the first shortest run holding two thirds of the 37 events
    assert spec["layout"]["xaxis"]["range"] == ["2015-12-01", "2016-11-01"]
    assert spec["layout"]["xaxis"]["rangeselector"]["buttons"][0]["step"] == "all"
    bars = next(t for t in spec["data"] if t["type"] == "bar")
    assert len(bars["x"]) == 13  # only months with events carry a bar


def test_charts_quad_colours_are_distinct_and_never_green() -> None:
    colours = list(charts.QUAD_COLOURS.values())
    assert len(set(colours)) == 4
    for colour in colours:
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        assert not (g > r and g > b), f"{colour} reads as green"
    # cooperation and conflict differ in hue (blue against orange), the two classes of each side in lightness
    coop = [charts.QUAD_COLOURS[q] for q in ("verbal_cooperation", "material_cooperation")]
    assert all(int(c[5:7], 16) > int(c[1:3], 16) for c in coop)  # more blue than red
    conflict = [charts.QUAD_COLOURS[q] for q in ("verbal_conflict", "material_conflict")]
    assert all(int(c[1:3], 16) > int(c[5:7], 16) for c in conflict)  # more red than blue
    assert charts.QUAD_SYMBOLS["verbal_cooperation"] != charts.QUAD_SYMBOLS["material_cooperation"]


def test_charts_index_of_a_pair_without_month_dated_events_is_404(client: Any) -> None:
    response = client.get("/api/index?dyad=JPN-CHN")
    assert response.status_code == 404 and response.json()["error"]["code"] == "no_events"
    page = client.get("/index?dyad=JPN-CHN")
    assert page.status_code == 404 and "no factual events dated to the month" in page.text
    assert client.get("/index.json?dyad=JPN-CHN").status_code == 404


def test_charts_index_turning_points_fall_in_months_with_events(client: Any) -> None:
    data = client.get("/api/index?dyad=JPN-RUS&k=0.5").json()
    counts = {m["month"]: m["count"] for m in data["months"]}
    assert data["turning_points"] and all(counts[t["month"]] > 0 for t in data["turning_points"])
