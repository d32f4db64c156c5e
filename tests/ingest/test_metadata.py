"""Language, report date and title read from a document's own text."""

import docx
import pytest

from recon.ingest import ingest_paths
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
        # a date the page labels as its own wins over any other, in all three scripts
        (["AI chips outlook", "date 2024-05-17", "Outlook for December 2026"], "2024-05"),
        (["Chip makers expand capacity", "Published: Mar 3, 2025 | Updated: Mar 9, 2025"], "2025-03"),
        (["Posted on 3 March 2025 by the desk"], "2025-03"),
        (["Last updated 2024/11/02"], "2024-11"),
        (["算力产业观察", "发布日期:2023-09-12", "预计到2025年12月建成"], "2023-09"),
        (["时间:2024-01-08 10:30 来源:示例网"], "2024-01"),
        (["發佈日期：2023年9月12日"], "2023-09"),
        (["算力產業觀察", "發布時間:2022.10.05"], "2022-10"),
        (["更新时间 2024年6月1日"], "2024-06"),
        # unlabelled: a full numeric date or a year-month by the title; a year span is no date
        (["全国算力发展报告", "2024-05-17"], "2024-05"),
        (["全国算力发展报告", "2022-2027年预测"], ""),
        (["全国算力发展报告", "2023-12"], ""),
        (["截至2024-03-31,全国在用数据中心机架总规模超过810万标准机架" * 2], "2024-03"),
    ],
)
def test_detect_date(lines, date):
    assert detect_date(lines) == date


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".docx"])
def test_a_document_without_manifest_takes_the_date_its_page_states(tmp_path, suffix):
    lines = ["中国算力发展指数白皮书", "发布日期:2023-09-12", "2022年中国算力总规模达到180EFLOPS。"]
    path = tmp_path / f"index{suffix}"
    if suffix == ".html":
        path.write_text("<html><body>" + "".join(f"<p>{line}</p>\n" for line in lines) + "</body></html>",
                        encoding="utf-8")
    elif suffix == ".docx":
        document = docx.Document()
        for line in lines:
            document.add_paragraph(line)
        document.save(path)
    else:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    documents, _ = ingest_paths([path])
    assert documents["date"].tolist() == ["2023-09"]
    (tmp_path / "manifest.yaml").write_text(f"documents:\n  - file: index{suffix}\n    date: '2024-02'\n",
                                            encoding="utf-8")
    documents, _ = ingest_paths([tmp_path])
    assert documents["date"].tolist() == ["2024-02"]


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
