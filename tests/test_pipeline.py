"""The whole pipeline over HTTP against the loopback server: batch, reask, faults, cache, CLI."""

from __future__ import annotations

import json
import re
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from fake_llm import FakeLLM, Reply, grounded_responder
from helpers import run_cli as _cli
from pydantic import ValidationError

from summarizer import Brief, load_articles, summarize_batch
from summarizer.errors import ConfigurationError
from summarizer.extract import ENGLISH_ONLY, response_model
from summarizer.gloss import lexicon
from summarizer.llm import RetryPolicy
from summarizer.schemas import schema_texts

ARTICLE = (
    "أعلنت الحكومة العراقية، أمس، أن المهمة العسكرية للتحالف الدولي ستنتهي بحلول أيلول 2025.\n"
    "وقال مسؤول إن نحو 2500 جندي أميركي ما زالوا في العراق.\n"
)
FAST = RetryPolicy(max_attempts=4, deadline_s=20, base_wait_s=0.01, max_wait_s=0.05)


def _one_article(tmp_path: Path, text: str = ARTICLE, name: str = "a1") -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _run(fake: FakeLLM, paths: Path, tmp_path: Path, **kwargs: object) -> Brief:
    options: dict[str, object] = {
        "base_url": fake.url,
        "model": "test-model",
        "cache_dir": tmp_path / "cache",
        "policy": FAST,
    }
    options.update(kwargs)
    return summarize_batch(load_articles(paths), **options)  # type: ignore[arg-type]


def _bad_quote_answer() -> dict[str, object]:
    return {
        "mentions": {
            "M2": {"about_en": "the mission ends", "place_en": "Iraq", "about_ar": "انتهاء المهمة",
                   "quote": "this sentence is not in the article"},
            "M3": {"about_en": "US troops", "place_en": "Iraq", "about_ar": "جنود"},
        },
        "events": [],
    }  # fmt: skip


def test_full_batch_of_seeds_matches_the_contract(fake_llm: FakeLLM, tmp_path: Path) -> None:
    brief = _run(fake_llm, SEEDS, tmp_path)
    assert [a.status for a in brief.articles] == ["ok"] * 5
    assert len(fake_llm.requests) >= 5
    assert brief.deadlines and brief.figures and brief.events
    for item in [*brief.deadlines, *brief.figures, *brief.events]:
        assert item.text.en and item.text.ar
        for source in item.sources:
            text = brief.texts[source.article_id]
            assert text[source.start : source.end] == source.quote
    data = json.loads(brief.to_json())
    assert set(data) >= {
        "articles",
        "deadlines",
        "figures",
        "events",
        "conflicts",
        "summary",
        "meta",
    }
    assert data["meta"]["usage"]["requests"] == len(fake_llm.requests)
    assert data["meta"]["prompt_version"] and data["meta"]["schema_version"]


def test_dates_and_values_come_from_the_normalizer(fake_llm: FakeLLM, tmp_path: Path) -> None:
    brief = _run(fake_llm, _one_article(tmp_path), tmp_path)
    assert [d.date for d in brief.deadlines] == ["2025-09"]
    assert brief.deadlines[0].qualifier == "by"
    assert "September 2025" in brief.deadlines[0].text.en
    assert [(f.value, f.unit, f.approx) for f in brief.figures] == [(2500, "troops", "about")]


def test_invalid_answer_is_sent_back_once(fake_llm: FakeLLM, tmp_path: Path) -> None:
    fake_llm.queue(Reply(answer=_bad_quote_answer()))
    brief = _run(fake_llm, _one_article(tmp_path), tmp_path)
    assert len(fake_llm.requests) == 2
    assert brief.articles[0].status == "ok"
    reask = json.dumps(fake_llm.requests[1]["messages"], ensure_ascii=False)
    assert "not in the article" in reask


def test_quote_not_in_article_is_rejected_every_time(fake_llm: FakeLLM, tmp_path: Path) -> None:
    fake_llm.responder = lambda request: _bad_quote_answer()
    brief = _run(fake_llm, _one_article(tmp_path), tmp_path)
    assert len(fake_llm.requests) == FAST.reasks + 1
    assert brief.articles[0].status == "failed"
    assert "validation" in (brief.articles[0].error or "")
    assert brief.articles[0].usage.requests == brief.meta.usage.requests == FAST.reasks + 1


def test_server_error_then_success(fake_llm: FakeLLM, tmp_path: Path) -> None:
    fake_llm.queue(Reply(status=500))
    brief = _run(fake_llm, _one_article(tmp_path), tmp_path)
    assert len(fake_llm.requests) == 2
    assert brief.articles[0].status == "ok"
    assert brief.meta.usage.requests == 2


