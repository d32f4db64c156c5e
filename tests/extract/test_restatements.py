"""Restatements: a figure restated in another unit or currency points at the figure it restates.

Sentences written for these tests, in simplified and traditional Chinese and in English.
"""

import pytest

from tests.extract.test_claims import claim_for

RESTATED = [
    ("该项目总投资80亿元（约合11亿美元）。", "80亿元", "11亿美元"),
    ("这笔并购金额为6亿美元，折合人民币约43亿元。", "6亿美元", "43亿元"),
    ("園區總投資新臺幣900億元，約合28億美元。", "900億元", "28億美元"),
    ("該風場容量為1,500兆瓦（1.5 GW）。", "1,500兆瓦", "1.5 GW"),
    ("该超算峰值为2 EFLOPS，相当于每秒200亿亿次浮点运算。", "2 EFLOPS", "200亿亿次浮点运算"),
    ("The deal was worth $3 billion (RMB 21.6 billion).", "3 billion", "21.6 billion"),
    ("Sales reached €5 billion, or about $5.4 billion.", "5 billion", "5.4 billion"),
    ("The site will draw 2 GW (2,000 MW).", "2 GW", "2,000 MW"),
]
NOT_RESTATED = [
    # two figures of one sentence that are not one amount twice
    ("研发费用为120亿元，相当于营收的9%。", "9%"),
    ("营收为35亿美元，利润为8亿美元。", "8亿美元"),
    ("The site draws 2 GW (up from 1,200 MW).", "1,200 MW"),
    ("A 2 GW campus (3,000 MW by 2030).", "3,000 MW"),
]


@pytest.mark.parametrize(("sentence", "first", "second"), RESTATED)
def test_a_restatement_points_at_what_it_restates(extract, sentence, first, second):
    claims = extract(sentence)
    original, restated = claim_for(claims, first), claim_for(claims, second)
    assert restated["restates"] == original["claim_id"]
    assert original["restates"] == ""


@pytest.mark.parametrize(("sentence", "surface"), NOT_RESTATED)
def test_other_figures_restate_nothing(extract, sentence, surface):
    assert claim_for(extract(sentence), surface)["restates"] == ""
