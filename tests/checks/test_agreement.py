"""Cross-source agreement, intra-document conflicts and incomparable currencies on corpus sentences."""

import pandas as pd
import pytest

from recon.checks import check_facts

from .builders import corpus_fact, facts_table, ids, make_fact, outcomes

EFLOPS = 1e18
YI = 1e8
EN = "en.txt"


def decline_000(after, surface, value):
    """A 2024 training-cost decline as line 8 of 000 states it."""
    return corpus_fact("000", 8, surface, after=after, value=value, value_step=1.0, unit="%", type="growth",
                       dimension="percent", metric_id="training-cost", period=2024, group_id="cost")


def market_2030(after, surface, value, qualifier):
    """The 2030 deep-learning market size as line 8 of 000 states it."""
    return corpus_fact("000", 8, surface, after=after, value=value * YI, value_step=100 * YI, unit="CNY",
                       dimension="currency", metric_id="deep-learning-market", period=2030, kind="forecast",
                       qualifier=qualifier, group_id="market-2030")


def compute_2023(value, **fields):
    """Fields of China's intelligent computing power in 2023 (003 line 168: 414.1 EFLOPS, a forecast)."""
    return dict(dict(value=value * EFLOPS, value_step=0.1 * EFLOPS, unit="FLOPS", dimension="compute",
                     metric_id="intelligent-computing-power", period=2023, group_id="compute-2023",
                     kind="forecast"), **fields)


def stated_in_english(text, surface, **fields):
    """A fact of a test-made English report."""
    return make_fact(EN, 1, text, surface, **fields)


def idc_2023():
    return corpus_fact("003", 168, "414.1 EFLOPS", **compute_2023(414.1))


def test_two_conflicts_of_000_line_8_are_one_finding_each(suites):
    declines = [decline_000("同比下降38%", "38%", 38.0), decline_000("同比下降40%至", "40%", 40.0),
                decline_000("同比下降52%", "52%", 52.0)]
    markets = [market_2030("將突破800", "800億元", 800, "lower_bound"),
               market_2030("有望突破2200", "2200億元", 2200, "lower_bound"),
               market_2030("將達8200", "8200億元", 8200, "exact")]
    findings = check_facts(facts_table(*declines, *markets), None, suites)
    assert outcomes(findings) == {
        ("intra-document-conflict", "fail", "error", ids(*declines)),
        ("intra-document-conflict", "fail", "error", ids(*markets)),
    }
    assert set(findings["observed"]) == {"38%; 40%; 52%", "800億元; 2200億元; 8200億元"}


def test_a_metric_outside_the_glossary_is_named_by_its_phrase(suites):
    phrase = dict(metric_id="", subject="市场规模")
    markets = [dict(market_2030("將突破800", "800億元", 800, "lower_bound"), **phrase),
               dict(market_2030("將達8200", "8200億元", 8200, "exact"), **phrase)]
    [message] = check_facts(facts_table(*markets), None, suites)["message"]
    assert message == (f"{markets[0]['doc_id']} states 2 different values for “市场规模” (China, 2030): "
                       "800億元; 8200億元.")


def test_a_repeated_figure_is_not_a_conflict(suites):
    rate = dict(value=33.9, value_step=0.1, unit="%", type="cagr", dimension="percent", kind="forecast",
                metric_id="intelligent-computing-power", period="2022-2027", period_grain="span",
                group_id="cagr")
    first = corpus_fact("003", 44, "33.9%", **rate)
    again = corpus_fact("003", 168, "33.9%", **rate)
    assert outcomes(check_facts(facts_table(first, again), None, suites)) == set()


def test_a_half_year_is_never_compared_with_the_full_year(suites):
    half = corpus_fact("003", 166, "30亿美元", value=30 * YI, value_step=YI, unit="USD", dimension="currency",
                       metric_id="ai-server-market", period="2023H1", period_grain="half", group_id="servers")
    year = corpus_fact("003", 44, "91亿美元", value=91 * YI, value_step=YI, unit="USD", dimension="currency",
                       metric_id="ai-server-market", period=2023, kind="forecast", group_id="servers")
    other = make_fact(EN, 1, "China's AI server market reached US$3 billion in the first half of 2023.",
                      "US$3 billion", value=30 * YI, value_step=10 * YI, unit="USD", dimension="currency",
                      metric_id="ai-server-market", period=2023, period_grain="year", group_id="servers")
    findings = check_facts(facts_table(half, year, other), None, suites)
    assert outcomes(findings) == {("cross-source-agreement", "fail", "warning", ids(year, other))}


