"""audit.html in headless Chromium: no network, no console errors, working filters, sorting, language,
and a layout that holds at 1280 px on real audits (the demo corpus and a corpus with notes and cells);
the lineage view on those and on the shared corpus."""

import json
import time
from pathlib import Path

import pandas as pd
import pytest

from recon.gate import Gate
from recon.pipeline import run_audit
from recon.review import Review
from recon.schemas import MatchedFact
from tests.report import tables

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parents[2]
CORPORA = {"demo": ROOT / "sources", "notes": ROOT / "tests" / "data" / "report_corpus"}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def open_page(browser, html: Path):
    """``html`` opened from disk at 1280 × 900; records requests, console errors and dialogs."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.seen = {"requests": [], "errors": [], "dialogs": []}
    page.on("request", lambda request: page.seen["requests"].append(request.url))
    page.on("console", lambda m: m.type == "error" and page.seen["errors"].append(m.text))
    page.on("pageerror", lambda error: page.seen["errors"].append(str(error)))
    page.on("dialog", lambda dialog: (page.seen["dialogs"].append(dialog.message), dialog.dismiss()))
    page.goto(html.as_uri())
    page.wait_for_load_state("load")
    return page


@pytest.fixture
def page(browser, build_report, tmp_path):
    """The hand-made report (warning accepted)."""
    warning_id = tables.findings().query("severity == 'warning'")["finding_id"].item()
    html = tmp_path / "audit.html"
    report = build_report({warning_id: Review(warning_id, "accepted", "ok", "lin")})
    html.write_text(report.to_html(), encoding="utf-8")
    page = open_page(browser, html)
    yield page
    page.close()


@pytest.fixture(scope="module")
def audits(tmp_path_factory):
    """Each corpus audited twice: the second run reads a decision on its first failing finding."""
    runs = {}
    for name, corpus in CORPORA.items():
        out = tmp_path_factory.mktemp(name)
        reviews = out / "reviews.yaml"
        first = run_audit([corpus], reviews=reviews, gate=Gate()).finding_records()
        decided = next(r["finding_id"] for r in first if r["outcome"] == "fail")
        decision = "{status: waived, note: checked with the source, by: lin}"
        reviews.write_text(f"reviews:\n  {decided}: {decision}\n", encoding="utf-8")
        report = run_audit([corpus], reviews=reviews, gate=Gate())
        (out / "audit.html").write_text(report.to_html(), encoding="utf-8")
        runs[name] = (out / "audit.html", report.finding_records(), decided, report.facts)
    return runs


@pytest.fixture(params=list(CORPORA))
def audited(request, browser, audits):
    """(page, findings.json records, the id of the reviewed finding) for a real audit."""
    html, records, decided, _ = audits[request.param]
    page = open_page(browser, html)
    yield page, records, decided
    page.close()


def visible(page, selector: str) -> int:
    return page.locator(f"{selector}:visible").count()


def overflow(page) -> int:
    """How many pixels the page is wider than its viewport."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_opens_from_disk_without_network_errors_or_script_execution(page, tmp_path):
    assert page.seen["requests"] == [(tmp_path / "audit.html").as_uri()]
    assert page.seen["errors"] == []
    assert page.seen["dialogs"] == []
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    assert (tmp_path / "report.png").stat().st_size > 10_000


def test_finding_filters_change_the_visible_cards(page):
    assert visible(page, "#conflicts article.finding") == 3
    page.select_option("#f-severity", "error")
    assert visible(page, "article.finding") == 1
    assert page.text_content("#f-count") == "1"
    page.select_option("#f-severity", "")
    page.select_option("#f-status", "accepted")
    assert page.locator("article.finding:visible").get_attribute("data-severity") == "warning"
    page.select_option("#f-status", "")
    page.select_option("#f-doc", "press_en.txt")
    assert visible(page, "#conflicts article.finding") == 1
    assert visible(page, "#corroborations article.finding") == 1
    page.select_option("#f-metric", "compute-intelligent")
    assert visible(page, "article.finding") == 1 and page.text_content("#f-count") == "0"


