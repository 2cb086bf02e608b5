"""Counts that agree everywhere, actor filters by name, and search paged in the API's list shape."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from dyad.store import derived
from dyad.store.db import Store


def _event(eid: str, src: str, tgt: str, pair: str, date: str) -> dict[str, Any]:
    return {
        "id": eid, "pair": pair, "date": date, "end": None,
        "source": {"id": f"state:{src}", "name": src, "country": src},
        "target": {"id": f"state:{tgt}", "name": tgt, "country": tgt},
        "type": "CONSULT", "mode": None, "quad": "verbal_cooperation", "intensity": 4.0,
        "negated": False, "hypothetical": False, "evidence": [],
    }  # fmt: skip


@pytest.fixture(scope="module")
def successor_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Events of Japan with Russia and with the Soviet Union (one pair for the merge), and one with Korea."""
    from fastapi.testclient import TestClient

    from dyad.web.app import create_app

    path = tmp_path_factory.mktemp("counts") / "counts.duckdb"
    events = [
        _event("ev-a", "JPN", "RUS", "JPN|RUS", "2016-12"),
        _event("ev-b", "SUN", "JPN", "JPN|RUS", "1956-10"),
        _event("ev-c", "JPN", "SUN", "JPN|RUS", "1956-10-19"),
        _event("ev-d", "JPN", "KOR", "JPN|KOR", "2019-07"),
        _event("ev-e", "USA", "JPN", "JPN|USA", "1905"),  # dated to the year only: no index
    ]
    with Store.open(path) as store:
        derived.replace_derived(store, events=events, agreements=[], entities=[])
    with TestClient(create_app(path)) as client:
        yield client


def test_counts_home_dyads_match_their_timelines(successor_client: Any) -> None:
    dyads = successor_client.get("/home.json").json()["dyads"]
    assert [(d["a"], d["b"], d["events"]) for d in dyads] == [("JPN", "RUS", 3), ("JPN", "KOR", 1), ("JPN", "USA", 1)]
    for d in dyads:
        timeline = successor_client.get(f"/timeline.json?dyad={d['a']}-{d['b']}").json()
        assert timeline["total"] == d["events"]
        assert successor_client.get(f"/api/events?dyad={d['a']}-{d['b']}").json()["total"] == d["events"]
    assert successor_client.get("/timeline.json?dyad=SUN-JPN").json()["total"] == 3  # the same pair


def test_counts_agree_on_the_shared_database(client: Any) -> None:
    for d in client.get("/api/dyads").json()["items"]:
        assert client.get(f"/timeline.json?dyad={d['dyad']}").json()["total"] == d["events"]


@pytest.mark.parametrize(("name", "entity"), [("Abe", "Q132345"), ("shinzo abe", "Q132345"), ("Putin", "Q7747")])
def test_counts_actor_filter_takes_a_name(client: Any, name: str, entity: str) -> None:
    by_name = client.get("/timeline.json", params={"actor": name}).json()
    by_id = client.get("/timeline.json", params={"actor": entity}).json()
    assert by_name["total"] == by_id["total"] > 0
    assert [e["id"] for e in by_name["events"]] == [e["id"] for e in by_id["events"]]
    assert by_name["actor"]["id"] == entity
    assert client.get("/api/events", params={"actor": name}).json()["total"] == by_id["total"]
    html = client.get("/timeline", params={"actor": name}).text
    assert f'href="/actors/{entity}"' in html


def test_counts_unknown_actor_name_finds_nothing(client: Any) -> None:
    data = client.get("/timeline.json", params={"actor": "Nobody Known"}).json()
    assert data["total"] == 0 and data["actor"]["name"] is None


def test_counts_search_pages_through_every_hit(client: Any) -> None:
    first = client.get("/api/search?q=islands&limit=1").json()
    assert set(first) >= {"total", "limit", "offset", "items"} and first["total"] == 2
    second = client.get("/api/search?q=islands&limit=1&offset=1").json()
    assert len(first["items"]) == len(second["items"]) == 1
    assert {first["items"][0]["doc"], second["items"][0]["doc"]} == {"alpha.txt", "beta.txt"}
    html = client.get("/search?q=islands&limit=1").text
    assert "2 passages hold a word" in html and 'href="/search?q=islands&amp;offset=1&amp;limit=1"' in html


def test_counts_home_links_an_index_only_where_there_is_one(successor_client: Any) -> None:
    dyads = {(d["a"], d["b"]): d["month_dated"] for d in successor_client.get("/home.json").json()["dyads"]}
    assert dyads == {("JPN", "RUS"): 3, ("JPN", "KOR"): 1, ("JPN", "USA"): 0}
    html = successor_client.get("/").text
    for (a, b), month_dated in dyads.items():
        assert (f'href="/index?dyad={a}-{b}"' in html) == bool(month_dated)
        assert successor_client.get(f"/index?dyad={a}-{b}").status_code == (200 if month_dated else 404)
