"""Plausibility: shares outside 0–100 %, growth or CAGR beyond what a metric allows, suspect extractions."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from .findings import ComparisonTable, build_findings, has_flag
from .suite import Suites

RATE_TYPES = ["share", "growth", "cagr", "rate"]


class PlausibilityTable(ComparisonTable):
    """One fact per row, with what the suite's conditions may test: its type, value, metric and flags."""

    type: Series[str]
    value: Series[float]
    suspect_flag: Series[str] = pa.Field(description="the first suspect flag the extractor set, or ''")
    worded_as_growth: Series[bool] = pa.Field(description="a share over 100 % its sentence calls a growth")


def check_plausibility(facts: pd.DataFrame, suites: Suites) -> list[pd.DataFrame]:
    """Findings of the plausibility check; the bounds per type and metric are in its suite.

    :param facts: facts
    :param suites: the loaded suites
    """
    if "plausibility" not in suites.checks:
        return []
    spec = suites.checks["plausibility"]
    words = spec.params.get("growth_words", [])
    table = plausibility_table(facts, spec.param("suspect_flags"), words, spec.params.get("word_reach", 0))
    table = PlausibilityTable.validate(table)
    return [build_findings(table, spec)]


def plausibility_table(
    facts: pd.DataFrame, suspect_flags: list[str], growth_words: list[str] = (), word_reach: int = 0
) -> pd.DataFrame:
    """Rates stated in %, and every fact the extractor flagged as suspect.

    ``worded_as_growth`` tells a share above 100 % whose sentence calls it a growth within
    ``word_reach`` characters (217%的同比增长): the extractor mistyped it, the source is not wrong."""
    suspect = pd.Series("", index=facts.index, dtype=object)
    flagged = facts.loc[facts["flags"] != "", "flags"]
    for flag in reversed(suspect_flags):
        found = has_flag(flagged, flag)
        suspect[found[found].index] = flag
    rows = facts[(facts["type"].isin(RATE_TYPES) & (facts["unit"] == "%")) | (suspect != "")]
    return pd.DataFrame({
        "claim_key": rows["claim_id"],
        "metric_id": rows["metric_name"],
        "geo": rows["geo"],
        "period": rows["period"],
        "observed": rows["surface"],
        "expected": "",
        "arithmetic": "",
        "type": rows["type"],
        "value": rows["value"],
        "unit": rows["unit"],
        "suspect_flag": suspect.loc[rows.index],
        "quote": rows["quote"],
        "worded_as_growth": _worded_as_growth(rows, growth_words, word_reach),
    })


def _worded_as_growth(rows: pd.DataFrame, words: list[str], reach: int) -> pd.Series:
    """Whether a share above 100 % has a growth word within ``reach`` characters of it in its sentence."""
    worded = pd.Series(False, index=rows.index)
    over = rows[(rows["type"] == "share") & (rows["value"] > 100)]
    for index, quote, surface in zip(over.index, over["quote"], over["surface"], strict=True):
        at = quote.find(surface)
        near = quote[max(0, at - reach) : at + len(surface) + reach] if at >= 0 else ""
        worded[index] = any(word in near for word in words)
    return worded
