"""Fuzz target for the HTML reader (issue 18): pathological shapes, scaled up, stay bounded.

Hypothesis builds pages from the shapes that stalled or could stall the reader (a tag with many
attributes, deep nesting, unclosed tags, quoted ``<`` inside attributes, one very long line, many
entity references) at sizes up to a few hundred kB. Each page must give a text layer or an
``InputRejected``, within a CPU-time bound that only a super-linear step would break.
"""

from __future__ import annotations

import os
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyad.errors import InputRejected
from dyad.ingest.html import read_html

#: CPU seconds for one page of at most a few hundred kB (the lxml stall this guards against took minutes).
PER_PAGE_S = 10.0
EXAMPLES = int(os.environ.get("DYAD_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = st.sampled_from(["treaty", "talks", "Japan", "Russia", "&amp;", "&#x41;", "&nbsp;", "<br>", "\n", "x" * 50])


@st.composite
def pathological_page(draw: st.DrawFn) -> str:
    n = draw(st.integers(1, 20_000))
    shape = draw(st.sampled_from(["attributes", "nested", "unclosed", "quoted", "long line", "entities", "mixed"]))
    tag = draw(st.sampled_from(["p", "div", "span", "td", "li", "b", "article", "x-custom"]))
    text = " ".join(draw(st.lists(WORDS, min_size=1, max_size=12)))
    if shape == "attributes":
        body = f"<{tag} " + " ".join(f"a{i}=v{i}" for i in range(n)) + f">{text}</{tag}>"
    elif shape == "nested":
        body = f"<{tag}>{text} " * min(n, 5_000) + f"</{tag}>" * min(n, 5_000)
    elif shape == "unclosed":
        body = f"<{tag} class=c>{text} " * n
    elif shape == "quoted":
        body = f"<{tag} " + " ".join(f'a{i}="<{tag}>"' for i in range(n)) + f">{text}</{tag}>"
    elif shape == "long line":
        body = f"<{tag}>" + (text + " ") * n + f"</{tag}>"
    elif shape == "entities":
        body = f"<{tag}>" + "&amp;&#233;&bogus;" * n + f"</{tag}>"
    else:
        body = "".join(draw(st.lists(st.sampled_from(["<div>", "</div>", "<p a=1 b=2>", text, "<!--", "-->", "<"]),
                                     max_size=2_000)))  # fmt: skip
    return f"<html><head><title>{text}</title></head><body>{body}</body></html>"


@FUZZ
@given(pathological_page())
def test_fuzz_html_pathological_shapes_bounded(markup: str) -> None:
    began = time.thread_time()
    try:
        layer = read_html(markup)
    except InputRejected as exc:
        assert "attributes" in str(exc)  # the only rejection read_html makes
    else:
        assert len(layer.base.text) <= len(markup)
        assert all(0 <= s <= e <= len(markup) for s, e in zip(layer.base.starts, layer.base.ends, strict=True))
    took = time.thread_time() - began
    assert took < PER_PAGE_S, f"{len(markup)} chars took {took:.1f} CPU s"
