"""Actor knowledge: read, validate and look up the actors in ``dyad/data/actors/*.yaml``.

Every actor file holds ``actors: [...]`` entries (``id``, ``name``, ``kind``, ``country``,
``aliases``; states add ``adjectives``/``demonyms``/``metonyms``/``leader``; people add
``family``/``gender``/``roles``, and ``private: true`` for one who speaks for no state: a scholar, a
journalist, a businessman). ``lexicon.yaml`` holds the role titles and cue words the
linker reads. A user's file in the same format extends the bundled ones; an entry with an
existing ``id`` overrides the fields it gives, and an alias it declares is taken away from
every actor loaded before it. Malformed entries raise :class:`KnowledgeError` naming the file
and the entry. Example::

    kb = read_actors(actor_files())
    kb.holder("prime minister", "JPN", "2016-12-15").name   # 'Shinzo Abe'
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from dyad.datafile import read_yaml
from dyad.errors import KnowledgeError

DATA = Path(__file__).resolve().parents[1] / "data" / "actors"
LEXICON = "lexicon.yaml"
KINDS = frozenset({"person", "state", "organisation", "place", "agreement", "other"})
# Codes of intergovernmental bodies, which stand for themselves as a state's code does (a 3-letter one, e.g.
# SCO or IMF, is told apart from a state's by this list).
ORG_CODES = frozenset({"G7", "G8", "G20", "EU", "NATO", "UN", "ASEAN", "APEC", "SCO", "BRICS", "CSTO", "EAEU",
                       "CIS", "OSCE", "WTO", "IAEA", "IMF"})  # fmt: skip
#: the guidelines count the Soviet Union as Russia
_SAME_STATE = {"SUN": "RUS"}


def state_of(code: str | None) -> str | None:
    """A state code with predecessor states counted as their successor (``SUN`` as ``RUS``)."""
    return _SAME_STATE.get(code, code) if code else None


_CODE_RE = re.compile(r"^[A-Z]{3}$")
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_FIELDS = {
    "id",
    "name",
    "kind",
    "country",
    "aliases",
    "adjectives",
    "demonyms",
    "metonyms",
    "leader",
    "existed",
    "family",
    "gender",
    "roles",
    "private",
}


@dataclass(frozen=True)
class Role:
    """A dated office: ``role`` of ``of`` (a country code) from ``start`` to ``end`` (ISO partial or None)."""

    role: str
    of: str
    start: str | None
    end: str | None

    def overlap(self, when: str) -> int:
        """Days the tenure shares with the period ``when`` names (0 when apart)."""
        lo, hi = period(when)
        s = period(self.start)[0] if self.start else date.min
        e = period(self.end)[1] if self.end else date.max
        return max(0, (min(hi, e) - max(lo, s)).days + 1)


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    country: str | None
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    leader: tuple[str, ...] = ()
    existed: tuple[str | None, str | None] = (None, None)
    family: str | None = None
    gender: str | None = None
    roles: tuple[Role, ...] = ()
    source: str = ""
    private: bool = False  # a scholar, a journalist, a businessman: speaks for no state

    def latest(self, role: str, of: str | None) -> str:
        """The latest start of ``role`` (of ``of``), for ordering namesakes and successors."""
        return max((r.start or "" for r in self.roles if r.role == role and (of is None or r.of == of)), default="")

    def holds(self, role: str, of: str | None, when: str | None) -> int:
        """Days of ``role`` (of ``of`` if given) overlapping ``when``; 1 when ``when`` is None and held ever."""
        days = 0
        for r in self.roles:
            if r.role == role and (of is None or r.of == of):
                days += r.overlap(when) if when else 1
        return days


@dataclass(frozen=True)
class Lexicon:
    """Cue words from ``lexicon.yaml``: title phrase -> canonical role, and the linker's word lists."""

    titles: dict[str, str]  # lower-cased title phrase -> canonical role
    forms: tuple[str, ...]  # the title phrases as written (capitals kept)
    leader_words: frozenset[str]
    default_leader: tuple[str, ...]
    minister_words: frozenset[str]
    state_nouns: frozenset[str]
    acting_deps: frozenset[str]
    pronouns: dict[str, str]
    title_blockers: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    order_words: dict[str, int] = field(default_factory=dict)  # "latter" -> 1: the last person named
    private_roles: frozenset[str] = frozenset()  # "analyst", "professor": a person described so speaks for no state
    body_nouns: frozenset[str] = frozenset()  # "ministry", "council": "the ministry" is the one named before


