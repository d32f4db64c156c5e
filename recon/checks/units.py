"""Unit sanity: a metric is stated in a unit its glossary entry allows."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from .findings import ComparisonTable, build_findings
from .recompute import LEVEL_TYPES
from .suite import Suites


class UnitTable(ComparisonTable):
    """A level fact of a glossary metric with the units the glossary allows it."""

    unit_family: Series[str] = pa.Field(description="the unit, with count:<noun> read as count")
    unit_allowed: Series[bool]


def check_units(facts: pd.DataFrame, suites: Suites) -> list[pd.DataFrame]:
    """Findings of the unit-sanity check (rates are in % whatever their metric, so only levels count).

    :param facts: facts
    :param suites: the loaded suites, with the glossary's allowed units
    """
    if "unit-sanity" not in suites.checks:
        return []
    table = UnitTable.validate(unit_table(facts, suites.allowed_units))
    return [build_findings(table, suites.checks["unit-sanity"])]


def unit_table(facts: pd.DataFrame, allowed: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    """One row per fact stating the level of a metric the glossary lists."""
    rows = facts[facts["measure"].isin(LEVEL_TYPES) & facts["metric_id"].isin(list(allowed))]
    family = rows["unit"].str.split(":").str[0]
    pairs = {(metric, unit) for metric, units in allowed.items() for unit in units}
    index = pd.MultiIndex.from_arrays([rows["metric_id"], family])
    allowed_text = rows["metric_id"].map({m: ", ".join(u) for m, u in allowed.items()})
    return pd.DataFrame({
        "claim_key": rows["claim_id"],
        "metric_id": rows["metric_id"],
        "geo": rows["geo"],
        "period": rows["period"],
        "observed": rows["surface"] + " (" + rows["unit"] + ")",
        "expected": allowed_text,
        "arithmetic": "",
        "unit_family": family,
        "unit_allowed": index.isin(list(pairs)),
    })
