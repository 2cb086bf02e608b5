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

from typing import Any

from dyad.store import facts
from dyad.store.quotes import DocText, DocTexts, tidy
from dyad.web.render import evidence_url

__all__ = ["DocText", "Documents", "tidy"]


class Documents(DocTexts):
    """A per-request cache of :class:`DocText`, so many quotes from one file load it once."""

    def with_quotes(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Records whose evidence entries each gain ``quote``, their repaired words (offsets unchanged); an
        entry that already has one (stored in the row, :mod:`dyad.store.quotes`) keeps it."""
        self.preload(str(ev.get("doc", "")) for rec in records for ev in rec.get("evidence") or [] if "quote" not in ev)
        for rec in records:
            rec["evidence"] = [
                ev if "quote" in ev else {**ev, "quote": self.readable(ev)} for ev in rec.get("evidence") or []
            ]
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
