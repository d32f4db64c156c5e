"""Cross-source agreement, intra-document conflict and incomparable currencies, within matched groups."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from recon.schemas import KINDS, Finding, empty

from .findings import (
    ComparisonTable,
    build_findings,
    finding_id,
    grouped_claims,
    has_flag,
    join_within,
    trusted,
)
from .suite import CheckSpec, Suites
from .tolerance import format_number, relative_gap, written_range

INFERRED = "period-inferred"
"""recon.match's flag of a figure whose year is its document's present."""
SAME_KEY = ["group_id", "period", "period_grain", "type", "dimension"]
"""Members of a group are compared only when period, grain, claim type and dimension agree too:
a half-year is never set against a full year, a growth never against a level."""

STATEMENT_COLUMNS = [
    "statement", "claim_ids", "doc_id", "surface", "shown", "restated", "kinds", "base_unit", "base_value",
    "lo", "hi", "inferred", "publisher", "origin", "family", "metric_id", "subject",
]


class PairTable(ComparisonTable):
    """Two statements from different documents about the same key."""

    relative_gap: Series[float] = pa.Field(ge=0)
    definitions_may_differ: Series[bool] = pa.Field(
        description="two documents not known to share a publisher, one figure ``definition_factor`` times "
        "the other or more"
    )
    by_phrase: Series[bool] = pa.Field(
        description="the sides name their subject in different words outside the glossary: the matcher "
        "joined them by phrase similarity, not by a metric the glossary defines"
    )
    phrases: Series[str] = pa.Field(description="“subject a” ~ “subject b”, as the texts name them")
    mixed_kind: Series[bool] = pa.Field(description="the statements are not all of one kind")
    like_for_like: Series[bool] = pa.Field(description="both statements have a kind in common")


class ConflictTable(ComparisonTable):
    """All the facts one document states about one key."""

    relative_gap: Series[float] = pa.Field(ge=0)
    mixed_kind: Series[bool]
    inferred: Series[bool] = pa.Field(description="a statement's year is its document's present, not stated")
    claims: Series[int] = pa.Field(ge=2)


class CurrencyTable(ComparisonTable):
    """Two facts about one key in currencies with no exchange rate configured."""

    unit_a: Series[str]
    unit_b: Series[str]


def check_agreement(facts: pd.DataFrame, suites: Suites) -> list[pd.DataFrame]:
    """Findings of the agreement family over facts that carry a ``group_id`` and intervals.

    :param facts: matched facts with ``lo``/``hi`` from :func:`recon.checks.tolerance.with_intervals`
    :param suites: the loaded suites; checks absent from them are not run
    """
    grouped = facts[facts["group_id"] != ""]
    grouped = _in_common_currency(grouped, suites)
    findings = []
    if "cross-source-agreement" in suites.checks:
        spec = suites.checks["cross-source-agreement"]
        _, pairs = statement_pairs(facts, suites, spec, read_periods=True)
        read = pairs["inferred_a"] | pairs["inferred_b"]
        factor = spec.param("definition_factor")
        # (no copy of the pairs when none has a read year: there are as many as the facts)
        sides = (pairs[~read], pairs[read]) if read.any() else (pairs, pairs.iloc[:0])
        stated, agreeing = (build_findings(PairTable.validate(_pair_table(part, factor)), spec)
                            for part in sides)
        # a period read as a document's present may be wrong: agreement is still evidence, a gap is not
        agreeing = agreeing[agreeing["outcome"] == "pass"] if len(agreeing) else agreeing
        both = pd.concat([stated, agreeing], ignore_index=True)
        findings.append(one_corroboration_per_group(both, grouped))
        del pairs, sides, stated, agreeing, both  # as many pairs as facts: freed before the next check's
        findings.append(_agreeing_across_periods(facts, suites, spec))
    if "incomparable" in suites.checks:
        spec = suites.checks["incomparable"]
        # only a key stated in two units can pair two currencies: the others are not paired at all
        mixed = grouped.groupby(SAME_KEY, dropna=False)["base_unit"].transform("nunique") > 1
        pairs = _pairs(_statements(grouped[mixed], spec))
        table = CurrencyTable.validate(_currency_table(pairs[pairs["base_unit_a"] != pairs["base_unit_b"]]))
        findings.append(build_findings(table, spec))
    if "intra-document-conflict" in suites.checks:
        spec = suites.checks["intra-document-conflict"]
        compared = _compared(grouped, spec, named_shares=True)
        table = ConflictTable.validate(_conflict_table(compared, spec.params.get("respectively") or []))
        findings.append(build_findings(table, spec))
    return findings


def statement_pairs(facts: pd.DataFrame, suites: Suites, spec: CheckSpec,
                    read_periods: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The statements ``spec``'s check compares (grouped facts it trusts, in a common currency where a
    rate is configured) and their pairs from two documents in one base unit: what cross-source
    agreement and the misquote check compare, so that both name one pair by the same claims.

    :param facts: matched facts with ``lo``/``hi``
    :param read_periods: keep pairs with a side whose year is its document's present (read, not
        stated): such a year is no evidence against another document, but agreement with it is evidence
    :return: (statements, pairs); a pair's columns are a statement's with ``_a`` and ``_b``
    """
    grouped = _in_common_currency(facts[facts["group_id"] != ""], suites)
    statements = _statements(_compared(grouped, spec), spec)
    pairs = _pairs(statements)
    across = pairs["doc_id_a"] != pairs["doc_id_b"]
    if not read_periods:
        across &= ~(pairs["inferred_a"] | pairs["inferred_b"])
    return statements, pairs[(pairs["base_unit_a"] == pairs["base_unit_b"]) & across].reset_index(drop=True)


