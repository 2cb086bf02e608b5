"""The gold of our blind held-out batches (``tests/extract/heldout3`` to ``heldout7``) is well formed:
the checks of ``shared/gold/dev/validate_dev.py`` adapted to our layout (``events_gold.jsonl`` beside the documents).

Every line names an existing document, quotes its ``text`` verbatim from it, has ISO partial dates
(``end`` not before ``date``), two distinct actor codes (ISO 3166-1 alpha-3, ``SUN`` or a listed
organisation), a boolean ``directed``, one of the nine coarse types and an id unique in the file.
Run as a test, or directly: ``python tests/extract/test_heldout_gold.py [heldout3 ... heldout7]`` prints
every problem.
"""

from __future__ import annotations

import calendar
import json
import re
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
#: the batches whose gold sits beside their documents as ``events_gold.jsonl``
BATCHES = ("heldout3", "heldout4", "heldout5", "heldout6", "heldout7")
TYPES = {"CONSULT", "AGREE", "PROPOSE", "COOPERATE", "STATEMENT", "DISAPPROVE", "COERCE", "MILITARY", "WITHDRAW"}
ORGS = {"G7", "G8", "G20", "EU", "NATO", "UN", "ASEAN", "APEC"}
#: the ISO 3166-1 alpha-3 codes the documents may use (a subset is enough: an unknown code is a typo here)
ISO3 = {
    "AGO",
    "ARE",
    "ARG",
    "AUS",
    "AUT",
    "AZE",
    "BDI",
    "BFA",
    "BGD",
    "BHR",
    "BLZ",
    "BOL",
    "BRA",
    "CAN",
    "CHL",
    "CHN",
    "CIV",
    "COD",
    "COL",
    "CUB",
    "CZE",
    "DEU",
    "DNK",
    "DOM",
    "DZA",
    "ECU",
    "EGY",
    "ERI",
    "ESP",
    "ETH",
    "FIN",
    "FJI",
    "FRA",
    "GBR",
    "GEO",
    "GMB",
    "GRC",
    "HND",
    "HTI",
    "HUN",
    "IDN",
    "IND",
    "IRN",
    "IRQ",
    "ISR",
    "JPN",
    "KEN",
    "KGZ",
    "KHM",
    "KOR",
    "KWT",
    "LBN",
    "LTU",
    "MAR",
    "MDV",
    "MEX",
    "MKD",
    "MLI",
    "MMR",
    "MYS",
    "NER",
    "NIC",
    "NOR",
    "NPL",
    "NZL",
    "PAK",
    "PER",
    "PHL",
    "PNG",
    "POL",
    "PRK",
    "PRT",
    "PSE",
    "QAT",
    "RUS",
    "RWA",
    "SAU",
    "SDN",
    "SEN",
    "SLB",
    "SOM",
    "SSD",
    "SVK",
    "SWE",
    "SYR",
    "TGO",
    "THA",
    "TJK",
    "TUN",
    "TUR",
    "TWN",
    "UKR",
    "USA",
    "UZB",
    "VEN",
    "VNM",
}
ACTORS = ISO3 | {"SUN"} | ORGS
FIELDS = {"doc", "id", "date", "end", "actors", "directed", "type", "text", "persons"}
REQUIRED = FIELDS - {"end", "persons"}
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _date(value: object) -> tuple[str, str] | None:
    """(first day, last day) of an ISO partial date, or None when it is not one."""
    m = DATE.match(value) if isinstance(value, str) else None
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    if m[2] and not 1 <= month <= 12:
        return None
    if m[3] and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    lo = f"{year:04d}-{month or 1:02d}-{day or 1:02d}"
    last = day or (calendar.monthrange(year, month)[1] if month else 31)
    return lo, f"{year:04d}-{month or 12:02d}-{last:02d}"


def problems(folder: Path) -> list[str]:
    """Every problem of ``folder/events_gold.jsonl``, one string each (empty when the file is sound)."""
    out: list[str] = []
    seen: set[object] = set()
    lines = (folder / "events_gold.jsonl").read_text(encoding="utf-8").splitlines()
    for n, raw in enumerate(lines, 1):
        where = f"events_gold.jsonl:{n}"
        try:
            item = json.loads(raw)
        except json.JSONDecodeError as exc:
            out.append(f"{where}: not JSON ({exc})")
            continue
        if not isinstance(item, dict):
            out.append(f"{where}: not an object")
            continue
        if missing := REQUIRED - set(item):
            out.append(f"{where}: missing {sorted(missing)}")
        if unknown := set(item) - FIELDS:
            out.append(f"{where}: unknown fields {sorted(unknown)}")
        doc = folder / str(item.get("doc", ""))
        if not item.get("doc") or not doc.is_file():
            out.append(f"{where}: document {item.get('doc')!r} not found")
        elif not isinstance(item.get("text"), str) or not item["text"].strip():
            out.append(f"{where}: empty text")
        elif item["text"] not in doc.read_text(encoding="utf-8"):
            out.append(f"{where}: text not found verbatim in {item['doc']}: {item['text'][:60]!r}")
        if item.get("id") in seen:
            out.append(f"{where}: id {item.get('id')!r} used twice")
        seen.add(item.get("id"))
        start = _date(item.get("date"))
        if start is None:
            out.append(f"{where}: bad date {item.get('date')!r}")
        if "end" in item:
            end = _date(item["end"])
            if end is None:
                out.append(f"{where}: bad end {item['end']!r}")
            elif start is not None and end[1] < start[0]:
                out.append(f"{where}: end {item['end']} before date {item['date']}")
        actors = item.get("actors")
        if not (isinstance(actors, list) and len(actors) == 2 and len(set(actors)) == 2):
            out.append(f"{where}: actors must be two distinct codes, got {actors!r}")
        elif bad := [a for a in actors if a not in ACTORS]:
            out.append(f"{where}: unknown actor codes {bad}")
        if not isinstance(item.get("directed"), bool):
            out.append(f"{where}: directed must be true or false")
        if item.get("type") not in TYPES:
            out.append(f"{where}: type {item.get('type')!r} is not a coarse class")
    return out


@pytest.mark.parametrize("batch", BATCHES)
def test_heldout_gold_is_well_formed(batch: str) -> None:
    assert problems(HERE / batch) == []


@pytest.mark.parametrize("batch", BATCHES)
def test_heldout_every_document_has_gold(batch: str) -> None:
    folder = HERE / batch
    docs = {p.name for p in folder.glob("*.txt")}
    lines = (folder / "events_gold.jsonl").read_text(encoding="utf-8").splitlines()
    named = {json.loads(line)["doc"] for line in lines}
    assert docs == named


if __name__ == "__main__":
    bad = False
    for batch in sys.argv[1:] or BATCHES:
        found = problems(HERE / batch)
        lines = sum(1 for _ in (HERE / batch / "events_gold.jsonl").open(encoding="utf-8"))
        print("\n".join(f"{batch}: {p}" for p in found) or f"{batch} ok: {lines} lines")
        bad = bad or bool(found)
    sys.exit(1 if bad else 0)
