"""The YAML reader's parsed-file cache: the same text is parsed once, a changed text is parsed again, and data
that JSON cannot hold exactly is never cached."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.datafile import cache_dir, read_yaml
from dyad.errors import KnowledgeError


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DYAD_CACHE_DIR", str(folder))
    return folder


def _cached(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*.json"))


def test_datafile_second_read_comes_from_the_cache(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "places.yaml"
    path.write_text("- name: Lisbon\n  since: 2016-12-15\n  aliases: [Lisboa]\n", "utf-8")
    first, where = read_yaml("places.yaml", path, "places")
    assert first == [{"name": "Lisbon", "since": "2016-12-15", "aliases": ["Lisboa"]}] and where == str(path)
    (kept,) = _cached(cache)
    kept.write_text('[{"name": "from the cache"}]', "utf-8")  # what the next read returns shows where it came from
    assert read_yaml("places.yaml", path, "places")[0] == [{"name": "from the cache"}]
    path.write_text("- name: Porto\n", "utf-8")  # another text: parsed, and cached under its own name
    assert read_yaml("places.yaml", path, "places")[0] == [{"name": "Porto"}]
    assert len(_cached(cache)) == 2


def test_datafile_data_json_cannot_hold_is_parsed_each_time(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "numbers.yaml"
    path.write_text("1990: one\n2000: [two]\n", "utf-8")
    assert read_yaml("numbers.yaml", path, "numbers")[0] == {1990: "one", 2000: ["two"]}
    assert read_yaml("numbers.yaml", path, "numbers")[0] == {1990: "one", 2000: ["two"]}
    assert _cached(cache) == []


def test_datafile_cache_off_and_errors_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYAD_CACHE_DIR", "")
    assert cache_dir() is None
    path = tmp_path / "bad.yaml"
    path.write_text("a: [unclosed\n", "utf-8")
    with pytest.raises(KnowledgeError, match="not valid YAML"):
        read_yaml("bad.yaml", path, "lexicon")
    assert read_yaml("units.yaml", None, "units")[0]  # a packaged file, no cache at all


def test_datafile_unwritable_cache_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    monkeypatch.setenv("DYAD_CACHE_DIR", str(blocker / "cache"))
    path = tmp_path / "x.yaml"
    path.write_text("k: v\n", "utf-8")
    assert read_yaml("x.yaml", path, "x")[0] == {"k": "v"}
    assert read_yaml("x.yaml", path, "x")[0] == {"k": "v"}
