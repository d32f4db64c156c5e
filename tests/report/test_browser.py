"""audit.html in headless Chromium: no network, no console errors, working filters, sorting, language."""

from pathlib import Path

import pytest

from recon.review import Review
from tests.report import tables

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"),
]


@pytest.fixture
def page(build_report, tmp_path):
    """The report (warning accepted) opened from disk; records requests, console errors and dialogs."""
    sync_api = pytest.importorskip("playwright.sync_api")
    warning_id = tables.findings().query("severity == 'warning'")["finding_id"].item()
    html = tmp_path / "audit.html"
    report = build_report({warning_id: Review(warning_id, "accepted", "ok")})
    html.write_text(report.to_html(), encoding="utf-8")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.seen = {"requests": [], "errors": [], "dialogs": []}
        page.on("request", lambda request: page.seen["requests"].append(request.url))
        page.on("console", lambda m: m.type == "error" and page.seen["errors"].append(m.text))
        page.on("pageerror", lambda error: page.seen["errors"].append(str(error)))
        page.on("dialog", lambda dialog: (page.seen["dialogs"].append(dialog.message), dialog.dismiss()))
        page.goto(html.as_uri())
        page.wait_for_load_state("load")
        yield page
        browser.close()


def visible(page, selector: str) -> int:
    return page.locator(f"{selector}:visible").count()


def test_opens_from_disk_without_network_errors_or_script_execution(page, tmp_path):
    assert page.seen["requests"] == [(tmp_path / "audit.html").as_uri()]
    assert page.seen["errors"] == []
    assert page.seen["dialogs"] == []
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    assert (tmp_path / "report.png").stat().st_size > 10_000


def test_finding_filters_change_the_visible_cards(page):
    assert visible(page, "#failing article.finding") == 3
    page.select_option("#f-severity", "error")
    assert visible(page, "article.finding") == 1
    assert page.text_content("#f-count") == "1"
    page.select_option("#f-severity", "")
    page.select_option("#f-status", "accepted")
    assert page.locator("article.finding:visible").get_attribute("data-severity") == "warning"
    page.select_option("#f-status", "")
    page.select_option("#f-doc", "press_en.txt")
    assert visible(page, "#failing article.finding") == 1
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


def test_language_toggle_switches_labels(page):
    assert page.locator("h1 .l-en").is_visible() and not page.locator("h1 .l-zh").is_visible()
    page.click("#lang-toggle")
    assert page.locator("h1 .l-zh").is_visible() and page.text_content("h1 .l-zh") == "数据核查报告"
    assert not page.locator("h1 .l-en").is_visible()


def test_print_hides_the_controls(page):
    assert page.locator("#finding-filters").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("#finding-filters").is_visible()
    assert not page.locator("#lang-toggle").is_visible()
    assert page.locator("#failing article.finding").first.is_visible()
