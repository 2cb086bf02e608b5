"""One page per fact (/events/{id}, /agreements/{id}) and the document page's links from a passage to its facts.

Besides the shared test database, a one-document database whose original text
holds an HTML entity, Markdown bold and a word hyphenated across a line break
(written for this test) checks that quotes come from the repaired text while
offsets and links stay those of the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from dyad.offsets import MappedText
from dyad.records import ActorRef, EventRecord, Evidence, Extraction, Sentence, TimeExpr
from dyad.store import derived
from dyad.store.db import Store
from tests.web.conftest import DOCS

ORIGINAL = (
    "Harbour notes.\n\n"
    "Lisbon&rsquo;s envoy met the **Moroccan** side on Monday. "
    "In May 2016 both agreed a bi-\nlateral fisheries plan. "
    "Talks went on after that.\n"
)
PORTUGAL = ActorRef("Q45", "Portugal", "PRT")
MOROCCO = ActorRef("Q1028", "Morocco", "MAR")


def _repaired() -> MappedText:
    base = MappedText.identity(ORIGINAL)
    edits = [(ORIGINAL.index("&rsquo;"), ORIGINAL.index("&rsquo;") + 7, "\u2019")]
    edits += [(m.start(), m.end(), "") for m in re.finditer(r"\*\*", ORIGINAL)]
    hyphen = ORIGINAL.index("bi-\n") + 2
    edits.append((hyphen, hyphen + 2, ""))
    return base.edit(edits)


def _sentences(mapped: MappedText) -> list[Sentence]:
    out = []
    for idx, m in enumerate(re.finditer(r"[^.\n][^.]*\.", mapped.text)):
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        ostart, oend = mapped.to_original(start, m.end())
        out.append(Sentence(idx, 0 if idx == 0 else 1, start, m.end(), ostart, oend, mapped.text[start : m.end()]))
    return out


@pytest.fixture(scope="module")
def repaired_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from dyad.web.app import create_app

    mapped = _repaired()
    needle = "In May 2016 both agreed a bi-\nlateral fisheries plan."
    start = ORIGINAL.index(needle)
    evidence = Evidence("harbour.md", start, start + len(needle), needle)
    mention = EventRecord(
        "2016-05", None, PORTUGAL, MOROCCO, "AGREE", None, "verbal_cooperation", 6.0, False, False, "05", evidence,
        trigger="agreed",
    )  # fmt: skip
    sentences = _sentences(mapped)
    when = mapped.text.index("May 2016")
    extraction = Extraction(
        events=[mention], times=[TimeExpr(when, when + 8, "May 2016", "2016-05", None, "month", 2, False)]
    )
    path = tmp_path_factory.mktemp("facts") / "repaired.duckdb"
    with Store.open(path) as store:
        doc = {"doc_id": "sha-harbour", "name": "harbour.md", "path": "harbour.md", "format": "md",
               "title": "Harbour notes.", "published": "2016-06", "original": ORIGINAL, "text": mapped.text,
               "offset_map": mapped.dumps()}  # fmt: skip
        store.write_document(
            doc=doc, removed=[], sentences=sentences, ref_dates=["2016-06"] * len(sentences),
            extraction=extraction, to_original=mapped.to_original, event_pairs=["MAR|PRT"],
        )  # fmt: skip
        record = {"id": "ev-fish", "pair": "MAR|PRT", "date": "2016-05", "end": None,
                  "source": PORTUGAL.__dict__, "target": MOROCCO.__dict__, "type": "AGREE", "mode": None,
                  "quad": "verbal_cooperation", "intensity": 6.0, "negated": False, "hypothetical": False,
                  "evidence": [evidence.__dict__]}  # fmt: skip
        derived.replace_derived(store, events=[record], agreements=[], entities=[])
    with TestClient(create_app(path)) as client:
        yield client


def test_facts_event_quote_is_the_repaired_text_in_context(repaired_client: Any) -> None:
    data = repaired_client.get("/events/ev-fish.json").json()
    (quoted,) = data["quotes"]
    assert quoted["quote"] == "In May 2016 both agreed a bilateral fisheries plan."
    assert quoted["before"] == "Lisbon\u2019s envoy met the Moroccan side on Monday."
    assert quoted["after"] == "Talks went on after that."
    assert ORIGINAL[quoted["start"] : quoted["end"]] == quoted["text"]  # offsets still point into the original
    html = repaired_client.get("/events/ev-fish").text
    assert "bilateral fisheries plan" in html and "&amp;rsquo;" not in html and "**" not in html


def test_facts_event_date_reasoning_names_the_time_words(repaired_client: Any) -> None:
    data = repaired_client.get("/events/ev-fish.json").json()
    dating = data["quotes"][0]["dating"]
    assert dating["date"] == "2016-05" and dating["precision"] == "month"
    assert [t["value"] for t in dating["timexes"]] == ["2016-05"] and "May 2016" in dating["why"]
    assert data["quotes"][0]["said"]["trigger"] == "agreed"
    assert data["date"]["precision"] == "month" and "2016-05" in data["date"]["summary"]


def test_facts_event_page_links_its_json_record(client: Any) -> None:
    html = client.get("/events/ev-visit").text
    link = re.search(r'<a class="api" href="([^"]+)"', html)
    assert link and link.group(1) == "/api/events/ev-visit"
    record = client.get(link.group(1)).json()
    assert record["id"] == "ev-visit" and len(record["evidence"]) == 2
    for ev in record["evidence"]:  # both merged sources are quoted, each linking to its passage
        assert f'href="/documents/{ev["doc"]}?start={ev["start"]}&amp;end={ev["end"]}#ev-' in html
    assert "Evidence: 2 passages" in html


def test_facts_event_quote_carries_its_sentence_context(client: Any) -> None:
    data = client.get("/events/ev-sanction.json").json()
    (quoted,) = data["quotes"]
    assert quoted["quote"] == "In March 2014 Tokyo imposed sanctions on Moscow"
    assert quoted["after"].startswith("over Crimea.")


def test_facts_agreement_page_quotes_each_step(client: Any) -> None:
    html = client.get("/agreements/ag-1956-joint-declaration").text
    assert "1956-12-12" in html and html.count("<blockquote") == 3  # two steps and the agreement's own evidence
    assert 'href="/api/agreements/ag-1956-joint-declaration"' in html
    data = client.get("/agreements/ag-1956-joint-declaration.json").json()
    assert [s["status"] for s in data["history"]] == ["signed", "in_force"] and data["documents"] == ["alpha.txt"]


@pytest.mark.parametrize("url", ["/events/ev-none", "/agreements/ag-none", "/events/ev-none.json"])
def test_facts_unknown_ids_are_404(client: Any, url: str) -> None:
    assert client.get(url).status_code == 404


def test_facts_document_marks_link_to_the_facts_they_support(client: Any) -> None:
    data = client.get("/documents/alpha.txt.json").json()
    text = DOCS["alpha.txt"][1]
    by_span = {text[s["start"] : s["end"]]: s for s in data["spans"]}
    sanction = by_span["In March 2014 Tokyo imposed sanctions on Moscow"]
    assert [f["url"] for f in sanction["facts"]] == ["/events/ev-sanction"]
    assert "The two leaders talked about joint projects" not in by_span  # a hypothetical event is no fact
    html = client.get("/documents/alpha.txt").text
    assert re.search(r'<a class="fact" href="/events/ev-sanction" title="[^"]*"><mark[^>]*>In March 2014', html)
    decl = by_span["The old 1956 declaration promised two islands after a peace treaty"]
    assert "/agreements/ag-1956-joint-declaration" in [f["url"] for f in decl["facts"]]


def test_facts_every_mark_on_a_document_page_opens_a_page(client: Any) -> None:
    html = client.get("/documents/beta.txt").text
    links = set(re.findall(r'<a class="fact[^"]*" href="([^"]+)"', html))
    assert links
    for url in links:
        assert client.get(url.replace("&amp;", "&")).status_code == 200, url


def test_facts_timeline_rows_link_their_event_page(client: Any) -> None:
    html = client.get("/timeline?type=SANCTION").text
    assert '<a class="fact" href="/events/ev-sanction">' in html


def test_facts_pages_are_escaped(client: Any) -> None:
    html = client.get("/events/ev-protest").text
    assert "<script>window" not in html and "&lt;script&gt;" in html


def test_facts_tables_show_the_repaired_words_and_keep_the_original(repaired_client: Any) -> None:
    data = repaired_client.get("/timeline.json?dyad=MAR-PRT").json()
    (ev,) = data["events"][0]["evidence"]
    assert ev["quote"] == "In May 2016 both agreed a bilateral fisheries plan."
    assert ev["text"] == ORIGINAL[ev["start"] : ev["end"]]  # the contract's text is untouched
    html = repaired_client.get("/timeline?dyad=MAR-PRT").text
    assert '<div class="quote">In May 2016 both agreed a bilateral fisheries plan.</div>' in html


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Tokyo&rsquo;s envoy", "Tokyo\u2019s envoy"),
        ("met in **Sochi** on", "met in Sochi on"),
        ("see [the plan](https://example.org/p) now", "see the plan now"),
        ("an econom-\nic plan", "an economic plan"),
        ("Sino-\nJapanese ties", "Sino-Japanese ties"),  # a capital after the break: a real hyphen
        ("a - b", "a - b"),
    ],
)
def test_facts_tidy_clears_what_the_repair_left(raw: str, shown: str) -> None:
    from dyad.web.evidence import tidy

    assert tidy(raw) == shown


def _span_of(doc: str, needle: str) -> str:
    start = DOCS[doc][1].index(needle)
    return f"{start}-{start + len(needle)}"


def test_facts_position_page_quotes_and_lists_the_actors_stances(client: Any) -> None:
    url = f"/positions/beta.txt/{_span_of('beta.txt', 'the return of all four')}"
    html = client.get(url).text
    assert "all-four-islands" in html and "<mark>the return of all four</mark>" in html
    data = client.get(url + ".json").json()
    assert data["position"]["actor"]["id"] == "Q17" and [h["here"] for h in data["history"]] == [True]
    assert f'href="{url}"' in client.get("/positions").text  # the matrix links each stance to its page


def test_facts_quantity_page_lists_the_same_measure(client: Any) -> None:
    url = f"/quantities/alpha.txt/{_span_of('alpha.txt', 'Bilateral trade reached 20 billion dollars in 2016')}"
    data = client.get(url + ".json").json()
    assert data["measure"] == "trade turnover" and data["pair"] == "JPN-RUS"
    assert [(q["value"], q["here"]) for q in data["same_measure"]] == [(20, True), (18, False)]
    assert f'href="{url}"' in client.get("/indicators").text


@pytest.mark.parametrize(
    ("url", "status"),
    [("/positions/beta.txt/1-2", 404), ("/quantities/alpha.txt/9-3", 400), ("/quantities/alpha.txt/x", 400)],
)
def test_facts_span_pages_refuse_what_is_not_there(client: Any, url: str, status: int) -> None:
    assert client.get(url).status_code == status


def test_facts_quote_from_a_damaged_offset_map_reads_the_original(tmp_path: Any) -> None:
    from dyad.web.evidence import Documents

    needle = "Lisbon&rsquo;s envoy met the **Moroccan** side"
    start = ORIGINAL.index(needle)
    with Store.open(tmp_path / "damaged.duckdb") as store:
        doc = {"doc_id": "sha-harbour", "name": "harbour.md", "path": "harbour.md", "format": "md",
               "title": "Harbour notes.", "published": "2016-06", "original": ORIGINAL,
               "text": _repaired().text, "offset_map": "[[0, 0, 1"}  # fmt: skip
        store.write_document(
            doc=doc, removed=[], sentences=[], ref_dates=[], extraction=Extraction(),
            to_original=lambda s, e: (s, e), event_pairs=[],
        )  # fmt: skip
        # no text in the evidence: the quote can only come from the document
        evidence = {"doc": "harbour.md", "start": start, "end": start + len(needle), "text": ""}
        (record,) = Documents(store).with_quotes([{"evidence": [evidence]}])
    # the page's documents come without their original text; a map that cannot be read sends for it
    assert record["evidence"][0]["quote"] == "Lisbon\u2019s envoy met the Moroccan side"
