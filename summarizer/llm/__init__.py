"""The one seam to a language model: any OpenAI-compatible endpoint, or the embedded local model.

Transport faults (429 with Retry-After, 5xx, timeouts, dropped connections, bodies that are not a
completion) are retried here with tenacity: exponential backoff with jitter, an attempt cap and a
per-article deadline. Answers that fail validation are sent back to the model by instructor
(reask), a bounded number of times; an answer cut off at the token limit is asked again once with
more room; a refusal is not retried. Every failure ends as one :class:`SummarizerError` with a
one-line reason that never holds the API key. An endpoint that cannot be reached at all, or that
refuses the key, stops the other requests of the run at once (:meth:`LLM.abort`).

Every request takes a slot of one :class:`~summarizer.limiter.AdaptiveLimiter` shared by the run,
and is bounded as a whole (headers and body) by ``timeout`` and the article's deadline, so a
server that drips its answer cannot hold an article. Whatever the server sends back is distrusted:
the API key is masked out of every model-written string before instructor validates it, and a
``usage`` block that is not counts of tokens is treated as unknown.

One module a job: ``client`` (:class:`LLM`), ``transport`` (retries, deadlines, the shared
limit), ``faults`` (which faults are retried, and their one-line reasons), ``secrets`` (the key
masked in logs and answers), ``usage`` (requests and tokens), ``guard`` (an answer may not
repeat the instructions) and ``answers`` (the Batch API's requests and their validation).
"""

from summarizer.backend import DEFAULT_REMOTE_MODEL as DEFAULT_REMOTE_MODEL
from summarizer.backend import BackendChoice as BackendChoice
from summarizer.backend import BackendKind as BackendKind
from summarizer.backend import Capabilities as Capabilities
from summarizer.backend import check_base_url as check_base_url
from summarizer.backend import choose_backend as choose_backend
from summarizer.backend import safe_url as safe_url
from summarizer.llm.answers import tool_request_body, validate_answer
from summarizer.llm.client import LLM, MODES
from summarizer.llm.guard import (
    GUARD_KEY,
    LEAK_TERMS,
    LEAK_WORDS,
    MIN_TERM_LETTERS,
    SPAN_WORDS,
    WINDOW_WORDS,
    PromptGuard,
    prompt_guard,
    repeats_instructions,
)
from summarizer.llm.secrets import KEY_MASK, mask_key, without_key
from summarizer.llm.transport import RetryPolicy
from summarizer.llm.usage import MAX_TOKENS_REPORTED, UsageMeter, token_count

__all__ = [
    "DEFAULT_REMOTE_MODEL",
    "GUARD_KEY",
    "KEY_MASK",
    "LEAK_TERMS",
    "LEAK_WORDS",
    "LLM",
    "MAX_TOKENS_REPORTED",
    "MIN_TERM_LETTERS",
    "MODES",
    "SPAN_WORDS",
    "WINDOW_WORDS",
    "BackendChoice",
    "BackendKind",
    "Capabilities",
    "PromptGuard",
    "RetryPolicy",
    "UsageMeter",
    "check_base_url",
    "choose_backend",
    "mask_key",
    "prompt_guard",
    "repeats_instructions",
    "safe_url",
    "token_count",
    "tool_request_body",
    "validate_answer",
    "without_key",
]
