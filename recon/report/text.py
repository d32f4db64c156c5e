"""Formatting helpers shared by the report's context builder and charts: values, units, locations."""

from __future__ import annotations

import math
from bisect import bisect_left

import pandas as pd

from recon.ingest.clean import clean_text

CJK_PUNCTUATION = set("，：；（）！")
"""Full-width punctuation a quote keeps as written: the extractor reads ``,`` but a reader of Chinese
expects ``，``. Digits, ``％`` and ``．`` are shown half-width, as the extractor read them."""

QUOTE_CONTEXT = 120
"""Characters of quote kept on each side of the number: some source lines run to 20,000 characters."""

_PREFIXES = {
    # EFLOPS from 0.1 to 10,000: how the reports state national computing power (1117.4 EFLOPS).
    "FLOPS": [(1e22, 1e21, "ZFLOPS"), (1e17, 1e18, "EFLOPS"), (1e14, 1e15, "PFLOPS"), (1e11, 1e12, "TFLOPS"),
              (0, 1, "FLOPS")],
}
_LARGE = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")]


def scale_for(magnitude: float, base_unit: str) -> tuple[float, str]:
    """A divisor and unit label that make ``magnitude`` readable (1.751e11 CNY → 1e9, 'B CNY').

    >>> scale_for(4.141e20, "FLOPS")
    (1e+18, 'EFLOPS')
    >>> scale_for(38.0, "%")
    (1, '%')
    """
    if base_unit in _PREFIXES:
        return next((d, u) for floor, d, u in _PREFIXES[base_unit] if magnitude >= floor)
    for divisor, prefix in _LARGE:
        if magnitude >= divisor:
            return divisor, f"{prefix} {base_unit}".strip()
    return 1, base_unit


def format_value(value: float) -> str:
    """Five significant digits at most (as much as reports state), thousands separated, no trailing zeros.

    >>> format_value(1117.4), format_value(0.339), format_value(12345678.0), format_value(1751.0)
    ('1,117.4', '0.339', '12,345,678', '1,751')
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    if value == 0:
        return "0"
    digits = max(0, 4 - math.floor(math.log10(abs(value))))
    return f"{round(value, digits):,.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:,.0f}"


def format_quantity(value: float, base_unit: str) -> str:
    """A base value with a readable unit: ``format_quantity(1.751e11, 'CNY') == '175.1 B CNY'``."""
    if value is None or not math.isfinite(value):
        return ""
    divisor, unit = scale_for(abs(value), base_unit)
    return f"{format_value(value / divisor)} {unit}".strip()


def location(page, line) -> str:
    """'p. 3, line 12' for a PDF page, 'line 12' otherwise."""
    return f"p. {int(page)}, line {int(line)}" if pd.notna(page) else f"line {int(line)}"


def highlight(quote: str, surfaces: list[str]) -> list[tuple[str, bool]]:
    """``quote`` as (text, is a number) pieces, each surface marked once, trimmed around the numbers.

    >>> highlight("2023年规模达1751亿元，同比增长11.9%", ["11.9%", "1751亿元"])
    [('2023年规模达', False), ('1751亿元', True), ('，同比增长', False), ('11.9%', True)]
    """
    return _pieces(quote, _spans(quote, surfaces))


def readable(quote: str, surfaces: list[str]) -> tuple[list[tuple[str, bool]], str]:
    """The cleaned ``quote`` (what the extractor read) with its surfaces marked, and the original
    when cleaning changed it ('' otherwise). The marks are found in the original and carried over
    through the cleaning's offset map, so a full-width or traditional figure is still marked.

    >>> readable("學(xué)習(xí)市場達１２％", ["１２％"])
    ([('学习市场达', False), ('12%', True)], '學(xué)習(xí)市場達１２％')
    """
    clean, offsets = clean_text(quote)
    spans = _spans(quote, surfaces)
    if offsets is not None:
        pairs = zip(clean, offsets, strict=False)
        clean = "".join(quote[at] if quote[at] in CJK_PUNCTUATION else char for char, at in pairs)
    if offsets is None or clean == quote:
        return _pieces(quote, spans), ""
    kept = len(clean)
    moved = [(bisect_left(offsets, a, hi=kept), bisect_left(offsets, b, hi=kept)) for a, b in spans]
    return _pieces(clean, [(start, end) for start, end in moved if end > start]), quote


def _spans(quote: str, surfaces: list[str]) -> list[tuple[int, int]]:
    """Where each surface first occurs in ``quote`` without overlapping an earlier one, in order."""
    spans: list[tuple[int, int]] = []
    for surface in surfaces:
        at = quote.find(surface) if surface else -1
        while at >= 0 and any(at < end and at + len(surface) > start for start, end in spans):
            at = quote.find(surface, at + 1)
        if at >= 0:
            spans.append((at, at + len(surface)))
    return sorted(spans)


def _pieces(quote: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    if not spans:
        return [(trim(quote, 2 * QUOTE_CONTEXT), False)]
    parts, cursor = [], 0
    for start, end in spans:
        parts += [(quote[cursor:start], False), (quote[start:end], True)]
        cursor = end
    parts.append((quote[cursor:], False))
    if len(parts[0][0]) > QUOTE_CONTEXT:
        parts[0] = ("…" + parts[0][0][-QUOTE_CONTEXT:], False)
    parts[-1] = (trim(parts[-1][0], QUOTE_CONTEXT), False)
    return [p for p in parts if p[0]]


def compared(high, low) -> dict[str, str] | None:
    """The fields of a plain comparison of two facts in their own units: how far ``high`` is above
    ``low`` and how much their stated precision allows (half a step of each last digit). Percentages
    compare in points. None when there is nothing to compare (equal, or a base of zero).

    :param high: the fact with the larger base value (``surface``, ``base_value``, ``base_unit``,
        ``value``, ``value_step``).
    :param low: the fact with the smaller one, in the same base unit.
    """
    if not high.base_value > low.base_value or low.base_value == 0:
        return None
    slack = _half_step(high) + _half_step(low)
    points = high.base_unit == "%"
    gap = high.base_value - low.base_value
    scale = 1 if points else 100 / abs(low.base_value)
    return {
        "high": _as_stated(high, low), "low": _as_stated(low, high), "unit": "points" if points else "%",
        "gap": format_percent(gap * scale), "tolerance": format_percent(slack * scale),
    }


def format_percent(value: float) -> str:
    """A percentage or a count of points as a reader takes it in: one decimal, or two significant
    digits below one.

    >>> format_percent(34.2593), format_percent(0.31411), format_percent(0.0572), format_percent(231.24)
    ('34.3', '0.31', '0.057', '231.2')
    """
    if value >= 0.95 or value == 0:
        return f"{value:,.1f}"
    return f"{value:.{1 - math.floor(math.log10(abs(value)))}f}"


def _half_step(fact) -> float:
    ratio = fact.base_value / fact.value if fact.value else 1.0
    return fact.value_step * abs(ratio) / 2


def _as_stated(fact, other) -> str:
    """The surface, with the base quantity when the other figure is written in another unit word."""
    if _unit_words(fact.surface) == _unit_words(other.surface):
        return fact.surface
    return f"{fact.surface} ({format_quantity(fact.base_value, fact.base_unit)})"


def _unit_words(surface: str) -> str:
    return "".join(c for c in surface if not (c.isdigit() or c in ".,  "))


def trim(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[:limit] + "…"