def test_rate_limit_honours_retry_after(fake_llm: FakeLLM, tmp_path: Path) -> None:
    fake_llm.queue(Reply(status=429, headers={"retry-after": "0.3"}))
    policy = RetryPolicy(max_attempts=3, deadline_s=20, base_wait_s=0.01, max_wait_s=5)
    brief = _run(fake_llm, _one_article(tmp_path), tmp_path, policy=policy)
    assert brief.articles[0].status == "ok"
    assert brief.meta.seconds >= 0.3


def test_refused_key_is_a_configuration_error(fake_llm: FakeLLM, tmp_path: Path) -> None:
    fake_llm.queue(Reply(status=401))
    with pytest.raises(ConfigurationError, match="refused the API key"):
        _run(fake_llm, _one_article(tmp_path), tmp_path, api_key="sk-test")
    assert len(fake_llm.requests) == 1


def test_second_run_is_served_from_cache(fake_llm: FakeLLM, tmp_path: Path) -> None:
    folder = _one_article(tmp_path)
    _run(fake_llm, folder, tmp_path)
    first = len(fake_llm.requests)
    brief = _run(fake_llm, folder, tmp_path)
    assert len(fake_llm.requests) == first
    assert brief.articles[0].cached


def test_the_same_text_with_another_publication_date_is_asked_again(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    # The publication date decides which dates are candidates and as what (a deadline, an
    # event): an answer about the undated text is no answer about the dated one.
    folder = tmp_path / "in"
    folder.mkdir()
    record = {"id": "a1", "text": ARTICLE}
    (folder / "a1.json").write_text(json.dumps(record), encoding="utf-8")
    _run(fake_llm, folder, tmp_path)
    first = len(fake_llm.requests)
    assert first > 0
    dated = {**record, "published": "2025-03-12"}
    (folder / "a1.json").write_text(json.dumps(dated), encoding="utf-8")
    brief = _run(fake_llm, folder, tmp_path)
    assert len(fake_llm.requests) > first and not brief.articles[0].cached
    again = _run(fake_llm, folder, tmp_path)  # the dated text's own answer is kept
    assert again.articles[0].cached


def test_prompt_sends_the_real_mention_ids_as_an_enum(fake_llm: FakeLLM, tmp_path: Path) -> None:
    _run(fake_llm, _one_article(tmp_path), tmp_path)
    tools = fake_llm.requests[0]["tools"]
    schema = json.dumps(tools[0]["function"]["parameters"])
    assert '"M1"' in schema or '"M2"' in schema
    assert json.dumps(ENGLISH_ONLY) in schema  # English fields admit no Arabic letters
    assert not re.match(ENGLISH_ONLY, "القوات") and not re.match(ENGLISH_ONLY, 'a "quote"')


def test_one_failed_article_does_not_cost_the_batch(fake_llm: FakeLLM, tmp_path: Path) -> None:
    folder = _one_article(tmp_path)
    (folder / "b2.txt").write_text(ARTICLE.replace("2500", "900"), encoding="utf-8")
    calls = {"n": 0}

    def flaky(request: dict[str, object]) -> dict[str, object]:
        calls["n"] += 1
        prompt = json.dumps(request["messages"], ensure_ascii=False)
        return _bad_quote_answer() if "a1" in prompt else grounded_responder(request)  # type: ignore[arg-type]

    fake_llm.responder = flaky
    brief = _run(fake_llm, folder, tmp_path, concurrency=1)
    assert {a.id: a.status for a in brief.articles} == {"a1": "failed", "b2": "ok"}
    assert brief.figures and all(s.article_id == "b2" for f in brief.figures for s in f.sources)


def test_schemas_are_in_sync_with_the_models() -> None:
    for name, text in schema_texts().items():
        path = ROOT / "schemas" / name
        assert path.exists(), f"missing {path}: run `summarizer schemas`"
        assert path.read_text(encoding="utf-8") == text, f"{path} drifted: run `summarizer schemas`"


def test_cli_writes_a_json_brief(fake_llm: FakeLLM, tmp_path: Path) -> None:
    out = tmp_path / "brief.json"
    result = _cli(
        "brief", str(SEEDS), "--format", "json", "--output", str(out), "--base-url", fake_llm.url,
        "--model", "test-model", "--cache-dir", str(tmp_path / "c"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    brief = Brief.model_validate_json(out.read_text(encoding="utf-8"))
    assert len(brief.articles) == 5
    assert "5/5 articles" in result.stderr


def test_cli_markdown_to_stdout(fake_llm: FakeLLM, tmp_path: Path) -> None:
    result = _cli(
        "brief", str(_one_article(tmp_path)), "--base-url", fake_llm.url, "--no-cache",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "September 2025" in result.stdout
    assert 'dir="rtl"' in result.stdout


def test_cli_missing_path_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = _cli("brief", str(tmp_path / "nope"), "--base-url", "http://127.0.0.1:9/v1")
    assert result.returncode == 2
    assert "no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_partial_failure_exits_3(fake_llm: FakeLLM, tmp_path: Path) -> None:
    folder = _one_article(tmp_path)
    (folder / "broken.jsonl").write_text(
        '{"id": "j1", "text": "نص"}\n{not json\n', encoding="utf-8"
    )
    result = _cli("brief", str(folder), "--base-url", fake_llm.url, "--no-cache", "-f", "json")
    assert result.returncode == 3, result.stderr
    assert "broken.jsonl:2" in result.stderr


def test_api_key_never_leaks(fake_llm: FakeLLM, tmp_path: Path) -> None:
    key = "sk-SECRET-canary-1234567890"
    fake_llm.queue(Reply(status=500), Reply(status=401))
    out = tmp_path / "b.json"
    result = _cli(
        "brief", str(_one_article(tmp_path)), "--base-url", fake_llm.url, "-v", "-o", str(out),
        "--cache-dir", str(tmp_path / "c"), env={"OPENAI_API_KEY": key},
    )  # fmt: skip
    assert result.returncode == 2
    assert fake_llm.headers[0]["authorization"] == f"Bearer {key}"
    assert key not in result.stderr + result.stdout
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert key.encode() not in path.read_bytes(), path


@pytest.mark.parametrize(
    "template",
    ["{{ secret }} و{# تعليق #}", "{% raw %}{{ x }}{% endraw %}", "{%- endraw -%} {% if %}"],
)
def test_braces_in_an_article_are_text_not_a_template(
    template: str, fake_llm: FakeLLM, tmp_path: Path
) -> None:
    text = ARTICLE + f"وكتب مستخدم {template} في منشور.\n"
    brief = _run(fake_llm, _one_article(tmp_path, text), tmp_path)
    assert brief.articles[0].status == "ok", brief.articles[0].error
    sent = fake_llm.requests[0]["messages"][-1]["content"]
    assert f"وكتب مستخدم {template} في منشور." in sent


def test_chunks_of_a_long_article_are_sent_at_once(fake_llm: FakeLLM, tmp_path: Path) -> None:
    lock = threading.Lock()
    state = {"now": 0, "most": 0}

    def slow(request: dict[str, object]) -> dict[str, object]:
        with lock:
            state["now"] += 1
            state["most"] = max(state["most"], state["now"])
        time.sleep(0.3)
        with lock:
            state["now"] -= 1
        return grounded_responder(request)  # type: ignore[arg-type]

    fake_llm.responder = slow
    sentence = (
        "وقال مسؤول إن نحو 2500 جندي أميركي ما زالوا في العراق حتى الآن وفق بيان رسمي صدر أمس.\n"
    )
    # one article; the ceiling of requests in flight (articles and chunks share it) leaves room
    brief = _run(fake_llm, _one_article(tmp_path, sentence * 400), tmp_path, concurrency=4)
    assert brief.articles[0].status == "ok"
    assert len(fake_llm.requests) >= 3  # the article was split into chunks
    assert state["most"] >= 2  # and its chunks were in flight together


def test_a_long_article_that_fails_resumes_from_its_answered_chunks(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    lines = [
        f"وقال مسؤول إن نحو {2500 + i} جندي أميركي ما زالوا في العراق وفق بيان رسمي صدر أمس.\n"
        for i in range(400)
    ]
    folder = _one_article(tmp_path, "".join(lines))
    # the chunk holding the last sentence fails every time: the article fails
    last = lines[-1].strip()
    fake_llm.queue_for(last, *[Reply(status=500) for _ in range(20)])
    first = _run(fake_llm, folder, tmp_path, concurrency=1)
    assert first.articles[0].status == "failed"
    answered = len(fake_llm.requests) - len(fake_llm.requests_for(last))
    assert answered >= 2  # other chunks were answered before it failed
    fake_llm.requests.clear()
    fake_llm.routed.clear()
    again = _run(fake_llm, folder, tmp_path, concurrency=1)
    assert again.articles[0].status == "ok"
    # only the failed chunk is asked again; the answered ones come from the cache
    assert len(fake_llm.requests) == 1
    assert last in json.dumps(fake_llm.requests[0], ensure_ascii=False)


@pytest.mark.skipif(lexicon() is None, reason="the lexicon extra is not installed")
def test_a_refused_line_keeps_the_words_next_to_its_value(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    # The server describes the figure as "US troops in Iraq": no word of the quote means it,
    # so the line is plain, with no place the quote does not name, and its key words are the
    # lexicon's English for the words beside the value, and the date of its clause, once.
    text = "وارتفع سعر الخبز في الأسواق إلى 5 جنيهات للرغيف خلال شهر آذار.\n"
    folder = _one_article(tmp_path, text)
    (folder / "a1.txt").rename(folder / "a1.json")
    (folder / "a1.json").write_text(
        json.dumps({"id": "a1", "text": text, "published": "2025-05-02"}), encoding="utf-8"
    )
    brief = _run(fake_llm, folder, tmp_path)
    [figure] = brief.figures
    assert figure.value == 5 and figure.unit == "EGP"
    line = figure.text.en
    assert "troops" not in line and "Iraq" not in line and figure.place is None
    assert line.count("March") == 1
    assert line.startswith("5 EGP (")
    assert {"bread", "loaf", "March"} <= set(re.findall(r"\w+", line)), line


def test_a_plain_line_never_states_a_denied_figure(fake_llm: FakeLLM, tmp_path: Path) -> None:
    # "US troops in Iraq" is refused; a plain "40 people" would state what the ministry denies.
    text = "ونفت الوزارة مقتل 40 شخصا في القصف، وقالت إن 3 أشخاص أصيبوا بجروح.\n"
    brief = _run(fake_llm, _one_article(tmp_path, text), tmp_path)
    values = {figure.value for figure in brief.figures}
    assert 40 not in values and 3 in values


def test_a_statement_the_model_left_out_is_an_event_of_who_and_when(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    # The server reports no event; the sentence names its speaker with a past reporting verb
    # and the day of the statement: the event says who and when, and nothing it would guess.
    fake_llm.responder = lambda request: {**grounded_responder(request), "events": []}
    text = "وأعلنت وزارة الصحة، أمس، عن خطة لتطعيم الأطفال في المدارس قبل أن تنتهي في أيار.\n"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a1.json").write_text(
        json.dumps({"id": "a1", "text": text, "published": "2025-03-12"}), encoding="utf-8"
    )
    brief = _run(fake_llm, folder, tmp_path)
    [event] = brief.events
    # May is when what was announced ends: a key word of it, not the statement's date
    assert event.text.en == "The health ministry announced (plan, vaccination, children, May)"
    assert event.date == "2025-03-11"  # «أمس», not the May of what was announced
    assert event.said_by is not None and event.said_by.ar == "وزارة الصحة"
    assert event.text.ar.startswith("وأعلنت وزارة الصحة")


def test_a_model_event_that_does_not_name_who_gives_way_to_the_rule_line(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    # The server's event is faithful words of the sentence but says nothing of who acted; the
    # rule knows the subject and the verb: one event, "The government decided", no speaker
    # (the government did something; it said nothing).
    event = {"sentence": "S1", "about_en": "Schools", "place_en": "Capital", "about_ar": "المدارس"}
    fake_llm.responder = lambda request: {**grounded_responder(request), "events": [event]}
    text = "وقررت الحكومة إغلاق المدارس في العاصمة بسبب العاصفة الثلجية.\n"
    brief = _run(fake_llm, _one_article(tmp_path, text), tmp_path)
    [found] = brief.events
    assert found.text.en == "The government decided (closing, schools, capital city)"
    assert found.said_by is None
    assert found.text.ar.startswith("وقررت الحكومة")


def test_a_quote_is_never_passed_unchecked() -> None:
    model = response_model({"M1": "figure"}, ["S1"])
    described = {"about_en": "price of bread", "place_en": "Cairo", "about_ar": "سعر الخبز"}
    answer = {"mentions": {"M1": {**described, "quote": "ارتفع سعر الخبز"}}, "events": []}
    with pytest.raises(ValidationError, match="no article"):
        model.model_validate(answer)
    with pytest.raises(ValidationError, match="not in the article"):
        model.model_validate(answer, context={"text": "نص آخر لا يذكر الخبز"})
    assert model.model_validate(answer, context={"text": "وقد ارتفع سعر الخبز أمس"})
