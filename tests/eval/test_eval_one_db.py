"""``python -m dyad.eval.sets --one-db``: several sets copied into one folder, names and gold kept apart."""

from __future__ import annotations

import json

from dyad.eval.sets import SETS, one_corpus


def test_one_corpus_prefixes_every_set_but_the_first_and_rewrites_its_gold(tmp_path) -> None:
    docs, sets = one_corpus(["own", "heldout"], tmp_path)
    own, heldout = SETS["own"], SETS["heldout"]
    names = {f.name for f in docs.iterdir()}
    own_docs = {f.name for f in own.docs.glob("*.txt")}
    assert own_docs <= names
    assert {f"heldout-{f.name}" for f in heldout.docs.glob("*.txt")} <= names
    assert not any(n.endswith("_gold.jsonl") for n in names)  # gold files are not documents
    for name, prefix in (("own", ""), ("heldout", "heldout-")):
        lines = sets[name].gold_file("events").read_text(encoding="utf-8").splitlines()
        original = SETS[name].gold_file("events").read_text(encoding="utf-8").splitlines()
        assert len([x for x in lines if x.strip()]) == len([x for x in original if x.strip()])
        for line in filter(str.strip, lines):
            doc = json.loads(line)["doc"]
            assert doc.startswith(prefix) and doc in names
