"""Formatting helpers shared by the report's context builder and charts: values, units, locations."""

from __future__ import annotations

import math

import pandas as pd

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
    spans: list[tuple[int, int]] = []
    for surface in surfaces:
        at = quote.find(surface) if surface else -1
        while at >= 0 and any(at < end and at + len(surface) > start for start, end in spans):
            at = quote.find(surface, at + 1)
        if at >= 0:
            spans.append((at, at + len(surface)))
    if not spans:
        return [(trim(quote, 2 * QUOTE_CONTEXT), False)]
    spans.sort()
    parts, cursor = [], 0
    for start, end in spans:
        parts += [(quote[cursor:start], False), (quote[start:end], True)]
        cursor = end
    parts.append((quote[cursor:], False))
    if len(parts[0][0]) > QUOTE_CONTEXT:
        parts[0] = ("…" + parts[0][0][-QUOTE_CONTEXT:], False)
    parts[-1] = (trim(parts[-1][0], QUOTE_CONTEXT), False)
    return [p for p in parts if p[0]]


def trim(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[:limit] + "…"
