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


VISION_ZH = (
    "2025年中国机器视觉行业发展研究报告\n"
    "2024年，国产机器视觉软件市场占有率提升至35%，检测工程师岗位缺口为6万人。\n"
    "2024年，国产工业相机市场占有率为28%。\n"
    "报告后文写道：2024年，海康、大华等国产软件的市场份额为44%，机器视觉检测工程师缺口达到9万人。\n"
)
VISION_HANT = (
    "2025年中國機器視覺產業發展研究報告\n"
    "2024年，國產機器視覺軟體市場占有率提升至35%。\n"
    "2024年，國產工業相機市場占有率為28%。\n"
    "報告後文寫道：2024年，海康、大華等國產軟體的市場份額為44%。\n"
)
SOFTWARE_ZH = (
    "2025年中国工业软件市场报告\n"
    "2024年，国产工业软件市场占有率为20%。\n"
)


def conflicts_between(audit, doc: str, *numbers: str) -> list[dict]:
    return [f for f in audit.covering([(doc, n) for n in numbers], "intra-document-conflict")
            if f["outcome"] == "fail"]


def test_a_figure_restated_in_other_words_of_its_document_is_compared(run_audit, tmp_path):
    """国产软件的市场份额 in a report on machine vision is 国产机器视觉软件市场占有率 (the title's words
    left out, the examples before 等 set aside); 检测工程师岗位缺口 is 机器视觉检测工程师缺口."""
    audit = audit_of(run_audit, tmp_path, {"vision.txt": VISION_ZH})
    share = conflicts_between(audit, "vision.txt", "35%", "44%")
    assert [f["severity"] for f in share] == ["error"]
    assert "the same words apart from" in share[0]["grouping"], share[0]["grouping"]
    html = (tmp_path / "out" / "audit.html").read_text(encoding="utf-8")
    assert "Why compared" in html and "the same words apart from" in html
    assert conflicts_between(audit, "vision.txt", "6万人", "9万人")
    assert not conflicts_between(audit, "vision.txt", "28%", "35%")
    assert not conflicts_between(audit, "vision.txt", "28%", "44%")


def test_paraphrases_are_compared_in_traditional_chinese_too(run_audit, tmp_path):
    audit = audit_of(run_audit, tmp_path, {"vision.txt": VISION_HANT})
    assert conflicts_between(audit, "vision.txt", "35%", "44%")
    assert not conflicts_between(audit, "vision.txt", "28%", "35%")


def test_a_document_s_topic_words_are_left_out_only_within_it(run_audit, tmp_path):
    """国产工业软件 of a software report is not the vision report's 国产机器视觉软件."""
    audit = audit_of(run_audit, tmp_path, {"vision.txt": VISION_ZH, "software.txt": SOFTWARE_ZH})
    across = audit.covering([("vision.txt", "35%"), ("software.txt", "20%")])
    assert not [f for f in across if f["outcome"] == "fail"]


COMPUTE_ZH = (
    "2024年，中国加速服务器市场规模达到221亿美元。\n"
    "2024年，我国存力总规模达到1580EB。\n"
    "2024年，我国人工智能核心产业规模接近9000亿元。\n"
)
COMPUTE_HANT = (
    "2024年，中國加速伺服器市場規模達到221億美元。\n"
    "2024年，我國存力總規模達到1580EB。\n"
)
COMPUTE_EN = (
    "China's accelerated server market reached $22.1 billion in 2024.\n"
    "China's total storage capacity reached 1,580 EB in 2024.\n"
    "The scale of China's core AI industry approached 900 billion yuan in 2024.\n"
)


def corroborated(audit, *sides: tuple[str, str]) -> bool:
    return any(f["outcome"] == "pass" for f in audit.covering(list(sides), "cross-source-agreement"))


def test_one_figure_in_chinese_and_english_corroborates(run_audit, tmp_path):
    """加速服务器市场规模 = accelerated server market, 存力总规模 = total storage capacity, AI核心产业规模 =
    core AI industry: the same concepts, in another order and without 规模."""
    audit = audit_of(run_audit, tmp_path, {"zh.txt": COMPUTE_ZH, "en.txt": COMPUTE_EN})
    assert corroborated(audit, ("zh.txt", "221亿美元"), ("en.txt", "22.1 billion"))
    assert corroborated(audit, ("zh.txt", "1580EB"), ("en.txt", "1,580 EB"))
    assert corroborated(audit, ("zh.txt", "9000亿元"), ("en.txt", "900 billion"))


def test_one_figure_in_traditional_chinese_and_english_corroborates(run_audit, tmp_path):
    audit = audit_of(run_audit, tmp_path, {"hant.txt": COMPUTE_HANT, "en.txt": COMPUTE_EN})
    assert corroborated(audit, ("hant.txt", "221億美元"), ("en.txt", "22.1 billion"))
    assert corroborated(audit, ("hant.txt", "1580EB"), ("en.txt", "1,580 EB"))


def test_a_scope_word_still_vetoes_a_join_across_languages(run_audit, tmp_path):
    """The general server market is not the accelerated server market, in either language."""
    general = COMPUTE_EN.replace("accelerated server market reached $22.1", "server market reached $24.6")
    audit = audit_of(run_audit, tmp_path, {"zh.txt": COMPUTE_ZH, "en.txt": general})
    assert not audit.covering([("zh.txt", "221亿美元"), ("en.txt", "24.6 billion")])


DATED_ZH = "发布日期：2024-05-10\n我国存力总规模达到1580EB，在用标准机架超过880万架。\n"
STATED_ZH = "2024年，我国存力总规模为1580EB。\n2024年，我国在用标准机架为700万架。\n"


