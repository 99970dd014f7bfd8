"""A loopback OpenAI-compatible server for tests: canned completions and injected faults.

The real ``openai`` client and instructor talk to it over HTTP, so nothing of ours is mocked.
Each request takes the next scripted ``Reply`` if any, otherwise asks the ``responder`` for the
structured answer (a dict), which is sent back as a tool call (TOOLS mode) or as message content.
Replies queued with ``queue_for(marker, ...)`` go only to requests whose messages contain the
marker (e.g. ``"Article id: a1"``), so a fault can hit one article of a concurrent batch.

Hostile behaviours: a body dripped slowly (``Reply.drip``), a ``usage`` block that is not one
(``Reply.usage``), the caller's API key echoed into every field the model writes (``echo_key``),
and an admission limit (``admit``): beyond that many requests at once, 429 with ``Retry-After``
(after ``reject_delay`` seconds, as a gateway takes a moment to say no). The server counts the
requests it handles at once, refused ones included (``peak``; ``peak_after_429`` counts only
from when every request in flight at its first 429 has ended).
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal, Self

Responder = Callable[[dict[str, Any]], dict[str, Any] | str]  # a str: plain-text content
STANDARD_USAGE: Any = {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120}
NO_USAGE: Any = object()  # as a usage block: leave it out
SERVER_USAGE: Any = object()  # Reply.usage: the server's (FakeLLM.usage)


@dataclass
class Reply:
    """One scripted reply: an answer, an HTTP error, a delay, a dropped connection or raw bytes."""

    answer: dict[str, Any] | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: bool = False
    raw: bytes | None = None
    finish_reason: str = "stop"
    refusal: str | None = None
    drip: float = 0.0  # seconds between the body's bytes (headers go at once)
    usage: Any = SERVER_USAGE
    text: str | None = None  # plain-text content instead of ``answer``'s JSON


# What a careful model writes for a sentence with one of these verbs: words of the sentence.
_REPORTING = {"أكد": "confirmed", "أعلن": "announced", "قال": "said"}


def grounded_responder(request: dict[str, Any]) -> dict[str, Any]:
    """Answer like a careful model: describe every candidate mention listed under the sentences,
    and report one undated event: the first sentence with a reporting verb, in its words."""
    users = [m["content"] for m in request["messages"] if m["role"] == "user"]
    prompt = next((u for u in users if "[S1]" in u or "\n[S" in u), users[0])
    described: dict[str, Any] = {}
    first_sentence = None
    verb = ""
    for line in prompt.splitlines():
        head = re.match(r"\[(S\d+)\] ", line)
        said = next((en for ar, en in _REPORTING.items() if ar in line), None)
        if head and said and first_sentence is None:
            first_sentence, verb = head.group(1), said
        candidate = re.match(r"\s+(M\d+) (date|number) .* → (\w+)$", line)
        if not candidate:
            continue
        mention_id, _kind, role = candidate.groups()
        about = {
            "deadline": ("the mission in Iraq ends", "انتهاء المهمة في العراق"),
            "figure": ("US troops in Iraq", "القوات الأميركية في العراق"),
            "event": ("a statement was issued", "صدر بيان"),
        }[role]
        entry: dict[str, Any] = {"about_en": about[0], "place_en": "Iraq", "about_ar": about[1]}
        described[mention_id] = {"use": "event", **entry} if role == "event" else entry
    events = []
    if first_sentence is not None:
        events.append(
            {
                "sentence": first_sentence,
                "about_en": verb,
                "place_en": "Iraq",
                "about_ar": "تعليق المسؤولين",
            }
        )
    return {"mentions": described, "events": events}


def _schema_properties(request: dict[str, Any]) -> dict[str, Any]:
    for tool in request.get("tools") or []:
        return dict(tool["function"]["parameters"].get("properties", {}))
    fmt = request.get("response_format") or {}
    schema = (fmt.get("json_schema") or {}).get("schema") or fmt.get("schema") or {}
    return dict(schema.get("properties", {}))


class LoopbackServer:
    """An HTTP server on 127.0.0.1 (a free port) run in a thread; subclasses give the handler."""

    def __init__(self) -> None:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )  # a short poll interval: stop() returns at once

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        raise NotImplementedError


class FakeLLM(LoopbackServer):
    """The server; use ``url`` as the OpenAI base URL. ``requests`` records every request body."""

    def __init__(
        self,
        responder: Responder = grounded_responder,
        *,
        latency: float = 0.0,
        admit: int | None = None,
        retry_after: str = "1",
        reject_delay: float = 0.0,
        echo_key: bool | Literal["escaped"] = False,
    ) -> None:
        self.responder = responder
        self.latency = latency  # added to every answer that is not a 429 of the admission limit
        self.admit = admit
        self.retry_after = retry_after
        self.reject_delay = reject_delay
        self.echo_key = echo_key
        self.usage: Any = dict(STANDARD_USAGE)  # the usage block of every answer
        self.in_flight = 0
        self.peak = 0
        self.peak_after_429 = 0
        self.rejected = 0  # 429s of the admission limit
        self._before_429: set[int] | None = None  # requests in flight at the first 429
        self._settled = False  # every request in flight at the first 429 has ended
        self._serial = 0
        self.script: list[Reply] = []
        self.routed: dict[str, list[Reply]] = {}
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.times: list[float] = []  # time.monotonic() of each request's arrival
        self._open: set[int] = set()
        self._refusing: set[int] = set()
        self._lock = threading.Lock()
        super().__init__()

    def queue(self, *replies: Reply) -> None:
        with self._lock:
            self.script.extend(replies)

    def queue_for(self, marker: str, *replies: Reply) -> None:
        """Queue replies for the requests whose messages contain ``marker`` only."""
        with self._lock:
            self.routed.setdefault(marker, []).extend(replies)

    def requests_for(self, marker: str) -> list[dict[str, Any]]:
        """The recorded requests whose messages contain ``marker``."""
        with self._lock:
            return [r for r in self.requests if marker in _messages_text(r)]

    def _enter(self) -> tuple[int, bool]:
        """Count one request in; return its serial and whether the admission limit refuses it."""
        with self._lock:
            self._serial += 1
            admitted = self.in_flight - len(self._refusing)
            refused = self.admit is not None and admitted >= self.admit
            self.in_flight += 1
            self._open.add(self._serial)
            if refused:
                self.rejected += 1
                self._refusing.add(self._serial)
                if self._before_429 is None:
                    self._before_429 = set(self._open)
            self.peak = max(self.peak, self.in_flight)
            if self._settled:
                self.peak_after_429 = max(self.peak_after_429, self.in_flight)
            return self._serial, refused

    def _leave(self, serial: int) -> None:
        with self._lock:
            self.in_flight -= 1
            self._open.discard(serial)
            self._refusing.discard(serial)
            if self._before_429 is not None and not self._settled:
                self._before_429.discard(serial)
                self._settled = not self._before_429

    def _record(self, body: dict[str, Any], headers: dict[str, str]) -> None:
        with self._lock:
            self.requests.append(body)
            self.headers.append(headers)
            self.times.append(time.monotonic())

    def _next(self, body: dict[str, Any], headers: dict[str, str]) -> Reply:
        self._record(body, headers)
        with self._lock:
            if self.routed:
                text = _messages_text(body)
                for marker, replies in self.routed.items():
                    if replies and marker in text:
                        return replies.pop(0)
            if self.script:
                return self.script.pop(0)
        answer = self.responder(body)
        return Reply(text=answer) if isinstance(answer, str) else Reply(answer=answer)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def handle(self) -> None:
                # The client may give up first (a timeout test): nothing to report then.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    super().handle()

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                headers = {k.lower(): v for k, v in self.headers.items()}
                serial, refused = fake._enter()
                try:
                    if refused:
                        fake._record(body, headers)
                        time.sleep(fake.reject_delay)
                        limit = Reply(status=429, headers={"retry-after": fake.retry_after})
                        self._send(limit, body)
                        return
                    reply = fake._next(body, headers)
                    if reply.usage is SERVER_USAGE:
                        reply.usage = fake.usage
                    if fake.echo_key and reply.answer is not None:
                        key = headers.get("authorization", "").removeprefix("Bearer ")
                        reply.answer = _with_key(reply.answer, key)
                    if reply.delay or fake.latency:
                        time.sleep(reply.delay + fake.latency)
                    if reply.drop:
                        self.connection.shutdown(2)
                        self.close_connection = True
                        return
                    self._send(reply, body, fake.echo_key == "escaped")
                finally:
                    fake._leave(serial)

            def _send(self, reply: Reply, body: dict[str, Any], escape_key: bool = False) -> None:
                payload = reply.raw if reply.raw is not None else _payload(reply, body)
                if escape_key:  # the key as JSON escapes: no raw text holds it
                    key = self.headers.get("authorization", "").removeprefix("Bearer ")
                    escaped = "".join(f"\\u{ord(c):04x}" for c in key)
                    payload = payload.replace(key.encode(), escaped.encode())
                self.send_response(reply.status)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                if not reply.drip:
                    self.wfile.write(payload)
                    return
                for byte in payload:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(reply.drip)

        return Handler


def unused_url() -> str:
    """A base URL where nothing listens (connection refused): an endpoint that is down."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def _messages_text(body: dict[str, Any]) -> str:
    return "\n".join(str(m.get("content") or "") for m in body.get("messages", []))


