"""The rebuild is records in, records out: run on the stored records of the seeds (real ingest, real
database), without writing, the merge, the registry and the entities give what the store holds."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from dyad.analysis.derive import entities_of, merge_all, registry_of, remerge_pair
from dyad.store import derived
from dyad.store.db import Store
from tests.bundled import KNOWLEDGE


def test_derive_merge_all_gives_the_stored_events(seeds_db: Path) -> None:
    with Store.open(seeds_db, read_only=True) as store:
        merged = merge_all(derived.event_records(store), KNOWLEDGE.events)
        stored = derived.evidence(store, "events")
    assert len(merged) > 50
    assert {e["id"]: e["evidence"] for e in merged} == stored


def test_derive_remerge_pair_replaces_what_its_documents_touch(seeds_db: Path) -> None:
    with Store.open(seeds_db, read_only=True) as store:
        pair, _n = Counter(e["pair"] for e in merge_all(derived.event_records(store), KNOWLEDGE.events)).most_common(1)[
            0
        ]
        names = sorted({name for (name,) in store.con.execute("SELECT name FROM documents").fetchall()})
        events = derived.pairs_events(store, [pair])[pair]
        windows = derived.pairs_windows(store, [pair], names)[pair]
        everything = remerge_pair(
            pair, [(d, e, True) for d, e, _n in windows], _records(store, pair), events, KNOWLEDGE.events
        )
        nothing = remerge_pair(
            pair, [(d, e, False) for d, e, _n in windows], _records(store, pair), events, KNOWLEDGE.events
        )
        stored = derived.evidence(store, "events", [i for i, _d, _e in events])
    gone, merged = everything
    assert sorted(gone) == sorted(stored) and {e["id"]: e["evidence"] for e in merged} == stored
    assert all(e["pair"] == pair for e in merged)
    assert nothing == ([], [])


def test_derive_registry_of_gives_the_stored_agreements(seeds_db: Path) -> None:
    with Store.open(seeds_db, read_only=True) as store:
        mentions = [r for _d, r in store.records("agreement_mentions")]
        stored = {r["id"]: r for r in store.derived("agreements")}
    registry, redirects = registry_of(mentions, {}, KNOWLEDGE.agreements)
    assert len(registry) > 5 and redirects == []
    assert {r["id"]: json.loads(json.dumps(r)) for r in registry} == stored  # as the store writes them
    # an id that is gone redirects to the record now holding its evidence
    some = registry[0]
    again, moved = registry_of(mentions, {"ag-old": some["evidence"]}, KNOWLEDGE.agreements)
    assert again == registry and moved == [("ag-old", some["id"])]


def test_derive_entities_of_gives_the_stored_entities(seeds_db: Path) -> None:
    with Store.open(seeds_db, read_only=True) as store:
        ids = derived.entity_ids_of(store)
        stats = derived.entity_mentions(store, ids)
        rows = store.con.execute("SELECT id, record FROM entities").fetchall()
    entities, gone = entities_of([*ids, "unknown:nobody"], stats, KNOWLEDGE.actors)
    assert gone == ["unknown:nobody"]
    assert {e["id"]: json.loads(json.dumps(e)) for e in entities} == {i: json.loads(r) for i, r in rows}


def _records(store: Store, pair: str) -> list:
    """One pair's records, read alone."""
    return [r for p, records in derived.pairs_records(store, [pair]) for r in records]


def test_derive_reads_many_pairs_as_it_reads_each(seeds_db: Path) -> None:
    """The rebuild reads the rows of many pairs with one statement each: the same rows, pair by pair, as reading
    each pair alone gives (a pair without rows gets none, and a caller may leave a pair's records unread)."""
    with Store.open(seeds_db, read_only=True) as store:
        names = sorted({name for (name,) in store.con.execute("SELECT name FROM documents").fetchall()})
        pairs = derived.event_pairs_of(store, names)
        assert len(pairs) > 5
        chunk = sorted([*pairs, "ZZZ|no-such-pair"])
        windows, events = derived.pairs_windows(store, chunk, names[:2]), derived.pairs_events(store, chunk)
        streamed = []
        for k, (pair, records) in enumerate(derived.pairs_records(store, chunk)):
            streamed.append(pair)
            assert Counter(windows[pair]) == Counter(derived.pairs_windows(store, [pair], names[:2])[pair])
            assert Counter(events[pair]) == Counter(derived.pairs_events(store, [pair])[pair])
            if k % 3 == 1:  # left unread: the next pair's records still come whole
                continue
            assert list(records) == _records(store, pair)
    assert streamed == chunk
    assert windows["ZZZ|no-such-pair"] == [] and events["ZZZ|no-such-pair"] == []
    assert sum(len(v) for v in events.values()) > 50
