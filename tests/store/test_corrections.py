"""Corrections against the real store: they follow an event to its new id, and lifting restores the model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyad.store import corrections, derived
from dyad.store.db import Store
from tests.web.conftest import build_test_db


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    s = Store.open(build_test_db(tmp_path / "c.duckdb"))
    yield s
    s.close()


def rows(store: Store) -> dict[str, dict]:
    return {i: json.loads(r) for i, r in store.con.execute("SELECT id, record FROM events").fetchall()}


def test_a_correction_follows_its_event_to_a_new_id(store: Store) -> None:
    corrections.make(store, "ev-reject", {"type": "PROTEST"}, who="ana", why="a note was delivered")
    # a rebuild gives the event another id (its anchor document was replaced) and records the redirect
    corrections.lift(store)
    record = rows(store)["ev-reject"]
    moved = {**record, "id": "ev-reject-2", "pair": "JPN|RUS"}
    derived.replace_event_ids(store, ["ev-reject"], [moved], [("ev-reject", "ev-reject-2")])
    assert corrections.apply_all(store) == 1
    now = rows(store)
    assert "ev-reject" not in now and now["ev-reject-2"]["type"] == "PROTEST"
    assert now["ev-reject-2"]["correction"]["log"][0]["fact"] == "ev-reject"
    assert corrections.target(store, "ev-reject") == "ev-reject-2"


def test_lift_restores_the_model_as_extracted_and_apply_is_repeatable(store: Store) -> None:
    before = rows(store)
    corrections.make(store, "ev-visit", {"date": "2016-12-16", "end": "2016-12-17"}, who="ana", why="two days")
    corrections.make(store, "ev-sanction", {"wrong": True}, who="ana", why="only announced")
    corrections.make(store, "ev-treaty", {"target": "CHN"}, who="ana", why="the offer went to Beijing")
    once = rows(store)
    assert "ev-sanction" not in once and (once["ev-visit"]["date"], once["ev-visit"]["end"]) == (
        "2016-12-16",
        "2016-12-17",
    )
    assert once["ev-treaty"]["target"]["country"] == "CHN"
    assert store.con.execute("SELECT pair FROM events WHERE id = 'ev-treaty'").fetchone()[0] == "CHN|RUS"
    corrections.refresh(store)
    assert rows(store) == once
    corrections.lift(store)
    assert rows(store) == before
    assert corrections.withheld(store, "ev-sanction") is None  # lifted: nothing is withheld


def test_a_withdrawn_correction_no_longer_applies(store: Store) -> None:
    made = corrections.make(store, "ev-sochi", {"type": "CONSULT", "mode": "visit"}, who="ana", why="a visit")
    assert rows(store)["ev-sochi"]["type"] == "CONSULT"
    corrections.withdraw(store, made[0].n)
    corrections.refresh(store)
    assert rows(store)["ev-sochi"]["type"] == "REQUEST" and "correction" not in rows(store)["ev-sochi"]
    assert corrections.listing(store)[0].withdrawn


def doc_rows(store: Store, table: str) -> list[dict]:
    return [json.loads(r[0]) for r in store.con.execute(f"SELECT record FROM {table} ORDER BY rowid").fetchall()]


def span_name(table: str, doc: str, needle: str) -> str:
    from tests.web.conftest import DOCS

    start = DOCS[doc][1].index(needle)
    return f"{table}/{doc}/{start}-{start + len(needle)}"


def test_a_position_and_a_quantity_are_corrected_where_they_stand(store: Store) -> None:
    before = {t: doc_rows(store, t) for t in ("positions", "quantities")}
    japan = span_name("positions", "beta.txt", "the return of all four")
    trade = span_name("quantities", "alpha.txt", "Bilateral trade reached 20 billion dollars in 2016")
    corrections.make(store, "http://127.0.0.1:8000/" + japan, {"stance": "Two plus alpha"}, who="ana", why="later")
    corrections.make(store, trade, {"value": "21.5", "unit": "USD bn", "subject": "rus,jpn"}, who="ana", why="typo")
    stance = next(p for p in doc_rows(store, "positions") if p["actor"]["id"] == "Q17")
    assert stance["stance"] == "two-plus-alpha" and stance["correction"]["original"] == {"stance": "all-four-islands"}
    value = next(q for q in doc_rows(store, "quantities") if q["evidence"]["doc"] == "alpha.txt")
    assert (value["value"], value["subject"]) == (21.5, ["RUS", "JPN"])
    assert value["correction"]["log"][0]["fact"] == trade  # the log keeps the name, not the address
    assert corrections.kind_of(store, japan) == "position" and corrections.target(store, japan, "position") == japan

    corrections.refresh(store)  # lift and apply again: the same
    assert next(p for p in doc_rows(store, "positions") if p["actor"]["id"] == "Q17") == stance
    corrections.lift(store)
    assert {t: doc_rows(store, t) for t in ("positions", "quantities")} == before


def test_a_position_marked_wrong_leaves_its_table_and_comes_back_when_withdrawn(store: Store) -> None:
    from dyad.store import corrections_spans as spans

    russia = span_name("positions", "beta.txt", "no territorial problem")
    made = corrections.make(store, russia, {"wrong": True}, who="ana", why="a quote of a critic")
    assert [p["actor"]["id"] for p in doc_rows(store, "positions") if p["evidence"]["doc"] == "beta.txt"] == ["Q17"]
    kept = spans.withheld(store, *spans.parse(russia))
    assert kept is not None and kept["correction"]["wrong"] and kept["stance"] == "no-territorial-problem"
    assert corrections.kind_of(store, russia) == "position"  # still named: it can be confirmed or withdrawn
    corrections.withdraw(store, made[0].n)
    corrections.refresh(store)
    assert "Q159" in {p["actor"]["id"] for p in doc_rows(store, "positions")}
    assert spans.withheld(store, *spans.parse(russia)) is None


@pytest.mark.parametrize(
    ("name", "changes", "problem"),
    [
        ("positions/beta.txt/0-3", {"wrong": True}, "no event, agreement, position or quantity"),
        ("{position}", {"type": "PROTEST"}, "a position takes no --type"),
        ("{quantity}", {"value": "lots"}, "is not a number"),
        ("{quantity}", {"subject": "Japan and Russia"}, "give country codes"),
    ],
)
def test_bad_span_corrections_say_what_is_wrong(store: Store, name: str, changes: dict, problem: str) -> None:
    from dyad.errors import CorrectionError

    position = span_name("positions", "beta.txt", "no territorial problem")
    quantity = span_name("quantities", "beta.txt", "Trade fell to 18 billion dollars in 2017")
    name = name.format(position=position, quantity=quantity)
    with pytest.raises(CorrectionError, match=problem):
        corrections.make(store, name, changes, who="ana", why="x")


def test_a_status_correction_brings_the_history_to_that_status(store: Store) -> None:
    def history(agreement_id: str) -> list[str]:
        row = store.con.execute("SELECT record FROM agreements WHERE id = ?", [agreement_id]).fetchone()
        return [s["status"] for s in json.loads(row[0])["status_history"]]

    assert history("ag-1956-joint-declaration") == ["signed", "in_force"]
    corrections.make(store, "ag-1956-joint-declaration", {"status": "signed"}, who="ana", why="never in force")
    assert history("ag-1956-joint-declaration") == ["signed"]
    corrections.make(store, "ag-eight-point-plan", {"status": "implemented"}, who="ana", why="carried out")
    assert history("ag-eight-point-plan") == ["proposed", "implemented"]
    corrections.lift(store)
    assert history("ag-1956-joint-declaration") == ["signed", "in_force"]
