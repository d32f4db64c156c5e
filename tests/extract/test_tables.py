"""Tables: flattened rows cut into cells the header explains, and grids (HTML, Markdown, Word, Excel)
whose rows and columns name each cell's period, metric and unit."""

import docx
import openpyxl
import pytest

from recon.extract import extract_claims
from recon.extract.tables import split_flattened_rows, unit_from_hint
from recon.ingest import ingest_paths
from tests.extract.conftest import read_lines

HEADED = ("2025-2026年市场核心指标预估年份销量(万套)收入(亿元)毛利率(%)"
          "202510.5120.335.2202612.8150.936.4三、结论")


def test_cells_follow_the_header(extract):
    claims = extract(HEADED, date="2025-04")
    got = [(r.surface, r.value, r.unit, r.period, r.kind) for r in claims.itertuples()]
    assert got == [
        ("10.5", pytest.approx(1.05e5), "count:套", "2025", "forecast"),
        ("120.3", pytest.approx(1.203e10), "CNY", "2025", "forecast"),
        ("35.2", pytest.approx(35.2), "%", "2025", "forecast"),
        ("12.8", pytest.approx(1.28e5), "count:套", "2026", "forecast"),
        ("150.9", pytest.approx(1.509e10), "CNY", "2026", "forecast"),
        ("36.4", pytest.approx(36.4), "%", "2026", "forecast"),
    ]
    assert set(claims["flags"]) == {"table-cell"}
    assert set(claims["type"]) == {"count", "level", "rate"}


def test_thousands_separators_cut_cells_under_a_caption_unit(extract):
    line = "市场规模预测(单位:亿元)年份基础层技术层应用层20251,5808902,15020262,1201,2303,050注:测算"
    claims = extract(line, date="2025-04")
    assert list(claims["surface"]) == ["1,580", "890", "2,150", "2,120", "1,230", "3,050"]
    assert set(claims["unit"]) == {"CNY"}
    assert claims["value"].tolist() == pytest.approx([1.58e11, 8.9e10, 2.15e11, 2.12e11, 1.23e11, 3.05e11])


def test_a_row_without_header_is_split_and_flagged(extract, listed):
    line = "医疗健康(18%)20261,8503,75030.8%智能制造(36%)"
    claims = extract(line)
    row = claims[claims["surface"] == "30.8%"].iloc[0]
    assert (row["period"], row["value"]) == ("2026", 30.8)
    assert "unclear-columns" in row["flags"]
    assert {"1,850", "3,750"} <= set(listed(line)["surface"])


def test_rows_named_by_labels_take_the_header_years(extract):
    line = ("需求分布预估(单位:%)应用领域需求占比CAGR2025年2027年2030年智能制造28.531.235.87.2%"
            "金融科技18.617.415.2-2.8%合计100.0100.0100.0-核心驱动力来自三方面")
    claims = extract(line, date="2025-04")
    got = [(r.surface, r.value, r.unit, r.period, r.type) for r in claims.itertuples()]
    assert got == [
        ("28.5", 28.5, "%", "2025", "share"), ("31.2", 31.2, "%", "2027", "share"),
        ("35.8", 35.8, "%", "2030", "share"), ("7.2%", 7.2, "%", "2025-2030", "cagr"),
        ("18.6", 18.6, "%", "2025", "share"), ("17.4", 17.4, "%", "2027", "share"),
        ("15.2", 15.2, "%", "2030", "share"), ("-2.8%", -2.8, "%", "2025-2030", "cagr"),
    ]


def test_tab_table_rows_count_what_their_label_names():
    lines = ["模型名称\tGPT-3\tSwitch-Transformer", "参数量\t1750亿\t1.6万亿"]
    claims, _ = read_lines(lines, block="table", table_id="t#1")
    got = [(r.surface, r.value, r.unit, r.metric_text) for r in claims.itertuples()]
    assert got == [("1750亿", 1.75e11, "count:parameters", "参数量GPT-3"),
                   ("1.6万亿", 1.6e12, "count:parameters", "参数量Switch-Transformer")]


def test_a_span_with_its_dash_lost_is_not_a_row():
    assert split_flattened_rows("装机量在20252030年间实现7倍扩容", {}) == []


@pytest.mark.parametrize("hint, expected", [
    ("亿元", ("CNY", 1e8, "level")),
    ("(单位:亿美元)", ("USD", 1e8, "level")),
    ("%", ("%", 1.0, "")),
    ("家", ("count:家", 1.0, "count")),
    ("亿,起", ("CNY", 1e8, "level")),
    ("US$ bn", ("USD", 1e9, "level")),
    ("(USD billion)", ("USD", 1e9, "level")),
    ("RMB mn", ("CNY", 1e6, "level")),
    ("billion US dollars", ("USD", 1e9, "level")),
    ("Unit: US$ million", ("USD", 1e6, "level")),
])
def test_unit_hints(hint, expected):
    assert unit_from_hint(hint) == expected


