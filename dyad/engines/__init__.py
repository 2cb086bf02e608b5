"""Engines: where the documents of one ingest are analysed. The pipeline (:mod:`dyad.pipeline`) chooses one
by ``Options.engine``, hands it a :class:`Work` and writes what it yields; an engine never writes.

An engine is a callable ``engine(paths, options, work)`` that yields ``work.analyse(path, options)`` for
each path, in the order of ``paths``. It may run them anywhere (worker processes, a Ray cluster) as long as
each process runs ``work.prepare(options)`` before its first document. ``local`` (:mod:`dyad.engines.local`,
guarded worker processes) and ``ray`` (:mod:`dyad.engines.ray_engine`) are registered in :data:`ENGINES`;
a new engine is one more entry there.

>>> for done in engine_named("local")(paths, options, work):  # doctest: +SKIP
...     ...
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from dyad.config import Options
from dyad.errors import InputRejected


@dataclass(frozen=True)
class Work:
    """What an engine runs. Each function is a module-level one, so it pickles by name (Ray ships it)."""

    analyse: Callable[[Path, Options], Any]  #: one file's result; a rejection is a result, never raised
    prepare: Callable[[Options], None]  #: loads the models and tables a process needs, once per process
    reject: Callable[[Path, InputRejected], Any]  #: the result for a file whose worker overran or died


class Engine(Protocol):
    def __call__(self, paths: list[Path], options: Options, work: Work) -> Iterator[Any]: ...


#: engine name -> "module:function"; imported only when chosen (Ray is a heavy import).
ENGINES: dict[str, str] = {
    "local": "dyad.engines.local:run_local",
    "ray": "dyad.engines.ray_engine:run_ray",
}


def engine_named(name: str) -> Engine:
    """The engine registered as ``name``; a ``ValueError`` naming the choices when there is none."""
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}; choose {' or '.join(ENGINES)}")
    module, _, attr = ENGINES[name].partition(":")
    engine: Engine = getattr(importlib.import_module(module), attr)
    return engine
