"""Shares: those of one whole add up to at most 100 %; a share and its whole imply a part."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from .findings import ComparisonTable, build_findings, claim_key, grouped_claims
from .recompute import find_levels, level_facts
from .suite import Suites
from .tolerance import format_number, relative_gap, written_factor

SHARE_SUFFIX = "-share"
"""The glossary names the share a part has of its whole ``<part id>-share``."""

WHOLE = ["doc_id", "line", "quote", "period", "geo"]
"""Shares listed in one sentence for one period and place are read as parts of one whole
(分别占据市场份额的32%、25%和18%); shares of a whole spread over sentences are not summed."""


class DerivedPartTable(ComparisonTable):
    """A part derived from a share and its whole, against the part stated elsewhere."""

    relative_gap: Series[float] = pa.Field(ge=0)
    mixed_kind: Series[bool]


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


def check_derived_parts(facts: pd.DataFrame, suites: Suites) -> list[pd.DataFrame]:
    """Cross-source agreement of parts derived from a share and its whole with the parts stated.

    :param facts: facts with intervals
    :param suites: the loaded suites; the findings are the cross-source-agreement check's
    """
    if "cross-source-agreement" not in suites.checks:
        return []
    table = DerivedPartTable.validate(derived_part_table(facts, level_facts(facts)))
    return [build_findings(table, suites.checks["cross-source-agreement"])]


def _wholes(shares: pd.DataFrame, levels: pd.DataFrame, part: pd.Series) -> pd.DataFrame:
    """The whole each share is of: a level of another metric on its line, same year and place,
    the nearest one before the share first (其中 … 占比 follows its whole)."""
    keys = ["doc_id", "line", "geo", "year"]
    probe = shares[["doc_id", "line", "geo", "start"]].assign(year=shares["period_start"].astype("int64"),
                                                             part=part)
    whole = levels[keys + ["start", "metric_id", "claim_id", "kind", "surface", "base_unit", "base_value",
                           "lo", "hi"]]
    pairs = probe.reset_index(names="row").merge(whole, on=keys, suffixes=("", "_whole"))
    pairs = pairs[pairs["metric_id"] != pairs["part"]]
    before = pairs["start_whole"] < pairs["start"]
    pairs = pairs.assign(distance=(pairs["start"] - pairs["start_whole"]).abs() + np.where(before, 0, 10**9))
    nearest = pairs.sort_values(["row", "distance"]).drop_duplicates("row").set_index("row")
    return nearest.drop(columns=keys + ["start", "start_whole", "part", "distance"]).add_prefix("whole_")


def derived_part_table(facts: pd.DataFrame, levels: pd.DataFrame) -> pd.DataFrame:
    """One row per share whose whole is on its line and whose part is stated somewhere.

    31.7 % of 347亿美元 (2026) implies a 110亿美元 part, compared with the part as stated.
    """
    shares = facts[
        (facts["type"] == "share") & (facts["unit"] == "%") & facts["metric_id"].str.endswith(SHARE_SUFFIX)
        & (facts["period_grain"] == "year") & (facts["period_start"] == facts["period_end"])
    ]
    part = shares["metric_id"].str.removesuffix(SHARE_SUFFIX)
    stated = find_levels(shares, levels, shares["period_start"].astype("Float64"), metric=part)
    rows = shares.join(_wholes(shares, levels, part), how="inner")
    rows = rows.join(stated.add_prefix("part_"), how="inner")
    rows = rows[rows["whole_base_unit"] == rows["part_base_unit"]]
    derived_lo = rows["whole_lo"] * rows["stated_lo"] / 100
    derived_hi = rows["whole_hi"] * rows["stated_hi"] / 100
    derived = rows["whole_base_value"] * rows["value"] / 100
    factor = written_factor(rows["whole_surface"], rows["whole_base_value"])
    gap = relative_gap(derived_lo, derived_hi, rows["part_lo"], rows["part_hi"])
    percent = format_number(gap * 100, digits=3)
    return pd.DataFrame({
        "claim_key": claim_key(rows["claim_id"], rows["whole_claim_id"], rows["part_claim_id"]),
        "metric_id": rows["metric_id"].str.removesuffix(SHARE_SUFFIX),
        "geo": rows["geo"],
        "period": rows["period"],
        "observed": rows["surface"] + " of " + rows["whole_surface"] + " (" + rows["doc_id"] + "); "
        + rows["part_surface"] + " (" + rows["part_doc_id"] + ")",
        "expected": "the part the share implies: " + format_number(derived_lo / factor) + "–"
        + format_number(derived_hi / factor),
        "arithmetic": format_number(rows["whole_base_value"] / factor) + " × " + format_number(rows["value"])
        + " % = " + format_number(derived / factor) + "; gap " + percent + " % of the figure",
        "relative_gap": gap,
        "gap_percent": percent,
        "mixed_kind": rows["kind"] != rows["part_kind"],
        "kind_a": rows["kind"],
        "kind_b": rows["part_kind"],
    })


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
