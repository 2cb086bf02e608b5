"""Every kind of unreadable input becomes one InputRejected with a clear reason."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from dyad.config import Options
from dyad.errors import InputRejected
from dyad.ingest.readers import read_file


def _text_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, "A page of plain words about two neighbouring states and their long talks. " * 4)
    return bytes(pdf.output())


def _empty(tmp: Path) -> Path:
    (tmp / "empty.txt").write_bytes(b"")
    return tmp / "empty.txt"


def _blank(tmp: Path) -> Path:
    (tmp / "blank.md").write_bytes(b"  \n\t\n\n   ")
    return tmp / "blank.md"


def _binary(tmp: Path) -> Path:
    (tmp / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    return tmp / "photo.txt"


def _controls(tmp: Path) -> Path:
    (tmp / "ctrl.txt").write_bytes(b"abc\x01\x02\x03\x04def\x05\x06\x07\x08" * 50)
    return tmp / "ctrl.txt"


def _huge(tmp: Path) -> Path:
    (tmp / "big.txt").write_bytes(b"words and more words\n" * 200)
    return tmp / "big.txt"


def _unknown(tmp: Path) -> Path:
    (tmp / "sheet.docx").write_bytes(b"PK\x03\x04 not a document we read")
    return tmp / "sheet.docx"


def _corrupt_pdf(tmp: Path) -> Path:
    (tmp / "cut.pdf").write_bytes(_text_pdf()[:300])
    return tmp / "cut.pdf"


def _not_pdf(tmp: Path) -> Path:
    (tmp / "fake.pdf").write_bytes(b"<html>this is not a pdf at all</html>")
    return tmp / "fake.pdf"


def _encrypted_pdf(tmp: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_text_pdf())))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    (tmp / "locked.pdf").write_bytes(out.getvalue())
    return tmp / "locked.pdf"


def _image_pdf(tmp: Path) -> Path:
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.image(Image.new("RGB", (200, 260), (120, 120, 120)), x=10, y=10, w=180)
    (tmp / "scan.pdf").write_bytes(bytes(pdf.output()))
    return tmp / "scan.pdf"


def _broken_link(tmp: Path) -> Path:
    link = tmp / "gone.txt"
    os.symlink(tmp / "missing-target.txt", link)
    return link


def _directory(tmp: Path) -> Path:
    (tmp / "folder.txt").mkdir()
    return tmp / "folder.txt"


def _missing(tmp: Path) -> Path:
    return tmp / "never-written.txt"


CASES: list[tuple[str, Callable[[Path], Path], str]] = [
    ("empty", _empty, "empty file"),
    ("whitespace", _blank, "empty file"),
    ("binary", _binary, "binary file, not text"),
    ("control bytes", _controls, "binary file, not text"),
    ("over max_bytes", _huge, "over the 1 kB limit (--max-bytes)"),
    ("unknown extension", _unknown, "unknown file type '.docx'"),
    ("truncated pdf", _corrupt_pdf, "corrupt"),
    ("not a pdf", _not_pdf, "corrupt PDF"),
    ("encrypted pdf", _encrypted_pdf, "encrypted PDF"),
    ("image-only pdf", _image_pdf, "no text layer (image-only PDF); OCR is needed"),
    ("broken symlink", _broken_link, "broken symlink"),
    ("directory", _directory, "not a regular file"),
    ("missing", _missing, "file not found"),
]


@pytest.mark.parametrize(("kind", "make", "reason"), CASES, ids=[c[0] for c in CASES])
def test_readers_rejects_each_kind(tmp_path: Path, kind: str, make: Callable[[Path], Path], reason: str) -> None:
    path = make(tmp_path)
    with pytest.raises(InputRejected) as info:
        read_file(path, Options(max_bytes=1000) if kind == "over max_bytes" else Options())
    assert reason in str(info.value), kind
    assert info.value.path == str(path)
    assert info.value.line().startswith("E101 ")


def test_readers_rejects_size_in_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with open(path, "wb") as handle:
        handle.truncate(60_000_000)  # sparse: no 60 MB written to disk
    with pytest.raises(InputRejected, match=r"file is 60 MB, over the 50 MB limit \(--max-bytes\)"):
        read_file(path, Options())


def test_readers_rejects_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Private words.", encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: chmod 000 does not stop reading")
        with pytest.raises(InputRejected, match="permission denied"):
            read_file(path, Options())
    finally:
        path.chmod(0o644)


def test_readers_rejects_undecodable_bom(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(b"\xff\xfeA\x00\x00\xd8")  # UTF-16 BOM, then a lone surrogate
    with pytest.raises(InputRejected, match="undecodable"):
        read_file(path, Options())
