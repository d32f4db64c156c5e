"""Shares: those of one whole add up to at most 100 %; a share of a whole implies the part beside it."""

from __future__ import annotations

import re

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from recon.identity import CLAUSE_MARKS

from .agreement import kind_bits, kind_columns
from .findings import ComparisonTable, build_findings, claim_key, grouped_claims, text_before
from .recompute import DerivedFigureTable, find_levels, in_one_year, level_facts
from .suite import Suites
from .tolerance import format_number, relative_gap, written_factor, written_range

WHOLE = ["sentence", "period", "geo"]
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
    spec = suites.checks["share-sum"]
    table = share_sum_table(facts, spec.params.get("max_gap", 16), spec.params.get("breaks") or [],
                            spec.params.get("rate_words") or [])
    return [build_findings(ShareSumTable.validate(table), spec)]


def check_derived_parts(facts: pd.DataFrame, suites: Suites) -> list[pd.DataFrame]:
    """Cross-source agreement of parts derived from a share and its whole with the parts stated.

    :param facts: facts with intervals
    :param suites: the loaded suites; the findings are the cross-source-agreement check's
    """
    if "cross-source-agreement" not in suites.checks:
        return []
    table = DerivedFigureTable.validate(derived_part_table(facts, level_facts(facts)))
    return [build_findings(table, suites.checks["cross-source-agreement"])]


def _parts_beside(shares: pd.DataFrame, levels: pd.DataFrame, whole: pd.DataFrame) -> pd.DataFrame:
    """The part each share sits beside: the nearest level in its sentence, same year and place,
    smaller than the whole and in its unit (…295起，占比26.5%…)."""
    keys = ["sentence", "geo", "year"]
    probe = shares[["sentence", "geo", "start"]].assign(
        year=shares["period_start"].astype("int64")
    ).join(whole[["claim_id", "base_unit", "base_value"]].add_prefix("whole_"), how="inner")
    columns = ["start", "claim_id", "doc_id", "kind", "surface", "base_unit", "base_value", "lo", "hi"]
    beside = probe.reset_index(names="row").merge(
        levels[keys].join(levels[columns].add_prefix("part_")), on=keys
    )
    beside = beside[
        (beside["part_claim_id"] != beside["whole_claim_id"])
        & (beside["part_base_unit"] == beside["whole_base_unit"])
        & (beside["part_base_value"] < beside["whole_base_value"])
    ]
    beside = beside.assign(distance=(beside["part_start"] - beside["start"]).abs())
    nearest = beside.sort_values(["row", "distance"]).drop_duplicates("row").set_index("row")
    return nearest[[f"part_{c}" for c in columns[1:]]]


def derived_part_table(facts: pd.DataFrame, levels: pd.DataFrame) -> pd.DataFrame:
    """One row per share whose whole is found and whose part is stated beside it.

    A share of a glossary metric is a share of that metric's level: 26.5 % of 337 起 implies a part of
    89 起, compared with the part the sentence states.
    """
    shares = facts[
        (facts["measure"] == "share") & (facts["unit"] == "%") & (facts["metric_id"] != "")
        & in_one_year(facts)
    ]
    whole = find_levels(shares, levels[levels["base_unit"] != "%"], shares["period_start"].astype("Float64"))
    rows = shares.join(whole.add_prefix("whole_"), how="inner")
    rows = rows.join(_parts_beside(shares, levels, whole), how="inner")
    derived_lo = rows["whole_lo"] * rows["stated_lo"] / 100
    derived_hi = rows["whole_hi"] * rows["stated_hi"] / 100
    derived = rows["whole_base_value"] * rows["value"] / 100
    factor = written_factor(rows["whole_surface"], rows["whole_base_value"])
    gap = relative_gap(derived_lo, derived_hi, rows["part_lo"], rows["part_hi"])
    percent = format_number(gap * 100, digits=3)
    return pd.DataFrame({
        "claim_key": claim_key(rows["claim_id"], rows["whole_claim_id"], rows["part_claim_id"]),
        "metric_id": rows["metric_name"],
        "geo": rows["geo"],
        "period": rows["period"],
        "observed": rows["surface"] + " of " + rows["whole_surface"] + " (" + rows["whole_doc_id"] + "); "
        + rows["part_surface"] + " (" + rows["part_doc_id"] + ")",
        "expected": "the part the share implies: "
        + written_range(derived_lo, derived_hi, rows["whole_surface"], rows["whole_base_value"]),
        "arithmetic": format_number(rows["whole_base_value"] / factor) + " × " + format_number(rows["value"])
        + " % = " + format_number(derived / factor) + "; gap " + percent + " % of the figure",
        "relative_gap": gap,
        "gap_percent": percent,
        "definitions_may_differ": False,
        "by_phrase": False,
        "phrases": "",
        **kind_columns(
            kind_bits(rows["kind"]), kind_bits(rows["part_kind"]), rows["doc_id"], rows["part_doc_id"]
        ),
    })


