"""Share sums: the shares of one whole stated for one period add up to at most 100 %."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from .findings import ComparisonTable, build_findings, grouped_claims
from .suite import Suites
from .tolerance import format_number

WHOLE = ["doc_id", "line", "quote", "period", "geo"]
"""Shares listed in one sentence for one period and place are read as parts of one whole
(分别占据市场份额的32%、25%和18%); shares of a whole spread over sentences are not summed."""


class ShareSumTable(ComparisonTable):
    """Shares of one whole with the lowest and highest sums their rounding allows."""

    sum_low: Series[float]
    sum_high: Series[float]
    shares: Series[int] = pa.Field(ge=2)


def check_share_sums(facts: pd.DataFrame, suites: Suites) -> list[pd.DataFrame]:
    """Findings of the share-sum check.

    :param facts: facts with intervals in their stated unit (``stated_lo``/``stated_hi``)
    :param suites: the loaded suites
    """
    if "share-sum" not in suites.checks:
        return []
    table = ShareSumTable.validate(share_sum_table(facts))
    return [build_findings(table, suites.checks["share-sum"])]


def share_sum_table(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence listing two or more shares for one period and place."""
    shares = facts[(facts["type"] == "share") & (facts["unit"] == "%")]
    table = grouped_claims(
        shares, WHOLE, " + ", metric_id=("metric_id", "first"),
        sum_low=("stated_lo", "sum"), sum_high=("stated_hi", "sum"), sum_stated=("value", "sum"),
    )
    low = format_number(table["sum_low"], digits=4)
    return pd.DataFrame({
        "claim_key": table["claim_key"],
        "metric_id": table["metric_id"],
        "geo": table["geo"],
        "period": table["period"],
        "observed": table["observed"],
        "expected": "at most 100 % in total",
        "arithmetic": table["observed"] + " = " + format_number(table["sum_stated"], digits=4)
        + " % (at least " + low + " % as rounded)",
        "sum_low": table["sum_low"],
        "sum_high": table["sum_high"],
        "shares": table["claims"],
        "doc_id": table["doc_id"],
    })