COMPATIBLE_GRAINS = ["half", "quarter", "month"]
"""Grains of a part of one year: a figure for 2025Q3 may be the year's figure another report dates 2025."""
PERIOD_SIDE = ["family_id", "year", "period_grain", "period"]


def _agreeing_across_periods(facts: pd.DataFrame, suites: Suites, spec: CheckSpec) -> pd.DataFrame:
    """Corroborations between groups of one family (:func:`recon.match._families`) whose periods are
    compatible, not equal, one corroboration per family and pair of periods. A gap between them is no
    finding: a quarter's revenue is not the year's, and a year read or left unstated may be wrong."""
    pairs = compatible_pairs(facts, suites, spec)
    if pairs.empty:
        return empty(Finding)
    table = _pair_table(pairs, spec.param("definition_factor"))
    read = (pairs["period_a"].where(pairs["period_a"] != "", "no year") + " in " + pairs["doc_id_a"]
            + ", " + pairs["period_b"].where(pairs["period_b"] != "", "no year") + " in " + pairs["doc_id_b"])
    table = table.assign(kind_note=table["kind_note"] + " Periods differ: " + read + ".")
    found = build_findings(PairTable.validate(table), spec)
    passes = found[found["outcome"] == "pass"]
    if passes.empty:
        return passes
    keys = _keys_of_first_claims(passes, facts, ["family_id"]).assign(period=passes["period"])
    return _merged(passes, keys)