def test_fact_filters_and_sorting(page):
    assert visible(page, "tr.fact") == 9
    page.select_option("#x-doc", "press_en.txt")
    assert visible(page, "tr.fact") == 2
    page.select_option("#x-doc", "")
    page.fill("#x-text", "1751")
    assert visible(page, "tr.fact") == 1 and page.text_content("#x-count") == "1"
    page.fill("#x-text", "")
    page.click("#facts-table th:nth-child(7)")
    first = page.locator("#facts-table tbody tr").first.locator("td.num").text_content()
    assert first == "33.9 %"
    page.click("#facts-table th:nth-child(7)")
    assert page.locator("#facts-table tbody tr").first.locator("td.num").text_content() == "1,117.4 EFLOPS"


def test_language_toggle_switches_labels_options_and_messages(page):
    assert page.locator("h1 .l-en").is_visible() and not page.locator("h1 .l-zh").is_visible()
    message = page.locator("#conflicts article.finding .message").first
    english = message.inner_text()
    page.click("#lang-toggle")
    assert page.locator("h1 .l-zh").is_visible() and page.text_content("h1 .l-zh") == "数据核查报告"
    assert not page.locator("h1 .l-en").is_visible()
    assert message.inner_text() == f"（中文）{english}"
    assert page.locator("#f-severity option").first.inner_text() == "全部"
    assert page.locator("#f-status option[value='waived']").inner_text() == "已豁免"
    assert page.locator("tr.fact td:nth-child(8)").first.inner_text() in {"实际", "预测", "估计"}


def test_a_reviewed_finding_shows_its_decision_and_every_failing_card_a_review_line(page):
    accepted = page.locator("article.finding.status-accepted")
    review = accepted.locator(".review").inner_text()
    assert "ok" in review and "lin" in review
    assert page.locator("#conflicts .review-cmd:visible").count() == 3


def test_print_hides_the_controls(page):
    assert page.locator("#finding-filters").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("#finding-filters").is_visible()
    assert not page.locator("#lang-toggle").is_visible()
    assert page.locator("#conflicts article.finding").first.is_visible()


def test_real_audit_opens_cleanly_and_fits_1280_px(audited):
    page, _, _ = audited
    assert page.seen["errors"] == [] and len(page.seen["requests"]) == 1
    assert overflow(page) <= 0
    for details in page.locator("details").all():
        details.evaluate("d => { d.open = true; }")
    assert overflow(page) <= 0
    table = page.locator("#facts-table").bounding_box()
    assert table["x"] + table["width"] <= 1280


def test_section_titles_clear_the_sticky_header_after_a_nav_click(audited):
    page, _, _ = audited
    for link in page.locator("nav a").all():
        target = link.get_attribute("href")
        link.click()
        page.wait_for_timeout(50)
        header = page.locator("header.top").bounding_box()
        title = page.locator(f"{target} h2").bounding_box()
        assert title["y"] >= header["y"] + header["height"], target
        assert title["y"] + title["height"] <= 900, target


def test_language_toggle_shows_the_suites_chinese_messages(audited):
    page, records, _ = audited
    card = page.locator("#conflicts article.finding").first
    record = next(r for r in records if r["finding_id"] == card.get_attribute("id").removeprefix("finding-"))
    assert card.locator(".message").inner_text() == record["message"]
    page.click("#lang-toggle")
    assert card.locator(".message").inner_text() == record["message_zh"] != record["message"]
    assert page.locator("#conflicts h2").inner_text().startswith("待决定的矛盾")


def test_every_failing_finding_has_a_review_line_and_the_decision_shows(audited):
    page, records, decided = audited
    failing = [r for r in records if r["outcome"] == "fail"]
    lines = page.locator(".review-cmd").all_text_contents()
    expected = [f'recon review {r["finding_id"]} --status accepted --note "…"' for r in failing]
    assert sorted(lines) == sorted(expected)
    review = page.locator(f"#finding-{decided} .review")
    assert review.is_visible()
    assert all(word in review.inner_text() for word in ("waived", "checked with the source", "lin"))


