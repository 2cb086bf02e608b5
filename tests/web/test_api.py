"""The JSON API through the real ASGI app: every endpoint, its filters, and bad parameters (4xx, never 500)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dyad.web.app import CSP


def _get(client: Any, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, (url, response.text[:300])
    return response.json()


def test_api_documents_list_and_one(client: Any) -> None:
    page = _get(client, "/api/documents")
    assert page["total"] == 3 and {d["doc"] for d in page["items"]} == {"alpha.txt", "beta.txt", "evil.txt"}
    assert "text" not in page["items"][0]
    doc = _get(client, "/api/documents/alpha.txt")
    assert doc["doc"] == "alpha.txt" and doc["removed"] == [] and doc["text"].startswith("Notes on")
    assert doc["original"] == doc["text"] and doc["sha256"] == "sha-alpha.txt"


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("", {"ev-visit", "ev-sanction", "ev-sochi", "ev-treaty", "ev-reject", "ev-protest"}),
        ("dyad=RUS-JPN", {"ev-visit", "ev-sanction", "ev-sochi", "ev-treaty", "ev-reject", "ev-protest"}),
        ("actor=Q7747", {"ev-visit", "ev-treaty"}),
        ("actor=JPN&type=reject", {"ev-reject"}),
        ("quad=material_conflict", {"ev-sanction", "ev-protest"}),
        ("date_from=2016-06&date_to=2018", {"ev-visit", "ev-treaty", "ev-reject"}),
        ("date_to=2016-12-15", {"ev-visit", "ev-sanction", "ev-sochi"}),
        ("text=Yamaguchi", {"ev-visit"}),
        ("text=100%25", set()),
        ("dyad=JPN-CHN", set()),
    ],
)
def test_api_events_filters(client: Any, query: str, ids: set[str]) -> None:
    page = _get(client, f"/api/events?{query}")
    assert {e["id"] for e in page["items"]} == ids
    assert page["total"] == len(ids)


def test_api_events_paging_and_order(client: Any) -> None:
    first = _get(client, "/api/events?limit=2")
    second = _get(client, "/api/events?limit=2&offset=2")
    assert first["total"] == 6 and len(first["items"]) == 2
    dates = [e["date"] for e in first["items"] + second["items"]]
    assert dates == sorted(dates)
    one = _get(client, "/api/events/ev-visit")
    assert len(one["evidence"]) == 2 and one["source"]["country"] == "RUS"


def test_api_hypothetical_events_are_left_out(client: Any) -> None:
    assert "ev-plan" not in {e["id"] for e in _get(client, "/api/events?limit=1000")["items"]}


def test_api_entities_agreements_positions_quantities(client: Any) -> None:
    ents = _get(client, "/api/entities?kind=person")
    assert {e["id"] for e in ents["items"]} == {"Q7747", "Q132345"}
    assert _get(client, "/api/entities?q=jap")["items"][0]["id"] == "Q17"
    assert _get(client, "/api/entities/Q132345")["roles"][0]["role"] == "prime minister"
    ags = _get(client, "/api/agreements")["items"]
    assert ags[0]["id"] == "ag-1956-joint-declaration"
    assert _get(client, "/api/agreements/ag-eight-point-plan")["status"] == "proposed"
    pos = _get(client, "/api/positions?issue=kuril-sovereignty")["items"]
    assert {p["stance"] for p in pos} == {"all-four-islands", "no-territorial-problem"}
    assert all(isinstance(p["evidence"], list) for p in pos)
    assert len(_get(client, "/api/positions?actor=Q159")["items"]) == 1
    qs = _get(client, "/api/quantities?what=trade%20turnover&subject=rus")["items"]
    assert sorted(q["value"] for q in qs) == [18.0, 20.0]
    assert _get(client, "/api/quantities?subject=CHN")["items"] == []


def test_api_index_series(client: Any) -> None:
    data = _get(client, "/api/index?dyad=RUS-JPN")
    assert data["dyad"] == "JPN-RUS" and data["months"][0]["month"] == "2014-03"
    assert data["months"][-1]["month"] == "2019-06"
    assert any(m["turning"] == "sign" for m in data["turning_points"])
    assert _get(client, "/api/index")["dyad"] == "JPN-RUS"  # the busiest dyad by default


def test_api_search_and_dyads_and_disagreements(client: Any) -> None:
    hits = _get(client, "/api/search?q=Yamaguchi")["items"]
    assert hits and all({"doc", "start", "end", "text"} <= set(h) for h in hits)
    assert _get(client, "/api/dyads")["items"][0]["dyad"] == "JPN-RUS"
    found = _get(client, "/api/disagreements")
    assert found["available"] and "kuril-sovereignty" in {d["about"] for d in found["disagreements"]}
    issues = client.app.state.knowledge.issues  # read by the first request, kept by the app
    assert _get(client, "/disagreements.json") == found and client.app.state.knowledge.issues is issues


@pytest.mark.parametrize(
    ("url", "status", "parameter"),
    [
        ("/api/events?type=HUG", 400, "type"),
        ("/api/events?quad=friendly", 400, "quad"),
        ("/api/events?date_from=2016-13", 400, "date_from"),
        ("/api/events?date_to=yesterday", 400, "date_to"),
        ("/api/events?date_from=2019&date_to=2016", 400, "date_to"),
        ("/api/events?dyad=JPN", 400, "dyad"),
        ("/api/events?dyad=JPN-JPN", 400, "dyad"),
        ("/api/events?limit=0", 400, "limit"),
        ("/api/events?limit=abc", 400, "limit"),
        ("/api/events?offset=-1", 400, "offset"),
        ("/api/events?text=" + "x" * 300, 400, "text"),
        ("/api/entities?kind=robot", 400, "kind"),
        ("/api/quantities?subject=%3Cscript%3E", 400, "subject"),
        ("/api/index?dyad=1-2-3", 400, "dyad"),
        ("/api/index?k=-1", 400, "k"),
        ("/api/search", 400, "q"),
        ("/api/search?q=", 400, "q"),
        ("/api/documents?limit=100000", 400, "limit"),
    ],
)
def test_api_bad_parameters_answer_400(client: Any, url: str, status: int, parameter: str) -> None:
    body = _get(client, url, status)
    assert body["error"]["code"] == "bad_parameter"
    assert parameter in body["error"]["message"]


@pytest.mark.parametrize(
    "url", ["/api/documents/none.txt", "/api/events/ev-none", "/api/entities/Q0", "/api/agreements/none", "/api/x"]
)
def test_api_unknown_ids_answer_404(client: Any, url: str) -> None:
    assert _get(client, url, 404)["error"]["code"] == "not_found"


def test_api_openapi_schema_lists_the_endpoints(client: Any) -> None:
    paths = _get(client, "/openapi.json")["paths"]
    for path in (
        "/api/documents",
        "/api/events",
        "/api/entities/{entity_id}",
        "/api/agreements",
        "/api/positions",
        "/api/quantities",
        "/api/index",
        "/api/search",
    ):
        assert path in paths
    assert not any(p.startswith("/timeline") for p in paths)


def test_api_security_headers_on_every_response(client: Any) -> None:
    for url in ("/", "/api/events", "/api/events?type=HUG", "/static/app.css", "/nowhere"):
        headers = client.get(url).headers
        assert headers["content-security-policy"] == CSP
        assert "script-src 'self'" in CSP and "frame-ancestors 'none'" in CSP and "unsafe-eval" not in CSP
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_api_static_files_are_cached_and_a_broken_snapshot_is_busy(test_db: Path, tmp_path: Path) -> None:
    """The pure-ASGI middleware: a cache lifetime on /static/, and 503 with Retry-After (and the security headers)
    while the newest published snapshot cannot be opened; the next good one is served again."""
    import shutil

    from fastapi.testclient import TestClient

    from dyad.web.app import create_app

    db = tmp_path / "served.duckdb"
    shutil.copy(test_db, db)
    with TestClient(create_app(db)) as served:
        static = served.get("/static/app.css")
        assert static.headers["cache-control"] == "public, max-age=3600" and static.headers["x-frame-options"] == "DENY"
        assert "cache-control" not in served.get("/api/events").headers
        snapshot = db.with_name(db.name + ".snapshot")
        snapshot.write_bytes(b"not a database")
        busy = served.get("/api/events")
        assert busy.status_code == 503 and busy.headers["retry-after"] == "1"
        assert busy.json()["error"]["code"] == "busy" and busy.headers["content-security-policy"] == CSP
        shutil.copy(test_db, snapshot)
        assert served.get("/api/events").status_code == 200


def test_api_is_read_only(client: Any) -> None:
    assert client.post("/api/events", json={}).status_code == 405
    assert client.delete("/api/documents/alpha.txt").status_code == 405