def test_an_english_report_corroborates_003_and_conflicts_with_004(suites):
    idc = idc_2023()
    english = stated_in_english("China's intelligent computing power will reach 414.1 EFLOPS in 2023.",
                                "414.1 EFLOPS", **compute_2023(414.1))
    scale = dict(unit="CNY", dimension="currency", metric_id="ai-core-industry-scale", period=2023,
                 group_id="core-2023")
    association = corpus_fact("004", 519, "1751亿元", value=1751 * YI, value_step=YI, **scale)
    rmb = stated_in_english("China's core AI industry was worth RMB 580 billion in 2023.", "RMB 580 billion",
                            value=5.8e11, value_step=1e9, **scale)
    findings = check_facts(facts_table(idc, english, association, rmb), None, suites)
    assert outcomes(findings) == {
        ("cross-source-agreement", "pass", "info", ids(idc, english)),
        ("cross-source-agreement", "fail", "warning", ids(association, rmb)),
    }
    # 1751 and 580 亿元, three times apart, from publishers unknown or known to differ: definitions may differ
    assert "definitions may differ" in findings[findings["outcome"] == "fail"].iloc[0]["message"]
    documents = pd.DataFrame({"doc_id": [association["doc_id"], EN], "publisher": ["Association", "Bureau"],
                              "date": ["2024", "2024"]})
    findings = check_facts(facts_table(association, rmb), None, suites, documents)
    assert outcomes(findings) == {("cross-source-agreement", "fail", "warning", ids(association, rmb))}
    one_publisher = documents.assign(publisher="Bureau")
    findings = check_facts(facts_table(association, rmb), None, suites, one_publisher)
    assert outcomes(findings) == {("cross-source-agreement", "fail", "error", ids(association, rmb))}


@pytest.mark.parametrize("surface, value, qualifier, outcome", [
    ("超过300 EFLOPS", 300, "lower_bound", "pass"),
    ("约400 EFLOPS", 400, "approx", "pass"),
    ("约380 EFLOPS", 380, "approx", "fail"),
    ("超过100 EFLOPS", 100, "lower_bound", "fail"),
    ("不足500 EFLOPS", 500, "upper_bound", "pass"),
    ("414 EFLOPS", 414, "exact", "pass"),
    ("413 EFLOPS", 413, "exact", "pass"),
    ("400 EFLOPS", 400, "exact", "fail"),
])
def test_qualifiers_widen_the_interval(suites, surface, value, qualifier, outcome):
    idc = idc_2023()
    other = stated_in_english(f"2023年中国智能算力规模{surface}。", surface,
                              **compute_2023(value, qualifier=qualifier, value_step=EFLOPS))
    [(check, result, _, _)] = outcomes(check_facts(facts_table(idc, other), None, suites))
    assert (check, result) == ("cross-source-agreement", outcome)


def test_a_forecast_set_against_an_actual_is_a_warning_that_says_so(suites):
    idc = idc_2023()
    actual = stated_in_english("China's intelligent computing power reached 520 EFLOPS in 2023.",
                               "520 EFLOPS", **compute_2023(520, kind="actual"))
    findings = check_facts(facts_table(idc, actual), None, suites)
    assert outcomes(findings) == {("cross-source-agreement", "fail", "warning", ids(idc, actual))}
    assert "forecast" in findings.iloc[0]["message"]


def currencies():
    market = dict(dimension="currency", metric_id="ai-server-market", period=2023, kind="forecast",
                  group_id="servers")
    usd = corpus_fact("003", 44, "91亿美元", value=91 * YI, value_step=YI, unit="USD", **market)
    cny = stated_in_english("2023年中国人工智能服务器市场规模预计为650亿元。", "650亿元", value=650 * YI,
                            value_step=10 * YI, unit="CNY", **market)
    return usd, cny


def test_different_currencies_without_a_rate_are_incomparable(suites):
    usd, cny = currencies()
    findings = check_facts(facts_table(usd, cny), None, suites)
    assert outcomes(findings) == {("incomparable", "fail", "info", ids(usd, cny))}
    assert "USD" in findings.iloc[0]["message"] and "CNY" in findings.iloc[0]["message"]


def test_a_configured_rate_makes_currencies_comparable(suites):
    spec = suites.checks["incomparable"]
    with_rates = type(suites)(
        checks={**suites.checks, "incomparable": type(spec)(**{**spec.__dict__, "params": {
            "fx_base": "CNY", "fx_rates": {"CNY": 1.0, "USD": 7.1}}})},
        intervals=suites.intervals, allowed_units=suites.allowed_units)
    usd, cny = currencies()
    findings = check_facts(facts_table(usd, cny), None, with_rates)
    assert outcomes(findings) == {("cross-source-agreement", "pass", "info", ids(usd, cny))}


