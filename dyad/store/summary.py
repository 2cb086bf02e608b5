"""What one ingest run found: counts over the documents it added, for the line ``dyad ingest`` ends with.

Counts come from the per-document tables (what each document's extractors gave, before merging
across documents), so they describe this run alone: events stated as having happened, agreements
(distinct ones), positions, quantities, and the pairs of states with the most events. Each
document also gets its own counts, so that the command can warn about a document that gave no
events or whose actors mostly stayed unlinked (names the actor data does not hold).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dyad.store.db import Store

ACTOR_KINDS = ("person", "state", "organisation")


@dataclass(frozen=True)
class DocCounts:
    """One added document: its events, and its actor mentions (persons, states, organisations) and how
    many of those no known actor was linked to."""

    doc_id: str
    events: int
    actors: int
    unlinked: int


@dataclass(frozen=True)
class RunSummary:
    documents: int
    events: int
    agreements: int
    positions: int
    quantities: int
    top_pairs: list[tuple[str, int]] = field(default_factory=list)
    per_doc: dict[str, DocCounts] = field(default_factory=dict)


_HAPPENED = "NOT coalesce(CAST(record->>'negated' AS BOOLEAN), false)" \
            " AND NOT coalesce(CAST(record->>'hypothetical' AS BOOLEAN), false)"  # fmt: skip


def run_summary(store: Store, doc_ids: list[str], *, pairs: int = 3) -> RunSummary:
    """Counts over the documents ``doc_ids`` (sha256 ids) and each one's own; ``pairs`` top pairs of states.

    >>> run_summary(store, [sha]).events  # doctest: +SKIP
    14
    """
    if not doc_ids:
        return RunSummary(0, 0, 0, 0, 0)
    con, ids = store.con, list(dict.fromkeys(doc_ids))

    def rows(sql: str) -> list[tuple]:
        return con.execute(sql, [ids]).fetchall()

    def one(sql: str) -> int:
        got = rows(sql)
        return int(got[0][0]) if got and got[0][0] is not None else 0

    within = "list_contains(?, doc_id)"
    events = one(f"SELECT count(*) FROM event_mentions WHERE {within} AND {_HAPPENED}")
    agreements = one(f"SELECT count(DISTINCT record->>'key') FROM agreement_mentions WHERE {within}")
    positions = one(f"SELECT count(*) FROM positions WHERE {within}")
    quantities = one(f"SELECT count(*) FROM quantities WHERE {within}")
    top = rows(
        f"SELECT pair, count(*) AS n FROM event_mentions WHERE {within} AND {_HAPPENED}"
        f" GROUP BY pair ORDER BY n DESC, pair LIMIT {int(pairs)}"
    )
    ev_by_doc = dict(rows(
        f"SELECT doc_id, count(*) FROM event_mentions WHERE {within} AND {_HAPPENED} GROUP BY doc_id"
    ))  # fmt: skip
    kinds = ", ".join(f"'{k}'" for k in ACTOR_KINDS)
    actors = {
        d: (int(n), int(u))
        for d, n, u in rows(
            f"SELECT doc_id, count(*), count(*) FILTER (WHERE NOT known) FROM mentions"
            f" WHERE {within} AND kind IN ({kinds}) GROUP BY doc_id"
        )
    }
    found = one(f"SELECT count(*) FROM documents WHERE {within}")
    per_doc = {d: DocCounts(d, int(ev_by_doc.get(d, 0)), *actors.get(d, (0, 0))) for d in ids}
    return RunSummary(found, events, agreements, positions, quantities, [(p, int(n)) for p, n in top], per_doc)
