"""Evidence quotes: the repaired words of an evidence span, worked out once in the derived rebuild.

Evidence offsets point into a document's *original* text (the contract), which may hold HTML entities,
Markdown marks or words hyphenated across lines. A reader wants the repaired words instead: the span is
mapped through the document's offset map to the repaired text and tidied (:func:`tidy`). A page of 50
events quotes from up to 50 documents, and loading their texts and maps took about half of an actor page
at a million events, so every write of merged events (:mod:`dyad.store.derived`) also stores each
evidence entry's quote in the row's ``quotes`` column (a JSON list beside ``record->'evidence'``): the
page reads them with the records. ``None`` in that list stands for "the tidied ``text`` of the entry"
(most quotes: the repair changed nothing there), which keeps the column small.

The quote depends on the span and the document's current text only, so the rebuild keeps those of the
rows it replaces, except for documents written since the last rebuild (``derived_pending``), and loads
only the documents of new spans. Rows written before the column existed hold NULL: the page quotes them
from the documents, as before.

>>> tidy("Tokyo&rsquo;s **Sochi** [plan](http://x) was econom-\\nic")
'Tokyo’s Sochi plan was economic'
"""

from __future__ import annotations

import html
import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dyad.offsets import MappedText
from dyad.store.db import Store

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_LINE_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*(?=[a-z])")  # econom-|ic: one word
_LINE_DASH = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*(?=[A-Z])")  # Sino-|Japanese: a hyphen kept

#: One evidence entry's identity for a kept quote: document, span and its original words.
Key = tuple[str, int, int, str]


def tidy(text: str) -> str:
    """Text for reading: what the repair left of entities, Markdown marks and line-end hyphens cleared,
    runs of white space (hard line breaks of the file included) as one space. For display only."""
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


class DocTexts:
    """A cache of :class:`DocText`, so many quotes from one file load it once."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._docs: dict[str, DocText | None] = {}

    def get(self, name: str) -> DocText | None:
        if name not in self._docs:
            self._docs[name] = self._load(name)
        return self._docs[name]

    def _load(self, name: str) -> DocText | None:
        from dyad.store import queries as q  # queries reads the stored quotes (attach): imported when used

        row = q.document(self.store, name)
        return None if row is None else self._doc_text(row)

    def preload(self, names: Iterable[str]) -> None:
        """Load every named document not loaded yet, in one query (a page quotes from many files)."""
        from dyad.store import queries as q

        missing = sorted({n for n in names if n not in self._docs})
        for row in q.documents_named(self.store, missing):  # without the original text, read only if needed
            self._docs[row["doc"]] = self._doc_text(row)
        for name in missing:
            self._docs.setdefault(name, None)

    def _doc_text(self, row: dict[str, Any]) -> DocText:
        from dyad.store import queries as q

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


def key(ev: dict[str, Any]) -> Key:
    return (str(ev.get("doc", "")), int(ev.get("start", 0)), int(ev.get("end", 0)), str(ev.get("text") or ""))


def kept(store: Store, rows: Iterable[tuple[str | None, str | None]]) -> dict[Key, str | None]:
    """The stored quote of each evidence entry of ``rows`` (``(evidence JSON, quotes JSON)`` of rows about to
    be replaced), but none from a document written since the last rebuild (its text may have changed)."""
    pending = set(store.pending_derived())
    out: dict[Key, str | None] = {}
    for evidence, quotes in rows:
        if evidence is None or quotes is None:
            continue
        entries, said = json.loads(evidence), json.loads(quotes)
        if len(entries) != len(said):
            continue
        for ev, quote in zip(entries, said, strict=True):
            if ev.get("doc") not in pending:
                out[key(ev)] = quote
    return out


def column(store: Store, events: list[dict[str, Any]], known: dict[Key, str | None]) -> list[str]:
    """The ``quotes`` column of ``events``: per event a JSON list, one quote per evidence entry (``None``
    where it is the tidied ``text`` of the entry), taken from ``known`` where it holds the entry; the
    documents of the others are loaded once each."""
    fresh = {key(ev) for e in events for ev in e.get("evidence") or []} - known.keys()
    if fresh:
        docs = DocTexts(store)
        docs.preload(k[0] for k in fresh)
        known = dict(known)
        for k in fresh:
            ev = {"doc": k[0], "start": k[1], "end": k[2], "text": k[3]}
            quote = docs.readable(ev)
            known[k] = None if quote == tidy(k[3]) else quote
    return [json.dumps([known[key(ev)] for ev in e.get("evidence") or []]) for e in events]


def attach(record: dict[str, Any], quotes: str | None) -> dict[str, Any]:
    """``record`` with each evidence entry's stored quote as ``quote`` (left as it is when none is stored)."""
    if quotes is not None:
        entries, said = record.get("evidence") or [], json.loads(quotes)
        if len(entries) == len(said):
            for ev, quote in zip(entries, said, strict=True):
                ev["quote"] = tidy(str(ev.get("text") or "")) if quote is None else quote
    return record
