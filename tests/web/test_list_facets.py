"""Facets with counts and downloads of exactly the filtered view on agreements, positions and indicators."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest


def facets(data: dict[str, Any]) -> dict[str, dict[Any, int]]:
    return {g["name"]: {v["value"]: v["count"] for v in g["values"]} for g in data["facets"]}


def jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def test_agreement_facets_count_the_filtered_view(client: Any) -> None:
    every = client.get("/agreements.json").json()
    counts = facets(every)
    assert sum(counts["status"].values()) == every["total"] == sum(counts["year"].values()) >= 3
    assert counts["status"]["proposed"] == sum(a["status"] == "proposed" for a in every["agreements"])
    narrowed = client.get("/agreements.json?status=proposed").json()
    assert narrowed["total"] == counts["status"]["proposed"] and set(facets(narrowed)["status"]) == {"proposed"}
    by_party = client.get("/agreements.json?party=rus").json()  # a code in any case
    assert by_party["total"] == counts["party"]["RUS"]
    assert all("RUS" in a["parties"] for a in by_party["agreements"])
    year = next(iter(counts["year"]))
    assert all(a["date"].startswith(year) for a in client.get(f"/agreements.json?year={year}").json()["agreements"])


def test_agreements_sort_and_page_in_sql(client: Any) -> None:
    names = [client.get(f"/agreements.json?sort=-name&limit=1&offset={i}").json()["agreements"][0]["name"]
             for i in range(3)]  # fmt: skip
    assert names == sorted(names, key=str.lower, reverse=True)
    dates = [a["date"] for a in client.get("/agreements.json?sort=date").json()["agreements"]]
    assert dates == sorted(dates)
    assert client.get("/agreements.json?sort=fields").status_code == 400


def test_agreements_page_links_facets_and_downloads(client: Any) -> None:
    html = client.get("/agreements?party=JPN").text
    assert 'href="/agreements?party=JPN&amp;status=proposed"' in html
    assert 'href="/agreements"' in html and "× any party" in html  # the filter can be cleared
    assert 'href="/agreements.csv?party=JPN"' in html and 'href="/agreements.jsonl?party=JPN"' in html


@pytest.mark.parametrize(
    ("page", "download", "query"),
    [
        ("/agreements.json", "/agreements.jsonl", "status=proposed&sort=-date"),
        ("/positions.json", "/positions.jsonl", "issue=kuril-sovereignty"),
        ("/indicators.json", "/indicators.jsonl", "pair=JPN-RUS&unit=USD+bn"),
    ],
)
def test_downloads_hold_exactly_the_filtered_view(client: Any, page: str, download: str, query: str) -> None:
    shown = client.get(f"{page}?{query}").json()
    listed = shown.get("agreements") or shown.get("positions") or shown.get("quantities")
    got = client.get(f"{download}?{query}")
    assert got.status_code == 200 and "attachment" in got.headers["content-disposition"]
    rows = jsonl(got.text)
    assert len(rows) == shown["total"] == len(listed) >= 1
    assert [r["evidence"][0]["start"] for r in rows] == [r["evidence"][0]["start"] for r in listed]
    every = jsonl(client.get(download).text)
    assert len(every) > len(rows)  # the filter narrowed it
    table = list(csv.DictReader(io.StringIO(client.get(f"{download.replace('.jsonl', '.csv')}?{query}").text)))
    assert len(table) == len(rows)


def test_position_facets_issue_and_actor(client: Any) -> None:
    data = client.get("/positions.json").json()
    counts = facets(data)
    assert sum(counts["issue"].values()) == data["total"] == sum(counts["actor"].values()) >= 3
    actor_id = next(a for a in counts["actor"] if a == "Q17")
    only = client.get(f"/positions.json?actor={actor_id}").json()
    assert only["total"] == counts["actor"][actor_id] and {p["actor"]["id"] for p in only["positions"]} == {"Q17"}
    labels = {v["value"]: v["label"] for g in data["facets"] for v in g["values"] if g["name"] == "actor"}
    assert labels["Q17"] == "Japan"


def test_indicator_facets_measure_unit_pair(client: Any) -> None:
    data = client.get("/indicators.json").json()
    counts = facets(data)
    assert counts["measure"]["trade turnover"] == 2 and counts["pair"]["JPN-RUS"] == 2
    narrowed = client.get("/indicators.json?measure=trade+turnover").json()
    assert narrowed["total"] == 2 and len(narrowed["series"]) == 1
    assert [p["value"] for p in narrowed["series"][0]["points"]] == [20.0, 18.0]
    html = client.get("/indicators").text
    assert 'href="/indicators?measure=trade+turnover"' in html and 'href="/indicators.csv"' in html
