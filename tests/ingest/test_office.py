"""Word and Excel files, generated here: paragraphs, tables and sheets with exact provenance."""

import datetime as dt

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from recon.cli import main
from recon.extract import extract_claims
from recon.ingest import ingest_paths
from recon.ingest.excel import format_number
from recon.schemas import Document, Segment

PARAGRAPHS = ["发布日期:2024-05-17", "", "2023年中国人工智能核心产业规模达到5784亿元，同比增长13.9%。",
              "表1 中国智能算力规模(单位:EFLOPS)"]
GRID = [["年份", "智能算力规模", "增速"], ["2023", "414.1", "59.3%"], ["2024", "725.3", "75.2%"]]


@pytest.fixture
def word_file(tmp_path):
    document = docx.Document()
    document.add_heading("中国智能算力发展报告", 0)
    for text in PARAGRAPHS:
        document.add_paragraph(text)
    table = document.add_table(rows=len(GRID), cols=len(GRID[0]))
    for r, row in enumerate(GRID):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    merged = document.add_table(rows=2, cols=3)
    merged.cell(0, 1).merge(merged.cell(0, 2)).text = "出货量(万台)"
    merged.cell(0, 0).text = "地区"
    for c, text in enumerate(["华东", "12.5", "13.1"]):
        merged.cell(1, c).text = text
    document.add_paragraph("预计2025年市场规模将达到8000亿元。")
    path = tmp_path / "in" / "report.docx"
    path.parent.mkdir()
    document.save(path)
    return path


def word_lines(path) -> list[str]:
    """The lines recon numbers in a Word body: paragraphs, and table rows as tab-joined cells."""
    lines = []
    for block in docx.Document(path).iter_inner_content():
        if isinstance(block, docx.table.Table):
            for row in block.rows:
                unique = list(dict.fromkeys(cell._tc for cell in row.cells))
                lines.append("\t".join(docx.table._Cell(tc, block).text for tc in unique))
        else:
            lines.append(block.text)
    return lines


