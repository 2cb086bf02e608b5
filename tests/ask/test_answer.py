from __future__ import annotations

import json

import pytest

from dyad.ask import answer
from dyad.store import search as sql


@pytest.mark.parametrize(
    ("question", "first_line"),
    [
        ("When did Norland and Valmark restore diplomatic relations?", "October 1961 (1961-10)"),
        ("On what date did Ilse Varga meet Tomas Brenn?", "14 March 2019 (2019-03-14)"),
        ("Whom did Norland's foreign minister Ilse Varga meet in Halvik?", "Tomas Brenn"),
        ("What share of Valmark residents opposed any transfer of the islands?", "61 percent"),
        ("How many agreements on energy and transport were signed during the summit?", "Seven"),
        ("Approximately how many people live on the Skerry Islands?", "About 3,400"),
        ("What was the value of trade between the two countries in 2018?", "4.2 billion dollars"),
        ("Where did the foreign ministers meet in March 2019?", "Halvik"),
    ],
)
def test_answer_puts_the_key_item_first(brief_store, question: str, first_line: str) -> None:
    got = answer(brief_store, question, semantic=False)
    assert got.found
    assert got.answer.splitlines()[0] == first_line
    assert len(got.answer.splitlines()) == 2  # the key item, then one line of context


def test_answer_citations_are_exact_original_spans(brief_store) -> None:
    got = answer(brief_store, "When did Valmark suspend the fishing talks?", semantic=False)
    assert got.answer.startswith("June 2020 (2020-06)")
    assert got.citations
    for c in got.citations:
        assert set(c) == {"doc", "start", "end", "text"}
        assert sql.original_span(brief_store, c["doc"], c["start"], c["end"]) == c["text"]


def test_answer_says_so_when_the_corpus_does_not_hold_it(brief_store) -> None:
    got = answer(brief_store, "Who won the chess olympiad in Reykjavik?", semantic=False)
    assert not got.found
    assert got.answer == "The documents do not say."
    assert got.citations == []


def test_answer_to_json_has_the_contract_shape(brief_store) -> None:
    got = json.loads(answer(brief_store, "When did Norland protest?", semantic=False).to_json())
    assert set(got) == {"answer", "citations"}


def test_answer_on_an_empty_database_explains(tmp_path) -> None:
    from dyad.store.db import Store

    with Store.open(tmp_path / "empty.duckdb") as store:
        got = answer(store, "When did anything happen?", semantic=False)
    assert not got.found and "dyad ingest" in got.answer


def test_answer_reads_a_stored_quantity_first(tmp_path) -> None:
    from dyad.records import Evidence, Extraction, QuantityRecord
    from dyad.store.db import Store
    from tests.ask.build import write_texts

    text = "Annual figures\n\nValmark exports: 7.5 bn dollars (2019).\n"
    (tmp_path / "figures.txt").write_text(text, encoding="utf-8")
    at = text.index("7.5 bn dollars")
    record = QuantityRecord(
        "exports", 7.5, "USD bn", "2019", ("VAL",), Evidence("figures.txt", at, at + 14, "7.5 bn dollars")
    )
    db = write_texts(
        tmp_path / "q.duckdb", [tmp_path / "figures.txt"], {"figures.txt": Extraction(quantities=[record])}
    )
    with Store.open(db, read_only=True) as store:
        got = answer(store, "What was the value of Valmark exports in 2019?")
    assert got.answer.splitlines()[0] == "7.5 USD bn"
    cite = got.citations[0]  # the whole sentence holding the figure, not the figure alone
    assert "7.5 bn dollars" in cite["text"] and "Valmark" in cite["text"]
    assert cite["text"] == text[cite["start"] : cite["end"]]