@dataclass
class Actors:
    """All actors by id, with the indexes the linker and the exports need."""

    by_id: dict[str, Actor]
    lexicon: Lexicon
    by_country: dict[str, Actor] = field(default_factory=dict)
    by_family: dict[str, list[Actor]] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict, repr=False)  # the linker's matchers, each role's holders

    def __post_init__(self) -> None:
        for a in self.by_id.values():
            if a.kind == "state" and a.country and a.country not in self.by_country:
                self.by_country[a.country] = a
            if a.kind == "person" and a.family:
                self.by_family.setdefault(a.family.lower(), []).append(a)

    @property
    def actors(self) -> Iterator[Actor]:
        return iter(self.by_id.values())

    def __len__(self) -> int:
        return len(self.by_id)

    def get(self, actor_id: str) -> Actor:
        try:
            return self.by_id[actor_id]
        except KeyError:
            raise KnowledgeError(f"no actor with id {actor_id!r}") from None

    def state(self, code: str | None) -> Actor | None:
        """The state actor for a country code (``JPN`` -> Japan), or None."""
        return self.by_country.get(code) if code else None

    def holder(self, role: str, of: str, when: str | None) -> Actor | None:
        """Who held ``role`` of ``of`` at ``when`` (ISO partial); the longest overlap wins a partial date."""
        if not when:
            return None
        role = self.lexicon.titles.get(role.lower(), role.lower())
        # On equal overlap the later appointment wins: an open-ended tenure may simply be out of date. Only
        # those who ever held the role of ``of`` can overlap ``when``, so only they are weighed.
        best = max(
            ((a.holds(role, of, when), a.latest(role, of), a.id) for a in self._role_holders().get((role, of), ())),
            default=(0, "", ""),
        )
        return self.by_id[best[2]] if best[0] > 0 else None

    def _role_holders(self) -> dict[tuple[str, str | None], tuple[Actor, ...]]:
        """(role, of) and (role, None) -> the actors who held that role of that state (of any state), at any
        time; made on first use and kept in ``cache``."""
        if "role_holders" not in self.cache:
            holders: dict[tuple[str, str | None], dict[str, Actor]] = {}
            for a in self.by_id.values():
                for r in a.roles:
                    holders.setdefault((r.role, r.of), {})[a.id] = a
                    holders.setdefault((r.role, None), {})[a.id] = a
            self.cache["role_holders"] = {key: tuple(by.values()) for key, by in holders.items()}
        kept: dict[tuple[str, str | None], tuple[Actor, ...]] = self.cache["role_holders"]
        return kept

    def leader_roles(self, code: str) -> tuple[str, ...]:
        st = self.state(code)
        return st.leader if st and st.leader else self.lexicon.default_leader


def period(value: str | None) -> tuple[date, date]:
    """First and last day of an ISO partial date (``2016`` -> 2016-01-01..2016-12-31)."""
    if not value:
        return date.min, date.max
    parts = [int(p) for p in value.split("-")]
    y = parts[0]
    if len(parts) == 1:
        return date(y, 1, 1), date(y, 12, 31)
    m = parts[1]
    if len(parts) == 2:
        return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
    return date(y, m, parts[2]), date(y, m, parts[2])


def actor_files(extra: Sequence[Path | str] = ()) -> tuple[Path, ...]:
    """The bundled actor files, then the user's ``extra`` ones in order (a later file overrides)."""
    return (*sorted(p for p in DATA.glob("*.yaml") if p.name != LEXICON), *(Path(p) for p in extra))


