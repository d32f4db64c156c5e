"""Check: run the expectation suites in ``expectations/`` over matched facts.

Entry point: :func:`check_facts`. Each failed or passed row of a comparison table becomes a
finding (``recon.schemas.Finding``); thresholds live in the suites, not in code. Which checks exist,
in what order they run and what code runs them: :data:`recon.checks.registry.CHECKS`.
"""

from __future__ import annotations

import pandas as pd

from recon.schemas import Finding, Group, MatchedFact, empty

from .registry import CHECKS, Inputs
from .suite import Suites, load_suites
from .tolerance import with_intervals

LEVEL_MEASURES = ["level", "count", "price"]
DOCUMENT_ORDER = ["doc_id", "line", "start"]
FINDING_ORDER = ["outcome", "check", "finding_id"]
#: Fact columns no check reads: dropped first, as every row selection in the checks copies each column.
UNREAD_COLUMNS = ["page", "origin_text", "origin_claim_span", "row_label", "col_label", "metric_score"]

__all__ = ["check_facts", "finding_grouping", "load_suites", "Suites"]


def check_facts(
    facts: pd.DataFrame, groups: pd.DataFrame | None, suites: Suites, documents: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Run every check the suites enable over matched facts, in the registry's order; return the findings.

    :param facts: matched facts (``recon.schemas.MatchedFact``)
    :param groups: the groups of ``recon.match`` (``recon.schemas.Group``); a group's metric, geo and
        period name the findings about it. ``None`` when the facts carry group ids only.
    :param suites: from :func:`load_suites`
    :param documents: the documents table; a figure for a year after its report's date is read as a
        forecast even when the text does not say so
    :return: findings (``recon.schemas.Finding``), fails first, then passes
    """
    facts = MatchedFact.validate(facts).drop(columns=UNREAD_COLUMNS, errors="ignore")
    # in document order once, so that every selection the checks make keeps it without sorting again
    facts = facts.sort_values(DOCUMENT_ORDER, ignore_index=True)
    if facts.empty:
        return empty(Finding)
    groups = Group.validate(groups) if groups is not None else None
    facts = _forecasts_by_date(_labelled(facts, groups, documents), documents)
    facts = with_intervals(_numbered(facts), suites.intervals)
    inputs = Inputs(facts=facts, named=_named_by_group(facts, groups), suites=suites)
    parts = [part for check in CHECKS if check.id in suites.checks for part in check.run(inputs)]
    parts = [p for p in parts if not p.empty]
    # the checks' tables go before the findings are joined, sorted and validated: the peak is there
    del inputs, facts
    if not parts:
        return empty(Finding)
    return Finding.validate(_joined_in_order(parts))


def _joined_in_order(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """The checks' findings as one table, fails first, then by check and finding id, built a column at a
    time: each column is taken in that order and the parts' own released before the next, so that the
    findings are never held twice (a whole copy is the audit's peak at 1 M facts). Empties ``parts``."""
    keys = pd.concat([part[FINDING_ORDER] for part in parts], ignore_index=True)
    order = keys.sort_values(FINDING_ORDER, kind="stable").index.to_numpy()
    del keys
    columns = {}
    for name in list(parts[0].columns):
        column = pd.concat([part.pop(name) for part in parts], ignore_index=True)
        columns[name] = column.take(order).reset_index(drop=True)
    return pd.DataFrame(columns, copy=False)


def finding_grouping(findings: pd.DataFrame, facts: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """The findings with ``grouping``: the reason of each one's first figure's match group (which
    phrases were read as one metric, how alike they are), so an editor can judge the join as well as
    the numbers. Added for the report, like the findings' origins, once the checks are done.

    :param findings: from :func:`check_facts`
    :param facts: the matched facts (``recon.schemas.MatchedFact``)
    :param groups: the groups of ``recon.match`` (``recon.schemas.Group``)
    """
    if findings.empty or groups.empty:
        return findings.assign(grouping="")
    group_of = facts.drop_duplicates("claim_id").set_index("claim_id")["group_id"]
    reason_of = groups.set_index("group_id")["reason"]
    grouping = findings["claim_ids"].str[0].map(group_of).map(reason_of)
    return findings.assign(grouping=grouping.fillna("").astype(str))


def _numbered(facts: pd.DataFrame) -> pd.DataFrame:
    """Number each sentence (``sentence``: document, line and quote) and each ``identity`` (metric,
    scope, geo and the document of a subject outside the glossary): checks that look for a figure's
    neighbours or for the level a rate is about join on integers, not on text."""
    return facts.assign(
        sentence=facts.groupby(["doc_id", "line", "quote"], sort=False).ngroup(),
        identity=facts.groupby(["metric", "scope", "geo", "local"], sort=False).ngroup(),
    )


def _forecasts_by_date(facts: pd.DataFrame, documents: pd.DataFrame | None) -> pd.DataFrame:
    """Mark an 'actual' figure for a year after its report's date as a forecast."""
    if documents is None or documents.empty:
        return facts
    report_year = pd.to_numeric(documents.set_index("doc_id")["date"].str[:4], errors="coerce")
    year = facts["doc_id"].map(report_year)
    later = (facts["kind"] == "actual") & (facts["period_end"].astype("Float64") > year).fillna(False)
    return facts.assign(kind=facts["kind"].where(~later, "forecast"))


def metric_of(metric_id: pd.Series, subject: pd.Series) -> pd.Series:
    """What a figure measures, as one key: its glossary id, else its subject in quotes (“市场规模”)."""
    quoted = ("“" + subject + "”").where(subject != "", "")
    return metric_id.where(metric_id != "", quoted)


def metric_label(metric: pd.Series, measure: pd.Series) -> pd.Series:
    """How findings name what a figure states: the metric, with the measure when it is a rate of it
    (``ai-market-size (cagr)``)."""
    rate = ~measure.isin(LEVEL_MEASURES) & (metric != "")
    return metric.where(~rate, metric + " (" + measure + ")")


def _labelled(facts: pd.DataFrame, groups: pd.DataFrame | None,
              documents: pd.DataFrame | None) -> pd.DataFrame:
    """Facts with ``metric`` (what they measure, as a key), ``metric_name`` (what findings call it),
    ``local``, the document a subject outside the glossary is confined to ('' for glossary metrics),
    and their document's ``publisher`` ('' when unknown)."""
    metric = metric_of(facts["metric_id"], facts["subject"])
    known = documents is not None and "publisher" in documents
    publishers = documents.set_index("doc_id")["publisher"] if known else {}
    return facts.assign(
        publisher=facts["doc_id"].map(publishers).fillna("").astype(str),
        metric=metric, metric_name=metric_label(metric, facts["measure"]),
        local=facts["doc_id"].where(facts["metric_id"] == "", ""),
    )


def _named_by_group(facts: pd.DataFrame, groups: pd.DataFrame | None) -> pd.DataFrame:
    """Use the group's metric and geo for grouped facts, so findings name what the matcher joined."""
    if groups is None or groups.empty:
        return facts
    names = groups.set_index("group_id")
    metric = metric_of(names["metric_id"], names["subject"])
    names = pd.DataFrame({
        "metric": metric, "metric_name": metric_label(metric, names["measure"]), "geo": names["geo"],
    })
    joined = facts[["group_id"]].join(names, on="group_id")
    grouped = joined["metric"].notna()
    return facts.assign(
        metric=facts["metric"].where(~grouped, joined["metric"]),
        metric_name=facts["metric_name"].where(~grouped, joined["metric_name"]),
        geo=facts["geo"].where(~grouped, joined["geo"]),
    )