def test_a_figure_dated_by_its_page_corroborates_but_never_conflicts_across_pages(run_audit, tmp_path):
    """存力总规模达到1580EB, no year, on a page dated 2024 agrees with another page's 2024 figure: a
    corroboration that says the year was read; its 880万架 against the other page's 700万架 is no
    conflict (the year may be wrong)."""
    audit = audit_of(run_audit, tmp_path, {"dated.txt": DATED_ZH, "stated.txt": STATED_ZH})
    agreeing = [f for f in audit.covering([("dated.txt", "1580EB"), ("stated.txt", "1580EB")],
                                          "cross-source-agreement") if f["outcome"] == "pass"]
    assert agreeing and "read, not stated" in agreeing[0]["message"], agreeing
    assert not [f for f in audit.covering([("dated.txt", "880万架"), ("stated.txt", "700万架")])
                if f["outcome"] == "fail"]


QUARTER_EN = (
    "Worldwide server market revenue reached $112.4 billion in the third quarter of 2025.\n"
    "In the third quarter of 2025, worldwide storage capacity shipments reached 1,580 EB.\n"
)
YEAR_EN = (
    "In 2025, worldwide server market revenue reached $112.4 billion.\n"
    "In 2025, worldwide storage capacity shipments reached 5,200 EB.\n"
)
UNDATED_EN = (
    "Worldwide server market revenue reached $112.4 billion.\n"
    "Worldwide storage capacity shipments reached 2,900 EB.\n"
)


def failing_between(audit, *sides: tuple[str, str]) -> list[dict]:
    return [f for f in audit.covering(list(sides)) if f["outcome"] == "fail"]


def test_a_quarter_and_its_year_corroborate_but_never_conflict(run_audit, tmp_path):
    """$112.4 billion dated 2025Q3 by one report and 2025 by another is one figure dated at two grains:
    a corroboration that names both periods; 1,580 EB in a quarter against 5,200 EB in the year is no
    conflict (a quarter's figure need not be the year's)."""
    audit = audit_of(run_audit, tmp_path, {"quarter.txt": QUARTER_EN, "year.txt": YEAR_EN})
    agreeing = [f for f in audit.covering([("quarter.txt", "112.4"), ("year.txt", "112.4")],
                                          "cross-source-agreement") if f["outcome"] == "pass"]
    assert agreeing, audit.findings
    assert "Periods differ: 2025Q3 in quarter.txt, 2025 in year.txt" in agreeing[0]["message"]
    assert not failing_between(audit, ("quarter.txt", "1,580"), ("year.txt", "5,200"))


def test_a_figure_without_any_year_corroborates_but_never_conflicts(run_audit, tmp_path):
    """A page with no date and no year: its $112.4 billion agrees with the dated pages' figure; its
    2,900 EB against their 1,580 and 5,200 EB is no conflict."""
    audit = audit_of(run_audit, tmp_path, {"quarter.txt": QUARTER_EN, "year.txt": YEAR_EN,
                                           "undated.txt": UNDATED_EN})
    agreeing = [f for f in audit.covering([("undated.txt", "112.4"), ("year.txt", "112.4")],
                                          "cross-source-agreement") if f["outcome"] == "pass"]
    assert agreeing and "no year in undated.txt" in agreeing[0]["message"], audit.findings
    assert not failing_between(audit, ("undated.txt", "2,900"), ("year.txt", "5,200"))
    assert not failing_between(audit, ("undated.txt", "2,900"), ("quarter.txt", "1,580"))


ROBOTS_ZH = (
    "2025年中国服务机器人行业研究报告\n"
    "2024年，服务机器人模型训练成本同比下降30%，专利许可收入增长9%。\n"
    "报告后文写道：国产高端芯片供给不足，这一短缺直接导致2024年行业平均模型训练成本同比上升12%。\n"
)


def test_a_figure_measures_the_effect_its_phrase_names_not_the_cause(run_audit, tmp_path):
    """这一短缺直接导致2024年行业平均模型训练成本 measures the training cost (the effect after 导致), and
    行业 in a report on the service robot industry is that industry: +12 % contradicts −30 %."""
    audit = audit_of(run_audit, tmp_path, {"robots.txt": ROBOTS_ZH})
    found = conflicts_between(audit, "robots.txt", "30%", "12%")
    assert [f["severity"] for f in found] == ["error"], audit.findings
    assert not conflicts_between(audit, "robots.txt", "9%", "12%")


CLOUD_DATED_ZH = "发布日期：2022-03-10\n我国云计算市场规模已达3000亿元，数据中心机架规模为590万架。\n"
CLOUD_EN = (
    "In 2021, China's cloud computing market size crossed 300 billion yuan.\n"
    "In 2021, China's data centre racks numbered 520 million.\n"
)


def test_a_year_read_from_the_page_date_meets_the_year_before(run_audit, tmp_path):
    """A page of 2022 gives 云计算市场规模 without a year: the latest figure it can give is 2021's, so it
    corroborates another report's 2021 figure in English (cloud computing market size crossed …: the
    verb ends the phrase). Its racks against the other's are no conflict: the year was read."""
    audit = audit_of(run_audit, tmp_path, {"dated.txt": CLOUD_DATED_ZH, "en.txt": CLOUD_EN})
    agreeing = [f for f in audit.covering([("dated.txt", "3000亿元"), ("en.txt", "300 billion")],
                                          "cross-source-agreement") if f["outcome"] == "pass"]
    assert agreeing and "2022 in dated.txt, 2021 in en.txt" in agreeing[0]["message"], audit.findings
    assert not failing_between(audit, ("dated.txt", "590万架"), ("en.txt", "520 million"))
