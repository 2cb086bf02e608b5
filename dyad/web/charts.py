"""Plotly figure specs (plain dicts) for the pages and the report.

The browser side (static/app.js) only calls ``Plotly.newPlot`` on these specs;
every label comes from the data and is set as text, never as HTML: hover
templates use ``%{text}`` of values that Plotly escapes, and no spec carries
markup from a document.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from dyad.analysis.index import Month
from dyad.web.render import evidence_url

#: Okabe–Ito colours, told apart by colour-blind readers: cooperation in blues, conflict in orange and vermilion,
#: the material (acted) class darker than the verbal one; the marker shape says verbal (circle) or material (square).
QUAD_COLOURS = {
    "verbal_cooperation": "#56b4e9",
    "material_cooperation": "#0072b2",
    "verbal_conflict": "#e69f00",
    "material_conflict": "#d55e00",
}
QUAD_SYMBOLS = {
    "verbal_cooperation": "circle",
    "material_cooperation": "square",
    "verbal_conflict": "circle",
    "material_conflict": "square",
}
COOPERATION, CONFLICT = QUAD_COLOURS["material_cooperation"], QUAD_COLOURS["material_conflict"]


def _layout(title: str, **extra: Any) -> dict[str, Any]:
    layout = {
        "title": {"text": title, "x": 0.01, "xanchor": "left", "y": 0.98, "yanchor": "top"},
        "margin": {"l": 50, "r": 20, "t": 70, "b": 40},
        "height": 380,
        "hovermode": "closest",
        "legend": {"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
    }
    layout.update(extra)
    return layout


def plain(value: Any) -> str:
    """A label as plain text: Plotly reads a few tags in labels, so angle brackets become look-alikes."""
    return str(value if value is not None else "").replace("<", "\u2039").replace(">", "\u203a")


def _who(actor: dict[str, Any] | None) -> str:
    actor = actor or {}
    return plain(actor.get("name") or actor.get("id") or "?")


def timeline(events: list[dict[str, Any]]) -> dict[str, Any]:
    """Events as points: x the date, y the intensity, one colour per quad; a click opens the evidence."""
    by_quad: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ev in events:
        if ev.get("date"):
            by_quad[ev.get("quad") or "other"].append(ev)
    traces = []
    for quad, evs in sorted(by_quad.items()):
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": quad.replace("_", " "),
                "x": [e["date"] for e in evs],
                "y": [e.get("intensity") for e in evs],
                "text": [f"{_who(e.get('source'))} → {_who(e.get('target'))}: {plain(e.get('type'))}" for e in evs],
                "customdata": [evidence_url(e["evidence"][0]) if e.get("evidence") else "" for e in evs],
                "hovertemplate": "%{x}<br>%{text}<br>intensity %{y}<extra></extra>",
                "marker": {"size": 9, "color": QUAD_COLOURS.get(quad, "#777"), "symbol": QUAD_SYMBOLS.get(quad, "x")},
            }
        )
    return {
        "data": traces,
        "layout": _layout(
            "Events by date and intensity (drag to zoom, click a point for its source)",
            xaxis={"type": "date", "rangeslider": {"visible": True}},
            yaxis={"title": {"text": "intensity"}, "range": [-10.5, 10.5]},
        ),
        "link": "customdata",
    }


def busiest_period(months: list[Month], share: float = 2 / 3) -> tuple[str, str] | None:
    """The shortest run of months that holds ``share`` of the events (the index's default view)."""
    counts = [m.count for m in months]
    need = share * sum(counts)
    if need <= 0:
        return None
    best: tuple[int, int] | None = None
    lo, held = 0, 0
    for hi, n in enumerate(counts):
        held += n
        while lo < hi and held - counts[lo] >= need:
            held -= counts[lo]
            lo += 1
        if held >= need and (best is None or hi - lo < best[1] - best[0]):
            best = (lo, hi)
    return (months[best[0]].month, months[best[1]].month) if best else None


def _month_edge(month: str, step: int) -> str:
    """The first day of the month ``step`` months after ``month`` (a little room around the zoom)."""
    y, m = int(month[:4]), int(month[5:7]) - 1 + step
    return f"{y + m // 12:04d}-{m % 12 + 1:02d}-01"


def histogram(months: list[dict[str, Any]]) -> dict[str, Any]:
    """Events per month of the filtered view as bars (months without events show as gaps)."""
    total = sum(m["count"] for m in months)
    return {
        "data": [
            {
                "type": "bar",
                "name": "events",
                "x": [m["value"] for m in months],
                "y": [m["count"] for m in months],
                "marker": {"color": "#555"},
                "hovertemplate": "%{x|%b %Y}: %{y} events<extra></extra>",
            }
        ],
        "layout": _layout(
            f"Events per month ({total} dated to the month)",
            height=240,
            showlegend=False,
            xaxis={"type": "date"},
            yaxis={"title": {"text": "events"}, "rangemode": "tozero"},
        ),
    }


def index(months: list[Month], dyad: str) -> dict[str, Any]:
    """Monthly mean as bars, the 3-month rolling mean as a line broken where no events fall, turning points.

    The view opens on the busiest period (the shortest run of months holding two thirds of the events);
    the range button under the chart shows the full range.
    Turning points are drawn only in months that hold events.
    """
    turning = [m for m in months if m.turning and m.count]
    held = [m for m in months if m.count]
    traces = [
        {
            "type": "bar",
            "name": "monthly mean",
            "x": [m.month for m in held],
            "y": [m.mean for m in held],
            "marker": {"color": [COOPERATION if (m.mean or 0) >= 0 else CONFLICT for m in held]},
            "text": [f"{m.count} event{'s' if m.count != 1 else ''}" for m in held],
            "hovertemplate": "%{x|%b %Y}: %{y:.2f} (%{text})<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "lines",
            "name": "3-month rolling mean",
            "connectgaps": False,
            "x": [m.month for m in months],
            "y": [m.rolling for m in months],  # None where the whole window is empty: the line breaks there
            "line": {"color": "#222"},
            "hovertemplate": "%{x|%b %Y}: rolling %{y:.2f}<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "markers",
            "name": "turning point",
            "x": [m.month for m in turning],
            "y": [m.rolling for m in turning],
            "text": [m.turning for m in turning],
            "marker": {"symbol": "diamond", "size": 12, "color": "#cc79a7", "line": {"width": 1, "color": "#222"}},
            "hovertemplate": "%{x|%b %Y}: turning point (%{text})<extra></extra>",
        },
    ]
    xaxis: dict[str, Any] = {
        "type": "date",
        "rangeselector": {"buttons": [{"step": "all", "label": "full range"}], "x": 0, "y": -0.18},
    }
    period = busiest_period(months)
    if period and (period[0], period[1]) != (months[0].month, months[-1].month):
        xaxis["range"] = [_month_edge(period[0], -1), _month_edge(period[1], 2)]
    return {
        "data": traces,
        "layout": _layout(
            f"Cooperation–conflict index, {dyad}", xaxis=xaxis, yaxis={"title": {"text": "mean intensity"}}
        ),
        "period": list(period) if period else None,
    }


STATUS_COLOURS = {
    "proposed": "#8fb4e0",
    "negotiating": "#3b6ea5",
    "signed": "#4c9f70",
    "in_force": "#1b6e3c",
    "implemented": "#0b4a26",
    "suspended": "#e08a3c",
    "abandoned": "#b3261e",
}


def agreements(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Each agreement's dated status changes as points on its own row, one colour per status."""
    by_status: dict[str, dict[str, list[Any]]] = defaultdict(lambda: {"x": [], "y": [], "link": []})
    rows: set[str] = set()
    for ag in records:
        for step in ag.get("status_history") or []:
            if step.get("date"):
                series = by_status[str(step.get("status") or "unknown")]
                series["x"].append(step["date"])
                series["y"].append(plain(ag.get("name") or ag.get("id")))
                ev = step.get("evidence") or []
                series["link"].append(evidence_url(ev[0]) if ev else "")
                rows.add(series["y"][-1])
    order = [*STATUS_COLOURS, *sorted(set(by_status) - set(STATUS_COLOURS))]
    traces = [
        {
            "type": "scatter",
            "mode": "markers",
            "name": plain(status),
            "x": by_status[status]["x"],
            "y": by_status[status]["y"],
            "customdata": by_status[status]["link"],
            "marker": {"size": 11, "color": STATUS_COLOURS.get(status, "#777"), "line": {"width": 1, "color": "#fff"}},
            "hovertemplate": "%{y}<br>%{x}: " + plain(status) + "<extra></extra>",
        }
        for status in order
        if status in by_status
    ]
    height = max(260, 34 * len(rows) + 140)
    return {
        "data": traces,
        "layout": _layout(
            "Agreement status history (click a point for its source)",
            height=height,
            xaxis={"type": "date"},
            yaxis={"automargin": True},
        ),
        "link": "customdata",
    }


def _date_range(dates: list[str]) -> list[str]:
    """An x range with half a year of room either side, so one point or one date never zooms to milliseconds."""
    days = [d + "-01-01"[len(d) - 4 :] if len(d) < 10 else d for d in dates]
    lo, hi = min(days), max(days)
    return [f"{int(lo[:4]) - 1}{lo[4:]}", f"{int(hi[:4]) + 1}{hi[4:]}"]


def indicators(series: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One chart per measure (description, unit, pair) holding all its points, on a year or month axis."""
    out = []
    for s in series:
        points = s["points"]
        dates = [p["date"] for p in points]
        yearly = all(len(d) == 4 for d in dates)
        trace = {
            "type": "scatter",
            "mode": "lines+markers" if len(points) > 1 else "markers",
            "name": plain(s["pair"]),
            "x": dates,
            "y": [p["value"] for p in points],
            "text": [plain(p["what"]) for p in points],
            "customdata": [p["link"] for p in points],
            "marker": {"size": 9, "color": "#0072b2"},
            "hovertemplate": "%{x}: %{y} (“%{text}”)<extra></extra>",
        }
        xaxis: dict[str, Any] = {"type": "date", "range": _date_range(dates), "tickformat": "%Y" if yearly else "%b %Y"}
        if yearly:
            xaxis["dtick"] = "M12" if int(xaxis["range"][1][:4]) - int(xaxis["range"][0][:4]) <= 12 else None
        title = plain(f"{s['what']} ({s['unit']}) · {s['pair']}")
        out.append(
            {
                "data": [trace],
                "layout": _layout(title, height=280, showlegend=False, xaxis={k: v for k, v in xaxis.items() if v},
                                  yaxis={"title": {"text": plain(s["unit"])}, "rangemode": "tozero"}),
                "link": "customdata",
            }
        )  # fmt: skip
    return out
