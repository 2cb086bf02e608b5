"""All errors dyad raises on purpose, each with a searchable code.

The CLI turns a :class:`DyadError` into one line on stderr, ``dyad: E101 file.pdf: ...``,
and never shows a traceback for one.
"""

from __future__ import annotations


class DyadError(Exception):
    """Base class: ``code`` is stable and searchable, the message says cause and fix."""

    code = "E000"

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path

    def line(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.code} {where}{self}"


class InputRejected(DyadError):
    """A file cannot be read as a document (empty, binary, too big, unreadable ...)."""

    code = "E101"


class TimeLimitExceeded(InputRejected):
    """A document took longer than ``--max-seconds``; readers and libraries must let this one through."""

    code = "E102"


class KnowledgeError(DyadError):
    """A knowledge file under dyad/data (or a user's own) is malformed."""

    code = "E201"


class StoreError(DyadError):
    """The database cannot be opened or is of an unknown schema version."""

    code = "E301"


class GoldError(DyadError):
    """A gold file for ``dyad eval`` is missing or malformed."""

    code = "E401"


class CorrectionError(DyadError):
    """A correction names no such fact, or a value the model cannot take (``dyad correct``)."""

    code = "E501"