def test_findings_are_named_by_the_group(suites):
    idc = idc_2023()
    english = stated_in_english("China's intelligent computing power will reach 414.1 EFLOPS in 2023.",
                                "414.1 EFLOPS", **compute_2023(414.1))
    groups = pd.DataFrame([dict(
        group_id="compute-2023", metric_id="intelligent-computing-power", subject="智能算力规模",
        measure="level", scope="intelligent", dimension="compute", geo="CN",
        period="2023", claim_ids=list(ids(idc, english)), doc_ids=sorted([idc["doc_id"], EN]), score=100.0,
        reason="same key",
    )])
    findings = check_facts(facts_table(idc, english), groups, suites)
    named = findings[["metric_id", "geo", "period"]].values.tolist()
    assert named == [["intelligent-computing-power", "CN", "2023"]]


@pytest.mark.parametrize("with_documents, severity", [(False, "error"), (True, "warning")])
def test_a_figure_after_its_report_date_is_read_as_a_forecast(suites, with_documents, severity):
    market = dict(value_step=YI, unit="USD", dimension="currency", metric_id="ai-server-market", period=2027,
                  kind="actual", group_id="servers-2027")
    idc = corpus_fact("003", 44, "134亿美元", value=134 * YI, **market)
    later = stated_in_english("China's AI server market was worth US$15 billion in 2027.", "US$15 billion",
                              **dict(market, value=150 * YI, value_step=10 * YI))
    documents = pd.DataFrame({"doc_id": [idc["doc_id"], EN], "date": ["2023-12", "2028"]})
    findings = check_facts(facts_table(idc, later), None, suites, documents if with_documents else None)
    assert outcomes(findings) == {("cross-source-agreement", "fail", severity, ids(idc, later))}


def _district_counts(**fields):
    """004 line 761: 龙华区和宝安区分别以 280 家和 253 家位列其后 — two districts in one sentence."""
    count = dict(value_step=1.0, unit="count:家", type="count", dimension="count", period=2023,
                 metric_id="", subject="龙华区", group_id="districts", **fields)
    return [corpus_fact("004", 761, "280 家", value=280.0, **count),
            corpus_fact("004", 761, "253 家", value=253.0, **count)]


def test_figures_of_one_sentence_are_one_statement_not_a_conflict(suites):
    findings = check_facts(facts_table(*_district_counts()), None, suites)
    assert "intra-document-conflict" not in set(findings["check"])


def test_a_sentence_still_conflicts_with_another_sentence(suites):
    """000 line 8 says 38 % and 40 % in two sentences; a third statement stays apart from neither."""
    declines = [decline_000("同比下降38%", "38%", 38.0), decline_000("同比下降40%至", "40%", 40.0)]
    findings = check_facts(facts_table(*declines), None, suites)
    assert outcomes(findings) == {("intra-document-conflict", "fail", "error", ids(*declines))}


def test_cells_of_a_table_with_unclear_columns_are_only_reported_as_such(suites):
    cells = _district_counts(flags="table-cell;unclear-columns")
    cells[1]["line"] = 762  # even cells of two rows are not compared
    findings = check_facts(facts_table(*cells), None, suites)
    assert outcomes(findings) == {("plausibility", "fail", "info", (cell["claim_id"],)) for cell in cells}


def test_shares_naming_only_their_whole_are_different_parts(suites):
    """004 line 868: 72.4 %, 30.3 % and 26.5 % are each 占总体融资事件 — of seed-to-A, A and angel rounds."""
    fields = dict(dimension="percent", unit="%", type="share", value_step=0.1, period=2023,
                  metric_id="ai-financing-events", metric_text="占总体融资事件", group_id="rounds")
    shares = [corpus_fact("004", 868, s, value=float(s[:-1]), **fields) for s in ("72.4%", "30.3%", "26.5%")]
    assert "intra-document-conflict" not in set(check_facts(facts_table(*shares), None, suites)["check"])


def test_figures_listed_respectively_are_of_other_subjects(suites):
    """004: 龙岗区和福田区也分别拥有 169 家、166 家 are districts, not Shenzhen's 1646 家 (line 788)."""
    count = dict(value_step=1.0, unit="count:家", type="count", dimension="count", period=2023,
                 geo="Shenzhen", metric_id="ai-enterprise-count", group_id="shenzhen-firms")
    district = corpus_fact("004", 761, "166 家", value=166.0, **count)
    city = corpus_fact("004", 788, "1646 家", value=1646.0, **count)
    assert outcomes(check_facts(facts_table(district, city), None, suites)) == set()


