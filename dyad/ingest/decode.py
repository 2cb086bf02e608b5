"""Decoding: turn a file's bytes into text, or say why they are not text.

Readers call :func:`decode_text` for ``.txt``/``.md`` and, with a declared
charset, for ``.html``. It returns the decoded string with any byte-order mark
stripped; that string is the document's ``original``, the text every evidence
offset indexes. Order of trust: a BOM, then a charset the document declares,
then strict UTF-8, then cp1252 for mostly-ASCII Western text (the usual
"smart quotes from Word" case), then charset-normalizer's best guess.
The story's own date is read from the first lines by :mod:`dyad.ingest.storydate`.
"""

from __future__ import annotations

import codecs

from dyad.errors import InputRejected

#: BOMs longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control bytes that never occur in text files (tab, LF, VT, FF, CR and ESC-free text only).
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}
_SNIFF = 65536
_MAX_CONTROL_SHARE = 0.05


def split_bom(data: bytes) -> tuple[str | None, bytes]:
    """The encoding a BOM announces (or ``None``) and the bytes after it."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, data[len(bom) :]
    return None, data


def looks_binary(data: bytes) -> bool:
    """True for bytes with NULs or many control bytes (images, archives, office files).

    Only called on data without a UTF-16/32 BOM, where NUL bytes are legitimate.
    """
    head = data[:_SNIFF]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b in _CONTROL)
    return controls / len(head) > _MAX_CONTROL_SHARE


def decode_text(data: bytes, path: str, declared: str | None = None) -> str:
    """Decode ``data`` to text; raise :class:`InputRejected` for binary or undecodable bytes.

    ``declared`` is a charset the document names itself (an HTML ``<meta
    charset>``); it is tried after a BOM and before guessing.

    >>> decode_text("caf\\u00e9".encode("cp1252"), "a.txt")
    'café'
    """
    bom_encoding, body = split_bom(data)
    if bom_encoding is not None:
        try:
            return body.decode(bom_encoding)
        except UnicodeDecodeError as exc:
            raise InputRejected(
                f"undecodable text: bytes do not match the {bom_encoding} BOM ({exc.reason})", path=path
            ) from None
    if looks_binary(body):
        utf16 = utf16_without_bom(body)
        if utf16 is None:
            raise InputRejected("binary file, not text", path=path)
        try:
            return body.decode(utf16)
        except UnicodeDecodeError:
            raise InputRejected(
                f"undecodable text: it looks like {utf16.upper()} without a byte-order mark, but does not decode "
                "as that; save it as UTF-8",
                path=path,
            ) from None
    for encoding in _candidates(body, declared):
        try:
            mixed = encoding == "utf-8+cp1252"
            text = body.decode("utf-8", errors=_MIXED) if mixed else body.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        return text
    guessed = _guess(body)
    if guessed is not None:
        return guessed
    raise InputRejected("undecodable text: not UTF-8, UTF-16 with a BOM, or a known 8-bit encoding", path=path)


def _candidates(body: bytes, declared: str | None) -> list[str]:
    out: list[str] = []
    if declared:
        out.append(declared.strip().lower())
    out.append("utf-8")
    # cp1252 decodes almost any byte string, so only trust it for mostly-ASCII text;
    # Cyrillic or Greek 8-bit text goes to charset-normalizer instead.
    ascii_share = sum(1 for b in body[:_SNIFF] if b < 0x80) / max(1, len(body[:_SNIFF]))
    if ascii_share >= 0.9 or _mostly_utf8(body[:_SNIFF]):
        # UTF-8 where the bytes are UTF-8, cp1252 for the bytes that are not: a file pasted together from
        # both ("Café" from Word inside UTF-8 text) reads right, where a whole-file guess got Mac Roman
        out.append("utf-8+cp1252")
    return out


_MIXED = "dyad-cp1252-fallback"


def _mostly_utf8(head: bytes) -> bool:
    """Most non-ASCII characters are valid UTF-8 (a few stray bytes from another encoding do not count)."""
    text = head.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    return bad <= 0.2 * sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 rejected as cp1252 (its five unassigned bytes as Latin-1)."""
    assert isinstance(err, UnicodeDecodeError)
    bad = err.object[err.start : err.end]
    return "".join(bytes([b]).decode("cp1252", errors="strict") if b not in _CP1252_HOLES else chr(b)
                   for b in bad), err.end  # fmt: skip


_CP1252_HOLES = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})
codecs.register_error(_MIXED, _cp1252_fallback)


def utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when ``data`` is surely UTF-16 text without a BOM, else None.

    Sure means: an even length, and in Latin-script text every other byte is NUL: at least 40 % of
    one side's bytes are NUL and almost none (under 2 %) of the other's.

    >>> utf16_without_bom("Plain words".encode("utf-16-le"))
    'utf-16-le'
    """
    head = data[: _SNIFF - _SNIFF % 2]
    if len(data) % 2 or len(head) < 8:
        return None
    even, odd = head[0::2].count(0) / (len(head) // 2), head[1::2].count(0) / (len(head) // 2)
    if odd >= 0.4 and even < 0.02:
        return "utf-16-le"
    if even >= 0.4 and odd < 0.02:
        return "utf-16-be"
    return None


def _guess(body: bytes) -> str | None:
    from charset_normalizer import from_bytes  # imported late: only odd files need it

    best = from_bytes(body).best()
    if best is None:
        return None
    return str(best)
