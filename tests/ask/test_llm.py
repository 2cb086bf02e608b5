"""The optional model-written answers, against a small OpenAI-compatible server run here on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dyad.ask import LLMConfig, answer
from dyad.ask.llm import parse_reply
from dyad.ask.search import Hit


class FakeChat(BaseHTTPRequestHandler):
    """Answers /v1/chat/completions with ``server.reply``, keeping each request body it saw."""

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.seen.append((self.path, self.headers.get("Authorization"), body))  # type: ignore[attr-defined]
        payload = {"choices": [{"message": {"role": "assistant", "content": self.server.reply}}]}  # type: ignore[attr-defined]
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:  # keep the test output quiet
        pass


@pytest.fixture()
def chat_server() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeChat)
    server.seen = []  # type: ignore[attr-defined]
    server.reply = ""  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def config_for(server: ThreadingHTTPServer) -> LLMConfig:
    host, port = server.server_address[:2]
    return LLMConfig(base_url=f"http://{host}:{port}/v1", model="tiny", api_key="k-test", timeout=5)


def test_llm_answer_cites_the_passages_it_was_given(brief_store, chat_server) -> None:
    chat_server.reply = "Tomas Brenn [1]\nThe two ministers met in Halvik in March 2019 [1]."
    got = answer(brief_store, "Whom did Ilse Varga meet in Halvik?", llm=config_for(chat_server), semantic=False)
    assert got.answer.splitlines()[0] == "Tomas Brenn"
    path, auth, body = chat_server.seen[0]
    assert path == "/v1/chat/completions" and auth == "Bearer k-test" and body["model"] == "tiny"
    prompt = body["messages"][-1]["content"]
    assert got.citations and got.citations[0]["text"].split()[0] in prompt
    assert "[1]" in prompt


@pytest.mark.parametrize("reply", ["NOT FOUND", "Tomas Brenn, I think.", "Tomas Brenn [9]"])
def test_llm_reply_without_a_valid_citation_falls_back_to_the_passages(
    brief_store,
    chat_server,
    reply: str,
) -> None:
    chat_server.reply = reply
    got = answer(brief_store, "Whom did Ilse Varga meet in Halvik?", llm=config_for(chat_server), semantic=False)
    assert got.answer.splitlines()[0] == "Tomas Brenn"  # the extractive answer
    assert chat_server.seen  # the model was asked


def test_llm_unreachable_falls_back(brief_store) -> None:
    dead = LLMConfig(base_url="http://127.0.0.1:9/v1", model="tiny", timeout=1)
    got = answer(brief_store, "Whom did Ilse Varga meet in Halvik?", llm=dead, semantic=False)
    assert got.answer.splitlines()[0] == "Tomas Brenn"


def test_parse_reply_keeps_only_cited_passages() -> None:
    hits = [Hit("a.txt", 0, 5, "alpha", 1.0), Hit("b.txt", 3, 7, "beta", 0.5)]
    text, cites = parse_reply("Beta [2] and more [2]", hits)  # type: ignore[misc]
    assert text == "Beta and more"
    assert cites == [{"doc": "b.txt", "start": 3, "end": 7, "text": "beta"}]
