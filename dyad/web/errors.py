"""The one error the web layer raises on purpose: a status, a stable code and a message for people."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """Answered as ``{"error": {"code", "message", "details"}}`` with ``status`` (a page shows it as HTML)."""

    def __init__(self, status: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details


def not_found(what: str, key: str) -> ApiError:
    return ApiError(404, "not_found", f"no {what} {key!r}")


def bad_parameter(name: str, problem: str) -> ApiError:
    return ApiError(400, "bad_parameter", f"bad value for {name}: {problem}", [{"parameter": name, "problem": problem}])
