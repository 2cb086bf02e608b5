"""Event extraction: dated, PLOVER-coded interactions between actors, one per trigger and passage.

For each sentence of a parsed document the stage finds triggers (lexicon verbs and
event nouns, :mod:`dyad.extract.events.triggers`), reads their source and target from
the dependency parse (:mod:`dyad.extract.events.args`), maps the actors to their
states through the linked mentions, dates the trigger with the time layer, and flags
negation and modality (:mod:`dyad.extract.events.modality`). Each event cites its
sentence as evidence.

Who acted on whom is read by :mod:`dyad.extract.events.sides`: where the parse names one
side only ("Abe put forward a plan"), the other side is the other state of the document's
main dyad when the paragraph names it; "the two sides", "both countries" and "the two
leaders" stand for the dyad itself. Reporting
verbs ("Lavrov said that ...") pass their subject on as the ``speaker`` of the events
they report; the saying is itself a statement event (SUPPORT/statement) only when it
embeds no other event stated as having happened (a hypothetical content is the statement's
own) and the sentence names another side; said by both sides together, it is an AGREE.

>>> # events = extract_events(pdoc, mentions, times, kb, knowledge.events)
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from spacy.tokens import Token

from dyad.extract.events.acts import one_act_one_event, one_meeting, one_voice
from dyad.extract.events.args import Args, SentenceActors, met_there, noun_args, verb_args
from dyad.extract.events.dates import event_date, is_future
from dyad.extract.events.modality import agent_words, clause_tense, habitual_perfect, recent_perfect, trigger_modality
from dyad.extract.events.places import place_view
from dyad.extract.events.sides import (
    POINTING,
    STATEMENT_MODE,
    Dyad,
    Resolved,
    actor_ref,
    is_mutual,
    is_state_code,
    moved_in_person,
    reaction,
    resolve_actors,
)
from dyad.extract.events.triggers import Trigger, find_triggers, noun_key
from dyad.extract.parse import ParsedDoc, described_as
from dyad.ingest.storydate import dateline_length
from dyad.knowledge.actors import state_of
from dyad.knowledge.events import Lexicon
from dyad.records import ActorRef, EventRecord, Mention, TimeExpr

_ENTRY_MARKS = frozenset("–—-:")


def _timeline_entries(pdoc: ParsedDoc, times: list[TimeExpr]) -> set[int]:
    """Paragraphs that open with a date and a dash or colon ("Aug. 23, 2018 – Australia bars ...", "May 2023:
    ..."): the entries of a timeline, whose present tense tells past acts."""
    offsets = [off for off, _doc in pdoc.paragraphs]
    out = set()
    for t in times:
        k = bisect_right(offsets, t.start) - 1
        if k < 0 or pdoc.text[offsets[k] : t.start].strip():
            continue
        if pdoc.text[t.end : t.end + 4].lstrip(" ")[:1] in _ENTRY_MARKS:
            out.add(k)
    return out


def _stateless_eras(times: Any, idx: int, mentions: list[Mention]) -> list[tuple[int, int]]:
    """Body spans of the named eras in a sentence whose names hold no state ("the Cold War", not
    "the Russo-Japanese War")."""
    infos = getattr(times, "info", [])
    return [
        (t.start, t.end)
        for t, info in zip(times.times, infos, strict=False)
        if t.sentence == idx and info.era and not any(t.start <= m.start < t.end for m in mentions)
    ]


_SETTING_PREPS = frozenset({"at", "during", "on", "after", "following", "before"})


def _setting_of(
    trig: Trigger, args: Args, sa: SentenceActors, told: list[tuple[Trigger, EventRecord]]
) -> Resolved | None:
    """The sides of the act a meeting noun is the setting of, when the noun names none of its own:
    "Vucic and Kurti accepted the text at a meeting in Brussels" (the meeting is theirs)."""
    tok = trig.token
    if not trig.nominal or trig.type != "CONSULT" or tok.dep_ != "pobj" or tok.head.lower_ not in _SETTING_PREPS:
        return None
    if any(m.country for m in sa.covering([*args.source, *args.target])):
        return None
    governor = tok.head.head
    rec = next((r for t, r in told if t.token.i == governor.i), None)
    return (rec.source, rec.target, []) if rec is not None else None


def _to_attend(trig: Trigger, triggers: list[Trigger]) -> bool:
    """A trip made to attend a gathering ("a visit to Mexico to attend the G20 summit"): the host
    is the venue, not the other side."""
    heads = (trig.token, trig.token.head)  # "a visit to attend", "made a visit ... to attend"
    return any(t.mode == "multilateral" and t.token.head in heads and t.token.dep_ in {"acl", "advcl", "xcomp"}
               for t in triggers)  # fmt: skip


def _named_state_target(args: Args, sa: SentenceActors, found: Resolved) -> bool:
    """True when the target is a state named among the trigger's own arguments."""
    return is_state_code(found[1].country or "") and any(
        state_of(m.country) == state_of(found[1].country) for m in sa.covering(args.target)
    )


def _inside_name(trig: Trigger, sa: SentenceActors) -> bool:
    """A trigger word that is part of a name ("the East Asia Summit" as a body): not an event."""
    return any(m.kind not in {"person", "state"} for m in sa.covering([trig.token.i]))


def _agent_adjective(m: Mention, span: Any, offset: int, lex: Lexicon) -> bool:
    """A country adjective that names an acting body: "Soviet forces", "a Turkish fighter jet",
    "a delegation of Japanese officials" (the head noun is in the ``agent_heads`` cue list), or
    the doer of an event noun: "Japanese protestations", "the Soviet invasion"."""
    toks = [t for t in span if offset + t.idx < m.end and offset + t.idx + len(t.text) > m.start]
    if not toks or toks[-1].dep_ not in {"amod", "compound", "nmod"}:
        return False
    head = toks[-1].head
    while head.dep_ == "compound" and head.head != head:  # "fighter jet": the noun the compound names
        head = head.head
    lemma = head.lemma_.lower()
    return (
        lemma in lex.cue("agent_heads")
        or (toks[-1].dep_ == "amod" and (lemma in lex.nouns or noun_key(head, lex) in lex.nouns))
        or (toks[-1].dep_ in {"amod", "compound"} and _acted_on(head, lex))
    )


def _acted_on(noun: Token, lex: Lexicon) -> bool:
    """Whether ``noun`` is what an act is done to: "attacked Ukrainian cities", "a strike on an Iranian base"
    (its country adjective then names the target)."""
    gov = noun.head
    if noun.dep_ == "pobj" and gov.lower_ in {"on", "against"}:
        gov = gov.head
    elif noun.dep_ != "dobj":
        return False
    act = lex.verbs.get(gov.lemma_.lower()) if gov.pos_ == "VERB" else lex.nouns.get(gov.lemma_.lower())
    return act is not None and act[0].lower() in lex.cue("acts_on_things")  # not "discussed the Syrian conflict"


def _speaker(tok: Token, sa: SentenceActors, lex: Lexicon, kb: Any) -> ActorRef | None:
    """The subject of the reporting verb whose complement holds ``tok``, if any."""
    node = tok
    for _ in range(5):
        if node.head == node:
            return None
        if node.dep_ in {"ccomp", "parataxis"} and node.head.lemma_.lower() in lex.cue("reporting_verbs"):
            subj = [c for c in node.head.children if c.dep_ == "nsubj"]
            found = [m for m in sa.covering([i for c in subj for i in range(c.left_edge.i, c.right_edge.i + 1)])]
            return actor_ref(found[0], kb) if found and found[0].country else None
        node = node.head
    return None


def _embeds_event(trig: Trigger, others: list[Trigger], lex: Lexicon) -> bool:
    """True when a statement trigger reports another event as having happened inside its complement.

    Embedded events that are hypothetical or negated ("Abe stated that Japan would support
    the U.S. if ...") are the content of the statement, not acts of their own: the saying
    is then the one act the sentence states.
    """
    tok = trig.token
    for o in others:
        if o.token == tok or o.token not in tok.subtree or o.token.dep_ == "ROOT":
            continue
        mod = trigger_modality(o.token, lex)
        if not (mod.hypothetical or mod.negated):
            return True
    return False


def _statement_ok(
    trig: Trigger, triggers: list[Trigger], used: list[Mention], args: Args, sa: SentenceActors, lex: Lexicon
) -> bool:
    """Statements count only when aimed at an explicitly named other side and reporting no real act."""
    if trig.mode != STATEMENT_MODE:
        return True
    if not trig.nominal and _embeds_event(trig, triggers, lex):
        return False
    return len({state_of(m.country) for m in used}) == 2


def _joint(trig: Trigger, found: Resolved, args: Args, sa: SentenceActors) -> Trigger:
    """A statement both sides make together ("Washington and Havana announced that ...") is a
    joint declaration: an AGREE between them, not one side's statement to the other."""
    if trig.mode != STATEMENT_MODE or len(found[2]) < 2:
        return trig
    subjects = sa.covering(args.source)
    if all(m in subjects for m in found[2]):
        return Trigger(trig.token, "AGREE", None, trig.key, trig.nominal)
    return trig


def _record(
    pdoc: ParsedDoc, idx: int, trig: Trigger, actors: tuple[ActorRef, ActorRef, list[Mention]], date: TimeExpr | None,
    ref: str | None, lex: Lexicon, speaker: ActorRef | None, place: str | None, doc_date: str | None,
    news: bool = False, entry: bool = False,
) -> EventRecord:  # fmt: skip
    sent = pdoc.sentences[idx]
    mod = trigger_modality(trig.token, lex)
    value, end = (date.value, date.end_value) if date else (ref, None)
    # undated and in the present tense: habitual or generic ("Japan often shows ..."), not a dated act; an undated
    # event noun outside a past-tense clause is background ("the sanctions against Russia are cited as a factor")
    tense = clause_tense(trig.token) if date is None else None
    generic = tense == "present" or (tense is not None and trig.nominal and tense != "past")
    if entry:
        generic = False  # "Nov. 2020 – China's envoy warns that ...": a timeline tells its history in the present
    if generic and news and not trig.nominal and recent_perfect(trig.token, lex):
        generic = False  # a dated story's "Finland has closed its crossings" is this story's act
    generic = generic or _backstory(trig, date, pdoc.paragraphs[sent.para][0]) or habitual_perfect(trig.token, lex)
    hypothetical = mod.hypothetical or generic or is_future(value, doc_date)
    persons = tuple(dict.fromkeys(r.name for r, m in _persons(actors)))
    return EventRecord(
        date=value, end=end, source=actors[0], target=actors[1], type=trig.type, mode=trig.mode,
        quad=lex.quad(trig.type), intensity=lex.intensity(trig.type, trig.mode), negated=mod.negated,
        hypothetical=hypothetical, cameo=lex.cameo(trig.type, trig.mode),
        evidence=pdoc.evidence(sent.start, sent.end), speaker=speaker, location=place,
        persons=persons, trigger=trig.token.text, verbal=_told_afresh(trig, lex),
    )  # fmt: skip


def _told_afresh(trig: Trigger, lex: Lexicon) -> bool:
    """Whether the trigger is a finite verb that tells its act anew: not a noun or a gerund ("the visit", "after
    meeting"), and not a verb whose object points back with "the" or "this" to an act or the paper it made, told
    before ("Putin made the offer in public", "The treaty was signed by Admiral Putyatin"); a name is no pointer
    ("signed the Treaty of Shimoda"), nor is a thing ("crossed the border")."""
    tok = trig.token
    if trig.nominal or tok.pos_ != "VERB" or tok.tag_ == "VBG":
        return False
    return not any(
        c.dep_ in {"dobj", "nsubjpass"}
        and c.pos_ == "NOUN"
        and (c.lemma_.lower() in lex.nouns or c.lemma_.lower() in lex.cue("act_things"))
        and any(d.lower_ in POINTING for d in c.children)
        for c in tok.children
    )


_SETTING_WORDS = frozenset({"after", "before", "following", "to"})


def _the_setting(noun: Token, sa: SentenceActors, times: list[TimeExpr], offset: int) -> bool:
    """A bare "the meeting" or "the summit" that a sentence's act follows or precedes ("After the meeting the
    ministry said", "Just prior to the summit"): it points back to a meeting told before, and names neither a side,
    a time nor a place of its own. (What happens "during the visit" may be the only telling of that visit's talks.)"""
    prep = noun.head
    words = [c.lower_ for c in noun.children]
    if noun.dep_ != "pobj":
        return False
    # "Both sides agreed at that meeting": pointing back whatever the preposition
    pointing = words in (["that"], ["this"])
    before = prep.lower_ != "to" or prep.head.lower_ == "prior"  # "prior to the summit", not "to the meeting"
    setting = prep.lower_ in _SETTING_WORDS and words == ["the"] and before
    if not (pointing or setting):
        return False
    lo, hi = offset + noun.left_edge.idx, offset + noun.idx + len(noun.text)
    return not any(lo <= m.start < hi for m in sa.mentions) and not any(lo <= t.start < hi for t in times)


def _the_act_told(noun: Token, triggers: list[Trigger]) -> bool:
    """ "the attack had done serious damage", "the strike killed two children": a bare "the" act noun as the subject
    of a verb that is no act of its own points back to the act told before; it names no side, time or place."""
    if noun.dep_ not in {"nsubj", "nsubjpass"} or [c.lower_ for c in noun.children] != ["the"]:
        return False
    return noun.head.pos_ in {"VERB", "AUX"} and not any(t.token.i == noun.head.i for t in triggers)


def _describes_person(verb: Token) -> bool:
    """A "who" clause in the past that says which person is meant ("the former prime ministers who signed
    the deal, called on ..."): it identifies the doer of the sentence's act."""
    return verb.tag_ == "VBD" and any(c.dep_ == "nsubj" and c.lower_ == "who" for c in verb.children)


def _named_by_its_act(trig: Trigger, times: list[TimeExpr], offset: int) -> bool:
    """Whether a clause only names a thing by what was sought, with no time of its own: its verb's preposition is
    left without its object, which is the noun the clause describes ("the extraditions it asked for", "what it
    asked for"); "the support it had asked for in May" tells when, and stays an act."""
    tok = trig.token
    if trig.nominal or tok.dep_ not in ("relcl", "ccomp"):
        return False
    stranded = [
        c for c in tok.children
        if c.dep_ == "prep" and c.i > tok.i and not any(g.dep_ in ("pobj", "pcomp") for g in c.children)
    ]  # fmt: skip
    objects = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    if not stranded or any(c.lower_ != "what" for c in objects) or (tok.dep_ == "ccomp" and not objects):
        return False  # "an offer Copenhagen turned down" is told as done; only "asked for" leaves its object out
    clause = range(offset + tok.left_edge.idx, offset + tok.right_edge.idx + len(tok.right_edge))
    return not any(t.start in clause for t in times)


def _victims_told(trig: Trigger) -> bool:
    """Whether a clause tells only who was hurt, in the passive with no doer, inside another clause ("after more than
    100 Palestinians were killed while waiting for aid, Petro suspended ..."): its doer is no one the sentence names,
    least of all the main clause's subject."""
    tok = trig.token
    if trig.nominal or tok.dep_ == "ROOT" or tok.head == tok:
        return False
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
    return passive and not any(c.dep_ == "agent" for c in tok.children)


def _backstory(trig: Trigger, date: TimeExpr | None, offset: int) -> bool:
    """A relative clause in the past perfect, or a past "who" clause naming a person, with no time of its own
    ("its debt to France, which had supported it during its war"): background recalled in passing, not an act
    the sentence's time dates."""
    tok = trig.token
    perfect = any(c.dep_ == "aux" and c.lower_ == "had" for c in tok.children)
    if trig.nominal or tok.dep_ != "relcl" or not (perfect or _describes_person(tok)):
        return False
    if date is None:
        return True
    lo, hi = offset + tok.left_edge.idx, offset + tok.right_edge.idx + len(tok.right_edge)
    return not lo <= date.start < hi


_BARE_MEETING = frozenset({"meet", "resume", "host"})


def _met_a_thing(verb: Token, sa: SentenceActors, lex: Lexicon, kb: Any) -> bool:
    """Whether a bare "meet", "resume" or "host" takes a thing as its object, no one and no talks: "met the
    deadline", "meeting high standards", "resuming this trend", "hosted a defense expo" (not "met the
    delegation", "met the chancellor", "met Abe", "resumed the dialogue", "hosted the summit")."""
    objs = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
    if len(objs) != 1 or objs[0].pos_ != "NOUN":
        return False
    obj = objs[0]
    if any(m.start <= sa.offset + t.idx < m.end for t in obj.subtree for m in sa.mentions):
        return False
    words = lex.cue("agent_heads") | lex.cue("stand_in_nouns") | lex.cue("crowd_nouns") | lex.cue("act_things")
    titles = kb.lexicon.titles if kb is not None else {}
    lemma = obj.lemma_.lower()
    return lemma not in words and lemma not in lex.nouns and lemma not in titles and obj.lower_ not in titles


def _by_private(source: tuple[int, ...], quiet: list[Mention], span: Any, offset: int, words: frozenset[str]) -> bool:
    """Whether the doer is a person the text describes as speaking for no state ("political analyst Ivan
    Petrov", "Orlov, a professor at ...", "experts"), named or not."""
    doc, own = span.doc, set(source)
    if any(m.start <= offset + doc[i].idx < m.end for i in source for m in quiet):
        return True
    return any(described_as(doc[i], words) for i in own if doc[i].head.i not in own or doc[i].head.i == i)


def _persons(actors: tuple[ActorRef, ActorRef, list[Mention]]) -> list[tuple[ActorRef, Mention]]:
    refs = {actors[0].id: actors[0], actors[1].id: actors[1]}
    return [(refs[m.entity], m) for m in actors[2] if m.kind == "person" and m.entity in refs]


def extract_events(pdoc: ParsedDoc, mentions: list[Mention], times: Any, kb: Any, lex: Lexicon) -> list[EventRecord]:
    """Every event the document's sentences state, one record per trigger (flags kept, nothing dropped)."""
    actors = [m for m in mentions if m.country and m.kind != "other"]  # "other": a country adjective, not an actor
    mutual = {i for i, span in enumerate(pdoc.spans) if is_mutual(tuple(t.i for t in span), span.doc, lex)}
    dyad = Dyad(actors, kb, [s.para for s in pdoc.sentences], named=mentions, mutual=mutual)
    by_sent: dict[int, list[Mention]] = {}
    adjectives: dict[int, list[Mention]] = {}
    quiet: dict[int, list[Mention]] = {}  # people described as speaking for no state
    private = kb.lexicon.private_roles if kb is not None else frozenset()
    titles = kb.lexicon.titles if kb is not None else {}  # "president", "foreign minister": a person's office
    for m in mentions:
        if m.country:
            (by_sent if m.kind != "other" else adjectives).setdefault(m.sentence, []).append(m)
        elif m.how == "private":
            quiet.setdefault(m.sentence, []).append(m)
    times_by_sent: dict[int, list[TimeExpr]] = {}
    for t in times.times:
        times_by_sent.setdefault(t.sentence, []).append(t)
    ref_dates = list(getattr(times, "ref_dates", []) or [])
    doc_date = getattr(times, "doc_date", None)
    stated = getattr(times, "doc_date_how", None) in ("published", "cue")
    news = stated and len(doc_date or "") == 10  # a story dated to the day
    entries = _timeline_entries(pdoc, times.times)
    agents = agent_words(lex)  # nouns that name a doer: "thanked the government for ..." gives a reason
    plans = lex.cue("irrealis_heads") - lex.cue("negating_heads")  # "agreed to meet in July", not "refused to"
    out: list[EventRecord] = []
    history: list[tuple[int, EventRecord]] = []  # each kept record with its sentence
    for idx, sent in enumerate(pdoc.sentences):
        dyad.focus = idx
        span = pdoc.spans[idx]
        offset = pdoc.paragraphs[sent.para][0]
        acting = [m for m in adjectives.get(idx, []) if _agent_adjective(m, span, offset, lex)]
        lead = sent.start + dateline_length(sent.text)  # "BAKU, April 12 (Wire) -": where and who filed, no actor
        here = [m for m in by_sent.get(idx, []) + acting if m.start >= lead]
        sa = SentenceActors(span, offset, sorted(here, key=lambda m: m.start))
        sent_times = times_by_sent.get(idx, [])
        triggers = find_triggers(span, lex, sent_times, offset)
        eras = _stateless_eras(times, idx, by_sent.get(idx, []) + adjectives.get(idx, []))
        told: list[tuple[Trigger, EventRecord]] = []
        for trig in triggers:
            if trig.nominal and _inside_name(trig, sa):
                continue
            if trig.nominal and any(
                c.dep_ == "amod" and c.lemma_.lower() in lex.cue("internal_adjectives") for c in trig.token.children
            ):
                continue  # "South Sudan's own civil war": fought within one state
            if trig.nominal and any(a <= offset + trig.token.idx < b for a, b in eras):
                continue  # "the Cold War", "World War II": an era of many states, no act between two
            if not trig.nominal and trig.type == "CONSULT" and met_there(trig.token):
                continue  # "flew to Brussels, where he met ...": the meeting clause is the act
            if trig.key in _BARE_MEETING and _met_a_thing(trig.token, sa, lex, kb):
                continue  # "meeting high standards", "resuming this trend": no one was met
            if trig.nominal and _the_act_told(trig.token, triggers):
                continue  # "Jilani told him the attack had done serious damage": the attack told before
            if trig.nominal and trig.type == "CONSULT" and _the_setting(trig.token, sa, sent_times, offset):
                continue  # "After the meeting the ministry said": the meeting was told before
            if trig.nominal:
                patient = trig.token.lemma_.lower() in lex.cue("patient_nouns")
                args = noun_args(
                    trig.token, place_is_target=trig.type == "CONSULT", patient=patient, leaving=trig.type == "RETREAT"
                )
            else:
                meeting = trig.type == "CONSULT"
                args = verb_args(
                    trig.token, place_is_target=meeting, meeting=meeting, agents=lex.cue("agent_heads"),
                    leaving=trig.type == "RETREAT", papers=lex.cue("inward_papers"),
                )  # fmt: skip
            if trig.nominal and trig.type == "PROTEST" and not args.source:
                continue  # "during protests on the Gaza border": crowds in the street, no state's protest
            if _by_private(args.source, quiet.get(idx, []), span, offset, private):
                continue  # "political analyst Ivan Petrov said ...": commentary, no state's act
            if _named_by_its_act(trig, sent_times, offset):
                continue  # "most of the extraditions it asked for", "what it asked for": a thing named, no act told
            if trig.type == "ASSAULT" and _victims_told(trig):
                continue  # "after more than 100 Palestinians were killed ..., Petro suspended": no doer named
            date = event_date(trig, triggers, sent_times, times, idx, offset, lex.nouns, plans, agents)
            if date is None and idx in getattr(times, "assumed", ()):
                continue  # a history's act that the text gives no date: its writing date is not its date
            ref = ref_dates[idx] if idx < len(ref_dates) else getattr(times, "doc_date", None)
            host = trig.type == "CONSULT" or trig.mode == STATEMENT_MODE  # a place met or spoken in names its hosts
            view, place = place_view(sa, args, trig.token, host=host, lex=lex, kb=kb)
            speaker = _speaker(trig.token, sa, lex, kb)
            if trig.mode == "visit" and _to_attend(trig, triggers):
                continue
            setting = _setting_of(trig, args, view, told)
            resolved = [setting] if setting else resolve_actors(trig, args, view, dyad, lex, kb)
            if not resolved:  # "Belarus called the decision irrational": the decision last taken against Belarus
                resolved = reaction(trig, args, view, history, idx, lex, kb)
            for found in resolved:
                if state_of(found[0].country) == state_of(found[1].country):
                    continue
                if trig.type == "MOBILIZE" and moved_in_person(trig, args, found[2], view, titles):
                    continue  # "Roh Moo-hyun crossed the border on foot for the summit": a leader travels
                if trig.mode == "multilateral" and not _named_state_target(args, view, found):
                    continue  # attending a G20 meeting is no act between a state and the G20 or its host
                if not _statement_ok(trig, triggers, found[2], args, view, lex):
                    continue
                act = _joint(trig, found, args, view)
                told.append((trig, _record(pdoc, idx, act, found, date, ref, lex, speaker, place, doc_date, news,
                                           sent.para in entries)))  # fmt: skip
        kept = [rec for _t, rec in one_meeting(one_voice(one_act_one_event(told)), lambda r: _meeting_sides(r, lex))]
        out += kept
        history += [(idx, r) for r in kept]
    return _told_once(out, lex) if news else out


def _meeting_sides(rec: EventRecord, lex: Lexicon) -> tuple[str, ...] | None:
    """A meeting's two states (sorted for a mutual one, where which side a text names first says nothing; in
    order for a visit or a hosting); None for any other act."""
    if lex.coarse(rec.type, rec.mode) != "CONSULT":
        return None
    sides = [state_of(c) or "" for c in (rec.source.country, rec.target.country)]
    return tuple(sorted(sides) if lex.is_mutual(rec.type, rec.mode) else sides)


#: kinds of act a news item retells: one side's reproach, coercive measure or statement toward the other (several
#: meetings, agreements, proposals or clashes of one day are often each an act of their own)
_RETOLD = frozenset({"DISAPPROVE", "COERCE", "STATEMENT"})


def _told_once(records: list[EventRecord], lex: Lexicon) -> list[EventRecord]:
    """One act told again in another sentence of a news item (its headline, its lead, its body, its related
    links): the same sides, the same kind of act and the same day make one act, kept where it is first told.
    Acts dated only to a month or a year stay apart: many differ."""
    seen: set[tuple[object, ...]] = set()
    kept = []
    for rec in records:
        coarse = lex.coarse(rec.type, rec.mode)
        if rec.negated or rec.hypothetical or not rec.date or len(rec.date) < 10 or coarse not in _RETOLD:
            kept.append(rec)
            continue
        key = (state_of(rec.source.country), state_of(rec.target.country), rec.date, coarse)
        if key not in seen:
            seen.add(key)
            kept.append(rec)
    return kept
