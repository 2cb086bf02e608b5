"""Summaries of a served database kept in memory until its file changes: totals, date bounds, month tables.

A read-only DuckDB connection holds the file's lock, so nothing writes to the file while this
process serves it; the file's mtime guards the other cases (a snapshot replaced under the same
name). A store opened for writing gets every summary built afresh. The least recently used
summaries go first once :data:`CAPACITY` are kept, so a page whose filters rotate (dyads, types,
dates) does not push out the per-pair tables every page reads.

>>> total = cached(store, "dyads:50", lambda: count_dyads(store))  # doctest: +SKIP
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from dyad.store.db import Store

T = TypeVar("T")

#: How many summaries are kept (each is small: a count, a bound, at most a few thousand month rows).
CAPACITY = 2048

_KEPT: OrderedDict[tuple[str, int, str], Any] = OrderedDict()


def cached(store: Store, key: str, build: Callable[[], T]) -> T:
    """``build()``, memoised under ``key`` for a read-only ``store`` until its file changes."""
    if not store.read_only:
        return build()
    try:
        stamp = store.path.stat().st_mtime_ns
    except OSError:
        return build()
    cache_key = (str(store.path), stamp, key)
    if cache_key in _KEPT:
        _KEPT.move_to_end(cache_key)
        value: T = _KEPT[cache_key]
        return value
    value = build()
    _KEPT[cache_key] = value
    while len(_KEPT) > CAPACITY:
        _KEPT.popitem(last=False)
    return value


def forget() -> None:
    """Drop every summary (a benchmark that times cold requests)."""
    _KEPT.clear()
