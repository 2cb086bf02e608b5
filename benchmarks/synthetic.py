"""Synthetic documents and events for scale tests — clearly marked synthetic, never used for accuracy.

Everything is generated column-wise (NumPy and Arrow) and appended to the database
in bulk through :func:`dyad.store.parquet.append_arrow`, never row by row in Python:

- ``fill_database(db, documents=N)``: N small synthetic documents, each with one
  passage and ``events_per_document`` event mentions, and the derived events
  (the incremental-ingest benchmark's base);
- ``fill_events_bulk(db, n_events)``: a serving-size model straight into the
  derived tables: ``n_events`` merged events, the states as entities, and one
  synthetic document with one passage per 100 events (the API benchmark's base).

File names start with ``synthetic-`` and every text says it is synthetic.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dyad.store.db import Store
from dyad.store.parquet import append_arrow

STATES = ["JPN", "RUS", "USA", "CHN", "KOR", "PRK", "UKR", "GBR", "FRA", "DEU", "IND", "TUR"]
TYPES = [
    ("CONSULT", "verbal_cooperation", 4.0),
    ("AGREE", "verbal_cooperation", 6.0),
    ("REQUEST", "verbal_conflict", 1.0),
    ("ACCUSE", "verbal_conflict", -4.0),
    ("SANCTION", "material_conflict", -7.0),
    ("COOPERATE", "material_cooperation", 6.0),
]
TOPICS = ["fisheries", "energy", "islands", "visas", "trade", "missiles", "summit", "sanctions", "grain", "ports"]


def _s(values: object) -> pa.Array:
    return pc.cast(pa.array(values), pa.string())


def _join(*parts: object) -> pa.Array:
    """Element-wise concatenation of string arrays and literals (how the JSON records are built)."""
    return pc.binary_join_element_wise(*parts, "")


def _dates(rng: np.random.Generator, n: int) -> pa.Array:
    year = _s(rng.integers(1990, 2026, n))
    month = pc.utf8_lpad(_s(rng.integers(1, 13, n)), 2, "0")
    day = pc.utf8_lpad(_s(rng.integers(1, 29, n)), 2, "0")
    return _join(year, "-", month, "-", day)


def _event_columns(rng: np.random.Generator, n: int) -> dict[str, pa.Array]:
    a = rng.integers(0, len(STATES), n)
    b = (a + rng.integers(1, len(STATES), n)) % len(STATES)
    t = rng.integers(0, len(TYPES), n)
    states = np.array(STATES, dtype=object)
    return {
        "date": _dates(rng, n),
        "source": pa.array(states[a], pa.string()),
        "target": pa.array(states[b], pa.string()),
        "type": pa.array(np.array([x[0] for x in TYPES], dtype=object)[t], pa.string()),
        "quad": pa.array(np.array([x[1] for x in TYPES], dtype=object)[t], pa.string()),
        "intensity": pa.array(np.array([x[2] for x in TYPES])[t]),
    }


def _pair(ev: dict[str, pa.Array]) -> pa.Array:
    """The unordered state pair ``"AAA|BBB"`` the store keys events by."""
    src, tgt = ev["source"], ev["target"]
    first = pc.less(src, tgt)
    return _join(pc.if_else(first, src, tgt), "|", pc.if_else(first, tgt, src))


def _actor_json(code: pa.Array) -> pa.Array:
    return _join('{"id": "', code, '", "name": "', code, '", "country": "', code, '"}')


def _documents(count: int, texts: pa.Array) -> pa.Table:
    ids = _join("synthetic-", pc.utf8_lpad(_s(np.arange(count)), 7, "0"))
    names = _join(ids, ".txt")
    chars = pc.utf8_length(texts)
    offset_map = _join("[[0,0,1,", _s(chars), ",1]]")  # MappedText.identity(text).dumps(), column-wise
    return pa.table(
        {
            "doc_id": ids,
            "name": names,
            "path": names,
            "format": pa.repeat("txt", count),
            "title": pa.nulls(count, pa.string()),
            "published": pa.nulls(count, pa.string()),
            "chars": chars,
            "original": texts,
            "text": texts,
            "offset_map": offset_map,
            "removed": pa.repeat("[]", count),
            "version": pa.repeat(1, count),
            "current": pa.repeat(True, count),
            "ingested_at": pa.repeat(pa.scalar(0, pa.timestamp("us")), count),
        }
    )


def _texts(rng: np.random.Generator, count: int) -> pa.Array:
    topics = np.array(TOPICS, dtype=object)
    one, two = topics[rng.integers(0, len(TOPICS), count)], topics[rng.integers(0, len(TOPICS), count)]
    return _join(
        "Synthetic benchmark document ",
        _s(np.arange(count)),
        " on ",
        pa.array(one, pa.string()),
        " and ",
        pa.array(two, pa.string()),
        "; not real reporting.",
    )


def _passages(docs: pa.Table) -> pa.Table:
    n, chars = docs.num_rows, docs["chars"]
    zero = pa.repeat(0, n)
    return pa.table(
        {
            "doc_id": docs["doc_id"],
            "idx": zero,
            "para": zero,
            "start": zero,
            "end": chars,
            "ostart": zero,
            "oend": chars,
            "text": docs["text"],
            "ref_date": pa.nulls(n, pa.string()),
        }
    )


def _event_fields(ev: dict[str, pa.Array]) -> list[object]:
    """The JSON pieces an event mention and a merged event share: from after the date to the intensity."""
    return ['", "end": null, "source": ', _actor_json(ev["source"]), ', "target": ', _actor_json(ev["target"]),
            ', "type": "', ev["type"], '", "mode": null, "quad": "', ev["quad"], '", "intensity": ',
            _s(ev["intensity"])]  # fmt: skip


def _mention_records(ev: dict[str, pa.Array], doc: pa.Array, text: pa.Array, end: pa.Array) -> pa.Array:
    """Event mentions in the stored form of :class:`dyad.records.EventRecord`."""
    return _join(
        '{"date": "',
        ev["date"],
        *_event_fields(ev),
        ', "negated": false, "hypothetical": false, "cameo": null, "evidence": {"doc": "',
        doc,
        '", "start": 0, "end": ',
        _s(end),
        ', "text": "',
        text,
        '"}, "speaker": null, "location": null, "persons": [], "trigger": ""}',
    )


def _merged_events(ev: dict[str, pa.Array], names: pa.Array, texts: pa.Array, ends: pa.Array) -> pa.Table:
    """One merged event per generated event, in the derived table's form, stored in (date, id) order."""
    n = len(ev["date"])
    ids = _join("ev-synthetic-", pc.utf8_lpad(_s(np.arange(n)), 8, "0"))
    records = _join(
        '{"id": "',
        ids,
        '", "date": "',
        ev["date"],
        *_event_fields(ev),
        ', "negated": false, "hypothetical": false,'
        ' "cameo": null, "persons": [], "speaker": null, "evidence": [{"doc": "',
        names,
        '", "start": 0, "end": ',
        _s(ends),
        ', "text": "',
        texts,
        '"}]}',
    )
    events = pa.table(
        {
            "id": ids,
            "pair": _pair(ev),
            "date": ev["date"],
            "end_date": pa.nulls(n, pa.string()),
            "source_id": ev["source"],
            "source_country": ev["source"],
            "target_id": ev["target"],
            "target_country": ev["target"],
            "type": ev["type"],
            "quad": ev["quad"],
            "intensity": ev["intensity"],
            "negated": pa.repeat(False, n),
            "hypothetical": pa.repeat(False, n),
            "record": records,
            # each event quotes its whole plain document through an identity map: the quote is the tidied
            # text of the entry, which dyad.store.quotes.column stores as null
            "quotes": pa.repeat("[null]", n),
        }
    )
    return events.sort_by([("date", "ascending"), ("id", "ascending")])  # as rebuild_derived stores them


