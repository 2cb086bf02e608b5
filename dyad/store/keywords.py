"""The stored half of the keyword index: each passage's stemmed terms, written by the ingest, read by ``dyad ask``.

Tokenising and stemming every passage was most of the first question of each ``dyad ask`` process
(1.24 s of CPU for 41,423 passages). So the end of each ingest batch gives every passage of a current
document that has none yet its terms, as ids into one vocabulary (``search_terms``, which only
grows) with their counts (``passage_terms``). A reader fetches them as arrays in one statement and
computes the BM25 weights, which depend on the whole corpus, in NumPy (:mod:`dyad.ask.keywords`).

A passage's terms are a function of its text, so its row stays valid whatever other documents come
and go: a new document adds rows, a replaced one leaves rows that no current document reads.
``chars`` (the text's length in UTF-8 bytes) is checked on both sides, so a row can never stand for another text.
A run killed between writing a document and the end of its batch leaves passages without terms;
:func:`missing` counts them, the reader then tokenises in memory as before, and the next ingest fills
them. The two tables are created by the first writer that fills them (no schema migration): a
database without them is one whose passages were never given terms, and reads as such.

>>> fill(store)  # doctest: +SKIP
12
>>> postings(store)["id"][:3]  # doctest: +SKIP
array([4, 17, 230], dtype=int32)
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import Stemmer

if TYPE_CHECKING:
    from dyad.store.db import Store

_TOKEN_RE = re.compile(r"(?u)\b\w\w+\b")


@lru_cache(maxsize=1)
def stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def terms(text: str) -> list[str]:
    """Lower-cased, stemmed word tokens of ``text`` (stop words kept; BM25's idf weighs them down): what the
    stored terms are, and what a query is cut into (``dyad.ask.search`` uses this one function).

    >>> terms("The talks were suspended")
    ['the', 'talk', 'were', 'suspend']
    """
    stem = stemmer().stemWord
    return [stem(t) for t in _TOKEN_RE.findall(text.lower())]


DDL = """
CREATE TABLE IF NOT EXISTS search_terms (term VARCHAR NOT NULL, id INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS passage_terms (
    doc_id VARCHAR NOT NULL, idx INTEGER NOT NULL, chars INTEGER NOT NULL, ids INTEGER[] NOT NULL,
    counts INTEGER[] NOT NULL
);
"""

#: The current passages in the keyword index's order (:func:`dyad.store.search.index_rows` uses the same).
ORDER = "d.name, p.doc_id, p.idx"
_CURRENT = "passages p JOIN documents d USING (doc_id) WHERE d.current"
_VALID = "t.doc_id = p.doc_id AND t.idx = p.idx AND t.chars = strlen(p.text)"  # bytes: kept with the string


def _has_tables(store: Store) -> bool:
    row = store.con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('search_terms', 'passage_terms')"
    ).fetchone()
    return bool(row and row[0] == 2)


def missing(store: Store) -> int | None:
    """How many current passages have no valid terms stored; None when no terms were ever stored."""
    if not _has_tables(store):
        return None
    row = store.con.execute(
        f"SELECT count(*) FROM {_CURRENT} AND NOT EXISTS (SELECT 1 FROM passage_terms t WHERE {_VALID})"
    ).fetchone()
    return int(row[0]) if row else 0


def fill(store: Store) -> int:
    """Store the :func:`terms` of every current passage that has none (or a stale row), in one transaction;
    how many."""
    if store.read_only:
        return 0
    con = store.con
    con.execute(DDL)
    todo = con.execute(
        f"SELECT p.doc_id, p.idx, p.text FROM {_CURRENT}"
        f" AND NOT EXISTS (SELECT 1 FROM passage_terms t WHERE {_VALID}) ORDER BY p.doc_id, p.idx"
    ).fetchall()
    if not todo:
        return 0
    vocab: dict[str, int] = dict(con.execute("SELECT term, id FROM search_terms").fetchall())
    new: list[tuple[str, int]] = []  # terms no passage had before, with the next free ids
    start = max(vocab.values(), default=-1) + 1
    rows: list[tuple[Any, ...]] = []
    for doc_id, idx, text in todo:
        counts = Counter(terms(text))
        ids = []
        for term in counts:
            i = vocab.get(term)
            if i is None:
                i = vocab[term] = start + len(new)
                new.append((term, i))
            ids.append(i)
        rows.append((doc_id, idx, len(text.encode("utf-8")), ids, list(counts.values())))
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(  # a stale row of the same passage (its text's length differs): replaced
            "DELETE FROM passage_terms t USING (SELECT unnest($d) AS d, unnest($i) AS i) x"
            " WHERE t.doc_id = x.d AND t.idx = x.i",
            {"d": [r[0] for r in rows], "i": [r[1] for r in rows]},
        )
        _insert(store, "search_terms", new)
        _insert(store, "passage_terms", rows)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return len(rows)


def _insert(store: Store, table: str, rows: list[tuple[Any, ...]]) -> None:
    """Rows in as one batch of columns (NumPy object arrays, which DuckDB scans; no Arrow, no pandas)."""
    if not rows:
        return
    import numpy as np

    columns = {f"c{k}": np.fromiter((r[k] for r in rows), dtype=object, count=len(rows)) for k in range(len(rows[0]))}
    store.con.register("_terms_rows", columns)
    try:
        store.con.execute(f"INSERT INTO {table} SELECT * FROM _terms_rows")
    finally:
        store.con.unregister("_terms_rows")


def postings(store: Store) -> dict[str, Any]:
    """Every current passage's terms as three arrays, ``n`` (the passage's place in :data:`ORDER`), ``id`` (its
    term) and ``tf`` (how often), and ``vocab``: the terms by id. Call it only when :func:`missing` is 0."""
    arrays = store.con.execute(
        f"WITH r AS (SELECT (row_number() OVER (ORDER BY {ORDER}) - 1)::INTEGER AS n, t.ids, t.counts"
        f" FROM {_CURRENT.replace(' WHERE', ' JOIN passage_terms t USING (doc_id, idx) WHERE')})"
        " SELECT n, unnest(ids) AS id, unnest(counts) AS tf FROM r"
    ).fetchnumpy()
    vocab: list[str] = []
    for term, i in store.con.execute("SELECT term, id FROM search_terms ORDER BY id").fetchall():
        vocab.extend([""] * (i - len(vocab)))  # ids are dense as written; a gap would only shift the others
        vocab.append(term)
    return {"n": arrays["n"], "id": arrays["id"], "tf": arrays["tf"], "vocab": vocab}
