"""Stub, replaced by the support checker of the evaluation work: numbers only."""

from __future__ import annotations

import re

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _numbers(text: str) -> set[float]:
    found = set()
    for raw in _NUMBER.findall(text.translate(_DIGITS)):
        try:
            found.add(float(raw.replace(",", "")))
        except ValueError:
            continue
    return found


def unsupported_reasons(
    text_en: str, quotes: list[str], value: float | None, date: str | None
) -> list[str]:
    """Reasons the English states a number no quote, value or date supports."""
    allowed = set().union(*(_numbers(q) for q in quotes)) if quotes else set()
    if value is not None:
        allowed.add(float(value))
    if date:
        allowed |= {float(p) for p in date.split("-") if p.isdigit()}
    return [
        f"the number {n:g} is in no source"
        for n in sorted(_numbers(text_en))
        if n not in allowed
    ]
