"""CAGR and growth recomputation: a stated rate against the level figures it implies."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from .agreement import kind_bits, kind_columns
from .findings import ComparisonTable, build_findings, claim_key, has_flag, join_within, text_before, trusted
from .suite import Suites
from .tolerance import cagr_bounds, format_number, relative_gap, written_factor, written_range

LEVEL_TYPES = ["level", "count", "price"]
ENDPOINT_COLUMNS = [
    "claim_id", "doc_id", "kind", "surface", "base_unit", "base_value", "lo", "hi", "metric_name",
]
PROXIMITY = [["sentence"], ["doc_id", "line"], ["doc_id"], []]
"""Where an endpoint is looked for, nearest first: the same sentence, line (paragraph), document, anywhere."""
IN_DOCUMENT = PROXIMITY[:3]
"""A growth is recomputed from its own document's levels; other documents' priors are cross-source."""
PRIOR_COLUMNS = [
    "claim_id", "doc_id", "kind", "surface", "lo", "hi", "base_unit", "metric", "scope", "geo", "year",
]
RECOMPUTED_COLUMNS = [
    "claim_id", "doc_id", "line", "start", "sentence", "surface", "quote", "metric_text", "value", "unit",
    "base_value", "base_unit", "lo", "hi", "stated_lo", "stated_hi", "qualifier", "kind", "measure",
    "period_start", "period_end", "period_grain", "period", "geo", "flags", "metric_id", "metric",
    "metric_name", "scope", "identity", "publisher",
]
"""The fact columns recomputation reads."""
IDENTITY = ["identity"]
"""What a rate and the level it is about share, numbered once by :func:`recon.checks.check_facts`: the
metric (glossary id or subject), the definition words, the geography, and for a subject outside the
glossary its document."""

CHINESE_DIGITS = dict(zip("一二两三四五六七八九十", [1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10], strict=True))
ENGLISH_DIGITS = dict(
    zip(["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"], range(2, 11), strict=True)
)
STATED_YEARS = re.compile(
    r"([一二两三四五六七八九十]|\d{1,2})\s*年(?:年|期间|间)?均?复合|(\w+)[- ]year\s+(?:CAGR|compound)", re.I
)
INFERRED = "period-inferred"
"""recon.match's flag of a figure whose year is its document's present."""
PREFIX_CHARS = 16
"""How much text before a growth is read for the words that make it a decline (同比下降)."""
SPAN_CHARS = 48
"""How much text before a CAGR is read for the span it names: 'a five-year compound annual growth rate
of' is 43 characters; the reach stops at the rate before it (:data:`SPAN_STOPS`)."""
SPAN_STOPS = re.compile(r"[%％；;。]")
"""Where the words about the rate before end: its % sign, a clause or sentence mark."""

READING_COLUMNS = [
    "row", "order", "gap", "low", "high", "years", "words", "base_year", "end_year", "label", "implied_text",
    "base_value", "end_base_value", "factor", "claims", "growth_claim", "base_surface", "growth_surface",
    "end_surface", "end_claim_id", "end_metric_name",
]
"""What :func:`cagr_table` reads of the readings tried: they are many, so each column kept costs."""


class CagrTable(ComparisonTable):
    """A stated CAGR with the endpoint levels found for its period, read the way that fits best."""

    relative_gap: Series[float] = pa.Field(ge=0, description="of the reading that fits best")
    reading: Series[str] = pa.Field(description="that reading, in words: 'as stated', 'over the 5 years …'")
    fit: Series[str] = pa.Field(description="that reading's arithmetic")
    readings: Series[int] = pa.Field(ge=1, description="how many readings were tried")
    years: Series[int] = pa.Field(ge=1)
    years_differ: Series[bool] = pa.Field(description="the text names a span other than the best reading's")


class DerivedFigureTable(ComparisonTable):
    """A figure derived from one source's figures (a growth's prior year, a share's part) against the
    figure another statement gives."""

    relative_gap: Series[float] = pa.Field(ge=0)
    mixed_kind: Series[bool]
    definitions_may_differ: Series[bool] = pa.Field(
        description="two documents not known to share a publisher, one figure ``definition_factor`` times "
        "the other or more"
    )


