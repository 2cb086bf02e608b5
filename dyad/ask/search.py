"""Search over passages: BM25 keywords, optional sentence vectors, fused by reciprocal rank.

The keyword index (BM25 over Snowball stems, :mod:`dyad.ask.keywords`) is made at
the first search from the terms the ingest stored for each passage
(:mod:`dyad.store.keywords`), or from the passages' text where some have none,
and kept for as long as the database's set of current documents stays the same,
so later searches cost milliseconds.
Semantic search is an optional extra (:mod:`dyad.ask.embed`); without it the
ranking is the keyword ranking alone.

>>> hits = search(store, "Gorbachev visit to Tokyo", limit=3)   # doctest: +SKIP
>>> hits[0].doc, hits[0].start, hits[0].end                       # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from dyad.ask import keywords
from dyad.store import search as sql
from dyad.store.db import Store
from dyad.store.keywords import stemmer, terms  # noqa: F401 (here for ask's modules): the stored terms' rule

#: Reciprocal rank fusion constant (Cormack et al. 2009); 60 is the usual choice.
RRF_K = 60


@dataclass(frozen=True)
class Hit:
    """One passage found for a query, cited in original offsets."""

    doc: str
    start: int
    end: int
    text: str
    score: float

    def citation(self) -> dict[str, Any]:
        return {"doc": self.doc, "start": self.start, "end": self.end, "text": self.text}


@dataclass
class Index:
    """The passages of one database with their keyword index and, when available, their vectors."""

    stamp: str
    rows: list[dict[str, Any]]
    bm25: keywords.Keywords | None
    vectors: np.ndarray | None = None
    encoder: Any = None
    term_sets: Sequence[frozenset[str]] = field(default_factory=list)

    @classmethod
    def build(cls, store: Store, *, semantic: bool = False) -> Index:
        rows = sql.index_rows(store)
        bm25 = keywords.stored(store, len(rows)) if rows else None
        if bm25 is not None:
            term_sets: Sequence[frozenset[str]] = bm25.term_sets()
        else:  # some passage has no stored terms (a database from before, a killed ingest): tokenise here
            tokens = [terms(r["text"]) for r in rows]
            bm25 = keywords.Keywords.from_tokens(tokens) if rows else None
            term_sets = [frozenset(t) for t in tokens]
        index = cls(sql.corpus_stamp(store), rows, bm25, term_sets=term_sets)
        if semantic and rows:
            from dyad.ask import embed

            index.encoder = embed.load_encoder(required=True)
            index.vectors = embed.passage_vectors(store, index.encoder, rows)
        return index

    def keyword_scores(self, query: str) -> np.ndarray:
        if self.bm25 is None:
            return np.zeros(0, dtype=np.float32)
        q = [t for t in terms(query) if t in self.bm25.vocab_dict]
        if not q:
            return np.zeros(len(self.rows), dtype=np.float32)
        return np.asarray(self.bm25.get_scores(q), dtype=np.float32)

    def semantic_scores(self, query: str) -> np.ndarray | None:
        if self.vectors is None or self.encoder is None:
            return None
        from dyad.ask import embed

        return self.vectors @ embed.encode(self.encoder, [query])[0]

    def ranked(self, query: str, *, depth: int = 50) -> list[tuple[int, float]]:
        """``(row, fused score)`` best first: RRF over the keyword and (if present) semantic rankings."""
        kw = self.keyword_scores(query)
        if kw.size == 0:
            return []
        rankings = [_top(kw, depth, positive_only=True)]
        sem = self.semantic_scores(query)
        if sem is not None:
            rankings.append(_top(sem, depth, positive_only=False))
        fused: dict[int, float] = {}
        for ranking in rankings:
            for rank, i in enumerate(ranking):
                fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + rank + 1)
        return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))

    def hit(self, i: int, score: float) -> Hit:
        r = self.rows[i]
        return Hit(r["doc"], r["start"], r["end"], r["text"], round(float(score), 6))


def _top(scores: np.ndarray, depth: int, *, positive_only: bool) -> list[int]:
    order = np.argsort(-scores, kind="stable")[:depth]
    if positive_only:
        order = order[scores[order] > 0]
    return [int(i) for i in order.tolist()]


_CACHE: dict[tuple[Path, bool], Index] = {}


def index_for(store: Store, *, semantic: bool = False) -> Index:
    """The index of ``store``'s current passages, rebuilt only when its documents changed.

    The cache is per database file, so a long-lived process (``dyad serve``) pays
    the build once; ``semantic=True`` adds (and demands) sentence vectors.
    """
    stamp = sql.corpus_stamp(store)
    key = (store.path.resolve(), bool(semantic))
    cached = _CACHE.get(key)
    if cached is not None and cached.stamp == stamp:
        return cached
    index = Index.build(store, semantic=bool(semantic))
    _CACHE[key] = index
    return index


def search(store: Store, q: str, limit: int = 10, *, semantic: bool = False) -> list[Hit]:
    """The ``limit`` passages that best match ``q``, best first.

    ``semantic=True`` fuses in the sentence-vector ranking (the optional extra; an error when not installed).
    """
    index = index_for(store, semantic=semantic)
    return [index.hit(i, s) for i, s in index.ranked(q)[:limit]]
