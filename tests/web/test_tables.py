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


def _pages(client: Any, url: str, key: str, size: int = 2) -> tuple[list[dict[str, Any]], int]:
    """Every row of a sorted list, read page by page through its JSON twin."""
    rows: list[dict[str, Any]] = []
    total = client.get(url + f"&limit={size}").json()["total"]
    for offset in range(0, total, size):
        rows += client.get(url + f"&limit={size}&offset={offset}").json()[key]
    return rows, total


@pytest.mark.parametrize(
    ("sort", "value", "descending"),
    [("-intensity", "intensity", True), ("type", "type", False), ("-date", "date", True), ("source", None, False)],
)
def test_tables_timeline_sorts_every_row_before_paging(client: Any, sort: str, value: str, descending: bool) -> None:
    rows, total = _pages(client, f"/timeline.json?sort={sort}", "events")
    ids = [e["id"] for e in rows]
    assert len(rows) == total >= 5 and len(set(ids)) == total  # no row repeated or skipped across pages
    keys = [e[value] if value else (e["source"]["country"], e["source"]["id"]) for e in rows]
    assert keys == sorted(keys, reverse=descending) and len(set(keys)) > 1
    default, _ = _pages(client, "/timeline.json?sort=", "events")
    assert ids != [e["id"] for e in default] or sort == "-date"


def test_tables_sort_links_in_the_header_and_kept_by_the_pager(client: Any) -> None:
    html = client.get("/timeline?dyad=JPN-RUS&sort=-intensity&limit=2").text
    header = html[html.index('<table class="events">') : html.index("</thead>")]
    assert 'aria-sort="descending"' in header and "intensity ▼" in header
    assert 'href="/timeline?dyad=JPN-RUS&amp;limit=2&amp;sort=intensity"' in header  # a second click turns it round
    assert 'href="/timeline?dyad=JPN-RUS&amp;limit=2&amp;sort=date"' in header
    assert "sort=-intensity&amp;offset=2&amp;limit=2" in html  # the next page keeps the order
    csv_rows = list(csv.DictReader(io.StringIO(client.get("/timeline.csv?dyad=JPN-RUS&sort=-intensity").text)))
    assert [float(r["intensity"]) for r in csv_rows] == sorted((float(r["intensity"]) for r in csv_rows), reverse=True)
    api = client.get("/api/events?sort=intensity&limit=100").json()["items"]
    assert [e["intensity"] for e in api] == sorted(e["intensity"] for e in api)


@pytest.mark.parametrize("url", ["/timeline?sort=record", "/api/events?sort=-id;drop", "/actors.json?sort=roles",
                                 "/search.json?q=islands&sort=date"])  # fmt: skip
def test_tables_an_unknown_sort_is_a_400_naming_the_columns(client: Any, url: str) -> None:
    answer = client.get(url)
    assert answer.status_code == 400 and "sort by one of" in answer.text


def test_tables_actors_sort_before_paging(client: Any) -> None:
    rows, total = _pages(client, "/actors.json?sort=-name", "entities")
    names = [e["name"] for e in rows]
    assert len(names) == total >= 5 and names == sorted(names, reverse=True)
    by_kind, _ = _pages(client, "/actors.json?sort=kind", "entities")
    assert [e["kind"] for e in by_kind] == sorted(e["kind"] for e in by_kind)
    assert 'aria-sort="descending"' in client.get("/actors?sort=-name").text


def test_tables_search_sorts_by_document_before_paging(client: Any) -> None:
    rows, total = _pages(client, "/search.json?q=Japan+islands+trade&sort=doc", "items", size=1)
    places = [(h["doc"], h["start"]) for h in rows]
    assert len(places) == total >= 3 and places == sorted(places)
    best, _ = _pages(client, "/search.json?q=Japan+islands+trade", "items", size=1)
    assert sorted((h["doc"], h["start"]) for h in best) == places  # the same hits, in another order
    assert "<b>by document</b>" in client.get("/search?q=Japan+islands+trade&sort=doc").text
