"""Which figures are one metric (issue 7), end to end on documents written here: rates and shares
whose phrase names only a modifier or a whole, flattened bullet lists, and shares of two wholes."""

from __future__ import annotations

from tests.e2e.conftest import audit_of

DIGITAL_ZH = (
    "2022年，我国云计算服务产业规模达到12.4万亿元，同比名义增长9.6%，占软件产业比重为81.2%，占GDP比重为32.5%。"
    "同年，硬件制造规模为6.1万亿元，同比名义增长4.8%，占软件产业比重为20.3%。"
)
DIGITAL_HANT = (
    "2022年，我國雲計算服務產業規模達到12.4萬億元，同比名義增長9.6%，佔軟件產業比重為81.2%，佔GDP比重為32.5%。"
)
BULLETS_ZH = (
    "园区概况 - 截至2024年6月底园区入驻企业达320家 [1] - 园区孵化器累计培育项目85个 [2] "
    "- 联合实验室成员超40家 [3]"
)


def failing(audit, check: str) -> list[dict]:
    return [f for f in audit.findings if f["check"] == check and f["outcome"] == "fail"]


def test_growths_named_by_modifiers_alone_measure_their_sentences_levels(run_audit, tmp_path):
    """同比名义增长9.6% and 4.8% are the growths of two different levels, not one growth stated twice."""
    audit = audit_of(run_audit, tmp_path, {"digital.txt": DIGITAL_ZH})
    assert not failing(audit, "intra-document-conflict")
    facts = audit.facts.set_index("surface")
    assert facts.loc["9.6%", "subject"] == facts.loc["12.4万亿元", "subject"]
    assert facts.loc["4.8%", "subject"] == facts.loc["6.1万亿元", "subject"]


def test_shares_of_two_wholes_are_neither_one_metric_nor_one_list(run_audit, tmp_path):
    """占软件产业比重81.2% and 占GDP比重32.5% are shares of two wholes: no conflict, no sum over 100 %."""
    audit = audit_of(run_audit, tmp_path, {"digital.txt": DIGITAL_ZH})
    assert not failing(audit, "share-sum")
    facts = audit.facts.set_index("surface")
    assert facts.loc["81.2%", "subject"] != facts.loc["32.5%", "subject"]
    assert facts.loc["81.2%", "subject"] != facts.loc["20.3%", "subject"]


def test_the_same_rates_in_two_scripts_corroborate(run_audit, tmp_path):
    audit = audit_of(run_audit, tmp_path, {"digital.txt": DIGITAL_ZH, "digital_hant.txt": DIGITAL_HANT})
    assert not failing(audit, "cross-source-agreement")
    corroborated = {f["observed"] for f in audit.findings
                    if f["check"] == "cross-source-agreement" and f["outcome"] == "pass"}
    assert any("9.6%" in observed for observed in corroborated), corroborated
    assert any("32.5%" in observed for observed in corroborated), corroborated


def test_items_of_a_flattened_list_are_not_one_figure(run_audit, tmp_path):
    """Three counts of three list items (企业, 项目, 成员) on one line are not one count stated three ways."""
    audit = audit_of(run_audit, tmp_path, {"park.txt": BULLETS_ZH})
    assert not failing(audit, "intra-document-conflict")
    facts = audit.facts.set_index("surface")
    assert facts.loc["320家", "subject"] != facts.loc["40家", "subject"]
