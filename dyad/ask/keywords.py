"""BM25 over the passages' terms, weighted in NumPy from the terms the ingest stored (or from fresh ones).

The weights and scores are those of ``bm25s.BM25()`` with its defaults (Lucene's idf and term-frequency
saturation, k1 = 1.5, b = 0.75, float32 weights), computed with the same operations in the same
precisions, so a ranking is the same to the last bit whichever way the index was made;
tests/ask/test_keywords.py checks that against bm25s itself. What bm25s spent its time on (tokens to
ids, one document at a time, in Python) is gone: the stored terms arrive as id arrays
(:func:`dyad.store.keywords.postings`) and every weight is one vectorised step.

>>> kw = Keywords.from_tokens([["japan", "russia"], ["japan", "sanction", "sanction"]])
>>> [round(float(s), 4) for s in kw.get_scores(["sanction"])]
[0.0, 0.3722]
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, overload

import numpy as np

if TYPE_CHECKING:
    from dyad.store.db import Store

#: bm25s's defaults, which the rankings were tuned with.
K1 = 1.5
B = 0.75


class Keywords:
    """The weight of each term in each passage, by term (a CSC matrix, as bm25s keeps it), and the vocabulary."""

    def __init__(self, vocab: list[str], n: np.ndarray, ids: np.ndarray, tf: np.ndarray, num_docs: int) -> None:
        """``n``, ``ids``, ``tf``: one entry per (passage, term) with the term's count in that passage."""
        n = np.asarray(n, dtype=np.int64)
        ids = np.asarray(ids, dtype=np.int64)
        tf32 = np.asarray(tf, dtype=np.float32)
        self.num_docs = num_docs
        df = np.bincount(ids, minlength=len(vocab))
        # bm25s's vocabulary holds the terms some passage holds; a query term outside it is dropped
        self.vocab_dict = {term: i for i, term in enumerate(vocab) if df[i]}
        idf = np.zeros(len(vocab), dtype=np.float32)
        live = np.flatnonzero(df)
        # per term with Python floats, as bm25s does (np.log may differ from math.log in the last bit)
        idf[live] = [math.log(1 + (num_docs - d + 0.5) / (d + 0.5)) for d in df[live].tolist()]
        lengths = np.zeros(num_docs, dtype=np.int64)
        np.add.at(lengths, n, tf32.astype(np.int64))
        avg = lengths.mean() if num_docs else np.float64(0.0)
        saturation = np.zeros(num_docs)  # no term anywhere: no weight to saturate
        if avg:
            saturation = K1 * ((1 - B) + B * lengths.astype(np.float64) / avg)  # per passage, in float64
        tf64 = tf32.astype(np.float64)
        weights = (idf[ids].astype(np.float64) * (tf64 / (saturation[n] + tf64))).astype(np.float32)
        order = np.argsort(ids, kind="stable")
        self.data = weights[order]
        self.indices = n[order].astype(np.int32)
        self.indptr = np.concatenate([[0], np.cumsum(df)]).astype(np.int64)
        self._vocab = vocab
        self._by_doc: tuple[np.ndarray, np.ndarray] | None = None
        self._n, self._ids = n, ids

    @classmethod
    def from_tokens(cls, tokens: Sequence[list[str]]) -> Keywords:
        """The index of passages given as their (stemmed) tokens, in order."""
        vocab: dict[str, int] = {}
        n: list[int] = []
        ids: list[int] = []
        tf: list[int] = []
        for i, toks in enumerate(tokens):
            for term, count in Counter(toks).items():
                n.append(i)
                ids.append(vocab.setdefault(term, len(vocab)))
                tf.append(count)
        return cls(list(vocab), np.array(n), np.array(ids), np.array(tf), len(tokens))

    @classmethod
    def from_postings(cls, postings: dict[str, Any], num_docs: int) -> Keywords:
        """The index of :func:`dyad.store.keywords.postings` (``num_docs``: how many passages it covers)."""
        return cls(postings["vocab"], postings["n"], postings["id"], postings["tf"], num_docs)

    def get_scores(self, query: list[str]) -> np.ndarray:
        """BM25 of every passage for the query's terms (each known term counted as often as it is given)."""
        scores = np.zeros(self.num_docs, dtype=np.float32)
        for term in query:
            i = self.vocab_dict.get(term)
            if i is not None:  # term by term, in the query's order: bm25s's float32 sums, bit for bit
                start, end = self.indptr[i], self.indptr[i + 1]
                np.add.at(scores, self.indices[start:end], self.data[start:end])
        return scores

    def term_sets(self) -> TermSets:
        """Each passage's set of terms, built when first asked for."""
        return TermSets(self)

    def _doc_terms(self) -> tuple[np.ndarray, np.ndarray]:
        if self._by_doc is None:
            order = np.argsort(self._n, kind="stable")
            ptr = np.concatenate([[0], np.cumsum(np.bincount(self._n, minlength=self.num_docs))])
            self._by_doc = (self._ids[order], ptr)
        return self._by_doc


def stored(store: Store, num_docs: int) -> Keywords | None:
    """The index of the terms the ingest stored for the ``num_docs`` current passages; None when some passage has
    none (a database from before, an ingest killed before its batch ended): the caller tokenises instead."""
    from dyad.store import keywords as sql

    if sql.missing(store) != 0:
        return None
    postings = sql.postings(store)
    if postings["n"].size and int(postings["n"].max()) >= num_docs:  # passages changed between the two reads
        return None
    return Keywords.from_postings(postings, num_docs)


class TermSets(Sequence[frozenset[str]]):
    """``frozenset`` of the terms of passage ``i``, made on first access (a question may never need them)."""

    def __init__(self, keywords: Keywords) -> None:
        self._kw = keywords
        self._sets: list[frozenset[str] | None] = [None] * keywords.num_docs

    def __len__(self) -> int:
        return len(self._sets)

    @overload
    def __getitem__(self, i: int) -> frozenset[str]: ...
    @overload
    def __getitem__(self, i: slice) -> list[frozenset[str]]: ...
    def __getitem__(self, i: int | slice) -> frozenset[str] | list[frozenset[str]]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        got = self._sets[i]
        if got is None:
            ids, ptr = self._kw._doc_terms()
            vocab = self._kw._vocab
            j = i % len(self._sets)
            got = self._sets[i] = frozenset(vocab[t] for t in ids[ptr[j] : ptr[j + 1]].tolist())
        return got

    def __iter__(self) -> Iterator[frozenset[str]]:
        if any(s is None for s in self._sets):  # all of them at once: one pass over the postings
            ids, ptr = self._kw._doc_terms()
            vocab = self._kw._vocab
            flat = [vocab[t] for t in ids.tolist()]
            bounds = ptr.tolist()
            self._sets = [s or frozenset(flat[bounds[j] : bounds[j + 1]]) for j, s in enumerate(self._sets)]
        return iter(self._sets)  # type: ignore[arg-type]
