"""Data flows one way: no module imports from a layer above its own (docs/architecture.md lists them).

Every import counts, the ones inside functions too: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import dyad

PACKAGE = Path(dyad.__file__).resolve().parent

#: From the bottom up; a module may import its own layer and those below (docs/architecture.md).
LAYERS: list[set[str]] = [
    {"dyad", "errors", "config", "offsets", "records", "datafile", "casefold"},
    {"knowledge"},
    {"ingest"},
    {"extract"},
    {"store"},
    {"analysis"},
    {"engines"},
    {"pipeline"},
    {"export", "web", "ask", "report", "eval", "demo"},
    {"cli", "__main__"},
]

#: Imports that point up, each with its reason; fix one, and delete its line (none left).
KNOWN: dict[tuple[str, str], str] = {}


def layer(module: str) -> int:
    part = module.split(".")[1] if "." in module else module
    for i, names in enumerate(LAYERS):
        if part in names:
            return i
    raise AssertionError(f"{module} is in no layer of tests/test_architecture.py (and docs/architecture.md)")


def imports() -> list[tuple[str, str]]:
    """(importing module, imported module) for every import of a dyad module by a dyad module."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(("dyad", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                targets = [node.module]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            found += [(module, t) for t in targets if t == "dyad" or t.startswith("dyad.")]
    return found


def test_architecture_no_import_from_a_lower_layer_to_a_higher_one() -> None:
    upward = [
        f"{src} (layer {layer(src) + 1}) imports {dst} (layer {layer(dst) + 1})"
        for src, dst in imports()
        if layer(dst) > layer(src) and (src, dst) not in KNOWN
    ]
    assert not upward, "imports against the flow:\n" + "\n".join(upward)


def test_architecture_the_walk_sees_the_pipeline() -> None:
    edges = set(imports())
    assert ("dyad.pipeline", "dyad.extract.stages") in edges  # it finds real imports
    assert layer("dyad.pipeline") > layer("dyad.engines") > layer("dyad.analysis") > layer("dyad.extract")


def test_architecture_doc_lists_the_layers() -> None:
    doc = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    for names in LAYERS[1:]:
        for name in names - {"__main__"}:
            assert f"`{name}`" in doc, f"docs/architecture.md does not place `{name}`"
