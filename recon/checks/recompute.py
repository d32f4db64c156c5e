"""CAGR and growth recomputation: a stated rate against the level figures it implies."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from .agreement import kind_bits, kind_columns
from .findings import ComparisonTable, build_findings, claim_key, text_before, trusted
from .suite import Suites
from .tolerance import cagr_bounds, format_number, relative_gap, written_factor, written_range

LEVEL_TYPES = ["level", "count", "price"]
ENDPOINT_COLUMNS = ["claim_id", "doc_id", "kind", "surface", "base_unit", "base_value", "lo", "hi"]
PROXIMITY = [["doc_id", "line", "quote"], ["doc_id", "line"], ["doc_id"], []]
"""Where an endpoint is looked for, nearest first: the same sentence, line (paragraph), document, anywhere."""
IN_DOCUMENT = PROXIMITY[:3]
"""A growth is recomputed from its own document's levels; other documents' priors are cross-source."""
PRIOR_COLUMNS = [
    "claim_id", "doc_id", "kind", "surface", "lo", "hi", "base_unit", "metric", "scope", "geo", "year",
]
IDENTITY = ["metric", "scope", "local"]
"""What a rate and the level it is about share: the metric (glossary id or subject), the definition
words, and for a subject outside the glossary its document."""

CHINESE_DIGITS = dict(zip("一二两三四五六七八九十", [1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10], strict=True))
ENGLISH_DIGITS = dict(
    zip(["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"], range(2, 11), strict=True)
)
STATED_YEARS = re.compile(
    r"([一二两三四五六七八九十]|\d{1,2})\s*年(?:年|期间|间)?均?复合|(\w+)[- ]year\s+(?:CAGR|compound)", re.I
)
PREFIX_CHARS = 16
"""How much text before a rate is read for the words that qualify it (五年, 同比下降)."""


class CagrTable(ComparisonTable):
    """A stated CAGR with the endpoint levels found for its period."""

    relative_gap: Series[float] = pa.Field(ge=0)
    years: Series[int] = pa.Field(ge=1)
    years_differ: Series[bool] = pa.Field(description="the text names a span other than the endpoints'")


class DerivedFigureTable(ComparisonTable):
    """A figure derived from one source's figures (a growth's prior year, a share's part) against the
    figure another statement gives."""

    relative_gap: Series[float] = pa.Field(ge=0)
    mixed_kind: Series[bool]
    definitions_may_differ: Series[bool] = pa.Field(description="always False: one figure is derived")


class GrowthTable(ComparisonTable):
    """A stated growth, its current level, and the prior period's level it implies and the one stated."""

    relative_gap: Series[float] = pa.Field(ge=0)


def check_recomputation(facts: pd.DataFrame, suites: Suites) -> list[pd.DataFrame]:
    """Findings of the CAGR and growth recomputations.

    :param facts: facts with intervals (:func:`recon.checks.tolerance.with_intervals`)
    :param suites: the loaded suites
    """
    findings = []
    if "cagr-recomputation" in suites.checks:
        spec = suites.checks["cagr-recomputation"]
        kept = facts[trusted(facts, spec)]
        table = CagrTable.validate(cagr_table(kept, level_facts(kept)))
        findings.append(build_findings(table, spec))
    if "growth-recomputation" in suites.checks:
        spec = suites.checks["growth-recomputation"]
        facts = facts[trusted(facts, spec)]
        levels = level_facts(facts)
        words = spec.param("decline_words")
        table = GrowthTable.validate(growth_table(facts, levels, words))
        findings.append(build_findings(table, spec))
    return findings


