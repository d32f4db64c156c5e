"""Time: relative years resolved against the document date (flag relative-time), English order (a
figure before its year), a lost first digit of a year, and what a line after a dated line inherits.

Sentences written for these tests, in simplified and traditional Chinese and in English.
"""

import pytest

from tests.extract.conftest import read_lines
from tests.extract.test_claims import check, claim_for

RELATIVE = [
    ("去年该省算力规模达到12 EFLOPS。", "2025-04", "12 EFLOPS", dict(period="2024", kind="actual")),
    ("前年全国新建基站19万个。", "2024-06", "19万个", dict(period="2022")),
    ("明年该园区计划新增机柜5000个。", "2024-11", "5000个", dict(period="2025", kind="forecast")),
    ("截至去年底，全市累计建成智算中心9个。", "2024-02", "9个", dict(period="2023")),
    ("今年上半年，平台交易额达38亿元。", "2024-09", "38亿元", dict(period="2024H1", kind="actual")),
    ("目前，全省数据中心平均PUE为1.41。", "2023-08", "1.41", dict(period="2023", kind="actual")),
    ("去年第四季全球筆電出貨量季減3.2%。", "2024-03", "3.2%", dict(period="2023Q4", value=-3.2)),
    ("當前國內大模型備案數量已超過180個。", "2024-10", "180個", dict(period="2024", kind="actual")),
    ("Chip exports rose to $21 billion last year.", "2024-05", "21 billion", dict(period="2023")),
    ("Next year the operator plans to add 4,000 racks.", "2024-10", "4,000 racks",
     dict(period="2025", kind="forecast")),
    ("The city currently hosts 26 facilities.", "2024-06", "26 facilities",
     dict(period="2024", kind="actual")),
]
ORDER = [
    ("Spending reached $310 billion last year and is expected to reach $540 billion in 2027.", "2024-05",
     [("310 billion", "2023", "actual"), ("540 billion", "2027", "forecast")]),
    ("The segment will grow from $4.4 billion in 2021 to $9.8 billion in 2025.", "2023-04",
     [("4.4 billion", "2021", "actual"), ("9.8 billion", "2025", "forecast")]),
    ("Robot sales were 41,000 units in 2022, up 6.5 percent year on year.", "2023-06",
     [("41,000 units", "2022", "actual"), ("6.5 percent", "2022", "actual")]),
    ("?027年全国智能算力规模预计达到900 EFLOPS。", "2024-03", [("900 EFLOPS", "2027", "forecast")]),
    ("From 2022 to 2026, cloud revenue will climb from $6 billion to $15 billion.", "2023-05",
     [("6 billion", "2022", "actual"), ("15 billion", "2026", "forecast")]),
    ("The group sold HK$3 billion (about US$380 million) in 2022.", "2023-05",
     [("3 billion", "2022", "actual"), ("380 million", "2022", "actual")]),
    ("By 2026 the region aims to host 50 AI labs.", "2024-03", [("50 AI labs", "2026", "forecast")]),
    ("Cloud sales were 3.3 billion U.S. dollars in the second quarter of 2023.", "2024-03",
     [("3.3 billion U.S. dollars", "2023Q2", "actual")]),
    ("Orders fell 6% in the first half of 2023.", "2024-03", [("6%", "2023H1", "actual")]),
]


@pytest.mark.parametrize(("sentence", "date", "surface", "expected"), RELATIVE)
def test_relative_years(extract, sentence, date, surface, expected):
    row = claim_for(extract(sentence, date=date), surface)
    check(row, expected)
    assert "relative-time" in row["flags"].split(";")


@pytest.mark.parametrize(("sentence", "date", "figures"), ORDER)
def test_each_figure_takes_its_own_year(extract, sentence, date, figures):
    claims = extract(sentence, date=date)
    for surface, period, kind in figures:
        check(claim_for(claims, surface), dict(period=period, kind=kind))


def test_a_relative_year_without_a_document_date_stays_undated(extract):
    row = claim_for(extract("去年该市软件收入为820亿元。", date=""), "820亿元")
    assert row["period"] == "" and "relative-time" not in row["flags"]


def test_a_lost_first_digit_is_flagged(extract):
    row = claim_for(extract("?026年该市算力规模将达到30 EFLOPS。"), "30 EFLOPS")
    assert row["period"] == "2026" and "year-digit-lost" in row["flags"].split(";")


@pytest.mark.parametrize(("second", "period"), [
    ("园区现有企业320家。", ""),
    ("The park now has 320 firms.".replace(" now", ""), ""),
    ("同比增长12%。", "2023"),
])
def test_the_next_line_inherits_a_year_only_when_it_goes_on(second, period):
    claims, _ = read_lines(["2023年全市数字经济规模为5200亿元。", second], date="2024-03")
    assert claims[claims["line"] == 2].iloc[0]["period"] == period
