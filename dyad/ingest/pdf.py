"""PDF reader: the text layer of every page, plus title and date from the metadata.

``original`` for a PDF is the extracted text layer: pages joined by a blank
line, form feeds dropped. The text keeps its damage (hyphenation, running
heads, page numbers); the repair stage fixes that through the offset map.
Encrypted, corrupt and image-only PDFs are rejected with one clear reason,
because a document with no usable text would only add noise downstream.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from datetime import datetime

from dyad.errors import InputRejected

#: Fewer visible characters than this per page on average means a scan.
_MIN_CHARS_PER_PAGE = 40
_PAGE_JOIN = "\n\n"


@dataclass(frozen=True)
class PdfText:
    text: str
    title: str | None
    published: str | None


def read_pdf(data: bytes, path: str) -> PdfText:
    """Extract the text layer of ``data``; raise :class:`InputRejected` when there is none to use."""
    from pypdf import PdfReader  # heavy import, only for PDF input
    from pypdf.errors import PdfReadError

    # pypdf logs every repaired cross-reference table; a reader should stay quiet.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    if not data.lstrip().startswith(b"%PDF"):
        raise InputRejected("corrupt PDF: the file does not start with a PDF header", path=path)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            _try_empty_password(reader, path)
        pages = [_page_text(page) for page in reader.pages]
        meta = reader.metadata
    except InputRejected:
        raise
    except (PdfReadError, Exception) as exc:
        raise InputRejected(f"corrupt or truncated PDF ({type(exc).__name__}: {exc})", path=path) from None
    if not pages:
        raise InputRejected("corrupt or truncated PDF (no pages)", path=path)
    visible = sum(len(re.sub(r"\s", "", p)) for p in pages)
    if visible < _MIN_CHARS_PER_PAGE * len(pages) * 0.5 or visible < _MIN_CHARS_PER_PAGE:
        raise InputRejected("no text layer (image-only PDF); OCR is needed", path=path)
    title = _meta_str(meta, "title")
    return PdfText(_PAGE_JOIN.join(pages), title, _meta_date(meta))


def _try_empty_password(reader: object, path: str) -> None:
    """Owner-password-only PDFs open with the empty user password; anything else is refused."""
    try:
        ok = reader.decrypt("")  # type: ignore[attr-defined]
    except InputRejected:  # a time limit or a rejection is never swallowed
        raise
    except Exception:
        ok = 0
    if not ok:
        raise InputRejected("encrypted PDF: it needs a password; save an unencrypted copy", path=path)


def _page_text(page: object) -> str:
    text = page.extract_text() or ""  # type: ignore[attr-defined]
    # Form feeds and NULs carry no meaning in a text layer and confuse segmenters.
    return text.replace("\x0c", "\n").replace("\x00", "").strip("\n")


def _meta_str(meta: object, key: str) -> str | None:
    if meta is None:
        return None
    try:
        value = getattr(meta, key)
    except InputRejected:  # a time limit or a rejection is never swallowed
        raise
    except Exception:
        return None
    value = str(value).strip() if value else ""
    return value or None


def _meta_date(meta: object) -> str | None:
    if meta is None:
        return None
    try:
        created = meta.creation_date  # type: ignore[attr-defined]
    except InputRejected:  # a time limit or a rejection is never swallowed
        raise
    except Exception:
        return None
    if isinstance(created, datetime):
        return created.strftime("%Y-%m-%d")
    return None
