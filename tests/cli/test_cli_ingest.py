"""`dyad ingest` and `dyad export documents` end to end, through the real command line."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import run_dyad

DATA = Path(__file__).resolve().parents[1] / "data"
CONTRACT_KEYS = {"doc", "sha256", "format", "title", "published", "chars", "text", "removed"}


def _export(kind: str, db: Path, *extra: str) -> list[dict]:
    result = run_dyad("export", kind, *extra, db=db)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def _seed_doc(docs: list[dict], prefix: str) -> dict:
    return next(d for d in docs if d["doc"].startswith(prefix))


def test_cli_ingest_seeds_exports_five_documents(seeds_db: Path) -> None:
    docs = _export("documents", seeds_db)
    assert len(docs) == 5
    for doc in docs:
        assert doc.keys() >= CONTRACT_KEYS
        assert len(doc["sha256"]) == 64 and doc["format"] == "txt"
        assert doc["text"].strip()
        for span in doc["removed"]:
            assert 0 <= span["start"] < span["end"] <= doc["chars"] and span["why"]


def test_cli_export_documents_shows_repairs(seeds_db: Path) -> None:
    docs = _export("documents", seeds_db)
    d004 = _seed_doc(docs, "004")["text"]
    assert "The first" in d004 and "Hokkaido" in d004 and "Moscow considers" in d004
    assert "bilateral relations" in _seed_doc(docs, "002")["text"]


def test_cli_removed_spans_are_out_of_text(seeds_db: Path, seeds_dir: Path) -> None:
    docs = _export("documents", seeds_db)
    for prefix, phrase in [("003", "Page last modified"), ("003", "charitable donation")]:
        doc = _seed_doc(docs, prefix)
        original = (seeds_dir / doc["doc"]).read_text(encoding="utf-8")
        at = original.index(phrase)
        assert any(r["start"] <= at < r["end"] for r in doc["removed"]), phrase
        assert phrase not in doc["text"]


def test_cli_ingest_twice_adds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "twice.duckdb"
    first = run_dyad("ingest", str(DATA), db=db)
    second = run_dyad("ingest", str(DATA), db=db)
    assert first.returncode == 0, first.stderr
    assert second.returncode == 0 and second.stdout.count("unchanged") == 2
    assert len(_export("documents", db)) == 2


def test_cli_changed_file_is_new_version(tmp_path: Path) -> None:
    db, doc = tmp_path / "v.duckdb", tmp_path / "note.txt"
    shutil.copy(DATA / "summit_note.txt", doc)
    run_dyad("ingest", str(doc), db=db)
    doc.write_text(doc.read_text(encoding="utf-8") + "\nA later paragraph was added.\n", encoding="utf-8")
    assert run_dyad("ingest", str(doc), db=db).returncode == 0
    assert len(_export("documents", db)) == 1
    versions = _export("documents", db, "--all")
    assert [d["version"] for d in versions] == [1, 2]


def _bad_inputs(folder: Path) -> dict[str, str]:
    """Bad files of every kind, mapped to a word their rejection line must contain."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage")
    (folder / "table.xlsx").write_bytes(b"PK\x03\x04 not a document")
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    return {
        "empty.txt": "empty",
        "binary.txt": "binary",
        "broken.pdf": "pdf",
        "table.xlsx": "unknown",
        "dangling.txt": "symlink",
    }


