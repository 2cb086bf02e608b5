"""Corrections in the web UI and API: shown as corrected, commands on a read-only server, a same-origin form.

Each test works on its own copy of the small test database; corrections are made with the same code as
``dyad correct`` (or through the form) and read back through the real app.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dyad.store import corrections
from dyad.store.db import Store
from dyad.web.app import create_app
from tests.web.conftest import build_test_db

OWN = "http://testserver"


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return build_test_db(tmp_path / "c.duckdb")


def correct(db: Path, fact: str, **changes: Any) -> None:
    with Store.open(db) as store:
        corrections.make(store, fact, changes, who="ana", why="the text says otherwise")


@pytest.fixture()
def writable(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db, allow_corrections=True)) as c:
        yield c


def test_a_corrected_event_shows_what_changed_and_who(db: Path) -> None:
    correct(db, "ev-reject", type="PROTEST", date="2018-09-20")
    with TestClient(create_app(db)) as client:
        page = client.get("/events/ev-reject").text
        assert "Corrected by an analyst" in page and "ana" in page and "the text says otherwise" in page
        assert '<td class="was">REJECT</td><td class="now">PROTEST</td>' in page
        assert '<td class="was">2018-09</td><td class="now">2018-09-20</td>' in page
        api = client.get("/api/events/ev-reject").json()
        assert (api["type"], api["quad"], api["date"]) == ("PROTEST", "material_conflict", "2018-09-20")
        assert api["correction"]["original"]["type"] == "REJECT"
        timeline = client.get("/timeline?dyad=JPN-RUS").text
        row = timeline[timeline.index('id="e-ev-reject"') :].split("</tr>")[0]
        assert 'class="corrected"' in row and "PROTEST" in row
        others = timeline[timeline.index('id="e-ev-sanction"') :].split("</tr>")[0]
        assert 'class="corrected"' not in others


def test_an_event_marked_wrong_leaves_the_lists_but_keeps_its_page(db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        before = {e["id"] for e in store.derived("events")}
    correct(db, "ev-sanction", wrong=True)
    with TestClient(create_app(db)) as client:
        listed = client.get("/timeline.json").json()
        assert {e["id"] for e in listed["events"]} == before - {"ev-sanction"}
        assert listed["total"] == len(before) - 1 and "ev-sanction" in before
        assert "ev-sanction" not in client.get("/timeline.csv").text
        page = client.get("/events/ev-sanction")
        assert page.status_code == 200 and "Marked wrong by an analyst" in page.text
        assert client.get("/api/events/ev-sanction").json()["correction"]["wrong"] is True


def test_a_read_only_server_shows_the_commands_and_refuses_the_post(client: TestClient) -> None:
    page = client.get("/events/ev-visit").text
    assert (
        "dyad correct ev-visit --type PROTEST --why" in page and "--db" in page and 'form class="correct"' not in page
    )
    refused = client.post("/events/ev-visit/corrections", data={"action": "wrong", "why": "x"},
                          headers={"Origin": OWN})  # fmt: skip
    assert refused.status_code == 403 and "read-only" in refused.text


def test_the_form_stores_a_correction_from_this_servers_pages(writable: TestClient) -> None:
    page = writable.get("/events/ev-treaty")
    assert '<form class="correct" method="post" action="/events/ev-treaty/corrections">' in page.text
    assert page.headers["referrer-policy"] == "same-origin"  # so the browser sends the form's Origin
    form = {"action": "type", "value": "ACCUSE", "why": "it was a complaint", "by": "bo"}
    done = writable.post("/events/ev-treaty/corrections", data=form, headers={"Origin": OWN}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/events/ev-treaty#correction"
    shown = writable.get("/events/ev-treaty.json").json()
    assert shown["event"]["type"] == "ACCUSE" and shown["correction"]["log"][0]["who"] == "bo"


@pytest.mark.parametrize(
    "headers", [{}, {"Origin": "http://evil.example"}, {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"}]
)
def test_the_form_refuses_other_origins(writable: TestClient, headers: dict[str, str]) -> None:
    form = {"action": "wrong", "why": "x"}
    refused = writable.post("/events/ev-treaty/corrections", data=form, headers=headers)
    assert refused.status_code == 403 and "only from this server" in refused.text
    assert "ACCUSE" not in writable.get("/events/ev-treaty").text
    assert writable.get("/api/events/ev-treaty").json().get("correction") is None


@pytest.mark.parametrize(
    ("form", "problem"),
    [
        ({"action": "hug", "why": "x"}, "action must be one of"),
        ({"action": "type", "value": "HUG", "why": "x"}, "unknown PLOVER type"),
        ({"action": "date", "value": "", "why": "x"}, "give a value for date"),
        ({"action": "wrong", "why": ""}, "say why"),
    ],
)
def test_a_bad_form_is_one_clear_error(writable: TestClient, form: dict[str, str], problem: str) -> None:
    answer = writable.post("/events/ev-treaty/corrections", data=form, headers={"Origin": OWN})
    assert answer.status_code == 400 and problem in answer.text
    assert writable.get("/api/events/ev-treaty").json().get("correction") is None


def test_an_agreement_correction_is_shown_and_a_wrong_one_leaves_the_list(db: Path) -> None:
    correct(db, "ag-eight-point-plan", status="negotiating", parties="JPN,RUS,USA")
    correct(db, "ag-evil", wrong=True)
    with TestClient(create_app(db)) as client:
        page = client.get("/agreements/ag-eight-point-plan").text
        assert "Corrected by an analyst" in page and "dyad correct ag-eight-point-plan --status signed" in page
        assert '<td class="was">proposed</td><td class="now">negotiating</td>' in page
        assert '<td class="was">JPN, RUS</td><td class="now">JPN, RUS, USA</td>' in page
        record = client.get("/api/agreements/ag-eight-point-plan").json()
        assert (record["status"], record["parties"]) == ("negotiating", ["JPN", "RUS", "USA"])
        listed = client.get("/agreements.json").json()
        assert "ag-evil" not in {a["id"] for a in listed["agreements"]} and listed["total"] == 2
        assert {v["value"] for g in listed["facets"] if g["name"] == "party" for v in g["values"]} >= {"USA"}
        assert "Marked wrong by an analyst" in client.get("/agreements/ag-evil").text
        assert client.get("/api/agreements/ag-evil").json()["correction"]["wrong"] is True


def test_the_agreement_form_takes_an_agreements_actions(writable: TestClient) -> None:
    page = writable.get("/agreements/ag-1956-joint-declaration").text
    assert '<form class="correct" method="post" action="/agreements/ag-1956-joint-declaration/corrections">' in page
    url = "/agreements/ag-1956-joint-declaration/corrections"
    bad = writable.post(url, data={"action": "type", "value": "AGREE", "why": "x"}, headers={"Origin": OWN})
    assert bad.status_code == 400 and "action must be one of" in bad.text
    form = {"action": "status", "value": "signed", "why": "ratified later than the text says", "by": "bo"}
    done = writable.post(url, data=form, headers={"Origin": OWN}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/agreements/ag-1956-joint-declaration#correction"
    assert writable.get("/api/agreements/ag-1956-joint-declaration").json()["status"] == "signed"
    wrong = {"action": "wrong", "why": "x"}
    crossed = writable.post("/events/ag-1956-joint-declaration/corrections", data=wrong, headers={"Origin": OWN})
    assert crossed.status_code == 404  # an agreement's id is no event


def test_allow_corrections_on_a_missing_database_is_one_clear_error(tmp_path: Path) -> None:
    from dyad.errors import StoreError

    with pytest.raises(StoreError, match="no database at"):
        create_app(tmp_path / "none.duckdb", allow_corrections=True)
    assert not (tmp_path / "none.duckdb").exists()


def test_csv_downloads_keep_the_correction_column_whatever_comes_first(db: Path) -> None:
    correct(db, "ev-treaty", type="ACCUSE")  # a late event in date order: the first rows are uncorrected
    with TestClient(create_app(db)) as client:
        rows = list(csv.DictReader(io.StringIO(client.get("/timeline.csv").text)))
        assert rows[0]["id"] != "ev-treaty" and rows[0]["correction"] == ""
        treaty = next(r for r in rows if r["id"] == "ev-treaty")
        assert json.loads(treaty["correction"])["original"]["type"] == "REQUEST" and treaty["type"] == "ACCUSE"


def span_path(table: str, doc: str, needle: str) -> str:
    from tests.web.conftest import DOCS

    start = DOCS[doc][1].index(needle)
    return f"/{table}/{doc}/{start}-{start + len(needle)}"


def test_a_corrected_position_and_quantity_show_what_changed_everywhere(db: Path) -> None:
    japan = span_path("positions", "beta.txt", "the return of all four")
    trade = span_path("quantities", "alpha.txt", "Bilateral trade reached 20 billion dollars in 2016")
    correct(db, japan, stance="two-plus-alpha", date="2018-11")
    correct(db, trade, value="20.7")
    with TestClient(create_app(db)) as client:
        page = client.get(japan).text
        assert "Corrected by an analyst" in page and "the text says otherwise" in page
        assert '<td class="was">all-four-islands</td><td class="now">two-plus-alpha</td>' in page
        assert f"dyad correct {japan[1:]} --stance oppose --why" in page  # the read-only server's commands
        matrix = client.get("/positions").text
        cell = matrix[matrix.index("two-plus-alpha") :].split("</div>")[0]
        assert 'class="corrected"' in cell
        assert '<td class="was">20.0</td><td class="now">20.7</td>' in client.get(trade).text
        table = client.get("/indicators?pair=JPN-RUS").text
        row = (
            table[: table.index(">20.7</a>")].rsplit("<tr>", 1)[1] + table[table.index(">20.7</a>") :].split("</tr>")[0]
        )
        assert 'class="corrected"' in row and "18.0" not in row
        assert any(q.get("correction") for q in map(json.loads, client.get("/indicators.jsonl").text.splitlines()))
        assert json.loads(client.get(japan + ".json").text)["position"]["correction"]["original"]["date"] == "2018"


def test_a_quantity_marked_wrong_leaves_the_counts_but_keeps_its_page(db: Path) -> None:
    trade = span_path("quantities", "beta.txt", "Trade fell to 18 billion dollars in 2017")
    with Store.open(db, read_only=True) as store:
        before = len(list(store.records("quantities")))
    correct(db, trade, wrong=True)
    with TestClient(create_app(db)) as client:
        after = client.get("/indicators.json").json()
        assert after["total"] == before - 1 and sum(v["count"] for v in after["facets"][1]["values"]) == before - 1
        page = client.get(trade)
        assert page.status_code == 200 and "Marked wrong by an analyst" in page.text
        assert "18 billion" not in client.get("/indicators.csv").text


def test_the_position_form_stores_a_correction(writable: TestClient) -> None:
    russia = span_path("positions", "beta.txt", "no territorial problem")
    page = writable.get(russia).text
    assert f'action="{russia}/corrections"' in page and '<option value="stance"' in page
    form = {"action": "actor", "value": "Vladimir Putin", "why": "Putin said it", "by": "ana"}
    sent = writable.post(russia + "/corrections", data=form, headers={"Origin": OWN}, follow_redirects=False)
    assert sent.status_code == 303 and sent.headers["location"] == russia + "#correction"
    shown = writable.get(russia + ".json").json()["position"]
    assert shown["actor"]["id"] == "Q7747" and shown["correction"]["log"][0]["who"] == "ana"
    refused = writable.post(russia + "/corrections", data={"action": "type", "value": "PROTEST", "why": "x"},
                            headers={"Origin": OWN})  # fmt: skip
    assert refused.status_code == 400 and "action must be one of" in refused.text


def test_a_status_correction_shows_the_history_ending_in_that_status(db: Path) -> None:
    correct(db, "ag-1956-joint-declaration", status="signed")
    with TestClient(create_app(db)) as client:
        page = client.get("/agreements/ag-1956-joint-declaration").text
        assert "left out the later steps read from the text: in_force (1956-12-12)" in page
        steps = client.get("/api/agreements/ag-1956-joint-declaration").json()["status_history"]
        assert [s["status"] for s in steps] == ["signed"]
