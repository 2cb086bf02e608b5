"""PDF reader: text layer of the demo PDFs, metadata, and the generator's determinism."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from dyad.config import Options
from dyad.ingest.readers import read_file

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "dyad" / "demo" / "corpus"
SCRIPT = ROOT / "scripts" / "make_demo_pdf.py"


def _script():
    spec = importlib.util.spec_from_file_location("make_demo_pdf", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("name", "phrases", "title", "published"),
    [
        (
            "17_eight_point_plan_progress.pdf",
            ["15-16 December 2016 about 80 docu-", "around $30 billion in", "EAST ASIA ECONOMIC MONITOR"],
            "Promise and Delivery: The Eight-Point Plan, 2016-2018",
            "2019-05-20",
        ),
        (
            "18_after_2022_outlook.pdf",
            ["On 21 March 2022 Russia said", "63 Japanese citizens", "NORTH PACIFIC FORUM"],
            "After the Rupture: Japan-Russia Relations, 2022-2025",
            "2025-10-01",
        ),
    ],
)
def test_readers_pdf_reads_demo_text_layer(name: str, phrases: list[str], title: str, published: str) -> None:
    doc = read_file(CORPUS / name, Options())
    assert doc.format == "pdf"
    for phrase in phrases:
        assert phrase in doc.original
    assert "\x0c" not in doc.original
    assert doc.original.count("\n\n") == 1  # two pages, joined by one blank line
    assert doc.base.text == doc.original
    assert doc.title == title and doc.published == published


def test_readers_pdf_script_is_deterministic(tmp_path: Path) -> None:
    script = _script()
    script.main(tmp_path)
    for doc in script.DOCS:
        made = (tmp_path / doc.name).read_bytes()
        assert made == script.build(doc)  # same input, same bytes, run after run
        assert made == (CORPUS / doc.name).read_bytes(), f"rerun scripts/make_demo_pdf.py: {doc.name} is stale"


def test_readers_pdf_reads_a_multi_page_file(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for n in range(3):
        pdf.add_page()
        pdf.multi_cell(0, 6, f"Page {n + 1}: the ministers met again and agreed to continue the talks next year.")
    path = tmp_path / "three.pdf"
    path.write_bytes(bytes(pdf.output()))
    doc = read_file(path, Options())
    assert [doc.original.index(f"Page {n}:") for n in (1, 2, 3)] == sorted(
        doc.original.index(f"Page {n}:") for n in (1, 2, 3)
    )
    assert doc.original.count("\n\n") == 2
