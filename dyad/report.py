"""``dyad report``: one self-contained HTML brief that opens offline, from a file, with no server.

Everything is inside the file: the stylesheet, plotly.min.js (from the
``plotly`` package) and the small chart script, each in its own element; the
data sits in ``<script type="application/json">`` blocks written with Jinja's
``tojson`` (``<``, ``>`` and ``&`` escaped), and every piece of document text is
HTML-escaped by the template's autoescape. Evidence links point at the sources
list inside the report.

>>> write_report(Path("dyad.duckdb"), Path("brief.html"))  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup

from dyad.store import queries as q
from dyad.store.db import Store
from dyad.web import views
from dyad.web.app import STATIC, plotly_js_path
from dyad.web.render import render

#: The report's events table stops here (the chart and the counts cover the rest).
MAX_TABLE_EVENTS = 2000


def _inline_script(source: str) -> Markup:
    """Script text safe to place inside <script>…</script>: no early end tag, no comment tricks."""
    return Markup(source.replace("</script", "<\\/script").replace("<!--", "<\\!--"))  # noqa: S704 - our own files


def doc_anchor(name: str) -> str:
    return "src-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]  # noqa: S324 - an anchor, not security


def _evidence_url(ev: dict[str, Any]) -> str:
    return "#" + doc_anchor(str(ev.get("doc", "")))


def report_data(store: Store) -> dict[str, Any]:
    """Everything the brief shows, as plain data."""
    overview = views.overview(store)
    timeline = views.timeline(store, q.EventFilter(), limit=MAX_TABLE_EVENTS, offset=0)
    docs, _total = q.documents(store, limit=100_000)
    return {
        "overview": overview,
        "timeline": timeline,
        "agreements": views.agreements(store),
        "positions": views.positions_matrix(store),
        "indicators": views.indicators(store, what=None, subject=None),
        "documents": docs,
    }


def write_report(db: Path, out: Path) -> None:
    """Write the brief for the database at ``db`` to ``out`` (StoreError if the database cannot be opened)."""
    with Store.open(db, read_only=True) as store:
        data = report_data(store)
    html = render(
        "report.html",
        data=data,
        report=True,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        database=db.name,
        css=Markup((STATIC / "app.css").read_text(encoding="utf-8").replace("</", "<\\/")),  # noqa: S704
        plotly_js=_inline_script(plotly_js_path().read_text(encoding="utf-8")),
        app_js=_inline_script((STATIC / "app.js").read_text(encoding="utf-8")),
        evidence_url=_evidence_url,
        actor_url=lambda _id: "#events",
        event_url=lambda _id: f"#e-{_id}",
        agreement_url=lambda _id: f"#ag-{_id}",
        doc_anchor=doc_anchor,
    )
    tmp = out.with_name(out.name + ".part")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(out)
