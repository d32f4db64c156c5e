"""PDF ingest on a Chinese PDF generated with reportlab's built-in CID font, and on broken PDFs."""

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from recon.ingest import ingest_paths

PAGES = [
    ["人工智能服务器季度观察", "2024年3月", "2023年中国人工智能核心产业规模为1751亿元，同比增长11.9%。"],
    ["图表 2：中国智能算力规模（单位：EFLOPS）", "2022 259.9", "2023 414.1",
     "中国智能算力规模的年复合增长率约为33.9%。"],
    ["截至2023年底，中国人工智能相关企业数量为9183家。"],
]


def make_pdf(path, pages):
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path))
    for lines in pages:
        pdf.setFont("STSong-Light", 12)
        for index, line in enumerate(lines):
            pdf.drawString(72, 760 - 20 * index, line)
        pdf.showPage()
    pdf.save()
    return path


@pytest.fixture
def pdf_ingest(tmp_path):
    return ingest_paths([make_pdf(tmp_path / "report.pdf", PAGES)])


def test_pages_and_lines(pdf_ingest):
    documents, segments = pdf_ingest
    doc = documents.iloc[0]
    assert (doc["format"], doc["status"], doc["pages"], doc["lines"]) == ("pdf", "ok", 3, 8)
    assert (doc["date"], doc["language"], doc["encoding"]) == ("2024-03", "zh", "")
    assert segments["page"].tolist() == [1, 1, 1, 2, 2, 2, 2, 3]
    assert segments["line"].tolist() == [1, 2, 3, 1, 2, 3, 4, 1]
    expected = [line for lines in PAGES for line in lines]
    assert segments["text"].tolist() == expected


def test_caption_gives_unit_to_the_table_lines_below(pdf_ingest):
    _, segments = pdf_ingest
    page2 = segments[segments["page"] == 2]
    assert page2["block"].tolist() == ["caption", "table", "table", "text"]
    assert page2["unit_hint"].tolist() == ["", "EFLOPS", "EFLOPS", ""]
    assert page2["clean"].iloc[0] == "图表 2:中国智能算力规模(单位:EFLOPS)"


def test_pdf_that_is_not_a_pdf(tmp_path):
    (tmp_path / "truncated.pdf").write_bytes(make_pdf(tmp_path / "full.pdf", PAGES).read_bytes()[:300])
    (tmp_path / "full.pdf").unlink()
    documents, segments = ingest_paths([tmp_path / "truncated.pdf"])
    assert documents["status"].tolist() == ["error"]
    assert documents["error"].iloc[0].startswith(("corrupt PDF: ", "no extractable text"))
    assert segments.empty


def test_tables_on_different_pages_have_different_ids(tmp_path):
    pages = [["单位：亿元", "2022 1565", "2023 1751"], ["单位：%", "2022 18.0", "2023 11.9"]]
    _, segments = ingest_paths([make_pdf(tmp_path / "tables.pdf", pages)])
    tables = segments[segments["block"] == "table"]
    assert tables.groupby("page")["table_id"].nunique().tolist() == [1, 1]
    assert tables["table_id"].nunique() == 2
    assert tables["unit_hint"].tolist() == ["亿元", "亿元", "%", "%"]
