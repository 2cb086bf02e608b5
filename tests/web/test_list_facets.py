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


def test_indicators_documents_and_an_actors_events_sort_every_row_before_paging(client: Any) -> None:
    def column(url: str, key: str, pick: Any) -> list[Any]:
        total = client.get(url + "&limit=1").json()["total"]
        return [pick(client.get(f"{url}&limit=1&offset={i}").json()[key][0]) for i in range(total)]

    values = column("/indicators.json?sort=-value", "quantities", lambda r: r["value"])
    assert len(values) >= 3 and values == sorted(values, reverse=True)
    sizes = column("/documents.json?sort=-chars", "documents", lambda d: d["chars"])
    assert len(sizes) == 3 and sizes == sorted(sizes, reverse=True)
    titles = column("/documents.json?sort=title", "documents", lambda d: d["title"].lower())
    assert titles == sorted(titles)
    strengths = column("/actors/Q17.json?sort=-intensity", "events", lambda e: e["intensity"])
    assert len(strengths) >= 3 and strengths == sorted(strengths, reverse=True)
    html = client.get("/documents?sort=chars").text
    assert 'href="/documents?sort=-chars"' in html and 'aria-sort="ascending"' in html
    assert client.get("/indicators.json?sort=colour").status_code == 400
    assert client.get("/documents.json?sort=colour").status_code == 400


def test_indicators_download_keeps_the_tables_order(client: Any) -> None:
    rows = jsonl(client.get("/indicators.jsonl?sort=-value").text)
    assert [r["value"] for r in rows] == sorted((r["value"] for r in rows), reverse=True) and len(rows) >= 3


def test_counts_facets_and_downloads_cover_every_record_past_five_thousand(tmp_path: Any) -> None:
    from fastapi.testclient import TestClient

    from dyad.offsets import MappedText
    from dyad.records import ActorRef, Evidence, Extraction, PositionRecord, QuantityRecord, Sentence
    from dyad.store.db import Store
    from dyad.web.app import create_app

    many = 5_050
    text = "Long table.\n\n" + "".join(f"Row {i} gave {i} tonnes to Japan. " for i in range(many))
    ex = Extraction()
    for i in range(many):
        start = text.index(f"Row {i} gave")
        ev = Evidence("many.txt", start, start + 10, text[start : start + 10])
        unit = "t" if i % 2 else "kt"
        ex.quantities.append(QuantityRecord("grain shipments", float(i), unit, "2019", ("JPN", "RUS"), ev))
        issue = "grain" if i % 3 else "fish"
        ex.positions.append(PositionRecord(ActorRef("Q17", "Japan", "JPN"), issue, "support", "2019", "", ev))
    db = tmp_path / "many.duckdb"
    with Store.open(db) as store:
        doc = {"doc_id": "sha-many", "name": "many.txt", "path": "many.txt", "format": "txt", "title": "Long table",
               "published": "2019", "original": text, "text": text,
               "offset_map": MappedText.identity(text).dumps()}  # fmt: skip
        store.write_document(doc=doc, removed=[], sentences=[Sentence(0, 0, 0, len(text), 0, len(text), text)],
                             ref_dates=["2019"], extraction=ex, to_original=lambda s, e: (s, e))  # fmt: skip
    with TestClient(create_app(db)) as c:
        shown = c.get("/indicators.json").json()
        counts = facets(shown)
        assert shown["total"] == many == sum(counts["unit"].values()) == counts["measure"]["grain shipments"]
        assert counts["unit"] == {"t": many // 2, "kt": many - many // 2}
        assert c.get("/indicators.json?unit=t").json()["total"] == many // 2
        assert len(c.get("/indicators.jsonl").text.splitlines()) == many
        last = c.get(f"/indicators.json?sort=-value&limit=1&offset={many - 1}").json()["quantities"]
        assert [q["value"] for q in last] == [0.0]
        positions = c.get("/positions.json").json()
        assert positions["total"] == many == sum(facets(positions)["issue"].values())
        assert facets(positions)["issue"]["fish"] == len(range(0, many, 3))
        assert len(c.get("/positions.jsonl").text.splitlines()) == many
        assert "the counts and the downloads hold all 5050" in c.get("/positions").text
        api = c.get("/api/positions?limit=10&offset=5040").json()
        assert api["total"] == many and len(api["items"]) == 10
        assert c.get("/api/quantities?subject=rus&what=grain+shipments").json()["total"] == many
        assert c.get("/api/quantities?what=grain").json()["total"] == 0  # the API's what is the whole phrase
        page = c.get(f"/quantities/many.txt/{text.index('Row 7 gave')}-{text.index('Row 7 gave') + 10}.json").json()
        assert len(page["same_measure"]) == many // 2  # every value of the same measure, unit and pair
