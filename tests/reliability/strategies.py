"""Hypothesis strategies for damaged documents: random bytes and plausible-but-broken files.

Shared by the reader and repair property tests. The pieces are our own words
and shapes (letter-spaced runs, line-end hyphens, shifted glyphs, huge lines),
never text copied from the seeds.
"""

from __future__ import annotations

from hypothesis import strategies as st

#: Fragments of the damage the repair stage exists for.
DAMAGE = [
    "bi-\n",
    "lateral",
    "co-\noperation",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\x0c",
    "T a l k s  w e r e  h e l d",
    "S U M M I T",
    "W i t h",
    "7KH",
    "PLQLVWHU",
    "ʳ",
    "\u00ad",
    "\u200b",
    "\ufb01",
    "\ufb02",
    "Ã©",
    "â€™",
    "12",
    ".1 ",
    "Notes",
    "References",
    "1. ",
    "[3]",
    "Page 4 of 9",
    "Share this article",
    "Comments",
    "ＡＢＣ",
    "e\u0301",
    "\ud7ff",
    "\U0001f600",
    "--",
    "- ",
]

TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(DAMAGE), st.text(max_size=10)), max_size=80).map("".join),
    # one huge line, and one line made only of a damage piece repeated
    st.builds(lambda a, n: a * n, st.sampled_from(["word ", "W i t h ", "x", "bi-\n", "7KH "]), st.integers(1, 4000)),
)

_MARKUP = st.sampled_from(
    [
        "<html>",
        "</html>",
        "<head><title>T</title></head>",
        "<body>",
        "</body>",
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<script>x()</script>",
        "<style>p{}</style>",
        "<!--",
        "-->",
        "<meta charset='koi8-r'>",
        '<meta charset="nonsense">',
        "<nav>menu</nav>",
        "<footer>",
        "&amp;",
        "&#0;",
        "&#xffffff;",
        "<![CDATA[",
        "<article>",
        "<br>",
        "<table><tr><td>",
        "<a href='javascript:x'>",
        "\x00",
        "<",
    ]
)
HTML_TEXT = st.lists(st.one_of(_MARKUP, st.sampled_from(DAMAGE), st.text(max_size=12)), max_size=80).map("".join)

_PDF_PIECES = st.sampled_from(
    [
        b"%PDF-1.4\n",
        b"%PDF-1.7\n",
        b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
        b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n",
        b"3 0 obj\n<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>\nendobj\n",
        b"4 0 obj\n<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 712 Td (Hello) Tj ET\nendstream\nendobj\n",
        b"<< /Encrypt 9 0 R >>",
        b"xref\n0 5\n",
        b"0000000000 65535 f \n",
        b"trailer\n<< /Root 1 0 R >>\n",
        b"startxref\n9\n%%EOF\n",
        b"<< /Length 999999999 >>",
        b"/Filter /FlateDecode",
        b"[[[[[[[[[[",
        b"<<<<<<<<",
    ]
)
PDF_BYTES = st.lists(st.one_of(_PDF_PIECES, st.binary(max_size=24)), min_size=1, max_size=40).map(b"".join)

ENCODINGS = st.sampled_from(["utf-8", "utf-16", "utf-16-be", "latin-1", "cp1252", "koi8-r", "utf-8-sig"])


def encoded(text_strategy: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    """Text in some encoding, errors replaced so every text can be written."""
    return st.builds(lambda t, enc: t.encode(enc, errors="replace"), text_strategy, ENCODINGS)


def mutated(blob: bytes) -> st.SearchStrategy[bytes]:
    """A real file cut short, with bytes overwritten or spliced in."""

    def apply(cut: int, edits: list[tuple[int, bytes]]) -> bytes:
        data = bytearray(blob[: max(1, cut)])
        for at, junk in edits:
            at %= len(data) or 1
            data[at : at + len(junk)] = junk
        return bytes(data)

    return st.builds(
        apply,
        st.integers(1, len(blob)),
        st.lists(st.tuples(st.integers(0, 1 << 20), st.binary(min_size=1, max_size=8)), max_size=6),
    )