def test_rows_flattened_one_per_line_keep_the_header_and_their_labelled_shares():
    lines = ["增长率预估年份市场规模(亿元)年增长率应用领域占比20251,4122,87032.5%智能制造(38%)",
             "金融科技(25%)",
             "医疗健康(18%)20261,8503,75030.8%智能制造(36%)"]
    claims, _ = read_lines(lines, date="2025-04")
    got = {(r.line, r.surface): (r.value, r.unit, r.period) for r in claims.itertuples()}
    assert got[(2, "25%")] == (25, "%", "2025")
    assert got[(3, "18%")] == (18, "%", "2025")
    assert got[(3, "36%")] == (36, "%", "2026")
    assert got[(3, "1,850")] == (pytest.approx(1.85e11), "CNY", "2026")
    assert got[(3, "30.8%")] == (30.8, "%", "2026")


def test_cells_of_a_grid_table_are_named_by_their_row_and_column():
    import pandas as pd

    from recon.extract import extract_claims
    from recon.ingest.rows import document_row, segment_row
    from recon.schemas import Document, Segment

    grid = [(0, 0, "地区"), (0, 1, "融资金额"), (1, 0, "长三角"), (1, 1, "346.8"), (2, 0, "全国"),
            (2, 1, "727.2")]
    rows = [segment_row("t.html", 2 + r, text, col_offset=4 * c, block="table", table_id="t#1", row=r, col=c,
                        unit_hint="亿元") for r, c, text in grid]
    document = document_row("t.html", "t.html", "html", meta={"date": "2024-04"})
    documents = Document.validate(pd.DataFrame([document]))
    claims, _ = extract_claims(Segment.validate(pd.DataFrame(rows)), documents)
    got = [(r.surface, r.value, r.unit, r.metric_text, r.geo) for r in claims.itertuples()]
    assert got == [("346.8", pytest.approx(3.468e10), "CNY", "长三角融资金额", "Yangtze River Delta"),
                   ("727.2", pytest.approx(7.272e10), "CNY", "全国融资金额", "China")]


def test_a_caption_gives_its_period_and_place_to_every_row_of_its_table(tmp_path):
    from recon.extract import extract_claims
    from recon.ingest import ingest_paths

    names = ["网络视频", "网络支付", "网络购物", "搜索引擎", "网络直播", "网上外卖", "网约车", "网络文学",
             "在线旅行预订", "互联网医疗", "即时通信", "网络新闻"]
    rows = [f"{name}\t{10 - n / 10:.1f}\t3.5%\t{97 - n:.1f}%" for n, name in enumerate(names)]
    report = tmp_path / "r.txt"
    report.write_text("\n".join([
        "图表 14:截至 2023 年底中国各类互联网应用普及情况(单位:亿,%)", "应用\t用户规模\t同比增长\t网民使用率",
        *rows, "", " ", "", "应用\t用户规模\t同比增长\t网民使用率", "网络音频\t3.3\t4.3%\t30.4%", "",
        "其中，头部平台的用户占比为61%。"]), encoding="utf-8")
    claims, _ = extract_claims(*reversed(ingest_paths([report])))
    cells = claims[claims["surface"] != "61%"]
    assert len(cells) == 39
    assert set(cells["geo"]) == {"China"} and set(cells["period"]) == {"2023"}
    after = claims[claims["surface"] == "61%"].iloc[0]
    assert after["geo"] == ""


def test_a_tab_before_a_cell_is_no_product_name_glue():
    """算力当量\t2.4PD\t8.7PD: a unit that ends one cell does not make the next cell a model name."""
    lines = ["模型名称\tBERT-Large\tGPT-2\tGPT-3", "算力当量\t2.4PD\t8.7PD\t3640PD"]
    claims, _ = read_lines(lines, block="table", table_id="t#1")
    assert list(claims["surface"]) == ["2.4PD", "8.7PD", "3640PD"]
    assert set(claims["unit"]) == {"other:PF-days"}


def write_grid(path, caption: str, grid: list[list[str]]) -> None:
    """A report holding one table, as the format of ``path`` writes tables (generated here)."""
    kind = path.suffix
    if kind == ".html":
        cells = "".join("<tr>" + "".join(f"<{'th' if r == 0 else 'td'}>{text}</{'th' if r == 0 else 'td'}>"
                                         for text in row) + "</tr>\n" for r, row in enumerate(grid))
        path.write_text(f"<html><body>\n<table><caption>{caption}</caption>\n{cells}</table>\n</body></html>\n",
                        encoding="utf-8")
    elif kind == ".md":
        lines = [caption, "", "| " + " | ".join(grid[0]) + " |", "|" + "---|" * len(grid[0])]
        lines += ["| " + " | ".join(row) + " |" for row in grid[1:]]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif kind == ".docx":
        document = docx.Document()
        document.add_paragraph(caption)
        table = document.add_table(rows=len(grid), cols=len(grid[0]))
        for r, row in enumerate(grid):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        document.save(path)
    else:
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append([caption])
        for row in grid:
            sheet.append([float(text) if "." in text and text.replace(".", "").isdigit() else text
                          for text in row])
        workbook.save(path)