@pytest.fixture
def excel_file(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "市场规模"
    sheet["A1"] = "中国AI服务器市场规模(单位:亿美元)"
    sheet.append([])
    sheet.append(["年份", "市场规模", "增速", "更新"])
    sheet.append([2022, 67.0, 0.262, dt.datetime(2023, 3, 1)])
    sheet.append([2023, 1751, 0.358])
    sheet.append(["2027E", 134.25, 0.2])
    for row in range(4, 7):
        sheet.cell(row, 3).number_format = "0.0%"
    sheet["B4"].number_format = "0.0"
    sheet["B5"].number_format = "#,##0"
    second = workbook.create_sheet("Shipments")
    second.append(["Region", "2023", "2024E"])
    second.append(["China (万台)", 123.4, 150])
    path = tmp_path / "in" / "data.xlsx"
    path.parent.mkdir(exist_ok=True)
    workbook.save(path)
    return path


def test_word_paragraphs_and_tables_are_numbered_lines(word_file):
    documents, segments = ingest_paths([word_file])
    Document.validate(documents)
    Segment.validate(segments)
    doc = documents.iloc[0]
    assert (doc["format"], doc["status"], doc["title"]) == ("docx", "ok", "中国智能算力发展报告")
    lines = word_lines(word_file)
    for segment in segments.itertuples():
        line = lines[segment.line - 1]
        assert line[segment.col_offset:segment.col_offset + len(segment.text)] == segment.text
    by_text = segments.set_index("text")
    assert by_text.loc["中国智能算力发展报告", "block"] == "heading"
    assert by_text.loc["表1 中国智能算力规模(单位:EFLOPS)", ["block", "table_id"]].tolist() == [
        "caption", "report.docx#t1"]
    cells = segments[segments["table_id"] == "report.docx#t1"]
    assert cells.loc[cells["block"] == "table", ["row", "col", "text", "unit_hint"]].values.tolist() == [
        [0, 0, "年份", ""], [0, 1, "智能算力规模", ""], [0, 2, "增速", ""],
        [1, 0, "2023", ""], [1, 1, "414.1", "EFLOPS"], [1, 2, "59.3%", "EFLOPS"],
        [2, 0, "2024", ""], [2, 1, "725.3", "EFLOPS"], [2, 2, "75.2%", "EFLOPS"],
    ]
    merged = segments[segments["table_id"] == "report.docx#t2"]
    assert merged[["row", "col", "text", "unit_hint"]].values.tolist() == [
        [0, 0, "地区", ""], [0, 1, "出货量(万台)", ""], [1, 0, "华东", ""], [1, 1, "12.5", "万台"],
        [1, 2, "13.1", "万台"]]


def test_word_claims_point_into_their_lines(word_file):
    documents, segments = ingest_paths([word_file])
    claims, _ = extract_claims(segments, documents)
    lines = word_lines(word_file)
    for claim in claims.itertuples():
        assert lines[claim.line - 1][claim.start:claim.end] == claim.surface
    values = dict(zip(claims["surface"], zip(claims["unit"], claims["value"], strict=True), strict=True))
    assert values["5784亿元"] == ("CNY", 5.784e11)
    assert values["414.1"] == ("FLOPS", 4.141e20)
    assert values["12.5"] == ("count:台", 1.25e5)
    assert "2023" not in values


def test_excel_sheets_are_tables_with_rows_as_excel_numbers_them(excel_file):
    documents, segments = ingest_paths([excel_file])
    Document.validate(documents)
    doc = documents.iloc[0]
    assert (doc["format"], doc["pages"], doc["title"]) == ("xlsx", 2, "中国AI服务器市场规模(单位:亿美元)")
    first = segments[segments["page"] == 1]
    assert first[["line", "col_offset", "text", "block", "row", "col", "unit_hint"]].values.tolist() == [
        [1, 0, "中国AI服务器市场规模(单位:亿美元)", "caption", -1, -1, ""],
        [3, 0, "年份", "table", 0, 0, ""], [3, 3, "市场规模", "table", 0, 1, ""],
        [3, 8, "增速", "table", 0, 2, ""], [3, 11, "更新", "table", 0, 3, ""],
        [4, 0, "2022", "table", 1, 0, ""], [4, 5, "67.0", "table", 1, 1, "亿美元"],
        [4, 10, "26.2%", "table", 1, 2, "亿美元"], [4, 16, "2023-03-01", "table", 1, 3, "亿美元"],
        [5, 0, "2023", "table", 2, 0, ""], [5, 5, "1,751", "table", 2, 1, "亿美元"],
        [5, 11, "35.8%", "table", 2, 2, "亿美元"],
        [6, 0, "2027E", "table", 3, 0, ""], [6, 6, "134.25", "table", 3, 1, "亿美元"],
        [6, 13, "20.0%", "table", 3, 2, "亿美元"],
    ]
    second = segments[segments["page"] == 2]
    assert second[["line", "text", "row", "col", "unit_hint"]].values.tolist() == [
        [1, "Region", 0, 0, ""], [1, "2023", 0, 1, ""], [1, "2024E", 0, 2, ""],
        [2, "China (万台)", 1, 0, ""], [2, "123.4", 1, 1, "万台"], [2, "150", 1, 2, "万台"]]


def test_excel_claims_keep_the_numbers_as_written(excel_file):
    documents, segments = ingest_paths([excel_file])
    claims, _ = extract_claims(segments, documents)
    by_surface = claims.set_index("surface")
    assert by_surface.loc["1,751", ["unit", "value", "line", "start", "end"]].tolist() == [
        "USD", 1.751e11, 5, 5, 10]
    assert by_surface.loc["67.0", "value_step"] == pytest.approx(1e7)
    assert by_surface.loc["26.2%", ["unit", "value"]].tolist() == ["%", 26.2]
    assert "2022" not in by_surface.index


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [(0.125, "0.0%", "12.5%"), (0.3, "0%", "30%"), (1751, "#,##0", "1,751"),
     (1751.25, "#,##0.00", "1,751.25"), (28.5, "General", "28.5"), (0.1 + 0.2, "General", "0.3"),
     (3, "0.00", "3.00"), (1e20, "General", "100000000000000000000"), (-4.2, '0.0"亿元";-0.0"亿元"', "-4.2")],
)
def test_numbers_are_written_as_their_format_shows_them(value, number_format, text):
    assert format_number(value, number_format) == text


@pytest.mark.parametrize(("name", "reason"), [("broken.docx", "corrupt Word document: "),
                                              ("broken.xlsx", "corrupt Excel workbook: ")])
def test_a_corrupt_office_file_is_an_error_row_and_the_run_goes_on(tmp_path, word_file, name, reason):
    broken = word_file.parent / name
    broken.write_bytes(b"PK\x03\x04" + bytes(range(200)))
    documents, segments = ingest_paths([word_file.parent])
    rows = documents.set_index("doc_id")
    assert rows.loc[name, "status"] == "error"
    assert rows.loc[name, "error"].startswith(reason)
    assert rows.loc["report.docx", "status"] == "ok"
    result = CliRunner().invoke(main, ["extract", str(word_file.parent), "--out", str(tmp_path / "f.csv")])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(f"Error: {broken}: {reason}")
    assert (tmp_path / "f.csv").read_text(encoding="utf-8").count("report.docx") >= 5


def test_office_files_are_recognised_by_content_when_named_without_extension(tmp_path, word_file, excel_file):
    bare_word, bare_excel = tmp_path / "report", tmp_path / "data"
    bare_word.write_bytes(word_file.read_bytes())
    bare_excel.write_bytes(excel_file.read_bytes())
    documents, _ = ingest_paths([bare_word, bare_excel])
    assert documents[["doc_id", "format", "status"]].values.tolist() == [
        ["report", "docx", "ok"], ["data", "xlsx", "ok"]]
