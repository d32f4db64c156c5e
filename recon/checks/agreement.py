"""Cross-source agreement, intra-document conflict and incomparable currencies, within matched groups."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from recon.normalise import UNLISTED

from .findings import ComparisonTable, build_findings, claim_key, grouped_claims, trusted
from .suite import CheckSpec, Suites
from .tolerance import format_number, relative_gap

SAME_KEY = ["group_id", "period", "period_grain", "type", "dimension"]
"""Members of a group are compared only when period, grain, claim type and dimension agree too:
a half-year is never set against a full year, a growth never against a level."""

PAIR_COLUMNS = ["claim_id", "doc_id", "surface", "kind", "base_unit", "lo", "hi", "stated_lo", "stated_hi"]


class PairTable(ComparisonTable):
    """Two facts from different documents about the same key."""

    relative_gap: Series[float] = pa.Field(ge=0)
    mixed_kind: Series[bool] = pa.Field(description="one is a forecast or estimate, the other not")


class ConflictTable(ComparisonTable):
    """All the facts one document states about one key."""

    relative_gap: Series[float] = pa.Field(ge=0)
    mixed_kind: Series[bool]
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
        pairs = _pairs(_compared(grouped, suites.checks["cross-source-agreement"]))
        across = pairs["doc_id_a"] != pairs["doc_id_b"]
        pairs = pairs[(pairs["base_unit_a"] == pairs["base_unit_b"]) & across]
        table = PairTable.validate(_pair_table(pairs))
        findings.append(build_findings(table, suites.checks["cross-source-agreement"]))
    if "incomparable" in suites.checks:
        pairs = _pairs(grouped)
        table = CurrencyTable.validate(_currency_table(pairs[pairs["base_unit_a"] != pairs["base_unit_b"]]))
        findings.append(build_findings(table, suites.checks["incomparable"]))
    if "intra-document-conflict" in suites.checks:
        spec = suites.checks["intra-document-conflict"]
        compared = _compared(grouped, spec, named_shares=True)
        table = ConflictTable.validate(_conflict_table(compared, spec.params.get("respectively") or []))
        findings.append(build_findings(table, spec))
    return findings


def _compared(facts: pd.DataFrame, spec: CheckSpec, named_shares: bool = False) -> pd.DataFrame:
    """The facts a check compares: not those whose extraction is in doubt (the check's ``skip_flags``:
    a mangled range, a table whose columns are unclear; plausibility reports them).

    With ``named_shares``, a share counts only when its phrase names both part and whole: one that
    names only the whole (``whole_only`` words: 占总体融资事件的30.3%) or a part outside the glossary
    (算力租赁占39%: of what?) may be a different part or of a different whole than the next."""
    keep = trusted(facts, spec)
    if named_shares:
        whole_only = tuple(spec.params.get("whole_only") or [])
        phrase = facts["metric_text"].str.strip()
        unnamed = facts["metric_id"].str.startswith(UNLISTED) | phrase.str.startswith(whole_only)
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


def _pairs(facts: pd.DataFrame) -> pd.DataFrame:
    """Every pair of facts of one key, each pair once (cost: sum of squared group sizes); a document
    stating one figure in two currencies (RMB 157.1 billion, or about US$24.7 billion) makes a pair too."""
    side = facts[SAME_KEY + ["metric_id", "geo"] + PAIR_COLUMNS]
    pairs = side.merge(side.drop(columns=["metric_id", "geo"]), on=SAME_KEY, suffixes=("_a", "_b"))
    ordered = (pairs["doc_id_a"] < pairs["doc_id_b"]) | (
        (pairs["doc_id_a"] == pairs["doc_id_b"]) & (pairs["claim_id_a"] < pairs["claim_id_b"])
    )
    return pairs[ordered].reset_index(drop=True)


def _pair_columns(pairs: pd.DataFrame) -> dict[str, pd.Series]:
    """The columns every pair table starts with: who is compared, about what, saying what."""
    side_a = pairs["surface_a"] + " (" + pairs["doc_id_a"] + ")"
    return {
        "claim_key": claim_key(pairs["claim_id_a"], pairs["claim_id_b"]),
        "metric_id": pairs["metric_id"],
        "geo": pairs["geo"],
        "period": pairs["period"],
        "observed": side_a + "; " + pairs["surface_b"] + " (" + pairs["doc_id_b"] + ")",
    }


def _interval(lo: pd.Series, hi: pd.Series) -> pd.Series:
    return "[" + format_number(lo) + ", " + format_number(hi) + "]"


def _pair_table(pairs: pd.DataFrame) -> pd.DataFrame:
    gap = relative_gap(pairs["lo_a"], pairs["hi_a"], pairs["lo_b"], pairs["hi_b"])
    percent = format_number(gap * 100, digits=3)
    return pd.DataFrame({
        **_pair_columns(pairs),
        "expected": _interval(pairs["stated_lo_a"], pairs["stated_hi_a"]) + " overlaps "
        + _interval(pairs["stated_lo_b"], pairs["stated_hi_b"]),
        "arithmetic": "gap between the intervals = " + percent + " % of the figure",
        "relative_gap": gap,
        "gap_percent": percent,
        "mixed_kind": pairs["kind_a"] != pairs["kind_b"],
        "kind_a": pairs["kind_a"],
        "kind_b": pairs["kind_b"],
    })


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
    sentence = keys + ["line", "quote"]
    in_sentence = facts.groupby(sentence, sort=False)
    facts = facts.assign(
        sentence_lo=in_sentence["lo"].transform("min"), sentence_hi=in_sentence["hi"].transform("max"),
    )
    if respectively:
        facts = facts[~_listed_respectively(facts, respectively)]
    sentences = facts.drop_duplicates(sentence).groupby(keys).size().rename("sentences")
    facts = facts[facts.join(sentences, on=keys)["sentences"] >= 2]
    table = grouped_claims(
        facts, keys, "; ",
        metric_id=("metric_id", "first"), geo=("geo", "first"),
        max_lo=("sentence_lo", "max"), min_hi=("sentence_hi", "min"), kinds=("kind", "nunique"),
    )
    gap = relative_gap(table["max_lo"], np.inf, -np.inf, table["min_hi"])
    percent = format_number(gap * 100, digits=3)
    return pd.DataFrame({
        "claim_key": table["claim_key"],
        "metric_id": table["metric_id"],
        "geo": table["geo"],
        "period": table["period"],
        "observed": table["observed"],
        "expected": "one value in every statement",
        "arithmetic": "max(low) − min(high) = " + percent + " % of the figure",
        "relative_gap": gap,
        "gap_percent": percent,
        "mixed_kind": table["kinds"] > 1,
        "claims": table["claims"],
        "doc_id": table["doc_id"],
    })