def table_claims(path, caption: str, grid: list[list[str]]):
    write_grid(path, caption, grid)
    documents, segments = ingest_paths([path])
    assert documents["status"].tolist() == ["ok"]
    return extract_claims(segments, documents)


YEAR_ROWS = [["年份", "市场规模", "增速"], ["2023", "150.5", "12.5%"], ["2027E", "300.5", "20%"],
             ["2025F", "220.5", "15%"]]
FORMATS = [".html", ".md", ".docx", ".xlsx"]


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("caption", ["中国人工智能市场规模(单位:亿美元)", "中国人工智能市场规模(亿美元)",
                                     "中国人工智能市场规模，亿美元"])
def test_a_year_column_gives_periods_and_the_caption_unit_the_values(tmp_path, suffix, caption):
    claims, numbers = table_claims(tmp_path / f"market{suffix}", caption, YEAR_ROWS)
    got = [(r.surface, r.value, r.unit, r.period, r.kind, r.metric_text) for r in claims.itertuples()]
    assert got == [
        ("150.5", pytest.approx(1.505e10), "USD", "2023", "actual", "市场规模"),
        ("12.5%", 12.5, "%", "2023", "actual", "增速"),
        ("300.5", pytest.approx(3.005e10), "USD", "2027", "forecast", "市场规模"),
        ("20%", 20, "%", "2027", "forecast", "增速"),
        ("220.5", pytest.approx(2.205e10), "USD", "2025", "forecast", "市场规模"),
        ("15%", 15, "%", "2025", "forecast", "增速"),
    ]
    assert {"2023", "2027"} <= set(numbers.loc[numbers["reason"] == "year", "surface"])


@pytest.mark.parametrize("suffix", FORMATS)
def test_year_headers_give_columns_their_periods_and_a_row_label_its_unit(tmp_path, suffix):
    grid = [["指标", "2023", "2025F", "2023-2025年CAGR"], ["智能算力规模(EFLOPS)", "414.1", "725.3", "32.4%"],
            ["Revenue (US$ bn)", "12.5", "18.5", "21.6%"]]
    claims, _ = table_claims(tmp_path / f"compute{suffix}", "表2 核心指标", grid)
    got = [(r.surface, r.value, r.unit, r.period, r.kind, r.metric_text) for r in claims.itertuples()]
    assert got == [
        ("414.1", pytest.approx(4.141e20), "FLOPS", "2023", "actual", "智能算力规模"),
        ("725.3", pytest.approx(7.253e20), "FLOPS", "2025", "forecast", "智能算力规模"),
        ("32.4%", 32.4, "%", "2023-2025", "actual", "智能算力规模CAGR"),
        ("12.5", pytest.approx(1.25e10), "USD", "2023", "actual", "Revenue"),
        ("18.5", pytest.approx(1.85e10), "USD", "2025", "forecast", "Revenue"),
        ("21.6%", 21.6, "%", "2023-2025", "actual", "RevenueCAGR"),
    ]
    assert set(claims.loc[claims["period"] == "2023-2025", "type"]) == {"cagr"}


def test_a_markdown_pipe_table_is_read_cell_by_cell(tmp_path):
    path = tmp_path / "brief.md"
    path.write_text("# 简报\n\n| 地区 | 融资金额(亿元) | 项目数(个) |\n| :--- | ---: | ---: |\n"
                    "| 长三角 | 346.8 | 120 |\n| 珠三角 | 158.2 | 64 |\n\n2023年融资总额为727.2亿元。\n",
                    encoding="utf-8")
    documents, segments = ingest_paths([path])
    claims, _ = extract_claims(segments, documents)
    lines = path.read_text(encoding="utf-8").split("\n")
    for claim in claims.itertuples():
        assert lines[claim.line - 1][claim.start:claim.end] == claim.surface
    got = [(r.line, r.surface, r.unit, r.metric_text) for r in claims.itertuples()]
    assert got == [(5, "346.8", "CNY", "长三角融资金额"), (5, "120", "count:个", "长三角项目数"),
                   (6, "158.2", "CNY", "珠三角融资金额"), (6, "64", "count:个", "珠三角项目数"),
                   (8, "727.2亿元", "CNY", "融资总额")]