class GrowthTable(ComparisonTable):
    """A stated growth, its current level, and the prior period's level it implies and the one stated."""

    relative_gap: Series[float] = pa.Field(ge=0)
    across: Series[bool] = pa.Field(description="a level comes from another document than the growth")


def check_recomputation(facts: pd.DataFrame, suites: Suites) -> list[pd.DataFrame]:
    """Findings of the CAGR and growth recomputations.

    :param facts: facts with intervals (:func:`recon.checks.tolerance.with_intervals`)
    :param suites: the loaded suites; the words that make a growth a decline are the
        growth-recomputation check's
    """
    findings = []
    words = _decline_words(suites)
    if "cagr-recomputation" in suites.checks:
        spec = suites.checks["cagr-recomputation"]
        kept = _read(facts, spec)
        table = CagrTable.validate(cagr_table(kept, level_facts(kept), signed_growths(kept, words)))
        findings.append(build_findings(table, spec))
    if "growth-recomputation" in suites.checks:
        spec = suites.checks["growth-recomputation"]
        facts = _read(facts, spec)
        table = GrowthTable.validate(growth_table(facts, level_facts(facts), words))
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
    spec = suites.checks["cross-source-agreement"]
    facts = _read(facts, spec)
    table = derived_prior_table(facts, level_facts(facts), _decline_words(suites),
                                spec.param("definition_factor"))
    return [build_findings(DerivedFigureTable.validate(table), spec)]


def _read(facts: pd.DataFrame, spec) -> pd.DataFrame:
    """The facts ``spec``'s check may compare (:func:`trusted`), with only the columns recomputation
    reads: every table it derives copies them, so the narrower the lighter."""
    return facts.loc[trusted(facts, spec), RECOMPUTED_COLUMNS]


def _decline_words(suites: Suites) -> list[str]:
    growth = suites.checks.get("growth-recomputation")
    return growth.params.get("decline_words", []) if growth else []


def in_one_year(facts: pd.DataFrame) -> pd.Series:
    """Which facts speak of one calendar year: only those have a prior year and can be an endpoint."""
    return (facts["period_grain"] == "year") & (facts["period_start"] == facts["period_end"])


def level_facts(facts: pd.DataFrame) -> pd.DataFrame:
    """Level facts of one calendar year, in document order as the facts are: the candidates for
    endpoints and prior periods."""
    levels = facts[facts["measure"].isin(LEVEL_TYPES) & in_one_year(facts)]
    return levels.assign(year=levels["period_start"].astype("int64"))


def find_levels(
    rows: pd.DataFrame, levels: pd.DataFrame, year: pd.Series,
    proximity: list[list[str]] = PROXIMITY, columns: list[str] = ENDPOINT_COLUMNS,
) -> pd.DataFrame:
    """For each row, the level of its identity (metric, scope, geo) in ``year``: the nearest statement wins.

    :param rows: the rates looking for a level (identity, doc_id, line, sentence)
    :param levels: candidate level facts from :func:`level_facts`
    :param year: the year wanted, aligned with ``rows``
    :param proximity: where to look, nearest first (:data:`PROXIMITY`)
    :param columns: the level's columns returned
    :return: endpoint columns indexed like the rows that found one
    """
    probe = rows[["doc_id", "line", "sentence", *IDENTITY]].assign(year=year)
    probe = probe.dropna(subset=["year"]).astype({"year": "int64"})
    rows_found, levels_found = [], []
    for near in proximity:
        keys = [*IDENTITY, "year"] + near
        first = ~levels.duplicated(keys).to_numpy()
        candidates = levels.loc[first, keys].assign(level=np.flatnonzero(first))
        hits = probe.reset_index(names="row").merge(candidates, on=keys)
        rows_found.append(hits["row"].to_numpy())
        levels_found.append(hits["level"].to_numpy())
        probe = probe[~probe.index.isin(hits["row"])]
    # the level columns are taken once, by position: a row selection copies every column it is given
    found = levels[columns].iloc[np.concatenate(levels_found)]
    return found.set_axis(pd.Index(np.concatenate(rows_found), name="row"))


