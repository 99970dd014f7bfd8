"""A loopback OpenAI-compatible server for tests: canned completions and injected faults.

The real ``openai`` client and instructor talk to it over HTTP, so nothing of ours is mocked.
Each request takes the next scripted ``Reply`` if any, otherwise asks the ``responder`` for the
structured answer (a dict), which is sent back as a tool call (TOOLS mode) or as message content.
Replies queued with ``queue_for(marker, ...)`` go only to requests whose messages contain the
marker (e.g. ``"Article id: a1"``), so a fault can hit one article of a concurrent batch.
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
from typing import Any, Self

Responder = Callable[[dict[str, Any]], dict[str, Any]]


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


def grounded_responder(request: dict[str, Any]) -> dict[str, Any]:
    """Answer like a careful model: describe every candidate mention listed under the sentences,
    and report one undated event for the first sentence."""
    users = [m["content"] for m in request["messages"] if m["role"] == "user"]
    prompt = next((u for u in users if "[S1]" in u or "\n[S" in u), users[0])
    described: dict[str, Any] = {}
    first_sentence = None
    for line in prompt.splitlines():
        head = re.match(r"\[(S\d+)\] ", line)
        if head and first_sentence is None:
            first_sentence = head.group(1)
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
                "about_en": "officials comment",
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

    def __init__(self, responder: Responder = grounded_responder) -> None:
        self.responder = responder
        self.script: list[Reply] = []
        self.routed: dict[str, list[Reply]] = {}
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.times: list[float] = []  # time.monotonic() of each request's arrival
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

    def _next(self, body: dict[str, Any], headers: dict[str, str]) -> Reply:
        with self._lock:
            self.requests.append(body)
            self.headers.append(headers)
            self.times.append(time.monotonic())
            if self.routed:
                text = _messages_text(body)
                for marker, replies in self.routed.items():
                    if replies and marker in text:
                        return replies.pop(0)
            if self.script:
                return self.script.pop(0)
        return Reply(answer=self.responder(body))

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
                reply = fake._next(body, {k.lower(): v for k, v in self.headers.items()})
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.drop:
                    self.connection.shutdown(2)
                    self.close_connection = True
                    return
                payload = reply.raw if reply.raw is not None else _payload(reply, body)
                self.send_response(reply.status)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

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
        message["content"] = arguments
    completion = {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "test-model"),
        "choices": [{"index": 0, "message": message, "finish_reason": reply.finish_reason}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
    }
    return json.dumps(completion, ensure_ascii=False).encode()