def list_runs(shares: pd.DataFrame, max_gap: int, breaks: list[str]) -> pd.Series:
    """Number each run of shares listed one after another in a sentence (数据标注占28%、算力租赁占39%、
    人才成本占25%): the text between two shares of a run is short, holds no digit and none of the
    ``breaks`` (合计, 较, the 的 of 43%的算法服务商 that names each share's own whole). The shares come
    in document order, as :func:`recon.checks.check_facts` orders the facts."""
    previous_end = shares.groupby(WHOLE, sort=False)["end"].shift()
    run = []
    number = 0
    for quote, surface, prior, offset, first in zip(
        shares["quote"], shares["surface"], previous_end, shares["start"], previous_end.isna(), strict=True
    ):
        gap_text = "" if first else text_before(quote, surface, int(offset - prior))
        joined = not first and gap_text is not None and len(gap_text) <= max_gap
        joined = joined and not any(c.isdigit() for c in gap_text) and not any(b in gap_text for b in breaks)
        number += 0 if joined else 1
        run.append(number)
    return pd.Series(run, index=shares.index)


def rates_of_members(shares: pd.DataFrame, rate_words: list[str]) -> pd.Series:
    """Which shares belong to a run that its clause calls a rate of each member (在零售(72%)、物流(58%)
    等行业的渗透率; adoption reached 72% in retail, 58% in logistics): each is a share of its own
    member's whole, so the run is no list of parts of one whole. The words are looked for in the clause
    around the run, before its first share and after its last."""
    rated = pd.Series(False, index=shares.index)
    if not rate_words or shares.empty:
        return rated
    pattern = re.compile("|".join(map(re.escape, rate_words)), re.IGNORECASE)
    runs = shares.groupby("run", sort=False)
    for (quote, first, last), members in zip(
        zip(runs["quote"].first(), runs["surface"].first(), runs["surface"].last(), strict=True),
        runs.groups.values(), strict=True,
    ):
        at = quote.find(first)
        end = quote.find(last, max(at, 0))
        if at < 0 or end < 0:
            continue
        clause = CLAUSE_MARKS.split(quote[:at])[-1] + " " + CLAUSE_MARKS.split(quote[end + len(last):])[0]
        rated[members] = pattern.search(clause) is not None
    return rated


def share_sum_table(facts: pd.DataFrame, max_gap: int, breaks: list[str],
                    rate_words: list[str] = ()) -> pd.DataFrame:
    """One row per run of two or more shares listed together for one period and place, unless the run
    is of rates of each member (:func:`rates_of_members`)."""
    shares = facts[(facts["type"] == "share") & (facts["unit"] == "%")]
    shares = shares.assign(run=list_runs(shares, max_gap, breaks))
    shares = shares[~rates_of_members(shares, list(rate_words))]
    table = grouped_claims(
        shares, [*WHOLE, "run"], " + ", metric_name=("metric_name", "first"), doc_id=("doc_id", "first"),
        sum_low=("stated_lo", "sum"), sum_high=("stated_hi", "sum"), sum_stated=("value", "sum"),
    )
    low = format_number(table["sum_low"], digits=4)
    return pd.DataFrame({
        "claim_key": table["claim_key"],
        "metric_id": table["metric_name"],
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