def _words_before(rows: pd.DataFrame, length: int = PREFIX_CHARS) -> pd.Series:
    """The ``length`` characters just before each rate in its sentence, where 同比下降 is written."""
    prefixes = [
        text_before(quote, surface, length) or ""
        for quote, surface in zip(rows["quote"], rows["surface"], strict=True)
    ]
    return pd.Series(prefixes, index=rows.index, dtype=object)


def _span_words(rows: pd.DataFrame) -> pd.Series:
    """The words before each CAGR back to the rate before it, where 五年 or five-year is written: a
    span named for an earlier rate of the sentence is not this one's."""
    return _words_before(rows, SPAN_CHARS).map(lambda prefix: SPAN_STOPS.split(prefix)[-1])


def stated_years(prefix: str) -> float:
    """The span a text gives a CAGR in words (五年年复合增长率 → 5), or NaN.

    >>> stated_years("增长到2026年的347亿美元，五年年复合增长率达"), stated_years("期间年复合增长率达")
    (5.0, nan)
    >>> stated_years("in 2026, a five-year CAGR of "), stated_years("a 5-year compound growth rate of ")
    (5.0, 5.0)
    """
    matches = list(STATED_YEARS.finditer(prefix))
    if not matches:
        return float("nan")
    digits, english = matches[-1].groups()
    if english:
        return float(english) if english.isdigit() else float(ENGLISH_DIGITS.get(english.lower(), "nan"))
    return float(CHINESE_DIGITS[digits]) if digits in CHINESE_DIGITS else float(digits)


