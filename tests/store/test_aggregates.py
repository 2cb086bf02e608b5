"""The page aggregates (per pair and month, per pair and actor) always agree with the events they count.

Random merged events go through every way the store writes events (a full replace, a replace of some
pairs, the incremental replace by id, removals alone); after each, the aggregate tables are compared with
counts made here in Python from the rows of ``events``, and the page queries that read the aggregates
(totals of the timeline and the actor page, the dyad index, the dyad list) with the same figures
counted over the events themselves.
"""

from __future__ import annotations

import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyad.store import aggregates, derived, sorting
from dyad.store import queries as q
from dyad.store.db import Store
from dyad.store.schema import MIGRATIONS

#: (id, country): states, a person of each of two states, and an organisation with no country.
ACTORS = [("JPN", "JPN"), ("RUS", "RUS"), ("CHN", "CHN"), ("Q1", "JPN"), ("Q2", "RUS"), ("ORG", None)]
DATES = [None, "2016", "2016-03", "2016-03-05", "2016-03-28", "2017-11-02"]
TYPES = [("CONSULT", "verbal_cooperation"), ("SANCTION", "material_conflict")]
#: Date bounds of the timeline's filter: each cuts through some months of DATES and keeps others whole.
RANGES = [(None, "2016"), ("2016-03-05", None), ("2016-03", "2016-03-27"), ("2016-01-01", "2017"), ("2018", None)]


def _event(n: int, src: int, tgt: int, date: str | None, intensity: int, flag: int, kind: int = 0) -> dict[str, Any]:
    (sid, sc), (tid, tc) = ACTORS[src], ACTORS[tgt]
    return {
        "id": f"ev-{n}",
        "pair": "|".join(sorted((sc or sid, tc or tid))),
        "date": date,
        "end": None,
        "source": {"id": sid, "name": sid, "country": sc},
        "target": {"id": tid, "name": tid, "country": tc},
        "type": TYPES[kind][0],
        "quad": TYPES[kind][1],
        "intensity": float(intensity),
        "negated": flag == 1,
        "hypothetical": flag == 2,
        "evidence": [],
    }


EVENT = st.tuples(
    st.integers(0, len(ACTORS) - 1),
    st.integers(0, len(ACTORS) - 1),
    st.sampled_from(DATES),
    st.integers(-5, 5),
    st.sampled_from([0, 0, 0, 1, 2]),
    st.integers(0, len(TYPES) - 1),
)
STEPS = st.lists(st.tuples(st.sampled_from(["all", "pairs", "ids", "delete"]), st.lists(EVENT, max_size=8)), max_size=5)


def _rows(store: Store) -> list[tuple[Any, ...]]:
    return store.con.execute(
        "SELECT pair, date, source_id, source_country, target_id, target_country, intensity, id, type FROM events"
        " WHERE NOT negated AND NOT hypothetical"
    ).fetchall()