def _payload(reply: Reply, body: dict[str, Any]) -> bytes:
    if reply.status >= 400:
        error = {"error": {"message": f"injected HTTP {reply.status}", "type": "server_error"}}
        return json.dumps(error).encode()
    arguments = json.dumps(reply.answer or {}, ensure_ascii=False)
    message: dict[str, Any] = {"role": "assistant", "content": None, "refusal": reply.refusal}
    if reply.refusal is None and body.get("tools"):
        name = body["tools"][0]["function"]["name"]
        message["tool_calls"] = [
            {"id": "call_1", "type": "function", "function": {"name": name, "arguments": arguments}}
        ]
    elif reply.refusal is None:
        message["content"] = arguments if reply.text is None else reply.text
    completion = {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "test-model"),
        "choices": [{"index": 0, "message": message, "finish_reason": reply.finish_reason}],
    }
    usage = dict(STANDARD_USAGE) if reply.usage is SERVER_USAGE else reply.usage
    if usage is not NO_USAGE:
        completion["usage"] = usage
    text = json.dumps(completion, ensure_ascii=False)
    return text.replace('"__1e400__"', "1e400").encode()  # a number no float holds


def _with_key(value: Any, key: str) -> Any:
    """``value`` with the key added to every English string the model writes (``*_en``)."""
    if isinstance(value, dict):
        out = {k: f"{v} (key {key})" if k.endswith("_en") and isinstance(v, str) else
               _with_key(v, key) for k, v in value.items()}  # fmt: skip
        return out
    if isinstance(value, list):
        return [_with_key(v, key) for v in value]
    return value
