"""The database schema, as numbered migrations applied in order.

``meta.schema_version`` records the last migration applied. A database newer
than this code is refused rather than guessed at. Per-document tables are keyed
by ``doc_id`` (the sha256 of the file's bytes); all offsets in them are offsets
into the document's original text. ``events``, ``agreements`` and ``entities``
are derived tables rebuilt from the per-document ones after every ingest: events
only for the country pairs an ingest touched, entities only for the actors it
mentioned, so one new document costs little in a large database. An entity's
mentions are read from ``mentions`` when needed, not copied into ``entities``.
"""

from __future__ import annotations

from dyad.store import aggregates

MIGRATIONS: list[str] = [
    # 1: documents, passages and every per-document extraction table.
    """
    CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
    CREATE TABLE documents (
        doc_id VARCHAR PRIMARY KEY,
        name VARCHAR NOT NULL,
        path VARCHAR,
        format VARCHAR NOT NULL,
        title VARCHAR,
        published VARCHAR,
        chars INTEGER NOT NULL,
        original VARCHAR NOT NULL,
        text VARCHAR NOT NULL,
        offset_map VARCHAR NOT NULL,
        removed JSON NOT NULL,
        version INTEGER NOT NULL,
        current BOOLEAN NOT NULL,
        ingested_at TIMESTAMP NOT NULL
    );
    CREATE INDEX documents_name ON documents (name);
    CREATE TABLE passages (
        doc_id VARCHAR NOT NULL, idx INTEGER NOT NULL, para INTEGER NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        ostart INTEGER NOT NULL, oend INTEGER NOT NULL, text VARCHAR NOT NULL,
        ref_date VARCHAR
    );
    CREATE TABLE mentions (
        doc_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text VARCHAR NOT NULL,
        entity_id VARCHAR NOT NULL, known BOOLEAN NOT NULL, kind VARCHAR, country VARCHAR, sentence INTEGER,
        how VARCHAR
    );
    CREATE INDEX mentions_entity ON mentions (entity_id);
    CREATE TABLE timexes (
        doc_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text VARCHAR NOT NULL,
        value VARCHAR NOT NULL, end_value VARCHAR, precision VARCHAR, sentence INTEGER, relative BOOLEAN
    );
    CREATE TABLE event_mentions (
        doc_id VARCHAR NOT NULL, pair VARCHAR NOT NULL, record JSON NOT NULL
    );
    CREATE INDEX event_mentions_pair ON event_mentions (pair);
    CREATE TABLE quantities (
        doc_id VARCHAR NOT NULL, record JSON NOT NULL
    );
    CREATE TABLE agreement_mentions (
        doc_id VARCHAR NOT NULL, record JSON NOT NULL
    );
    CREATE TABLE positions (
        doc_id VARCHAR NOT NULL, record JSON NOT NULL
    );
    CREATE TABLE events (
        id VARCHAR PRIMARY KEY, pair VARCHAR NOT NULL, date VARCHAR, end_date VARCHAR,
        source_id VARCHAR, source_country VARCHAR, target_id VARCHAR, target_country VARCHAR,
        type VARCHAR, quad VARCHAR, intensity DOUBLE, negated BOOLEAN, hypothetical BOOLEAN,
        record JSON NOT NULL
    );
    CREATE INDEX events_date ON events (date);
    CREATE TABLE agreements (id VARCHAR PRIMARY KEY, record JSON NOT NULL);
    CREATE INDEX events_pair ON events (pair);
    CREATE INDEX events_source ON events (source_id);
    CREATE INDEX events_target ON events (target_id);
    CREATE TABLE entities (
        id VARCHAR PRIMARY KEY, name VARCHAR, kind VARCHAR, country VARCHAR, mentions INTEGER, record JSON NOT NULL
    );
    """,
    # 2: one cached sentence vector per passage and embedding model (dyad ask's semantic search).
    """
    CREATE TABLE passage_vectors (
        doc_id VARCHAR NOT NULL, idx INTEGER NOT NULL, model VARCHAR NOT NULL, vec FLOAT[] NOT NULL
    );
    """,
    # 3: documents whose derived records (merged events, agreements, entities) are not rebuilt yet;
    # written in each document's own transaction, cleared after the rebuild, so a kill in between heals.
    """
    CREATE TABLE derived_pending (name VARCHAR PRIMARY KEY);
    """,
    # 4: ids of merged events that are gone because their event now has another id (two events merged,
    # the anchor's document was replaced): old id -> the id to follow, so served links keep working.
    """
    CREATE TABLE id_redirects (old VARCHAR PRIMARY KEY, new VARCHAR NOT NULL);
    """,
    # 5: an analyst's corrections of facts (``dyad correct``), in the order made, keyed by the fact's id as
    # given (followed through id_redirects when applied); and the rows of ``events`` as the rebuild left them
    # before the corrections were applied, so each rebuild starts from the uncorrected model.
    """
    CREATE TABLE corrections (
        n INTEGER PRIMARY KEY, kind VARCHAR NOT NULL, fact VARCHAR NOT NULL, action VARCHAR NOT NULL,
        value JSON, who VARCHAR NOT NULL, why VARCHAR NOT NULL, made_at TIMESTAMP NOT NULL,
        withdrawn BOOLEAN NOT NULL DEFAULT false
    );
    CREATE TABLE uncorrected_events (id VARCHAR PRIMARY KEY, pair VARCHAR NOT NULL, record JSON NOT NULL);
    """,
    # 6: page aggregates (events per pair and month, per pair and actor), filled from the events already
    # stored and kept up to date by every write of events (dyad.store.aggregates).
    aggregates.DDL + aggregates.FILL_ALL,
    # 7: the registry records of ``agreements`` as the rebuild left them, for each agreement a correction
    # changed or withheld (as uncorrected_events is for events).
    """
    CREATE TABLE uncorrected_agreements (id VARCHAR PRIMARY KEY, record JSON NOT NULL);
    """,
    # 8: the page aggregates by event type (pair_months) and by month (actor_pairs), so the totals and the
    # first-page date bounds of a filtered timeline and of an actor's events come from them; refilled.
    aggregates.RESHAPE,
    # 9: the per-document records (positions, quantities) a correction changed or withheld: each as extracted
    # (``original``) and as corrected (in its table now, or ``withheld`` from it when marked wrong), so a lift
    # can put the extracted one back (dyad.store.corrections_spans).
    """
    CREATE TABLE uncorrected_records (
        kind VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, original JSON NOT NULL, corrected JSON NOT NULL,
        withheld BOOLEAN NOT NULL
    );
    """,
    # 10: each merged event's evidence quotes (the repaired words of each span, dyad.store.quotes), written with
    # the row, so a page of events does not load the documents it quotes; NULL in rows written before.
    """
    ALTER TABLE events ADD COLUMN quotes JSON;
    """,
    # 11: each pair's month table per event type and for every type, as one row (dyad.store.aggregates), so a
    # timeline filtered by dyad reads one row for its total and first-page bound; filled from pair_months and
    # kept with it by every write of events.
    aggregates.MONTH_TABLES_DDL + aggregates.FILL_MONTH_TABLES,
]

SCHEMA_VERSION = len(MIGRATIONS)

#: Per-document tables: a document's rows in these are written in one transaction with it.
DOC_TABLES = ("passages", "mentions", "timexes", "event_mentions", "quantities", "agreement_mentions", "positions")
