"""Plain-text layout: headings, captions, flattened and delimited tables, and their unit hints."""

import pytest

from recon.ingest import ingest_paths
from recon.ingest.text import is_table_like, unit_hint

REPORT = """# 2024 中国人工智能产业报告

2023年，中国人工智能核心产业规模为1751亿元，同比增长11.9%。

图表 6：近年来中国人工智能核心产业规模变化（单位：亿元）

2021 1300

2022 1565  2023 1751
规模持续增长，2023年增速回升至11.9%，为三年来最高。

Table 2. Revenue by region (Unit: US$ billion)
Asia 12.5 Europe 8.1
The revenue grew again, reaching 20.6 in total.

| 地区 | 融资金额 |
|---|---|
| 长三角 | 346.8 |

年份\t规模
2022\t1565
"""


@pytest.fixture
def lines(tmp_path):
    path = tmp_path / "report.md"
    path.write_text(REPORT, encoding="utf-8")
    _, segments = ingest_paths([path])
    return segments.set_index("line")


@pytest.mark.parametrize(
    ("caption", "unit"),
    [
        ("图表 6:近年来中国人工智能核心产业规模变化(单位:亿元)", "亿元"),
        ("图表8:近年来中国人工智能领域融资情况(单位:亿,起)", "亿,起"),
        ("单位:百亿亿次浮点运算/秒(EFLOPS)", "百亿亿次浮点运算/秒(EFLOPS)"),
        ("单位:%", "%"),
        ("Figure 3: Global AI market (Unit: US$ billion)", "US$ billion"),
        ("Units: RMB 100 million", "RMB 100 million"),
        ("2023年中国人工智能核心产业规模为1751亿元。", ""),
    ],
)
def test_unit_hint(caption, unit):
    assert unit_hint(caption) == unit


@pytest.mark.parametrize(
    ("line", "table_like"),
    [("2021 1300", True), ("网络视频 10.7 3.5% 97.7%", True), ("1,850 3,750 30.8%", True),
     ("2023年交易金额分布", False), ("从内到外分别为2023H1、2023H2", False),
     ("规模持续增长,2023年增速回升至11.9%。", False), ("", False)],
)
def test_table_like(line, table_like):
    assert is_table_like(line) is table_like


def test_caption_unit_reaches_flattened_rows_until_prose(lines):
    assert lines.loc[1, "block"] == "heading"
    assert lines.loc[3, "block"] == "text"
    assert lines.loc[5, ["block", "unit_hint"]].tolist() == ["caption", ""]
    rows = lines.loc[[7, 9]]
    assert rows[["block", "row", "unit_hint"]].values.tolist() == [["table", 0, "亿元"], ["table", 1, "亿元"]]
    assert rows["table_id"].nunique() == 1
    assert lines.loc[10, ["block", "unit_hint"]].tolist() == ["text", ""]


def test_english_caption_unit(lines):
    assert lines.loc[12, "block"] == "caption"
    assert lines.loc[13, ["block", "unit_hint"]].tolist() == ["table", "US$ billion"]
    assert lines.loc[14, ["block", "unit_hint"]].tolist() == ["text", ""]


def test_pipe_and_tab_tables_are_separate_tables(lines):
    pipe, tab = lines.loc[16:18], lines.loc[20:21]
    assert set(pipe["block"]) == set(tab["block"]) == {"table"}
    assert pipe.reset_index()[["line", "col_offset", "text", "row", "col"]].values.tolist() == [
        [16, 2, "地区", 0, 0], [16, 7, "融资金额", 0, 1], [17, 0, "|---|---|", -1, -1],
        [18, 2, "长三角", 1, 0], [18, 8, "346.8", 1, 1]]
    assert tab["row"].tolist() == [0, 0, 1, 1] and tab["col"].tolist() == [0, 1, 0, 1]
    assert pipe["table_id"].nunique() == tab["table_id"].nunique() == 1
    assert pipe["table_id"].iloc[0] != tab["table_id"].iloc[0]
    assert set(pipe["unit_hint"]) == set(tab["unit_hint"]) == {""}


def test_markdown_front_matter_gives_metadata(tmp_path):
    path = tmp_path / "brief.md"
    path.write_text("---\ntitle: 产业简报\ndate: 2024-05-20\npublisher: 示例研究院\n---\n\n# 一、规模\n\n"
                    "2023年中国人工智能核心产业规模为1751亿元。\n", encoding="utf-8")
    documents, segments = ingest_paths([path])
    assert documents[["title", "date", "publisher", "language"]].values.tolist() == [
        ["产业简报", "2024-05", "示例研究院", "zh"]]
    assert segments["block"].tolist()[:5] == ["boilerplate"] * 5
    assert segments.loc[segments["line"] == 9, "block"].item() == "text"
