"""Ingest on the five real reports in ../shared/corpus, read in place."""

import re

import pytest

from recon.ingest import ingest_paths
from recon.ingest.clean import to_simplified

pytestmark = pytest.mark.corpus

FULLWIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F) if c != 0xFF1F}
                          | {"\u3000": " "})


@pytest.fixture(scope="module")
def corpus(corpus_dir):
    documents, segments = ingest_paths([corpus_dir])
    return documents.set_index("doc_id"), segments


def lines_of(segments, prefix):
    return segments[segments["doc_id"].str.startswith(prefix)].set_index("line")


def test_documents(corpus):
    documents, _ = corpus
    assert len(documents) == 5 and (documents["status"] == "ok").all()
    assert documents["language"].str[:2].tolist() == ["zh"] * 5
    assert documents.loc[documents.index.str.startswith("000"), "language"].item() == "zh-Hant"
    assert documents["date"].str[:4].tolist()[1:] == ["2023", "", "", "2024"]
    assert documents.loc[documents.index.str.startswith("001"), "date"].item() == "2023-12"
    assert documents.loc[documents.index.str.startswith("004"), "date"].item() == "2024-04"


def test_one_segment_per_line_or_cell_with_the_original_text(corpus, corpus_dir):
    """A line is one segment holding its text, or a table row's cells, each at its offset in the line."""
    _, segments = corpus
    for path in sorted(corpus_dir.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        own = segments[segments["doc_id"] == path.name]
        assert sorted(own["line"].unique()) == list(range(1, len(lines) + 1))
        for row in own.itertuples():
            line = lines[row.line - 1]
            if row.col < 0:
                assert row.text == line
            else:
                assert line[row.col_offset:row.col_offset + len(row.text)] == row.text


def test_every_clean_character_maps_to_its_original(corpus):
    _, segments = corpus
    changed = segments[segments["offsets"].notna()]
    assert len(changed) > 100
    for row in changed.itertuples():
        originals = "".join(row.text[i] for i in row.offsets[:-1]).translate(FULLWIDTH)
        assert len(originals) == len(row.clean)
        assert to_simplified(originals) == row.clean


def test_pinyin_and_citations_are_removed_from_000(corpus):
    _, segments = corpus
    report = lines_of(segments, "000")
    summary = report.loc[8, "clean"]
    after_han = re.compile(r"[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùü]+\)")
    assert "學(xué)" in report.loc[8, "text"] and "(yè)" in report.loc[20, "text"]
    assert not report["clean"].str.contains(after_han).any()
    assert "化趨勢?;A(chǔ)層" in report.loc[8, "text"]  # mojibake: left as it is
    assert "化趋势?;A(chǔ)层" in summary
    assert "预计2025年市场规模将达到495.39亿元,年复合增长率维持在较高水平。" in summary
    assert "分别占据市场份额的32%、25%和18%。政策环境方面" in summary
    assert report.loc[9, "clean"] == "金融科技(25%)"
    assert report.loc[10, "clean"].startswith("医疗健康(18%)20261,8503,75030.8%")
    assert "?2030年" in summary


def test_site_boilerplate_of_000_is_marked_not_deleted(corpus):
    _, segments = corpus
    report = lines_of(segments, "000")
    boilerplate = report.index[report["block"] == "boilerplate"].tolist()
    assert 6 in boilerplate and set(range(21, 53)) <= set(boilerplate)
    assert not {8, 9, 10, 20} & set(boilerplate)


def test_caption_units_reach_the_table_below(corpus):
    _, segments = corpus
    white_book = lines_of(segments, "004")
    assert white_book.loc[521, "block"] == "caption"
    assert white_book.loc[521, "clean"] == "图表 6:近年来中国人工智能核心产业规模变化(单位:亿元)"
    table = white_book.loc[608:618]
    values = table[(table["col"] > 0) & (table["row"] > 0)]
    assert set(table["block"]) == {"table"} and set(values["unit_hint"]) == {"亿,%"}
    assert sorted(table["row"].unique()) == list(range(11)) and table["table_id"].nunique() == 1
    assert white_book.loc[519, "block"] == "text"


def test_tab_separated_lines_of_003_are_tables(corpus):
    _, segments = corpus
    assessment = lines_of(segments, "003")
    table = assessment.loc[231:233]
    assert set(table["block"]) == {"table"} and table["table_id"].nunique() == 1
    assert set(assessment.loc[232, "row"]) == {1}
    assert assessment.loc[232, ["col", "text", "row_label", "col_label"]].values.tolist()[3] == [
        3, "1750亿", "参数量", "GPT-3"]
    assert assessment.loc[168, "block"] == "text"
