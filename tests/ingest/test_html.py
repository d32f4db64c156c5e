"""HTML ingest: blocks and cells located exactly in the source, units from captions and headers."""

import html

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recon.ingest import ingest_paths
from recon.ingest.clean import clean_text
from recon.ingest.grid import column_unit
from recon.ingest.html import read_html

PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head><title>全球市场概览</title><style>p { color: red }</style></head>
<body>
<nav><a href="/">首页</a> <p>导航 2024</p></nav>
<h1>全球市场概览</h1>
<p>根据Frost &amp; Sullivan，2024年全球AI市场规模达到<b>6.16</b>万亿美元。</p>
<p>第一行 1.91万亿美元<br>第二行 11.64万亿美元</p>
<table>
  <caption>2023年分区域融资金额（单位：亿美元）</caption>
  <tr><th>地区</th><th colspan="2">融资金额</th></tr>
  <tr><td>长三角</td><td>346.8</td><td><p>&nbsp;263.6</p></td></tr>
</table>
<p>Revenue by region</p>
<table>
  <tr><th>Region</th><th>Revenue (Unit: US$ billion)</th></tr>
  <tr><td>Asia</td><td>12.5</td></tr>
</table>
<script>var x = "1751亿元";</script>
<footer><p>© 2025 示例研究院 版权所有</p></footer>
</body>
</html>
"""


def ingest_page(folder, name, source):
    """Write ``source`` as an HTML file in ``folder`` and ingest it."""
    path = folder / name
    path.write_text(source, encoding="utf-8")
    return ingest_paths([path])


@pytest.fixture
def page(tmp_path):
    documents, segments = ingest_page(tmp_path, "market.html", PAGE)
    return documents.iloc[0], segments


def test_every_segment_text_is_the_exact_source_substring(page):
    _, segments = page
    source_lines = PAGE.split("\n")
    for row in segments.itertuples():
        assert source_lines[row.line - 1][row.col_offset:row.col_offset + len(row.text)] == row.text


def test_clean_is_visible_text_with_offsets_into_the_markup(page):
    _, segments = page
    row = segments[segments["text"].str.contains("Frost")].iloc[0]
    assert row["text"] == "根据Frost &amp; Sullivan，2024年全球AI市场规模达到<b>6.16</b>万亿美元。"
    assert row["clean"] == "根据Frost & Sullivan,2024年全球AI市场规模达到6.16万亿美元。"
    start = row["clean"].index("6.16万亿美元")
    end = start + len("6.16万亿美元")
    assert row["text"][row["offsets"][start]:row["offsets"][end - 1] + 1] == "6.16</b>万亿美元"
    amp = row["clean"].index("&")
    assert row["text"][row["offsets"][amp]:row["offsets"][amp + 1]] == "&amp;"


def test_br_splits_a_paragraph(page):
    _, segments = page
    lines = segments[segments["clean"].str.startswith(("第一行", "第二行"))]
    assert lines["clean"].tolist() == ["第一行 1.91万亿美元", "第二行 11.64万亿美元"]
    assert lines["line"].nunique() == 1 and lines["col_offset"].is_monotonic_increasing


def test_table_cells_with_caption_unit(page):
    _, segments = page
    first = segments[segments["table_id"] == "market.html#t1"]
    assert first[["block", "row", "col", "clean", "unit_hint"]].values.tolist() == [
        ["caption", -1, -1, "2023年分区域融资金额(单位:亿美元)", ""],
        ["table", 0, 0, "地区", ""],
        ["table", 0, 1, "融资金额", ""],
        ["table", 1, 0, "长三角", "亿美元"],
        ["table", 1, 1, "346.8", "亿美元"],
        ["table", 1, 2, "263.6", "亿美元"],
    ]


def test_unit_from_a_header_cell(page):
    _, segments = page
    second = segments[segments["table_id"] == "market.html#t2"]
    assert set(second.loc[second["row"] > 0, "unit_hint"]) == {"US$ billion"}
    assert set(second.loc[second["row"] == 0, "unit_hint"]) == {""}
    assert second.loc[second["clean"] == "12.5", ["row", "col"]].values.tolist() == [[1, 1]]


def test_chrome_is_boilerplate_and_scripts_are_not_read(page):
    document, segments = page
    blocks = dict(zip(segments["clean"], segments["block"], strict=True))
    assert blocks["导航 2024"] == "boilerplate"
    assert blocks["© 2025 示例研究院 版权所有"] == "boilerplate"
    assert blocks["全球市场概览"] == "heading"
    assert not segments["clean"].str.contains("1751|color").any()
    assert (document["title"], document["language"], document["format"]) == ("全球市场概览", "zh", "html")


def test_html_source_from_the_demo_corpus(sources_dir):
    path = sources_dir / "03_global_market.html"
    if not path.exists():
        pytest.skip("demo corpus not present")
    _, segments = ingest_paths([path])
    cells = segments[segments["block"] == "table"]
    assert "727.2" in cells["clean"].tolist()
    assert set(cells.loc[cells["row"] > 0, "unit_hint"]) == {"亿元"}


def test_text_before_a_nested_block_and_unit_from_the_paragraph_before_a_table(tmp_path):
    documents, segments = ingest_page(
        tmp_path, "nested.htm",
        "<html><body>\n<ul><li>规模达到1751亿元<ul><li>增长11.9%</li></ul></li></ul>\n<p>单位：万台</p>\n<table><tr><td>2023</td><td>54.1</td></tr></table>\n"
        "<div>算力规模 <span>414.1</span> EFLOPS</div>\n</body></html>\n")
    assert documents["format"].tolist() == ["html"]
    assert segments["clean"].tolist() == ["规模达到1751亿元", "增长11.9%", "单位:万台", "2023", "54.1",
                                          "算力规模 414.1 EFLOPS"]
    assert segments["line"].tolist() == [2, 2, 3, 4, 4, 5]
    cells = segments[segments["block"] == "table"]
    assert dict(zip(cells["clean"], cells["unit_hint"], strict=True)) == {"2023": "", "54.1": "万台"}


@given(st.text(alphabet=st.sampled_from(list("ab中學&<>\"' 1２(xué)?8")), min_size=1, max_size=40)
       .filter(lambda s: s.strip() == s))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_escaped_text_maps_back_to_its_source(tmp_path, text):
    _, segments = ingest_page(tmp_path, "escaped.html", f"<p>{html.escape(text)}</p>\n")
    row = segments.iloc[0]
    assert (len(segments), row["line"], row["col_offset"]) == (1, 1, 3)
    assert row["text"] == html.escape(text)
    assert row["clean"] == clean_text(text)[0]
    offsets = row["offsets"] if row["offsets"] is not None else list(range(len(row["text"]) + 1))
    for i, char in enumerate(row["clean"]):
        original = row["text"][offsets[i]]
        assert original == "&" or clean_text(original)[0] in (char, "")


def test_unclosed_paragraphs_cells_and_rows(tmp_path):
    _, segments = ingest_page(tmp_path, "loose.html", "<html><body>\n<p>第一段 12%\n<p>第二段 13%\n"
                              "<table><caption>Unit: US$ billion</caption>\n"
                              "<tr><td>Asia<td>12.5\n<tr><td>EU<td>8.1\n</table></body></html>\n")
    assert segments[["line", "col_offset", "text", "block", "row", "col", "unit_hint"]].values.tolist() == [
        [2, 3, "第一段 12%", "text", -1, -1, ""],
        [3, 3, "第二段 13%", "text", -1, -1, ""],
        [4, 16, "Unit: US$ billion", "caption", -1, -1, ""],
        [5, 8, "Asia", "table", 0, 0, "US$ billion"],
        [5, 16, "12.5", "table", 0, 1, "US$ billion"],
        [6, 8, "EU", "table", 1, 0, "US$ billion"],
        [6, 14, "8.1", "table", 1, 1, "US$ billion"],
    ]


def test_column_units_from_header_cells(tmp_path):
    _, segments = ingest_page(
        tmp_path, "columns.html", "<table>\n<tr><th>地区</th><th>融资金额(亿元)</th><th>占比（%）</th>"
        "<th>项目(个)</th></tr>\n<tr><td>长三角</td><td>346.8</td><td>47.7</td><td>120</td></tr>\n</table>\n")
    assert segments[["row", "col", "clean", "unit_hint"]].values.tolist() == [
        [0, 0, "地区", ""], [0, 1, "融资金额(亿元)", ""], [0, 2, "占比(%)", ""], [0, 3, "项目(个)", ""],
        [1, 0, "长三角", ""], [1, 1, "346.8", "亿元"], [1, 2, "47.7", "%"], [1, 3, "120", "个"],
    ]


@pytest.mark.parametrize(
    ("header", "unit"),
    [("融资金额(亿元)", "亿元"), ("Revenue (US$ billion)", "US$ billion"), ("规模(单位:万台)", "万台"),
     ("地区(省)", ""), ("GPT-4 (OpenAI)", ""), ("2023年", "")],
)
def test_column_unit(header, unit):
    assert column_unit(header) == unit


TAG_SOUP = st.lists(st.sampled_from([
    "<p>", "</p>", "<td>", "</td>", "<tr>", "<table>", "</table>", "<caption>", "<br>", "<b>", "</b>", "<li>",
    "<ul>", "</ul>", "&amp;", "&#x4e2d;", "&", "<", ">", "\n", "中", "12.5", "(單位:億元)", " ", "<!--x\n-->",
    "<script>alert(1)</script>", "</script>", "<div a='>'>", "<th>", "學(xué)", "?8", "<p\nclass=x>",
    "&nbsp;", "<footer>", "</footer>",
]), max_size=30)


@given(TAG_SOUP)
@settings(max_examples=150, deadline=None)
def test_tag_soup_segments_are_exact_single_line_substrings(parts):
    source = "".join(parts) + "x"
    _, segments = read_html("soup.html", source.encode(), "soup.html")
    lines = source.split("\n")
    assert len({(s["line"], s["col_offset"]) for s in segments}) == len(segments)
    assert "alert(1)" not in "".join(s["clean"] for s in segments)
    for segment in segments:
        start = segment["col_offset"]
        assert lines[segment["line"] - 1][start:start + len(segment["text"])] == segment["text"]
        if segment["offsets"] is not None:
            assert len(segment["offsets"]) == len(segment["clean"]) + 1
            assert all(0 <= offset <= len(segment["text"]) for offset in segment["offsets"])


def page_with_meta(tags: str) -> str:
    return (f"<!doctype html><html lang=\"zh\"><head><title>液冷服务器市场预测</title>{tags}</head>"
            "<body><p>2027年中国液冷服务器市场规模将达到89亿美元。</p></body></html>\n")


@pytest.mark.parametrize(("tags", "publisher"), [
    ('<meta property="og:site_name" content="IDC"><meta name="author" content="Li Hua">', "IDC"),
    ('<meta name="publisher" content="中国信息通信研究院">', "中国信息通信研究院"),
    ('<meta property="article:publisher" content="https://www.facebook.com/idc">'
     '<meta name="author" content=" Frost &amp; Sullivan ">', "Frost & Sullivan"),
    ('<meta name="description" content="IDC forecast">', ""),
])
def test_a_page_without_manifest_takes_the_publisher_its_meta_tags_name(tmp_path, tags, publisher):
    documents, _ = ingest_page(tmp_path, "idc.html", page_with_meta(tags))
    assert documents.iloc[0]["publisher"] == publisher


def test_a_manifest_publisher_overrides_the_page(tmp_path):
    (tmp_path / "idc.html").write_text(page_with_meta('<meta property="og:site_name" content="IDC">'),
                                       encoding="utf-8")
    (tmp_path / "manifest.yaml").write_text("documents:\n  - {file: idc.html, publisher: Example Wire}\n",
                                            encoding="utf-8")
    documents, _ = ingest_paths([tmp_path])
    assert documents.iloc[0]["publisher"] == "Example Wire"
