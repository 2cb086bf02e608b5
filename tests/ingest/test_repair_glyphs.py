"""Glyph repairs on short texts of our own: ligatures, invisible characters, font-shifted runs."""

from __future__ import annotations

import pytest

from dyad.ingest.repair import repair
from dyad.ingest.repair.audit import map_problems
from dyad.offsets import MappedText
from tests.bundled import KNOWLEDGE


def _body(text: str) -> str:
    body, _ = repair(MappedText.identity(text), fmt="pdf", kb=KNOWLEDGE.repair)
    assert map_problems(body, text, shifts=frozenset({29, 3})) == []
    return body.text


def _shift(words: str, shift: int) -> str:
    """Encode as a subset font without its map would: letters moved down, spaces lost."""
    return "".join(chr(ord(c) - shift) for c in words if c != " ")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("The \ufb01rst of\ufb01cial \ufb02ight left.", "The first official flight left."),
        ("A soft\u00adhyphen and zero\u200bwidth.", "A softhyphen and zerowidth."),
        ("Windows\r\nline ends\r\nare joined.", "Windows line ends are joined."),
        ("No\u00a0break space.", "No break space."),
        ("The ministerâ€™s visit.", "The minister’s visit."),
    ],
)
def test_repair_glyphs_cleanup(raw: str, clean: str) -> None:
    assert _body(raw) == clean


@pytest.mark.parametrize("shift", [29, 3])
def test_repair_glyphs_decodes_shifted_runs(shift: str) -> None:
    shifted = [_shift(p, shift) for p in ("The harbour", "was opened", "to foreign", "merchant ships")]
    text = f"Officials wrote that {' '.join(shifted)} after the talks ended."
    body = _body(text)
    assert "The harbour was opened to foreign merchant ships" in body


def test_repair_glyphs_ligature_standin_decoded() -> None:
    text = "Captions read " + " ".join(
        [_shift("The", 29) + "ʳ" + _shift("rst", 29), _shift("treaty", 29), _shift("was signed", 29)]
    )
    assert _body(text).endswith("The first treaty was signed")


@pytest.mark.parametrize(
    "text",
    [
        "NATO and the IAEA met the OSCE in Vienna on 3 May.",
        "The U.S. and the G7 issued a joint statement.",
        "Codes like F-16, 2+2 and A320 stay as written.",
    ],
)
def test_repair_glyphs_leaves_normal_tokens(text: str) -> None:
    assert _body(text) == text


def test_repair_glyphs_kept_decodings_give_the_same_repair(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the shifted-glyph test works out for a token is kept with the repair knowledge for later documents:
    a document repaired with the tokens already judged and decoded comes out as with nothing kept, and the
    store is emptied when it holds too many tokens."""
    from dataclasses import replace

    from dyad.ingest.repair import glyphs

    kb = replace(KNOWLEDGE.repair, cache={})
    shifted = " ".join(_shift(p, 3) for p in ("The envoys", "agreed on", "a ceasefire", "near the border"))
    first = f"Reports said {shifted} late on Sunday, according to Tokayev aides."
    second = f"Later {shifted} again; Tokayev and Mirziyoyev spoke."

    def repaired(text: str, kb: object) -> tuple[str, list[tuple[int, int]]]:
        body, _ = repair(MappedText.identity(text), fmt="pdf", kb=kb)  # type: ignore[arg-type]
        return body.text, [body.to_original(k, k + 1) for k in range(len(body.text))]

    fresh = [repaired(t, replace(KNOWLEDGE.repair, cache={})) for t in (first, second)]
    assert [repaired(t, kb) for t in (first, second)] == fresh
    assert "The envoys agreed on a ceasefire near the border" in fresh[1][0]
    decodings = kb.cache[("glyphs", "decodings")]
    assert any(found for found in decodings.values())  # the shifted tokens' decodings were kept
    assert repaired(second, kb) == fresh[1]  # and give the same body and map when used again
    monkeypatch.setattr(glyphs, "KEPT_TOKENS", 3)
    assert repaired(first, kb) == fresh[0]
    assert len(kb.cache[("glyphs", "decodings")]) <= 3 + len(decodings)
