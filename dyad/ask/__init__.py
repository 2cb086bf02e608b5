"""Ask: search (keyword and semantic) and short answers with citations.

Public surface: :func:`answer` -> :class:`Answer`, :func:`search` -> list of
:class:`Hit`, and :class:`LLMConfig` for the optional model-written answers.
"""

from __future__ import annotations

from dyad.ask.answer import Answer, answer
from dyad.ask.llm import LLMConfig
from dyad.ask.search import Hit, search

__all__ = ["Answer", "Hit", "LLMConfig", "answer", "search"]
