"""The Batch API flow against a loopback server that implements the endpoints it uses.

``FakeBatchAPI`` implements ``POST /v1/files`` (multipart upload), ``POST /v1/batches``,
``GET /v1/batches/{id}`` and ``GET /v1/files/{id}/content``; it answers each request line of the
uploaded JSONL with ``fake_llm``'s responders, after a few status checks.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SEEDS
from fake_llm import FakeLLM, LoopbackServer, Reply, Responder, _payload, grounded_responder

from summarizer import Brief, load_articles, summarize_batch
from summarizer.batch import STATE_FILE, BatchPending, BatchStatus, summarize_with_batch_api
from summarizer.errors import ConfigurationError, ExtractionError, UsageError
from summarizer.llm import RetryPolicy

ARTICLE = (
    "أعلنت الحكومة العراقية، أمس، أن المهمة العسكرية للتحالف الدولي ستنتهي بحلول أيلول 2025.\n"
    "وقال مسؤول إن نحو 2500 جندي أميركي ما زالوا في العراق.\n"
)
FAST = RetryPolicy(max_attempts=2, deadline_s=20, base_wait_s=0.01, max_wait_s=0.05)
LineHook = Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]


class FakeBatchAPI(LoopbackServer):
    """A loopback OpenAI Batch API. ``calls`` records (method, path) of every request."""

    def __init__(self, responder: Responder = grounded_responder, polls: int = 2) -> None:
        self.responder = responder
        self.polls = polls  # status checks that see the batch in progress before it completes
        self.final_status = "completed"
        self.batch_errors: list[dict[str, Any]] = []
        self.hook: LineHook | None = None  # may rewrite a result line (inject errors)
        self.has_batches = True
        self.create_status = 200  # an HTTP error for POST /v1/batches
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.checks: dict[str, int] = {}
        self.calls: list[tuple[str, str]] = []
        self.lines: list[dict[str, Any]] = []  # every request line uploaded
        self._lock = threading.Lock()
        super().__init__()

    def count(self, method: str, pattern: str) -> int:
        return sum(1 for m, p in self.calls if m == method and re.fullmatch(pattern, p))

    # -- endpoints ----------------------------------------------------------------------------

    def upload(self, content_type: str, body: bytes) -> tuple[int, dict[str, Any]]:
        head = f"Content-Type: {content_type}\r\n\r\n".encode()
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
        fields: dict[str, bytes] = {}
        filename = "upload"
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            fields[str(name)] = payload if isinstance(payload, bytes) else b""
            filename = part.get_filename() or filename
        if fields.get("purpose") != b"batch" or "file" not in fields:
            return 400, {"error": {"message": "purpose=batch and a file are required"}}
        file_id = f"file-{len(self.files) + 1}"
        self.files[file_id] = fields["file"]
        for line in fields["file"].decode("utf-8").splitlines():
            self.lines.append(json.loads(line))
        return 200, self._file(file_id, filename)

    def create(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if self.create_status != 200:
            return self.create_status, {"error": {"message": "injected", "type": "server_error"}}
        if body.get("input_file_id") not in self.files:
            return 400, {"error": {"message": "unknown input_file_id"}}
        batch_id = f"batch_{len(self.batches) + 1}"
        lines = self.files[body["input_file_id"]].decode("utf-8").splitlines()
        self.batches[batch_id] = {
            "id": batch_id,
            "object": "batch",
            "endpoint": body["endpoint"],
            "completion_window": body["completion_window"],
            "input_file_id": body["input_file_id"],
            "metadata": body.get("metadata"),
            "created_at": int(time.time()),
            "status": "validating",
            "request_counts": {"total": len(lines), "completed": 0, "failed": 0},
        }
        self.checks[batch_id] = 0
        return 200, self.batches[batch_id]

    def retrieve(self, batch_id: str) -> tuple[int, dict[str, Any]]:
        batch = self.batches.get(batch_id)
        if batch is None:
            return 404, {"error": {"message": f"no batch {batch_id}"}}
        self.checks[batch_id] += 1
        if batch["status"] in ("validating", "in_progress"):
            if self.checks[batch_id] <= self.polls:
                batch["status"] = "in_progress"
            else:
                self._finish(batch)
        return 200, batch

    def _finish(self, batch: dict[str, Any]) -> None:
        batch["status"] = self.final_status
        if self.final_status == "failed":
            batch["errors"] = {"object": "list", "data": self.batch_errors}
            return
        done: list[dict[str, Any]] = []
        failed: list[dict[str, Any]] = []
        lines = self.files[batch["input_file_id"]].decode("utf-8").splitlines()
        for number, raw in enumerate(lines, 1):
            line = json.loads(raw)
            completion = json.loads(
                _payload(Reply(answer=self.responder(line["body"])), line["body"])
            )
            entry: dict[str, Any] = {
                "id": f"batch_req_{number}",
                "custom_id": line["custom_id"],
                "response": {"status_code": 200, "request_id": f"req_{number}", "body": completion},
                "error": None,
            }
            if self.hook is not None:
                entry = self.hook(line, entry)
            (done if entry["response"]["status_code"] == 200 else failed).append(entry)
        batch["output_file_id"] = self._store(done)
        batch["error_file_id"] = self._store(failed)
        batch["request_counts"] = {
            "total": len(lines),
            "completed": len(done),
            "failed": len(failed),
        }

    def _store(self, entries: list[dict[str, Any]]) -> str | None:
        if not entries:
            return None
        file_id = f"file-{len(self.files) + 1}"
        text = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries)
        self.files[file_id] = text.encode("utf-8")
        return file_id

    def _file(self, file_id: str, filename: str) -> dict[str, Any]:
        return {
            "id": file_id,
            "object": "file",
            "bytes": len(self.files[file_id]),
            "created_at": int(time.time()),
            "filename": filename,
            "purpose": "batch",
            "status": "processed",
        }

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, payload: dict[str, Any] | bytes) -> None:
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                with fake._lock:
                    fake.calls.append(("POST", self.path))
                    if not fake.has_batches:
                        self._send(404, {"error": {"message": "not found"}})
                    elif self.path == "/v1/files":
                        self._send(*fake.upload(self.headers["content-type"], body))
                    elif self.path == "/v1/batches":
                        self._send(*fake.create(json.loads(body)))
                    else:
                        self._send(404, {"error": {"message": f"no route {self.path}"}})

            def do_GET(self) -> None:
                with fake._lock:
                    fake.calls.append(("GET", self.path))
                    content = re.fullmatch(r"/v1/files/([\w-]+)/content", self.path)
                    batch = re.fullmatch(r"/v1/batches/([\w-]+)", self.path)
                    if content and content.group(1) in fake.files:
                        self._send(200, fake.files[content.group(1)])
                    elif batch:
                        self._send(*fake.retrieve(batch.group(1)))
                    else:
                        self._send(404, {"error": {"message": f"no route {self.path}"}})

        return Handler


@pytest.fixture
def batch_api() -> Iterator[FakeBatchAPI]:
    server = FakeBatchAPI().start()
    yield server
    server.stop()


def _folder(tmp_path: Path, **articles: str) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for name, text in (articles or {"a1": ARTICLE}).items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _batch(server: FakeBatchAPI, paths: Path, tmp_path: Path, **kwargs: Any) -> Brief:
    options: dict[str, Any] = {
        "base_url": server.url,
        "model": "test-model",
        "cache_dir": tmp_path / "cache",
        "poll_interval": 0,
    }
    options.update(kwargs)
    return summarize_with_batch_api(load_articles(paths), **options)


def _facts(brief: Brief) -> dict[str, Any]:
    data = brief.model_dump(include={"deadlines", "figures", "events", "conflicts", "texts"})
    data["articles"] = [(a.id, a.status, a.error) for a in brief.articles]
    return data


def _canonical(body: dict[str, Any]) -> str:
    messages = [{**m, "content": m["content"].rstrip("\n")} for m in body["messages"]]
    return json.dumps({**body, "messages": messages}, sort_keys=True, ensure_ascii=False)


def test_batch_brief_is_the_interactive_brief(
    fake_llm: FakeLLM, batch_api: FakeBatchAPI, tmp_path: Path
) -> None:
    interactive = summarize_batch(
        load_articles(SEEDS), base_url=fake_llm.url, model="test-model", use_cache=False,
        policy=FAST,
    )  # fmt: skip
    batched = _batch(batch_api, SEEDS, tmp_path)
    assert [a.status for a in batched.articles] == ["ok"] * 5
    assert batched.deadlines and batched.figures and batched.events
    assert _facts(batched) == _facts(interactive)
    # The very requests instructor sends in TOOLS mode, one per chunk (instructor's templating
    # drops the trailing newline of each message when it is given a validation context).
    sent = sorted(_canonical(r) for r in fake_llm.requests)
    assert sorted(_canonical(x["body"]) for x in batch_api.lines) == sent
    assert {x["method"] for x in batch_api.lines} == {"POST"}
    assert {x["url"] for x in batch_api.lines} == {"/v1/chat/completions"}
    assert len({x["custom_id"] for x in batch_api.lines}) == len(batch_api.lines)


def test_batch_flow_uses_only_the_batch_endpoints(batch_api: FakeBatchAPI, tmp_path: Path) -> None:
    statuses: list[BatchStatus] = []
    brief = _batch(batch_api, SEEDS, tmp_path, model="gpt-4o-mini", on_status=statuses.append)
    assert batch_api.count("POST", "/v1/files") == 1
    assert batch_api.count("POST", "/v1/batches") == 1
    assert batch_api.count("GET", r"/v1/batches/batch_1") == batch_api.polls + 1
    assert batch_api.count("GET", r"/v1/files/.*/content") == 1
    assert not [c for c in batch_api.calls if "chat" in c[1]]
    assert [s.status for s in statuses] == ["in_progress", "completed"]
    assert statuses[-1].completed == statuses[-1].total == len(batch_api.lines)
    # Usage of every answer, and the Batch API's half price: 100 + 20 tokens per request.
    requests = len(batch_api.lines)
    assert brief.meta.usage.requests == requests
    assert brief.meta.usage.prompt_tokens == 100 * requests
    assert brief.meta.backend == "batch"
    expected = (100 * requests * 0.15 + 20 * requests * 0.60) / 1e6 / 2
    assert brief.meta.estimated_cost_usd == pytest.approx(expected)
    assert sum(a.usage.requests for a in brief.articles) == requests


def test_second_run_makes_no_request(batch_api: FakeBatchAPI, tmp_path: Path) -> None:
    _batch(batch_api, SEEDS, tmp_path)
    calls = len(batch_api.calls)
    brief = _batch(batch_api, SEEDS, tmp_path)
    assert len(batch_api.calls) == calls
    assert all(a.cached for a in brief.articles)
    assert brief.meta.usage.requests == 0
    assert not json.loads((tmp_path / "cache" / STATE_FILE).read_text())  # nothing left to collect


def test_batch_results_serve_the_interactive_path(
    fake_llm: FakeLLM, batch_api: FakeBatchAPI, tmp_path: Path
) -> None:
    _batch(batch_api, SEEDS, tmp_path)
    brief = summarize_batch(
        load_articles(SEEDS), base_url=fake_llm.url, model="test-model",
        cache_dir=tmp_path / "cache", policy=FAST,
    )  # fmt: skip
    assert not fake_llm.requests
    assert all(a.cached for a in brief.articles)


def test_no_wait_then_rerun_resumes_the_stored_batch(
    batch_api: FakeBatchAPI, tmp_path: Path
) -> None:
    batch_api.polls = 3
    with pytest.raises(BatchPending) as pending:
        _batch(batch_api, SEEDS, tmp_path, wait=False)
    assert pending.value.status.batch_id == "batch_1"
    assert "run the same command again" in str(pending.value)
    stored = json.loads((tmp_path / "cache" / STATE_FILE).read_text())
    assert [entry["batch_id"] for entry in stored.values()] == ["batch_1"]
    assert "not-needed" not in json.dumps(stored)
    with pytest.raises(BatchPending):  # still running: checked, not submitted again
        _batch(batch_api, SEEDS, tmp_path, wait=False)
    statuses: list[BatchStatus] = []
    brief = _batch(batch_api, SEEDS, tmp_path, on_status=statuses.append)
    assert statuses[0].resumed
    assert [a.status for a in brief.articles] == ["ok"] * 5
    assert batch_api.count("POST", "/v1/files") == batch_api.count("POST", "/v1/batches") == 1


def test_interrupted_polling_resumes_on_rerun(batch_api: FakeBatchAPI, tmp_path: Path) -> None:
    def interrupt(status: BatchStatus) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _batch(batch_api, SEEDS, tmp_path, on_status=interrupt)
    brief = _batch(batch_api, SEEDS, tmp_path)
    assert [a.status for a in brief.articles] == ["ok"] * 5
    assert batch_api.count("POST", "/v1/batches") == 1


def test_batch_id_resumes_from_another_cache(batch_api: FakeBatchAPI, tmp_path: Path) -> None:
    with pytest.raises(BatchPending) as pending:
        _batch(batch_api, SEEDS, tmp_path, wait=False, cache_dir=tmp_path / "one")
    batch_id = pending.value.status.batch_id
    brief = _batch(batch_api, SEEDS, tmp_path, batch_id=batch_id, cache_dir=tmp_path / "two")
    assert [a.status for a in brief.articles] == ["ok"] * 5
    assert batch_api.count("POST", "/v1/batches") == 1


def test_unknown_batch_id_is_a_usage_error(batch_api: FakeBatchAPI, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no batch batch_99"):
        _batch(batch_api, _folder(tmp_path), tmp_path, batch_id="batch_99")


def _bad_quote(request: dict[str, Any]) -> dict[str, Any]:
    answer = grounded_responder(request)
    described = next(k for k, v in answer["mentions"].items() if "use" not in v)
    answer["mentions"][described]["quote"] = "this sentence is not in the article"
    return answer


def test_invalid_answer_fails_its_article_without_reask(
    batch_api: FakeBatchAPI, tmp_path: Path
) -> None:
    def responder(request: dict[str, Any]) -> dict[str, Any]:
        prompt = json.dumps(request["messages"], ensure_ascii=False)
        return _bad_quote(request) if "a1" in prompt else grounded_responder(request)

    batch_api.responder = responder
    folder = _folder(tmp_path, a1=ARTICLE, b2=ARTICLE.replace("2500", "900"))
    brief = _batch(batch_api, folder, tmp_path)
    reports = {a.id: a for a in brief.articles}
    assert reports["a1"].status == "failed" and reports["b2"].status == "ok"
    assert "failed validation (batch mode: no reask)" in (reports["a1"].error or "")
    assert "not in the article" in (reports["a1"].error or "")
    assert reports["a1"].usage.requests == 1  # the failed answer still cost its tokens
    assert len(batch_api.lines) == 2
    assert brief.figures and all(s.article_id == "b2" for f in brief.figures for s in f.sources)
    # The failed article is not cached: a rerun submits it alone.
    batch_api.responder = grounded_responder
    rerun = _batch(batch_api, folder, tmp_path)
    assert [a.status for a in rerun.articles] == ["ok", "ok"]
    assert len(batch_api.lines) == 3


def test_an_answer_that_repeats_the_instructions_fails_its_article(
    batch_api: FakeBatchAPI, tmp_path: Path
) -> None:
    def leaky(request: dict[str, Any]) -> dict[str, Any]:
        answer = grounded_responder(request)
        system = request["messages"][0]["content"]
        described = next(k for k, v in answer["mentions"].items() if "use" not in v)
        # The first words of the instructions, as the English of a mention.
        answer["mentions"][described]["about_en"] = " ".join(system.split()[:20])[:150]
        return answer

    batch_api.responder = leaky
    brief = _batch(batch_api, _folder(tmp_path), tmp_path)
    assert brief.articles[0].status == "failed"
    assert "repeats the instructions" in (brief.articles[0].error or "")


def test_error_line_fails_its_article(batch_api: FakeBatchAPI, tmp_path: Path) -> None:
    def hook(line: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
        if "a1" in json.dumps(line["body"]["messages"], ensure_ascii=False):
            error = {"message": "injected server error", "type": "server_error"}
            entry["response"] = {"status_code": 500, "request_id": "r", "body": {"error": error}}
        return entry

    batch_api.hook = hook
    folder = _folder(tmp_path, a1=ARTICLE, b2=ARTICLE.replace("2500", "900"))
    brief = _batch(batch_api, folder, tmp_path)
    reports = {a.id: a for a in brief.articles}
    assert reports["b2"].status == "ok"
    assert reports["a1"].status == "failed"
    assert "HTTP 500" in (reports["a1"].error or "")
    assert "injected server error" in (reports["a1"].error or "")


def test_truncated_answer_fails_its_article(batch_api: FakeBatchAPI, tmp_path: Path) -> None:
    def hook(line: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
        entry["response"]["body"]["choices"][0]["finish_reason"] = "length"
        return entry

    batch_api.hook = hook
    brief = _batch(batch_api, _folder(tmp_path), tmp_path)
    assert brief.articles[0].status == "failed"
    assert "cut off" in (brief.articles[0].error or "")


def test_failed_batch_fails_every_article_and_is_resubmitted(
    batch_api: FakeBatchAPI, tmp_path: Path
) -> None:
    batch_api.final_status = "failed"
    batch_api.batch_errors = [{"code": "invalid_request", "message": "bad input line", "line": 1}]
    brief = _batch(batch_api, SEEDS, tmp_path)
    assert [a.status for a in brief.articles] == ["failed"] * 5
    assert "batch failed: bad input line" in (brief.articles[0].error or "")
    batch_api.final_status = "completed"
    rerun = _batch(batch_api, SEEDS, tmp_path)
    assert [a.status for a in rerun.articles] == ["ok"] * 5
    assert batch_api.count("POST", "/v1/batches") == 2


def test_duplicates_are_asked_once(batch_api: FakeBatchAPI, tmp_path: Path) -> None:
    brief = _batch(batch_api, _folder(tmp_path, a1=ARTICLE, a2=ARTICLE), tmp_path)
    assert len(batch_api.lines) == 1
    reports = {a.id: a for a in brief.articles}
    assert reports["a1"].duplicate_ids == ["a2"] and reports["a2"].duplicate_of == "a1"
    assert not reports["a2"].duplicate_ids and set(brief.texts) == {"a1"}
    assert reports["a2"].status == "ok"


def test_failed_submission_is_not_retried(batch_api: FakeBatchAPI, tmp_path: Path) -> None:
    batch_api.create_status = 500  # a retry could create the batch twice, billed twice
    with pytest.raises(ExtractionError, match="cannot create the batch: HTTP 500"):
        _batch(batch_api, _folder(tmp_path), tmp_path)
    assert batch_api.count("POST", "/v1/batches") == 1
    assert not (tmp_path / "cache" / STATE_FILE).exists()
    batch_api.create_status = 200
    assert _batch(batch_api, _folder(tmp_path), tmp_path).articles[0].status == "ok"


def test_endpoint_without_batch_api(batch_api: FakeBatchAPI, tmp_path: Path) -> None:
    batch_api.has_batches = False
    with pytest.raises(ConfigurationError, match="no OpenAI Batch API"):
        _batch(batch_api, _folder(tmp_path), tmp_path)


def test_embedded_model_has_no_batch_api(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="needs an endpoint"):
        summarize_with_batch_api(load_articles(_folder(tmp_path)), cache_dir=tmp_path / "c")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        capture_output=True, text=True, env=env, timeout=120, cwd=ROOT,
    )  # fmt: skip


def test_cli_batch_api(batch_api: FakeBatchAPI, tmp_path: Path) -> None:
    out = tmp_path / "brief.json"
    common = (
        "brief", str(SEEDS), "-o", str(out), "--base-url", batch_api.url, "--model",
        "gpt-4o-2024-08-06", "--cache-dir", str(tmp_path / "c"), "--poll-interval", "0",
    )  # fmt: skip
    batch_api.polls = 5
    pending = _cli(*common, "--batch-api", "--no-wait")
    assert pending.returncode == 4, pending.stderr
    assert "submitted batch batch_1" in pending.stderr
    assert "run the same command again" in pending.stderr
    assert not out.exists()
    result = _cli(*common, "--batch-api", "--stats")
    assert result.returncode == 0, result.stderr
    assert "resuming batch batch_1" in result.stderr
    assert "5/5 articles" in result.stderr
    brief = Brief.model_validate_json(out.read_text(encoding="utf-8"))
    assert brief.meta.backend == "batch"
    assert brief.meta.estimated_cost_usd is not None and brief.meta.estimated_cost_usd > 0
    assert "completion tokens, $0.0011, " in result.stderr  # (500 x 2.50 + 100 x 10.00) / 1M / 2
    assert "$0.0002" in result.stderr  # one article in the --stats table
    assert batch_api.count("POST", "/v1/batches") == 1


def test_cli_batch_id_implies_batch_api(batch_api: FakeBatchAPI, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    with pytest.raises(BatchPending):
        _batch(batch_api, folder, tmp_path, wait=False, cache_dir=tmp_path / "one")
    result = _cli(
        "brief", str(folder), "-f", "json", "--base-url", batch_api.url, "--model", "test-model",
        "--batch-id", "batch_1", "--cache-dir", str(tmp_path / "two"), "--poll-interval", "0",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "resuming batch batch_1" in result.stderr
    assert "cost unknown" in result.stderr
    assert Brief.model_validate_json(result.stdout).articles[0].status == "ok"


def test_cli_batch_api_needs_an_endpoint(tmp_path: Path) -> None:
    result = _cli("brief", str(_folder(tmp_path)), "--batch-api", "--cache-dir", str(tmp_path))
    assert result.returncode == 2
    assert "needs an endpoint" in result.stderr
    assert "Traceback" not in result.stderr
