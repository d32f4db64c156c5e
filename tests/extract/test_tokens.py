"""Numbers that are not claims are listed with the reason, never dropped."""

import pytest

from tests.extract.conftest import read_lines

NOT_CLAIMS = [
    ("GPT-4在多项测试中表现领先", "4", "product-name"),
    ("英伟达A100芯片供不应求", "100", "product-name"),
    ("5G基站建设加速", "5", "product-name"),
    ("图表 6:中国人工智能核心产业规模变化", "6", "figure-or-table-number"),
    ("该企业排名第3位", "3", "ordinal"),
    ("2023年7月19日,Meta发布了新模型", "19", "date"),
    ("2023年7月19日,Meta发布了新模型", "2023", "year"),
    ("1. 人工智能发展迈入新阶段", "1", "section-number"),
    ("第二章 行业概况\t14", "14", "page-number"),
    ("公司股票代码为688018", "688018", "identifier"),
    ("联系电话:82547884", "82547884", "identifier"),
    ("- 3.1 行业排名", "3.1", "section-number"),
    ("图 57\t工业富联总营收与同比增速\t. 36", "36", "page-number"),
    ("2022.08\t《深圳经济特区人工智能产业促进条例》", "2022.08", "date"),
    ("## 73% 56% 40% -10% -26%", "56", "no-quantity"),
    ("医疗影像诊断系统装机量在20252030年间实现7倍扩容", "20252030", "year"),
    ("研发投入占比从2022年的5%提升至2024年的8%", "2022", "year"),
    ("单个智算中心算力规模在100P到1000P之间", "1000P", "part-of-claim"),
    ("58 亿图文对数据库可用于多模态工作", "58 亿", "no-quantity"),
]


@pytest.mark.parametrize("sentence, surface, reason", NOT_CLAIMS)
def test_listed_with_reason(extract, listed, sentence, surface, reason):
    tokens = listed(sentence)
    rows = tokens[tokens["surface"] == surface]
    assert list(rows["reason"]) == [reason]
    assert surface not in set(extract(sentence)["surface"])


@pytest.mark.parametrize("sentence", [
    "这一增长主要源于三大动力",
    "报告从四个方面分析了产业趋势",
    "形成两条主线",
    "2025年4大主要目标",
    "统一大市场建设与一个重要趋势",
    "代表企业：北科瑞声、九天睿芯、宝链智能、太极数智、加推科技等",
])
def test_words_with_numerals_are_not_claims(extract, sentence):
    assert extract(sentence).empty


def test_boilerplate_numbers_are_listed():
    claims, tokens = read_lines(["本站所有资源均可下载,共收录1200份报告"], block="boilerplate")
    assert claims.empty
    assert list(tokens["reason"]) == ["boilerplate"]
