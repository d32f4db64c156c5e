"""CAGR and growth recomputation on facts taken from real corpus sentences."""

import pytest

from recon.checks import check_facts

from .builders import corpus_fact, facts_table, ids, make_fact, named, outcomes

EFLOPS = 1e18
YI = 1e8


def compute(line, surface, value, period, metric, kind="actual"):
    return corpus_fact("003", line, surface, value=value * EFLOPS, value_step=0.1 * EFLOPS, unit="FLOPS",
                       dimension="compute", **named(metric), period=period, kind=kind)


def cagr(prefix, line, surface, value, period, metric, **fields):
    return corpus_fact(prefix, line, surface, value=value, value_step=0.1, unit="%", type="cagr",
                       dimension="percent", **named(metric), period=period, period_grain="span",
                       kind="forecast", **fields)


def usd(line, surface, value, period, metric, step=1, geo="Global", **fields):
    return corpus_fact("003", line, surface, value=value * YI, value_step=step * YI, unit="USD",
                       dimension="currency", **named(metric), period=period, geo=geo, **fields)


def test_compute_cagrs_of_line_168_are_corroborated(suites):
    start = compute(168, "259.9每秒百亿亿次浮点运算", 259.9, 2022, "intelligent-computing-power")
    end = compute(168, "1117.4 EFLOPS", 1117.4, 2027, "intelligent-computing-power", "forecast")
    rate = cagr("003", 168, "33.9%", 33.9, "2022-2027", "intelligent-computing-power")
    general_start = compute(168, "54.5 EFLOPS", 54.5, 2022, "general-computing-power")
    general_end = compute(168, "117.3 EFLOPS", 117.3, 2027, "general-computing-power", "forecast")
    general = cagr("003", 168, "16.6%", 16.6, "2022-2027", "general-computing-power")
    findings = check_facts(facts_table(start, end, rate, general_start, general_end, general), None, suites)
    assert outcomes(findings) == {
        ("cagr-recomputation", "pass", "info", ids(start, end, rate)),
        ("cagr-recomputation", "pass", "info", ids(general_start, general_end, general)),
    }
    arithmetic = findings.set_index("metric_id").loc["intelligent-computing-power (cagr)", "arithmetic"]
    assert arithmetic == "(1117.4 / 259.9)^(1/5) − 1 = 33.87 %"


def server_market(rate_period, line=44):
    """Line 44 (and 237 again): the global AI server market from 195亿美元 (2022) to 347亿美元 (2026),
    "五年" CAGR 17.3 %."""
    start = usd(line, "195亿美元", 195, 2022, "ai-server-market")
    end = usd(line, "347亿美元", 347, 2026, "ai-server-market", kind="forecast")
    return start, end, cagr("003", line, "17.3%", 17.3, rate_period, "ai-server-market", geo="Global")


def test_five_year_cagr_over_four_years_of_line_44_is_a_warning(suites):
    start, end, rate = server_market("2022-2026")
    findings = check_facts(facts_table(start, end, rate), None, suites)
    assert outcomes(findings) == {("cagr-recomputation", "fail", "warning", ids(start, end, rate))}
    finding = findings.iloc[0]
    assert "(347 / 195)^(1/4) − 1 = 15.5 %" in finding["arithmetic"]
    assert "over the 5 years the text names" in finding["arithmetic"]
    assert finding["period"] == "2022-2026"


def test_a_cagr_restated_with_its_endpoints_is_one_finding(suites):
    """003 states the server market's CAGR and endpoints on line 44 and again on line 237."""
    first, again = server_market("2022-2026"), server_market("2022-2026", line=237)
    findings = check_facts(facts_table(*first, *again), None, suites)
    assert outcomes(findings) == {("cagr-recomputation", "fail", "warning", ids(*first, *again))}
    finding = findings.iloc[0]
    assert finding["observed"] == "17.3% CAGR; 195亿美元 → 347亿美元"
    assert finding["expected"] == "15.38–15.61 % from the endpoints as rounded"


