"""Issue 18: event ids depend on the evidence only, never on ingest order or batching; a changed id redirects.

Three short documents of our own report the same two acts (a meeting, an accusation) and one more each.
They are ingested in several batchings and orders through the real pipeline and store. An id is anchored
in the evidence whose document name sorts first, so new evidence from a document that sorts later keeps
it, and evidence from one that sorts earlier moves it, with a redirect from the old id.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.config import Options
from dyad.pipeline import ingest
from dyad.store.db import Store

DOCS = {
    "a_wire.txt": "Ministers meet in Moscow\n\nOn 4 May 2019 the foreign ministers of Japan and Russia met in Moscow"
    " to discuss a peace treaty.\nOn 12 June 2019 Russia accused Japan of militarising the islands.\n",
    "b_paper.txt": "Talks in Moscow\n\nJapan and Russia held talks in Moscow on 4 May 2019, their foreign ministers"
    " said afterwards.\nIn March 2020 China protested to India over a road near the border.\n",
    "c_blog.txt": "A spring of diplomacy\n\nThe Japanese and Russian foreign ministers met in Moscow in May 2019.\n"
    "On 12 June 2019 Russia accused Japan of militarising the disputed islands, a claim Tokyo rejected.\n",
}


def _events(db: Path) -> dict[str, set[tuple[str, int]]]:
    with Store.open(db, read_only=True) as store:
        return {
            e["id"]: {(v["doc"], v["start"]) for v in e["evidence"]} for e in store.derived("events", include_all=True)
        }


def _ingest(folder: Path, db: Path, batches: list[list[str]]) -> list[dict[str, set[tuple[str, int]]]]:
    """Ingest the batches in turn; the events after each."""
    seen = []
    for batch in batches:
        for name in batch:
            (folder / name).write_text(DOCS[name])
        results = list(ingest([folder / n for n in batch], Options(db=db, processes=1)))
        assert all(r.status == "added" for r in results), results
        seen.append(_events(db))
    return seen


def _check_served_ids_resolve(db: Path, seen: list[dict[str, set[tuple[str, int]]]]) -> int:
    """Every id served after any batch is live at the end with all its evidence, or redirects to the event
    that holds its evidence now; returns how many redirect."""
    final = seen[-1]
    moved = 0
    with Store.open(db, read_only=True) as store:
        for earlier in seen[:-1]:
            for old_id, spans in earlier.items():
                if old_id in final:
                    assert spans <= final[old_id]  # it only gained evidence
                else:
                    new = store.redirect(old_id)
                    assert new in final and spans <= final[new], (old_id, new)
                    moved += 1
    return moved


def _check_served_ids_survive(db: Path, seen: list[dict[str, set[tuple[str, int]]]]) -> None:
    """Evidence arriving in name order: every id served after any batch is live at the end."""
    assert _check_served_ids_resolve(db, seen) == 0
    final = seen[-1]
    for earlier in seen[:-1]:
        for old_id, spans in earlier.items():
            grown = [i for i, s in final.items() if spans <= s]  # one passage may state two acts: several
            assert not grown or old_id in grown, (old_id, grown)  # all its evidence is still one event's: same id


BATCHINGS = {
    "one batch": [["a_wire.txt", "b_paper.txt", "c_blog.txt"]],
    "one by one": [["a_wire.txt"], ["b_paper.txt"], ["c_blog.txt"]],
    "one then two": [["a_wire.txt"], ["b_paper.txt", "c_blog.txt"]],
}
OTHER_ORDERS = {
    "reverse one by one": [["c_blog.txt"], ["b_paper.txt"], ["a_wire.txt"]],
    "middle, then the rest": [["b_paper.txt"], ["c_blog.txt", "a_wire.txt"]],
}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[dict[str, set[tuple[str, int]]]]]]:
    out = {}
    for label, batches in {**BATCHINGS, **OTHER_ORDERS}.items():
        folder = tmp_path_factory.mktemp("ids")
        out[label] = (folder / "x.duckdb", _ingest(folder, folder / "x.duckdb", batches))
    return out


def test_event_ids_same_for_every_order_and_batching(runs: dict) -> None:
    finals = [seen[-1] for _db, seen in runs.values()]
    assert len(finals[0]) >= 4 and any(len(s) >= 2 for s in finals[0].values())  # some events merged across docs
    assert all(f == finals[0] for f in finals)  # the same ids, each with the same evidence


@pytest.mark.parametrize("label", BATCHINGS)
def test_event_ids_survive_new_evidence(runs: dict, label: str) -> None:
    db, seen = runs[label]
    _check_served_ids_survive(db, seen)


@pytest.mark.parametrize("label", OTHER_ORDERS)
def test_event_ids_moved_by_earlier_evidence_redirect(runs: dict, label: str) -> None:
    """Evidence from a document whose name sorts first takes the anchor: the old id redirects (several
    moves never chain: the first id points at the last)."""
    db, seen = runs[label]
    assert _check_served_ids_resolve(db, seen) >= 1


def test_event_ids_new_version_keeps_unchanged_anchor(tmp_path: Path) -> None:
    """A new version of the anchor's document that moves its passages, not their words, keeps every id."""
    db = tmp_path / "x.duckdb"
    seen = _ingest(tmp_path, db, [["b_paper.txt", "c_blog.txt"]])
    (tmp_path / "b_paper.txt").write_text("Updated: a line added on top.\n\n" + DOCS["b_paper.txt"])
    assert [r.status for r in ingest([tmp_path / "b_paper.txt"], Options(db=db, processes=1))] == ["added"]
    after = _events(db)
    assert set(after) == set(seen[0])
    assert all({d for d, _ in after[i]} == {d for d, _ in seen[0][i]} for i in after)


def test_event_ids_changed_anchor_passage_redirects(tmp_path: Path) -> None:
    """When the words of the passage an id is anchored in change, the old id answers a redirect to the
    event that holds its evidence now (by the same passage in the other document)."""
    db = tmp_path / "x.duckdb"
    seen = _ingest(tmp_path, db, [["b_paper.txt", "c_blog.txt"]])
    changed = DOCS["b_paper.txt"].replace("held talks", "held long talks")
    (tmp_path / "b_paper.txt").write_text(changed)
    assert [r.status for r in ingest([tmp_path / "b_paper.txt"], Options(db=db, processes=1))] == ["added"]
    seen.append(_events(db))
    moved = [i for i in seen[0] if i not in seen[1]]
    assert moved  # the meeting's id was anchored in the old passage of b_paper.txt
    with Store.open(db, read_only=True) as store:
        for old_id in moved:
            new = store.redirect(old_id)
            assert new in seen[1] and {d for d, _ in seen[0][old_id]} & {d for d, _ in seen[1][new]}, (old_id, new)
