"""The one YAML reader of the knowledge files (:mod:`dyad.knowledge`): a file by path, or a packaged one by name.

Every loader validates what it gets; this module only reads and parses, and turns
an unreadable or malformed file into one :class:`KnowledgeError` naming it. Dates stay the
strings written (``2016-12-15``), so a loader checks them as text and reports a bad one.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dyad.errors import KnowledgeError

_SafeBase: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml parses the lexicons ten times faster


class _Loader(_SafeBase):
    """Safe YAML that keeps dates as the strings written."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(name: str, path: str | Path | None, what: str) -> tuple[Any, str]:
    """``(data, where)`` for ``path``, or for the packaged ``dyad/data/<name>`` when ``path`` is None."""
    where = str(path) if path else f"dyad/data/{name}"
    try:
        text = Path(path).read_text("utf-8") if path else resources.files("dyad.data").joinpath(name).read_text("utf-8")
    except OSError as exc:
        raise KnowledgeError(f"cannot read the {what}: {exc.strerror or exc}", path=where) from None
    try:
        return yaml.load(text, Loader=_Loader), where
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"the {what} is not valid YAML: {exc}".splitlines()[0], path=where) from None
