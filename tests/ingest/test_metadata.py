"""Language, report date and title read from a document's own text."""

import pytest

from recon.ingest.metadata import detect_date, detect_language, detect_title


@pytest.mark.parametrize(
    ("lines", "date"),
    [
        (["德勤", "2024 AI智算产业趋势展望", "2023年12月", "- 2023年2月27日,中共中央印发"], "2023-12"),
        (["> 深圳市人工智能行业协会 2024 年 4 月"], "2024-04"),
        (["Demo Research Institute", "December 2023"], "2023-12"),
        (["Published April 15, 2024"], "2024-04"),
        (["据统计,2025年4月国家发改委发布的《新一代人工智能发展规划》提出" * 3], "2025-04"),
        (["2023 - 2024 年中国人工智能计算力发展评估报告"], ""),
        ([""] * 60 + ["2023年12月"], ""),
    ],
)
def test_detect_date(lines, date):
    assert detect_date(lines) == date


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("2023年中国人工智能核心产业规模为1751亿元,同比增长11.9%。" * 2, "zh"),
        ("2023年中國人工智能核心產業規模為1751億元,同比增長11.9%。" * 2, "zh-Hant"),
        ("China's core AI industry reached RMB 175.1 billion in 2023 (人工智能).", "en"),
        ("1751 11.9 2023", ""),
    ],
)
def test_detect_language(text, language):
    assert detect_language(text) == language


def test_detect_title_skips_short_and_symbol_lines():
    assert detect_title(["", "Deloitte.", "德勤", "## 2024 AI智算产业趋势展望"]) == "2024 AI智算产业趋势展望"


def test_title_of_a_flattened_first_page_stops_at_the_table_of_contents():
    line = "2025-2030中國深度學習行業研究報告目录一、中國深度學習行業市場現狀分析 31、行業市場規模"
    assert detect_title([line]) == "2025-2030中國深度學習行業研究報告"