def test_cli_bad_inputs_rejected_good_kept(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(DATA / "summit_note.txt", folder)
    expected = _bad_inputs(folder)
    db = tmp_path / "mixed.duckdb"
    files = sorted(str(p) for p in folder.iterdir())
    result = run_dyad("ingest", *files, db=db)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(expected)
    for name, word in expected.items():
        line = next(x for x in lines if name in x)
        assert word in line.lower(), line
    assert [d["doc"] for d in _export("documents", db)] == ["summit_note.txt"]


def test_cli_missing_path_and_bad_kind(tmp_path: Path) -> None:
    db = tmp_path / "u.duckdb"
    missing = run_dyad("ingest", str(tmp_path / "nope.txt"), db=db)
    assert missing.returncode == 1 and "nope.txt" in missing.stderr
    bad_kind = run_dyad("export", "widgets", db=db)
    assert bad_kind.returncode == 2 and "Traceback" not in bad_kind.stderr


def _running_with(word: str) -> list[int]:
    """Live processes whose command line holds ``word`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().split(") ", 1)[1][:1]
        except OSError:
            continue
        if word in cmd and state != "Z":
            found.append(int(entry.name))
    return found


def test_cli_killed_ingest_leaves_consistent_database(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "killed.duckdb"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in sorted(seeds_dir.iterdir()):
        shutil.copy(seed, corpus)
    shutil.copy(DATA / "summit_note.txt", corpus)
    with subprocess.Popen(
        [sys.executable, "-m", "dyad", "ingest", str(corpus), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as proc:
        # kill once the first document is in: at least one stored, the next one mid-flight
        deadline = time.time() + 300
        assert proc.stdout is not None
        while time.time() < deadline:
            line = proc.stdout.readline()
            if "added" in line or not line:
                break
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    # its worker processes notice and stop (they must not analyse on, or hold files, for nobody)
    deadline = time.time() + 15
    while _running_with(str(db)) and time.time() < deadline:
        time.sleep(0.2)
    assert not _running_with(str(db)), "worker processes outlived the killed ingest"
    con = duckdb.connect(str(db), read_only=True)
    stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    orphans = con.execute("SELECT count(*) FROM passages WHERE doc_id NOT IN (SELECT doc_id FROM documents)").fetchone()
    con.close()
    assert stored >= 1 and orphans == (0,)
    rerun = run_dyad("ingest", str(corpus), db=db)
    assert rerun.returncode == 0, rerun.stderr
    names = [d["doc"] for d in _export("documents", db)]
    assert len(names) == len(set(names)) == 6


@pytest.mark.parametrize("kind", ["events", "entities", "agreements", "positions", "quantities"])
def test_cli_export_kinds_are_json_lines(seeds_db: Path, kind: str) -> None:
    rows = _export(kind, seeds_db)
    assert rows, f"no {kind} exported from the seeds"
    for row in rows:
        for ev in row.get("evidence", []) + row.get("mentions", []):
            assert ev["doc"].endswith(".txt") and ev["start"] < ev["end"]


def test_cli_export_csv_and_parquet(seeds_db: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "events.parquet"
    assert run_dyad("export", "events", "--format", "parquet", "-o", str(out), db=seeds_db).returncode == 0
    assert pq.read_table(out).num_rows == len(_export("events", seeds_db))
    csv_out = run_dyad("export", "documents", "--format", "csv", db=seeds_db)
    assert csv_out.returncode == 0 and csv_out.stdout.splitlines()[0].startswith("doc,sha256")


EXIT_CHECK = """
import atexit, sys
atexit.register(lambda: print("exit handler ran", flush=True))
sys.argv = ["dyad", "ingest", *sys.argv[1:]]
from dyad.cli.main import main
main()
"""


def test_cli_ingest_ends_with_output_written_exit_handlers_run_and_database_closed(tmp_path: Path) -> None:
    """The ingest command's process ends without Python's teardown (``dyad.cli.main.main``), but not before its
    lines are out, its exit handlers have run and its database is closed (no write-ahead log left over)."""
    doc = tmp_path / "visit.txt"
    doc.write_text("On 3 June 2020 the prime minister of Peru visited Chile.\n", encoding="utf-8")
    db = tmp_path / "exit.duckdb"
    done = subprocess.run(
        [sys.executable, "-c", EXIT_CHECK, str(doc), str(tmp_path / "missing.txt"), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr  # one input rejected
    lines = done.stdout.splitlines()
    assert lines[0].startswith("rejected") and lines[1].startswith("added")
    assert lines[-2].startswith("summary") and lines[-1] == "exit handler ran"
    assert "missing.txt" in done.stderr and "leak" not in done.stderr
    assert not db.with_name(db.name + ".wal").exists()
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchone() == (1,)
    con.close()