def _expected_months(rows: list[tuple[Any, ...]]) -> dict[tuple[Any, ...], tuple[int, float, Any, Any]]:
    groups: dict[tuple[Any, ...], list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        pair, date, _sid, sc, _tid, tc, _i, _id, kind = row
        groups[(pair, date[:7] if date else None, kind, sc != tc)].append(row)
    out = {}
    for key, group in groups.items():
        dates = [r[1] for r in group if r[1]]
        out[key] = (len(group), sum(r[6] for r in group), min(dates, default=None), max(dates, default=None))
    return out


def _expected_actors(rows: list[tuple[Any, ...]]) -> dict[tuple[Any, ...], tuple[int, int]]:
    by_id: Counter[tuple[Any, ...]] = Counter()
    by_country: Counter[tuple[Any, ...]] = Counter()
    for pair, date, sid, sc, tid, tc, _i, _id, _kind in rows:
        for counter, one, two in ((by_id, sid, tid), (by_country, sc, tc)):
            for actor in {one, two} - {None}:
                counter[(pair, actor, date[:7] if date else None)] += 1
    return {k: (by_id[k], by_country[k]) for k in by_id.keys() | by_country.keys()}


def _check_tables(store: Store) -> None:
    rows = _rows(store)
    months = store.con.execute(
        "SELECT pair, month, type, sides_differ, events, intensity, first, last FROM pair_months"
    ).fetchall()
    assert {r[:4]: r[4:] for r in months} == _expected_months(rows)
    assert len(months) == len(_expected_months(rows))  # no key twice
    actors = store.con.execute("SELECT pair, actor, month, by_id, by_country FROM actor_pairs").fetchall()
    assert {r[:3]: r[3:] for r in actors} == _expected_actors(rows)
    assert len(actors) == len(_expected_actors(rows))
    # each pair's month table (per type, and for every type) is what grouping its months gives
    for pair in {r[0] for r in rows} | {"ZZZ|none"}:
        for kind in [None, *(t for t, _quad in TYPES)]:
            grouped: dict[str | None, list[Any]] = {}
            for (p, month, t, _differ), (n, _i, first, last) in _expected_months(rows).items():
                if p == pair and (kind is None or t == kind):
                    got = grouped.setdefault(month, [month, 0, first, last])
                    got[1] += n
                    firsts, lasts = [d for d in (got[2], first) if d], [d for d in (got[3], last) if d]
                    got[2], got[3] = min(firsts, default=None), max(lasts, default=None)
            expected = [tuple(grouped[m]) for m in sorted(grouped, key=lambda m: (m is None, m or ""))]
            assert aggregates.months(store.con, pair, kind) == expected, (pair, kind)
    count = store.con.execute("SELECT count(*) FROM month_tables").fetchone()
    assert count == (len({(r[0], r[8]) for r in rows}) + len({r[0] for r in rows}),)  # no pair or type twice


def _check_pages(store: Store) -> None:
    rows = _rows(store)

    # the pages' totals, read from the aggregates, against counts over the events; and their pages (which
    # the aggregates narrow to the first months) against the events sorted here
    def order(picked: list[tuple[Any, ...]]) -> list[str]:
        return [r[7] for r in sorted(picked, key=lambda r: (r[1] is None, r[1] or "", r[7]))]

    for limit, offset in ((1, 0), (3, 0), (3, 2), (50, 0)):
        listed, total = q.events(store, q.EventFilter(), limit=limit, offset=offset)
        assert total == len(rows)
        assert [e["id"] for e in listed] == order(rows)[offset : offset + limit]
    for pair in {r[0] for r in rows}:
        a, b = pair.split("|")
        for limit, offset in ((2, 0), (2, 1), (50, 0)):
            listed, total = q.events(store, q.EventFilter(dyad=(a, b)), limit=limit, offset=offset)
            assert total == sum(r[0] == pair for r in rows)
            assert [e["id"] for e in listed] == order([r for r in rows if r[0] == pair])[offset : offset + limit]
        dated = [r for r in rows if r[0] == pair and r[1] and len(r[1]) >= 7 and r[3] != r[5]]
        per_month = Counter(r[1][:7] for r in dated)
        assert [(m["month"], m["count"]) for m in q.monthly(store, a, b)] == sorted(per_month.items())
    for actor_id, _country in ACTORS:
        listed, total = q.events(store, q.EventFilter(actor=actor_id), limit=1000)
        by_id = q._actor_columns(store, actor_id)[0] == "source_id"
        sides = [(r[2], r[4]) if by_id else (r[3], r[5]) for r in rows]
        assert total == len(listed) == sum(actor_id in side for side in sides)
        keys = [(e["date"] is None, e["date"] or "", e["id"]) for e in listed]
        assert keys == sorted(keys)
        mine = order([r for r, side in zip(rows, sides, strict=True) if actor_id in side])
        # sorted another way, an actor's list counts what it lists (its own filter: id and country columns)
        listed, total = sorting.sorted_events(
            store, q.EventFilter(actor=actor_id), sorting.Sort("type"), limit=50, offset=0
        )
        assert total == len(listed)
        for limit, offset in ((1, 0), (2, 1), (3, 0)):  # first pages: bounded by the actor's months
            listed, total = q.events(store, q.EventFilter(actor=actor_id), limit=limit, offset=offset)
            assert total == len(mine)
            assert [e["id"] for e in listed] == mine[offset : offset + limit]
    # the timeline filtered by type, dates and dyad, alone or together: totals and first pages from the months
    pairs = sorted({r[0] for r in rows})[:2]
    for pair in [None, *pairs]:
        for kind in [None, *(t for t, _quad in TYPES)]:
            for low, high in [(None, None), *RANGES]:
                dyad = (pair.split("|")[0], pair.split("|")[1]) if pair else None
                f = q.EventFilter(dyad=dyad, type=kind, date_from=low, date_to=high)
                kept = [
                    r
                    for r in rows
                    if (pair is None or r[0] == pair)
                    and (kind is None or r[8] == kind)
                    and (low is None or (r[1] is not None and r[1] >= low))
                    and (high is None or (r[1] is not None and r[1] <= high + "\uffff"))
                ]
                for limit, offset in ((1, 0), (2, 1), (50, 0)):
                    listed, total = q.events(store, f, limit=limit, offset=offset)
                    assert total == len(kept), (f, limit, offset)
                    assert [e["id"] for e in listed] == order(kept)[offset : offset + limit], (f, limit, offset)
                # another order pages the same set: its total comes from the aggregates too
                listed, total = sorting.sorted_events(store, f, sorting.Sort("intensity", True), limit=50, offset=0)
                assert total == len(kept) and sorted(e["id"] for e in listed) == sorted(r[7] for r in kept)
    for d in q._dyads(store, 50):
        assert d["events"] == sum(r[0] == f"{d['a']}|{d['b']}" for r in rows)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=st.lists(EVENT, max_size=12), steps=STEPS)
