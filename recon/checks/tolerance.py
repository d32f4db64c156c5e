"""Interval arithmetic: the range of true values a stated figure stands for, as statcheck reads it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


@dataclass(frozen=True)
class IntervalSettings:
    """How qualifiers widen a figure (``expectations/intervals.yaml``)."""

    approx: float
    """约/近/左右: relative widening on both sides of the rounding interval."""
    open_bound_reach: float
    """超过 X reads as [X, reach·X] (不足 X as [X/reach, X]); ``.inf`` reads it as a half-line."""


def fact_intervals(facts: pd.DataFrame, settings: IntervalSettings) -> pd.DataFrame:
    """Return ``lo``/``hi`` in base units for every fact, from its stated precision and qualifier.

    414.1 EFLOPS stands for [414.05, 414.15); ``超过300`` for [300, reach·300]; a range for
    [value, value_high], each widened by half a step of the last stated digit.

    :param facts: facts with base_value, value, value_high, value_step and qualifier
    :param settings: the interval settings from the suites
    """
    value = facts["value"].to_numpy(dtype=float)
    base = facts["base_value"].to_numpy(dtype=float)
    scale = np.divide(base, value, out=np.ones_like(base), where=value != 0)
    half = facts["value_step"].to_numpy(dtype=float) * scale / 2
    high = facts["value_high"].to_numpy(dtype=float) * scale
    qualifier = facts["qualifier"].to_numpy(dtype=object)
    reach = settings.open_bound_reach
    with np.errstate(invalid="ignore", over="ignore"):
        above = np.where(base > 0, np.maximum(base * reach, base + half), np.inf)
        below = np.where(base > 0, np.minimum(base / reach, base - half), -np.inf)
    widen = np.abs(base) * settings.approx
    lo = np.select(
        [qualifier == "approx", qualifier == "upper_bound"], [base - half - widen, below], base - half
    )
    hi = np.select(
        [qualifier == "approx", qualifier == "lower_bound", qualifier == "range"],
        [base + half + widen, above, np.where(np.isnan(high), base, high) + half],
        base + half,
    )
    return pd.DataFrame({"lo": lo, "hi": hi, "scale": scale}, index=facts.index)


def with_intervals(facts: pd.DataFrame, settings: IntervalSettings) -> pd.DataFrame:
    """Facts with ``lo``/``hi`` (base units) and ``stated_lo``/``stated_hi`` (the stated unit, e.g. %)."""
    bounds = fact_intervals(facts, settings)
    return facts.assign(
        lo=bounds["lo"], hi=bounds["hi"],
        stated_lo=bounds["lo"] / bounds["scale"], stated_hi=bounds["hi"] / bounds["scale"],
    )


def relative_gap(lo_a, hi_a, lo_b, hi_b) -> np.ndarray:
    """How far apart two intervals are, relative to the nearer edges; 0 when they overlap.

    >>> relative_gap([37.5], [38.5], [39.5], [40.5]).round(4).tolist()
    [0.0253]
    >>> relative_gap([300.0], [600.0], [414.05], [414.15]).tolist()
    [0.0]
    """
    lo_a, hi_a, lo_b, hi_b = (np.asarray(x, dtype=float) for x in (lo_a, hi_a, lo_b, hi_b))
    inner_lo = np.maximum(lo_a, lo_b)
    inner_hi = np.minimum(hi_a, hi_b)
    gap = np.clip(inner_lo - inner_hi, 0, None)
    scale = np.maximum(np.abs(inner_lo), np.abs(inner_hi))
    with np.errstate(invalid="ignore"):
        return np.divide(gap, scale, out=np.zeros_like(gap), where=(gap > 0) & np.isfinite(scale))


def cagr_bounds(start_lo, start_hi, end_lo, end_hi, years) -> tuple[np.ndarray, np.ndarray]:
    """Lowest and highest CAGR (in %) that endpoints inside their intervals can produce.

    >>> low, high = cagr_bounds([10.5e8], [11.5e8], [93.5e8], [94.5e8], [5])
    >>> round(float(low[0]), 2), round(float(high[0]), 2)
    (52.06, 55.18)
    """
    start_lo, start_hi, end_lo, end_hi, years = (
        np.asarray(x, dtype=float) for x in (start_lo, start_hi, end_lo, end_hi, years)
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        low = (np.power(end_lo / start_hi, 1 / years) - 1) * 100
        high = (np.power(end_hi / start_lo, 1 / years) - 1) * 100
    return low, high


NUMBER = r"(?P<number>\p{Nd}[\p{Nd},]*\.?\p{Nd}*)"
"""A figure's written number (1,117.4), in RE2 syntax: pyarrow runs it over a whole column at once,
where pandas' ``str.extract`` calls Python's ``re`` row by row. ``\\p{Nd}`` is Python's ``\\d``."""
AFTER_NUMBER = NUMBER + r"(?P<unit>[\t-\r\x{1c}-\x{1f}\x{85}\p{Z}]?.*)$"
"""The words after a figure's number (' EFLOPS', '亿元'); the class is Python's ``\\s``."""


def first_match(surface: pd.Series, pattern: str, group: str) -> pa.Array:
    """``group`` of the first match of RE2 ``pattern`` in each text (null where it does not match)."""
    found = pc.extract_regex(pa.array(surface, type=pa.large_string()), pattern)
    return pc.struct_field(found, group)


def written_factor(surface: pd.Series, base_value: pd.Series) -> pd.Series:
    """Base units per written unit of a figure (1e18 for '259.9 EFLOPS'), to show figures as written."""
    written = pc.replace_substring(first_match(surface, NUMBER, "number"), ",", "")
    number = pd.to_numeric(pd.Series(written.to_numpy(zero_copy_only=False), index=surface.index),
                           errors="coerce")
    factor = base_value / number
    return factor.where(np.isfinite(factor) & (factor > 0), 1.0)


def format_number(values, digits: int = 6):
    """Short human form of numbers for findings, vectorised; rates read best with ``digits=4``.

    A Series comes back as a Series with the same index, anything else as an array.

    >>> format_number([1117.4, 1.751e11]).tolist(), format_number([33.87123], digits=4).tolist()
    (['1117.4', '1.751e+11'], ['33.87'])
    """
    # printf formatting by map: np.char.mod gives the same text at twice the time
    numbers = np.asarray(values, dtype=float)
    text = np.array(list(map(f"%.{digits}g".__mod__, numbers.ravel().tolist())), dtype=object)
    text = text.reshape(numbers.shape)
    return pd.Series(text, index=values.index) if isinstance(values, pd.Series) else text


def written_range(lo, hi, surface: pd.Series, base_value: pd.Series) -> pd.Series:
    """The interval [lo, hi] in base units as written next to ``surface``: '1750.5–1751.5亿元', or
    'at least 300 EFLOPS' for an open bound."""
    factor = written_factor(surface, base_value)
    unit = pc.fill_null(first_match(surface, AFTER_NUMBER, "unit"), "").to_numpy(zero_copy_only=False)
    lo = pd.Series(np.asarray(lo, dtype=float), index=surface.index)
    hi = pd.Series(np.asarray(hi, dtype=float), index=surface.index)
    low, high = format_number(lo / factor), format_number(hi / factor)
    both = low + "–" + high + unit
    both = both.where(np.isfinite(hi), "at least " + low + unit)
    return both.where(np.isfinite(lo), "at most " + high + unit)
