"""What the loader reads: file kinds by suffix, and the limits on one article."""

from __future__ import annotations

import re

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
LINE_SUFFIXES = {".jsonl", ".ndjson"}  # read a line at a time: no limit on the file's size
MAX_ARTICLE_BYTES = 20_000_000  # a file, or one line of a JSON Lines file
PEEK_BYTES = 4096
METADATA_FIELDS = ("title", "url", "published", "source")
# Text that is valid UTF-8 but for a few bytes is UTF-8 with damage, not another encoding:
# Windows-1256 Arabic read as UTF-8 gives almost no valid multi-byte characters.
UTF8_VALID_PER_BAD = 20
# JSON can spell a lone UTF-16 surrogate (\\ud800) that no UTF-8 file, request or cache can hold.
SURROGATE = re.compile("[\ud800-\udfff]")
