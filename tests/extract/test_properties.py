"""Properties that hold for any text: no crash, spans point into the line, no number is lost."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recon.ingest.clean import clean_text
from tests.extract.conftest import read_lines

PIECES = st.sampled_from([
    "0", "1", "2", "5", "9", "2023", "2025", "20252030", "1,117.4", ".", ",", "%", "％", "-", "~", "至", "到",
    "亿", "万", "万亿", "元", "美元", "个", "家", "年", "月", "日", "个百分点", "倍", "EFLOPS", "P", " ",
    "约", "超过", "不足", "以上", "余", "多", "(", ")", "(单位:亿元)", "年份", "?", "。", ";", "\t",
    "两", "三", "八成", "四分之一", "数亿", "GPT-", "A", "第", "图表", "同比增长", "预计", "中国", "全球",
    "學(xué)", "億", "US$", "billion", " in ", "**",
])
LINES = st.lists(PIECES, max_size=40).map("".join)


def digit_runs(line: str) -> list[tuple[int, int]]:
    """Where the digits the extractor reads sit in ``line`` (cleaning may drop citation marks like ?8)."""
    clean, offsets = clean_text(line)
    return [(offsets[m.start()] if offsets else m.start(), 0) for m in re.finditer(r"\d+", clean)]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, min_size=1, max_size=3), st.sampled_from(["", "2024-04", "2025"]))
def test_any_text(lines, date):
    claims, tokens = read_lines(lines, date=date)
    spans: dict[int, list[tuple[int, int]]] = {}
    for table in (claims, tokens):
        for row in table.itertuples():
            assert lines[row.line - 1][row.start:row.end] == row.surface
            spans.setdefault(row.line, []).append((row.start, row.end))
    for number, line in enumerate(lines, 1):
        for start, _ in digit_runs(line):
            covered = any(a <= start < b for a, b in spans.get(number, []))
            assert covered, f"digits at {start} of {line!r} neither claimed nor listed"


def test_no_segments_give_empty_valid_tables():
    from recon.extract import extract_claims
    from recon.schemas import Document, Segment, empty

    claims, tokens = extract_claims(empty(Segment), empty(Document))
    assert claims.empty and tokens.empty

