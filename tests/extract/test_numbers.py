"""Numerals: Arabic with separators and decimals, Chinese numerals, vague magnitudes."""

import pytest

from recon.extract.numbers import parse_arabic, parse_chinese, parse_vague


@pytest.mark.parametrize("text, value, step", [
    ("1751", 1751, 1),
    ("1,117.4", 1117.4, 0.1),
    ("23.65", 23.65, 0.01),
    ("12,000", 12000, 1),
])
def test_arabic(text, value, step):
    assert parse_arabic(text) == pytest.approx((value, step))


@pytest.mark.parametrize("text, value, step", [
    ("七", 7, 1),
    ("两", 2, 1),
    ("十", 10, 10),
    ("十五", 15, 1),
    ("二十", 20, 10),
    ("两百", 200, 100),
    ("三千五百", 3500, 100),
    ("一万二千", 12000, 1000),
])
def test_chinese(text, value, step):
    assert parse_chinese(text) == pytest.approx((value, step))


@pytest.mark.parametrize("text, value", [("数亿", 1e8), ("上千", 1e3), ("几十", 10), ("数十亿", 1e9)])
def test_vague_is_its_order_of_magnitude(text, value):
    assert parse_vague(text) == value
