"""Merging event records across passages and documents."""

from __future__ import annotations

import random
import time

import pytest

from dyad.analysis.merge import _compatible, _key, _precision, merge_events, pair_key
from dyad.records import ActorRef, EventRecord, Evidence
from tests.bundled import KNOWLEDGE

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
    merged = merge_events(RECORDS, KNOWLEDGE.events)
    docs = sorted(tuple(sorted(e["doc"] for e in m["evidence"])) for m in merged)
    assert ("a.txt", "b.txt", "c.txt") in docs  # the December visit, told three times
    assert ("b.txt", "c.txt") in docs  # SUN and RUS are one state; type compatible
    assert len(merged) == 5


def test_merge_events_date_is_most_precise_supported() -> None:
    visit = next(m for m in merge_events(RECORDS, KNOWLEDGE.events) if len(m["evidence"]) == 3)
    assert (visit["date"], visit["end"]) == ("2016-12-15", None) or visit["date"].startswith("2016-12-15")
    assert visit["id"].startswith("ev-") and visit["type"] == "CONSULT"


@pytest.mark.parametrize("seed", range(6))
def test_merge_events_order_free(seed: int) -> None:
    shuffled = RECORDS[:]
    random.Random(seed).shuffle(shuffled)
    assert merge_events(shuffled, KNOWLEDGE.events) == merge_events(RECORDS, KNOWLEDGE.events)


def test_merge_events_keeps_modality_apart() -> None:
    merged = merge_events([rec("a.txt", 1, "2017"), rec("b.txt", 2, "2017", hypothetical=True)], KNOWLEDGE.events)
    assert len(merged) == 2


def test_merge_events_keeps_opposite_directions_apart() -> None:
    # "Japan accused Russia" and "Russia accused Japan" in one month are two acts; a meeting told from
    # either side is one
    accuse = [rec("a.txt", 1, "2018-03", src=JPN, tgt=RUS, type_="ACCUSE", mode=None),
              rec("a.txt", 20, "2018-03", src=RUS, tgt=JPN, type_="ACCUSE", mode=None)]  # fmt: skip
    meet = [rec("a.txt", 40, "2018-05", src=JPN, tgt=RUS, mode="meet"),
            rec("b.txt", 5, "2018-05", src=RUS, tgt=JPN, mode="meet")]  # fmt: skip
    merged = merge_events(accuse + meet, KNOWLEDGE.events)
    accusers = sorted(m["source"]["country"] for m in merged if m["type"] == "ACCUSE")
    assert accusers == ["JPN", "RUS"]
    assert [len(m["evidence"]) for m in merged if m["type"] == "CONSULT"] == [2]


def test_merge_events_export_shape() -> None:
    (m,) = merge_events([rec("a.txt", 1, "2016-05")], KNOWLEDGE.events)
    for key in ("id", "date", "end", "source", "target", "type", "mode", "quad", "intensity", "negated",
                "hypothetical", "cameo", "evidence"):  # fmt: skip
        assert key in m
    assert m["source"] == {"id": "Q7747", "name": "Vladimir Putin", "country": "RUS"}
    assert m["evidence"] == [{"doc": "a.txt", "start": 1, "end": 11, "text": "a.txt:1"}]


@pytest.mark.parametrize(
    ("src", "tgt", "key"),
    [
        (PUTIN, JPN, "JPN|RUS"),
        (JPN, RUS, "JPN|RUS"),
        (SUN, JPN, "JPN|RUS"),
        (JPN, ActorRef("g7", "G7", "G7"), "G7|JPN"),
    ],
)
def test_merge_events_pair_key_unordered(src, tgt, key) -> None:
    assert pair_key(rec("a.txt", 1, "2016", src=src, tgt=tgt)) == key


def _reference_clusters(records: list[EventRecord]) -> list[tuple]:
    """The merge's rule written the slow way: each record meets every cluster."""
    clusters: list[list[EventRecord]] = []
    for r in sorted(records, key=lambda r: (-_precision(r), _key(r))):
        home = next((c for c in clusters if all(_compatible(r, m, KNOWLEDGE.events) for m in c)), None)
        clusters.append([r]) if home is None else home.append(r)
    return sorted(tuple(sorted((m.evidence.doc, m.evidence.start) for m in c)) for c in clusters)


def _random_records(n: int, seed: int) -> list[EventRecord]:
    rng = random.Random(seed)
    actors, types = [JPN, RUS, SUN, PUTIN, ActorRef("Q30", "United States", "USA")], ["CONSULT", "AGREE", "SANCTION"]
    out = []
    for i in range(n):
        src, tgt = rng.sample(actors, 2)
        year, month, day = rng.choice(["2015", "2016", "2017"]), rng.randint(1, 12), rng.randint(1, 27)
        date, end = rng.choice([(None, None), (year, None), (f"{year}-{month:02d}", None),
                                (f"{year}-{month:02d}-{day:02d}", None), (year, "2018"),
                                (f"{year}-{month:02d}-{day:02d}", f"{year}-{month:02d}-{day + 1:02d}")])  # fmt: skip
        out.append(rec(f"d{rng.randint(0, 9)}.txt", i, date, src=src, tgt=tgt, type_=rng.choice(types), end=end,
                       hypothetical=rng.random() < 0.1))  # fmt: skip
    return out


