"""Misquotes and independent origins, on figures of documents written for these tests."""

import pandas as pd
import pytest

from recon.checks import check_facts
from recon.checks.origins import check_misquotes, finding_origins
from recon.checks.tolerance import with_intervals
from recon.errors import ConfigError
from recon.extract.origins import load_organisations
from recon.pipeline import check_extraction, extract_facts

from .builders import EXPECTATIONS, facts_table, ids, make_fact, outcomes

YI = 1e8
LEXICON = EXPECTATIONS / "organisations.yaml"
QUOTING = "据IDC预测，2027年中国液冷服务器市场规模将达到89亿美元。"
MISQUOTING = "IDC预计，2027年中国液冷服务器市场规模将达到98亿美元。"
OWN = "2027年中国液冷服务器市场规模将达到89亿美元。"
ENGLISH = "Gartner expects China's liquid-cooled server market to reach US$12 billion in 2027."


def server_market(doc, text, surface, value, origin="", **fields):
    """A 2027 forecast of China's liquid-cooled server market, as ``doc`` states it."""
    market = dict(value=value * YI, value_step=YI, unit="USD", dimension="currency", kind="forecast",
                  metric_id="liquid-cooled-server-market", period=2027, group_id="liquid-2027", origin=origin)
    return make_fact(doc, 1, text, surface, **{**market, **fields})


def documents(**publishers):
    """A documents table giving each test document its publisher (as a manifest would)."""
    return pd.DataFrame({"doc_id": list(publishers), "date": "2024-03",
                         "publisher": list(publishers.values())})


def misquotes(findings):
    return {o for o in outcomes(findings) if o[0] == "misquote"}


def test_two_documents_citing_one_originator_and_disagreeing_are_a_misquote(suites):
    a = server_market("a.txt", QUOTING, "89亿美元", 89, origin="IDC")
    b = server_market("b.txt", MISQUOTING, "98亿美元", 98, origin="IDC")
    findings = check_facts(facts_table(a, b), None, suites)
    assert misquotes(findings) == {("misquote", "fail", "error", ids(a, b))}
    [message] = findings.loc[findings["check"] == "misquote", "message"]
    assert message.startswith("IDC is quoted two ways for liquid-cooled-server-market (China, 2027)")
    assert "Neither document is IDC's own report" in message


def test_a_misquote_is_reported_once_not_again_as_a_disagreement(suites):
    a = server_market("a.txt", QUOTING, "89亿美元", 89, origin="IDC")
    b = server_market("b.txt", MISQUOTING, "98亿美元", 98, origin="IDC")
    other = server_market("c.txt", ENGLISH, "US$12 billion", 120, origin="Gartner")
    found = outcomes(check_facts(facts_table(a, b, other), None, suites))
    fails = {o for o in found if o[1] == "fail"}
    assert fails == {("misquote", "fail", "error", ids(a, b)),
                     ("cross-source-agreement", "fail", "error", ids(a, other)),
                     ("cross-source-agreement", "fail", "error", ids(b, other))}


def test_without_the_misquote_check_the_pair_is_a_disagreement(suites):
    a = server_market("a.txt", QUOTING, "89亿美元", 89, origin="IDC")
    b = server_market("b.txt", MISQUOTING, "98亿美元", 98, origin="IDC")
    checks = {name: spec for name, spec in suites.checks.items() if name != "misquote"}
    alone = type(suites)(checks=checks, intervals=suites.intervals, allowed_units=suites.allowed_units)
    assert outcomes(check_facts(facts_table(a, b), None, alone)) == {
        ("cross-source-agreement", "fail", "error", ids(a, b))}


def test_the_originators_own_report_is_named_as_the_side_that_matches(suites):
    own = server_market("idc.txt", OWN, "89亿美元", 89)
    quoting = server_market("news.txt", QUOTING, "89亿美元", 89, origin="IDC")
    wrong = server_market("blog.txt", MISQUOTING, "98亿美元", 98, origin="IDC")
    published = documents(**{"idc.txt": "国际数据公司", "news.txt": "", "blog.txt": "A blog"})
    findings = check_facts(facts_table(own, quoting, wrong), None, suites, published)
    assert misquotes(findings) == {
        ("misquote", "fail", "error", ids(own, wrong)),
        ("misquote", "fail", "error", ids(quoting, wrong)),
    }
    found = findings[findings["check"] == "misquote"]
    said = {tuple(f.claim_ids): (f.message, f.observed) for f in found.itertuples()}
    against_own, observed = said[ids(own, wrong)]
    assert "idc.txt is IDC's own report, so blog.txt misquotes it." in against_own
    assert "89亿美元 (idc.txt, own report)" in observed
    between_quotes, _ = said[ids(quoting, wrong)]
    assert "news.txt agrees with IDC's own report (idc.txt), so blog.txt misquotes it." in between_quotes


def test_an_originator_citing_itself_is_still_its_own_report(suites):
    own = server_market("idc.txt", "IDC预计，" + OWN, "89亿美元", 89, origin="IDC")
    wrong = server_market("blog.txt", MISQUOTING, "98亿美元", 98, origin="IDC")
    published = documents(**{"idc.txt": "IDC", "blog.txt": ""})
    findings = check_facts(facts_table(own, wrong), None, suites, published)
    [message] = findings.loc[findings["check"] == "misquote", "message"]
    assert message.endswith("idc.txt is IDC's own report, so blog.txt misquotes it.")


