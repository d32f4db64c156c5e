"""audit.html: self-contained, escaped, and showing what an editor needs (asserted on elements)."""

import dataclasses
import typing

import pytest
from bs4 import BeautifulSoup
from jinja2 import meta

from recon.report import AuditReport
from recon.report import context as ctx
from recon.report.html import environment
from recon.review import Review
from tests.report import tables


@pytest.fixture
def soup(build_report):
    return BeautifulSoup(build_report().to_html(), "html.parser")


def test_one_file_without_any_reference_to_the_network(soup):
    assert soup.find("link") is None
    for tag in soup.find_all(src=True):
        pytest.fail(f"external resource: {tag}")
    hrefs = [a["href"] for a in soup.find_all(href=True)]
    assert hrefs and all(h.startswith("#") for h in hrefs)
    policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "default-src 'none'" in policy
    assert "@import" not in soup.style.string and "url(" not in soup.style.string
    assert "@media print" in soup.style.string


def test_source_text_with_script_tags_stays_text(soup):
    scripts = soup.find_all("script")
    assert len(scripts) == 1 and "alert(1)" not in scripts[0].string
    quotes = [q.get_text() for q in soup.select("#failing blockquote")]
    assert any(tables.INJECTION in q for q in quotes)
    assert any(tables.INJECTION in m.get_text() for m in soup.select("#failing .message"))
    assert soup.find("img") is None


def test_summary_and_gate_verdict(soup):
    cards = [c.get_text(" ", strip=True) for c in soup.select("#summary .card")]
    assert cards[0].startswith("4 Documents") and "1 unreadable" in cards[0]
    assert cards[1].startswith("9 Claims")
    assert "failed" in soup.select_one("#verdict")["class"]


def test_failing_cards_carry_filter_attributes_and_highlight_the_number(soup):
    cards = soup.select("#failing article.finding")
    assert [c["data-severity"] for c in cards] == ["error", "warning", "info"]
    first = cards[0]
    assert first["data-docs"] == "ai_whitebook.txt press_en.txt"
    assert first["data-metric"] == "ai-core-industry-scale"
    assert [m.get_text() for m in first.select("blockquote mark")] == ["1751亿元", "RMB 580 billion"]
    assert [c.get_text(" ", strip=True) for c in first.select(".quote figcaption")] == [
        "ai_whitebook.txt line 20", "press_en.txt line 5",
    ]
    assert "gating" in first["class"] and "gating" not in cards[1]["class"]


def test_numbers_in_one_sentence_are_quoted_once_with_each_marked(soup):
    card = soup.select("#failing article.finding")[1]
    quotes = card.select(".quote")
    assert len(quotes) == 1
    assert [m.get_text() for m in quotes[0].select("mark")] == ["38%", "52%"]
    assert len(quotes[0].select(".qmeta")) == 2


def test_corroborations_show_the_arithmetic(soup):
    cards = soup.select("#corroborations article.finding")
    assert len(cards) == 2
    codes = [c.get_text() for c in soup.select("#corroborations code")]
    assert "(1117.4 / 259.9)^(1/5) − 1 = 33.86 %" in codes


def test_review_status_and_note_are_shown(build_report):
    error_id = tables.findings().query("severity == 'error'")["finding_id"].item()
    report = build_report({error_id: Review(error_id, "waived", "scope differs", "lin")})
    page = BeautifulSoup(report.to_html(), "html.parser")
    card = page.select_one(f"#finding-{error_id}")
    assert card["data-status"] == "waived"
    assert "scope differs" in card.select_one(".review").get_text()
    assert "passed" in page.select_one("#verdict")["class"]


def test_stale_reviews_are_listed(build_report):
    page = BeautifulSoup(build_report({"0123456789ab": Review("0123456789ab", "waived", "old")}).to_html(),
                         "html.parser")
    assert [li.code.get_text() for li in page.select("#stale-reviews li")] == ["0123456789ab"]


def test_facts_explorer_and_coverage(soup):
    rows = soup.select("#facts-table tbody tr.fact")
    assert len(rows) == 9
    assert {r["data-doc"] for r in rows} == {"idc_compute.txt", "ai_whitebook.txt", "press_en.txt"}
    reasons = {tr.td.get_text(): tr.select("td")[1].get_text()
               for tr in soup.select("#reasons-table tbody tr")}
    assert reasons == {"year": "2", "figure-or-table-number": "1", "page-number": "1"}
    broken = soup.select_one("#documents-table tr.doc-error")
    assert "PDF has no text layer" in broken.get_text()


def test_charts_are_inline_svg_with_conflicts_marked(soup):
    charts = {f["data-metric"]: f for f in soup.select("#charts figure.chart")}
    assert set(charts) == {"ai-core-industry-scale", "training-cost-decline", "compute-intelligent"}
    assert len(charts["ai-core-industry-scale"].select("circle.conflict")) == 2
    assert not charts["compute-intelligent"].select("circle.conflict")
    ticks = [t.get_text() for t in charts["compute-intelligent"].select("text.tick")]
    assert {"2022", "2023", "2027"} <= set(ticks)


def test_every_label_has_both_languages(soup):
    english, chinese = soup.select(".l-en"), soup.select(".l-zh")
    assert len(english) == len(chinese) > 20


def _fields(cls) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def test_templates_use_only_context_fields():
    """Like datasette's template-context test: the dataclass documents every template variable."""
    env = environment()

    def undeclared(name):
        return meta.find_undeclared_variables(env.parse(env.loader.get_source(env, name)[0]))

    macros = {"finding_card", "chart_figure"}  # imported with {% from %}, which meta reports as undeclared
    used = undeclared("base.html") | undeclared("audit.html")
    assert used - set(env.globals) - macros == _fields(ctx.AuditContext)
    # Partials are macros: they see only their parameter and the environment's globals.
    assert undeclared("_finding.html") | undeclared("_chart.html") <= set(env.globals)


def test_every_context_field_has_help_text():
    classes = (ctx.AuditContext, ctx.Summary, ctx.FindingView, ctx.Quote, ctx.ClaimNote, ctx.Chart,
               ctx.ChartPoint, ctx.Tick, ctx.FactRow, ctx.DocumentRow)
    for cls in classes:
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            assert f.metadata.get("help"), f"{cls.__name__}.{f.name} has no help"
            assert f.name in hints


def test_entities_in_html_sources_are_decoded_and_escaped_once():
    documents = tables.documents()
    documents.loc[documents["doc_id"] == "press_en.txt", "format"] = "html"
    facts = tables.facts()
    english = facts["doc_id"] == "press_en.txt"
    facts.loc[english, "quote"] = facts.loc[english, "quote"].str.replace(
        "Note", "Frost &amp; Sullivan &lt;script&gt;x&lt;/script&gt;")
    facts.loc[english, ["start", "end"]] += len("Frost &amp; Sullivan &lt;script&gt;x&lt;/script&gt;") - 4
    page = BeautifulSoup(AuditReport(documents, facts, tables.numbers(), tables.findings()).to_html(),
                         "html.parser")
    quote = page.select_one("#failing article.finding .quote:nth-child(2) blockquote").get_text()
    assert quote.startswith("Frost & Sullivan <script>x</script>")
    assert len(page.find_all("script")) == 1
