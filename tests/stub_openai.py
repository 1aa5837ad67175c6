"""A real OpenAI-compatible HTTP server on 127.0.0.1 for tests, with scripted faults.

It speaks POST /v1/chat/completions and GET /v1/models. By default it answers like a
competent model: it reads the ARTICLE TEXT between the prompt's markers and returns
the claims the offline rules find in it (quotes copied verbatim), as the JSON the
schema asks for. Tests queue faults for requests whose text contains a marker string:

    with StubOpenAI() as stub:
        stub.on("七八百", Fault.status(429, retry_after="7"), Fault.status(500))
        ...
        stub.requests   # every request body received, in order

A queued fault is used once, by the next matching request; afterwards the default
answer resumes. `length_over=N` answers finish_reason=length to any request whose
article text is longer than N characters (so halves succeed).

Requests of the LLM judge (prompts/judge_contradiction: claims between <<<CLAIM A …>>>
markers) are answered by `judge(user_text)`, a {"verdict", "explanation"} dict; by
default "compatible". Faults queued with `on` match their whole user message.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from models.article import Article, Chunk
from models.entities import Gazetteer
from models.extract.offline import extract_offline
from tests.conftest import SEEDS

_JUDGE = "<<<CLAIM A "
_ARTICLE = re.compile(r"<<<ARTICLE (\w+)>>>\n(.*?)\n<<<END ARTICLE \1>>>", re.S)


@dataclass(frozen=True)
class Fault:
    kind: str
    status_code: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    content: str | None = None
    finish_reason: str = "stop"
    seconds: float = 0.0

    @staticmethod
    def status(code: int, retry_after: str | None = None, message: str = "stub error") -> Fault:
        headers = {"Retry-After": retry_after} if retry_after is not None else {}
        return Fault("status", status_code=code, headers=headers, content=message)

    @staticmethod
    def delay(seconds: float) -> Fault:
        """Answer correctly, but only after `seconds` (longer than the client's timeout)."""
        return Fault("delay", seconds=seconds)

    @staticmethod
    def drop() -> Fault:
        """Close the connection without a response."""
        return Fault("drop")

    @staticmethod
    def reply(content: str, finish_reason: str = "stop") -> Fault:
        """A 200 whose message content is `content` (invalid JSON, schema-invalid…)."""
        return Fault("reply", content=content, finish_reason=finish_reason)

    @staticmethod
    def refusal(text: str = "I can't help with that.") -> Fault:
        return Fault("refusal", content=text)

    @staticmethod
    def garbled() -> Fault:
        """A 200 whose body is not JSON at all."""
        return Fault("garbled")


def rules_answer(text: str) -> list[dict[str, Any]]:
    """What the offline rules find in `text`, shaped as the LLM's reply."""
    gazetteer = Gazetteer.from_csv_text((SEEDS / "entities.csv").read_text(encoding="utf-8-sig"))
    article = Article(article_id="stub", source_path="stub", raw_text=text, text=text)
    chunk = Chunk(article_id="stub", idx=0, start=0, end=len(text), text=text)
    return [
        {
            "quote": c.quote,
            "claim_text": c.claim_text,
            "subject": c.subject,
            "predicate": c.predicate,
            "attributed_to": c.attributed_to,
            "hedged": c.hedged,
        }
        for c in extract_offline(chunk, article, gazetteer)
    ]


def compatible(user: str) -> dict[str, str]:
    return {"verdict": "compatible", "explanation": "Both can be true."}


class StubOpenAI:
    def __init__(
        self,
        answer: Callable[[str], list[dict[str, Any]]] = rules_answer,
        judge: Callable[[str], dict[str, str]] = compatible,
        length_over: int | None = None,
        reject_json_schema: bool = False,
        reject_temperature: bool = False,
        api_key: str | None = None,
        latency: float = 0.0,
    ):
        self.answer = answer
        self.judge = judge
        self.latency = latency  # seconds added to every chat completion (benchmarks)
        self.served: list[tuple[float, float]] = []  # (arrival, answered) per completion
        self.length_over = length_over
        self.reject_json_schema = reject_json_schema
        self.reject_temperature = reject_temperature
        self.api_key = api_key
        self.requests: list[dict[str, Any]] = []
        self._script: list[tuple[str, deque[Fault]]] = []
        self._lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in two writes; with Nagle's algorithm on, the body
            # waits for the client's delayed ACK (~40 ms a response). Real servers set
            # TCP_NODELAY too.
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                if not stub._authorized(self):
                    return
                if self.path.rstrip("/").endswith("/models"):
                    self._json(200, {"object": "list", "data": [{"id": "stub", "object": "model"}]})
                else:
                    self._json(404, {"error": {"message": "no such route"}})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                if not stub._authorized(self):
                    return
                if not self.path.rstrip("/").endswith("/chat/completions"):
                    self._json(404, {"error": {"message": "no such route"}})
                    return
                arrived = time.perf_counter()
                with stub._lock:
                    stub.requests.append(body)
                if stub.latency:
                    time.sleep(stub.latency)
                stub._respond(self, body)
                with stub._lock:
                    stub.served.append((arrived, time.perf_counter()))

            def _json(self, code: int, payload: Any, headers: dict[str, str] | None = None) -> None:
                data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
                self._send(code, data, "application/json", headers)

            def _send(
                self, code: int, data: bytes, ctype: str, headers: dict[str, str] | None = None
            ) -> None:
                try:
                    self.send_response(code)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(data)))
                    for k, v in (headers or {}).items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

        self.Handler = Handler
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    # -- scripting ----------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def on(self, match: str, *faults: Fault) -> None:
        """Queue `faults` for the next requests whose article text (between the prompt's
        markers; else the whole user message) contains `match`."""
        with self._lock:
            self._script.append((match, deque(faults)))

    def judge_calls(self) -> int:
        return self.calls_matching(_JUDGE)

    def calls_matching(self, match: str) -> int:
        return sum(1 for b in self.requests if match in _user_text(b))

    def __enter__(self) -> StubOpenAI:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- answering ----------------------------------------------------------------------

    def _authorized(self, handler: Any) -> bool:
        if self.api_key is None or handler.headers.get("Authorization") == f"Bearer {self.api_key}":
            return True
        handler._json(
            401, {"error": {"message": "Incorrect API key provided", "code": "invalid_api_key"}}
        )
        return False

    def _next_fault(self, user: str) -> Fault | None:
        with self._lock:
            for match, queue in self._script:
                if queue and match in user:
                    return queue.popleft()
        return None

    def _respond(self, handler: Any, body: dict[str, Any]) -> None:
        user = _user_text(body)
        fmt = (body.get("response_format") or {}).get("type")
        if self.reject_json_schema and fmt == "json_schema":
            handler._json(
                400,
                {"error": {"message": "response_format json_schema is not supported"}},
            )
            return
        m = _ARTICLE.search(user)
        text = m.group(2) if m else ""
        if self.reject_temperature and "temperature" in body:
            message = "Unsupported value: 'temperature' does not support 0 with this model."
            handler._json(400, {"error": {"message": message, "param": "temperature"}})
            return
        fault = self._next_fault(text or user)
        if fault is None and self.length_over is not None and len(text) > self.length_over:
            fault = Fault.reply('{"claims": [{"quote": "', finish_reason="length")
        if fault is None or fault.kind == "delay":
            if fault is not None:
                time.sleep(fault.seconds)
            reply = self.judge(user) if _JUDGE in user else {"claims": self.answer(text)}
            content = json.dumps(reply, ensure_ascii=False)
            handler._json(200, _completion(body, content, "stop"))
        elif fault.kind == "status":
            handler._json(
                fault.status_code,
                {"error": {"message": fault.content, "type": "stub"}},
                fault.headers,
            )
        elif fault.kind == "drop":
            handler.close_connection = True
            handler.connection.close()
        elif fault.kind == "reply":
            handler._json(200, _completion(body, fault.content, fault.finish_reason))
        elif fault.kind == "refusal":
            handler._json(200, _completion(body, None, "stop", refusal=fault.content))
        elif fault.kind == "garbled":
            handler._send(200, b"<html>upstream proxy error</html>", "application/json")
        else:
            raise ValueError(fault.kind)


def _user_text(body: dict[str, Any]) -> str:
    return "\n".join(
        str(m.get("content") or "") for m in body.get("messages", []) if m.get("role") == "user"
    )


def _completion(
    body: dict[str, Any], content: str | None, finish_reason: str, refusal: str | None = None
) -> dict[str, Any]:
    prompt = sum(len(str(m.get("content") or "")) for m in body.get("messages", []))
    return {
        "id": "chatcmpl-stub",
        "object": "chat.completion",
        "created": 0,
        "model": body.get("model", "stub"),
        "choices": [
            {
                "index": 0,
                "finish_reason": finish_reason,
                "message": {"role": "assistant", "content": content, "refusal": refusal},
            }
        ],
        "usage": {
            "prompt_tokens": prompt // 3 + 1,
            "completion_tokens": len(content or refusal or "") // 3 + 1,
            "total_tokens": prompt // 3 + len(content or refusal or "") // 3 + 2,
        },
    }


def closed_port_url() -> str:
    """A base URL on 127.0.0.1 where nothing listens (an unreachable endpoint)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"http://127.0.0.1:{port}/v1"
