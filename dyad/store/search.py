"""The SQL behind ``dyad ask``: passages to index, their cached vectors, and what the extractors saw in them.

The ask stage builds its keyword index in memory from :func:`index_rows`; the
optional semantic index caches one vector per passage in ``passage_vectors``
(keyed by document hash, sentence index and model name) so the embedding cost
is paid once per passage, at the first question after an ingest.
``corpus_stamp`` changes whenever the current documents change, so an in-memory
index knows when it is stale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from dyad.store.db import dict_rows
from dyad.store.keywords import ORDER

if TYPE_CHECKING:
    from dyad.store.db import Store


def corpus_stamp(store: Store) -> str:
    """A short string that changes whenever the set of current documents changes.

    The count and the sum of the documents' hashed ids: no sort and no string of every id, so it costs
    a couple of milliseconds at 10,000 documents (every search asks for it), where an md5 of the sorted
    ids cost 30.
    """
    key = None
    if store.read_only:  # nothing writes a file this process holds read-only: ask again only if it changed
        try:
            key = (str(store.path), store.path.stat().st_mtime_ns)
        except OSError:
            key = None
        if key is not None and key in _STAMPS:
            return _STAMPS[key]
    row = store.con.execute("SELECT count(*), coalesce(sum(hash(doc_id)), 0) FROM documents WHERE current").fetchone()
    assert row is not None
    stamp = f"{row[0]}:{int(row[1]):x}"
    if key is not None:
        if len(_STAMPS) > 64:
            _STAMPS.clear()
        _STAMPS[key] = stamp
    return stamp


_STAMPS: dict[tuple[str, int], str] = {}


def index_rows(store: Store) -> list[dict[str, Any]]:
    """Every current passage: ``doc`` (file name), ``doc_id``, ``idx``, original ``start``/``end``, ``text``,
    ``ref_date`` and the document's ``published`` date, in the stored terms' order (:mod:`dyad.store.keywords`)."""
    cur = store.con.execute(
        'SELECT d.name AS doc, p.doc_id, p.idx, p.ostart AS start, p.oend AS "end", p.text, p.ref_date,'
        f" d.published FROM passages p JOIN documents d USING (doc_id) WHERE d.current ORDER BY {ORDER}"
    )
    return dict_rows(cur)


def original_span(store: Store, doc: str, start: int, end: int) -> str:
    """``original[start:end]`` of the current document named ``doc`` (for checking citations)."""
    row = store.con.execute(
        "SELECT substr(original, ? + 1, ?) FROM documents WHERE name = ? AND current", [start, end - start, doc]
    ).fetchone()
    return row[0] if row else ""


def timexes_in(store: Store, doc_id: str, start: int, end: int) -> list[dict[str, Any]]:
    """Normalised time expressions inside the original span ``[start, end)`` of one document."""
    cur = store.con.execute(
        'SELECT start, "end", text, value, end_value, precision FROM timexes'
        ' WHERE doc_id = ? AND start >= ? AND "end" <= ? ORDER BY start',
        [doc_id, start, end],
    )
    return dict_rows(cur)


def cached_vectors(store: Store, model: str) -> dict[tuple[str, int], np.ndarray]:
    """``(doc_id, idx) -> vector`` for the passages already embedded with ``model``."""
    if not _has_vectors_table(store):
        return {}
    cur = store.con.execute("SELECT doc_id, idx, vec FROM passage_vectors WHERE model = ?", [model])
    out: dict[tuple[str, int], np.ndarray] = {}
    while batch := cur.fetchmany(4096):
        for doc_id, idx, vec in batch:
            out[(doc_id, idx)] = np.asarray(vec, dtype=np.float32)
    return out


def save_vectors(store: Store, model: str, rows: list[tuple[str, int, np.ndarray]]) -> bool:
    """Cache vectors; a read-only store (or an old schema) keeps nothing and says so with ``False``."""
    if store.read_only or not rows or not _has_vectors_table(store):
        return False
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        con.executemany(
            "INSERT INTO passage_vectors VALUES (?, ?, ?, ?)",
            [[doc_id, idx, model, vec.astype(np.float32).tolist()] for doc_id, idx, vec in rows],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return True


def _has_vectors_table(store: Store) -> bool:
    row = store.con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'passage_vectors'"
    ).fetchone()
    return bool(row and row[0])