# Agreement keys real documents produce (dyad/data/agreements.yaml and the generic per-dyad peace treaty):
# each gets thousands of synthetic mentions, as a much-cited agreement would in a large corpus.
AGREEMENT_KEYS = ["peace-treaty:JPN-RUS", "joint-declaration-1956", "eight-point-plan-2016",
                  "joint-economic-activities-kurils"]  # fmt: skip
STATUSES = ["negotiating", "signed", "proposed", "in_force"]


def _agreement_mentions(rng: np.random.Generator, docs: pa.Table, per_document: int) -> pa.Table:
    """``per_document`` agreement mentions per synthetic document, in the agreement_mentions table's form."""
    n = docs.num_rows * per_document
    owner = np.repeat(np.arange(docs.num_rows), per_document)
    keys = pa.array(np.array(AGREEMENT_KEYS, dtype=object)[rng.integers(0, len(AGREEMENT_KEYS), n)], pa.string())
    status = pa.array(np.array(STATUSES, dtype=object)[rng.integers(0, len(STATUSES), n)], pa.string())
    records = _join(
        '{"key": "', keys, '", "name": "synthetic ', keys, '", "kind": "treaty", "parties": ["JPN", "RUS"],'
        ' "date": null, "status": "', status, '", "status_date": "', _dates(rng, n), '", "fields": [],'
        ' "evidence": {"doc": "', docs["name"].take(owner), '", "start": 0, "end": ', _s(docs["chars"].take(owner)),
        ', "text": "', docs["text"].take(owner), '"}}',
    )  # fmt: skip
    return pa.table({"doc_id": docs["doc_id"].take(owner), "record": records})


