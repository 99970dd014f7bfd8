"""The render package's data files: the UI words of both languages and the page's assets.

The words are read from ``summarizer/render/words/<lang>.json``; the code asks for them as
``w["key"]`` (``w``, ``en`` or ``ar`` bound to ``words(lang)``), as ``words(lang)["key"]``, or
through the few computed keys checked below.
"""

from __future__ import annotations

import ast
import string
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import get_args

import pytest
from test_render import empty_brief, make_brief

import summarizer.render
from summarizer.models import ArticleReport, Bilingual, Brief, Conflict, ConflictValue, NextItem
from summarizer.render import (
    UnknownWord,
    render_html,
    render_json,
    render_markdown,
    words,
)
from summarizer.render.assets import csp, page_parts, script, stylesheet
from summarizer.render.i18n import parse_words

PACKAGE = Path(summarizer.render.__file__).parent
WORD_TABLES = ("w", "en", "ar")  # the names the render code binds words(lang) to


def _asked(tree: ast.AST) -> set[str]:
    """Keys asked for literally (``w["key"]``, ``words(lang)["key"]``) and the section keys
    passed to ``_section`` (which asks for ``key`` and ``"no_" + key``)."""
    keys: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            table = node.value
            named = isinstance(table, ast.Name) and table.id in WORD_TABLES
            called = isinstance(table, ast.Call) and getattr(table.func, "id", "") == "words"
            if named or called:
                keys.add(node.slice.value)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_section":
            first = node.args[0]
            assert isinstance(first, ast.Constant)
            keys |= {first.value, f"no_{first.value}"}
    return keys


def _used_keys() -> set[str]:
    keys: set[str] = set()
    for path in PACKAGE.glob("*.py"):
        keys |= _asked(ast.parse(path.read_text(encoding="utf-8")))
    kinds = get_args(Conflict.model_fields["kind"].annotation)
    keys |= {f"conflict_{kind}" for kind in kinds}  # w["conflict_" + conflict.kind]
    keys |= set(get_args(NextItem.model_fields["status"].annotation))  # w[entry.status]
    return keys


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_both_languages_have_the_same_words_none_empty() -> None:
    english, arabic = words("en"), words("ar")
    assert list(english) == list(arabic)  # same keys, in the same order
    for key in english:
        assert english[key].strip() and arabic[key].strip(), key
        assert _fields(english[key]) == _fields(arabic[key]), key  # the same {placeholders}


def test_every_word_the_code_asks_for_exists_and_every_word_is_asked_for() -> None:
    used, known = _used_keys(), set(words("en"))
    assert used - known == set(), "asked for but missing from words/*.json"
    assert known - used == set(), "in words/*.json but never asked for"


def test_an_unknown_word_raises_and_names_the_file() -> None:
    with pytest.raises(UnknownWord, match=r"words/ar\.json"):
        words("ar")["no_such_word"]


def test_a_table_that_is_not_flat_non_empty_text_is_refused() -> None:
    assert parse_words("en", '{"title": "News brief"}')["title"] == "News brief"
    for raw in ('["title"]', '{"title": ""}', '{"title": " "}', '{"title": 3}'):
        with pytest.raises(ValueError, match=r"words/en\.json"):
            parse_words("en", raw)


def _edges() -> Brief:
    """The fixture brief with an undated deadline, a date its sources disagree on, a failed
    article and one with no text, so every note of the page is shown."""
    base = make_brief()
    first = base.deadlines[0]
    undated = first.model_copy(update={"date": None, "when": None, "subject": "undated"})
    clash = Conflict(
        kind="deadline", subject=first.subject, note=Bilingual(en="n", ar="ن"),
        values=[ConflictValue(date="2026-09", sources=first.sources),
                ConflictValue(date="2027", qualifier="by", sources=first.sources)],
    )  # fmt: skip
    return base.model_copy(
        update={
            "deadlines": [*base.deadlines, undated],
            "conflicts": [*base.conflicts, clash],
            "articles": [*base.articles, ArticleReport(id="ghost", title="Ghost")],
        }
    )


@pytest.mark.parametrize("build", [make_brief, empty_brief, _edges])
def test_briefs_render_with_the_words_of_both_files(build: Callable[[], Brief]) -> None:
    brief = build()
    english, arabic = render_markdown(brief, "en"), render_markdown(brief, "ar")
    assert f"# {words('en')['title']}" in english and f"# {words('ar')['title']}" in arabic
    assert render_markdown(brief) == f"{english.rstrip()}\n\n{arabic}"
    page = render_html(brief)
    assert words("en")["timeline"] in page and words("ar")["timeline"] in page
    assert Brief.model_validate_json(render_json(brief)) == brief


def test_edges_show_every_timeline_note() -> None:
    page = render_html(_edges())
    en = words("en")
    assert en["undated_note"].format(n=1) in page and en["disputed_note"] in page
    assert en["no_text"] in page


def test_assets_ship_as_files_and_fill_the_page() -> None:
    static = files("summarizer.render").joinpath("static")
    assert static.joinpath("brief.css").read_text(encoding="utf-8") == stylesheet()
    assert static.joinpath("brief.js").read_text(encoding="utf-8") == script()
    names = [name for _, name in page_parts() if name]
    assert names == [
        "csp", "title", "css", "header", "timeline", "col_en", "col_ar", "footer", "docs",
        "data", "js",
    ]  # fmt: skip
    assert csp() in render_html(empty_brief())
