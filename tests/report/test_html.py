"""audit.html: self-contained, escaped, and showing what an editor needs (asserted on elements)."""

import dataclasses
import json
import typing

import pandas as pd
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


def explorer_rows(soup) -> list[dict]:
    data = json.loads(soup.select_one("#facts-data").string)
    return [dict(zip(data["fields"], row, strict=True)) for row in data["rows"]]


def test_source_text_with_script_tags_stays_text(soup):
    code = [s for s in soup.find_all("script") if s.get("type") != "application/json"]
    assert len(code) == 1 and "alert(1)" not in code[0].string
    assert all("<" not in s.string for s in soup.select('script[type="application/json"]'))
    quotes = [q.get_text() for q in soup.select("#conflicts blockquote")]
    assert any(tables.INJECTION in q for q in quotes)
    assert any(tables.INJECTION in m.get_text() for m in soup.select("#conflicts .message"))
    assert any(tables.INJECTION in "".join(p[0] for p in row["quote"]) for row in explorer_rows(soup))
    assert soup.find("img") is None


def test_summary_and_gate_verdict(soup):
    cards = [c.get_text(" ", strip=True) for c in soup.select("#summary .card")]
    assert cards[0].startswith("4 Documents") and "1 unreadable" in cards[0]
    assert cards[1].startswith("9 Claims")
    assert "failed" in soup.select_one("#verdict")["class"]


def test_conflict_cards_carry_filter_attributes_and_highlight_the_number(soup):
    cards = soup.select("#conflicts article.finding")
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
    card = soup.select("#conflicts article.finding")[1]
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
    review = card.select_one(".review").get_text(" ", strip=True)
    assert "scope differs" in review and "lin" in review and "waived" in review
    assert "passed" in page.select_one("#verdict")["class"]


def test_stale_reviews_are_listed(build_report):
    page = BeautifulSoup(build_report({"0123456789ab": Review("0123456789ab", "waived", "old")}).to_html(),
                         "html.parser")
    assert [li.code.get_text() for li in page.select("#stale-reviews li")] == ["0123456789ab"]


