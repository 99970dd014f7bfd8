"""Render a ``Brief`` as Markdown, JSON or one self-contained HTML page.

Markdown gives an English brief followed by an Arabic one (right-to-left block). HTML puts both
languages side by side, draws the deadlines on an SVG timeline and opens the full article text
with the cited quote highlighted when a source chip is clicked. Only the standard library is used.

One module a job: ``markdown``, ``as_json`` and ``page`` (with ``columns``, ``timeline`` and
``documents``) render; ``common`` holds what they share; ``i18n`` reads the UI words from
``words/<lang>.json``, and ``assets`` the page's template, stylesheet and script from
``static/``.
"""

from summarizer.render.as_json import render_json, render_json_chunks
from summarizer.render.common import dispute_speaker, said_by_words, sorted_deadlines, story_items
from summarizer.render.i18n import Lang, UnknownWord, words
from summarizer.render.markdown import LangChoice, render_markdown
from summarizer.render.page import render_html, render_html_chunks
from summarizer.render.timeline import timeline_svg

__all__ = [
    "Lang",
    "LangChoice",
    "UnknownWord",
    "dispute_speaker",
    "render_html",
    "render_html_chunks",
    "render_json",
    "render_json_chunks",
    "render_markdown",
    "said_by_words",
    "sorted_deadlines",
    "story_items",
    "timeline_svg",
    "words",
]
