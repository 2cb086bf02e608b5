"""Corrections against the real store: they follow an event to its new id, and lifting restores the model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyad.store import corrections
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
    store.replace_event_ids(["ev-reject"], [moved], [("ev-reject", "ev-reject-2")])
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
