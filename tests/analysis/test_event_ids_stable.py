"""Issue 18: an event keeps its id when it gains evidence, whatever the batches; a changed id redirects.

Three short documents of our own report the same two acts (a meeting, an accusation) and one more each.
They are ingested in several batchings and orders through the real pipeline and store.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.config import Options
from dyad.ingest.pipeline import ingest_paths
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
        results = list(ingest_paths([folder / n for n in batch], Options(db=db, processes=1)))
        assert all(r.status == "added" for r in results), results
        seen.append(_events(db))
    return seen


def _check_served_ids_survive(db: Path, seen: list[dict[str, set[tuple[str, int]]]]) -> None:
    """Every id served after any batch is live at the end, and an event that only gained evidence kept its id."""
    final = seen[-1]
    with Store.open(db, read_only=True) as store:
        for earlier in seen[:-1]:
            for old_id, spans in earlier.items():
                if old_id in final:
                    assert spans <= final[old_id]  # it only gained evidence
                else:
                    new = store.redirect(old_id)
                    assert new in final and spans & final[new], (old_id, new)
    for earlier in seen[:-1]:
        for old_id, spans in earlier.items():
            grown = [i for i, s in final.items() if spans <= s]  # one passage may state two acts: several
            assert not grown or old_id in grown, (old_id, grown)  # all its evidence is still one event's: same id


BATCHINGS = {
    "one batch": [["a_wire.txt", "b_paper.txt", "c_blog.txt"]],
    "one by one": [["a_wire.txt"], ["b_paper.txt"], ["c_blog.txt"]],
    "one then two": [["a_wire.txt"], ["b_paper.txt", "c_blog.txt"]],
}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[dict[str, set[tuple[str, int]]]]]]:
    out = {}
    for label, batches in {
        **BATCHINGS,
        "reverse one by one": [["c_blog.txt"], ["b_paper.txt"], ["a_wire.txt"]],
    }.items():
        folder = tmp_path_factory.mktemp("ids")
        out[label] = (folder / "x.duckdb", _ingest(folder, folder / "x.duckdb", batches))
    return out


def test_event_ids_same_for_every_batching_of_one_order(runs: dict) -> None:
    finals = [runs[label][1][-1] for label in BATCHINGS]
    assert len(finals[0]) >= 4 and any(len(s) >= 2 for s in finals[0].values())  # some events merged across docs
    assert all(f == finals[0] for f in finals)


@pytest.mark.parametrize("label", [*BATCHINGS, "reverse one by one"])
def test_event_ids_survive_new_evidence(runs: dict, label: str) -> None:
    db, seen = runs[label]
    _check_served_ids_survive(db, seen)


def test_event_ids_other_order_same_events(runs: dict) -> None:
    """Another order merges the same evidence into the same events (the ids name their first source)."""
    forward, reverse = runs["one batch"][1][-1], runs["reverse one by one"][1][-1]
    assert sorted(map(sorted, forward.values())) == sorted(map(sorted, reverse.values()))


def test_event_ids_replaced_anchor_redirects(tmp_path: Path) -> None:
    """When the document an id is anchored in is replaced (its offsets move), the old id answers a redirect
    to the event that holds its evidence now (by span, or by the same text in the new version)."""
    db = tmp_path / "x.duckdb"
    seen = _ingest(tmp_path, db, [["c_blog.txt"], ["b_paper.txt"]])
    (tmp_path / "c_blog.txt").write_text("Updated: a line added on top.\n\n" + DOCS["c_blog.txt"])
    assert [r.status for r in ingest_paths([tmp_path / "c_blog.txt"], Options(db=db, processes=1))] == ["added"]
    seen.append(_events(db))
    moved = [i for i in seen[1] if i not in seen[2]]
    assert moved  # the meeting's id was anchored in the old c_blog.txt
    with Store.open(db, read_only=True) as store:
        for old_id in moved:
            new = store.redirect(old_id)
            assert new in seen[2] and {d for d, _ in seen[1][old_id]} & {d for d, _ in seen[2][new]}, (old_id, new)
