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

QUAD_COLOURS = {
    "verbal_cooperation": "#4c9f70",
    "material_cooperation": "#1b6e3c",
    "verbal_conflict": "#e08a3c",
    "material_conflict": "#b3261e",
}


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
                "marker": {"size": 9, "color": QUAD_COLOURS.get(quad, "#777")},
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


def index(months: list[Month], dyad: str) -> dict[str, Any]:
    """Monthly mean as bars, the 3-month rolling mean as a line, turning points as red diamonds."""
    turning = [m for m in months if m.turning]
    traces = [
        {
            "type": "bar",
            "name": "monthly mean",
            "x": [m.month for m in months],
            "y": [m.mean for m in months],
            "marker": {"color": ["#4c9f70" if (m.mean or 0) >= 0 else "#b3261e" for m in months]},
            "text": [f"{m.count} events" for m in months],
            "hovertemplate": "%{x}: %{y:.2f} (%{text})<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "lines",
            "name": "3-month rolling mean",
            "connectgaps": True,
            "x": [m.month for m in months],
            "y": [m.rolling for m in months],
            "line": {"color": "#234"},
        },
        {
            "type": "scatter",
            "mode": "markers",
            "name": "turning point",
            "x": [m.month for m in turning],
            "y": [m.rolling for m in turning],
            "text": [m.turning for m in turning],
            "marker": {"symbol": "diamond", "size": 12, "color": "#d1242f"},
            "hovertemplate": "%{x}: turning point (%{text})<extra></extra>",
        },
    ]
    return {
        "data": traces,
        "layout": _layout(
            f"Cooperation–conflict index, {dyad}", xaxis={"type": "date"}, yaxis={"title": {"text": "mean intensity"}}
        ),
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


def indicators(series: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One chart per (what, unit) series, one line per subject."""
    charts = []
    for s in series:
        traces = []
        for subject, points in sorted(s["by_subject"].items()):
            traces.append(
                {
                    "type": "scatter",
                    "mode": "lines+markers",
                    "name": plain(subject),
                    "x": [p["date"] for p in points],
                    "y": [p["value"] for p in points],
                    "customdata": [p["link"] for p in points],
                    "hovertemplate": "%{x}: %{y}<extra>" + "%{fullData.name}</extra>",
                }
            )
        charts.append(
            {
                "data": traces,
                "layout": _layout(plain(f"{s['what']} ({s['unit']})"), height=300, xaxis={"type": "date"}),
                "link": "customdata",
            }
        )
    return charts
