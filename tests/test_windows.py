"""The short-request path (small local models): which windows go to the model, at the HTTP
boundary (a loopback OpenAI-compatible server answering every request)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fake_llm import FakeLLM

from summarizer.backend import BackendChoice, Capabilities
from summarizer.compose import facts_from_picks
from summarizer.extract import LABELS_PER_ARTICLE, NARROW_WORDS, extract_article
from summarizer.llm import LLM
from summarizer.models import Article, CleanArticle, Extraction
from summarizer.normalize import find_mentions

# Invented: a deadline and a figure in one long sentence, then a sentence with only a verb.
TEXT = (
    "وقالت البلدية في بيان مطول صدر عنها إن أعمال الصيانة الكبرى في الجسر القديم "
    "وسط المدينة ستنتهي بحلول 15 أيلول 2031 بعد تأخير طويل بسبب نقص المواد التي "
    "بلغت كلفتها الإجمالية نحو 40 مليون دينار. "
    "وأعلن المجلس البلدي تشكيل لجنة جديدة لمتابعة المشاريع المتأخرة في الأحياء الشرقية."
)


# A small model behind an endpoint (a llama.cpp server): best asked one short question per value.
SHORT_REQUESTS = Capabilities(
    short_requests=True, in_process=False, max_in_flight=None, structured_mode="json_schema"
)


def _asked(request: dict[str, Any]) -> str:
    return str([m for m in request["messages"] if m["role"] == "user"][-1]["content"])


def _arabic_words(asked: str) -> int:
    return len(re.findall(r"[\u0621-\u064A]+", asked))


def _extract(text: str, label: str) -> tuple[Extraction, list[Any], list[dict[str, Any]]]:
    """The extraction and the figure lines of ``text`` when the model answers every request
    with ``label`` (plain text, as a label request asks), and the requests it was sent."""
    fake = FakeLLM(responder=lambda request: label).start()
    try:
        choice = BackendChoice(
            kind="endpoint", model="m", base_url=fake.url, reason="test", api_key="sk-test-0",
            declared=SHORT_REQUESTS,
        )
        clean = CleanArticle(article=Article(id="a", text=text), text=text)
        mentions = find_mentions(text, "2031-01-10")
        extraction, _ = extract_article(clean, mentions, LLM(choice), published="2031-01-10")
    finally:
        fake.stop()
    facts = facts_from_picks(clean, extraction, mentions, "2031-01-10")
    return extraction, facts.figures, fake.requests


def test_only_a_values_narrow_window_is_asked_not_a_date_nor_a_verb_sentence() -> None:
    extraction, _, requests = _extract(TEXT, "unrelated words")
    asked = [_asked(r) for r in requests]
    assert len(asked) == 1 and "40,000,000" in asked[0]
    assert _arabic_words(asked[0]) <= NARROW_WORDS < _arabic_words(TEXT.split(".")[0])
    # The refused value and the unasked date keep their plain lines' picks (whole windows);
    # the verb sentence is left to the rules of attribution.
    assert sorted(p.kind for p in extraction.picks) == ["deadline", "figure"]
    assert all(p.what_ar in TEXT.split(".")[0] and not p.what_en for p in extraction.picks)


def test_a_values_label_is_asked_as_plain_text_and_leads_its_key_words() -> None:
    _, figures, requests = _extract(TEXT, "total cost")
    (request,) = requests
    assert "response_format" not in request and "tools" not in request
    assert request["stop"] == ["\n"] and request["max_tokens"] <= 32
    assert "«about 40,000,000 dinar»" in _asked(request)
    (figure,) = figures
    assert figure.value == 40_000_000
    assert "(total cost" in figure.text.en


@pytest.mark.parametrize(
    "label",
    [
        "total cost of the new airport",  # a thing the passage does not name
        "cost of 12 bridges",  # a number of the model's own
        "the cost that the municipality said in its long statement was paid for the materials",
        "no cost",  # a negation the passage does not hold
    ],
)
def test_a_label_the_passage_does_not_support_is_left_out(label: str) -> None:
    _, figures, _ = _extract(TEXT, label)
    (figure,) = figures
    assert figure.value == 40_000_000
    assert label not in figure.text.en and "airport" not in figure.text.en


def test_only_the_first_values_of_an_article_are_labelled() -> None:
    # Invented: more values than an article's label budget, one per sentence.
    amounts = [11, 22, 33, 44, 55, 66, 77, 88]
    text = " ".join(f"وبلغت كلفة المرحلة نحو {n} مليون دينار." for n in amounts)
    extraction, _, requests = _extract(text, "cost of the phase")
    asked = [_asked(r) for r in requests]
    assert len(asked) == LABELS_PER_ARTICLE < len(amounts)
    assert [f"{n},000,000" in a for n, a in zip(amounts, asked, strict=False)] == [True] * 6
    # Every value still has its line; the first ones also have the model's label.
    figures = [p for p in extraction.picks if p.kind == "figure"]
    assert len({p.mention_id for p in figures}) == len(amounts)
    assert sum(bool(p.what_en) for p in figures) == LABELS_PER_ARTICLE
