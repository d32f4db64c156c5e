"""Claims read from grid cells carry their row label and column header; other claims carry none."""

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from recon.cli import main
from recon.extract import extract_claims
from recon.extract.cells import label_table_cells
from recon.ingest import ingest_paths
from recon.pipeline import extract_facts

MARKDOWN = """# 区域市场

2023年华东地区市场规模达到120亿元，同比增长18%。

市场规模(亿元)

| 地区 | 2022年 | 2023年 |
|---|---|---|
| 华东 | 98 | 120 |
| 华南 | 76.5 | 88.2 |

表 2 深度学习行业产能预测
年份产能(万PFlops)需求量(万PFlops)全球占比(%)20251,8501,62032.520262,1501,89034.2
"""


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "regions.md").write_text(MARKDOWN, encoding="utf-8")
    workbook = openpyxl.Workbook()
    workbook.active.title = "封面"
    workbook.active.append(["区域市场数据"])
    sheet = workbook.create_sheet("出货量")
    sheet.append(["出货量(万台)"])
    sheet.append(["地区", "2023", "2024E"])
    sheet.append(["华东", 12.5, 13.1])
    workbook.save(folder / "shipments.xlsx")
    return folder


def labels_of(claims: pd.DataFrame) -> dict:
    return {(doc, surface): (row, col) for doc, surface, row, col
            in claims[["doc_id", "surface", "row_label", "col_label"]].values}


def test_grid_cells_are_labelled_and_other_claims_are_not(corpus):
    documents, segments = ingest_paths([corpus])
    claims, _ = extract_claims(segments, documents)
    labelled = label_table_cells(claims, segments)
    assert list(labelled["claim_id"]) == list(claims["claim_id"])
    labels = labels_of(labelled)
    assert {key: value for key, value in labels.items() if value != ("", "")} == {
        ("regions.md", "98"): ("华东", "2022年"), ("regions.md", "120"): ("华东", "2023年"),
        ("regions.md", "76.5"): ("华南", "2022年"), ("regions.md", "88.2"): ("华南", "2023年"),
        ("shipments.xlsx", "12.5"): ("华东", "2023"), ("shipments.xlsx", "13.1"): ("华东", "2024E"),
    }
    # the sentence and the flattened row: no grid, no labels
    assert labels[("regions.md", "120亿元")] == labels[("regions.md", "18%")] == ("", "")
    flattened = labelled[labelled["flags"].str.contains("table-cell") & (labelled["doc_id"] == "regions.md")]
    assert len(flattened) >= 3 and set(flattened["row_label"]) == set(flattened["col_label"]) == {""}


def test_labelling_twice_or_without_grid_cells_changes_nothing(corpus):
    documents, segments = ingest_paths([corpus])
    claims, _ = extract_claims(segments, documents)
    once = label_table_cells(claims, segments)
    pd.testing.assert_frame_equal(label_table_cells(once, segments), once)
    prose = segments.assign(row_label="", col_label="")
    assert set(label_table_cells(claims, prose)["row_label"]) == {""}


@pytest.mark.parametrize("jobs", [1, 2])
def test_extracted_facts_carry_the_labels_of_their_cells(corpus, jobs):
    facts = extract_facts([corpus], jobs=jobs).facts
    cell = facts[(facts["doc_id"] == "shipments.xlsx") & (facts["surface"] == "13.1")]
    assert cell[["page", "line", "row_label", "col_label"]].values.tolist() == [[2, 3, "华东", "2024E"]]
    prose = facts[facts["surface"] == "120亿元"]
    assert prose[["row_label", "col_label"]].values.tolist() == [["", ""]]


@pytest.mark.parametrize("command", ["extract", "audit"])
def test_facts_csv_carries_the_two_columns(corpus, tmp_path, command):
    out = tmp_path / "out"
    target = ["--out", out / "facts.csv"] if command == "extract" else ["--out", out, "--fail-on", "never"]
    result = CliRunner().invoke(main, [command, str(corpus), *map(str, target)])
    assert result.exit_code == 0, result.output
    facts = pd.read_csv(out / "facts.csv", dtype=str, keep_default_na=False).set_index("surface")
    assert facts.loc["88.2", ["row_label", "col_label"]].tolist() == ["华南", "2023年"]
    assert facts.loc["18%", ["row_label", "col_label"]].tolist() == ["", ""]