def test_figures_that_agree_or_cite_different_originators_are_no_misquote(suites):
    a = server_market("a.txt", QUOTING, "89亿美元", 89, origin="IDC")
    same = server_market("b.txt", "IDC数据显示，2027年中国液冷服务器市场规模将达到89亿美元。", "89亿美元", 89,
                         origin="IDC")
    other = server_market("c.txt", ENGLISH, "US$12 billion", 120, origin="Gartner")
    findings = check_facts(facts_table(a, same, other), None, suites)
    assert misquotes(findings) == set()
    assert ("cross-source-agreement", "fail", "error", ids(a, other)) in outcomes(findings)


def test_two_reports_of_the_originator_itself_are_a_revision_left_to_agreement(suites):
    first = server_market("idc-2023.txt", "IDC预计，" + OWN, "89亿美元", 89, origin="IDC")
    revised = server_market("idc-2024.txt", OWN.replace("89", "98"), "98亿美元", 98)
    published = documents(**{"idc-2023.txt": "IDC", "idc-2024.txt": "IDC"})
    assert misquotes(check_facts(facts_table(first, revised), None, suites, published)) == set()


def test_an_unattributed_figure_stands_for_its_publisher(suites):
    quoting = server_market("news.txt", MISQUOTING, "98亿美元", 98, origin="IDC")
    own = server_market("idc.txt", OWN, "89亿美元", 89)
    assert misquotes(check_facts(facts_table(quoting, own), None, suites)) == set()
    published = documents(**{"idc.txt": "IDC", "news.txt": ""})
    found = misquotes(check_facts(facts_table(quoting, own), None, suites, published))
    assert found == {("misquote", "fail", "error", ids(own, quoting))}


def test_a_forecast_and_an_actual_of_one_originator_are_not_compared(suites):
    forecast = server_market("a.txt", QUOTING, "89亿美元", 89, origin="IDC")
    actual = server_market("b.txt", "IDC数据显示，2027年中国液冷服务器市场规模达到98亿美元。", "98亿美元", 98,
                           origin="IDC", kind="actual")
    assert misquotes(check_facts(facts_table(forecast, actual), None, suites)) == set()


def test_the_organisations_file_the_suite_names_must_exist(suites, tmp_path):
    spec = suites.checks["misquote"]
    moved = type(spec)(**{**spec.__dict__, "params": {**spec.params, "organisations": "missing.yaml"}})
    broken = type(suites)(checks={"misquote": moved}, intervals=suites.intervals,
                          allowed_units=suites.allowed_units)
    facts = with_intervals(facts_table(server_market("a.txt", QUOTING, "89亿美元", 89, origin="IDC")),
                           suites.intervals).assign(publisher="", metric_name="liquid-cooled-server-market")
    with pytest.raises(ConfigError, match="missing.yaml"):
        check_misquotes(facts, broken)


REPORTS = {
    "idc.txt": "中国液冷服务器市场展望\n\nIDC预计，2027年中国液冷服务器市场规模将达到89亿美元。\n",
    "news.txt": "液冷服务器快讯\n\n据IDC预测，2027年中国液冷服务器市场规模将达到98亿美元。\n",
    "brief.md": "# Liquid cooling brief\n\nAccording to IDC, China's liquid-cooled server market will reach "
                "US$8.9 billion in 2027.\n",
}
MANIFEST = """documents:
  - {file: idc.txt, publisher: 国际数据公司, date: 2024-03}
  - {file: news.txt, publisher: Example News, date: 2024-04}
  - {file: brief.md, publisher: Example Weekly, date: 2024-04}
"""


def test_a_run_over_written_reports_finds_the_misquote_and_the_side_that_matches(tmp_path):
    for name, text in {**REPORTS, "manifest.yaml": MANIFEST}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    extraction = extract_facts([tmp_path])
    facts, findings = check_extraction(extraction)
    by_id = facts.set_index("claim_id")["doc_id"]
    found = findings[findings["check"] == "misquote"]
    pairs = {tuple(sorted(by_id[c] for c in claim_ids)) for claim_ids in found["claim_ids"]}
    assert pairs == {("idc.txt", "news.txt"), ("brief.md", "news.txt")}
    assert set(found["severity"]) == {"error"}
    assert all(message.endswith("so news.txt misquotes it.") for message in found["message"])


def corroborations(findings):
    """(origins, independent_origins) of each passing cross-source finding, by its documents."""
    passed = findings[(findings["check"] == "cross-source-agreement") & (findings["outcome"] == "pass")]
    return {tuple(f.claim_ids): (tuple(f.origins), f.independent_origins) for f in passed.itertuples()}


def counted(rows, suites, published=None):
    """The findings of ``rows`` with their origins counted."""
    facts = facts_table(*rows)
    findings = check_facts(facts, None, suites, published)
    return finding_origins(findings, facts, published, load_organisations(LEXICON))


def test_three_documents_quoting_one_originator_are_one_origin(suites):
    a = server_market("a.txt", QUOTING, "89亿美元", 89, origin="IDC")
    b = server_market("b.txt", "IDC数据显示，2027年中国液冷服务器市场规模将达到89亿美元。", "89亿美元", 89,
                      origin="IDC")
    c = server_market("c.md", "According to IDC, the market will reach US$8.9 billion in 2027.",
                      "US$8.9 billion", 89, origin="IDC")
    found = corroborations(counted([a, b, c], suites))
    assert found == {ids(a, b, c): (("IDC",), 1)}


def test_an_unattributed_figure_counts_its_publisher_or_else_its_document(suites):
    a = server_market("a.txt", QUOTING, "89亿美元", 89, origin="IDC")
    own = server_market("idc.txt", OWN, "89亿美元", 89)
    alone = server_market("c.txt", OWN, "89亿美元", 89)
    published = documents(**{"a.txt": "", "idc.txt": "國際數據資訊", "c.txt": ""})
    found = corroborations(counted([a, own, alone], suites, published))
    assert found == {ids(a, own, alone): (("IDC", "c.txt"), 2)}
