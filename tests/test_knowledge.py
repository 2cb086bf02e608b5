"""The knowledge bundle: every file named from the run's options, each read once, when first asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.config import Options
from dyad.errors import KnowledgeError
from dyad.knowledge import DATA, Knowledge


def test_knowledge_names_every_packaged_file_by_default() -> None:
    files = Knowledge.from_options(Options()).sources.files()
    assert all(f.is_file() and DATA in f.parents for f in files)
    assert {f.name for f in files} >= {
        "events.yaml", "events_cameo.yaml", "time.yaml", "units.yaml", "agreements.yaml", "issues.yaml",
        "repair.yaml", "lexicon.yaml", "states.yaml",
    }  # fmt: skip


def test_knowledge_reads_a_part_once_and_only_when_asked() -> None:
    k = Knowledge.from_options(Options())
    assert "read=[]" in repr(k)
    assert k.units is k.units  # read once, then kept
    assert "read=['units']" in repr(k)


def test_knowledge_folder_replaces_the_files_it_holds(tmp_path: Path) -> None:
    units = (DATA / "units.yaml").read_text(encoding="utf-8")
    (tmp_path / "units.yaml").write_text(units.replace("number_words:", "number_words:\n  umpteen: 77", 1), "utf-8")
    k = Knowledge.from_options(Options(knowledge=tmp_path))
    assert k.sources.units == tmp_path / "units.yaml"
    assert k.sources.time == DATA / "time.yaml"  # a file the folder lacks stays the packaged one
    assert k.units.words["umpteen"] == 77
    assert "umpteen" not in Knowledge.from_options(Options()).units.words


def test_knowledge_a_malformed_file_fails_when_the_run_reads_it_all(tmp_path: Path) -> None:
    (tmp_path / "issues.yaml").write_text("issues: [not, a, mapping\n", "utf-8")
    k = Knowledge.from_options(Options(knowledge=tmp_path))
    with pytest.raises(KnowledgeError) as err:
        k.read_all()
    assert err.value.path == str(tmp_path / "issues.yaml")


def test_knowledge_dyad_ingest_names_a_malformed_file_before_any_document(tmp_path: Path) -> None:
    from tests.conftest import run_dyad

    doc = tmp_path / "note.txt"
    doc.write_text("The envoys of Peru and Chile met in Lima on 4 June 2021.\n", "utf-8")
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "units.yaml").write_text("number_words: {one: 1}\n", "utf-8")  # the other required keys are missing
    db = tmp_path / "k.duckdb"
    run = run_dyad("ingest", str(doc), "--knowledge", str(folder), db=db)
    assert run.returncode != 0
    assert "E201" in run.stderr and str(folder / "units.yaml") in run.stderr
    assert "added" not in run.stdout
