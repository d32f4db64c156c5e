"""Table grids: header rows, period columns and the unit each cell takes."""

import pytest

from recon.ingest.grid import header_rows, is_value, period_columns, stated_unit, with_cell_grid
from recon.ingest.rows import segment_row


@pytest.mark.parametrize(
    ("text", "unit"),
    [("中国人工智能市场规模(单位:亿美元)", "亿美元"), ("图 3 全球算力规模(EFLOPS)", "EFLOPS"),
     ("中国人工智能市场规模，亿美元", "亿美元"), ("Revenue by region, US$ bn", "US$ bn"),
     ("Unit: US$ million", "US$ million"), ("规模达到 100 亿美元", ""), ("主要厂商(按营收排序)", ""),
     ("2023年分区域融资情况", "")],
)
def test_stated_unit(text, unit):
    assert stated_unit(text) == unit


@pytest.mark.parametrize(
    ("text", "value"),
    [("150", True), ("12.5%", True), ("1,751亿元", True), ("US$41.2", True), ("2023", False),
     ("2027E", False), ("FY2024", False), ("长三角", False), ("", False), ("增长12%", False)],
)
def test_is_value(text, value):
    assert is_value(text) is value


def test_two_header_rows_and_a_period_column_found_by_its_cells():
    rows = {0: {0: "季度", 1: "出货量"}, 1: {1: "(万台)"}, 2: {0: "2024Q1", 1: "12.5"},
            3: {0: "2024Q2", 1: "13"}}
    headers = header_rows(rows)
    assert headers == [0, 1]
    assert period_columns(rows, headers) == {0}
    unnamed = {0: {0: "", 1: "规模"}, 1: {0: "2023", 1: "150"}, 2: {0: "2027E", 1: "300"}}
    assert period_columns(unnamed, header_rows(unnamed)) == {0}


def settle(grid, table_unit):
    segments = [segment_row("t.html", 1 + r, text, block="table", table_id="t#1", row=r, col=c,
                            unit_hint=table_unit) for r, c, text in grid]
    return {(s["row"], s["col"]): s["unit_hint"] for s in with_cell_grid(segments)}


def test_a_header_spanning_columns_gives_each_its_unit():
    grid = [(0, 0, "地区"), (0, 1, "出货量(万台)"), (1, 0, "华东"), (1, 1, "12.5"), (1, 2, "13.1")]
    assert settle(grid, "") == {(0, 0): "", (0, 1): "", (1, 0): "", (1, 1): "万台", (1, 2): "万台"}


def test_a_row_label_gives_its_row_a_unit_before_the_table():
    grid = [(0, 0, "指标"), (0, 1, "2023"), (0, 2, "2024E"), (1, 0, "收入"), (1, 1, "12.5"),
            (2, 0, "算力(EFLOPS)"), (2, 1, "230")]
    assert settle(grid, "亿元") == {(0, 0): "", (0, 1): "", (0, 2): "", (1, 0): "亿元", (1, 1): "亿元",
                                    (2, 0): "亿元", (2, 1): "EFLOPS"}