def _span_from_sentence(rates: pd.DataFrame, levels: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """A CAGR's first and last year, taken from its sentence's levels when the claim has no span."""
    keys = ["sentence", *IDENTITY]
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
    that are the rate's period when it names one (the first may be the year after the period's
    start: its stated growth then implies the start).

    A CAGR outside the glossary follows its endpoints, whatever metric they were given:
    从2022年的195亿美元增长到2026年的347亿美元，五年年复合增长率达17.3%.
    """
    keys = ["sentence"]
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
    first = named["period_start"]
    fits &= (first.isna() | (first == start["found_year"]) | (first == start["found_year"] - 1)).fillna(False)
    fits &= (named["period_end"].isna() | (named["period_end"] == end["found_year"])).fillna(False)

    def endpoint(side: pd.DataFrame) -> pd.DataFrame:
        return side[fits].filter(like="found_").rename(columns=lambda c: c.removeprefix("found_"))

    return endpoint(start), endpoint(end)


def _endpoints(rates: pd.DataFrame, levels: pd.DataFrame):
    """Each CAGR's span and the levels it may be recomputed from: (first, last, start, later, end).

    ``start`` is the level of the first year, ``later`` that of the year after (whose stated growth
    implies the first year's), ``end`` that of the last year; a CAGR outside the glossary whose
    metric finds none takes the two levels before it in its sentence (:func:`_preceding_pair`).
    """
    first, last = _span_from_sentence(rates, levels)
    start = find_levels(rates, levels, first)
    later = find_levels(rates, levels, first + 1)
    end = find_levels(rates, levels, last)
    found = end.index.intersection(start.index.union(later.index))
    unlisted = rates[(rates["metric_id"] == "") & ~rates.index.isin(found)]
    before, after = _preceding_pair(unlisted, levels)
    first, last = first.astype("Float64"), last.astype("Float64")
    first.loc[before.index] = first.loc[before.index].fillna(before["year"].astype("Float64"))
    last.loc[after.index] = after["year"].astype("Float64")
    is_later = (first.loc[before.index] == before["year"] - 1).fillna(False)
    start = pd.concat([start.drop(before.index, errors="ignore"), before.loc[~is_later, ENDPOINT_COLUMNS]])
    later = pd.concat([later.drop(before.index, errors="ignore"), before.loc[is_later, ENDPOINT_COLUMNS]])
    end = pd.concat([end.drop(after.index, errors="ignore"), after[ENDPOINT_COLUMNS]])
    return first, last, start, later, end


def _growth_of(found: pd.DataFrame, levels: pd.DataFrame, growths: pd.DataFrame) -> pd.DataFrame:
    """The growth its document states for each found level's metric, geo and year, signed, with the
    level it implies for the year before (91亿美元 at +82.5 % → 49.86亿美元)."""
    if found.empty or growths.empty:
        return pd.DataFrame(columns=[*ENDPOINT_COLUMNS, "rate_lo", "rate_hi", "rate_shown", "implied",
                                     "implied_lo", "implied_hi"], index=found.index[:0])
    rows = levels.drop_duplicates("claim_id").set_index("claim_id").reindex(found["claim_id"])
    rows.index = found.index
    hits = find_levels(rows, growths, rows["year"].astype("Float64"), proximity=IN_DOCUMENT)
    rates = growths.drop_duplicates("claim_id").set_index("claim_id").loc[hits["claim_id"]]
    rates.index = hits.index
    level = found.loc[hits.index]
    with np.errstate(divide="ignore", invalid="ignore"):
        return hits.assign(
            rate_lo=rates["rate_lo"], rate_hi=rates["rate_hi"], rate_shown=rates["rate_shown"],
            implied=level["base_value"] / (1 + rates["rate"] / 100),
            implied_lo=level["lo"] / (1 + rates["rate_hi"] / 100),
            implied_hi=level["hi"] / (1 + rates["rate_lo"] / 100),
        )[(rates["rate_lo"] > -100).to_numpy()]


def _readings(rates, first, last, start, later, end, levels, growths) -> pd.DataFrame:
    """Every reading an analyst would try for each CAGR, one row each (indexed by the rate's row):
    the span as stated; the span its phrase names (五年); a base its first year's stated growth
    implies for the year before; the first year the next year's level and stated growth imply, when
    the text states no level for it (a stated level is what the CAGR is checked against).

    The level of the year after the first stands in for a missing first level only when its growth
    is stated: without one, two figures of other years are not the CAGR's endpoints.
    """
    words = _span_words(rates.loc[rates.index.intersection(end.index)]).map(stated_years)
    grown = {"start": _growth_of(start, levels, growths), "later": _growth_of(later, levels, growths)}
    stand_in = later.loc[later.index.intersection(grown["later"].index).difference(start.index)]
    bases = pd.concat([start.assign(base_year=first.reindex(start.index)),
                       stand_in.assign(base_year=first.reindex(stand_in.index) + 1)])
    plain = bases.assign(
        years=last.reindex(bases.index) - bases["base_year"], order=0, label="as stated",
        claims=bases["claim_id"], growth_claim="", growth_surface="", implied_text="",
        factor=written_factor(bases["surface"], bases["base_value"]),
    ).rename(columns={"surface": "base_surface", "lo": "base_lo", "hi": "base_hi"})
    named_years = words.reindex(plain.index)
    named = plain[named_years.notna() & (named_years != plain["years"])]
    named_years = named_years.reindex(named.index)
    named = named.assign(
        years=named_years, order=1,
        label="over the " + named_years.fillna(0).astype(int).astype(str) + " years the text names",
    )
    # A base a stated growth implies never overrides a level the text states for that year: the
    # first year's, or the year before's, which is then tried in its place.
    grown["later"] = grown["later"][~grown["later"].index.isin(start.index)]
    year_before = first.reindex(grown["start"].index) - 1
    stated_before = find_levels(rates.loc[year_before.index], levels, year_before)
    grown["start"] = grown["start"][~grown["start"].index.isin(stated_before.index)]
    sides = [("start", start, 1), ("later", later, 0)]
    implied = [_implied_base(levels_of, grown[name], first - shift, last, order)
               for order, (name, levels_of, shift) in enumerate(sides, start=2)]
    before = _stated_base(stated_before, year_before.reindex(stated_before.index), last)
    readings = pd.concat([plain, named, before, *implied]).drop(columns=["claim_id"])
    readings = readings.join(end.add_prefix("end_"), how="inner")
    readings = readings.assign(years=readings["years"].astype(float))
    readings = readings[(readings["base_unit"] == readings["end_base_unit"]) & (readings["years"] >= 1)]
    return readings.assign(words=words.reindex(readings.index).to_numpy(),
                           end_year=last.reindex(readings.index).to_numpy()).rename_axis(None)


def _stated_base(levels_of: pd.DataFrame, base_year: pd.Series, last: pd.Series) -> pd.DataFrame:
    """Readings from the level the text states for ``base_year``, the year before a CAGR's first whose
    growth is stated: the base that growth points to, as stated rather than implied."""
    return levels_of.assign(
        base_year=base_year, years=last.reindex(levels_of.index) - base_year, order=2,
        claims=levels_of["claim_id"], growth_claim="", growth_surface="", implied_text="",
        factor=written_factor(levels_of["surface"], levels_of["base_value"]),
        label="from the " + base_year.astype("Int64").astype(str) + " level the text states",
    ).rename(columns={"surface": "base_surface", "lo": "base_lo", "hi": "base_hi"})


def _implied_base(levels_of: pd.DataFrame, growth: pd.DataFrame, base_year: pd.Series, last: pd.Series,
                  order: int) -> pd.DataFrame:
    """Readings from the base a level's stated growth implies for ``base_year``, the year before it."""
    level = levels_of.loc[growth.index]
    base_year = base_year.reindex(growth.index)
    factor = written_factor(level["surface"], level["base_value"])
    year_text = base_year.astype("Int64").astype(str)
    return level.assign(
        base_value=growth["implied"], base_lo=growth["implied_lo"], base_hi=growth["implied_hi"],
        base_surface=level["surface"], base_year=base_year, years=last.reindex(growth.index) - base_year,
        order=order, claims=level["claim_id"], growth_claim=growth["claim_id"], factor=factor,
        growth_surface=growth["surface"],
        label="from the " + year_text + " base that the " + (base_year + 1).astype("Int64").astype(str)
        + " growth of " + growth["rate_shown"] + " % implies",
        implied_text=format_number(level["base_value"] / factor) + " / (1 + " + growth["rate_shown"]
        + " %) = " + format_number(growth["implied"] / factor) + "; ",
    ).drop(columns=["surface", "lo", "hi"])


def cagr_table(facts: pd.DataFrame, levels: pd.DataFrame, growths: pd.DataFrame) -> pd.DataFrame:
    """One row per stated CAGR with endpoints: the CAGR range the reading that fits best allows vs the
    stated one, and the arithmetic of every reading tried (:func:`_readings`), as stated first.

    :param facts: the facts, CAGRs among them
    :param levels: from :func:`level_facts`
    :param growths: from :func:`signed_growths`: the stated growths that may imply a base
    """
    rates = facts[(facts["measure"] == "cagr") & (facts["unit"] == "%")]
    readings = _readings(rates, *_endpoints(rates, levels), levels, growths)
    years = readings["years"].astype("int64")
    low, high = cagr_bounds(readings["base_lo"], readings["base_hi"], readings["end_lo"], readings["end_hi"],
                            years)
    stated = rates[["stated_lo", "stated_hi"]].loc[readings.index]
    readings = readings.assign(
        low=low, high=high, years=years, row=readings.index,
        gap=relative_gap(stated["stated_lo"], stated["stated_hi"], low, high),
    )
    readings = _worked(readings.loc[np.isfinite(low) & np.isfinite(high), READING_COLUMNS])
    tried = readings.groupby("row", sort=True)
    best = readings.sort_values(["row", "gap", "order"], kind="stable").drop_duplicates("row")
    best = best.set_index("row").sort_index()
    rows = rates.loc[best.index, ["claim_id", "surface", "metric_name", "geo"]]
    words = best["words"]
    return pd.DataFrame({
        "claim_key": _cited(readings, best, rows),
        "metric_id": _cagr_metric(rows["metric_name"], best["end_metric_name"]),
        "geo": rows["geo"],
        "period": best["base_year"].astype("Int64").astype(str) + "-"
        + best["end_year"].astype("Int64").astype(str),
        "observed": _cagr_observed(readings, best, rows),
        "expected": format_number(best["low"], digits=4) + "–" + format_number(best["high"], digits=4)
        + " % from the endpoints as rounded",
        "arithmetic": pd.Series(join_within(tried.ngroup().to_numpy(), readings["fit"], "; "),
                                index=tried.size().index).reindex(best.index),
        "relative_gap": best["gap"],
        "reading": best["label"],
        "fit": best["fit"],
        "readings": tried.size().reindex(best.index),
        "years": best["years"],
        "stated_years": words.fillna(0).astype(int),
        "years_differ": words.notna() & (words != best["years"]),
        "recomputed": best["point"],
    })


def _cagr_metric(own: pd.Series, end: pd.Series) -> pd.Series:
    """What a CAGR's finding is about: its own metric, else that of the level it ends at (a rate whose
    phrase names only 五年年复合增长率 is about the market its endpoints measure)."""
    of_end = (end + " (cagr)").where(end != "", "")
    return own.where(own != "", of_end)


def _worked(readings: pd.DataFrame) -> pd.DataFrame:
    """Readings with their arithmetic (``fit``: (2886 / 416.667)^(1/5) − 1 = 47.27 %, named unless it is
    the span as stated) and recomputed rate (``point``), in the order they are tried."""
    factor = readings["factor"]
    ratio = readings["end_base_value"] / readings["base_value"]
    point = format_number((ratio ** (1 / readings["years"]) - 1) * 100, digits=4)
    formula = (
        "(" + format_number(readings["end_base_value"] / factor) + " / "
        + format_number(readings["base_value"] / factor) + ")^(1/" + readings["years"].astype(str)
        + ") − 1 = " + point + " %"
    )
    named = readings["label"] + ": " + readings["implied_text"] + formula
    return readings.assign(fit=formula.where(readings["order"] == 0, named), point=point).sort_values(
        ["row", "order"], kind="stable"
    )


def _cited(readings: pd.DataFrame, best: pd.DataFrame, rows: pd.DataFrame) -> pd.Series:
    """The claims of each CAGR's finding: the rate, its end, and every base tried (levels, growths)."""
    growths = readings.loc[readings["growth_claim"] != "", ["row", "growth_claim"]]
    cited = pd.concat([readings[["row", "claims"]], growths.rename(columns={"growth_claim": "claims"}),
                       pd.DataFrame({"row": best.index, "claims": best["end_claim_id"]}),
                       pd.DataFrame({"row": best.index, "claims": rows["claim_id"]})])
    cited = cited.drop_duplicates().sort_values(["row", "claims"])
    codes = cited.groupby("row", sort=True).ngroup().to_numpy()
    return pd.Series(join_within(codes, cited["claims"], "|"), index=best.index)


def _cagr_observed(readings: pd.DataFrame, best: pd.DataFrame, rows: pd.DataFrame) -> pd.Series:
    """'47.3% CAGR; 725亿元 → 2886亿元; 74% growth': the rate, its stated endpoints (else the level
    the growth starts from) and the growth a reading used."""
    growths = readings[readings["growth_surface"] != ""].drop_duplicates("row").set_index("row")
    growth = growths["growth_surface"].reindex(best.index)
    plain = readings[readings["order"] <= 1].drop_duplicates("row").set_index("row")["base_surface"]
    start = plain.reindex(best.index).fillna(best["base_surface"])
    observed = rows["surface"] + " CAGR; " + start + " → " + best["end_surface"]
    return observed.where(growth.isna(), observed + "; " + growth.fillna("") + " growth")


def signed_growths(facts: pd.DataFrame, decline_words: list[str]) -> pd.DataFrame:
    """Stated one-year growths in %, with ``year``, the signed ``rate`` and its interval
    ``rate_lo``/``rate_hi``: extraction signs a stated decline (−40 for 同比下降40%); an unsigned one
    is read from its words (``decline_words`` in its phrase or just before it)."""
    rates = facts[(facts["measure"] == "growth") & (facts["unit"] == "%") & in_one_year(facts)]
    decline = pd.Series(False, index=rates.index)
    if decline_words:
        pattern = "|".join(re.escape(w) for w in decline_words)
        maybe = (rates["value"] > 0) & rates["quote"].str.contains(pattern)
        near = rates[maybe]
        phrase = near["metric_text"].str.contains(pattern)
        decline[near.index] = phrase | _words_before(near).str.contains(pattern)
    sign = np.where(decline, -1.0, 1.0)
    return rates.assign(
        year=rates["period_start"].astype("int64"),
        rate=sign * rates["value"],
        rate_lo=np.where(decline, -rates["stated_hi"], rates["stated_lo"]),
        rate_hi=np.where(decline, -rates["stated_lo"], rates["stated_hi"]),
        rate_shown=format_number(sign * rates["value"], digits=4),
    )


def _implied_prior(rows: pd.DataFrame) -> pd.DataFrame:
    """The prior level each growth and its current level (``now_`` columns) imply, as an interval:
    1751亿元 at +11.9 % → 1564.8亿元; 超过600 at +20 % → at least 500 (an open bound stays one)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        rows = rows.assign(
            prior_year=(rows["year"] - 1).astype("int64"),
            implied_lo=rows["now_lo"] / (1 + rows["rate_hi"] / 100),
            implied_hi=rows["now_hi"] / (1 + rows["rate_lo"] / 100),
            implied=rows["now_base_value"] / (1 + rows["rate"] / 100),
            factor=written_factor(rows["now_surface"], rows["now_base_value"]),
        )
    return rows[(rows["rate_lo"] > -100) & np.isfinite(rows["implied_lo"])]


BOUND_MARKS = {"lower_bound": "≥ ", "upper_bound": "≤ ", "approx": "≈ "}
"""How the arithmetic marks a figure stated as a bound or an approximation."""


def _implied_arithmetic(rows: pd.DataFrame) -> pd.Series:
    """1751 / (1 + 11.9 %) = 1564.79, in the unit the current level is written in; a bound stays one
    (≥ 600 / (1 + 20 %) = ≥ 500)."""
    mark = rows["now_qualifier"].map(BOUND_MARKS).fillna("")
    now = format_number(rows["now_base_value"] / rows["factor"])
    implied = format_number(rows["implied"] / rows["factor"])
    return mark + now + " / (1 + " + rows["rate_shown"] + " %) = " + mark + implied


def _not_inferred(facts: pd.DataFrame) -> pd.DataFrame:
    """Facts whose year is stated: a year read as a document's present is no evidence against another
    document."""
    return facts[~has_flag(facts["flags"], INFERRED)]


def growth_table(facts: pd.DataFrame, levels: pd.DataFrame, decline_words: list[str]) -> pd.DataFrame:
    """One row per stated growth whose current and prior-year levels are stated, nearest first.

    The growth and current level imply the prior level (1751亿元 at +11.9 % → 1564.8亿元); that
    derived figure is compared with the prior level stated. Both levels are looked for in the
    growth's document first; a current level only another document states is taken from there
    (``across``), with the prior level from the growth's document, else the current level's, else
    any. A growth whose current level its own document states but whose prior it does not is a
    cross-source comparison (:func:`derived_prior_table`).
    """
    rates = signed_growths(facts, decline_words)
    columns = [*ENDPOINT_COLUMNS, "qualifier"]
    own = find_levels(rates, levels, rates["year"], proximity=IN_DOCUMENT, columns=columns)
    dated, dated_levels = _not_inferred(rates.drop(own.index)), _not_inferred(levels)
    other = find_levels(dated, dated_levels, dated["year"], proximity=[[]], columns=columns)
    rows = rates.join(pd.concat([own, other]).add_prefix("now_"), how="inner")
    rows = _implied_prior(rows.assign(across=~rows.index.isin(own.index)))
    prior_year = rows["prior_year"]
    prior = find_levels(rows, levels, prior_year, proximity=IN_DOCUMENT)
    crossing = rows[rows["across"]].drop(prior.index, errors="ignore")
    elsewhere = find_levels(crossing.assign(doc_id=crossing["now_doc_id"]), dated_levels,
                            prior_year.reindex(crossing.index), proximity=[["doc_id"], []])
    rows = rows.join(pd.concat([prior, elsewhere]).add_prefix("prior_"), how="inner")
    rows = rows[rows["now_base_unit"] == rows["prior_base_unit"]]
    with np.errstate(divide="ignore", invalid="ignore"):
        low = (rows["now_lo"] / rows["prior_hi"] - 1) * 100
        high = (rows["now_hi"] / rows["prior_lo"] - 1) * 100
    recomputed = (rows["now_base_value"] / rows["prior_base_value"] - 1) * 100
    sources = np.where(rows["across"], " (" + rows["now_doc_id"] + ")", "")
    prior_sources = np.where(rows["prior_doc_id"] != rows["doc_id"], " (" + rows["prior_doc_id"] + ")", "")
    return pd.DataFrame({
        "claim_key": claim_key(rows["claim_id"], rows["now_claim_id"], rows["prior_claim_id"]),
        "metric_id": rows["metric_name"],
        "geo": rows["geo"],
        "period": rows["period"],
        "observed": rows["surface"] + " growth (" + rows["doc_id"] + ") to " + rows["now_surface"] + sources
        + "; prior year " + rows["prior_surface"] + prior_sources,
        "expected": "prior year " + written_range(
            rows["implied_lo"], rows["implied_hi"], rows["prior_surface"], rows["prior_base_value"]
        ) + " from the rounded growth",
        "arithmetic": _implied_arithmetic(rows) + "; growth from the stated levels: "
        + format_number(recomputed, digits=4) + " % (" + format_number(low, digits=4) + "–"
        + format_number(high, digits=4) + " % as rounded)",
        "relative_gap": relative_gap(
            rows["implied_lo"], rows["implied_hi"], rows["prior_lo"], rows["prior_hi"]
        ),
        "recomputed": format_number(recomputed, digits=4),
        "across": rows["across"],
    })


def derived_prior_table(facts: pd.DataFrame, levels: pd.DataFrame, decline_words: list[str],
                        definition_factor: float) -> pd.DataFrame:
    """A comparison table of the cross-source check: the prior-year level a document's growth and
    current level imply against the prior-year level every other document states (each of its
    distinct statements once). The derived figure cites its growth and current level.

    The cost is that of one merge on (metric, scope, geo, year, unit): the rows it makes are the
    comparisons reported.
    """
    rates = _not_inferred(signed_growths(facts[facts["metric_id"] != ""], decline_words))
    now = find_levels(rates, _not_inferred(levels), rates["year"], proximity=IN_DOCUMENT,
                      columns=[*ENDPOINT_COLUMNS, "qualifier"])
    rows = _implied_prior(rates.join(now.add_prefix("now_"), how="inner"))
    key = [*IDENTITY, "year", "base_unit"]
    stated = _not_inferred(levels).drop_duplicates([*key, "doc_id", "lo", "hi"])
    others = stated[PRIOR_COLUMNS + [*IDENTITY, "base_value", "publisher"]].add_prefix("prior_")
    rows = rows.reset_index(names="row").merge(
        others, left_on=[*IDENTITY, "prior_year", "now_base_unit"],
        right_on=[f"prior_{k}" for k in IDENTITY] + ["prior_year", "prior_base_unit"],
    )
    rows = rows[rows["prior_doc_id"] != rows["doc_id"]]
    gap = relative_gap(rows["implied_lo"], rows["implied_hi"], rows["prior_lo"], rows["prior_hi"])
    percent = format_number(gap * 100, digits=3)
    low = np.minimum(np.abs(rows["implied"]), np.abs(rows["prior_base_value"]))
    high = np.maximum(np.abs(rows["implied"]), np.abs(rows["prior_base_value"]))
    # as in the agreement check: only one known publisher stating both makes a gap a conflict
    publishers = ~((rows["publisher"] == rows["prior_publisher"]) & (rows["publisher"] != ""))
    return pd.DataFrame({
        "claim_key": claim_key(rows["claim_id"], rows["now_claim_id"], rows["prior_claim_id"]),
        "metric_id": rows["metric"],
        "geo": rows["geo"],
        "period": rows["prior_year"].astype(str),
        "observed": rows["now_qualifier"].map(BOUND_MARKS).fillna("") + rows["now_surface"] + " at "
        + rows["rate_shown"] + " % (" + rows["doc_id"] + "); "
        + rows["prior_surface"] + " (" + rows["prior_doc_id"] + ")",
        "expected": "the prior year the growth implies: "
        + written_range(rows["implied_lo"], rows["implied_hi"], rows["now_surface"], rows["now_base_value"]),
        "arithmetic": _implied_arithmetic(rows) + "; gap " + percent + " % of the figure",
        "relative_gap": gap,
        "gap_percent": percent,
        "definitions_may_differ": publishers & (high >= definition_factor * low),
        "by_phrase": False,
        "phrases": "",
        **kind_columns(
            kind_bits(rows["kind"]), kind_bits(rows["prior_kind"]), rows["doc_id"], rows["prior_doc_id"]
        ),
    })