def test_aggregates_follow_every_write_of_events(first: list[tuple[Any, ...]], steps: list[Any]) -> None:
    counter = iter(range(10_000))
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "a.duckdb") as store:
        derived.replace_events(store, [_event(next(counter), *e) for e in first])
        _check_tables(store)
        _check_pages(store)
        for how, raw in steps:
            new = [_event(next(counter), *e) for e in raw]
            stored = [r[0] for r in store.con.execute("SELECT id FROM events ORDER BY id").fetchall()]
            if how == "all":
                derived.replace_events(store, new)
            elif how == "pairs":
                pairs = sorted({e["pair"] for e in new})
                derived.replace_events(store, new, pairs)
            elif how == "ids":  # the incremental rebuild: some events go, others come (of any pair)
                derived.replace_event_ids(store, stored[::2], new)
            else:  # events go, none come (a correction that marks an event wrong)
                derived.replace_event_ids(store, stored[1::2], [])
            _check_tables(store)
            _check_pages(store)


def test_aggregates_migration_counts_the_events_already_stored(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    for number, sql in enumerate(MIGRATIONS[:5]):
        con.execute(sql)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(number + 1)])
    con.execute(
        "INSERT INTO events VALUES ('e1', 'JPN|RUS', '2016-03-05', NULL, 'Q1', 'JPN', 'RUS', 'RUS', 'CONSULT',"
        " 'verbal_cooperation', 1.0, false, false, '{}'),"
        " ('e2', 'JPN|RUS', '2016-03-20', NULL, 'RUS', 'RUS', 'JPN', 'JPN', 'CONSULT',"
        " 'verbal_cooperation', 2.0, false, false, '{}'),"
        " ('e3', 'JPN|RUS', '2016-04-01', NULL, 'RUS', 'RUS', 'JPN', 'JPN', 'CONSULT',"
        " 'verbal_cooperation', 2.0, true, false, '{}')"
    )
    con.close()
    with Store.open(path) as store:
        assert q.monthly(store, "RUS", "JPN") == [{"month": "2016-03", "count": 2, "sum": 3.0}]
        assert q.events(store, q.EventFilter(actor="Q1"), limit=10)[1] == 1
        _check_tables(store)
