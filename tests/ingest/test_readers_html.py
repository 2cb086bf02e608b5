"""HTML reader: main content kept and mapped into the markup; page chrome and comments removed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dyad.config import Options
from dyad.ingest.readers import read_file

ARTICLE = [
    "In September 2017 a group of former island residents flew by chartered plane to Kunashiri and "
    "Etorofu to visit family graves, the first trip of its kind made by air.",
    "The flight followed a summit in Vladivostok at which the two leaders named five areas for joint "
    "economic projects on the islands, from fish farming to wind power.",
    "Officials in Moscow said the projects would run under Russian law, a point Tokyo has never "
    "accepted &amp; the gap between the two positions stayed wide as the year closed.",
]
CHROME = {
    "cookie": "We use cookies to improve your visit. Accept all cookies?",
    "nav": "Asia Pacific",
    "share": "Share on Twitter",
    "newsletter": "Sign up for our morning briefing newsletter today.",
}
COMMENT = "Reader comment: the author forgets the long history of these islands before the war."

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Former residents fly to the islands | Example Wire</title>
<meta property="og:title" content="Former residents fly to the islands">
<meta property="article:published_time" content="2017-09-25T08:00:00+09:00">
<style>p {{ color: red; }}</style><script>var hidden = "<p>not text</p>";</script>
</head><body>
<div id="cookie-banner"><p>{CHROME["cookie"]}</p><button>OK</button></div>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/asia">{CHROME["nav"]}</a></li>
<li><a href="/world">World</a></li></ul></nav>
<main><article>
<h1>Former residents fly to the islands</h1>
<p class="byline">By a staff writer</p>
<p>{ARTICLE[0]}</p>
<p>{ARTICLE[1]}</p>
<p>{ARTICLE[2]}</p>
</article>
<div class="share-buttons"><a href="#">{CHROME["share"]}</a> <a href="#">Share on Facebook</a></div>
<aside class="newsletter"><p>{CHROME["newsletter"]}</p></aside>
<section id="comments"><h3>2 comments</h3>
<div class="comment"><p>{COMMENT}</p></div></section>
</main><footer>&copy; 2017 Example Wire</footer></body></html>
"""


@pytest.fixture()
def page_doc(tmp_path: Path):
    path = tmp_path / "islands.html"
    path.write_text(PAGE, encoding="utf-8")
    return read_file(path, Options())


def test_readers_html_keeps_article_text(page_doc) -> None:
    assert page_doc.format == "html"
    assert page_doc.original == PAGE
    text = page_doc.base.text
    for para in ARTICLE:
        assert para.replace("&amp;", "&") in text
    assert "not text" not in text and "color: red" not in text
    assert "\n\n" in text  # block elements become paragraph breaks


@pytest.mark.parametrize("part", [*CHROME, "comment"])
def test_readers_html_removes_chrome_and_comments(page_doc, part: str) -> None:
    words = CHROME.get(part, COMMENT)
    assert words not in page_doc.base.text
    spans = [(r.why, page_doc.original[r.start : r.end]) for r in page_doc.removed]
    assert any(words in chunk for _, chunk in spans), part
    if part == "comment":
        assert any(why == "comment" and words in chunk for why, chunk in spans)


def test_readers_html_map_points_into_markup(page_doc) -> None:
    base = page_doc.base
    # Every word of the kept text maps back to the same characters of the markup.
    for match in re.finditer(r"[A-Za-z]+", base.text):
        s, e = base.to_original(match.start(), match.end())
        assert page_doc.original[s:e] == match.group(), match.group()
    amp = base.text.index(" & ") + 1
    s, e = base.to_original(amp, amp + 1)
    assert page_doc.original[s:e] == "&amp;"


def test_readers_html_title_and_date(page_doc) -> None:
    assert page_doc.title == "Former residents fly to the islands"
    assert page_doc.published == "2017-09-25"


@pytest.mark.parametrize(
    ("meta", "published"),
    [
        ('<meta name="date" content="2019-01-22">', "2019-01-22"),
        ('<meta name="DC.date" content="2014-03">', "2014-03"),
        ("", "2022-03-21"),  # falls back to <time datetime>
    ],
)
def test_readers_html_date_sources(tmp_path: Path, meta: str, published: str) -> None:
    body = " ".join(ARTICLE)
    path = tmp_path / "d.htm"
    path.write_text(
        f"<html><head>{meta}<title>T</title></head><body><article>"
        f'<time datetime="2022-03-21">21 March</time><p>{body}</p></article></body></html>',
        encoding="utf-8",
    )
    assert read_file(path, Options()).published == published


def test_readers_html_charset_from_meta(tmp_path: Path) -> None:
    body = " ".join(ARTICLE).replace("Kunashiri", "Kunashiri \u2014 \u201cKunashir\u201d")
    markup = f'<html><head><meta charset="windows-1252"></head><body><p>{body}</p></body></html>'
    path = tmp_path / "w.html"
    path.write_bytes(markup.encode("cp1252"))
    doc = read_file(path, Options())
    assert "\u201cKunashir\u201d" in doc.base.text


def test_readers_html_falls_back_without_extraction(tmp_path: Path) -> None:
    # Too little for trafilatura: the prose-sized block is still kept, the menu not.
    path = tmp_path / "tiny.html"
    path.write_text(
        "<html><body><nav><a href='/'>Home</a></nav>"
        "<p>Two ministers met in Tokyo and agreed to hold talks again next spring.</p></body></html>",
        encoding="utf-8",
    )
    doc = read_file(path, Options())
    assert "agreed to hold talks" in doc.base.text
    assert "Home" not in doc.base.text
