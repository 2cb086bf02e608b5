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
        raise InputRejected("binary file, not text", path=path)
    for encoding in _candidates(body, declared):
        try:
            text = body.decode(encoding)
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
    if ascii_share >= 0.9:
        out.append("cp1252")
    return out


def _guess(body: bytes) -> str | None:
    from charset_normalizer import from_bytes  # imported late: only odd files need it

    best = from_bytes(body).best()
    if best is None:
        return None
    return str(best)
