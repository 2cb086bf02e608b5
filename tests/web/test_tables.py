"""Tables like Datasette's: facet counts that add up, a month histogram, downloads of exactly the filtered view."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest


@pytest.mark.parametrize("query", ["", "dyad=JPN-RUS", "type=REQUEST", "actor=Abe", "date_from=2016&date_to=2018"])
def test_tables_facet_counts_add_up_to_the_total(client: Any, query: str) -> None:
    data = client.get(f"/timeline.json?{query}").json()
    counts = data["counts"]
    assert data["total"] > 0
    for facet in ("type", "quad", "year", "pair"):
        assert sum(v["count"] for v in counts[facet]) == data["total"], facet


def test_tables_facets_link_to_the_narrowed_view(client: Any) -> None:
    html = client.get("/timeline?dyad=JPN-RUS").text
    assert 'href="/timeline?dyad=JPN-RUS&amp;type=REQUEST">REQUEST <span class="n">2</span>' in html
    assert 'href="/timeline?dyad=JPN-RUS&amp;date_from=2016&amp;date_to=2016">2016 <span class="n">2</span>' in html
    actors = {a["value"]: a for a in client.get("/timeline.json?dyad=JPN-RUS").json()["counts"]["actor"]}
    assert actors["Q7747"]["name"] == "Vladimir Putin" and actors["Q7747"]["count"] == 2
    narrowed = client.get("/timeline.json?dyad=JPN-RUS&type=REQUEST").json()
    assert narrowed["total"] == 2


def test_tables_month_histogram_counts_month_dated_events(client: Any) -> None:
    data = client.get("/timeline.json").json()
    bars = data["histogram"]["data"][0]
    months = {m: n for m, n in zip(bars["x"], bars["y"], strict=True)}
    assert months == {"2014-03": 1, "2016-05": 1, "2016-12": 1, "2018-09": 2, "2019-06": 1}


@pytest.mark.parametrize("query", ["", "dyad=JPN-RUS&type=REQUEST", "actor=Putin"])
def test_tables_downloads_hold_exactly_the_filtered_view(client: Any, query: str) -> None:
    view = client.get(f"/timeline.json?{query}").json()
    jsonl = client.get(f"/timeline.jsonl?{query}")
    assert jsonl.headers["content-disposition"] == 'attachment; filename="events.jsonl"'
    records = [json.loads(line) for line in jsonl.text.splitlines()]
    assert [r["id"] for r in records] == [e["id"] for e in view["events"]] and len(records) == view["total"]
    assert all("quote" not in ev for r in records for ev in r["evidence"])  # the export's shape, nothing added
    rows = list(csv.DictReader(io.StringIO(client.get(f"/timeline.csv?{query}").text)))
    assert [r["id"] for r in rows] == [e["id"] for e in view["events"]]
    assert rows and all(json.loads(r["evidence"])[0]["text"] for r in rows)  # nested fields as JSON text


def test_tables_timeline_links_its_downloads(client: Any) -> None:
    html = client.get("/timeline?type=REQUEST&offset=0").text
    links = re.findall(r'<a class="download" href="([^"]+)"', html)
    assert links == ["/timeline.csv?type=REQUEST", "/timeline.jsonl?type=REQUEST"]


def test_tables_event_tables_are_sortable(client: Any) -> None:
    assert '<table class="events sortable">' in client.get("/timeline").text
