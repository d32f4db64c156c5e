"""Origins in the report: independent origins of corroborations and the lineage view, on written reports."""

import json

import pytest
from bs4 import BeautifulSoup

from recon.pipeline import run_audit
from tests.report.test_browser import CHROMIUM, browser, open_page  # noqa: F401  (browser is a fixture)

REPORTS = {
    "idc.txt": "中国液冷服务器市场展望\n\nIDC预计，2027年中国液冷服务器市场规模将达到89亿美元。\n",
    "wire.txt": "液冷服务器市场观察\n\n根据国际数据公司（IDC）的报告，2027年中国液冷服务器市场规模将达到"
                "89亿美元。\n",
    "brief.md": "# Liquid cooling brief\n\nAccording to IDC, China's liquid-cooled server market will reach "
                "US$8.9 billion in 2027.\n",
    "news.txt": "液冷服务器快讯\n\n据IDC预测，2027年中国液冷服务器市场规模将达到98亿美元。\n",
    "caict.txt": "液冷白皮书摘要\n\n据中国信通院测算，2027年中国液冷服务器市场规模将达到120亿美元。\n",
}
MANIFEST = """documents:
  - {file: idc.txt, publisher: IDC, date: 2024-03}
  - {file: wire.txt, publisher: Example Wire, date: 2024-04}
  - {file: brief.md, publisher: Example Weekly, date: 2024-04}
  - {file: news.txt, publisher: Example News, date: 2024-04}
  - {file: caict.txt, publisher: Example Digest, date: 2024-04}
"""


@pytest.fixture(scope="module")
def audit(tmp_path_factory):
    """(the report, audit.html's path) of a run over the written reports."""
    corpus = tmp_path_factory.mktemp("lineage")
    for name, text in {**REPORTS, "manifest.yaml": MANIFEST}.items():
        (corpus / name).write_text(text, encoding="utf-8")
    report = run_audit([corpus])
    html = corpus / "audit.html"
    html.write_text(report.to_html(), encoding="utf-8")
    return report, html


def test_findings_json_counts_independent_origins(audit):
    report, _ = audit
    records = json.loads(report.to_findings_json())
    passed = [r for r in records if r["check"] == "cross-source-agreement" and r["outcome"] == "pass"]
    assert passed and all((r["origins"], r["independent_origins"]) == (["IDC"], 1) for r in passed)
    between = [r for r in records if r["check"] == "cross-source-agreement" and r["outcome"] == "fail"
               and "CAICT" in r["origins"]]
    assert between and all(r["independent_origins"] == 2 for r in between)


def test_a_corroboration_of_one_origin_says_it_is_a_faithful_quote(audit):
    report, _ = audit
    page = BeautifulSoup(report.to_html(), "html.parser")
    [card] = page.select("#corroborations article.finding")
    note = card.select_one(".origins .l-en").get_text()
    assert note == ("3 documents, 1 origin (IDC): they quote one source faithfully; this is not independent "
                    "agreement.")
    assert "并非相互独立的印证" in card.select_one(".origins .l-zh").get_text()


def test_the_lineage_shows_each_origin_with_the_documents_quoting_it(audit):
    report, _ = audit
    page = BeautifulSoup(report.to_html(), "html.parser")
    [lineage] = page.select("#lineage article.lineage")
    assert lineage.select_one(".origins .l-en").get_text() == "5 documents, 2 origins (CAICT, IDC)."
    rows = {}
    origin = None
    for row in lineage.select("tbody tr"):
        head = row.select_one("th.origin")
        origin = head.get_text(strip=True).rstrip(" →") if head else origin
        rows.setdefault(origin, []).append(tuple(td.get_text() for td in row.select("td")[:2]))
    assert rows == {
        "CAICT": [("caict.txt", "120亿美元")],
        "IDC": [("brief.md", "8.9 billion"), ("idc.txt", "89亿美元"), ("news.txt", "98亿美元"),
                ("wire.txt", "89亿美元")],
    }
    said = [p.select_one(".said .l-en").get_text() for p in lineage.select(".lineage-conflict")]
    assert "CAICT says 120亿美元, IDC says 89亿美元" in said
    assert "IDC is quoted as 89亿美元 and as 98亿美元" in said


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)")
def test_the_lineage_renders_in_the_browser(browser, audit):  # noqa: F811
    _, html = audit
    page = open_page(browser, html)
    page.click('nav a[href="#lineage"]')
    section = page.locator("#lineage")
    assert section.locator("article.lineage").count() == 1 and section.locator("tbody tr").count() == 5
    assert section.locator(".lineage-conflict").first.is_visible()
    page.click("#lang-toggle")
    assert section.locator("h2").inner_text().startswith("数据来源追溯")
    assert page.seen["errors"] == []
    page.close()