def read_actors(files: Iterable[Path], lexicon: Path = DATA / LEXICON) -> Actors:
    """The actors of ``files`` (in order; see :func:`actor_files`) with the cue words of ``lexicon``, validated."""
    actors: dict[str, Actor] = {}
    holders: dict[str, set[str]] = {}  # lower-cased alias -> ids of the actors that list it
    for path in files:
        seen: set[str] = set()
        for entry in _entries(path):
            if entry.get("id") in seen:
                raise KnowledgeError(f"actor {entry['id']}: duplicate id in the same file", path=str(path))
            seen.add(str(entry.get("id")))
            actor = _actor(entry, path, actors.get(str(entry.get("id"))))
            _claim_aliases(actors, holders, actor)
            _put(actors, holders, actor)
    return Actors(actors, _lexicon(lexicon))


def _put(actors: dict[str, Actor], holders: dict[str, set[str]], actor: Actor) -> None:
    """Store ``actor`` (replacing one of its id) and keep the alias index in step."""
    old = actors.get(actor.id)
    for alias in old.aliases if old else ():
        holders.get(alias.lower(), set()).discard(actor.id)
    for alias in actor.aliases:
        holders.setdefault(alias.lower(), set()).add(actor.id)
    actors[actor.id] = actor


def _read(path: Path) -> Any:
    return read_yaml(path.name, path, "actor file")[0]


def _entries(path: Path) -> list[dict[str, Any]]:
    data = _read(path)
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise KnowledgeError("an actor file needs a top-level `actors:` list", path=str(path))
    for i, e in enumerate(data["actors"]):
        if not isinstance(e, dict):
            raise KnowledgeError(f"entry {i} is not a mapping", path=str(path))
    return data["actors"]


def _strings(e: dict[str, Any], key: str, where: str, path: Path) -> tuple[str, ...]:
    v = e.get(key) or []
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise KnowledgeError(f"{where}: `{key}` must be a list of non-empty strings", path=str(path))
    return tuple(x.strip() for x in v)


def _iso(v: Any, what: str, where: str, path: Path) -> str | None:
    if v is None:
        return None
    if isinstance(v, date):
        v = v.isoformat()
    if not isinstance(v, str | int) or not _DATE_RE.match(str(v)):
        raise KnowledgeError(f"{where}: {what} {v!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)", path=str(path))
    try:
        period(str(v))
    except ValueError:
        raise KnowledgeError(f"{where}: {what} {v!r} is not a real date", path=str(path)) from None
    return str(v)


def _code(v: Any, where: str, path: Path) -> str | None:
    if v is None or v in ORG_CODES or (isinstance(v, str) and _CODE_RE.match(v)):
        return v
    raise KnowledgeError(
        f"{where}: country {v!r} must be ISO alpha-3 (e.g. JPN), SUN or one of {', '.join(sorted(ORG_CODES))}",
        path=str(path),
    )


def _actor(e: dict[str, Any], path: Path, base: Actor | None) -> Actor:
    where = f"actor {e.get('id') or e.get('name') or '?'}"
    unknown = set(e) - _FIELDS
    if unknown:
        raise KnowledgeError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}", path=str(path))
    if not isinstance(e.get("id"), str) or not e["id"].strip():
        raise KnowledgeError(f"{where}: `id` is required (a Wikidata id or a slug)", path=str(path))
    if base is None:
        for key in ("name", "kind"):
            if not isinstance(e.get(key), str) or not e[key].strip():
                raise KnowledgeError(f"{where}: `{key}` is required", path=str(path))
    fields: dict[str, Any] = {"id": e["id"].strip(), "source": str(path)}
    for key in ("name", "family", "gender"):
        if key in e:
            fields[key] = str(e[key]).strip() if e[key] is not None else None
    if "kind" in e and e["kind"] not in KINDS:
        raise KnowledgeError(f"{where}: kind {e['kind']!r} is not one of {', '.join(sorted(KINDS))}", path=str(path))
    if "kind" in e:
        fields["kind"] = e["kind"]
    if "country" in e:
        fields["country"] = _code(e["country"], where, path)
    for key in ("aliases", "adjectives", "demonyms", "metonyms", "leader"):
        if key in e:
            fields[key] = _strings(e, key, where, path)
    if "existed" in e:
        ex = e["existed"] if isinstance(e["existed"], dict) else {}
        fields["existed"] = (
            _iso(ex.get("from"), "existed.from", where, path),
            _iso(ex.get("to"), "existed.to", where, path),
        )
    if "roles" in e:
        fields["roles"] = _roles(e["roles"], where, path)
    if "private" in e:
        if not isinstance(e["private"], bool):
            raise KnowledgeError(f"{where}: `private` must be true or false", path=str(path))
        fields["private"] = e["private"]
    if base is not None:
        return replace(base, **fields)
    return Actor(**{"country": None, **fields})