@pytest.mark.parametrize("seed", range(5))
def test_merge_events_index_same_as_every_pair(seed: int) -> None:
    records = _random_records(300, seed)
    got = sorted(tuple((e["doc"], e["start"]) for e in m["evidence"]) for m in merge_events(records, KNOWLEDGE.events))
    assert got == _reference_clusters(records)


def test_merge_events_scales_linearly() -> None:
    records = _random_records(20_000, 99)
    started = time.perf_counter()
    merge_events(records, KNOWLEDGE.events)
    assert time.perf_counter() - started < 10  # the every-record-meets-every-cluster version took minutes


def test_id_redirect_goes_to_the_event_holding_most_of_the_old_evidence() -> None:
    # a passage told as a fact and as a plan is evidence of two events; the one that also holds the old
    # event's other passage wins, whatever the ids' order
    from dyad.analysis.derive import id_redirects

    a = {"doc": "x.txt", "start": 0, "end": 10, "text": "Abe went."}
    b = {"doc": "x.txt", "start": 20, "end": 30, "text": "He met Putin."}
    new = [{"id": "ev-b", "evidence": [a, b]}, {"id": "ev-z", "evidence": [a]}]
    assert id_redirects({"ev-old": [a, b]}, new) == [("ev-old", "ev-b")]


def test_merge_events_keeps_acts_told_apart_in_one_sentence() -> None:
    # "Putin refused to meet Kishida in May 2022, accusing him of ...": a refusal and an accusation, one sentence
    refusal = rec("a.txt", 5, "2022-05", src=RUS, type_="REJECT", mode=None)
    accusation = EventRecord("2022-05", None, RUS, JPN, "ACCUSE", None, "verbal_conflict", -2.0, False, False,
                             "112", Evidence("a.txt", 5, 15, "a.txt:5"), trigger="accusing")  # fmt: skip
    elsewhere = rec("b.txt", 9, "2022-05", src=RUS, type_="REJECT", mode=None)
    merged = merge_events([refusal, accusation, elsewhere], KNOWLEDGE.events)
    assert len(merged) == 2  # the other passage's refusal joins one of them
    assert all("a.txt" in {e["doc"] for e in m["evidence"]} for m in merged)


def _agreed(start: int, text: str, *, verbal: bool, doc: str = "a.txt", type_: str = "AGREE") -> EventRecord:
    return EventRecord("2012-06-18", None, RUS, JPN, type_, None, "verbal_cooperation", 4.0, False, False, "057",
                       Evidence(doc, start, start + len(text), text), trigger="agreed", verbal=verbal)  # fmt: skip


def test_merge_events_keeps_two_acts_told_afresh_in_one_document_apart() -> None:
    # "The two leaders agreed on X. Then, the two leaders agreed to Y.": two clauses, each telling an act anew
    first = _agreed(0, "The two leaders agreed on reactivating the talks.", verbal=True)
    then = _agreed(60, "Then, the two leaders agreed to coordinate a visit.", verbal=True)
    assert len(merge_events([first, then], KNOWLEDGE.events)) == 2
    # a passage that names the act again ("the agreement reached") is no new act; nor is another document's telling
    again = _agreed(120, "The agreement reached was welcomed.", verbal=False)
    other = _agreed(5, "Putin and Noda agreed on new talks.", verbal=True, doc="b.txt")
    merged = merge_events([first, then, again, other], KNOWLEDGE.events)
    assert len(merged) == 2
    assert sorted(len(m["evidence"]) for m in merged) == [1, 3]


def test_merge_events_a_meeting_or_a_repeated_passage_stays_one_event() -> None:
    # one pair meets once a day, however many clauses tell of it; a headline repeated by the lead is one act
    flew = _agreed(0, "Abiy flew to Asmara and held talks with Isaias.", verbal=True, type_="CONSULT")
    met = _agreed(50, "The two leaders met at the palace.", verbal=True, type_="CONSULT")
    assert len(merge_events([flew, met], KNOWLEDGE.events)) == 1
    head = _agreed(0, "Iran and Saudi Arabia agreed on Friday to restore ties", verbal=True)
    lead = _agreed(70, "RIYADH: Iran and Saudi Arabia agreed on Friday to restore ties.", verbal=True)
    assert len(merge_events([head, lead], KNOWLEDGE.events)) == 1
