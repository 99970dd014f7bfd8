"""The small error hierarchy of summarizer. The CLI turns each into one line and an exit code."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from summarizer.models import Usage


class SummarizerError(Exception):
    """Base of every error summarizer raises on purpose."""

    exit_code = 1
    usage: Usage | None = None  # model usage spent before the error, when there was any


class UsageError(SummarizerError):
    """The user asked for something that cannot be done (bad path, bad option)."""

    exit_code = 2


class BadArgument(UsageError, ValueError):
    """A library call got a value it cannot use (``to_markdown(lang="fr")``); also a ValueError."""


class OutputError(SummarizerError):
    """The brief could not be written where asked; the message names where it was saved instead."""

    exit_code = 5


class ConfigurationError(SummarizerError):
    """The backend is not set up: missing extra, bad endpoint settings, refused key."""

    exit_code = 2


class InputError(SummarizerError):
    """One input file could not be read; names the file and the problem."""

    exit_code = 2

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.problem = problem
        self.line = line


class ExtractionError(SummarizerError):
    """One article could not be summarized (after retries); the batch goes on without it."""

    exit_code = 1


class ModelRefused(ExtractionError):
    """The model declined to answer (``message.refusal`` or a content filter); not retried."""


class AnswerTruncated(ExtractionError):
    """The answer was cut off at the token limit (``finish_reason=length``), also with more room."""


class DeadlineExceeded(ExtractionError):
    """The per-article deadline passed before the article could be summarized."""


class EndpointUnavailable(SummarizerError):
    """The model endpoint is down or refuses us: no point in trying the other articles."""

    exit_code = 1


class Cancelled(SummarizerError):
    """The run was interrupted (Ctrl-C): requests not yet sent are not sent."""

    exit_code = 130


class NothingSummarized(SummarizerError):
    """Every article failed."""

    exit_code = 1
