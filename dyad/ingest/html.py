"""HTML reader: the visible main-content text of a page, mapped into its markup.

``original`` for an HTML document is the decoded markup itself, so evidence
offsets point into the page source. This module builds a text layer with
:class:`html.parser.HTMLParser` (entity references kept as events so each
decoded character maps to its ``&...;`` source span), one block per block
element, and asks trafilatura which blocks are the article. Blocks it keeps
join into ``base`` with paragraph breaks; every other block becomes a
``Removed(start, end, "boilerplate")`` (or ``"comment"`` inside a comment
section). It also reads the title and the publication date from the head.
"""

from __future__ import annotations

import html
import re
from array import array
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

from dyad.errors import InputRejected
from dyad.ingest.storydate import parse_partial
from dyad.offsets import MappedText
from dyad.records import Removed


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_BLOCK = _words(
    "address article aside blockquote body br dd details dialog div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul"
)
_SKIP = _words("script style noscript template head svg iframe select option button")
_VOID = _words("area base br col embed hr img input link meta param source track wbr")
_COMMENTS = re.compile(r"comment|respond|discussion|disqus|replies", re.IGNORECASE)
_CHROME = frozenset({"nav", "header", "footer", "aside", "form"})
_DATE_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.created",
    "citation_publication_date",
    "pubdate",
    "publish-date",
    "sailthru.date",
)
_SPACE = re.compile(r"\s+")


@dataclass
class Block:
    """One block of visible text: characters with their markup spans, and what encloses it."""

    chars: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    tag: str = ""
    in_comments: bool = False
    in_chrome: bool = False

    @property
    def text(self) -> str:
        return "".join(self.chars)


