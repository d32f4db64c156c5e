"""Unit sanity: a metric is stated in a unit its glossary entry allows, and a figure restated in
another unit (180 EFLOPS（约合1.8万亿亿次）) converts to the figure it restates."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from .findings import ComparisonTable, build_findings, claim_key
from .recompute import LEVEL_TYPES
from .suite import Suites
from .tolerance import format_number, relative_gap, written_factor


class UnitTable(ComparisonTable):
    """A level fact of a glossary metric with the units the glossary allows it, or a restatement
    with the figure it restates (``restatement``)."""

    unit_family: Series[str] = pa.Field(description="the unit, with count:<noun> read as count")
    unit_allowed: Series[bool]
    restatement: Series[bool] = pa.Field(description="the row compares a restatement with its figure")
    relative_gap: Series[float] = pa.Field(ge=0, description="between restatement and figure; 0 else")
    power_of_ten: Series[int] = pa.Field(
        description="the restatement over its figure, as the nearest power of ten (0: same order)"
    )


def check_units(facts: pd.DataFrame, suites: Suites) -> list[pd.DataFrame]:
    """Findings of the unit-sanity check (rates are in % whatever their metric, so only levels count).

    :param facts: facts with intervals (:func:`recon.checks.tolerance.with_intervals`)
    :param suites: the loaded suites, with the glossary's allowed units
    """
    if "unit-sanity" not in suites.checks:
        return []
    table = pd.concat([unit_table(facts, suites.allowed_units), restatement_table(facts)], ignore_index=True)
    return [build_findings(UnitTable.validate(table), suites.checks["unit-sanity"])]


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
        "restatement": False,
        "relative_gap": 0.0,
        "power_of_ten": 0,
    })


def restatement_table(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per figure restating another in the same base unit (extraction's ``restates``): the
    two must be one amount. One a power of ten off the other is a slip in the conversion
    (180 EFLOPS glossed as 1800万亿次, 10⁵ too small), not a second figure.

    Restatements across currencies need a rate and are not compared here.
    """
    restating = facts[facts["restates"] != ""]
    figures = facts.drop_duplicates("claim_id").set_index("claim_id")
    restated = figures.reindex(restating["restates"])
    restated.index = restating.index
    rows = restating[(restated["base_unit"] == restating["base_unit"]).to_numpy()]
    restated = restated.loc[rows.index]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = rows["base_value"] / restated["base_value"]
        power = np.round(np.log10(np.abs(ratio)))
    power = pd.Series(np.where(np.isfinite(power), power, 0), index=rows.index).astype(int)
    scale = np.power(10.0, power)
    factor = written_factor(restated["surface"], restated["base_value"])
    unit = restated["surface"].str.extract(r"\d[\d,]*\.?\d*(\s?.*)$")[0].fillna("")
    now, was = format_number(rows["base_value"] / factor), format_number(restated["base_value"] / factor)
    return pd.DataFrame({
        "claim_key": claim_key(rows["claim_id"], rows["restates"]),
        "metric_id": restated["metric_name"],
        "geo": restated["geo"],
        "period": restated["period"],
        "observed": rows["surface"] + " restating " + restated["surface"],
        "expected": restated["surface"],
        "arithmetic": rows["surface"] + " = " + now + unit + "; " + now + " / " + was + " = "
        + format_number(ratio, digits=4),
        "unit_family": rows["base_unit"],
        "unit_allowed": True,
        "restatement": True,
        "relative_gap": relative_gap(rows["lo"] / scale, rows["hi"] / scale, restated["lo"], restated["hi"]),
        "power_of_ten": power,
    })