def test_cagr_endpoints_are_taken_from_the_sentence_when_the_claim_has_no_span(suites):
    start, end, rate = server_market("")
    findings = check_facts(facts_table(start, end, rate), None, suites)
    assert outcomes(findings) == {("cagr-recomputation", "fail", "warning", ids(start, end, rate))}


def test_cagr_within_rounding_of_line_308_is_not_an_error(suites):
    metric = "边缘人工智能基础设施处理器和加速器"
    start = usd(308, "11亿美元", 11, 2022, metric)
    end = usd(308, "94亿美元", 94, 2027, metric, kind="forecast")
    rate = cagr("003", 308, "52.3%", 52.3, "2022-2027", metric, geo="Global")
    findings = check_facts(facts_table(start, end, rate), None, suites)
    assert outcomes(findings) == {("cagr-recomputation", "pass", "info", ids(start, end, rate))}
    assert findings.iloc[0]["expected"] == "52.06–55.18 % from the endpoints as rounded"


def test_cagr_endpoints_come_from_another_document_when_the_sentence_has_none(suites):
    start = compute(168, "259.9每秒百亿亿次浮点运算", 259.9, 2022, "intelligent-computing-power")
    end = compute(44, "1117.4 EFLOPS", 1117.4, 2027, "intelligent-computing-power", "forecast")
    text = "China's intelligent computing power will grow at a CAGR of 33.9% from 2022 to 2027."
    rate = make_fact("en.txt", 1, text, "33.9%", value=33.9, value_step=0.1, unit="%", type="cagr",
                     dimension="percent", metric_id="intelligent-computing-power", period="2022-2027",
                     period_grain="span", kind="forecast")
    findings = check_facts(facts_table(start, end, rate), None, suites)
    assert outcomes(findings) == {("cagr-recomputation", "pass", "info", ids(start, end, rate))}


@pytest.mark.parametrize("prior, outcome", [("1565亿元", "pass"), ("1465亿元", "fail")])
def test_a_growths_implied_prior_year_meets_another_sources_figure(suites, prior, outcome):
    """004 line 519: 1751亿元 at +11.9 % implies 1564.8亿元 for 2022, a derived figure that agrees or not
    with what another report states for 2022 (cross-source); its finding cites the growth and level."""
    level = corpus_fact("004", 519, "1751亿元", value=1751 * YI, value_step=YI, unit="CNY",
                        dimension="currency", metric_id="ai-core-industry-scale", period=2023)
    growth = corpus_fact("004", 519, "11.9%", value=11.9, value_step=0.1, unit="%", type="growth",
                         dimension="percent", metric_id="ai-core-industry-scale", period=2023)
    text = f"2022年，中国人工智能核心产业规模为{prior}。"
    stated = make_fact("test.txt", 1, text, prior, value=float(prior[:4]) * YI, value_step=YI, unit="CNY",
                       dimension="currency", metric_id="ai-core-industry-scale", period=2022)
    findings = check_facts(facts_table(level, growth, stated), None, suites)
    severity = "info" if outcome == "pass" else "error"
    assert outcomes(findings) == {("cross-source-agreement", outcome, severity, ids(level, growth, stated))}
    assert findings.iloc[0]["arithmetic"].startswith("1751 / (1 + 11.9 %) = 1564.79")
    assert findings.iloc[0]["expected"] == "the prior year the growth implies: 1563.64–1565.94亿元"
    assert findings.iloc[0]["period"] == "2022"


