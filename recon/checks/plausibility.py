"""Plausibility: shares outside 0–100 %, growth or CAGR beyond what a metric allows, suspect extractions."""

from __future__ import annotations

import re

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from .findings import ComparisonTable, build_findings
from .suite import Suites

RATE_TYPES = ["share", "growth", "cagr", "rate"]


class PlausibilityTable(ComparisonTable):
    """One fact per row, with what the suite's conditions may test: its type, value, metric and flags."""

    type: Series[str]
    value: Series[float]
    suspect_flag: Series[str] = pa.Field(description="the first suspect flag the extractor set, or ''")


def check_plausibility(facts: pd.DataFrame, suites: Suites) -> list[pd.DataFrame]:
    """Findings of the plausibility check; the bounds per type and metric are in its suite.

    :param facts: facts
    :param suites: the loaded suites
    """
    if "plausibility" not in suites.checks:
        return []
    spec = suites.checks["plausibility"]
    table = PlausibilityTable.validate(plausibility_table(facts, spec.param("suspect_flags")))
    return [build_findings(table, spec)]


def plausibility_table(facts: pd.DataFrame, suspect_flags: list[str]) -> pd.DataFrame:
    """Rates stated in %, and every fact the extractor flagged as suspect."""
    suspect = pd.Series("", index=facts.index, dtype=object)
    flagged = facts.loc[facts["flags"] != "", "flags"]
    for flag in reversed(suspect_flags):
        found = flagged.str.contains(rf"(?:^|;){re.escape(flag)}(?:;|$)")
        suspect[found[found].index] = flag
    rows = facts[(facts["type"].isin(RATE_TYPES) & (facts["unit"] == "%")) | (suspect != "")]
    return pd.DataFrame({
        "claim_key": rows["claim_id"],
        "metric_id": rows["metric_id"],
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
    })