def compatible_pairs(facts: pd.DataFrame, suites: Suites, spec: CheckSpec) -> pd.DataFrame:
    """Pairs of statements from two documents, of one family and base unit, whose periods differ but
    may be one: a part of a year (half, quarter, month) and that year; a side with no period; a side
    whose year is its document's present (read, not stated) and a period in that year or the one
    before (a report of 2022 gives 2021's figure as the latest). Columns as :func:`statement_pairs`',
    the pair's ``period`` naming both.

    Joined on (family, year) and on the few sides with no period, so the cost grows with the facts.
    """
    if "family_id" not in facts:
        return pd.DataFrame()
    rows = facts[facts["family_id"] != ""]
    loose = rows["period_grain"].isin(COMPATIBLE_GRAINS) | (rows["period"] == "")
    loose |= has_flag(rows["flags"], INFERRED)
    rows = rows[loose.groupby(rows["family_id"]).transform("any")]
    rows = _compared(_in_common_currency(rows, suites), spec)
    # a fact standing alone is its own statement
    rows = rows.assign(group_id=rows["group_id"].where(rows["group_id"] != "", "~" + rows["claim_id"]))
    statements = _statements(rows, spec, extra=("family_id", "period_start", "period_end"))
    one_year = statements["period_start"] == statements["period_end"]
    statements = statements.assign(year=statements["period_start"].where(one_year).astype("Float64"))
    columns = list(dict.fromkeys([*SAME_KEY, "metric_name", "geo", *STATEMENT_COLUMNS, *PERIOD_SIDE]))
    side = statements[columns]
    key = ["family_id", "type", "dimension"]
    a, b = side.add_suffix("_a"), side.add_suffix("_b")

    def joined(left: pd.DataFrame, right: pd.DataFrame, on: list[str]) -> pd.DataFrame:
        return left.merge(right, left_on=[f"{c}_a" for c in on], right_on=[f"{c}_b" for c in on])

    # only the few sides that can be compatible with another period are joined, each to all others
    sub_year, inferred = a["period_grain_a"].isin(COMPATIBLE_GRAINS), a["inferred_a"]
    same_year = joined(a[sub_year | inferred], b, [*key, "year"])
    part = same_year["period_grain_a"].isin(COMPATIBLE_GRAINS) & (same_year["period_grain_b"] == "year")
    read = same_year["inferred_a"] & (same_year["period_a"] != same_year["period_b"])
    prior = joined(a[inferred].assign(year_a=a["year_a"] - 1), b, [*key, "year"])
    prior = prior.assign(year_a=prior["year_a"] + 1)
    unstated = joined(a[a["period_a"] == ""], b[b["period_b"] != ""], key)
    found = [part for part in (same_year[part | read], prior, unstated) if len(part)]
    if not found:
        return pd.DataFrame()
    pairs = pd.concat(found, ignore_index=True)
    pairs = pairs[(pairs["doc_id_a"] != pairs["doc_id_b"]) & (pairs["base_unit_a"] == pairs["base_unit_b"])]
    # only agreeing pairs are reported: none beyond the loosest tolerance of the check's expectations
    gap = relative_gap(pairs["lo_a"], pairs["hi_a"], pairs["lo_b"], pairs["hi_b"])
    pairs = pairs[gap <= _loosest_gap(spec)]
    first, second = pairs["statement_a"], pairs["statement_b"]
    pairs = pairs.assign(low=np.minimum(first, second), high=np.maximum(first, second))
    pairs = pairs.drop_duplicates(["low", "high"]).drop(columns=["low", "high"])
    named = {f"{column}_a": column for column in ("metric_name", "geo")}
    pairs = pairs.rename(columns=named).reset_index(drop=True)
    written = pairs["period_a"].where(pairs["period_a"] != "", "no year") + " / " + pairs["period_b"].where(
        pairs["period_b"] != "", "no year")
    return pairs.assign(period=written)


def _loosest_gap(spec: CheckSpec) -> float:
    """The largest ``relative_gap`` any of the check's expectations lets pass."""
    bounds = [e.kwargs.get("max_value") for e in spec.expectations
              if e.kwargs.get("column") == "relative_gap"]
    return max((b for b in bounds if b is not None), default=np.inf)


def without_claims(findings: pd.DataFrame, claim_sets: set[frozenset]) -> pd.DataFrame:
    """``findings`` less the failures about exactly one of ``claim_sets``: a pair another check
    reports (two quotes of one originator that disagree are a misquote) is reported once."""
    reported = findings["claim_ids"].map(frozenset).isin(claim_sets) & (findings["outcome"] == "fail")
    return findings[~reported]


