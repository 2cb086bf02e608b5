"""Static SVG charts for the brief: a few kilobytes each, readable offline and in print, no script at all.

The web pages draw with Plotly (zoom, click-through); the brief must stay small
and open anywhere, so its index chart is drawn here as plain SVG: one bar per
month with events (blue cooperative, vermilion conflictual, the colours of
:mod:`dyad.web.charts`), the rolling mean as a line that breaks where its window
is empty, turning points as diamonds. Every label is escaped.

>>> svg = index_svg(months, "JPN-RUS")  # doctest: +SKIP
"""

from __future__ import annotations

from markupsafe import Markup, escape

from dyad.analysis.index import Month
from dyad.web.charts import CONFLICT, COOPERATION

WIDTH, HEIGHT = 960, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 28, 30


def _year_step(years: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50):
        if years / step <= 12:
            return step
    return 100


def index_svg(months: list[Month], title: str) -> Markup:
    """The monthly index of ``months`` (consecutive, as :func:`dyad.analysis.index.compute` gives them)."""
    if not months:
        return Markup("")
    n = len(months)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    values = [abs(v) for m in months for v in (m.mean, m.rolling) if v is not None]
    top = max([1.0, *values])
    step_x = plot_w / n

    def x(i: int) -> float:
        return LEFT + (i + 0.5) * step_x

    def y(v: float) -> float:
        return TOP + plot_h / 2 - v / top * (plot_h / 2)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" class="svgchart" role="img"'
        f' aria-label="{escape(title)}">',
        f'<text x="{LEFT}" y="16" class="svgtitle">{escape(title)}</text>',
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(0):.1f}" y2="{y(0):.1f}" class="axis"/>',
        f'<text x="{LEFT - 4}" y="{y(top) + 4:.1f}" class="tick" text-anchor="end">+{top:.0f}</text>',
        f'<text x="{LEFT - 4}" y="{y(-top) + 4:.1f}" class="tick" text-anchor="end">−{top:.0f}</text>',
    ]
    first_year, last_year = int(months[0].month[:4]), int(months[-1].month[:4])
    step = _year_step(last_year - first_year + 1)
    for i, m in enumerate(months):
        if m.month.endswith("-01") and int(m.month[:4]) % step == 0 or i == 0:
            label = f'<text x="{x(i):.1f}" y="{HEIGHT - 10}" class="tick" text-anchor="middle">{m.month[:4]}</text>'
            parts.append(label)
    bar_w = max(step_x * 0.8, 1.5)
    for i, m in enumerate(months):
        if m.count and m.mean is not None:
            y0, y1 = sorted((y(0), y(m.mean)))
            colour = COOPERATION if m.mean >= 0 else CONFLICT
            parts.append(
                f'<rect x="{x(i) - bar_w / 2:.1f}" y="{y0:.1f}" width="{bar_w:.1f}" height="{max(y1 - y0, 1):.1f}"'
                f' fill="{colour}"><title>{m.month}: {m.mean:+.2f}, {m.count} event{"s" * (m.count != 1)}'
                "</title></rect>"
            )
    run: list[str] = []
    for i, point in enumerate([*months, None]):
        if point is not None and point.rolling is not None:
            run.append(f"{x(i):.1f},{y(point.rolling):.1f}")
            continue
        if len(run) > 1:
            parts.append(f'<polyline points="{" ".join(run)}" class="rolling"/>')
        run = []
    for i, m in enumerate(months):
        if m.turning and m.count and m.rolling is not None:
            cx, cy = x(i), y(m.rolling)
            parts.append(
                f'<path d="M{cx:.1f},{cy - 6:.1f} l6,6 l-6,6 l-6,-6 z" class="turn">'
                f"<title>{m.month}: turning point ({m.turning})</title></path>"
            )
    parts.append("</svg>")
    return Markup("".join(parts))
