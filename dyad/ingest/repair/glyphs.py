"""Glyph repairs: Unicode clean-up and decoding of font-shifted glyph runs.

``clean_edits`` normalises line ends, drops soft hyphens, zero-width and
control characters, expands ligature glyphs and fixes mojibake token by token
with ftfy (so the offset map stays per token). ``shift_edits`` finds runs of
tokens that read as words when every code point is moved by one constant
(subset fonts extracted without their encoding: ``7KH`` for ``The``), decodes
them and restores the lost spaces by word segmentation.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import ftfy
from ftfy.badness import is_bad

from dyad.ingest.repair.editing import piece_edits
from dyad.ingest.repair.words import segment
from dyad.knowledge.repair import RepairKnowledge
from dyad.knowledge.words import WordList
from dyad.offsets import Edit

# Ligature glyphs are expanded by _GLYPH above; ftfy only undoes mojibake, whose fix is always shorter than the
# misread bytes, so its edit maps to the whole token (a ligature expanded in the same call could make it the same
# length by chance, "Ç„" -> "Ǆ" -> "DŽ", and the offset map would then pair the characters one for one)
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_line_breaks=False, fix_latin_ligatures=False, explain=False)
_LIGATURES = "\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06"
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_GLYPH = re.compile(
    rf"\r\n?|\u00ad\n?|[\u2028\u2029]|[\u200b-\u200d\u2060\ufeff]|[{_LIGATURES}{_SPACES}]"
    r"|[\x00-\x08\x0b-\x1f\x7f]"
)
_TOKEN = re.compile(r"\S+")
# Shift 32 is ASCII case folding: all-caps acronyms would "decode" to words.
_CASE_SHIFT = 32
MIN_DECODED = 3
MIN_VOTES = 3  # distinct tokens
MIN_KNOWN = 0.75


def _glyph_repl(g: str) -> str:
    if g.startswith("\r") or g in "\u2028\u2029":
        return "\n"
    if g[0] in _LIGATURES:
        return unicodedata.normalize("NFKC", g)
    if g[0] in _SPACES:
        return " "
    if g[0] == "\x0b" or g[0] == "\x0c":
        return "\n"
    return ""  # soft hyphen (with its line break), zero-width and control characters


def clean_edits(text: str) -> list[Edit]:
    """Edits for line ends, invisible characters, ligatures and mojibake."""
    edits = [(m.start(), m.end(), _glyph_repl(m.group())) for m in _GLYPH.finditer(text)]
    taken = {e[0] for e in edits}
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok.isascii() or not is_bad(tok) or any(i in taken for i in range(m.start(), m.end())):
            continue
        fixed = ftfy.fix_text(tok, _FTFY)
        if fixed != tok:
            edits.append((m.start(), m.end(), fixed))
    return edits


def _decode(tok: str, shift: int, standins: dict[str, str]) -> list[str] | None:
    pieces = []
    for c in tok:
        if c in standins:
            pieces.append(standins[c])
            continue
        code = ord(c) + shift
        d = chr(code) if code < 0x110000 else ""
        if not ("a" <= d <= "z" or "A" <= d <= "Z"):
            return None
        pieces.append(d)
    return pieces


_ABBREVIATION = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?\.?$")
_EDGE_PUNCT = ".,;:!?()[]\"'“”‘’"


def _candidate(tok: str, standins: dict[str, str], words: WordList) -> bool:
    """A token shaped like shifted glyphs: not a word, not an abbreviation, not a number.

    Shifted text puts punctuation and digits inside words (``7KH``, ``.XULO,VODQGV``)
    or yields unknown letter runs (``GHIDFWR``); ordinary tokens only carry
    punctuation at their edges.
    """
    if len(tok) < 2 or not any("A" <= c <= "Z" or "a" <= c <= "z" for c in tok):
        return False  # shifted letters land on ASCII letters, so a run without any is numbers
    if _ABBREVIATION.match(tok):
        return False
    if any(c in standins for c in tok):
        return True
    core = tok.strip(_EDGE_PUNCT)
    if len(core) < 4:
        return False  # "G7", "F-16": short codes, and too short to decode with confidence
    if not core.isalpha():
        return True
    return words.zipf(core) < 1.0 and (len(core) >= 5 or bool(re.search(r"[a-z][A-Z]", core)))


def _score(pieces: list[str], wl: WordList) -> tuple[list[str], float]:
    """Segment decoded letters; the share of letters in frequent words of three or more letters.

    Short words are left out of the share: random shifts often yield two-letter
    abbreviations, which prove nothing.
    """
    words = segment("".join(pieces), wl)
    total = sum(len(w) for w in words)
    good = sum(len(w) for w in words if len(w) >= 3 and wl.zipf(w) >= 3.0)
    return words, good / total if total else 0.0


def _letter_shifts(tok: str, kb: RepairKnowledge) -> list[int]:
    """The shifts under which every glyph of ``tok`` (stand-ins aside) lands on an ASCII letter."""
    lo, hi = kb.shift_range.start, kb.shift_range.stop - 1
    ok = set(range(lo, hi + 1)) - {_CASE_SHIFT}
    for c in set(tok) - set(kb.ligature_standins):
        o = ord(c)
        ok &= set(range(65 - o, 91 - o)) | set(range(97 - o, 123 - o))
        if not ok:
            return []
    return sorted(ok)


Decoded = tuple[list[str], list[str]]  # a token's pieces (one per glyph) and the words they segment into

#: At most this many distinct tokens' judgements and decodings are kept per :class:`RepairKnowledge` (a run over
#: many documents meets new names and misspellings without end); past it the kept ones are dropped.
KEPT_TOKENS = 100_000


def _kept(kb: RepairKnowledge, name: str) -> dict[str, Any]:
    """The repair knowledge's store of ``name`` (token -> what was worked out for it), emptied when full."""
    kept: dict[str, Any] = kb.cache.setdefault(("glyphs", name), {})
    if len(kept) >= KEPT_TOKENS:
        kept.clear()
    return kept


