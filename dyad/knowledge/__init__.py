"""Everything dyad knows about words and actors, read from data: one :class:`Knowledge` per run.

The knowledge files are YAML under ``dyad/data/`` (a user may replace any of them with a folder of
their own, ``--knowledge DIR``, and add actors with ``--actors FILE``). :class:`Knowledge` names every
file from the :class:`~dyad.config.Options` of the run (:meth:`Knowledge.from_options`), reads each
one through the one YAML reader (:func:`dyad.datafile.read_yaml`) the first time a stage asks for
it, validates it then (a malformed file is a :class:`~dyad.errors.KnowledgeError` naming the file
and the entry) and keeps it for the rest of the run. Nothing is cached at module level: the pipeline
owns one bundle and hands it to the stages (:mod:`dyad.extract.stages`) and to the derived tables
(:mod:`dyad.analysis`).

>>> k = Knowledge.from_options(Options())
>>> k.actors.state("JPN").name, k.events.verbs["put forward"], k.time.month("Sept")
('Japan', ('REQUEST', 'propose'), 9)

The parts, one module each: :mod:`.actors` (``actors/*.yaml``), :mod:`.events` (``events.yaml``
over ``events_cameo.yaml``), :mod:`.time` (``time.yaml``), :mod:`.units` (``units.yaml``),
:mod:`.agreements` (``agreements.yaml``), :mod:`.issues` (``issues.yaml``) and :mod:`.repair`
(``repair/repair.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import Path

from dyad.config import Options
from dyad.knowledge.actors import LEXICON, Actors, actor_files, read_actors
from dyad.knowledge.agreements import AgreementData, read_agreements
from dyad.knowledge.events import Lexicon, read_lexicon
from dyad.knowledge.issues import IssueData, read_issues
from dyad.knowledge.repair import RepairKnowledge, read_repair
from dyad.knowledge.time import TimeLexicon, read_time
from dyad.knowledge.units import UnitTable, read_units

DATA = Path(__file__).resolve().parents[1] / "data"

__all__ = ["DATA", "Knowledge", "Sources"]


@dataclass(frozen=True)
class Sources:
    """Every knowledge file of a run, by part: what :class:`Knowledge` reads."""

    actors: tuple[Path, ...]
    actor_lexicon: Path
    events: tuple[Path, ...]  # the first file's keys win over the later ones'
    time: Path
    units: Path
    agreements: Path
    issues: Path
    repair: Path

    @classmethod
    def from_options(cls, options: Options) -> Sources:
        """The packaged files, each replaced by the file of the same name in ``options.knowledge`` where it has
        one, and the actor files extended by ``options.actor_files``."""

        def pick(name: str) -> Path:
            if options.knowledge is not None and (options.knowledge / name).is_file():
                return options.knowledge / name
            return DATA / name

        return cls(
            actors=actor_files(options.actor_files),
            actor_lexicon=pick(f"actors/{LEXICON}"),
            events=(pick("events.yaml"), pick("events_cameo.yaml")),
            time=pick("time.yaml"),
            units=pick("units.yaml"),
            agreements=pick("agreements.yaml"),
            issues=pick("issues.yaml"),
            repair=pick("repair/repair.yaml"),
        )

    def files(self) -> list[Path]:
        """Every file, in the order of the parts."""
        out: list[Path] = []
        for f in fields(self):
            value = getattr(self, f.name)
            out += list(value) if isinstance(value, tuple) else [value]
        return out


class Knowledge:
    """The knowledge of one run: each part read and validated the first time it is asked for, then kept.

    Hand the same bundle to every document of a run (the pipeline keeps one per process); a part
    compiled from it (the actor matchers, the time patterns) is kept with the part.
    """

    def __init__(self, sources: Sources) -> None:
        self.sources = sources

    @classmethod
    def from_options(cls, options: Options) -> Knowledge:
        return cls(Sources.from_options(options))

    def __repr__(self) -> str:
        read = [name for name in _PARTS if name in self.__dict__]
        return f"Knowledge(read={read})"

    @cached_property
    def actors(self) -> Actors:
        return read_actors(self.sources.actors, self.sources.actor_lexicon)

    @cached_property
    def events(self) -> Lexicon:
        return read_lexicon(self.sources.events)

    @cached_property
    def time(self) -> TimeLexicon:
        return read_time(self.sources.time, wordlist=self.repair.words)  # one word list for both

    @cached_property
    def units(self) -> UnitTable:
        return read_units(self.sources.units)

    @cached_property
    def agreements(self) -> AgreementData:
        return read_agreements(self.sources.agreements)

    @cached_property
    def issues(self) -> IssueData:
        return read_issues(self.sources.issues)

    @cached_property
    def repair(self) -> RepairKnowledge:
        return read_repair(self.sources.repair)

    def read_all(self) -> Knowledge:
        """Read and validate every part now (a malformed file fails here, before any document)."""
        for name in _PARTS:
            getattr(self, name)
        return self


_PARTS = ("actors", "events", "time", "units", "agreements", "issues", "repair")
