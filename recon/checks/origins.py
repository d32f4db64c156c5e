"""Misquotes: two documents cite one originator for one figure and disagree, so one copied it wrongly.

A figure's originator is its ``origin`` (read by :mod:`recon.extract.origins`); a figure attributed
to no one stands for its document's publisher. A document whose publisher is the originator is its
own report (IDC's, whether or not it writes IDC预计 of itself): it is compared with the documents
quoting it and named as the side that matches. Two of an originator's own reports that differ are a
revision, not a misquote, and are left to cross-source agreement.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from recon.extract.origins import Organisations, load_organisations

from .agreement import SAME_KEY, statement_pairs
from .findings import ComparisonTable, build_findings
from .suite import Suites
from .tolerance import format_number, relative_gap, written_range

CHECK = "misquote"


class MisquoteTable(ComparisonTable):
    """Two statements of one key from different documents that cite the same originator."""

    relative_gap: Series[float] = pa.Field(ge=0)
    origin: Series[str] = pa.Field(str_length={"min_value": 1}, description="the originator both cite")
    matching_side: Series[str] = pa.Field(
        description="the document that is the originator's own report, '' when neither is"
    )


def check_misquotes(facts: pd.DataFrame, suites: Suites) -> list[pd.DataFrame]:
    """Findings of the ``misquote`` check over matched facts with intervals (``lo``/``hi``).

    It compares the pairs of statements cross-source agreement compares
    (:func:`recon.checks.agreement.statement_pairs`), those whose two sides cite one originator, so a
    misquote names the same claims as the disagreement it explains and replaces it.

    :param facts: matched facts with ``origin``, ``publisher`` and ``lo``/``hi``
    :param suites: the loaded suites; nothing runs when they do not declare ``misquote``
    """
    if CHECK not in suites.checks:
        return []
    spec = suites.checks[CHECK]
    organisations = load_organisations(spec.path.parent / spec.param("organisations"))
    statements, pairs = statement_pairs(facts, suites, spec)
    statements = cited(statements, organisations)
    pairs = cited(cited(pairs, organisations, "_a"), organisations, "_b")
    pairs = _one_origin(pairs, statements)
    if pairs.empty:
        return []
    return [build_findings(MisquoteTable.validate(_misquote_table(pairs)), spec)]


def cited(table: pd.DataFrame, organisations: Organisations, side: str = "") -> pd.DataFrame:
    """``table`` with ``cited`` (the origin its figure cites, else its publisher's canonical name, else
    '') and ``own_report`` (its publisher is that originator), from ``origin`` and ``publisher``.

    :param side: the suffix of the columns read and written (``_a`` for a pair's first side)
    """
    publisher = table["publisher" + side].map(organisations.publisher)
    origin = table["origin" + side]
    cites = origin.where(origin != "", publisher).astype(object)
    own = (publisher != "") & (publisher == cites)
    return table.assign(**{"cited" + side: cites, "own_report" + side: own})


def _one_origin(pairs: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """The pairs whose sides cite one originator in one kind family and are not both its own reports
    (two of its own reports that differ are a revision, left to cross-source agreement); with the
    originator's own statement of that key (``doc_id_own``, ``lo_own``, ``hi_own``) when one exists."""
    keys = SAME_KEY + ["base_unit", "family", "cited"]
    revision = pairs["own_report_a"] & pairs["own_report_b"]
    same = (pairs["cited_a"] == pairs["cited_b"]) & (pairs["cited_a"] != "")
    same &= pairs["family_a"] == pairs["family_b"]
    pairs = pairs[same & ~revision]
    pairs = pairs.assign(base_unit=pairs["base_unit_a"], family=pairs["family_a"], cited=pairs["cited_a"])
    own = statements[statements["own_report"]].drop_duplicates(keys)[keys + ["doc_id", "lo", "hi"]]
    own = own.rename(columns={"doc_id": "doc_id_own", "lo": "lo_own", "hi": "hi_own"})
    return pairs.merge(own, on=keys, how="left").reset_index(drop=True)


def _misquote_table(pairs: pd.DataFrame) -> pd.DataFrame:
    gap = relative_gap(pairs["lo_a"], pairs["hi_a"], pairs["lo_b"], pairs["hi_b"])
    percent = format_number(np.round(gap * 100, 1))
    own_a, own_b = pairs["own_report_a"].astype(bool), pairs["own_report_b"].astype(bool)
    agrees_a = _agrees_with_own(pairs, "a") & ~own_a & ~own_b
    agrees_b = _agrees_with_own(pairs, "b") & ~own_a & ~own_b
    choices = [pairs["doc_id_a"], pairs["doc_id_b"]]
    conditions = [own_a, own_b, agrees_a & ~agrees_b, agrees_b & ~agrees_a]
    matching = pd.Series(np.select(conditions, choices * 2, ""), index=pairs.index, dtype=object)
    other = pairs["doc_id_b"].where(matching == pairs["doc_id_a"], pairs["doc_id_a"])
    whose = pairs["cited"] + "'s own report"
    is_own = " " + matching + " is " + whose + ", so " + other + " misquotes it."
    own_doc = pairs["doc_id_own"].fillna("")
    agrees = " " + matching + " agrees with " + whose + " (" + own_doc + "), so " + other + " misquotes it."
    unknown = " Neither document is " + whose + ": check the figure at its source."
    note = pd.Series(np.select([own_a | own_b, matching != ""], [is_own, agrees], unknown), index=pairs.index)
    whose_zh = pairs["cited"] + "自己的报告"
    note_zh = pd.Series(np.select(
        [own_a | own_b, matching != ""],
        [matching + " 是" + whose_zh + "，因此 " + other + " 引用有误。",
         matching + " 与" + whose_zh + "（" + own_doc + "）一致，因此 " + other + " 引用有误。"],
        "两份文件都不是" + whose_zh + "：请核对原始发布。"), index=pairs.index)
    claim_ids = pairs["claim_ids_a"] + "|" + pairs["claim_ids_b"]
    return pd.DataFrame({
        "claim_key": pd.Series(["|".join(sorted(ids.split("|"))) for ids in claim_ids], index=pairs.index,
                               dtype=object),
        "metric_id": pairs["metric_name"],
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
        "matching_note": note,
        "matching_note_zh": note_zh,
    })


def _agrees_with_own(pairs: pd.DataFrame, side: str) -> pd.Series:
    """Whether one side's figure agrees with the originator's own figure for its key (none: False)."""
    known = pairs["lo_own"].notna().to_numpy()
    gap = relative_gap(pairs["lo_" + side], pairs["hi_" + side], pairs["lo_own"].fillna(0),
                       pairs["hi_own"].fillna(0))
    return pd.Series(known & (gap == 0), index=pairs.index)


def _side(pairs: pd.DataFrame, side: str) -> pd.Series:
    """How one statement reads: its surfaces, its document and how it relates to the originator."""
    own = pairs["own_report_" + side].astype(bool)
    how = pd.Series(np.where(own, "own report", "citing " + pairs["cited"]), index=pairs.index)
    return pairs["shown_" + side] + " (" + pairs["doc_id_" + side] + ", " + how + ")"


def _written(pairs: pd.DataFrame, side: str) -> pd.Series:
    return written_range(pairs["lo_" + side], pairs["hi_" + side], pairs["surface_" + side],
                         pairs["base_value_" + side]).astype(object)


def _publishers(documents: pd.DataFrame | None, organisations: Organisations) -> dict[str, str]:
    """Document id → who its publisher is (:meth:`Organisations.publisher`; '' when none is named)."""
    if documents is None or "publisher" not in documents:
        return {}
    names = zip(documents["doc_id"], documents["publisher"].fillna(""), strict=True)
    return {doc_id: organisations.publisher(name) if name.strip() else "" for doc_id, name in names}


def standing_origins(facts: pd.DataFrame, documents: pd.DataFrame | None,
                     organisations: Organisations) -> pd.Series:
    """Who stands behind each fact: its ``origin``, else its document's publisher (canonical), else the
    document itself (a document citing no one and naming no publisher is a source of its own)."""
    publishers = _publishers(documents, organisations)
    publisher = pd.Series([publishers.get(d, "") for d in facts["doc_id"]], index=facts.index, dtype=object)
    origin = facts["origin"].fillna("").astype(object)
    standing = origin.where(origin != "", publisher)
    return standing.where(standing != "", facts["doc_id"].astype(object))


def finding_origins(findings: pd.DataFrame, facts: pd.DataFrame, documents: pd.DataFrame | None,
                    organisations: Organisations) -> pd.DataFrame:
    """Findings with ``origins`` (the distinct origins behind their figures, sorted) and
    ``independent_origins`` (how many): four documents quoting one IDC release are one origin.

    :param findings: the findings of :func:`recon.checks.check_facts`
    :param facts: the facts their ``claim_ids`` name
    :param documents: the documents table, whose publishers stand for figures cited to no one
    :param organisations: the lexicon that makes publishers' names canonical
    """
    standing = dict(zip(facts["claim_id"], standing_origins(facts, documents, organisations), strict=True))
    origins = [sorted({standing[c] for c in ids if c in standing}) for ids in findings["claim_ids"]]
    return findings.assign(origins=pd.Series(origins, index=findings.index, dtype=object),
                           independent_origins=[len(o) for o in origins])