def _roles(v: Any, where: str, path: Path) -> tuple[Role, ...]:
    if not isinstance(v, list):
        raise KnowledgeError(f"{where}: `roles` must be a list", path=str(path))
    out = []
    for r in v:
        if not isinstance(r, dict) or not isinstance(r.get("role"), str) or not r.get("of"):
            raise KnowledgeError(f"{where}: each role needs `role` and `of`", path=str(path))
        start, end = _iso(r.get("from"), "from", where, path), _iso(r.get("to"), "to", where, path)
        if start and end and period(start)[0] > period(end)[1]:
            raise KnowledgeError(f"{where}: role {r['role']!r} ends ({end}) before it starts ({start})", path=str(path))
        out.append(Role(r["role"].strip().lower(), _code(r["of"], where, path) or "", start, end))
    return tuple(out)


def _claim_aliases(actors: dict[str, Actor], holders: dict[str, set[str]], new: Actor) -> None:
    """A later file's alias wins: drop it from actors of earlier files (same-file sharing stays ambiguous).

    ``holders`` indexes the aliases, so only the actors that share one are visited (not every actor loaded).
    """
    mine = {a.lower() for a in (*new.aliases, new.name)}
    sharing = sorted({aid for key in mine for aid in holders.get(key, ())})
    for aid in sharing:
        other = actors[aid]
        if aid == new.id or other.source == new.source:
            continue
        kept = tuple(a for a in other.aliases if a.lower() not in mine)
        if len(kept) != len(other.aliases):
            _put(actors, holders, replace(other, aliases=kept))


def _lexicon(path: Path) -> Lexicon:
    d = _read(path)
    if not isinstance(d, dict) or not isinstance(d.get("roles"), dict):
        raise KnowledgeError("the lexicon needs a `roles:` mapping", path=str(path))
    titles, forms = {}, []
    for role, words in d["roles"].items():
        for w in [role, *(words or [])]:
            titles[str(w).lower()] = str(role).lower()
            forms.append(str(w))
    return Lexicon(
        titles=titles,
        forms=tuple(forms),
        leader_words=frozenset(d.get("leader_words") or ()),
        default_leader=tuple(d.get("default_leader") or ("president",)),
        minister_words=frozenset(d.get("minister_words") or ()),
        state_nouns=frozenset(d.get("state_nouns") or ()),
        acting_deps=frozenset(d.get("acting_deps") or ()),
        pronouns={str(k): str(v) for k, v in (d.get("pronouns") or {}).items()},
        title_blockers=frozenset(str(w).lower() for w in d.get("title_blockers") or ()),
        speech_verbs=frozenset(str(w).lower() for w in d.get("speech_verbs") or ()),
        order_words=_order_words(d.get("order_words"), path),
        private_roles=frozenset(str(w).lower() for w in d.get("private_roles") or ()),
        body_nouns=frozenset(str(w).lower() for w in d.get("body_nouns") or ()),
    )


def _order_words(v: Any, path: Path) -> dict[str, int]:
    if v is None:
        return {}
    if not isinstance(v, dict) or not all(isinstance(n, int) and n >= 1 for n in v.values()):
        raise KnowledgeError("`order_words` must map words to positions from the end (1, 2, ...)", path=str(path))
    return {str(k).lower(): int(n) for k, n in v.items()}