def one_corroboration_per_group(findings: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """Merge the corroborations of one group (one key) into one finding that lists every source:
    five documents agreeing on a figure are one corroboration, not ten pairs. Conflicts stay pairs."""
    passes = findings[findings["outcome"] == "pass"]
    if passes.empty:
        return findings
    keys = _keys_of_first_claims(passes, facts, SAME_KEY)
    return pd.concat([findings[findings["outcome"] != "pass"], _merged(passes, keys)], ignore_index=True)


def _keys_of_first_claims(findings: pd.DataFrame, facts: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``columns`` of each finding's first claim, indexed like the findings."""
    firsts = findings["claim_ids"].str[0]
    keys = facts[facts["claim_id"].isin(firsts)].drop_duplicates("claim_id").set_index("claim_id")[columns]
    return keys.reindex(firsts.to_numpy()).set_axis(findings.index)


def _merged(passes: pd.DataFrame, keys: pd.DataFrame) -> pd.DataFrame:
    """One corroboration per distinct row of ``keys``, citing every claim and source of its rows."""
    merged = []
    for _, rows in passes.groupby([keys[c] for c in keys.columns], sort=True, dropna=False):
        first = rows.iloc[0].copy()
        ids = sorted({c for claim_ids in rows["claim_ids"] for c in claim_ids})
        sides = list(dict.fromkeys(side for text in rows["observed"] for side in text.split("; ")))
        observed = "; ".join(sides)
        first["message"] = first["message"].replace(first["observed"], observed)
        first["observed"], first["claim_ids"] = observed, ids
        first["finding_id"] = finding_id(first["check"], "|".join(ids))
        merged.append(first)
    return pd.DataFrame(merged)


def _compared(facts: pd.DataFrame, spec: CheckSpec, named_shares: bool = False) -> pd.DataFrame:
    """The facts a check compares: not those whose extraction is in doubt (the check's ``skip_flags``:
    a mangled range, a table whose columns are unclear; plausibility reports them).

    With ``named_shares``, a share counts only when its phrase names both part and whole: one that
    names only the whole (``whole_only`` words: 占总体融资事件的30.3%) or a part outside the glossary
    without its whole (算力租赁占39%: of what?) may be a different part or of a different whole than the
    next. A market share (``whole_words``: 国产框架市场份额) names its whole, the market."""
    keep = trusted(facts, spec)
    if named_shares:
        whole_only = tuple(spec.params.get("whole_only") or [])
        whole_words = spec.params.get("whole_words") or []
        phrase = facts["metric_text"].str.strip()
        says_whole = phrase.str.lower().str.contains("|".join(map(re.escape, whole_words)) or "(?!)")
        unnamed = ((facts["metric_id"] == "") & ~says_whole) | phrase.str.startswith(whole_only)
        keep &= ~((facts["type"] == "share") & unnamed)
    return facts[keep]


def _in_common_currency(facts: pd.DataFrame, suites: Suites) -> pd.DataFrame:
    """Convert currency facts whose unit has a configured rate into the suite's base currency."""
    spec = suites.checks.get("incomparable")
    rates = spec.params.get("fx_rates", {}) if spec else {}
    if not rates:
        return facts
    rate = facts["base_unit"].map(rates).where(facts["dimension"] == "currency")
    converted = rate.notna()
    return facts.assign(
        lo=facts["lo"].where(~converted, facts["lo"] * rate),
        hi=facts["hi"].where(~converted, facts["hi"] * rate),
        base_unit=facts["base_unit"].where(~converted, spec.param("fx_base")),
    )


def _statements(facts: pd.DataFrame, spec: CheckSpec, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per statement: a document's restatements of one figure about one key count once.

    Restatements are figures of one document and key whose intervals overlap (equal within rounding)
    and whose kinds are of one ``kind_families`` family (an estimate restates an actual, a forecast
    does not). A statement keeps all its claim ids, its distinct surfaces, a bit mask of its kinds and
    the first origin its document cites for it ('' when it cites none), and its first fact's ``extra``
    columns.
    """
    families = spec.params.get("kind_families") or {}
    keys = SAME_KEY + ["doc_id", "base_unit", "family"]
    facts = facts.assign(
        family=facts["kind"].replace(families), inferred=has_flag(facts["flags"], INFERRED),
        cited=facts["origin"].where(facts["origin"] != ""),
    ).sort_values(keys + ["lo"])
    reach = facts.groupby(keys, sort=False)["hi"].cummax()
    previous = reach.groupby([facts[k] for k in keys], sort=False).shift()
    first = ~facts.duplicated(keys)
    facts = facts.assign(statement=(first | ~(facts["lo"] <= previous)).cumsum())
    in_order = facts.sort_values(["statement", "line", "start"])
    surfaces = in_order.drop_duplicates(["statement", "surface"])
    by_id = facts.sort_values(["statement", "claim_id"])
    table = in_order.groupby("statement").agg(
        **{k: (k, "first") for k in SAME_KEY + ["doc_id", "base_unit", "family", "metric_name", "geo"]},
        lo=("lo", "min"), hi=("hi", "max"), surface=("surface", "first"), base_value=("base_value", "first"),
        inferred=("inferred", "max"), publisher=("publisher", "first"),
        metric_id=("metric_id", "first"), subject=("subject", "first"), origin=("cited", "first"),
        **{column: (column, "first") for column in extra},
    )
    return table.assign(
        origin=table["origin"].fillna(""),
        shown=join_within(surfaces["statement"].to_numpy() - 1, surfaces["surface"], " / "),
        claim_ids=join_within(by_id["statement"].to_numpy() - 1, by_id["claim_id"], "|"),
        restated=in_order.groupby("statement").size(),
        kinds=_kind_mask(facts),
    ).reset_index()


def _kind_mask(facts: pd.DataFrame) -> pd.Series:
    """The kinds of each statement as bits, so that two statements' kinds meet in one vectorised ``&``."""
    bits = kind_bits(facts["kind"])
    mask = pd.Series(0, index=pd.Index(facts["statement"].unique()), dtype=int)
    for bit in range(len(KINDS)):
        mask = mask | (bits == 1 << bit).groupby(facts["statement"]).max().astype(int) * (1 << bit)
    return mask


def _pairs(statements: pd.DataFrame) -> pd.DataFrame:
    """Every pair of statements of one key, each pair once (cost: sum of squared group sizes); a document
    stating one figure in two currencies (RMB 157.1 billion, or about US$24.7 billion) makes a pair too."""
    side = statements[SAME_KEY + ["metric_name", "geo"] + STATEMENT_COLUMNS]
    pairs = side.merge(side.drop(columns=["metric_name", "geo"]), on=SAME_KEY, suffixes=("_a", "_b"))
    ordered = (pairs["doc_id_a"] < pairs["doc_id_b"]) | (
        (pairs["doc_id_a"] == pairs["doc_id_b"]) & (pairs["statement_a"] < pairs["statement_b"])
    )
    return pairs[ordered].reset_index(drop=True)


def _side(pairs: pd.DataFrame, side: str) -> pd.Series:
    """How one statement of a pair reads: its surfaces, its document, and how often it states them."""
    restated = pairs["restated_" + side]
    times = np.where(restated > 1, ", " + restated.astype(str) + " times", "")
    return pairs["shown_" + side] + " (" + pairs["doc_id_" + side] + times + ")"


def _kind_words(mask: pd.Series) -> pd.Series:
    """'actual and estimate' for a statement's kind bits."""
    words = pd.Series("", index=mask.index, dtype=object)
    for bit, kind in enumerate(KINDS):
        has = (mask & (1 << bit)) != 0
        words = words.where(~has, words + np.where(words == "", "", " and ") + kind)
    return words


def _pair_columns(pairs: pd.DataFrame) -> dict[str, pd.Series]:
    """The columns every pair table starts with: who is compared, about what, saying what."""
    claim_ids = pairs["claim_ids_a"] + "|" + pairs["claim_ids_b"]
    return {
        "claim_key": pd.Series(["|".join(sorted(ids.split("|"))) for ids in claim_ids], index=pairs.index,
                               dtype=object),
        "metric_id": pairs["metric_name"],
        "geo": pairs["geo"],
        "period": pairs["period"],
        "observed": _side(pairs, "a") + "; " + _side(pairs, "b"),
    }


def _definitions_may_differ(pairs: pd.DataFrame, factor: float) -> pd.Series:
    """Two documents not known to share a publisher whose figures are ``factor`` or more apart: more
    likely two definitions of the metric (core industry or all AI, one market or its segment, one
    company's compute or the country's) than a conflict. One publisher stating both is a conflict."""
    low = np.minimum(np.abs(pairs["base_value_a"]), np.abs(pairs["base_value_b"]))
    high = np.maximum(np.abs(pairs["base_value_a"]), np.abs(pairs["base_value_b"]))
    publishers = pairs["publisher_a"]
    one_publisher = (publishers == pairs["publisher_b"]) & (publishers != "")
    with np.errstate(divide="ignore", invalid="ignore"):
        return ~one_publisher & (high >= factor * low)


def _pair_table(pairs: pd.DataFrame, definition_factor: float) -> pd.DataFrame:
    gap = relative_gap(pairs["lo_a"], pairs["hi_a"], pairs["lo_b"], pairs["hi_b"])
    percent = format_number(np.round(gap * 100, 1))
    return pd.DataFrame({
        **_pair_columns(pairs),
        "expected": _written(pairs, "a") + " and " + _written(pairs, "b") + " overlap",
        "arithmetic": "gap between the intervals = " + percent + " % of the nearer figure",
        "relative_gap": gap,
        "gap_percent": percent,
        "definitions_may_differ": _definitions_may_differ(pairs, definition_factor),
        "by_phrase": (pairs["metric_id_a"] == "") & (pairs["subject_a"] != pairs["subject_b"]),
        "phrases": "“" + pairs["subject_a"] + "” ~ “" + pairs["subject_b"] + "”",
        **_with_read_periods(kind_columns(pairs["kinds_a"], pairs["kinds_b"], pairs["doc_id_a"],
                                          pairs["doc_id_b"]), pairs),
    })


def _with_read_periods(columns: dict, pairs: pd.DataFrame) -> dict:
    """The kind note, saying so where a side's year is its document's present (read, not stated)."""
    read = (pairs["inferred_a"] | pairs["inferred_b"]).to_numpy()
    note = np.where(read, " One side's year is its document's present, read, not stated.", "")
    return columns | {"kind_note": columns["kind_note"] + note}


def _written(pairs: pd.DataFrame, side: str) -> pd.Series:
    """One side's interval as written, worked out once per statement: a statement is in many pairs."""
    statement, lo, hi, surface, base_value = (f"{name}_{side}" for name in
                                              ("statement", "lo", "hi", "surface", "base_value"))
    statements = pairs.drop_duplicates(statement)
    written = written_range(statements[lo], statements[hi], statements[surface], statements[base_value])
    return pairs[statement].map(pd.Series(written.to_numpy(), index=statements[statement])).astype(object)


def kind_bits(kind: pd.Series) -> pd.Series:
    """A fact's kind as one bit of a statement's kinds."""
    return kind.map({name: 1 << bit for bit, name in enumerate(KINDS)}).astype(int)


def kind_columns(kinds_a: pd.Series, kinds_b: pd.Series, doc_a: pd.Series, doc_b: pd.Series) -> dict:
    """What a cross-source table says about the kinds of its two sides (bit masks of :data:`KINDS`):
    ``like_for_like`` when they share a kind (a failure is then an error), ``mixed_kind``, and the words."""
    kinds = kinds_a | kinds_b
    mixed = (kinds & (kinds - 1)) != 0
    words = doc_a + " states it as " + _kind_words(kinds_a) + ", " + doc_b + " as " + _kind_words(kinds_b)
    return {
        "mixed_kind": mixed,
        "like_for_like": (kinds_a & kinds_b) != 0,
        "kinds": words,
        "kind_note": pd.Series(np.where(mixed, " Kinds are mixed: " + words + ".", ""), index=kinds.index),
    }


def _currency_table(pairs: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        **_pair_columns(pairs),
        "expected": "one currency, or a rate for " + pairs["base_unit_a"] + "/" + pairs["base_unit_b"],
        "arithmetic": "",
        "unit_a": pairs["base_unit_a"],
        "unit_b": pairs["base_unit_b"],
    })


def _listed_respectively(facts: pd.DataFrame, words: list[str]) -> pd.Series:
    """Whether a respectively word (分别) comes before the figure in its sentence."""
    pattern = re.compile("|".join(map(re.escape, words)))
    candidates = facts[facts["quote"].str.contains(pattern)]
    listed = pd.Series(False, index=facts.index)
    rows = zip(candidates.index, candidates["quote"], candidates["surface"], strict=True)
    for index, quote, surface in rows:
        at = quote.find(surface)
        listed[index] = at > 0 and pattern.search(quote, 0, at) is not None
    return listed


def _conflict_table(facts: pd.DataFrame, respectively: list[str]) -> pd.DataFrame:
    """One row per (key, document) stated in two or more sentences: the statements must share a value.

    Figures of one sentence (or one table row) are one statement: a change (从18%提升至32%) or columns
    of a row; the statement allows any value between its lowest and highest. Figures listed with a
    ``respectively`` word (龙岗区和福田区分别拥有169家、166家) are of other subjects than the key's
    and are not compared at all.
    """
    keys = SAME_KEY + ["doc_id", "base_unit"]
    sentence = keys + ["sentence"]
    in_sentence = facts.groupby(sentence, sort=False)
    facts = facts.assign(
        sentence_lo=in_sentence["lo"].transform("min"), sentence_hi=in_sentence["hi"].transform("max"),
        inferred=has_flag(facts["flags"], INFERRED),
    )
    if respectively:
        facts = facts[~_listed_respectively(facts, respectively)]
    sentences = facts.drop_duplicates(sentence).groupby(keys).size().rename("sentences")
    facts = facts[facts.join(sentences, on=keys)["sentences"] >= 2]
    table = grouped_claims(
        facts, keys, "; ",
        metric_name=("metric_name", "first"), geo=("geo", "first"),
        max_lo=("sentence_lo", "max"), min_hi=("sentence_hi", "min"), kinds=("kind", "nunique"),
        inferred=("inferred", "max"),
    )
    gap = relative_gap(table["max_lo"], np.inf, -np.inf, table["min_hi"])
    percent = format_number(gap * 100, digits=3)
    return pd.DataFrame({
        "claim_key": table["claim_key"],
        "metric_id": table["metric_name"],
        "geo": table["geo"],
        "period": table["period"],
        "observed": table["observed"],
        "expected": "one value in every statement",
        "arithmetic": "the highest statement's low end exceeds the lowest statement's high end by " + percent
        + " %",
        "relative_gap": gap,
        "gap_percent": percent,
        "mixed_kind": table["kinds"] > 1,
        "inferred": table["inferred"].astype(bool),
        "claims": table["claims"],
        "doc_id": table["doc_id"],
    })