class _TextLayer(HTMLParser):
    """Collects visible text blocks with per-character markup offsets, and head metadata."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=False)
        self.markup = markup
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", markup)]
        self.blocks: list[Block] = []
        self.current = Block()
        # (tag, marks a comment section, innermost block tag so far); with counts kept alongside so that
        # no step walks the stack: deeply nested markup stays linear
        self.stack: list[tuple[str, bool, str]] = []
        self.open_tags: Counter[str] = Counter()
        self.markers = 0
        self.chrome = 0
        self.skip = 0
        self.pre = 0
        self.meta: dict[str, str] = {}
        self.title: str | None = None
        self.h1: str | None = None
        self.time_datetime: str | None = None
        self._in_title = False
        self._title_parts: list[str] = []

    # -- positions ---------------------------------------------------------------

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    # -- structure ---------------------------------------------------------------

    def _break(self) -> None:
        block = self.current
        while block.chars and block.chars[-1] == " ":
            for lst in (block.chars, block.starts, block.ends):
                lst.pop()
        if block.chars:
            self.blocks.append(block)
        self.current = Block()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            self._meta(values)
        elif tag == "time" and self.time_datetime is None and values.get("datetime"):
            self.time_datetime = values["datetime"]
        elif tag == "title":
            self._in_title = True
        elif tag == "body":
            self.skip = 0  # a page without </head> must not hide its body
        if tag in _SKIP:
            self.skip += 1
            return
        if tag in _BLOCK:
            self._break()
        if tag == "pre":
            self.pre += 1
        if tag not in _VOID:
            marker = bool(_COMMENTS.search(values.get("id", "") + " " + values.get("class", "")))
            self._push(tag, marker)

    def _push(self, tag: str, marker: bool) -> None:
        inner = tag if tag in _BLOCK else (self.stack[-1][2] if self.stack else "")
        self.stack.append((tag, marker, inner))
        self.open_tags[tag] += 1
        self.markers += marker
        self.chrome += tag in _CHROME

    def _pop(self) -> str:
        tag, marker, _ = self.stack.pop()
        self.open_tags[tag] -= 1
        self.markers -= marker
        self.chrome -= tag in _CHROME
        return tag

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._meta({k.lower(): (v or "") for k, v in attrs})
        elif tag in _BLOCK:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            self.title = self.title or _SPACE.sub(" ", "".join(self._title_parts)).strip() or None
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag in _BLOCK:
            if tag == "h1" and self.h1 is None and self.current.chars:
                self.h1 = self.current.text.strip()
            self._break()
        if self.open_tags[tag] > 0:
            while self.stack and self._pop() != tag:
                pass

    # -- text --------------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)
        if self.skip:
            return
        start = self._offset()
        for i, ch in enumerate(data):
            self._add(ch, start + i, start + i + 1)

    def handle_entityref(self, name: str) -> None:
        self._ref("&" + name, html.unescape("&" + name + ";"))

    def handle_charref(self, name: str) -> None:
        self._ref("&#" + name, html.unescape("&#" + name + ";"))

    def _ref(self, raw: str, decoded: str) -> None:
        if self._in_title:
            self._title_parts.append(decoded)
        if self.skip:
            return
        start = self._offset()
        end = start + len(raw)
        if self.markup.startswith(";", end):
            end += 1
        for ch in decoded:
            self._add(ch, start, end)

    def _add(self, ch: str, start: int, end: int) -> None:
        block = self.current
        if ch.isspace() and not self.pre:
            # Collapse whitespace as a browser does: one space, none at a block's start.
            if not block.chars or block.chars[-1] == " ":
                return
            ch = " "
        if not block.chars:
            # What encloses a block is fixed by its first character's ancestors.
            block.tag = self.stack[-1][2] if self.stack else ""
            block.in_comments = self.markers > 0
            block.in_chrome = self.chrome > 0
        block.chars.append(ch)
        block.starts.append(start)
        block.ends.append(end)

    def _meta(self, values: dict[str, str]) -> None:
        key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
        if key and values.get("content") and key not in self.meta:
            self.meta[key] = values["content"].strip()

    def close(self) -> None:
        super().close()
        self._break()


@dataclass(frozen=True)
class HtmlLayer:
    """What the HTML reader hands back to :func:`dyad.ingest.readers.read_file`."""

    base: MappedText
    removed: tuple[Removed, ...]
    title: str | None
    published: str | None


#: More attributes than this on one tag rejects the page: lxml (inside trafilatura) checks each attribute
#: against every earlier one in C code that no alarm interrupts (10,000 attributes: 1 s; 1,000,000: hours).
#: Real pages carry a few dozen at most.
MAX_ATTRIBUTES = 256
# A start tag up to its ">" (quoted values may hold "<" or ">"), and one attribute inside it.
_START_TAG = re.compile(r"""<([A-Za-z][^\s/<>"']*)(?:[^<>"']+|"[^"]*"|'[^']*')*""")
_ATTRIBUTE = re.compile(r"""[^\s/>"'=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']*))?""")


def check_markup(markup: str) -> None:
    """Reject markup that would stall the C parsers: a tag with over :data:`MAX_ATTRIBUTES` attributes.

    A linear scan; only tags long enough to hold that many attributes are counted.

    >>> check_markup('<p class="x">fine</p>')
    """
    for match in _START_TAG.finditer(markup):
        if match.end() - match.start() < 2 * MAX_ATTRIBUTES:
            continue
        count = sum(1 for _ in _ATTRIBUTE.finditer(markup, match.end(1), match.end()))
        if count > MAX_ATTRIBUTES:
            raise InputRejected(
                f"pathological HTML: a <{match.group(1)[:20]}> tag has {count:,} attributes, over the limit "
                f"of {MAX_ATTRIBUTES:,} per tag"
            )


def read_html(markup: str) -> HtmlLayer:
    """Split ``markup`` into main-content text (mapped into the markup) and removed blocks.

    Raises :class:`InputRejected` for markup :func:`check_markup` refuses.
    """
    check_markup(markup)
    parser = _TextLayer(markup)
    parser.feed(markup)
    parser.close()
    blocks = parser.blocks
    keep = _main_content(markup, blocks)
    chars: list[str] = []
    starts = array("i")
    ends = array("i")
    removed: list[Removed] = []
    for block, kept in zip(blocks, keep, strict=True):
        if not kept:
            why = "comment" if block.in_comments else "boilerplate"
            removed.append(Removed(block.starts[0], block.ends[-1], why))
            continue
        if chars:
            # The paragraph break is inserted text: map it to the empty span at the block edge.
            chars.append("\n\n")
            starts.extend([ends[-1]] * 2)
            ends.extend([ends[-1]] * 2)
        chars.append(block.text)
        starts.extend(block.starts)
        ends.extend(block.ends)
    base = MappedText("".join(chars), starts, ends)
    title = parser.meta.get("og:title") or parser.h1 or parser.title
    return HtmlLayer(base, tuple(removed), title, _published(parser))


def _published(parser: _TextLayer) -> str | None:
    for key in _DATE_KEYS:
        if key in parser.meta:
            iso = parse_partial(parser.meta[key])
            if iso:
                return iso
    if parser.time_datetime:
        return parse_partial(parser.time_datetime)
    return None


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def _main_content(markup: str, blocks: list[Block]) -> list[bool]:
    """Which blocks are article text: those trafilatura's extraction contains."""
    extracted = _trafilatura_text(markup)
    if not extracted:
        # No verdict from trafilatura: keep prose-sized blocks outside page chrome.
        return [len(b.text.split()) >= 12 and not b.in_chrome and not b.in_comments for b in blocks]
    lines = [_norm(re.sub(r"^\s*(?:[-*\u2022]|#+)\s+", "", ln)) for ln in extracted.splitlines()]
    lines = [ln for ln in lines if ln]
    whole = " ".join(lines)
    by_length: dict[int, list[str]] = {}
    for ln in set(lines):
        by_length.setdefault(len(ln), []).append(ln)
    seen: dict[str, bool] = {}  # a page repeats its short blocks ("Share", "Home"): each is matched once

    def near(text: str) -> bool:
        """Whether a line holds ``text`` nearly whole, or ``text`` holds the line (lengths within 0.6)."""
        if text not in seen:
            lo, hi = int(len(text) * 0.6), int(len(text) / 0.6) + 1
            seen[text] = any(
                _overlaps(text, ln) for n in range(lo, hi + 1) for ln in by_length.get(n, ())
            )  # only lines whose length can pass the 0.6 test: blocks x lines stays linear in practice
        return seen[text]

    found: dict[str, bool] = {}

    def inside(text: str) -> bool:
        if text not in found:
            found[text] = text in whole
        return found[text]

    keep: list[bool] = []
    for block in blocks:
        text = _norm(block.text)
        if block.in_comments or not text:
            keep.append(False)
        elif block.tag == "h1" and (text in whole or block.text.strip() == _first_line(extracted)):
            keep.append(True)
        elif len(text) >= 40 and inside(text):
            keep.append(True)  # long prose: a verbatim match anywhere is safe
        else:
            # Short blocks ("Home", "Share") must match a line nearly whole, not a word of one.
            keep.append(near(text))
    return keep


def _overlaps(block: str, line: str) -> bool:
    if block == line:
        return True
    short, long_ = sorted((block, line), key=len)
    return short in long_ and len(short) >= 0.6 * len(long_)


def _first_line(text: str) -> str:
    return next((ln.strip() for ln in text.splitlines() if ln.strip()), "")


def _trafilatura_text(markup: str) -> str:
    """trafilatura's main-content text, or "" when it fails or finds nothing."""
    import trafilatura  # heavy import, only for HTML input

    try:
        text = trafilatura.extract(markup, include_comments=False, favor_precision=True, include_tables=True)
    except InputRejected:  # a time limit or a rejection is the caller's, never "no verdict"
        raise
    except Exception:
        return ""
    return text or ""
