"""The store: migrations, one transaction per document, versions kept."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dyad.errors import StoreError
from dyad.offsets import MappedText
from dyad.records import Extraction, Mention, Removed, Sentence
from dyad.store.db import Store
from dyad.store.schema import SCHEMA_VERSION


def _doc(name: str, sha: str, text: str) -> dict:
    return {
        "doc_id": sha,
        "name": name,
        "path": name,
        "format": "txt",
        "title": None,
        "published": "2019",
        "original": text,
        "text": text,
        "offset_map": MappedText.identity(text).dumps(),
    }


def _write(store: Store, name: str, sha: str, text: str) -> None:
    sentences = [Sentence(0, 0, 0, len(text), 0, len(text), text)]
    store.write_document(
        doc=_doc(name, sha, text),
        removed=[Removed(0, 1, "test")],
        sentences=sentences,
        ref_dates=["2019"],
        extraction=Extraction(),
        to_original=lambda s, e: (s, e),
    )


def test_db_migrates_fresh_file(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.duckdb") as store:
        version = store.con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    assert version == (str(SCHEMA_VERSION),)


def test_db_refuses_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "b.duckdb"
    Store.open(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError, match="newer"):
        Store.open(path)


def test_db_keeps_old_versions(tmp_path: Path) -> None:
    with Store.open(tmp_path / "c.duckdb") as store:
        _write(store, "a.txt", "sha1", "First text.")
        _write(store, "a.txt", "sha2", "Second text.")
        current = list(store.documents())
        everything = list(store.documents(include_old=True))
    assert [d["text"] for d in current] == ["Second text."]
    assert [(d["version"], d["current"]) for d in everything] == [(1, False), (2, True)]


def test_db_failed_write_leaves_nothing(tmp_path: Path) -> None:
    with Store.open(tmp_path / "d.duckdb") as store:
        _write(store, "a.txt", "sha1", "Kept.")
        mention = Mention(0, 4, "Lost", None, "other", None, 0)
        with pytest.raises(ZeroDivisionError):  # fails after the document row is inserted
            store.write_document(
                doc=_doc("b.txt", "sha2", "Lost."),
                removed=[],
                sentences=[],
                ref_dates=[],
                extraction=Extraction(mentions=[mention]),
                to_original=lambda s, e: 1 / 0,
            )
        assert not store.has_document("sha2")
        assert [d["name"] for d in store.documents()] == ["a.txt"]


def test_db_read_only_needs_existing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        Store.open(tmp_path / "missing.duckdb", read_only=True)


def test_db_read_only_falls_back_to_snapshot_while_written(tmp_path: Path) -> None:
    from dyad.store.snapshot import publish_snapshot

    path = tmp_path / "w.duckdb"
    writer = Store.open(path)
    _write(writer, "a.txt", "sha1", "Published.")
    publish_snapshot(writer.con, path)
    _write(writer, "b.txt", "sha2", "Not yet published.")
    # the writer still holds its lock after publishing: the reader gets the snapshot, not the live file
    code = (
        "import sys; from pathlib import Path; from dyad.store.db import Store\n"
        "s = Store.open(Path(sys.argv[1]), read_only=True); print([d['name'] for d in s.documents()])"
    )
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    writer.close()
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['a.txt']"
