"""Evidence quotes stored with the merged events: the same words the pages used to work out per request.

The documents are written here (an HTML entity, a word hyphenated across a line, Markdown emphasis, a
mis-decoded apostrophe, a stretch the repair removed), so the repaired words differ from the original ones.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dyad.offsets import MappedText
from dyad.records import Extraction, Sentence
from dyad.store import derived, memo, quotes
from dyad.store import queries as q
from dyad.store.db import Store
from dyad.store.sorting import Sort
from dyad.web import views
from dyad.web.evidence import Documents

NOTE = "Cookie banner: accept all.\n"
ORIGINAL = (
    NOTE + "Tokyo&rsquo;s envoy met the Kremlin\u00e2\u20ac\u2122s team in May 2016 and both sides **agreed** "
    "to keep talking. "
    "Officials called the talks con-\nstructive and planned a second round in Vladi-\nvostok in September.\n"
)


def _repaired(original: str) -> MappedText:
    """The repair's result for ORIGINAL: the banner dropped, the entity and the mis-decoded apostrophe mended,
    one line-end hyphen joined."""
    text = MappedText.identity(original)
    entity, garbled = original.index("&rsquo;"), original.index("\u00e2\u20ac\u2122")
    edits = [(0, len(NOTE), ""), (entity, entity + 7, "\u2019"), (garbled, garbled + 3, "\u2019")]
    hyphen = original.index("con-\n")
    edits.append((hyphen + 3, hyphen + 5, ""))
    return text.edit(edits)


def _write(store: Store, name: str, original: str) -> None:
    mapped = _repaired(original) if original.startswith(ORIGINAL) else MappedText.identity(original)
    doc = {"doc_id": f"sha-{name}-{len(original)}", "name": name, "path": name, "format": "txt",
           "title": name, "published": "2016", "original": original, "text": mapped.text,
           "offset_map": mapped.dumps()}  # fmt: skip
    sentence = Sentence(0, 0, 0, len(mapped.text), 0, len(original), mapped.text)
    store.write_document(doc=doc, removed=[], sentences=[sentence], ref_dates=["2016"], extraction=Extraction(),
                         to_original=lambda s, e: (s, e))  # fmt: skip


def _span(name: str, text: str, needle: str) -> dict[str, Any]:
    start = text.index(needle)
    return {"doc": name, "start": start, "end": start + len(needle), "text": needle}


def _event(eid: str, date: str, evidence: list[dict[str, Any]]) -> dict[str, Any]:
    side = {"id": "Q17", "name": "Japan", "country": "JPN"}
    other = {"id": "Q159", "name": "Russia", "country": "RUS"}
    return {"id": eid, "pair": "JPN|RUS", "date": date, "end": None, "source": side, "target": other,
            "type": "CONSULT", "mode": None, "quad": "verbal_cooperation", "intensity": 4.0, "negated": False,
            "hypothetical": False, "evidence": evidence}  # fmt: skip


PLAIN = "Moscow and Tokyo held a plain meeting in June 2016.\n"


def _events() -> list[dict[str, Any]]:
    a = ORIGINAL
    entity, plain = _span("a.txt", a, "Tokyo&rsquo;s envoy met"), _span("b.txt", PLAIN, "plain")
    talks, city = _span("a.txt", a, "talks con-\nstructive"), _span("a.txt", a, "Vladi-\nvostok")
    return [
        _event("ev-entity", "2016-05-10", [entity, plain]),
        _event("ev-hyphen", "2016-05-11", [talks, city]),
        _event("ev-marks", "2016-05-12", [_span("a.txt", a, "both sides **agreed**")]),
        _event("ev-garbled", "2016-05-12", [_span("a.txt", a, "met the Kremlin\u00e2\u20ac\u2122s team")]),
        _event("ev-removed", "2016-05-13", [_span("a.txt", a, "Cookie banner")]),  # repaired away: original words
        _event("ev-gone-doc", "2016-06-01", [{"doc": "nowhere.txt", "start": 0, "end": 5, "text": "Lost&amp; words"}]),
    ]  # fmt: skip


def _database(path: Path) -> Path:
    with Store.open(path) as store:
        _write(store, "a.txt", ORIGINAL)
        _write(store, "b.txt", PLAIN)
        derived.replace_events(store, _events())
        store.clear_pending(store.pending_derived())
    return path


def _stored(store: Store) -> dict[str, list[str]]:
    rows = store.con.execute("SELECT record, quotes FROM events").fetchall()
    return {
        rec["id"]: [ev["quote"] for ev in rec["evidence"]]
        for rec in (quotes.attach(json.loads(r), said) for r, said in rows)
    }


def test_quotes_stored_are_the_words_the_page_worked_out(tmp_path: Path) -> None:
    with Store.open(_database(tmp_path / "q.duckdb")) as store:
        stored = _stored(store)
        docs = Documents(store)
        computed = {e["id"]: [docs.readable(ev) for ev in e["evidence"]] for e in _events()}
        column = dict(store.con.execute("SELECT id, quotes FROM events").fetchall())
    assert stored == computed
    assert stored["ev-entity"] == ["Tokyo\u2019s envoy met", "plain"]
    assert stored["ev-hyphen"] == ["talks constructive", "Vladivostok"]
    assert stored["ev-removed"] == ["Cookie banner"]
    assert stored["ev-gone-doc"] == ["Lost& words"]
    assert stored["ev-garbled"] == ["met the Kremlin\u2019s team"]
    # only what the tidied original words would not give is written out
    assert json.loads(column["ev-garbled"]) == ["met the Kremlin\u2019s team"]
    assert json.loads(column["ev-entity"]) == [None, None]
    assert json.loads(column["ev-marks"]) == [None]


def _pages(store: Store) -> list[Any]:
    memo.forget()
    return [
        views.actor(store, "Q17", limit=50, offset=0),
        views.actor(store, "Q159", limit=2, offset=1, sort=Sort("date", descending=True)),
        views.timeline(store, q.EventFilter(dyad=("JPN", "RUS")), limit=50, offset=0),
        views.timeline(store, q.EventFilter(), limit=3, offset=0, sort=Sort("intensity")),
    ]


def test_pages_read_stored_quotes_as_they_were_worked_out(tmp_path: Path) -> None:
    db = _database(tmp_path / "q.duckdb")
    with Store.open(db) as store:
        stored = _pages(store)
        store.con.execute("UPDATE events SET quotes = NULL")  # rows from before the column: quoted per request
        worked_out = _pages(store)
    assert json.dumps(stored) == json.dumps(worked_out)
    assert stored[0]["events"][0]["evidence"][0]["quote"] == "Tokyo\u2019s envoy met"


def test_quotes_kept_when_replaced_unless_their_document_was_written_since(tmp_path: Path) -> None:
    db = _database(tmp_path / "q.duckdb")
    with Store.open(db) as store:
        store.con.execute("""UPDATE events SET quotes = '["kept"]' WHERE id = 'ev-marks'""")
        marks = next(e for e in _events() if e["id"] == "ev-marks")
        derived.replace_event_ids(store, ["ev-marks"], [{**marks, "id": "ev-marks-2"}])
        assert _stored(store)["ev-marks-2"] == ["kept"]  # the replaced row's quote, not the document read again
        _write(store, "a.txt", ORIGINAL + "A closing line.\n")  # a new version (spans kept): pending again
        derived.replace_event_ids(store, ["ev-marks-2"], [{**marks, "id": "ev-marks-3"}])
        assert _stored(store)["ev-marks-3"] == ["both sides agreed"]


def test_quotes_of_new_evidence_from_a_correction_are_worked_out(tmp_path: Path) -> None:
    db = _database(tmp_path / "q.duckdb")
    with Store.open(db) as store:
        hyphen = next(e for e in _events() if e["id"] == "ev-hyphen")
        extra = _span("a.txt", ORIGINAL, "Tokyo&rsquo;s")
        derived.replace_event_ids(store, ["ev-hyphen"], [{**hyphen, "evidence": [*hyphen["evidence"], extra]}])
        assert _stored(store)["ev-hyphen"] == ["talks constructive", "Vladivostok", "Tokyo\u2019s"]