def test_notes_are_folded_by_document_and_counted_apart(browser, audits):
    html, records, _, _ = audits["notes"]
    page = open_page(browser, html)
    notes = [r for r in records if r["outcome"] == "fail" and r["section"] == "notes"]
    assert len(notes) == 7
    assert page.locator("#card-notes .big").inner_text() == "7"
    assert page.locator("#card-conflicts .big").inner_text() == "1"
    assert visible(page, "#notes article.finding") == 0
    page.click("#notes details.note-group summary")
    assert visible(page, "#notes article.finding") == 7
    assert page.locator("#notes .quote .cell").first.is_visible()
    # five documents quoting one figure: one card naming the five
    assert page.locator("#corroborations article.finding").count() == 1
    assert page.locator("#corroborations .badge.sources").inner_text().startswith("5 ")
    page.close()


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_a_table_cell_in_a_finding_shows_its_row_label_and_column_header(browser, audits, corpus):
    html, records, _, facts = audits[corpus]
    cited = {claim for r in records for claim in r["claim_ids"]}
    cells = facts[facts["claim_id"].isin(cited) & (facts["row_label"] != "") & (facts["col_label"] != "")]
    assert len(cells), "the corpus has a grid cell in a finding"
    page = open_page(browser, html)
    for details in page.locator("details").all():
        details.evaluate("d => { d.open = true; }")
    for cell in cells.itertuples():
        english = f"{cell.row_label} · {cell.col_label}: {cell.surface}"
        shown = page.locator(".quote .cell .l-en", has_text=english)
        assert shown.count() >= 1 and shown.first.is_visible(), english
    page.click("#lang-toggle")
    for cell in cells.itertuples():
        chinese = f"{cell.row_label} · {cell.col_label}：{cell.surface}"
        shown = page.locator(".quote .cell .l-zh", has_text=chinese)
        assert shown.first.is_visible() and shown.first.inner_text() == chinese, chinese
    assert page.locator(".quote .cell .cell-tag").first.inner_text() == "表格单元格"
    page.close()


def test_five_thousand_facts_page_stays_small_and_quick(browser, build_report, tmp_path):
    base = tables.facts()
    facts = pd.concat([base] * 556, ignore_index=True).head(5000)
    facts["claim_id"] = [*base["claim_id"], *(f"{i:012d}" for i in range(len(base), len(facts)))]
    facts["line"] = range(1, len(facts) + 1)
    report = build_report(facts=MatchedFact.validate(facts))
    html = tmp_path / "audit.html"
    html.write_text(report.to_html(), encoding="utf-8")
    per_fact = html.stat().st_size / len(facts)
    assert per_fact < 600, per_fact
    started = time.monotonic()
    page = open_page(browser, html)
    assert visible(page, "tr.fact") == 100 and page.text_content("#x-count") == "5000"
    page.fill("#x-text", "1751")
    assert page.text_content("#x-count") == str(int((facts["surface"] == "1751亿元").sum()))
    page.click("#x-next")
    assert "2 " in page.text_content("#x-page")
    assert time.monotonic() - started < 10
    assert overflow(page) <= 0
    page.close()
    assert json.loads(report.to_findings_json())


def lineage_rows(facts: pd.DataFrame) -> tuple[int, int]:
    """(groups, facts) the lineage view must show: groups whose figures come from two or more documents."""
    grouped = facts[facts["group_id"] != ""]
    docs = grouped.groupby("group_id")["doc_id"].nunique()
    shown = docs[docs >= 2].index
    return len(shown), int(grouped["group_id"].isin(shown).sum())


def assert_lineage_renders(page, facts: pd.DataFrame) -> None:
    """The lineage section, reached from the nav, shows each quoted figure's origins and rows."""
    groups, rows = lineage_rows(facts)
    assert groups, "the audit has a figure quoted by several documents"
    page.click('nav a[href="#lineage"]')
    section = page.locator("#lineage")
    assert section.locator("article.lineage").count() == groups
    assert section.locator("tbody tr").count() == rows
    first = section.locator("article.lineage").first
    assert first.locator("th.origin").first.is_visible() and first.locator(".origins .l-en").is_visible()
    assert first.locator(".origins .l-en").inner_text().split(",")[0].endswith("documents")
    page.click("#lang-toggle")
    assert section.locator("h2").inner_text().startswith("数据来源追溯")
    assert first.locator(".origins .l-zh").is_visible()
    assert page.seen["errors"] == []


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_the_lineage_view_renders_on_real_audits(browser, audits, corpus):
    html, _, _, facts = audits[corpus]
    page = open_page(browser, html)
    assert_lineage_renders(page, facts)
    page.close()


def test_the_lineage_view_renders_on_the_shared_corpus(browser, corpus_dir, tmp_path):
    report = run_audit([corpus_dir])
    html = tmp_path / "audit.html"
    html.write_text(report.to_html(), encoding="utf-8")
    page = open_page(browser, html)
    assert_lineage_renders(page, report.facts)
    page.close()
