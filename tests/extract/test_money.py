"""Money and numbers in words: currencies before and after the number, a paragraph's currency for a
bare amount, 兆 and 京, English multipliers, shares and multiples written out; a year is never a count.

Sentences written for these tests, in simplified and traditional Chinese and in English.
"""

import pytest

from tests.extract.test_claims import check, claim_for

MONEY = [
    ("The retailer's sales reached 64 billion yuan in 2023.", "64 billion yuan",
     dict(value=6.4e10, unit="CNY")),
    ("Its cloud arm earned 3.1 billion US dollars in 2022.", "3.1 billion US dollars",
     dict(value=3.1e9, unit="USD", type="level")),
    ("Exports rose to 9 billion U.S. dollars.", "9 billion U.S. dollars", dict(value=9e9, unit="USD")),
    ("The fund holds RMB 12 billion.", "12 billion", dict(value=1.2e10, unit="CNY")),
    ("Capex was CNY75 billion last year.", "75 billion", dict(value=7.5e10, unit="CNY")),
    ("A round of US$2.4bn closed.", "2.4bn", dict(value=2.4e9, unit="USD")),
    ("The seed round raised $18m.", "18m", dict(value=1.8e7, unit="USD")),
    ("Spending could pass $2tn by 2030.", "2tn", dict(value=2e12, unit="USD", qualifier="lower_bound")),
    ("Grants of €3 billion were approved.", "3 billion", dict(value=3e9, unit="EUR")),
    ("Chip sales reached NT$900 billion.", "900 billion", dict(value=9e11, unit="TWD")),
    ("The listing raised HK$6 billion.", "6 billion", dict(value=6e9, unit="HKD")),
    ("The ministry set aside 200 billion yen.", "200 billion yen", dict(value=2e11, unit="JPY")),
    ("该工厂投资新台币3200亿元。", "3200亿元", dict(value=3.2e11, unit="TWD")),
    ("該廠房造價約新臺幣800億元。", "800億元", dict(value=8e10, unit="TWD", qualifier="approx")),
    ("全年營收上看2.8兆元。", "2.8兆元", dict(value=2.8e12, unit="TWD")),  # 兆 money is Taiwanese
    ("全年營收上看2.8萬億元。", "2.8萬億元", dict(value=2.8e12, unit="CNY")),
    ("該案耗資逾五百億元新臺幣。", "五百億元新臺幣", dict(value=5e10, unit="TWD", qualifier="lower_bound")),
    ("募资总额约为55亿港元。", "55亿港元", dict(value=5.5e9, unit="HKD", qualifier="approx")),
    ("政府追加1.5万亿日元预算。", "1.5万亿日元", dict(value=1.5e12, unit="JPY")),
    ("每台售价约US$3万。", "3万", dict(value=3e4, unit="USD", qualifier="approx")),
    ("该风电场装机容量为300兆瓦。", "300兆瓦", dict(value=3e8, unit="W")),
    ("该机房每秒可完成500京次浮点运算。", "500京次浮点运算", dict(value=5e18, unit="FLOPS")),
    ("The new system peaks at 2 exaflops.", "2 exaflops", dict(value=2e18, unit="FLOPS")),
]
FROM_CONTEXT = [
    ("该公司海外收入为48亿美元，国内收入为31亿。", "31亿", dict(value=3.1e9, unit="USD")),
    ("該基金規模為新台幣600億元，首期動用200億。", "200億", dict(value=2e10, unit="TWD")),
    ("Orders hit $9 billion in 2023, and 11 billion are expected in 2024.", "11 billion",
     dict(value=1.1e10, unit="USD")),
    ("All figures here are in euros. The programme costs 4 billion.", "4 billion",
     dict(value=4e9, unit="EUR")),
]
IN_WORDS = [
    ("Half of the surveyed banks use AI agents.", "Half", dict(value=50, unit="%", type="share")),
    ("About a third of new servers are liquid-cooled.", "a third",
     dict(value=33.333333, unit="%", qualifier="approx")),
    ("Three in ten buyers chose local chips.", "Three in ten", dict(value=30, unit="%", type="share")),
    ("Token traffic tripled in 2023.", "tripled", dict(value=3, unit="x", type="multiple")),
    ("The fleet grew threefold.", "threefold", dict(value=3, unit="x")),
    ("Output rose 1.5-fold.", "1.5-fold", dict(value=1.5, unit="x")),
    ("利润在两年内翻了一番。", "翻了一番", dict(value=2, unit="x", type="multiple")),
    ("出貨量可望翻兩番。", "翻兩番", dict(value=4, unit="x")),
    ("超过一半的受访企业已部署大模型。", "一半", dict(value=50, unit="%", qualifier="lower_bound")),
]


@pytest.mark.parametrize(("sentence", "surface", "expected"), MONEY + IN_WORDS)
def test_money_and_words(extract, sentence, surface, expected):
    check(claim_for(extract(sentence), surface), expected)


@pytest.mark.parametrize(("sentence", "surface", "expected"), FROM_CONTEXT)
def test_bare_amount_takes_the_paragraphs_currency(extract, sentence, surface, expected):
    row = claim_for(extract(sentence), surface)
    check(row, expected)
    assert "currency-from-context" in row["flags"].split(";")


@pytest.mark.parametrize("sentence", [
    "2024 was a turning year for AI PCs.",
    "In the first half of 2024 the market cooled.",
    "The plant employs twelve people.",
    "该公司营收为35亿美元，员工达2万名。",
])
def test_no_money_or_count_where_none_is_written(extract, sentence):
    claims = extract(sentence)
    assert not claims["unit"].str.startswith("count:w").any()
    assert not ((claims["unit"] == "USD") & (claims["value"] == 2e4)).any()
    assert "first half" not in " ".join(claims["surface"])


def test_a_line_that_goes_on_keeps_the_currency():
    from tests.extract.conftest import read_lines

    claims, _ = read_lines(["该基金规模为50亿美元。", "其中20亿投向芯片。", "园区另有30亿用于道路。"])
    row = claims[claims["line"] == 2].iloc[0]
    assert (row["unit"], row["value"]) == ("USD", 2e9) and "currency-from-context" in row["flags"]
    assert not (claims["line"] == 3).any() or claims[claims["line"] == 3].iloc[0]["unit"] != "USD"
