"""Each grid cell's row label and column header, from one table written as HTML, Markdown, Word and Excel."""

import docx
import openpyxl
import pytest

from recon.ingest import ingest_paths
from recon.ingest.grid import row_label

# two header rows, the first spanning the two value columns; a label column; a dash in a value cell
GRID = [["地区", "出货量(万台)", None], [None, "2023", "2024E"], ["华东", "12.5", "13.1"],
        ["华南", "9.8", "—"]]
SPANNING = "出货量(万台)"
LABELS = {
    (2, 0): ("", "地区"), (2, 1): ("华东", "出货量(万台) 2023"), (2, 2): ("华东", "出货量(万台) 2024E"),
    (3, 0): ("", "地区"), (3, 1): ("华南", "出货量(万台) 2023"), (3, 2): ("华南", "出货量(万台) 2024E"),
}
"""(row, col) → (row_label, col_label) of every body cell; header cells have neither."""


def write_html(path):
    body = ["<tr><th>地区</th><th colspan=\"2\">出货量(万台)</th></tr>",
            *("<tr>" + "".join(f"<td>{text or ''}</td>" for text in row) + "</tr>" for row in GRID[1:])]
    path.write_text("<html><body><h1>出货量</h1><table>\n" + "\n".join(body) + "\n</table></body></html>",
                    encoding="utf-8")


def write_markdown(path):
    rows = ["| " + " | ".join(text or "" for text in row) + " |" for row in GRID]
    path.write_text("\n".join(["# 出货量", "", rows[0], "|---|---|---|", *rows[1:], ""]), encoding="utf-8")


def write_docx(path):
    document = docx.Document()
    document.add_paragraph("出货量")
    table = document.add_table(rows=len(GRID), cols=3)
    table.cell(0, 1).merge(table.cell(0, 2))
    for r, row in enumerate(GRID):
        for c, text in enumerate(row):
            if text is not None:
                table.cell(r, c).text = text
    document.save(path)


def write_xlsx(path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["出货量"])
    for row in GRID:
        sheet.append(row)
    sheet.merge_cells("B2:C2")
    workbook.save(path)


WRITERS = {"html": write_html, "md": write_markdown, "docx": write_docx, "xlsx": write_xlsx}


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_every_cell_names_its_row_and_its_column(tmp_path, fmt):
    path = tmp_path / f"table.{fmt}"
    WRITERS[fmt](path)
    _, segments = ingest_paths([path])
    cells = segments[segments["col"] >= 0]
    body = cells[cells["row"] >= 2]
    found = {(r, c): (row, col) for r, c, row, col in body[["row", "col", "row_label", "col_label"]].values}
    assert found == LABELS
    headers = cells[cells["row"] < 2]
    assert set(headers["clean"]) == {"地区", SPANNING, "2023", "2024E"}
    assert set(headers["row_label"]) == set(headers["col_label"]) == {""}
    outside = segments[segments["col"] < 0]
    assert len(outside) and set(outside["row_label"]) == set(outside["col_label"]) == {""}


@pytest.mark.parametrize(
    ("cells", "label"),
    [({0: "2023", 1: "580"}, (0, "2023")), ({0: "—", 1: "长三角 \n 地区", 2: "12"}, (1, "长三角 地区")),
     ({0: "12.5", 1: "人工智能", 2: "13"}, (1, "人工智能")), ({0: "12", 1: "13%"}, (-1, "")),
     ({1: "2027E", 2: "300"}, (1, "2027E"))],
)
def test_a_rows_label_is_its_first_cell_naming_something(cells, label):
    assert row_label(cells) == label
