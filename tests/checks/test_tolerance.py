"""Figures shown as written: the number and unit read from a surface by pyarrow's regex engine."""

import pandas as pd
import pytest

from recon.checks.tolerance import written_factor, written_range


@pytest.mark.parametrize(("surface", "base_value", "factor"), [
    ("300亿元", 3e10, 1e8),
    ("1,234.5 EFLOPS", 1.2345e21, 1e18),
    ("约45%", 45.0, 1.0),
    ("超过五百", 500.0, 1.0),  # no digits: shown in base units
])
def test_written_factor(surface, base_value, factor):
    found = written_factor(pd.Series([surface]), pd.Series([base_value]))
    assert found.iloc[0] == pytest.approx(factor)


@pytest.mark.parametrize(("lo", "hi", "surface", "base_value", "written"), [
    (2.995e10, 3.005e10, "300亿元", 3e10, "299.5–300.5亿元"),
    (6.5e9, 7.5e9, "7\xa0GW", 7e9, "6.5–7.5\xa0GW"),  # a no-break space is kept as Python's \s
    (3e20, float("inf"), "超过300 EFLOPS", 3e20, "at least 300 EFLOPS"),
])
def test_written_range(lo, hi, surface, base_value, written):
    found = written_range([lo], [hi], pd.Series([surface]), pd.Series([base_value]))
    assert found.tolist() == [written]
