"""The HTML pages and their JSON twins, in-process: status, content, escaping, evidence links."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import DOCS

PAGES = [
    "/",
    "/timeline",
    "/timeline?dyad=JPN-RUS&type=CONSULT",
    "/index",
    "/index?dyad=JPN-RUS&k=1.5",
    "/actors",
    "/actors?kind=person",
    "/actors/Q7747",
    "/actors/evil-actor",
    "/agreements",
    "/positions",
    "/indicators",
    "/indicators?subject=JPN",
    "/documents",
    "/documents/alpha.txt",
    "/documents/evil.txt?view=original",
    "/disagreements",
    "/search?q=trade",
    "/search",
]


@pytest.mark.parametrize("url", PAGES)
def test_pages_render_with_a_json_twin(client: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert "<script>window" not in html and "<img src=x" not in html  # document text never comes out as markup
    assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)(?![^>]*type=\"application/json\")", html)
    twin = re.search(r'<a class="twin" href="([^"]+)"', html)
    assert twin, "every page links its JSON twin"
    data = client.get(twin.group(1).replace("&amp;", "&"))
    assert data.status_code == 200 and data.headers["content-type"] == "application/json"


def test_pages_timeline_lists_the_visit_with_both_sources(client: Any) -> None:
    html = client.get("/timeline?dyad=JPN-RUS").text
    assert "2016-12-15" in html and "Vladimir Putin" in html
    assert 'href="/documents/alpha.txt?start=' in html and 'href="/documents/beta.txt?start=' in html


def test_pages_document_marks_the_focus_span(client: Any) -> None:
    text = DOCS["alpha.txt"][1]
    start = text.index("In March 2014")
    end = start + len("In March 2014 Tokyo imposed sanctions on Moscow")
    html = client.get(f"/documents/alpha.txt?start={start}&end={end}").text
    assert f'id="ev-{start}-{end}"' in html
    assert '<mark class="focus">In March 2014 Tokyo imposed sanctions on Moscow</mark>' in html
    data = client.get(f"/documents/alpha.txt.json?start={start}&end={end}").json()
    assert data["focus"]["text"] == text[start:end]
    assert "".join(r["text"] for r in data["runs"]) == text


def test_pages_document_escapes_hostile_text(client: Any) -> None:
    html = client.get("/documents/evil.txt").text
    assert "&lt;script&gt;window.__pwned" in html and "<script>window" not in html


def test_pages_actor_pages_its_events_fifty_at_a_time(client: Any) -> None:
    first = client.get("/actors/Q17.json").json()
    assert first["limit"] == 50 and first["offset"] == 0  # a first page that loads at once; the pager has the rest
    ids = [e["id"] for e in first["events"]]
    assert len(ids) == min(first["total"], 50) and len(ids) >= 2
    one = client.get("/actors/Q17.json?limit=1").json()
    two = client.get("/actors/Q17.json?limit=1&offset=1").json()
    assert [one["events"][0]["id"], two["events"][0]["id"]] == ids[:2]  # pages follow on, neither repeat nor skip
    html = client.get("/actors/Q17?limit=1").text
    assert f"1–1 of {first['total']}" in html and 'href="/actors/Q17?offset=1&amp;limit=1">next</a>' in html


def test_pages_actor_summaries_read_alike_served_and_written(test_db: Path, tmp_path: Path) -> None:
    """A served file skips the mentions and positions queries of an actor that has none; the page is the same."""
    import shutil

    from dyad.store.db import Store
    from dyad.web import views

    copy = tmp_path / "copy.duckdb"
    shutil.copy(test_db, copy)
    actors = ["Q7747", "Q17", "Q159", "JPN", "evil-actor"]
    with Store.open(copy) as written:
        assert not written.read_only
        text = DOCS["beta.txt"][1]
        start = text.index("Moscow says")
        written.con.execute(  # one mention in the mentions table (the fixture's entities list theirs in the record)
            "INSERT INTO mentions SELECT doc_id, ?, ?, 'Moscow', 'Q159', true, 'state', 'RUS', 0, 'test'"
            " FROM documents WHERE name = 'beta.txt'",
            [start, start + len("Moscow")],
        )
        expected = {a: views.actor(written, a, limit=50, offset=0) for a in actors}
    assert expected["Q159"]["mentions"] == [{"doc": "beta.txt", "start": start, "end": start + 6, "text": "Moscow"}]
    assert expected["Q17"]["positions"] and not expected["Q7747"]["positions"]
    with Store.open(copy, read_only=True) as served:
        for _round in range(2):  # the second round from the memoised sets of holders
            assert {a: views.actor(served, a, limit=50, offset=0) for a in actors} == expected


def test_pages_agreements_show_status_history(client: Any) -> None:
    html = client.get("/agreements").text
    assert "1956 Joint Declaration" in html and "in_force" in html and "1956-12-12" in html


def test_pages_positions_matrix_has_actor_by_issue(client: Any) -> None:
    data = client.get("/positions.json").json()
    assert "kuril-sovereignty" in data["issues"]
    japan = next(r for r in data["rows"] if r["actor"]["id"] == "Q17")
    cell = japan["cells"][data["issues"].index("kuril-sovereignty")]
    assert cell["latest"]["stance"] == "all-four-islands"


def test_pages_indicators_chart_a_series(client: Any) -> None:
    data = client.get("/indicators.json?what=TRADE").json()  # a substring, any case
    (series,) = data["series"]
    assert (series["what"], series["unit"], series["pair"]) == ("trade turnover", "USD bn", "JPN-RUS")
    assert [p["value"] for p in series["points"]] == [20, 18] and len(data["charts"]) == 1
    assert data["charts"][0]["layout"]["xaxis"]["range"] == ["2015-01-01", "2018-01-01"]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/timeline?type=HUG", 400),
        ("/timeline?date_from=2016-99", 400),
        ("/index?dyad=XX", 400),
        ("/documents/none.txt", 404),
        ("/actors/nobody", 404),
        ("/documents/alpha.txt?start=5", 400),
        ("/documents/alpha.txt?start=9&end=3", 400),
        ("/documents/alpha.txt?view=pdf", 400),
        ("/actors?kind=robot", 400),
        ("/timeline?limit=x", 400),
        ("/timeline.json?quad=x", 400),
    ],
)
def test_pages_bad_requests_are_clear_4xx(client: Any, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    if url.split("?")[0].endswith(".json"):
        assert response.json()["error"]["code"] == "bad_parameter"
    else:
        assert "error" in response.text and response.headers["content-type"].startswith("text/html")