def check_derived_priors(facts: pd.DataFrame, suites: Suites) -> list[pd.DataFrame]:
    """Cross-source agreement of the prior-year levels stated growths imply with other sources' levels.

    :param facts: facts with intervals
    :param suites: the loaded suites; the findings are the cross-source-agreement check's, the words
        that make a growth a decline are the growth-recomputation check's
    """
    if "cross-source-agreement" not in suites.checks:
        return []
    growth = suites.checks.get("growth-recomputation")
    words = growth.params.get("decline_words", []) if growth else []
    spec = suites.checks["cross-source-agreement"]
    facts = facts[trusted(facts, spec)]
    table = DerivedFigureTable.validate(derived_prior_table(facts, level_facts(facts), words))
    return [build_findings(table, spec)]


def in_one_year(facts: pd.DataFrame) -> pd.Series:
    """Which facts speak of one calendar year: only those have a prior year and can be an endpoint."""
    return (facts["period_grain"] == "year") & (facts["period_start"] == facts["period_end"])


def level_facts(facts: pd.DataFrame) -> pd.DataFrame:
    """Level facts of one calendar year: the candidates for endpoints and prior periods."""
    levels = facts[facts["measure"].isin(LEVEL_TYPES) & in_one_year(facts)]
    levels = levels.assign(year=levels["period_start"].astype("int64"))
    return levels.sort_values(["doc_id", "line", "start"])


def find_levels(
    rows: pd.DataFrame, levels: pd.DataFrame, year: pd.Series, metric: pd.Series | None = None,
    proximity: list[list[str]] = PROXIMITY,
) -> pd.DataFrame:
    """For each row, the level of its metric and geo in ``year``: the nearest statement wins.

    :param rows: the rates looking for a level (metric, scope, local, geo, doc_id, line, quote)
    :param levels: candidate level facts from :func:`level_facts`
    :param year: the year wanted, aligned with ``rows``
    :param metric: the level's metric; by default the rate's own (a rate and its level share it)
    :param proximity: where to look, nearest first (:data:`PROXIMITY`)
    :return: endpoint columns indexed like the rows that found one
    """
    probe = rows[["geo", "doc_id", "line", "quote", *IDENTITY]].assign(year=year)
    if metric is not None:
        probe = probe.assign(metric=metric)
    probe = probe.dropna(subset=["year"]).astype({"year": "int64"})
    found = []
    for near in proximity:
        keys = [*IDENTITY, "geo", "year"] + near
        candidates = levels.drop_duplicates(keys)
        candidates = candidates[keys].join(candidates[ENDPOINT_COLUMNS].add_prefix("found_"))
        hits = probe.reset_index(names="row").merge(candidates, on=keys).set_index("row")
        found.append(hits.filter(like="found_").rename(columns=lambda c: c.removeprefix("found_")))
        probe = probe[~probe.index.isin(hits.index)]
    return pd.concat(found)


def _words_before(rows: pd.DataFrame) -> pd.Series:
    """The text just before each rate in its sentence, where 五年 or 同比下降 are written."""
    prefixes = [
        text_before(quote, surface, PREFIX_CHARS) or ""
        for quote, surface in zip(rows["quote"], rows["surface"], strict=True)
    ]
    return pd.Series(prefixes, index=rows.index, dtype=object)


def stated_years(prefix: str) -> float:
    """The span a text gives a CAGR in words (五年年复合增长率 → 5), or NaN.

    >>> stated_years("增长到2026年的347亿美元，五年年复合增长率达"), stated_years("期间年复合增长率达")
    (5.0, nan)
    """
    matches = list(STATED_YEARS.finditer(prefix))
    if not matches:
        return float("nan")
    digits, english = matches[-1].groups()
    if english:
        return float(ENGLISH_DIGITS.get(english.lower(), "nan"))
    return float(CHINESE_DIGITS[digits]) if digits in CHINESE_DIGITS else float(digits)


