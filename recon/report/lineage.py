"""Lineage: for each matched figure quoted by several documents, which origin each document quotes.

The report shows, per group, origin → the documents quoting it with their values and periods, and
names a disagreement between origins as such (IDC says 91亿美元, CAICT says 85亿美元). Who stands
behind a figure is :func:`recon.checks.origins.standing_origins`: its origin, else its publisher.
"""

from __future__ import annotations

import pandas as pd

from recon.report.context import Lineage, LineageOrigin, LineageQuote

DISAGREEING = ("cross-source-agreement", "misquote")
"""Checks whose failing findings are disagreements between documents: between origins, or about one."""


def origin_summary(docs: int, origins: list[str], agreeing: bool = True) -> tuple[str, str]:
    """'4 documents, 1 origin (IDC)' in both languages; documents that agree on one origin's figure
    quote it faithfully, which is not independent agreement, and the sentence says so.

    >>> origin_summary(4, ["IDC"])[0]
    '4 documents, 1 origin (IDC): they quote one source faithfully; this is not independent agreement.'
    >>> origin_summary(2, ["CAICT", "IDC"])[0], origin_summary(3, ["IDC"], agreeing=False)[0]
    ('2 documents, 2 origins (CAICT, IDC).', '3 documents, 1 origin (IDC).')
    """
    names = ", ".join(origins)
    plural = "origin" if len(origins) == 1 else "origins"
    english = f"{docs} documents, {len(origins)} {plural} ({names})"
    chinese = f"{docs} 份文档，{len(origins)} 个来源（{names}）"
    if agreeing and len(origins) == 1 and docs > 1:
        return (english + ": they quote one source faithfully; this is not independent agreement.",
                chinese + "：它们如实引用了同一来源，并非相互独立的印证。")
    return english + ".", chinese + "。"


def build_lineage(facts: pd.DataFrame, standing: pd.Series, findings: pd.DataFrame) -> list[Lineage]:
    """One lineage per group whose figures come from two or more documents, groups with most documents first.

    :param facts: matched facts (``group_id`` '' for a fact standing alone)
    :param standing: who stands behind each fact, aligned with ``facts``
    :param findings: the findings; failing cross-source ones between origins are named as such
    """
    grouped = facts.assign(standing=standing)[facts["group_id"] != ""]
    disagreements = findings[findings["check"].isin(DISAGREEING) & (findings["outcome"] == "fail")]
    by_claim = grouped.set_index("claim_id")
    lineages = []
    for group_id, members in grouped.groupby("group_id", sort=False):
        if members["doc_id"].nunique() < 2:
            continue
        origins = [
            LineageOrigin(origin=origin, quotes=[
                LineageQuote(doc_id=f.doc_id, surface=f.surface, period=f.period or "—", kind=f.kind)
                for f in quoted.sort_values(["doc_id", "line", "start"]).itertuples()
            ])
            for origin, quoted in members.groupby("standing", sort=True)
        ]
        claims = set(members["claim_id"])
        conflicts = [_between_origins(by_claim.loc[[c for c in ids if c in by_claim.index]])
                     for ids in disagreements["claim_ids"] if claims.issuperset(ids)]
        summary = origin_summary(members["doc_id"].nunique(), sorted(members["standing"].unique()), False)
        first = members.iloc[0]
        lineages.append(Lineage(
            group_id=str(group_id), metric_id=first["metric_id"], geo=first["geo"],
            summary=summary[0], summary_zh=summary[1], origins=origins,
            conflicts=sorted({c for c in conflicts if c[0]}),
        ))
    return sorted(lineages, key=lambda line: (-sum(len(o.quotes) for o in line.origins), line.group_id))


def _between_origins(claims: pd.DataFrame) -> tuple[str, str]:
    """'IDC says 91亿美元, CAICT says 85亿美元' for figures of different origins; 'IDC is quoted as 89亿美元
    and as 98亿美元' for figures of one."""
    claims = claims.sort_values(["base_value", "doc_id"])
    if claims["standing"].nunique() < 2:
        values = list(dict.fromkeys(claims["surface"]))
        origin = claims["standing"].iloc[0]
        return (f"{origin} is quoted as " + " and as ".join(values),
                f"{origin} 被引用为 " + "，又被引用为 ".join(values))
    said = [(origin, " / ".join(dict.fromkeys(rows["surface"]))) for origin, rows in
            claims.groupby("standing", sort=True)]
    return (", ".join(f"{origin} says {values}" for origin, values in said),
            "，".join(f"{origin} 称 {values}" for origin, values in said))
