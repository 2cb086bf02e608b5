"""Settings, declared once: the fields of :class:`Options`, each with its default and help.

``dyad ingest``'s options (:func:`dyad.cli.main.ingest`), its ``--help`` and the README's settings
table are all generated from these fields (:func:`cli_flag`, :func:`settings_table`), and a test fails
while the README says otherwise. A new setting is one field here; its ``metadata`` says

- ``help``: one sentence, shown by ``--help`` and in the README;
- ``flag``: the command-line option, when it is not ``--`` plus the name with dashes;
- ``env``: an environment variable the command line reads it from;
- ``min``: the least value the command line accepts;
- ``shown``: the default as the README says it, when the value itself says it badly.

Only the CLI reads the environment (``DYAD_DB``, ``DYAD_ACTORS``); everything below it receives an
``Options``.
"""

from __future__ import annotations

import os
from dataclasses import Field, dataclass, field, fields
from pathlib import Path
from typing import Any


def setting(default: Any, help: str, **meta: Any) -> Any:
    """A field of :class:`Options`: its default, and what the command line and the docs say of it."""
    return field(default=default, metadata={"help": help, **meta})


@dataclass(frozen=True)
class Options:
    db: Path = setting(Path("dyad.duckdb"), "DuckDB file holding the model.", env="DYAD_DB")
    max_bytes: int = setting(50_000_000, "Files larger than this many bytes are rejected.")
    max_seconds: float = setting(120.0, "A document whose processing takes longer than this is rejected.")
    actor_files: tuple[Path, ...] = setting(
        (),
        "Extra actor knowledge files (YAML) to load after the bundled ones; repeatable (the environment's list"
        " comes first, separated by the path separator).",
        flag="--actors",
        env="DYAD_ACTORS",
        shown="none",
    )
    knowledge: Path | None = setting(
        None,
        "A folder of knowledge files read instead of the bundled ones of the same name (events.yaml,"
        " events_cameo.yaml, time.yaml, units.yaml, agreements.yaml, issues.yaml, repair/repair.yaml,"
        " actors/lexicon.yaml); each is validated before the first document.",
    )
    batch_size: int = setting(64, "Paragraphs per spaCy nlp.pipe batch.", min=1)
    processes: int | None = setting(
        None,
        "Worker processes that read, parse and extract documents in parallel; default every CPU this process may"
        " use (its affinity mask), never more than the files.",
        min=1,
        shown="every usable CPU",
    )
    snapshot_every: int = setting(
        50,
        "During a long ingest, rebuild the derived records and publish a snapshot for readers (dyad serve) after"
        " this many added documents; 0: only when the batch ends.",
        min=0,
    )
    engine: str = setting(
        "local",
        "Where documents are analysed: local (worker processes on this machine) or ray (the same pipeline on Ray;"
        " needs the ray extra).",
    )
    ray_address: str | None = setting(
        None, "Ray cluster for --engine ray (host:port or ray://host:10001); default a private local Ray."
    )
    parquet: Path | None = setting(
        None,
        "Also write each added document's records as year-partitioned Parquet in this folder (any engine);"
        " DuckDB reads them with read_parquet('DIR/*/*/*.parquet', hive_partitioning=true).",
    )
    plugins: tuple[str, ...] = setting(
        (),
        "Python modules to import before analysing, each of which may register spaCy factories for extraction"
        " stages of its own (@Language.factory); repeatable (the environment's list comes first, separated by the"
        " path separator).",
        flag="--plugin",
        env="DYAD_PLUGINS",
        shown="none",
    )
    stages: tuple[str, ...] = setting(
        (),
        "Change the extraction stages of dyad/extract/stages.cfg: FACTORY adds the component a registered spaCy"
        " factory makes after the others, NAME=FACTORY puts it in the place of the stage NAME; repeatable.",
        flag="--stage",
        shown="none",
    )


def declared() -> tuple[Field[Any], ...]:
    """The settings, in the order of their declaration."""
    return fields(Options)


def cli_flag(f: Field[Any]) -> str:
    """The command-line option of a setting, e.g. ``--max-bytes``."""
    return str(f.metadata.get("flag") or "--" + f.name.replace("_", "-"))


def shown_default(f: Field[Any]) -> str:
    """A setting's default as the docs say it."""
    if "shown" in f.metadata:
        return str(f.metadata["shown"])
    value = f.default
    if value is None:
        return "none"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"`{value}`"


def settings_table() -> str:
    """The README's settings table, one row per setting (``python -m dyad.config`` prints it)."""
    rows = ["| setting | option | default | meaning |", "| --- | --- | --- | --- |"]
    for f in declared():
        env = f" (env `{f.metadata['env']}`)" if "env" in f.metadata else ""
        rows.append(f"| `{f.name}` | `{cli_flag(f)}`{env} | {shown_default(f)} | {f.metadata['help']} |")
    return "\n".join(rows)


#: name -> (default, help): the declaration as a plain table, for code that only reads it.
SETTINGS: dict[str, tuple[object, str]] = {f.name: (f.default, str(f.metadata["help"])) for f in declared()}


def usable_cpus() -> int:
    """The CPUs this process may run on: its affinity mask, which containers, cgroups' cpusets and ``taskset``
    narrow (``os.cpu_count()`` counts the whole machine); at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux: the machine's count is the best we know
        return max(1, os.cpu_count() or 1)


if __name__ == "__main__":
    print(settings_table())
