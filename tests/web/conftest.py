"""Fixtures for the web tests: a small real database written through the real Store, and a live server.

The documents below are written for these tests (no seed text). Events,
agreements and entities are contract-shaped records whose evidence points at
real spans of those documents, so every link in the UI resolves.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dyad.offsets import MappedText
from dyad.records import (
    ActorRef,
    AgreementMention,
    EventRecord,
    Evidence,
    Extraction,
    PositionRecord,
    QuantityRecord,
    Sentence,
)
from dyad.store import derived
from dyad.store.db import Store

XSS = '<script>window.__pwned = 1; document.title = "PWNED";</script><img src=x onerror="window.__pwned = 2">'

DOCS: dict[str, tuple[str, str]] = {
    "alpha.txt": (
        "2017",
        (
            "Notes on a northern neighbourhood.\n\n"
            "In mid December 2016 the Russian president came to Yamaguchi and met the Japanese prime minister. "
            "The two leaders talked about joint projects on the disputed islands. "
            "In March 2014 Tokyo imposed sanctions on Moscow over Crimea. "
            "Later, in May 2016, the prime minister travelled to Sochi and offered an eight-point plan. "
            "The old 1956 declaration promised two islands after a peace treaty. "
            "Bilateral trade reached 20 billion dollars in 2016.\n"
        ),
    ),
    "beta.txt": (
        "2018",
        (
            "A second look.\n\n"
            "The Kremlin leader visited Japan in December 2016, stopping in Yamaguchi and Tokyo. "
            "Tokyo insists on the return of all four islands. "
            "Moscow says there is no territorial problem at all. "
            "In September 2018 the Russian president suggested a treaty without preconditions. "
            "Japan rejected that idea within days in September 2018. "
            "Trade fell to 18 billion dollars in 2017.\n"
        ),
    ),
    "evil.txt": ("2019", "Hostile text.\n\n" + XSS + " Japan protested in June 2019 against drills. " + XSS + "\n"),
}


def _span(doc: str, needle: str) -> Evidence:
    text = DOCS[doc][1]
    start = text.index(needle)
    return Evidence(doc, start, start + len(needle), needle)


def _ev(e: Evidence) -> dict[str, Any]:
    return {"doc": e.doc, "start": e.start, "end": e.end, "text": e.text}


PUTIN = ActorRef("Q7747", "Vladimir Putin", "RUS")
ABE = ActorRef("Q132345", "Shinzo Abe", "JPN")
JAPAN = ActorRef("Q17", "Japan", "JPN")
RUSSIA = ActorRef("Q159", "Russia", "RUS")


def _event(
    eid: str,
    date: str,
    src: ActorRef,
    tgt: ActorRef,
    typ: str,
    quad: str,
    inten: float,
    evidence: list[Evidence],
    mode: str | None = None,
    **flags: bool,
) -> dict[str, Any]:
    pair = "|".join(sorted((src.country or src.id, tgt.country or tgt.id)))
    return {
        "id": eid,
        "pair": pair,
        "date": date,
        "end": None,
        "source": src.__dict__,
        "target": tgt.__dict__,
        "type": typ,
        "mode": mode,
        "quad": quad,
        "intensity": inten,
        "negated": flags.get("negated", False),
        "hypothetical": flags.get("hypothetical", False),
        "evidence": [_ev(e) for e in evidence],
    }


def _events() -> list[dict[str, Any]]:
    visit_a = _span("alpha.txt", "In mid December 2016 the Russian president came to Yamaguchi")
    visit_b = _span("beta.txt", "The Kremlin leader visited Japan in December 2016")
    return [
        _event(
            "ev-visit",
            "2016-12-15",
            PUTIN,
            JAPAN,
            "CONSULT",
            "verbal_cooperation",
            5.0,
            [visit_a, visit_b],
            mode="visit",
        ),
        _event(
            "ev-sanction",
            "2014-03",
            JAPAN,
            RUSSIA,
            "SANCTION",
            "material_conflict",
            -6.0,
            [_span("alpha.txt", "In March 2014 Tokyo imposed sanctions on Moscow")],
        ),
        _event(
            "ev-sochi",
            "2016-05-06",
            ABE,
            RUSSIA,
            "REQUEST",
            "verbal_conflict",
            3.0,
            [_span("alpha.txt", "in May 2016, the prime minister travelled to Sochi")],
            mode="offer",
        ),
        _event(
            "ev-treaty",
            "2018-09-12",
            PUTIN,
            JAPAN,
            "REQUEST",
            "verbal_conflict",
            2.0,
            [_span("beta.txt", "the Russian president suggested a treaty without preconditions")],
            mode="propose",
        ),
        _event(
            "ev-reject",
            "2018-09",
            JAPAN,
            RUSSIA,
            "REJECT",
            "verbal_conflict",
            -4.0,
            [_span("beta.txt", "Japan rejected that idea within days")],
        ),
        _event(
            "ev-protest",
            "2019-06",
            JAPAN,
            RUSSIA,
            "PROTEST",
            "material_conflict",
            -5.0,
            [_span("evil.txt", "Japan protested in June 2019 against drills")],
        ),
        _event(
            "ev-plan",
            "2017",
            ABE,
            RUSSIA,
            "CONSULT",
            "verbal_cooperation",
            4.0,
            [_span("alpha.txt", "The two leaders talked about joint projects")],
            hypothetical=True,
        ),
    ]


def _agreements() -> list[dict[str, Any]]:
    decl = _span("alpha.txt", "The old 1956 declaration promised two islands after a peace treaty")
    plan = _span("alpha.txt", "offered an eight-point plan")
    return [
        {
            "id": "ag-1956-joint-declaration",
            "name": "1956 Joint Declaration",
            "kind": "declaration",
            "parties": ["JPN", "SUN"],
            "date": "1956-10-19",
            "status": "in_force",
            "status_history": [
                {"status": "signed", "date": "1956-10-19", "evidence": [_ev(decl)]},
                {"status": "in_force", "date": "1956-12-12", "evidence": [_ev(decl)]},
            ],
            "fields": [],
            "evidence": [_ev(decl)],
        },
        {
            "id": "ag-eight-point-plan",
            "name": "Eight-point cooperation plan",
            "kind": "plan",
            "parties": ["JPN", "RUS"],
            "date": "2016-05",
            "status": "proposed",
            "status_history": [{"status": "proposed", "date": "2016-05", "evidence": [_ev(plan)]}],
            "fields": ["energy", "health"],
            "evidence": [_ev(plan)],
        },
        {
            "id": "ag-evil",
            "name": XSS,
            "kind": "other",
            "parties": ["JPN"],
            "date": "2019",
            "status": "proposed",
            "status_history": [{"status": "proposed", "date": "2019-06", "evidence": [_ev(_span("evil.txt", XSS))]}],
            "fields": [XSS],
            "evidence": [_ev(_span("evil.txt", XSS))],
        },
    ]


def _entities() -> list[dict[str, Any]]:
    return [
        {
            "id": "Q7747",
            "name": "Vladimir Putin",
            "kind": "person",
            "country": "RUS",
            "aliases": ["Putin"],
            "roles": [{"role": "president", "of": "RUS", "from": "2012-05-07", "to": None}],
            "mentions": [_ev(_span("alpha.txt", "the Russian president"))],
        },
        {
            "id": "Q132345",
            "name": "Shinzo Abe",
            "kind": "person",
            "country": "JPN",
            "aliases": ["Abe"],
            "roles": [{"role": "prime minister", "of": "JPN", "from": "2012-12-26", "to": "2020-09-16"}],
            "mentions": [_ev(_span("alpha.txt", "the Japanese prime minister"))],
        },
        {
            "id": "Q17",
            "name": "Japan",
            "kind": "state",
            "country": "JPN",
            "aliases": ["Tokyo"],
            "roles": [],
            "mentions": [_ev(_span("beta.txt", "Japan"))],
        },
        {
            "id": "Q159",
            "name": "Russia",
            "kind": "state",
            "country": "RUS",
            "aliases": ["Moscow"],
            "roles": [],
            "mentions": [_ev(_span("beta.txt", "Moscow"))],
        },
        {
            "id": "evil-actor",
            "name": XSS,
            "kind": "other",
            "country": None,
            "aliases": [XSS],
            "roles": [],
            "mentions": [_ev(_span("evil.txt", XSS))],
        },
    ]


def _extraction(doc: str) -> Extraction:
    ex = Extraction()
    if doc == "alpha.txt":
        ex.quantities.append(
            QuantityRecord(
                "trade turnover",
                20.0,
                "USD bn",
                "2016",
                ("JPN", "RUS"),
                _span(doc, "Bilateral trade reached 20 billion dollars in 2016"),
            )
        )
        ex.agreements.append(
            AgreementMention(
                "1956",
                "1956 Joint Declaration",
                "declaration",
                ("JPN", "SUN"),
                "1956",
                "signed",
                "1956",
                (),
                _span(doc, "The old 1956 declaration"),
            )
        )
        ex.events.append(
            EventRecord(
                "2016-12",
                None,
                PUTIN,
                JAPAN,
                "CONSULT",
                "visit",
                "verbal_cooperation",
                5.0,
                False,
                False,
                "04",
                _span(doc, "came to Yamaguchi"),
            )
        )
    elif doc == "beta.txt":
        ex.quantities.append(
            QuantityRecord(
                "trade turnover",
                18.0,
                "USD bn",
                "2017",
                ("JPN", "RUS"),
                _span(doc, "Trade fell to 18 billion dollars in 2017"),
            )
        )
        ex.positions.append(
            PositionRecord(
                JAPAN,
                "kuril-sovereignty",
                "all-four-islands",
                "2018",
                "the return of all four islands",
                _span(doc, "the return of all four"),
            )
        )
        ex.positions.append(
            PositionRecord(
                RUSSIA,
                "kuril-sovereignty",
                "no-territorial-problem",
                "2018",
                "no territorial problem",
                _span(doc, "no territorial problem"),
            )
        )
    else:
        ex.positions.append(
            PositionRecord(ActorRef("evil-actor", XSS, None), "evil-issue", "evil-stance", "2019", XSS, _span(doc, XSS))
        )
        ex.quantities.append(QuantityRecord(XSS, 1.0, XSS, "2019", ("JPN",), _span(doc, XSS)))
    return ex


def build_test_db(path: Path) -> Path:
    """Write the three test documents and the derived records into a fresh database at ``path``."""
    with Store.open(path) as store:
        for name, (published, text) in DOCS.items():
            doc = {
                "doc_id": f"sha-{name}",
                "name": name,
                "path": name,
                "format": "txt",
                "title": text.split("\n", 1)[0],
                "published": published,
                "original": text,
                "text": text,
                "offset_map": MappedText.identity(text).dumps(),
            }
            sentences = [Sentence(0, 0, 0, len(text), 0, len(text), text)]
            store.write_document(
                doc=doc,
                removed=[],
                sentences=sentences,
                ref_dates=[published],
                extraction=_extraction(name),
                to_original=lambda s, e: (s, e),
            )
        derived.replace_derived(store, events=_events(), agreements=_agreements(), entities=_entities())
    return path


@pytest.fixture(scope="session")
def test_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small database: three documents (one hostile), seven events, three agreements, positions, quantities."""
    return build_test_db(tmp_path_factory.mktemp("web") / "test.duckdb")


@pytest.fixture(scope="session")
def client(test_db: Path) -> Iterator[Any]:
    """The real ASGI app over the test database, in-process."""
    from fastapi.testclient import TestClient

    from dyad.web.app import create_app

    with TestClient(create_app(test_db)) as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_in_thread(db: Path) -> Iterator[str]:
    """A real uvicorn server on 127.0.0.1 and a free port; yields its base URL."""
    import uvicorn

    from dyad.web.app import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start within 10 s")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(test_db: Path) -> Iterator[str]:
    yield from serve_in_thread(test_db)
