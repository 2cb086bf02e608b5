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
