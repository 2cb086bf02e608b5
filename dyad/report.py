"""``dyad report``: one self-contained HTML brief that opens offline, from a file, with no server and no script.

The first screen says what matters: the period, key judgements in figures and
the key developments, each with footnote numbers; the footnotes at the end quote
each passage in context (repaired text) with its document and offsets. Below
come the index as a static SVG chart, the timeline table, the agreement tracker,
the positions matrix, the indicators and the sources. The stylesheet is inline,
every piece of document text is HTML-escaped by the template's autoescape, and
there is no JavaScript at all, so the file stays small (a few hundred kB for the
demo) and prints as it shows. ``--from``/``--to`` narrow everything to a period.

>>> write_report(Path("dyad.duckdb"), Path("brief.html"), date_from="2013")  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup

from dyad.analysis import index as cci
from dyad.store import queries as q
from dyad.store.db import Store
from dyad.web import brief, charts, svg, views
from dyad.web.app import STATIC
from dyad.web.render import render

#: The report's events table stops here (the counts, the index and the key developments cover the rest).
MAX_TABLE_EVENTS = 500


def doc_anchor(name: str) -> str:
    return "src-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]


def _evidence_url(ev: dict[str, Any]) -> str:
    return "#" + doc_anchor(str(ev.get("doc", "")))


def _index_months(store: Store, dyad: tuple[str, str], date_from: str | None, date_to: str | None) -> list[Any]:
    """The dyad's months in the period; without a period, the stretch holding two thirds of the events."""
    months = cci.compute(q.monthly(store, *dyad))
    if not date_from and not date_to:
        busy = charts.busiest_period(months)
        date_from, date_to = busy if busy else (None, None)
    return [m for m in months if brief.in_period(m.month, date_from and date_from[:7], date_to)]


def report_data(store: Store, *, date_from: str | None = None, date_to: str | None = None) -> dict[str, Any]:
    """Everything the brief shows, as plain data, for the period (every date when both ends are None)."""
    overview = views.overview(store)
    f = q.EventFilter(date_from=date_from, date_to=date_to)
    timeline = views.timeline(store, f, limit=MAX_TABLE_EVENTS, offset=0)
    timeline.pop("chart")
    agreements = views.agreements(store)["agreements"]
    positions = views.positions_matrix(store)
    indicators = views.indicators(store, what=None, subject=None)
    period = date_from or date_to
    if period:
        agreements = [a for a in agreements if any(
            brief.in_period(s.get("date"), date_from, date_to) for s in a.get("status_history") or [])]  # fmt: skip
        indicators["series"] = [
            {**s, "points": [p for p in s["points"] if brief.in_period(p["date"], date_from, date_to)]}
            for s in indicators["series"]
        ]
        indicators["series"] = [s for s in indicators["series"] if s["points"]]
    top = views.default_dyad(store)
    months = _index_months(store, top, date_from, date_to) if top else []
    first = (
        brief.first_screen(store, top, months=months, agreements=agreements, date_from=date_from, date_to=date_to)
        if top else None
    )  # fmt: skip
    docs, _total = q.documents(store, limit=100_000)
    return {
        "overview": overview,
        "period": {"from": date_from, "to": date_to},
        "first": first,
        "index": {
            "months": months,
            "svg": svg.index_svg(months, f"Cooperation–conflict index, {'–'.join(top)}") if top else Markup(""),
            "turning": [m for m in months if m.turning and m.count],
        },
        "timeline": timeline,
        "agreements": agreements,
        "positions": positions,
        "indicators": indicators["series"],
        "documents": docs,
    }


def write_report(db: Path, out: Path, *, date_from: str | None = None, date_to: str | None = None) -> None:
    """Write the brief for the database at ``db`` to ``out`` (StoreError if the database cannot be opened)."""
    with Store.open(db, read_only=True) as store:
        data = report_data(store, date_from=date_from, date_to=date_to)
    html = render(
        "report.html",
        data=data,
        report=True,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        database=db.name,
        css=Markup((STATIC / "app.css").read_text(encoding="utf-8").replace("</", "<\\/")),
        evidence_url=_evidence_url,
        actor_url=lambda _id: "#events",
        event_url=lambda _id: f"#e-{_id}",
        agreement_url=lambda _id: f"#ag-{_id}",
        doc_anchor=doc_anchor,
    )
    tmp = out.with_name(out.name + ".part")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(out)
