"""Issue 18, the smaller defects: forged per-file lines, UTF-16 without BOM, symlink loops, mixed
cp1252, and the events text filter matching JSON field names."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dyad.config import Options
from dyad.errors import InputRejected
from dyad.ingest.readers import read_file
from dyad.web.app import create_app
from tests.conftest import run_dyad

TEXT = "On 4 May 2019 the foreign ministers of Japan and Russia met in Moscow to talk about a treaty.\n"


def test_ingest_line_file_name_with_newline_cannot_forge_a_line(tmp_path: Path) -> None:
    crafted = tmp_path / "note\nadded     forged.txt"
    crafted.write_text("\x00\x01 not text")  # rejected: its line names it, escaped
    (tmp_path / "real.txt").write_text(TEXT)
    result = run_dyad("ingest", str(crafted), str(tmp_path / "real.txt"), db=tmp_path / "x.duckdb", timeout=300)
    lines = result.stdout.splitlines()
    per_file = [ln for ln in lines if ln.startswith(("added", "rejected", "unchanged"))]
    assert len(per_file) == 2, lines
    assert not any(ln.startswith("added") and "forged" in ln for ln in per_file), per_file
    assert any(ln.startswith("rejected") and "note\\nadded     forged.txt" in ln for ln in per_file), per_file
    errors = [ln for ln in result.stderr.splitlines() if "forged" in ln]
    assert len(errors) == 1 and errors[0].startswith("dyad: E101 ") and "note\\nadded" in errors[0], errors


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_read_utf16_without_bom(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "letter.txt"
    path.write_bytes(TEXT.encode(codec))
    assert read_file(path, Options()).original == TEXT


def test_read_utf16_without_bom_that_does_not_decode_says_so(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(TEXT.encode("utf-16-le")[:-2] + b"\x00\xd8")  # ends in half a surrogate pair
    with pytest.raises(InputRejected, match="UTF-16-LE without a byte-order mark"):
        read_file(path, Options())


def test_read_symlink_loop_is_named(tmp_path: Path) -> None:
    os.symlink(tmp_path / "b.txt", tmp_path / "a.txt")
    os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")
    with pytest.raises(InputRejected, match="symlink loop"):
        read_file(tmp_path / "a.txt", Options())


def test_read_mixed_utf8_and_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    utf8 = "Le président – à Paris – a rencontré le ministre. ".encode() * 4
    path.write_bytes(utf8 + "They met at the Café Central.\n".encode("cp1252"))
    text = read_file(path, Options()).original
    assert text.endswith("Café Central.\n") and "président – à Paris" in text


def test_events_text_filter_reads_evidence_and_names_not_field_names(small_db: Path) -> None:
    client = TestClient(create_app(small_db))
    everything = client.get("/api/events").json()["total"]
    assert everything > 0
    for field in ("intensity", "evidence", "quad", "hypothetical"):
        assert client.get("/api/events", params={"text": field}).json()["total"] == 0, field
    first = client.get("/api/events").json()["items"][0]
    word = max(first["evidence"][0]["text"].split(), key=len).strip(".,;:")
    assert client.get("/api/events", params={"text": word}).json()["total"] >= 1
    name = first["source"]["name"]
    assert client.get("/api/events", params={"text": name}).json()["total"] >= 1
