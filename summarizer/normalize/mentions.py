"""``find_mentions``: every date and number expression of a text, with offsets and values."""

from __future__ import annotations

from summarizer.models import Mention
from summarizer.normalize.context import Ctx, Hit
from summarizer.normalize.dates import parse_date
from summarizer.normalize.numbers import parse_number
from summarizer.normalize.relative import span_ends
from summarizer.normalize.text import normalize
from summarizer.normalize.timeline import parse_published
from summarizer.normalize.units import (
    infection_cases,
    priced_in_list,
    rate_in_list,
    without_age_brackets,
)


def _scan(ctx: Ctx) -> list[Hit]:
    """Left-to-right scan: at each token a date first, then a number; no overlaps."""
    hits: list[Hit] = []
    i = 0
    while i < ctx.n:
        hit = None if ctx.blocked[i] else parse_date(ctx, i) or parse_number(ctx, i)
        if hit is None or ctx.any_blocked(hit.start, hit.end):
            i += 1
            continue
        hits.append(hit)
        i = hit.end
    return hits


def _mention(ctx: Ctx, number: int, hit: Hit) -> Mention:
    first, last = ctx.toks[hit.start], ctx.toks[hit.end - 1]
    start, end = ctx.norm.span(first.start + hit.lead, last.end)
    kind = "date" if hit.kind == "date" else "number"
    return Mention(
        id=f"M{number}",
        kind=kind,
        start=start,
        end=end,
        text=ctx.norm.original[start:end],
        date=hit.date,
        qualifier=hit.qualifier,
        relative=hit.relative,
        value=hit.value,
        value_max=hit.value_max,
        unit=hit.unit,
        approx=hit.approx,
        part=hit.part,
        coming=hit.coming,
        written=hit.written,
    )


def find_mentions(text: str, published: str | None = None) -> list[Mention]:
    """Find every date and number expression in ``text``.

    Returns mentions sorted by offset with ids ``M1``, ``M2``, ...; ``text[m.start:m.end]``
    is always ``m.text``. Relative expressions («أمس», «14 آذار الماضي», «قبل ٧ سنوات»)
    are resolved against ``published`` (ISO date) and stay ``date=None`` without it.
    """
    ctx = Ctx(normalize(text), parse_published(published))
    found = [hit for hit in _scan(ctx) if hit.kind != "skip"]
    hits = rate_in_list(ctx, priced_in_list(ctx, without_age_brackets(ctx, found)))
    hits = span_ends(ctx, infection_cases(ctx, hits))
    return [_mention(ctx, n, hit) for n, hit in enumerate(hits, start=1)]