def test_one_document_restating_a_figure_in_another_currency_is_incomparable(suites):
    """RMB 157.1 billion, or about US$24.7 billion: one sentence, two currencies, no rate configured."""
    text = "In 2023 China's core AI industry was worth RMB 157.1 billion, or about US$24.7 billion."
    fields = dict(period=2023, value_step=1e8, dimension="currency", metric_id="ai-core-industry-scale",
                  group_id="core-2023")
    cny = stated_in_english(text, "157.1 billion", value=157.1e9, unit="CNY", **fields)
    usd = stated_in_english(text, "24.7 billion", value=24.7e9, unit="USD", **fields)
    assert outcomes(check_facts(facts_table(cny, usd), None, suites)) == {
        ("incomparable", "fail", "info", ids(cny, usd))
    }


def test_a_restated_figure_makes_one_finding_that_reads_as_written(suites):
    scale = dict(unit="CNY", dimension="currency", metric_id="ai-core-industry-scale", period=2023,
                 group_id="core-2023")
    association = corpus_fact("004", 519, "1751亿元", value=1751 * YI, value_step=YI, **scale)
    text = "根据行业协会的测算，2023年国内人工智能核心产业规模为1751亿元，"
    estimate = make_fact(association["doc_id"], 900, text, "1751亿元", value=1751 * YI, value_step=YI,
                         kind="estimate", **scale)
    rmb = stated_in_english("China's core AI industry was worth RMB 157.1 billion in 2023.", "157.1 billion",
                            value=1.571e11, value_step=1e8, **scale)
    findings = check_facts(facts_table(association, estimate, rmb), None, suites)
    one_error = ("cross-source-agreement", "fail", "error", ids(association, estimate, rmb))
    assert outcomes(findings) == {one_error}
    finding = findings.iloc[0]
    assert finding["expected"] == "1750.5–1751.5亿元 and 157.05–157.15 billion overlap"
    assert finding["observed"] == f"1751亿元 ({association['doc_id']}, 2 times); 157.1 billion ({EN})"
    assert "differ by 10.2 % beyond rounding" in finding["message"]
    assert f"Kinds are mixed: {association['doc_id']} states it as actual and estimate" in finding["message"]


PARK = "园区报告显示,2024年华东地区建成38个数据中心。后文写道:华东地区建成41个数据中心。"


def east_china_share(after, surface, value, **fields):
    return make_fact("park.txt", 3, PARK, surface, after=after, value=value, value_step=1.0, unit="count:个",
                     type="count", dimension="count", base_unit="count", metric_id="", subject="华东数据中心",
                     period=2024, group_id="east", metric_text="华东地区建成数据中心", **fields)


def test_a_conflict_resting_on_an_inferred_period_is_at_most_a_warning(suites):
    stated = east_china_share("", "38个", 38.0)
    restated = east_china_share("后文", "41个", 41.0, flags="period-inferred")
    findings = check_facts(facts_table(stated, restated), None, suites)
    assert outcomes(findings) == {("intra-document-conflict", "fail", "warning", ids(stated, restated))}
    assert "the document's present" in findings.iloc[0]["message"]


def test_an_inferred_period_is_no_evidence_against_another_document(suites):
    stated = east_china_share("", "38个", 38.0)
    elsewhere = dict(east_china_share("后文", "41个", 41.0, flags="period-inferred"), doc_id="other.txt",
                     claim_id="0123456789ab")
    assert outcomes(check_facts(facts_table(stated, elsewhere), None, suites)) == set()


def test_sources_agreeing_on_a_figure_are_one_corroboration_listing_every_source(suites):
    """Three reports restating the 2023 figure are one corroboration, not three pairs."""
    idc = idc_2023()
    sentences = ["China's intelligent computing power will reach 414.1 EFLOPS in 2023.",
                 "In 2023 intelligent computing power in China is 414.1 EFLOPS."]
    others = [dict(stated_in_english(text, "414.1 EFLOPS", **compute_2023(414.1)), doc_id=f"r{i}.txt",
                   claim_id=f"00000000000{i}") for i, text in enumerate(sentences)]
    findings = check_facts(facts_table(idc, *others), None, suites)
    assert outcomes(findings) == {("cross-source-agreement", "pass", "info", ids(idc, *others))}
    assert findings.iloc[0]["observed"].count("414.1 EFLOPS") == 3
