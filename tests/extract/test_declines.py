"""Declines: a growth after a fall word is negative; a change verb leading to a new level is not signed.

Sentences written for these tests, in simplified and traditional Chinese and in English.
"""

import pytest

from tests.extract.test_claims import check, claim_for

DECLINES = [
    ("今年前三季度，笔记本电脑销量同比下降6%。", "6%", dict(value=-6, unit="%", type="growth")),
    ("受需求疲软影响，出货量环比下滑4.5%至1200万台。", "4.5%", dict(value=-4.5, type="growth")),
    ("行业平均毛利率较上年下降2个百分点。", "2个百分点", dict(value=-2, unit="pp", type="growth")),
    ("广告收入同比减少11%-13%。", "11%-13%", dict(value=-13, value_high=-11, qualifier="range")),
    ("该细分市场规模萎缩了9%，降幅为近五年最大。", "9%", dict(value=-9, type="growth")),
    ("全年订单量的降幅为14%。", "14%", dict(value=-14, type="growth")),
    ("半导体出口年减3.1%。", "3.1%", dict(value=-3.1, type="growth")),
    ("該公司上半年營收年減8.3%，毛利率下滑1.2個百分點。", "8.3%", dict(value=-8.3, type="growth")),
    ("該公司上半年營收年減8.3%，毛利率下滑1.2個百分點。", "1.2個百分點", dict(value=-1.2, unit="pp")),
    ("整體出貨量較去年同期衰退5.6%。", "5.6%", dict(value=-5.6, type="growth")),
    ("Smartphone shipments fell 9 percent in the second quarter.", "9 percent", dict(value=-9, unit="%")),
    ("Operating margin was down 1.5 percentage points.", "1.5 percentage points",
     dict(value=-1.5, unit="pp")),
    ("Advertising revenue declined 4% year on year.", "4%", dict(value=-4, type="growth")),
    ("The company reported a 7% drop in orders.", "7%", dict(value=-7, type="growth")),
    ("Cloud spending shrank by 2.5% over the period.", "2.5%", dict(value=-2.5, type="growth")),
]
NOT_SIGNED = [
    # a rise, a verb leading to a new level, and a level are not signed
    ("云服务收入同比增长21%。", "21%", dict(value=21, type="growth")),
    ("年增速从12%回落至7%。", "7%", dict(value=7)),
    ("融资金额回落至340亿元。", "340亿元", dict(value=3.4e10, type="level")),
    ("平均售價下跌至新臺幣1.2萬元。", "1.2萬元", dict(value=1.2e4)),
    ("Revenue rose 6% while costs were flat.", "6%", dict(value=6, type="growth")),
    ("Growth of 4% is expected for handsets.", "4%", dict(value=4, type="growth")),
    ("The plan targets 25% annual growth in capacity.", "25%", dict(value=25, type="growth")),
    ("該廠今年營收可望成長15%。", "15%", dict(value=15, type="growth")),
    ("Unit costs were cut by 30%.", "30%", dict(value=-30, type="growth")),
    ("Its share fell to 18% of the market.", "18%", dict(value=18)),
    ("Operating margin fell 2 percentage points to 31%.", "31%", dict(value=31)),
    ("毛利率下降3个百分点至41%。", "41%", dict(value=41)),
]


@pytest.mark.parametrize(("sentence", "surface", "expected"), DECLINES + NOT_SIGNED)
def test_sign_of_a_change(extract, sentence, surface, expected):
    check(claim_for(extract(sentence), surface), expected)
