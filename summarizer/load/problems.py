"""Load problems: reported once (logged and listed), and names and text safe to show."""

from __future__ import annotations

import logging

from summarizer.errors import InputError
from summarizer.load.formats import SURROGATE
from summarizer.models import LoadProblem, Severity

log = logging.getLogger(__name__)


class Deferred(list[LoadProblem]):
    """Problems that :func:`report_problem` does not log yet (the file may still be read again)."""


def replace_surrogates(text: str) -> str:
    """``text`` with each unpaired UTF-16 surrogate replaced by U+FFFD (it cannot be encoded)."""
    return SURROGATE.sub("\ufffd", text)


def has_surrogates(text: str | None) -> bool:
    """Whether ``text`` holds an unpaired UTF-16 surrogate (only JSON escapes can make one)."""
    return bool(text) and SURROGATE.search(text or "") is not None


def shown(name: str) -> str:
    """A file name (or a name made from one) that any UTF-8 sink can write: bytes that are not
    UTF-8 (kept by Python as surrogate escapes) are shown as ``\\xff``."""
    if not SURROGATE.search(name):
        return name
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return replace_surrogates(name)


def report_problem(problems: list[LoadProblem], err: InputError, severity: Severity) -> None:
    path, reason = shown(err.path), shown(err.problem)
    problem = LoadProblem(path=path, reason=reason, line=err.line, severity=severity)
    if not isinstance(problems, Deferred):
        log_problem(problem)
    problems.append(problem)


def log_problem(problem: LoadProblem) -> None:
    where = f"{problem.path}:{problem.line}" if problem.line is not None else problem.path
    log.warning("%s: %s", where, problem.reason)


def os_reason(error: OSError) -> str:
    return error.strerror or type(error).__name__
