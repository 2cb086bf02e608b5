"""Evidence as a reader sees it: the quote taken from the repaired text, in its sentence context.

Evidence offsets point into a document's *original* text (the contract), which
may hold HTML entities, Markdown marks or words hyphenated across lines. A
reader wants the repaired words instead, so :func:`readable` maps the original
span through the document's offset map to the repaired text, cuts the quote
there and adds the sentence before and after (from ``passages``). The links
and the offsets shown stay those of the original.

>>> docs = Documents(store)  # doctest: +SKIP
>>> docs.quote({"doc": "a.txt", "start": 120, "end": 240, "text": "..."})["quote"]  # doctest: +SKIP
'the repaired words of that span'
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dyad.offsets import MappedText
from dyad.store import facts
from dyad.store import queries as q
from dyad.store.db import Store
from dyad.web.render import evidence_url

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_LINE_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*(?=[a-z])")  # econom-|ic: one word
_LINE_DASH = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*(?=[A-Z])")  # Sino-|Japanese: a hyphen kept


def tidy(text: str) -> str:
    """Text for reading: what the repair left of entities, Markdown marks and line-end hyphens cleared,
    runs of white space (hard line breaks of the file included) as one space. For display only.

    >>> tidy("Tokyo&rsquo;s **Sochi** [plan](http://x) was econom-\\nic")
    'Tokyo’s Sochi plan was economic'
    """
    text = html.unescape(text)
    # each pattern only where its marks are (a page tidies hundreds of quotes, most of them plain)
    if "\n" in text:
        text = _LINE_DASH.sub("-", _LINE_HYPHEN.sub("", text))
    if "](" in text:
        text = _MD_LINK.sub(r"\1", text)
    if "**" in text or "__" in text:
        text = _MD_EMPHASIS.sub(r"\2", text)
    return " ".join(text.split())


@dataclass
class DocText:
    """One current document, loaded once per request: its repaired text, the map back, its sentences."""

    doc: str
    doc_id: str
    title: str | None
    published: str | None
    original: str | None  # None when not read (a page's quotes need the repaired text only)
    mapped: MappedText
    sentences: list[dict[str, Any]] | None = None  # idx, para, start, end (repaired), ostart, oend, ref_date

    def to_repaired(self, start: int, end: int) -> tuple[int, int]:
        """The repaired characters whose original span overlaps ``[start, end)`` (maps are in order)."""
        i = bisect_right(self.mapped.ends, start)
        j = bisect_left(self.mapped.starts, end, lo=i)
        return i, max(i, j)

    def sentence_at(self, pos: int) -> int | None:
        """Index into ``sentences`` of the sentence holding repaired position ``pos``."""
        sentences = self.sentences or []
        k = bisect_right([s["start"] for s in sentences], pos) - 1
        return k if 0 <= k < len(sentences) and pos < sentences[k]["end"] else None


class Documents:
    """A per-request cache of :class:`DocText`, so many quotes from one file load it once."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._docs: dict[str, DocText | None] = {}

    def get(self, name: str) -> DocText | None:
        if name not in self._docs:
            self._docs[name] = self._load(name)
        return self._docs[name]

    def _load(self, name: str) -> DocText | None:
        row = q.document(self.store, name)
        return None if row is None else self._doc_text(row)

    def preload(self, names: Iterable[str]) -> None:
        """Load every named document not loaded yet, in one query (a page quotes from many files)."""
        missing = sorted({n for n in names if n not in self._docs})
        for row in q.documents_named(self.store, missing):  # without the original text, read only if needed
            self._docs[row["doc"]] = self._doc_text(row)
        for name in missing:
            self._docs.setdefault(name, None)

    def _doc_text(self, row: dict[str, Any]) -> DocText:
        original = row.get("original")
        try:
            mapped = MappedText.loads(row["text"], row["offset_map"])
        except ValueError:  # a damaged map: fall back to the original text, mapped onto itself
            if original is None:
                original = (q.document(self.store, row["doc"]) or {}).get("original") or ""
            mapped = MappedText.identity(original)
        return DocText(row["doc"], row["doc_id"], row["title"], row["published"], original, mapped)

    def readable(self, ev: dict[str, Any]) -> str:
        """Just the repaired words of one evidence span (for tables)."""
        doc = self.get(str(ev.get("doc", "")))
        if doc is not None:
            i, j = doc.to_repaired(int(ev.get("start", 0)), int(ev.get("end", 0)))
            if j > i:
                return tidy(doc.mapped.text[i:j])
        return tidy(str(ev.get("text") or ""))

    def with_quotes(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Records whose evidence entries each gain ``quote``, their repaired words (offsets unchanged)."""
        self.preload(str(ev.get("doc", "")) for rec in records for ev in rec.get("evidence") or [])
        for rec in records:
            rec["evidence"] = [{**ev, "quote": self.readable(ev)} for ev in rec.get("evidence") or []]
        return records

    def quote(self, ev: dict[str, Any], *, context: int = 1) -> dict[str, Any]:
        """``ev`` plus ``quote`` (repaired words), ``before``/``after`` (``context`` sentences), source facts."""
        start, end = int(ev.get("start", 0)), int(ev.get("end", 0))
        out = {**ev, "link": evidence_url(ev), "quote": tidy(str(ev.get("text") or "")), "before": "", "after": ""}
        doc = self.get(str(ev.get("doc", "")))
        if doc is None:
            return out
        out.update(title=doc.title, published=doc.published)
        i, j = doc.to_repaired(start, end)
        if j <= i:  # the span lies in a part the repair left out (boilerplate): keep the original words
            return out
        text = doc.mapped.text
        out["quote"] = tidy(text[i:j])
        if doc.sentences is None:
            doc.sentences = facts.sentences(self.store, doc.doc_id)
        first, last = doc.sentence_at(i), doc.sentence_at(max(i, j - 1))
        if first is not None and last is not None:
            lo = doc.sentences[max(0, first - context)]
            hi = doc.sentences[min(len(doc.sentences) - 1, last + context)]
            para = {doc.sentences[first]["para"], doc.sentences[last]["para"]}
            lo = lo if lo["para"] in para else doc.sentences[first]
            hi = hi if hi["para"] in para else doc.sentences[last]
            out["before"], out["after"] = tidy(text[lo["start"] : i]), tidy(text[j : hi["end"]])
            held = doc.sentences[first]
            out["sentence"] = {"start": held["ostart"], "end": held["oend"], "ref_date": held["ref_date"]}
        return out

    def quotes(self, evidence: list[dict[str, Any]] | None, **kw: Any) -> list[dict[str, Any]]:
        return [self.quote(ev, **kw) for ev in evidence or []]
