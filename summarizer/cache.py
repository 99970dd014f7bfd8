"""A content-addressed cache of extractions (SQLite in WAL mode; each entry committed on its own).

A key covers the cleaned article text, the backend and model, the prompt version and the schema
version, so a prompt change invalidates old entries. No API key or endpoint secret is stored.

The cache never costs a run: a corrupt database file is moved aside (with a warning naming both
paths) and rebuilt; a cache that cannot be written (a read-only folder, a full disk) is used for
what it can still give and the run goes on without caching, with one warning.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import platformdirs

from summarizer.models import SCHEMA_VERSION, Extraction

log = logging.getLogger(__name__)

DB_NAME = "extractions.sqlite3"
_SIDE_FILES = ("-wal", "-shm")


def default_cache_dir() -> Path:
    """Return the user cache folder of summarizer."""
    return Path(platformdirs.user_cache_dir("summarizer"))


def cache_key(text: str, model: str, backend: str, prompt_version: str, variant: str = "") -> str:
    """Return the content address of one extraction."""
    payload = json.dumps([text, model, backend, prompt_version, SCHEMA_VERSION, variant])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class ExtractionCache:
    """Extractions by content address; safe to share between threads and processes.

    Opening never raises: ``warnings`` lists what went wrong (each line names the path), and a
    cache that could not be opened or written answers ``get`` with None and ignores ``put``.
    """

    def __init__(self, folder: Path) -> None:
        self.path = folder / DB_NAME
        self.warnings: list[str] = []
        self._lock = threading.Lock()
        self._writable = True
        self._db: sqlite3.Connection | None = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._db = self._open_checked()
        except sqlite3.DatabaseError as err:
            if not _is_corruption(err) or not self._move_aside(err):
                self._db = self._open_read_only(err)
                return
            try:
                self._db = self._open_checked()
            except (sqlite3.Error, OSError) as again:
                self._db = self._open_read_only(again)
        except OSError as err:
            why = "not a folder" if folder.exists() and not folder.is_dir() else _why(err)
            self._disable(f"cannot use the cache folder {folder}: {why}")

    def _open_checked(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        try:
            _check(db)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS extractions (key TEXT PRIMARY KEY, value TEXT NOT NULL,"
                " created TEXT DEFAULT CURRENT_TIMESTAMP)"
            )
            db.commit()
        except BaseException:
            db.close()
            raise
        return db

    def _open_read_only(self, error: sqlite3.Error | OSError) -> sqlite3.Connection | None:
        """After a failed writable open: keep serving what is cached, if it can still be read."""
        # A WAL database in a read-only folder cannot make its -shm file: then read it as
        # immutable (nobody can be writing to a folder that we cannot write either).
        for mode in ("mode=ro", "immutable=1"):
            db = self._connect_read_only(mode)
            if db is not None:
                self._writable = False
                self._warn(
                    f"cache {self.path} cannot be written ({_why(error)}): cached extractions"
                    " are used, new ones are not cached"
                )
                return db
        self._disable(f"cannot use the cache {self.path} ({_why(error)})")
        return None

    def _connect_read_only(self, mode: str) -> sqlite3.Connection | None:
        if not self.path.is_file():
            return None
        db: sqlite3.Connection | None = None
        try:
            uri = f"{self.path.resolve().as_uri()}?{mode}"
            db = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=30)
            db.execute("SELECT count(*) FROM extractions").fetchone()
        except (sqlite3.Error, ValueError):
            if db is not None:
                self._close_quietly(db)
            return None
        return db

    def _move_aside(self, error: sqlite3.Error) -> bool:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        number = 1
        while target.exists():
            number += 1
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{number}")
        try:
            self.path.replace(target)
            for suffix in _SIDE_FILES:
                side = self.path.with_name(self.path.name + suffix)
                if side.exists():
                    side.replace(target.with_name(target.name + suffix))
        except OSError as err:
            self._warn(f"cache {self.path} is corrupt ({_why(error)}) and cannot be moved: {err}")
            return False
        self._warn(
            f"cache {self.path} was corrupt ({_why(error)}): moved to {target}, starting afresh"
        )
        return True

    def _warn(self, message: str) -> None:
        log.warning("%s", message)
        self.warnings.append(message)

    def _disable(self, message: str) -> None:
        self._warn(message + "; the run goes on without caching")
        self._writable = False

    def get(self, key: str) -> Extraction | None:
        """Return the cached extraction for a key, or None (a corrupt entry counts as none)."""
        with self._lock:
            if self._db is None:
                return None
            try:
                row = self._db.execute(
                    "SELECT value FROM extractions WHERE key = ?", (key,)
                ).fetchone()
            except sqlite3.Error as err:
                self._close_quietly(self._db)
                self._db = None
                self._disable(f"cannot read the cache {self.path} ({_why(err)})")
                return None
        if row is None:
            return None
        try:
            return Extraction.model_validate_json(row[0])
        except ValueError:
            log.warning("ignoring an unreadable cache entry %s", key[:12])
            return None

    def put(self, key: str, extraction: Extraction) -> None:
        """Store one extraction, committed at once so a killed run keeps it.

        A failed write (a full disk, a read-only file) is warned about once and the run goes on.
        """
        with self._lock:
            if self._db is None or not self._writable:
                return
            try:
                self._db.execute(
                    "INSERT OR REPLACE INTO extractions (key, value) VALUES (?, ?)",
                    (key, extraction.model_dump_json()),
                )
                self._db.commit()
            except sqlite3.Error as err:
                with contextlib.suppress(sqlite3.Error):
                    self._db.rollback()
                self._disable(f"cannot write the cache {self.path} ({_why(err)})")

    def close(self) -> None:
        """Close the database (a failure to close is logged, never raised)."""
        with self._lock:
            if self._db is not None:
                self._close_quietly(self._db)
                self._db = None

    def _close_quietly(self, db: sqlite3.Connection) -> None:
        try:
            db.close()
        except sqlite3.Error as err:
            log.warning("closing the cache %s: %s", self.path, _why(err))


def _check(db: sqlite3.Connection) -> None:
    """Raise :class:`sqlite3.DatabaseError` when the file is not a sound SQLite database."""
    rows = db.execute("PRAGMA quick_check").fetchall()
    problems = [str(row[0]) for row in rows if row and row[0] != "ok"]
    if problems:
        raise sqlite3.DatabaseError(f"database disk image is malformed ({problems[0][:120]})")


def _is_corruption(error: sqlite3.Error) -> bool:
    name = getattr(error, "sqlite_errorname", None)
    if name is not None:
        return str(name).startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
    if isinstance(error, sqlite3.OperationalError):
        return False  # cannot open, read-only, locked, disk full: the file itself is fine
    text = str(error).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def _why(error: BaseException) -> str:
    if isinstance(error, OSError):
        return error.strerror or type(error).__name__
    return " ".join(str(error).split())[:200] or type(error).__name__
