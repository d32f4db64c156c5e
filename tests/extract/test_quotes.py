"""Quotes: the sentence around a figure, cut at clause boundaries, never longer than the limit."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from recon.extract import split_run_ons
from recon.extract.quotes import QUOTE_LIMIT, clause_cuts, quote_of
from tests.extract.conftest import read_lines

SHORT = "2023年中国智能算力规模达到414.1EFLOPS，同比增长59.3%。"
CLAUSES = [f"第{i}项指标保持稳定，" for i in range(40)]


def figure_in(text: str, surface: str) -> tuple[int, int]:
    at = text.index(surface)
    return at, at + len(surface)


def test_a_short_sentence_is_quoted_whole():
    text = f"  {SHORT}  "
    assert quote_of(text, (0, len(text)), figure_in(text, "414.1"), clause_cuts(text)) == SHORT


def test_a_long_sentence_is_cut_at_clause_marks_around_the_figure():
    text = "".join(CLAUSES[:20]) + "市场规模达到1,117.4亿元，" + "".join(CLAUSES[20:])
    quote = quote_of(text, (0, len(text)), figure_in(text, "1,117.4亿元"), clause_cuts(text))
    assert "市场规模达到1,117.4亿元，" in quote
    assert len(quote) <= QUOTE_LIMIT < len(text)
    assert quote.startswith("第") and quote.endswith("，")  # whole clauses, not a cut word
    assert quote in text
    # clauses are taken on both sides, so the figure is not at an edge of its quote
    assert quote.index("市场规模") > 50 and len(quote) - quote.index("，第") > 50


def test_the_sentence_bounds_limit_the_quote():
    text = "上一句很长。" * 80 + SHORT + "下一句很长。" * 80
    lo = text.index(SHORT)
    assert quote_of(text, (lo, lo + len(SHORT)), figure_in(text, "59.3%"), clause_cuts(text)) == SHORT


def test_english_is_cut_at_commas_and_full_stops_not_inside_numbers():
    filler = "Demand kept growing, and prices fell, while supply was tight, "
    text = filler * 6 + "revenue reached 1,234.5 billion U.S. dollars, up 8.4 percent, " + filler * 6
    quote = quote_of(text, (0, len(text)), figure_in(text, "1,234.5"), clause_cuts(text))
    assert "revenue reached 1,234.5 billion U.S. dollars," in quote
    assert len(quote) <= QUOTE_LIMIT


def test_a_clause_longer_than_the_limit_is_cut_at_spaces():
    words = " ".join(f"word{i}" for i in range(200))
    text = f"{words} reached 42 units {words}"
    quote = quote_of(text, (0, len(text)), figure_in(text, "42 units"), clause_cuts(text))
    assert "reached 42 units" in quote and len(quote) <= QUOTE_LIMIT
    assert re.fullmatch(r"word\d+ .* word\d+", quote)  # whole words at both ends


def test_a_clause_without_spaces_is_cut_at_the_limit():
    text = "甲" * 1000 + "达到300亿元" + "乙" * 1000
    quote = quote_of(text, (0, len(text)), figure_in(text, "300亿元"), clause_cuts(text))
    assert "达到300亿元" in quote and len(quote) == QUOTE_LIMIT


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["规模", "达到", "，", "。", ",", " ", "1,200", "3.5", "x" * 40, "、"]),
                max_size=120).map("".join), st.integers(20, 320))
def test_any_quote_holds_its_figure_within_the_limit(text, limit):
    text = text + "FIGURE" + text
    start = text.index("FIGURE")
    quote = quote_of(text, (0, len(text)), (start, start + 6), clause_cuts(text), limit)
    assert "FIGURE" in quote and len(quote) <= max(limit, 6) and quote in text


def test_claims_on_a_line_of_a_whole_report_have_short_quotes():
    sentence = "其中，{}企业数量超过{}家，占全国比重为{}%，"
    line = "".join(sentence.format(place, n, n % 90) for n, place in
                   zip(range(100, 400), ["深圳", "北京", "上海"] * 100, strict=True))
    claims, _ = read_lines([line])
    assert len(claims) == 600
    assert claims["quote"].str.len().max() <= QUOTE_LIMIT
    assert all(surface in quote for surface, quote in zip(claims["surface"], claims["quote"], strict=True))


def test_run_on_sentences_are_read_in_pieces_at_clause_marks():
    text = "，".join(f"第{i}项指标为{i}%" for i in range(200)) + "。短句。"
    sentence_ends = [m.start() for m in re.finditer("。", text)]
    clause_ends = [m.start() for m in re.finditer("[，。]", text)]
    ends = split_run_ons(sentence_ends, lambda: clause_ends, len(text), limit=100)
    assert set(sentence_ends) <= set(ends) <= set(clause_ends)
    pieces = [b - a for a, b in zip([-1] + ends, ends + [len(text)], strict=True)]
    assert max(pieces) <= 100 and len(ends) > len(text) // 100
    assert split_run_ons(sentence_ends[1:], lambda: [], len(text), limit=len(text)) == sentence_ends[1:]
