"""Plain coercion for the command line's text and path parameters, so a short command never loads pydantic.

Typer 0.29 coerces every parameter's value through a pydantic ``TypeAdapter``, built when the
parameter is first used: pydantic's import and the adapters cost each ``dyad ask`` or ``dyad export``
about 0.07 s of CPU (a fifth of ``export``), to turn a ``str`` into the same ``str``, an unset
``--help`` into None and a ``str`` into a ``Path``. :func:`install` gives a parameter annotated
plainly ``str``, ``bool`` or ``Path`` (no custom
parser, no other path type) a coercion that does exactly that, and still runs Typer's own path checks
(``exists``, ``readable`` ... as declared); any other value or annotation goes to Typer's adapter as
before. It relies on Typer's ``_TyperParameter`` (pinned in pyproject.toml), and does nothing where
that is not there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


def install() -> None:
    """Route plain ``str`` and ``Path`` parameters of every Typer command of this process to :class:`Plain`."""
    try:
        from typer import _coercion, core
    except ImportError:  # pragma: no cover - another Typer: its own coercion stays
        return
    cls = getattr(core, "_TyperParameter", None)
    if cls is None or getattr(cls, "_dyad_plain", False) or not hasattr(cls, "get_runtime_param"):
        return  # pragma: no cover - another Typer, or installed already
    typer_own = cls.get_runtime_param

    @dataclass(frozen=True)
    class Plain(_coercion.RuntimeParam):
        """``str`` and ``bool`` stay as they are (an unset flag is None, which :meth:`coerce` keeps); a ``str``
        path becomes a ``Path`` and passes Typer's own path checks; anything else goes to Typer's adapter."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if self.annotation is str and isinstance(value, str) or self.annotation is bool and isinstance(value, bool):
                return value
            if self.annotation is Path and isinstance(value, str | Path):
                from typer._param_types import coerce_cli_path

                return coerce_cli_path(Path(value), self.parameter_info, path_type=Path, param=param, ctx=ctx)
            return _coercion.build_runtime_param(param.type_descriptor)._coerce_value(value, param=param, ctx=ctx)

    def get_runtime_param(self: Any) -> Any:
        desc = getattr(self, "type_descriptor", None)
        if getattr(self, "_runtime_param", None) is None and desc is not None and _plain(desc):
            self._runtime_param = Plain(parameter_info=desc.parameter_info, annotation=desc.annotation)
        return typer_own(self)

    cls.get_runtime_param = get_runtime_param
    cls._dyad_plain = True


def _plain(desc: Any) -> bool:
    info = desc.parameter_info
    if desc.file_annotation is not None or getattr(info, "parser", None) is not None:
        return False
    return desc.annotation in (str, bool) or (desc.annotation is Path and getattr(info, "path_type", None) is None)