def _state_entities(mentions: int) -> pa.Table:
    codes = pa.array(STATES, pa.string())
    return pa.table(
        {
            "id": codes,
            "name": codes,
            "kind": pa.repeat("state", len(STATES)),
            "country": codes,
            "mentions": pa.repeat(mentions, len(STATES)),
            "record": _join(
                '{"id": "',
                codes,
                '", "wikidata": null, "name": "',
                codes,
                '", "kind": "state", "country": "',
                codes,
                '", "aliases": [], "roles": [], "mentions": ',
                str(mentions),
                "}",
            ),
        }
    )


def _append_all(db: Path, tables: list[tuple[str, pa.Table]]) -> None:
    with Store.open(db) as store:
        store.con.execute("BEGIN TRANSACTION")
        for table, data in tables:
            append_arrow(store, table, data)
        store.con.execute("COMMIT")


def fill_database(
    db: Path,
    *,
    documents: int,
    events_per_document: int = 20,
    agreements_per_document: int = 2,
    seed: int = 7,
    rebuild: bool = False,
) -> None:
    """``documents`` synthetic documents with their passages, event and agreement mentions, and the derived
    tables (the agreement registry is left to the first ingest that touches each agreement).

    The derived events are written in bulk, one per mention (synthetic mentions never describe the same
    event); ``rebuild=True`` computes them with the real ``rebuild_derived`` instead (minutes at 10,000).
    """
    rng = np.random.default_rng(seed)
    docs = _documents(documents, _texts(rng, documents))
    n = documents * events_per_document
    owner = np.repeat(np.arange(documents), events_per_document)
    ev = _event_columns(rng, n)
    names, texts, ends = docs["name"].take(owner), docs["text"].take(owner), docs["chars"].take(owner)
    mentions = pa.table(
        {"doc_id": docs["doc_id"].take(owner), "pair": _pair(ev), "record": _mention_records(ev, names, texts, ends)}
    )
    tables = [("documents", docs), ("passages", _passages(docs)), ("event_mentions", mentions),
              ("agreement_mentions", _agreement_mentions(rng, docs, agreements_per_document))]  # fmt: skip
    if not rebuild:
        tables += [("events", _merged_events(ev, names, texts, ends)), ("entities", _state_entities(0))]
    _append_all(db, tables)
    if rebuild:
        from dyad.analysis.derive import rebuild_derived
        from dyad.config import Options
        from dyad.knowledge import Knowledge

        with Store.open(db) as store:
            rebuild_derived(store, Knowledge.from_options(Options()))


def fill_events_bulk(db: Path, n_events: int, *, seed: int = 7, events_per_document: int = 100) -> None:
    """A database holding ``n_events`` merged events (plus entities, documents, passages) for API timings."""
    rng = np.random.default_rng(seed)
    count = max(1, n_events // events_per_document)
    docs = _documents(count, _texts(rng, count))
    owner = rng.integers(0, count, n_events)
    ev = _event_columns(rng, n_events)
    events = _merged_events(ev, docs["name"].take(owner), docs["text"].take(owner), docs["chars"].take(owner))
    _append_all(
        db,
        [
            ("documents", docs),
            ("passages", _passages(docs)),
            ("events", events),
            ("entities", _state_entities(n_events // len(STATES))),
        ],
    )