def _token_decodings(tok: str, kb: RepairKnowledge) -> list[tuple[int, Decoded]]:
    """The shifts under which ``tok`` decodes to words, each with its decoding (worked out once per token and
    kept: a function of the token and the repair knowledge only)."""
    kept = _kept(kb, "decodings")
    found: list[tuple[int, Decoded]] | None = kept.get(tok)
    if found is None:
        found = []
        for shift in _letter_shifts(tok, kb):
            pieces = _decode(tok, shift, kb.ligature_standins)
            if pieces is None or len("".join(pieces)) < MIN_DECODED:
                continue
            words, known = _score(pieces, kb.words)
            if known >= MIN_KNOWN:
                found.append((shift, (pieces, words)))
        kept[tok] = found
    return found


def _decodings(tokens: list[re.Match[str]], kb: RepairKnowledge) -> dict[int, dict[str, Decoded]]:
    """Per shift, the distinct tokens that decode to words under it."""
    found: dict[int, dict[str, Decoded]] = {}
    for tok in {m.group() for m in tokens}:
        for shift, decoded in _token_decodings(tok, kb):
            found.setdefault(shift, {})[tok] = decoded
    return found


def _loose(tok: str, shift: int, kb: RepairKnowledge) -> tuple[list[str], list[str]] | None:
    """With the document's shift established, a token need only decode to mostly known words."""
    pieces = _decode(tok, shift, kb.ligature_standins)
    if pieces is None:
        return None
    words = segment("".join(pieces), kb.words)
    total = sum(len(w) for w in words)
    known = sum(len(w) for w in words if len(w) >= 3 and kb.words.zipf(w) >= 2.0)
    return (pieces, words) if total and known >= 0.5 * total else None


def shift_edits(text: str, kb: RepairKnowledge) -> list[Edit]:
    """Decode font-shifted tokens under the one shift that turns most of them into words."""
    seen: dict[str, bool] = _kept(kb, "candidates")  # a word recurs: judge each distinct token once
    tokens = []
    for m in _TOKEN.finditer(text):
        tok = m.group()
        hit = seen.get(tok)
        if hit is None:
            hit = seen[tok] = _candidate(tok, kb.ligature_standins, kb.words)
        if hit:
            tokens.append(m)
    found = _decodings(tokens, kb)
    ranked = sorted((len(v), k) for k, v in found.items())[::-1]
    if not ranked:
        return []
    count, shift = ranked[0]
    runner_up = ranked[1][0] if len(ranked) > 1 else 0
    if count < MIN_VOTES or count < 2 * runner_up:  # a few lucky tokens are no shifted font
        return []
    edits: list[Edit] = []
    for m in tokens:
        got = found[shift].get(m.group()) or _loose(m.group(), shift, kb)
        if got is not None:
            pieces, words = got
            edits.extend(piece_edits(m.start(), m.group(), _spaced(pieces, words)))
    return edits


def _spaced(pieces: list[str], words: list[str]) -> list[str]:
    """Append a space to the piece that ends each word but the last."""
    ends = set()
    total = 0
    for w in words[:-1]:
        total += len(w)
        ends.add(total)
    out = []
    count = 0
    for p in pieces:
        count += len(p)
        out.append(p + " " if count in ends else p)
    return out
