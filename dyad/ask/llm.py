"""Optional answering by a language model behind an OpenAI-compatible chat endpoint.

Off by default. The CLI reads the endpoint's base URL, model name and key from
its environment and passes an :class:`LLMConfig` in; nothing here reads the
environment. The model sees only the numbered passages search found and must
cite them as ``[n]``; an answer citing none of them, or saying the passages do
not hold it, is not used (the extractive answer stands instead).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dyad.ask.search import Hit

_SYSTEM = (
    "You answer questions about relations between states using only the numbered passages given. "
    "Reply in at most two lines: first the key item alone (a date as '21 March 2022 (2022-03-21)', a name, "
    "or a number with its unit), then one line of context. Cite every passage you rely on as [n]. "
    "If the passages do not hold the answer, reply exactly: NOT FOUND"
)
_CITE_RE = re.compile(r"\[(\d{1,2})\]")


@dataclass(frozen=True)
class LLMConfig:
    """Where the model lives: ``base_url`` like ``http://127.0.0.1:8080/v1``; ``api_key`` may be empty."""

    base_url: str
    model: str
    api_key: str = ""
    timeout: float = 30.0
    max_tokens: int = 200


def build_messages(question: str, hits: Sequence[Hit]) -> list[dict[str, str]]:
    numbered = "\n".join(f"[{n}] ({h.doc}) {' '.join(h.text.split())}" for n, h in enumerate(hits, 1))
    return [
        {"role": "system", "content": _SYSTEM},
        {"role": "user", "content": f"Passages:\n{numbered}\n\nQuestion: {question}"},
    ]


def ask_llm(config: LLMConfig, question: str, hits: Sequence[Hit]) -> tuple[str, list[dict[str, Any]]] | None:
    """The model's answer and the passages it cited, or ``None`` when it gave no usable, cited answer."""
    if not hits:
        return None
    body = {
        "model": config.model,
        "messages": build_messages(question, hits),
        "temperature": 0,
        "max_tokens": config.max_tokens,
    }
    import urllib.error  # here: http.client and ssl cost every `dyad ask` a few hundredths of a second
    import urllib.request

    request = urllib.request.Request(
        config.base_url.rstrip("/") + "/chat/completions",
        data=json.dumps(body).encode(),
        headers={
            "Content-Type": "application/json",
            **({"Authorization": f"Bearer {config.api_key}"} if config.api_key else {}),
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=config.timeout) as resp:
            reply = json.loads(resp.read().decode("utf-8"))
        content = reply["choices"][0]["message"]["content"] or ""
    except (urllib.error.URLError, OSError, ValueError, KeyError, IndexError, TypeError):
        return None
    return parse_reply(content, hits)


def parse_reply(content: str, hits: Sequence[Hit]) -> tuple[str, list[dict[str, Any]]] | None:
    """Keep a reply only when it answers and cites at least one of the given passages."""
    text = content.strip()
    if not text or text.upper().startswith("NOT FOUND"):
        return None
    cited = sorted({int(n) for n in _CITE_RE.findall(text) if 1 <= int(n) <= len(hits)})
    if not cited:
        return None
    clean = " ".join(_CITE_RE.sub("", text).split(" ")).strip()
    clean = "\n".join(" ".join(line.split()) for line in clean.splitlines() if line.strip())
    return clean, [hits[n - 1].citation() for n in cited]