def test_facts_explorer_and_coverage(soup):
    rows = explorer_rows(soup)
    assert len(rows) == 9 and soup.select_one("#facts h2 .count").get_text() == "9"
    assert {r["doc_id"] for r in rows} == {"idc_compute.txt", "ai_whitebook.txt", "press_en.txt"}
    reasons = {tr.td["data-reason"]: tr.select("td")[1].get_text()
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
    classes = (ctx.AuditContext, ctx.Summary, ctx.FindingView, ctx.NoteGroup, ctx.Quote, ctx.ClaimNote,
               ctx.Chart, ctx.ChartPoint, ctx.Tick, ctx.FactRow, ctx.DocumentRow)
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
    quote = page.select_one("#conflicts article.finding .quote:nth-child(2) blockquote").get_text()
    assert quote.startswith("Frost & Sullivan <script>x</script>")
    assert len(page.select("script:not([type])")) == 1


def test_messages_in_both_languages_and_a_review_line_on_each_failing_card(soup):
    for card in soup.select("#conflicts article.finding"):
        english, chinese = card.select_one(".message .l-en"), card.select_one(".message .l-zh")
        assert chinese.get_text() == f"（中文）{english.get_text()}"
        fid = card["id"].removeprefix("finding-")
        assert card.select_one(".review-cmd").get_text() == f'recon review {fid} --status accepted --note "…"'
        assert card.select_one("button.copy")["data-copy"] == card.select_one(".review-cmd").get_text()
    assert not soup.select("#corroborations .review-cmd")


def test_a_disagreement_reads_as_a_plain_sentence_in_the_figures_units(soup):
    first = soup.select_one("#conflicts article.finding")
    reading = first.select_one(".reading .sentence .l-en").get_text()
    # 580 B against 175.1 B CNY; half a step of each last digit: (0.5 B + 0.05 B) / 175.1 B = 0.31 %
    assert reading == ("RMB 580 billion (580 B CNY) is 231.2 % above 1751亿元 (175.1 B CNY); "
                       "the tolerance of their stated precision is 0.31 %.")
    points = soup.select("#conflicts article.finding")[1].select_one(".reading .sentence .l-en").get_text()
    assert points.startswith("52% is 14.0 percentage points above 38%")
    chinese = first.select_one(".reading .sentence .l-zh").get_text()
    assert chinese.startswith("RMB 580 billion (580 B CNY) 比 1751亿元")


ORIGINAL = "預計市場增速為2530%，醫(yī)療健康佔比最高。"


def notes_report(build_report):
    """The hand-made tables plus two notes on one document's text."""
    facts = tables.facts()
    extra = [
        tables.fact("ai_whitebook.txt", 40, ORIGINAL, "2530%", 2530.0, "%", 2530.0, "%", "percent",
                    "unlisted:增速", "2025", type="growth"),
        tables.fact("ai_whitebook.txt", 41, "医疗健康2026 1,850 3,750", "1,850", 1850.0, "count:家", 1850.0,
                    "count:家", "count", "unlisted:需求分布医疗健康", "2026"),
    ]
    extra[0]["flags"], extra[1]["flags"] = "suspect-range", "table-cell;unclear-columns"
    extra[1]["metric_text"] = "需求分布医疗健康"
    facts = pd.concat([facts, pd.DataFrame(extra)], ignore_index=True)
    findings = tables.findings()
    notes = pd.DataFrame([
        dict(finding_id=tables.finding_id("plausibility", [fact["claim_id"]]), check="plausibility",
             outcome="fail", severity=severity, metric_id=fact["metric_id"], geo="China",
             period=fact["period"],
             claim_ids=[fact["claim_id"]], observed=fact["surface"], expected="", arithmetic="",
             message=f"note on {fact['surface']}", message_zh=f"说明 {fact['surface']}", section="notes",
             status="open")
        for fact, severity in zip(extra, ["warning", "info"], strict=True)
    ])
    return build_report(facts=facts, findings=pd.concat([findings, notes], ignore_index=True))


def test_notes_are_apart_from_conflicts_grouped_by_document_and_folded(build_report):
    page = BeautifulSoup(notes_report(build_report).to_html(), "html.parser")
    assert len(page.select("#conflicts article.finding")) == 3
    [group] = page.select("#notes details.note-group")
    assert group.get("open") is None and group["data-doc"] == "ai_whitebook.txt"
    assert group.summary.select_one(".count").get_text() == "2"
    assert len(group.select("article.finding.section-notes")) == 2
    assert page.select_one("#card-notes .big").get_text() == "2"
    assert page.select_one("#card-conflicts .big").get_text() == "3"


def test_quotes_are_cleaned_with_the_original_a_click_away_and_cells_say_their_row_and_column(build_report):
    page = BeautifulSoup(notes_report(build_report).to_html(), "html.parser")
    dash, cell = page.select("#notes .quote")
    # pinyin gone, simplified; Chinese punctuation as written
    assert dash.blockquote.get_text() == "预计市场增速为2530%，医疗健康占比最高。"
    assert dash.select_one("blockquote mark").get_text() == "2530%"
    assert dash.select_one("details.original p").get_text() == ORIGINAL
    assert dash.select_one(".cell") is None
    assert "需求分布医疗健康, 2026" in cell.select_one(".cell").get_text()
    assert cell.select_one("details.original") is None


def test_many_documents_quoting_one_figure_are_one_corroboration(build_report):
    findings = tables.findings()
    compute = findings[(findings["check"] == "cross-source-agreement") & (findings["outcome"] == "pass")]
    cagr = tables.facts().query("surface == '33.9%'")["claim_id"].item()
    pair = compute.assign(finding_id="0123456789abcdef",
                          claim_ids=[sorted([*compute["claim_ids"].item()[:1], cagr])])
    report = build_report(findings=pd.concat([findings, pair], ignore_index=True))
    page = BeautifulSoup(report.to_html(), "html.parser")
    cards = page.select("#corroborations article.finding")
    assert len(cards) == 2 and report.stats["corroborations"] == 3 and report.stats["corroborated"] == 2
    grouped = next(c for c in cards if c.select_one(".sources"))
    assert grouped.select_one(".sources").get_text(" ", strip=True).startswith("2 ")
    assert len(grouped.select(".qmeta")) == 3


@pytest.mark.parametrize(
    ("row_label", "col_label", "english", "chinese"),
    [("人工智能核心产业规模(亿元)", "2023年", "人工智能核心产业规模(亿元) · 2023年: 1751亿元",
      "人工智能核心产业规模(亿元) · 2023年：1751亿元"),
     ("", "2023年", "2023年: 1751亿元", "2023年：1751亿元"), ("", "", None, None)],
)
def test_a_grid_cell_in_a_conflict_shows_its_row_label_and_column_header(build_report, row_label, col_label,
                                                                        english, chinese):
    facts = tables.facts()
    cell = facts["surface"] == "1751亿元"
    facts.loc[cell, "row_label"], facts.loc[cell, "col_label"] = row_label, col_label
    page = BeautifulSoup(build_report(facts=facts.fillna({"row_label": "", "col_label": ""})).to_html(),
                         "html.parser")
    quotes = [q for q in page.select("#conflicts .quote") if q.select_one("mark").get_text() == "1751亿元"]
    others = [q for q in page.select("#conflicts .quote") if q not in quotes]
    assert quotes and others and all(q.select_one(".cell") is None for q in others)
    for quote in quotes:
        shown = quote.select_one(".cell")
        if english is None:
            assert shown is None
        else:
            assert shown.select_one(".cell-tag .l-en").get_text() == "table cell"
            assert [s.get_text() for s in shown.find_all(class_=["l-en", "l-zh"], recursive=False)] == [
                english, chinese]
