"""The one YAML reader of the knowledge files (:mod:`dyad.knowledge`): a file by path, or a packaged one by name.

Every loader validates what it gets; this module only reads and parses, and turns
an unreadable or malformed file into one :class:`KnowledgeError` naming it. Dates stay the
strings written (``2016-12-15``), so a loader checks them as text and reports a bad one.

Parsing is the slow part (PyYAML builds every value in Python: about a quarter of a second for the
packaged files, in every process that ingests), so what a file parses to is kept as JSON in a cache
folder, named by the SHA-256 of the file's text: the next process that reads the same text reads the
JSON instead (a few milliseconds). A changed file has another name, so nothing goes stale; a file whose
data JSON cannot hold exactly (keys that are not strings) is parsed every time. The folder is
``$DYAD_CACHE_DIR``, else ``$XDG_CACHE_HOME/dyad`` or ``~/.cache/dyad``; ``DYAD_CACHE_DIR=`` (empty)
turns the cache off, and a folder that cannot be written is simply not used.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from dyad.errors import KnowledgeError


@functools.cache
def _loader() -> Any:
    """Safe YAML (libyaml's, ten times faster, where built) that keeps dates as the strings written; made at the
    first file the cache does not hold, so a process whose files are all cached never imports yaml."""
    import yaml

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    Loader.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


def read_yaml(name: str, path: str | Path | None, what: str) -> tuple[Any, str]:
    """``(data, where)`` for ``path``, or for the packaged ``dyad/data/<name>`` when ``path`` is None."""
    where = str(path) if path else f"dyad/data/{name}"
    try:
        text = Path(path).read_text("utf-8") if path else resources.files("dyad.data").joinpath(name).read_text("utf-8")
    except OSError as exc:
        raise KnowledgeError(f"cannot read the {what}: {exc.strerror or exc}", path=where) from None
    cached = _cache_file(text)
    if cached is not None:
        try:
            return json.loads(cached.read_text("utf-8")), where
        except (OSError, ValueError):
            pass  # not there yet (or cut short): parse, and write it
    import yaml

    try:
        data = yaml.load(text, Loader=_loader())
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"the {what} is not valid YAML: {exc}".splitlines()[0], path=where) from None
    if cached is not None:
        _keep(cached, data)
    return data, where


#: Bumped when what a file parses to changes for the same text (the loader's rules, not the files).
_CACHE_FORMAT = "yaml1"


def cache_dir() -> Path | None:
    """The folder of the parsed-file cache, or None when ``DYAD_CACHE_DIR`` is set empty (off)."""
    own = os.environ.get("DYAD_CACHE_DIR")
    if own is not None:
        return Path(own) if own else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dyad"


def _cache_file(text: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return folder / _CACHE_FORMAT / f"{digest}.json"


def cached_json(kind: str, key: str, build: Callable[[], Any]) -> Any:
    """``build()``, kept as JSON in the cache folder under the SHA-256 of ``key``: the next process that asks
    with the same key reads it instead of building it. ``key`` must hold everything the result depends on
    (the data it is built from, the versions of the code that builds it), so that a change of any of them is
    another name and nothing goes stale. With the cache off, or data JSON cannot hold exactly, it is built.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / kind / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()}.json"
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        pass  # not there yet (or cut short): build, and write it
    data = build()
    _keep(path, data)
    return data


def _keep(path: Path, data: Any) -> None:
    """Write ``data`` as JSON to ``path`` (atomically) when JSON gives back exactly ``data``; else nothing."""
    try:
        body = json.dumps(data, ensure_ascii=False)
        if json.loads(body) != data:  # e.g. integer keys: JSON would turn them into strings
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_suffix(f".{os.getpid()}.part")
        part.write_text(body, "utf-8")
        os.replace(part, path)
    except (OSError, TypeError, ValueError):
        pass  # a read-only or full disk: the next process parses again
