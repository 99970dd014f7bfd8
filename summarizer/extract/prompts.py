"""The messages of a chunk request: the article as numbered sentences, each candidate mention
listed under its sentence with its words, clause and normalized value."""

from __future__ import annotations

from string import Template

from summarizer.clean import clause_around
from summarizer.extract.picks import Sentence, mentions_in
from summarizer.extract.roles import Role
from summarizer.extract.schema import MAX_EVENTS
from summarizer.models import CleanArticle, Mention
from summarizer.prompts_io import prompt_template


def system_prompt() -> str:
    return Template(prompt_template("extract_system.md")).substitute(
        example=prompt_template("extract_example.md").strip()
    )


def answer_budget(mentions: int, sentences: int) -> int:
    return min(6000, 400 + 70 * mentions + 90 * min(sentences, MAX_EVENTS))


def user_prompt(
    clean: CleanArticle,
    chunk: list[Sentence],
    mentions: list[Mention],
    roles: dict[str, Role],
    published: str | None,
) -> str:
    lines = []
    for sentence in chunk:
        number, start, end = sentence
        lines.append(f"[S{number}] {clean.text[start:end]}")
        lines.extend(
            f"    {_describe(m, clean.text)} → {roles[m.id]}"
            for m in mentions_in(sentence, mentions)
            if m.id in roles
        )
    return Template(prompt_template("extract_user.md")).substitute(
        article_id=clean.article.id,
        published=published or "unknown",
        sentences="\n".join(lines),
    )


def _describe(mention: Mention, text: str) -> str:
    """One candidate line: id, exact words, the clause around them, and the normalized value."""
    words = f"«{mention.text}»"
    clause = clause_around(text, mention.start, mention.end, max_words=14)
    if clause != mention.text.strip():
        words += f" in «{clause}»"
    if mention.kind == "date":
        value = mention.date or "no date given"
        cue = f", {mention.qualifier}" if mention.qualifier else ""
        return f"{mention.id} date {words} = {value}{cue}"
    approx = "" if mention.approx == "exact" else f"{mention.approx} "
    value = f"{mention.value:g}" if mention.value is not None else "?"
    if mention.value_max is not None:
        value = f"{value}-{mention.value_max:g}"
    unit = f" {mention.unit}" if mention.unit else ""
    return f"{mention.id} number {words} = {approx}{value}{unit}"
