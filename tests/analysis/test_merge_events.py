"""Merging event records across passages and documents."""

from __future__ import annotations

import random

import pytest

from dyad.analysis.merge import merge_events
from dyad.records import ActorRef, EventRecord, Evidence

JPN = ActorRef("Q17", "Japan", "JPN")
RUS = ActorRef("Q159", "Russia", "RUS")
SUN = ActorRef("Q15180", "Soviet Union", "SUN")
PUTIN = ActorRef("Q7747", "Vladimir Putin", "RUS")


def rec(doc: str, start: int, date: str | None, src=PUTIN, tgt=JPN, type_="CONSULT", mode="visit", end=None,
        hypothetical=False) -> EventRecord:  # fmt: skip
    return EventRecord(date, end, src, tgt, type_, mode, "verbal_cooperation", 5.0, False, hypothetical, "04",
                       Evidence(doc, start, start + 10, f"{doc}:{start}"), trigger="visit")  # fmt: skip


RECORDS = [
    rec("a.txt", 10, "2016-12-15", end="2016-12-16"),
    rec("b.txt", 50, "2016-12"),
    rec("c.txt", 70, "2016-12-15"),
    rec("c.txt", 90, "2016", src=JPN, tgt=RUS, type_="AGREE", mode=None),
    rec("a.txt", 200, "2016-05", src=JPN, tgt=RUS),
    rec("b.txt", 300, "1956", src=SUN, tgt=JPN, type_="AGREE", mode="sign"),
    rec("c.txt", 400, "1956", src=JPN, tgt=RUS, type_="AGREE", mode=None),
    rec("a.txt", 500, "2017", hypothetical=True),
]


def test_merge_events_one_record_per_event() -> None:
    merged = merge_events(RECORDS)
    docs = sorted(tuple(sorted(e["doc"] for e in m["evidence"])) for m in merged)
    assert ("a.txt", "b.txt", "c.txt") in docs  # the December visit, told three times
    assert ("b.txt", "c.txt") in docs  # SUN and RUS are one state; type compatible
    assert len(merged) == 5


def test_merge_events_date_is_most_precise_supported() -> None:
    visit = next(m for m in merge_events(RECORDS) if len(m["evidence"]) == 3)
    assert (visit["date"], visit["end"]) == ("2016-12-15", None) or visit["date"].startswith("2016-12-15")
    assert visit["id"].startswith("ev-") and visit["type"] == "CONSULT"


@pytest.mark.parametrize("seed", range(6))
def test_merge_events_order_free(seed: int) -> None:
    shuffled = RECORDS[:]
    random.Random(seed).shuffle(shuffled)
    assert merge_events(shuffled) == merge_events(RECORDS)


def test_merge_events_keeps_modality_apart() -> None:
    merged = merge_events([rec("a.txt", 1, "2017"), rec("b.txt", 2, "2017", hypothetical=True)])
    assert len(merged) == 2


def test_merge_events_export_shape() -> None:
    (m,) = merge_events([rec("a.txt", 1, "2016-05")])
    for key in ("id", "date", "end", "source", "target", "type", "mode", "quad", "intensity", "negated",
                "hypothetical", "cameo", "evidence"):  # fmt: skip
        assert key in m
    assert m["source"] == {"id": "Q7747", "name": "Vladimir Putin", "country": "RUS"}
    assert m["evidence"] == [{"doc": "a.txt", "start": 1, "end": 11, "text": "a.txt:1"}]