def _span_from_sentence(rates: pd.DataFrame, levels: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """A CAGR's first and last year, taken from its sentence's levels when the claim has no span."""
    keys = ["doc_id", "line", "quote", *IDENTITY, "geo"]
    span = levels.groupby(keys)["year"].agg(["min", "max"]).reset_index()
    probe = rates[keys]
    merged = probe.reset_index(names="row").merge(span, on=keys, how="left").set_index("row")
    merged = merged.reindex(rates.index)
    start = rates["period_start"].astype("Float64")
    end = rates["period_end"].astype("Float64")
    missing = start.isna() | end.isna() | (start >= end)
    return start.where(~missing, merged["min"]), end.where(~missing, merged["max"])


def _preceding_pair(rates: pd.DataFrame, levels: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two levels just before each rate in its sentence, in one unit and in increasing years
    that are the rate's period when it names one.

    A CAGR outside the glossary follows its endpoints, whatever metric they were given:
    从2022年的195亿美元增长到2026年的347亿美元，五年年复合增长率达17.3%.
    """
    keys = ["doc_id", "line", "quote"]
    found = levels[keys].join(levels[ENDPOINT_COLUMNS + ["start", "year"]].add_prefix("found_"))
    pairs = rates[keys + ["start"]].reset_index(names="row").merge(found, on=keys)
    pairs = pairs[pairs["found_start"] < pairs["start"]]
    pairs = pairs.sort_values(["row", "found_start"], ascending=[True, False])
    rank = pairs.groupby("row").cumcount()
    end, start = pairs[rank == 0].set_index("row"), pairs[rank == 1].set_index("row")
    both = end.index.intersection(start.index)
    end, start = end.loc[both], start.loc[both]
    named = rates.loc[both, ["period_start", "period_end"]].astype("Float64")
    fits = (start["found_base_unit"] == end["found_base_unit"]) & (start["found_year"] < end["found_year"])
    fits &= (named["period_start"].isna() | (named["period_start"] == start["found_year"])).fillna(False)
    fits &= (named["period_end"].isna() | (named["period_end"] == end["found_year"])).fillna(False)

    def endpoint(side: pd.DataFrame) -> pd.DataFrame:
        return side[fits].filter(like="found_").rename(columns=lambda c: c.removeprefix("found_"))

    return endpoint(start), endpoint(end)


def cagr_table(facts: pd.DataFrame, levels: pd.DataFrame) -> pd.DataFrame:
    """One row per stated CAGR whose endpoints were found: the CAGR range they allow vs the stated one."""
    rates = facts[(facts["measure"] == "cagr") & (facts["unit"] == "%")]
    first, last = _span_from_sentence(rates, levels)
    start = find_levels(rates, levels, first)
    end = find_levels(rates, levels, last)
    found = start.index.intersection(end.index)
    unlisted = rates[(rates["metric_id"] == "") & ~rates.index.isin(found)]
    before, after = _preceding_pair(unlisted, levels)
    start = pd.concat([start.drop(before.index, errors="ignore"), before[ENDPOINT_COLUMNS]])
    end = pd.concat([end.drop(after.index, errors="ignore"), after[ENDPOINT_COLUMNS]])
    first, last = first.astype("Float64"), last.astype("Float64")
    first.loc[before.index] = before["year"].astype("Float64")
    last.loc[after.index] = after["year"].astype("Float64")
    rows = rates.join(start.add_prefix("start_"), how="inner").join(end.add_prefix("end_"), how="inner")
    rows = rows[rows["start_base_unit"] == rows["end_base_unit"]]
    first, last = first.reindex(rows.index), last.reindex(rows.index)
    years = (last - first).astype("int64")
    low, high = cagr_bounds(rows["start_lo"], rows["start_hi"], rows["end_lo"], rows["end_hi"], years)
    factor = written_factor(rows["start_surface"], rows["start_base_value"])
    start_shown = format_number(rows["start_base_value"] / factor)
    end_shown = format_number(rows["end_base_value"] / factor)
    ratio = rows["end_base_value"] / rows["start_base_value"]
    point = format_number((ratio ** (1 / years) - 1) * 100, digits=4)
    words = _words_before(rows).map(stated_years)
    differ = words.notna() & (words != years)
    at_words = format_number((ratio ** (1 / words) - 1) * 100, digits=4)
    formula = "(" + end_shown + " / " + start_shown + ")^(1/"
    arithmetic = formula + years.astype(str) + ") − 1 = " + point + " %"
    named = words.fillna(0).astype(int).astype(str)
    arithmetic = arithmetic.where(
        ~differ, arithmetic + "; over the " + named + " years the text names: " + formula + named + ") − 1 = "
        + at_words + " %"
    )
    valid = np.isfinite(low) & np.isfinite(high)
    table = pd.DataFrame({
        "claim_key": claim_key(rows["claim_id"], rows["start_claim_id"], rows["end_claim_id"]),
        "metric_id": rows["metric_name"],
        "geo": rows["geo"],
        "period": first.astype("Int64").astype(str) + "-" + last.astype("Int64").astype(str),
        "observed": rows["surface"] + " CAGR; " + rows["start_surface"] + " → " + rows["end_surface"],
        "expected": format_number(low, digits=4) + "–" + format_number(high, digits=4)
        + " % from the endpoints as rounded",
        "arithmetic": arithmetic,
        "relative_gap": relative_gap(rows["stated_lo"], rows["stated_hi"], low, high),
        "years": years,
        "stated_years": words.fillna(0).astype(int),
        "years_differ": differ,
        "recomputed": point,
    })
    return table[valid]


def _stated_growths(facts: pd.DataFrame, levels: pd.DataFrame, decline_words: list[str]) -> pd.DataFrame:
    """Stated one-year growths with their document's current level and the prior level they imply:
    1751亿元 at +11.9 % → 1564.8亿元; a decline (同比下降40%) implies a higher prior year."""
    rates = facts[(facts["measure"] == "growth") & (facts["unit"] == "%") & in_one_year(facts)]
    year = rates["period_start"].astype("Float64")
    rows = rates.join(find_levels(rates, levels, year, proximity=IN_DOCUMENT).add_prefix("now_"), how="inner")
    pattern = "|".join(re.escape(w) for w in decline_words)
    # extract signs a stated decline (−40 for 同比下降40%); an unsigned one is read from its words
    decline = (rows["value"] > 0) & (rows["metric_text"].str.contains(pattern)
                                     | _words_before(rows).str.contains(pattern))
    sign = np.where(decline, -1.0, 1.0)
    rate_lo = np.where(decline, -rows["stated_hi"], rows["stated_lo"])
    rate_hi = np.where(decline, -rows["stated_lo"], rows["stated_hi"])
    with np.errstate(divide="ignore", invalid="ignore"):
        implied_lo = rows["now_lo"] / (1 + rate_hi / 100)
        implied_hi = rows["now_hi"] / (1 + rate_lo / 100)
    rows = rows.assign(
        prior_year=(year.reindex(rows.index) - 1).astype("Int64"),
        implied_lo=implied_lo, implied_hi=implied_hi,
        implied=rows["now_base_value"] / (1 + sign * rows["value"] / 100),
        factor=written_factor(rows["now_surface"], rows["now_base_value"]),
        rate_shown=format_number(sign * rows["value"], digits=4),
    )
    return rows[(rate_lo > -100) & np.isfinite(implied_hi)]


def _implied_arithmetic(rows: pd.DataFrame) -> pd.Series:
    """1751 / (1 + 11.9 %) = 1564.79, in the unit the current level is written in."""
    now = format_number(rows["now_base_value"] / rows["factor"])
    return now + " / (1 + " + rows["rate_shown"] + " %) = " + format_number(rows["implied"] / rows["factor"])


def growth_table(facts: pd.DataFrame, levels: pd.DataFrame, decline_words: list[str]) -> pd.DataFrame:
    """One row per stated growth whose current and prior-year levels its document states.

    The growth and current level imply the prior level (1751亿元 at +11.9 % → 1564.8亿元); that
    derived figure is compared with the prior level the document states, nearest first. Another
    document's prior level is a cross-source comparison (:func:`derived_prior_table`).
    """
    rows = _stated_growths(facts, levels, decline_words)
    prior = find_levels(rows, levels, rows["prior_year"].astype("Float64"), proximity=IN_DOCUMENT)
    rows = rows.join(prior.add_prefix("prior_"), how="inner")
    rows = rows[rows["now_base_unit"] == rows["prior_base_unit"]]
    recomputed = (rows["now_base_value"] / rows["prior_base_value"] - 1) * 100
    return pd.DataFrame({
        "claim_key": claim_key(rows["claim_id"], rows["now_claim_id"], rows["prior_claim_id"]),
        "metric_id": rows["metric_name"],
        "geo": rows["geo"],
        "period": rows["period"],
        "observed": rows["surface"] + " growth to " + rows["now_surface"] + "; prior year "
        + rows["prior_surface"],
        "expected": "prior year " + written_range(
            rows["implied_lo"], rows["implied_hi"], rows["prior_surface"], rows["prior_base_value"]
        ) + " from the rounded growth",
        "arithmetic": _implied_arithmetic(rows) + "; growth from the stated levels: "
        + format_number(recomputed, digits=4) + " %",
        "relative_gap": relative_gap(
            rows["implied_lo"], rows["implied_hi"], rows["prior_lo"], rows["prior_hi"]
        ),
        "recomputed": format_number(recomputed, digits=4),
    })


def derived_prior_table(facts: pd.DataFrame, levels: pd.DataFrame, decline_words: list[str]) -> pd.DataFrame:
    """A comparison table of the cross-source check: the prior-year level a document's growth implies
    against the prior-year level another document states (the first by document name). The derived
    figure cites its growth and current level."""
    rows = _stated_growths(facts[facts["metric_id"] != ""], levels, decline_words)
    key = ["metric", "scope", "geo", "year", "base_unit"]
    # Two documents per key are enough to find one that is not the growth's own: the cost stays linear.
    first_documents = levels.drop_duplicates([*key, "doc_id"]).sort_values([*key, "doc_id", "claim_id"])
    others = first_documents.groupby(key, sort=False).head(2)[PRIOR_COLUMNS].add_prefix("prior_")
    rows = rows.reset_index(names="row").merge(
        others, left_on=["metric", "scope", "geo", "prior_year", "now_base_unit"],
        right_on=["prior_metric", "prior_scope", "prior_geo", "prior_year", "prior_base_unit"],
    )
    rows = rows[rows["prior_doc_id"] != rows["doc_id"]].drop_duplicates("row")
    gap = relative_gap(rows["implied_lo"], rows["implied_hi"], rows["prior_lo"], rows["prior_hi"])
    percent = format_number(gap * 100, digits=3)
    return pd.DataFrame({
        "claim_key": claim_key(rows["claim_id"], rows["now_claim_id"], rows["prior_claim_id"]),
        "metric_id": rows["metric"],
        "geo": rows["geo"],
        "period": rows["prior_year"].astype(str),
        "observed": rows["now_surface"] + " at " + rows["rate_shown"] + " % (" + rows["doc_id"] + "); "
        + rows["prior_surface"] + " (" + rows["prior_doc_id"] + ")",
        "expected": "the prior year the growth implies: "
        + written_range(rows["implied_lo"], rows["implied_hi"], rows["now_surface"], rows["now_base_value"]),
        "arithmetic": _implied_arithmetic(rows) + "; gap " + percent + " % of the figure",
        "relative_gap": gap,
        "gap_percent": percent,
        "definitions_may_differ": False,
        "by_phrase": False,
        "phrases": "",
        **kind_columns(
            kind_bits(rows["kind"]), kind_bits(rows["prior_kind"]), rows["doc_id"], rows["prior_doc_id"]
        ),
    })
