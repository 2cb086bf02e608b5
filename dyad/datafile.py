"""Reading the YAML knowledge files: the packaged one by name, or a user's file by path.

Every loader validates what it gets; this module only reads and parses, and turns
an unreadable or malformed file into one :class:`KnowledgeError` naming it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dyad.errors import KnowledgeError

_SAFE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml parses the lexicons ten times faster


def read_yaml(name: str, path: str | Path | None, what: str) -> tuple[Any, str]:
    """``(data, where)`` for ``path``, or for the packaged ``dyad/data/<name>`` when ``path`` is None."""
    where = str(path) if path else f"dyad/data/{name}"
    try:
        text = Path(path).read_text("utf-8") if path else resources.files("dyad.data").joinpath(name).read_text("utf-8")
        return yaml.load(text, Loader=_SAFE), where
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"cannot read the {what}: {exc}", path=where) from exc
