"""The rebuild's merge is records in, records out: run on the stored records of the seeds (real ingest,
real database), without writing, it gives the merged events the store holds."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from dyad.analysis.derive import merge_all, remerge_pair
from dyad.store.db import Store
from tests.bundled import KNOWLEDGE


def test_derive_merge_all_gives_the_stored_events(seeds_db: Path) -> None:
    with Store.open(seeds_db, read_only=True) as store:
        merged = merge_all(store.event_records(), KNOWLEDGE.events)
        stored = store.event_evidence()
    assert len(merged) > 50
    assert {e["id"]: e["evidence"] for e in merged} == stored


def test_derive_remerge_pair_replaces_what_its_documents_touch(seeds_db: Path) -> None:
    with Store.open(seeds_db, read_only=True) as store:
        pair, _n = Counter(e["pair"] for e in merge_all(store.event_records(), KNOWLEDGE.events)).most_common(1)[0]
        names = sorted({name for (name,) in store.con.execute("SELECT name FROM documents").fetchall()})
        events = store.pair_event_dates(pair)
        everything = remerge_pair(
            pair, store.event_dates(pair, names), store.pair_event_records(pair), events, KNOWLEDGE.events
        )
        nothing = remerge_pair(
            pair, store.event_dates(pair, []), store.pair_event_records(pair), events, KNOWLEDGE.events
        )
        stored = store.event_evidence([i for i, _d, _e in events])
    gone, merged = everything
    assert sorted(gone) == sorted(stored) and {e["id"]: e["evidence"] for e in merged} == stored
    assert all(e["pair"] == pair for e in merged)
    assert nothing == ([], [])
