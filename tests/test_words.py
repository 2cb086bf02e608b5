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


def test_words_phrase_zipf_is_wordfreqs_to_the_last_digit() -> None:
    """The hyphenated forms are combined here from the kept list, as wordfreq combines them; forms of other
    characters still go to wordfreq."""
    from wordfreq import zipf_frequency

    listed = [w for w in get_frequency_dict("en") if w.isascii() and w.isalpha()]
    forms = [f"{listed[i]}-{listed[(i * 7919) % len(listed)]}" for i in range(0, len(listed), 97)]
    forms += ["bi-lateral", "Anti-Western", "e-mail", "co-operation", "well-to-do", "Zqxv-treaty", "treaty zqxv"]
    forms += ["cafe-society", "café-society", "post-2020", "o'er-all", "-treaty", "a--b"]
    w = WordList()
    assert [w.phrase_zipf(f) for f in forms] == [float(zipf_frequency(f, "en")) for f in forms]


def test_words_time_lexicon_shares_the_knowledge_word_list() -> None:
    """A misspelt month is looked up in the one word list the repair stage reads, not in a second copy."""
    from dyad.config import Options
    from dyad.knowledge import Knowledge

    k = Knowledge.from_options(Options())
    assert k.time.wordlist is k.repair.words
    assert k.time.month("Marach", fuzzy=True) == 3
    assert k.time.month("Augst", fuzzy=True) == 8  # a rare form: a misspelt month
    assert k.time.month("Julie", fuzzy=True) is None  # a common word, not taken for a month
    assert k.time.month("Mach", fuzzy=True) is None
