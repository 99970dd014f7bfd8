"""A content-addressed cache of extractions (SQLite in WAL mode; each entry committed on its own).

A key covers the cleaned article text, the backend and model, the prompt version and the schema
version, so a prompt change invalidates old entries. No API key or endpoint secret is stored.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
from pathlib import Path

import platformdirs

from summarizer.models import SCHEMA_VERSION, Extraction

log = logging.getLogger(__name__)


def default_cache_dir() -> Path:
    """Return the user cache folder of summarizer."""
    return Path(platformdirs.user_cache_dir("summarizer"))


def cache_key(text: str, model: str, backend: str, prompt_version: str, variant: str = "") -> str:
    """Return the content address of one extraction."""
    payload = json.dumps([text, model, backend, prompt_version, SCHEMA_VERSION, variant])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class ExtractionCache:
    """Extractions by content address; safe to share between threads and processes."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "extractions.sqlite3"
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS extractions (key TEXT PRIMARY KEY, value TEXT NOT NULL,"
            " created TEXT DEFAULT CURRENT_TIMESTAMP)"
        )
        self._db.commit()

    def get(self, key: str) -> Extraction | None:
        """Return the cached extraction for a key, or None (a corrupt entry counts as none)."""
        with self._lock:
            row = self._db.execute("SELECT value FROM extractions WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return Extraction.model_validate_json(row[0])
        except ValueError:
            log.warning("ignoring an unreadable cache entry %s", key[:12])
            return None

    def put(self, key: str, extraction: Extraction) -> None:
        """Store one extraction, committed at once so a killed run keeps it."""
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO extractions (key, value) VALUES (?, ?)",
                (key, extraction.model_dump_json()),
            )
            self._db.commit()

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()