def test_a_stated_decline_implies_a_higher_prior_year(suites):
    text = "2024年训练成本为60万元，同比下降40%。2023年训练成本为100万元。"
    now = make_fact("t.txt", 1, text, "60万元", value=6e5, value_step=1e4, unit="CNY", dimension="currency",
                    metric_id="training-cost", period=2024)
    decline = make_fact("t.txt", 1, text, "40%", value=40.0, value_step=1.0, unit="%", type="growth",
                        dimension="percent", metric_id="training-cost", period=2024,
                        metric_text="训练成本")
    prior = make_fact("t.txt", 1, text, "100万元", value=1e6, value_step=1e4, unit="CNY",
                      dimension="currency", metric_id="training-cost", period=2023)
    findings = check_facts(facts_table(now, decline, prior), None, suites)
    assert outcomes(findings) == {("growth-recomputation", "pass", "info", ids(now, decline, prior))}


def test_a_cagr_naming_no_period_follows_the_figures_before_it(suites):
    """Line 44 as extracted today: endpoints without a glossary metric, rates without a period."""
    def level(surface, value, year, geo=""):
        return usd(44, surface, value, year, "规模", geo=geo, kind="forecast")

    def rate(surface, value):
        return cagr("003", 44, surface, value, "", "五年年复合增长率", geo="")

    world = level("195亿美元", 195, 2022), level("347亿美元", 347, 2026), rate("17.3%", 17.3)
    china = level("91亿美元", 91, 2023, "China"), level("134亿美元", 134, 2027, "China"), rate("21.8%", 21.8)
    findings = check_facts(facts_table(*world, *china), None, suites)
    assert outcomes(findings) == {
        ("cagr-recomputation", "fail", "warning", ids(*world)),
        ("cagr-recomputation", "fail", "warning", ids(*china)),
    }
    arithmetic = findings.set_index("observed")["arithmetic"]
    assert arithmetic["21.8% CAGR; 91亿美元 → 134亿美元"].startswith("(134 / 91)^(1/4) − 1 = 10.16 %")
    assert arithmetic["17.3% CAGR; 195亿美元 → 347亿美元"].startswith("(347 / 195)^(1/4) − 1 = 15.5 %")


def test_a_cagr_naming_its_period_is_not_paired_with_another_series(suites):
    """Line 168: the general-compute figures just before the 33.9 % CAGR are not its endpoints."""
    general = [compute(168, "54.5 EFLOPS", 54.5, 2022, "general-computing-power"),
               compute(168, "117.3 EFLOPS", 117.3, 2027, "general-computing-power", "forecast")]
    rate = cagr("003", 168, "33.9%", 33.9, "2022-2027", "intelligent-computing-power")
    assert outcomes(check_facts(facts_table(*general, rate), None, suites)) == set()


def test_an_unlisted_cagr_naming_its_period_takes_the_figures_before_it_only_for_that_period(suites):
    """Line 44 as extracted: 17.3 % for 2022-2026 follows 195 → 347; 21.8 % for 2022-2027 follows
    91 (2023) → 134 (2027), which are not its endpoints."""
    def level(surface, value, year):
        return usd(44, surface, value, year, "规模", geo="", kind="forecast")

    def rate(surface, value, period):
        return cagr("003", 44, surface, value, period, "五年年复合增长率", geo="")

    world = level("195亿美元", 195, 2022), level("347亿美元", 347, 2026), rate("17.3%", 17.3, "2022-2026")
    china = level("91亿美元", 91, 2023), level("134亿美元", 134, 2027), rate("21.8%", 21.8, "2022-2027")
    findings = check_facts(facts_table(*world, *china), None, suites)
    assert outcomes(findings) == {("cagr-recomputation", "fail", "warning", ids(*world))}


def test_a_glossary_cagr_is_not_paired_with_unlisted_figures_before_it(suites):
    """Line 168 as extracted: the intelligent-compute CAGR is not computed from the figures before it."""
    general = [compute(168, "54.5 EFLOPS", 54.5, 2022, "国通用算力规模"),
               compute(168, "117.3 EFLOPS", 117.3, 2027, "到", "forecast")]
    rate = cagr("003", 168, "33.9%", 33.9, "", "intelligent-computing-power")
    assert outcomes(check_facts(facts_table(*general, rate), None, suites)) == set()
