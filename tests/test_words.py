"""wordfreq's list, kept in the cache folder: read back as wordfreq gives it, rebuilt when damaged, and kept under
wordfreq's version, so a new wordfreq is read afresh."""

from __future__ import annotations

from array import array
from pathlib import Path

import pytest
from wordfreq import get_frequency_dict

from dyad.knowledge import words
from dyad.knowledge.words import WordList, kept_frequencies


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DYAD_CACHE_DIR", str(folder))
    return folder


def _write(path: Path, freqs: dict[str, float]) -> None:
    body = "\n".join(freqs).encode("utf-8")
    path.write_bytes(len(freqs).to_bytes(8, "little") + array("d", freqs.values()).tobytes() + body)


def test_words_kept_list_is_wordfreqs_and_is_read_back(cache: Path) -> None:
    assert kept_frequencies("en") == get_frequency_dict("en")  # read from wordfreq, and written
    (kept,) = cache.rglob("*.bin")
    assert kept_frequencies("en") == get_frequency_dict("en")  # read back
    _write(kept, {"treaty": 1e-3})  # what the next read returns shows where it came from
    assert WordList().zipf("treaty") == pytest.approx(6.0)
    kept.write_bytes(kept.read_bytes()[:12])  # cut short: wordfreq's again, and written again
    assert WordList().zipf("treaty") == pytest.approx(4.31, abs=0.01)
    assert kept_frequencies("en") == get_frequency_dict("en")


def test_words_another_wordfreq_version_is_another_file(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kept_frequencies("en")
    (kept,) = cache.rglob("*.bin")
    _write(kept, {"treaty": 1e-3})
    monkeypatch.setattr(words.metadata, "version", lambda name: "99.0")
    assert WordList().zipf("treaty") == pytest.approx(4.31, abs=0.01)
    assert len(list(cache.rglob("*.bin"))) == 2


def test_words_cache_off_reads_wordfreq(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYAD_CACHE_DIR", "")
    assert WordList().zipf("treaty") == pytest.approx(4.31, abs=0.01)
