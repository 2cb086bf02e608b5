"""Plain text and Markdown readers: encodings, BOMs, markup stripped through the map, header dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.config import Options
from dyad.ingest.readers import read_file

BODY = "Tokyo, 19 October 1956 \u2014 Both sides ended the state of war; \u201cnormal\u201d ties resumed.\n"


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("cp1252", b""),
    ],
)
def test_readers_txt_decodes_each_encoding(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(prefix + BODY.encode(encoding))
    doc = read_file(path, Options())
    assert doc.original == BODY  # BOM stripped, characters intact
    assert doc.base.text == BODY
    assert doc.format == "txt" and doc.name == "note.txt" and doc.path == str(path)
    assert doc.published == "1956-10-19"


def test_readers_txt_hash_is_of_file_bytes(tmp_path: Path) -> None:
    import hashlib

    path = tmp_path / "a.txt"
    path.write_bytes(b"Some words about a summit.\n")
    assert read_file(path, Options()).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_readers_txt_folds_crlf_through_the_map(tmp_path: Path) -> None:
    path = tmp_path / "win.txt"
    path.write_bytes(b"First line.\r\n\r\nSecond paragraph.\r\n")
    doc = read_file(path, Options())
    assert doc.original == "First line.\r\n\r\nSecond paragraph.\r\n"
    assert doc.base.text == "First line.\n\nSecond paragraph.\n"
    i = doc.base.text.index("Second")
    s, e = doc.base.to_original(i, i + 6)
    assert doc.original[s:e] == "Second"


@pytest.mark.parametrize(
    ("head", "published"),
    [
        ("Published: 12 March 2018\n\nText.", "2018-03-12"),
        ("A brief\nDate: March 2019\n\nText.", "2019-03"),
        ("MOSCOW, January 28, 1960 (Archive) \u2014 Text.", "1960-01-28"),
        ("Looking back on 2016 and ahead to 2017\n\nText of the note.", None),
        ("Wednesday, 7 September 2016\n\nText.", "2016-09-07"),
    ],
)
def test_readers_txt_reads_header_dates(tmp_path: Path, head: str, published: str | None) -> None:
    path = tmp_path / "d.txt"
    path.write_text(head, encoding="utf-8")
    assert read_file(path, Options()).published == published


MD = (
    "---\ntitle: Front title\ndate: 2016-05-06\n---\n"
    "# The *Sochi* summit #\n\n"
    "Leaders met in **Sochi** and agreed an [eight-point plan](https://example.org/plan_8_points).\n\n"
    "- first item with snake_case_word\n"
    "> a quoted line\n\n"
    "![chart](img.png)\n"
)


def test_readers_md_strips_markup_through_the_map(tmp_path: Path) -> None:
    path = tmp_path / "s.md"
    path.write_text(MD, encoding="utf-8")
    doc = read_file(path, Options())
    assert doc.original == MD
    text = doc.base.text
    for markup in ("#", "**", "](", "https://", "---", "title:", "> ", "![", "*Sochi*"):
        assert markup not in text
    assert "The Sochi summit" in text
    assert "agreed an eight-point plan." in text
    assert "snake_case_word" in text  # intraword underscores are not emphasis
    assert doc.title == "Front title" and doc.published == "2016-05-06"
    for word in ("Sochi", "eight-point plan", "first item", "a quoted line"):
        i = text.index(word)
        s, e = doc.base.to_original(i, i + len(word))
        assert doc.original[s:e] == word


def test_readers_md_title_from_heading_and_dateline(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    path.write_text("# Tokyo Declaration\n\n*Published: 13 October 1993*\n\nBody text here.\n", encoding="utf-8")
    doc = read_file(path, Options())
    assert doc.title == "Tokyo Declaration"
    assert doc.published == "1993-10-13"


def test_readers_txt_reads_every_seed(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        doc = read_file(path, Options())
        assert doc.base.text == doc.original.replace("\r\n", "\n")
        assert len(doc.original) > 1000
