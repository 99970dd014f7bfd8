"""Can this machine run llama.cpp's extra CPU buffer types (weight repacking, AMX tiles)?

A llama-cpp-python built on a machine that advertises AMX compiles AMX kernels and uses them
when the kernel grants the permission; some virtual machines grant it and still fault on the
first tile instruction (SIGILL), which kills the process. So the first load on a machine is
tried in a child process; if the child dies, the model is loaded without extra buffer types
(slower, never a crash). The verdict is kept beside the model file, keyed by the CPU's flags
and the llama-cpp-python build, so the probe runs once per machine and build.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_PROBE = """
import sys
from llama_cpp import Llama
llama = Llama(model_path=sys.argv[1], n_ctx=64, n_batch=32, verbose=False)
llama.eval(llama.tokenize(b"one two three four five six seven eight"))
"""
PROBE_TIMEOUT_S = 300


def _machine_key() -> str:
    try:  # the build, not only the version: a rebuild with other CPU flags is probed anew
        import llama_cpp

        where = Path(llama_cpp.__file__).parent
        version = f"{getattr(llama_cpp, '__version__', '?')}|{where}|{where.stat().st_mtime_ns}"
    except (ImportError, OSError, TypeError):
        version = "none"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            flags = next((line for line in info if line.startswith("flags")), "")
    except OSError:
        flags = ""
    return hashlib.sha256(f"{version}|{flags}".encode()).hexdigest()[:16]


def _verdict_path(model: Path) -> Path:
    return model.with_name(f"{model.name}.cpu-{_machine_key()}")


def extra_buffers_work(model: Path) -> bool:
    """True when loading ``model`` with llama.cpp's defaults runs on this machine."""
    verdict = _verdict_path(model)
    try:
        return verdict.read_text(encoding="utf-8").strip() == "ok"
    except OSError:
        pass
    log.info("checking once that this CPU runs llama.cpp's repacked weights")
    try:
        done = subprocess.run(
            [sys.executable, "-c", _PROBE, str(model)],
            capture_output=True,
            timeout=PROBE_TIMEOUT_S,
            check=False,
        )
        works = done.returncode == 0
    except (OSError, subprocess.SubprocessError):
        works = False
    if not works:
        log.warning(
            "llama.cpp's optimized CPU kernels crash on this machine: loading the embedded "
            "model without them (slower)"
        )
    with contextlib.suppress(OSError):  # a read-only model folder: probe again next time
        verdict.write_text("ok" if works else "plain", encoding="utf-8")
    return works


@contextmanager
def without_extra_buffers() -> Iterator[None]:
    """Within the block, new Llama objects load without extra buffer types."""
    import llama_cpp.llama_cpp as lib

    original = lib.llama_model_default_params

    def params() -> Any:
        value = original()
        value.use_extra_bufts = False
        return value

    lib.llama_model_default_params = params
    try:
        yield
    finally:
        lib.llama_model_default_params = original
