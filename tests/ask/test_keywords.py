"""The keyword index: the same BM25 scores as bm25s, its terms stored by the ingest and read by ``dyad ask``.

Texts are our own, about the invented Norland and Valmark of conftest.py.
"""

from __future__ import annotations

from pathlib import Path

import bm25s
import numpy as np
import pytest

from dyad.ask.keywords import Keywords, TermSets
from dyad.ask.search import Index, terms
from dyad.config import Options
from dyad.pipeline import finish_batch, ingest
from dyad.store import keywords as stored
from dyad.store import search as sql
from dyad.store.db import Store
from tests.ask.build import write_texts
from tests.ask.conftest import BRIEF, POLL

LATER = """Fishing season notes

In April 2022 Norland and Valmark reopened the fishing talks in Halvik, and the fishermen welcomed the move.
A joint commission on the Skerry Islands met twice that summer; the fishing quotas stayed unchanged.
"""

QUERIES = [
    "fishing talks",
    "fishing fishing talks islands",  # a repeated word counts twice, as in bm25s
    "survey islands transfer opposed",
    "trade billion dollars 2018",
    "zeppelin fishing",  # an unknown word is dropped
    "prime minister signal negotiators energy transport summit",
]


def _tokens(texts: list[str]) -> list[list[str]]:
    return [terms(line) for text in texts for line in text.splitlines()]


def test_keywords_scores_equal_bm25s_to_the_last_bit() -> None:
    tokens = _tokens([BRIEF, POLL, LATER]) + [[]]  # an empty passage counts in the average length, as in bm25s
    reference = bm25s.BM25()
    reference.index(tokens, show_progress=False)
    ours = Keywords.from_tokens(tokens)
    assert set(ours.vocab_dict) == set(reference.vocab_dict) - {""}
    for query in QUERIES:
        q = [t for t in terms(query) if t in reference.vocab_dict]
        assert np.array_equal(ours.get_scores(q), np.asarray(reference.get_scores(q), dtype=np.float32)), query
    assert [frozenset(t) for t in tokens] == list(ours.term_sets())


def _ingested(tmp_path: Path, *texts: tuple[str, str]) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir(exist_ok=True)
    for name, text in texts:
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path / "model.duckdb"
    results = list(ingest([folder / name for name, _t in texts], Options(db=db, processes=1)))
    assert all(r.status in ("added", "unchanged") for r in results), [r.line() for r in results]
    return db


def _tokenised(store: Store) -> Keywords:
    """The index made from the passages' text, ignoring whatever terms are stored."""
    return Keywords.from_tokens([terms(r["text"]) for r in sql.index_rows(store)])


def _same_rankings(index: Index, fresh: Keywords) -> None:
    for query in QUERIES:
        q = [t for t in terms(query) if t in fresh.vocab_dict]
        assert np.array_equal(index.keyword_scores(query), fresh.get_scores(q) if q else np.zeros(fresh.num_docs))


@pytest.mark.slow
def test_keywords_stored_by_the_ingest_and_read_by_ask(tmp_path: Path) -> None:
    db = _ingested(tmp_path, ("brief.txt", BRIEF), ("poll.md", POLL))
    with Store.open(db, read_only=True) as store:
        assert stored.missing(store) == 0  # every passage has its terms: ask tokenises nothing
        index = Index.build(store)
        assert isinstance(index.term_sets, TermSets)  # read from the stored terms, not made from the text
        assert [index.term_sets[i] for i in range(len(index.rows))] == [frozenset(terms(r["text"])) for r in index.rows]
        _same_rankings(index, _tokenised(store))
    db = _ingested(tmp_path, ("brief.txt", BRIEF), ("poll.md", POLL), ("later.txt", LATER))  # one more document
    with Store.open(db, read_only=True) as store:
        assert stored.missing(store) == 0
        index = Index.build(store)
        assert isinstance(index.term_sets, TermSets)
        _same_rankings(index, _tokenised(store))
        best = index.ranked("reopened fishing talks")[0][0]
        assert index.rows[best]["doc"] == "later.txt"


def test_keywords_missing_terms_are_seen_then_filled(tmp_path: Path) -> None:
    """A document written by a run killed before its batch ended has no terms: ask tokenises, the next
    ingest's batch end fills them; a row whose text length disagrees is stale and is replaced."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in (("brief.txt", BRIEF), ("poll.md", POLL)):
        (folder / name).write_text(text, encoding="utf-8")
    db = write_texts(tmp_path / "k.duckdb", [folder / "brief.txt", folder / "poll.md"])  # no batch end
    with Store.open(db, read_only=True) as store:
        assert stored.missing(store) is None  # never filled: the tables are not even there
        assert not isinstance(Index.build(store).term_sets, TermSets)
    with Store.open(db) as store:
        finish_batch(store, Options(db=db))
        assert stored.missing(store) == 0
        (n,) = store.con.execute("SELECT count(*) FROM passage_terms").fetchone() or (0,)
        assert n == len(sql.index_rows(store))
        (folder / "later.txt").write_text(LATER, encoding="utf-8")
    write_texts(db, [folder / "later.txt"])  # written, its batch never ended
    with Store.open(db) as store:
        later = len([r for r in sql.index_rows(store) if r["doc"] == "later.txt"])
        assert stored.missing(store) == later > 0
        index = Index.build(store)
        assert not isinstance(index.term_sets, TermSets)  # tokenised from the text: the answer is still whole
        assert index.rows[index.ranked("reopened fishing talks")[0][0]]["doc"] == "later.txt"
        store.con.execute("UPDATE passage_terms SET chars = chars + 1 WHERE idx = 0")  # rows for other texts
        stale = stored.missing(store)
        assert stale is not None and stale > later
        assert stored.fill(store) == stale
        assert stored.missing(store) == 0
        index = Index.build(store)
        assert isinstance(index.term_sets, TermSets)
        _same_rankings(index, _tokenised(store))
