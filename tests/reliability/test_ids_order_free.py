"""Issue 18: ids do not depend on the order or the batches documents are ingested in (real CLI, the demo corpus).

The demo corpus goes in once as one folder, and once in reverse name order in three separate runs. The
exported models must be equal record for record, ids included. In the reverse runs, evidence from a
document whose name sorts earlier arrives last, so some events' ids move (an id is anchored in the
evidence that sorts first): every id served after an earlier run must still answer, live with all its
evidence or as a 301 (page, JSON twin, API) to the event that holds that evidence now.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_dyad

CORPUS = Path(__file__).resolve().parents[2] / "dyad" / "demo" / "corpus"
KINDS = ("events", "agreements", "positions", "quantities", "entities")

pytestmark = pytest.mark.slow


def _ingest(db: Path, paths: list[Path]) -> None:
    result = run_dyad("ingest", *map(str, paths), db=db, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]


def _export(db: Path, kind: str) -> list[dict]:
    """What ``dyad export KIND --all`` writes (its own function, in this process: a command per call costs
    seconds of start-up)."""
    from dyad import export
    from dyad.store.db import Store

    with Store.open(db, read_only=True) as store:
        return json.loads(json.dumps(list(export.records(store, kind, include_all=True))))


def _evidence(db: Path) -> dict[str, set[tuple[str, int]]]:
    return {e["id"]: {(v["doc"], v["start"]) for v in e["evidence"]} for e in _export(db, "events")}


@pytest.fixture(scope="module")
def two_orders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[dict[str, set[tuple[str, int]]]]]:
    """(one-batch database, reverse-batches database, the events after each reverse batch)."""
    files = sorted(p for p in CORPUS.iterdir() if p.is_file() and not p.name.startswith("."))
    assert len(files) >= 12, "the demo corpus is missing"
    work = tmp_path_factory.mktemp("orders")
    whole, reverse = work / "whole.duckdb", work / "reverse.duckdb"
    _ingest(whole, [CORPUS])
    third = len(files) // 3
    seen = []
    for batch in (files[2 * third :], files[third : 2 * third], files[:third]):
        _ingest(reverse, list(reversed(batch)))
        seen.append(_evidence(reverse))
    return whole, reverse, seen


@pytest.mark.parametrize("kind", KINDS)
def test_ids_order_free_same_export(two_orders: tuple, kind: str) -> None:
    whole, reverse, _seen = two_orders
    ours, theirs = _export(whole, kind), _export(reverse, kind)
    assert ours, f"no {kind} in the demo corpus"
    key = (lambda r: r["id"]) if "id" in ours[0] else (lambda r: json.dumps(r, sort_keys=True))
    assert sorted(ours, key=key) == sorted(theirs, key=key)


def test_ids_order_free_served_ids_answer(two_orders: tuple) -> None:
    from fastapi.testclient import TestClient

    from dyad.web.app import create_app

    _whole, reverse, seen = two_orders
    final = seen[-1]
    client = TestClient(create_app(reverse), follow_redirects=False)
    moved = 0
    for earlier in seen[:-1]:
        for old, spans in earlier.items():
            if old in final:
                assert spans <= final[old], old  # it only gained evidence
                continue
            resp = client.get(f"/api/events/{old}")
            assert resp.status_code == 301, (old, resp.status_code)
            new = resp.headers["location"].rsplit("/", 1)[1]
            assert new in final and spans <= final[new], (old, new)
            for path in (f"/events/{old}", f"/events/{old}.json"):
                page = client.get(path)
                assert page.status_code == 301 and page.headers["location"] == path.replace(old, new), path
            assert client.get(f"/api/events/{new}").status_code == 200
            moved += 1
    assert moved >= 1  # earlier-sorting evidence arrived last: some ids moved, and each redirects


def test_agreement_id_renamed_by_new_version_redirects(tmp_path: Path) -> None:
    """A new version of a document that spells an agreement's name otherwise gives it another key, so
    another id; the old id answers 301 (page, twin, API) to the agreement its passage now names."""
    from fastapi.testclient import TestClient

    from dyad.web.app import create_app

    doc, db = tmp_path / "deal.txt", tmp_path / "x.duckdb"
    line = "On 3 March 2021 Japan and Russia signed an agreement on {} near the islands.\n"
    doc.write_text("Fisheries deal\n\n" + line.format("fisheires"))  # a typo, fixed in the next version
    _ingest(db, [doc])
    before = {a["id"] for a in _export(db, "agreements")}
    doc.write_text("Fisheries deal\n\n" + line.format("fisheries"))
    _ingest(db, [doc])
    after = {a["id"] for a in _export(db, "agreements")}
    (old,) = before - after
    (new,) = after - before
    client = TestClient(create_app(db), follow_redirects=False)
    for path in (f"/agreements/{old}", f"/agreements/{old}.json", f"/api/agreements/{old}"):
        resp = client.get(path)
        assert resp.status_code == 301 and resp.headers["location"] == path.replace(old, new), (path, resp.status_code)
    assert client.get(f"/api/agreements/{new}").status_code == 200
    assert client.get("/api/agreements/ag-never-was").status_code == 404


def test_position_and_quantity_moved_by_new_version_redirect(tmp_path: Path) -> None:
    """Positions and quantities are addressed by their span: a new version that moves them (a line added on
    top) answers the old address with a 301 to the record that reads the same in the new version."""
    from fastapi.testclient import TestClient

    from dyad.web.app import create_app
    from dyad.web.render import span_url

    doc, db = tmp_path / "islands.txt", tmp_path / "x.duckdb"
    body = (
        "On 3 March 2021 Japan insisted on the return of the four disputed islands from Russia.\n"
        "Trade between Japan and Russia fell to $20 billion in 2021.\n"
    )
    kinds = ("positions", "quantities")
    doc.write_text("Islands dispute\n\n" + body)
    _ingest(db, [doc])
    before = {k: [span_url(k, r["evidence"]) for r in _export(db, k)] for k in kinds}
    doc.write_text("Islands dispute\n\nUpdated: a line added on top.\n\n" + body)
    _ingest(db, [doc])
    after = {k: [span_url(k, r["evidence"]) for r in _export(db, k)] for k in kinds}
    client = TestClient(create_app(db), follow_redirects=False)
    for kind in kinds:
        assert before[kind] and len(before[kind]) == len(after[kind]), kind
        assert not set(before[kind]) & set(after[kind]), kind  # every span moved
        for old, new in zip(before[kind], after[kind], strict=True):
            for suffix in ("", ".json"):
                resp = client.get(old + suffix)
                assert resp.status_code == 301 and resp.headers["location"] == new + suffix, (old, resp.status_code)
            assert client.get(new).status_code == 200
    assert client.get("/positions/islands.txt/0-1").status_code == 404
