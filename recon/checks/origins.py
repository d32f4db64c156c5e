"""Misquotes: two documents cite one originator for one figure and disagree, so one copied it wrongly.

A figure's originator is its ``origin`` (read by :mod:`recon.extract.origins`); a figure attributed
to no one stands for its document's publisher, so an originator's own report (IDC's, for a figure
others attribute to IDC) is compared with the documents quoting it, and named as the side that
matches. Two figures that merely share a publisher are not compared here: at least one of them must
cite the originator in its text.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from recon.extract.origins import load_organisations

from .agreement import SAME_KEY
from .findings import ComparisonTable, build_findings, claim_key, trusted
from .suite import CheckSpec, Suites
from .tolerance import format_number, relative_gap, written_range

CHECK = "misquote"
SIDE_COLUMNS = ["claim_id", "doc_id", "surface", "base_value", "lo", "hi", "origin", "own_report"]


class MisquoteTable(ComparisonTable):
    """Two figures of one key from different documents that cite the same originator."""

    relative_gap: Series[float] = pa.Field(ge=0)
    origin: Series[str] = pa.Field(str_length={"min_value": 1}, description="the originator both cite")
    matching_side: Series[str] = pa.Field(
        description="the document that is the originator's own report, '' when neither is"
    )


def check_misquotes(facts: pd.DataFrame, suites: Suites,
                    documents: pd.DataFrame | None = None) -> list[pd.DataFrame]:
    """Findings of the ``misquote`` check over matched facts with intervals (``lo``/``hi``).

    :param facts: matched facts with ``origin`` and ``lo``/``hi``
    :param suites: the loaded suites; nothing runs when they do not declare ``misquote``
    :param documents: the documents table, whose ``publisher`` stands for figures cited to no one
    """
    if CHECK not in suites.checks:
        return []
    spec = suites.checks[CHECK]
    cited = cited_origins(facts, documents, spec)
    table = MisquoteTable.validate(_misquote_table(_pairs(cited[cited["cited"] != ""], spec)))
    return [build_findings(table, spec)]


def cited_origins(facts: pd.DataFrame, documents: pd.DataFrame | None, spec: CheckSpec) -> pd.DataFrame:
    """Grouped, trusted facts with ``cited`` (their origin, else their publisher's canonical name) and
    ``own_report`` (the figure stands for its publisher: the document is the cited originator's own)."""
    organisations = load_organisations(spec.path.parent / spec.param("organisations"))
    publishers = {}
    if documents is not None and "publisher" in documents:
        publishers = {doc_id: organisations.canonical(name) if name.strip() else "" for doc_id, name in
                      zip(documents["doc_id"], documents["publisher"].fillna(""), strict=True)}
    facts = facts[(facts["group_id"] != "") & trusted(facts, spec)]
    publisher = pd.Series([publishers.get(d, "") for d in facts["doc_id"]], index=facts.index, dtype=object)
    origin = facts["origin"].fillna("").astype(object)
    return facts.assign(
        cited=origin.where(origin != "", publisher),
        own_report=(origin == "") & (publisher != ""),
        origin=origin,
    )


def _pairs(facts: pd.DataFrame, spec: CheckSpec) -> pd.DataFrame:
    """Every pair of figures of one key, one unit, one kind family and one cited originator, from two
    documents, at least one of which names the originator in its text."""
    families = spec.params.get("kind_families") or {}
    keys = SAME_KEY + ["base_unit", "cited", "family"]
    side = facts.assign(family=facts["kind"].replace(families))[keys + SIDE_COLUMNS + ["metric_id", "geo"]]
    pairs = side.merge(side.drop(columns=["metric_id", "geo"]), on=keys, suffixes=("_a", "_b"))
    named = (pairs["origin_a"] != "") | (pairs["origin_b"] != "")
    return pairs[(pairs["doc_id_a"] < pairs["doc_id_b"]) & named].reset_index(drop=True)


def _misquote_table(pairs: pd.DataFrame) -> pd.DataFrame:
    gap = relative_gap(pairs["lo_a"], pairs["hi_a"], pairs["lo_b"], pairs["hi_b"])
    percent = format_number(np.round(gap * 100, 1))
    own_a, own_b = pairs["own_report_a"].astype(bool), pairs["own_report_b"].astype(bool)
    choices = [pairs["doc_id_a"], pairs["doc_id_b"]]
    matching = pd.Series(np.select([own_a & ~own_b, own_b & ~own_a], choices, ""), index=pairs.index,
                         dtype=object)
    other = pairs["doc_id_b"].where(matching == pairs["doc_id_a"], pairs["doc_id_a"])
    note = (" " + matching + " is " + pairs["cited"] + "'s own report, so " + other + " misquotes it.")
    unknown = " Neither document is " + pairs["cited"] + "'s own report: check the figure at its source."
    return pd.DataFrame({
        "claim_key": claim_key(pairs["claim_id_a"], pairs["claim_id_b"]),
        "metric_id": pairs["metric_id"],
        "geo": pairs["geo"],
        "period": pairs["period"],
        "observed": _side(pairs, "a") + "; " + _side(pairs, "b"),
        "expected": "one figure of " + pairs["cited"] + ": " + _written(pairs, "a") + " and "
        + _written(pairs, "b") + " overlap",
        "arithmetic": "gap between the intervals = " + percent + " % of the nearer figure",
        "relative_gap": gap,
        "gap_percent": percent,
        "origin": pairs["cited"],
        "matching_side": matching,
        "matching_note": note.where(matching != "", unknown),
    })


def _side(pairs: pd.DataFrame, side: str) -> pd.Series:
    """How one figure reads: its surface, its document and how it relates to the originator."""
    own = pairs["own_report_" + side].astype(bool)
    how = pd.Series(np.where(own, "own report", "citing " + pairs["cited"]), index=pairs.index)
    return pairs["surface_" + side] + " (" + pairs["doc_id_" + side] + ", " + how + ")"


def _written(pairs: pd.DataFrame, side: str) -> pd.Series:
    return written_range(pairs["lo_" + side], pairs["hi_" + side], pairs["surface_" + side],
                         pairs["base_value_" + side]).astype(object)
