"""Share sums, plausibility and unit sanity on corpus sentences and test-made text."""

import pytest

from recon.checks import check_facts

from .builders import corpus_fact, corpus_line, facts_table, ids, make_fact, outcomes

SHARE = dict(value_step=1.0, unit="%", type="share", dimension="percent",
             metric_id="deep-learning-market")


def share(text, surface, value, period=2025, **fields):
    return make_fact("t.txt", 1, text, surface, value=value, period=period, **SHARE, **fields)


def listed(text, values):
    """Share facts for each value listed in ``text``, in order (a value may repeat)."""
    facts, at = [], 0
    for value in values:
        at = text.index(f"{value}%", at)
        facts.append(share(text, f"{value}%", float(value), at=at))
        at += 1
    return facts


def test_shares_of_a_whole_beside_the_whole_itself_imply_no_part(suites):
    """004 line 868: 295起 is the whole the shares are of; no part is stated beside them."""
    fields = dict(dimension="percent", unit="%", type="share", value_step=0.1, period=2023,
                  metric_id="ai-financing-events")
    shares = [corpus_fact("004", 868, s, value=float(s[:-1]), **fields) for s in ("72.4%", "30.3%", "26.5%")]
    events = corpus_fact("004", 868, "295 起", value=295.0, value_step=1.0, unit="count:起", type="count",
                         dimension="count", metric_id="ai-financing-events", period=2023)
    findings = check_facts(facts_table(*shares, events), None, suites)
    assert "cross-source-agreement" not in set(findings["check"])


def test_shares_of_000_line_8_add_up_to_less_than_the_whole(suites):
    shares = [corpus_fact("000", 8, surface, after="市場份額的", value=float(surface[:2]), period=2025,
                          kind="forecast", **SHARE) for surface in ("32%", "25%", "18%")]
    assert outcomes(check_facts(facts_table(*shares), None, suites)) == set()


@pytest.mark.parametrize("values, outcome", [((60, 35, 12), {"fail"}), ((33, 33, 35), set())])
def test_shares_listed_together_may_not_exceed_the_whole(suites, values, outcome):
    shares = listed("2025年，制造、金融、医疗分别占{}%、{}%和{}%。".format(*values), values)
    findings = check_facts(facts_table(*shares), None, suites)
    assert {f[1] for f in outcomes(findings)} == outcome
    if outcome:
        assert outcomes(findings) == {("share-sum", "fail", "error", ids(*shares))}
        assert findings.iloc[0]["arithmetic"] == "60% + 35% + 12% = 107 % (at least 105.5 % as rounded)"


def test_shares_of_different_years_are_not_summed(suites):
    text = "企业级用户占比从2022年的43%提升至2024年的61%。"
    early = share(text, "43%", 43.0, period=2022)
    late = share(text, "61%", 61.0, period=2024)
    assert outcomes(check_facts(facts_table(early, late), None, suites)) == set()


def test_a_share_above_100_percent_is_an_error(suites):
    wrong = share("2025年，该市场占比120%。", "120%", 120.0)
    assert outcomes(check_facts(facts_table(wrong), None, suites)) == {
        ("plausibility", "fail", "error", ids(wrong))
    }


def test_a_range_that_lost_its_dash_is_flagged_for_review(suites):
    mangled = corpus_fact("000", 8, "2528%", after="市場將保持", value=25.0, value_high=28.0, value_step=1.0,
                          unit="%", type="cagr", qualifier="range", dimension="percent", period="2025-2030",
                          metric_id="deep-learning-market", period_grain="span", kind="forecast",
                          flags="suspect-range")
    findings = check_facts(facts_table(mangled), None, suites)
    assert outcomes(findings) == {("plausibility", "fail", "warning", ids(mangled))}
    assert findings.iloc[0]["message"] == (
        "Check the source: 2528% looks like the two ends of a range run together (its dash lost); "
        "it is not compared with other figures."
    )
    assert findings.iloc[0]["expected"] == "a single figure, or a range written with its dash"


def test_an_implausible_growth_unflagged_is_a_warning(suites):
    read_as_one = corpus_fact("000", 8, "2528%", after="市場將保持", value=2528.0, value_step=1.0, unit="%",
                              type="growth", dimension="percent", metric_id="deep-learning-market",
                              period=2025, kind="forecast")
    assert outcomes(check_facts(facts_table(read_as_one), None, suites)) == {
        ("plausibility", "fail", "warning", ids(read_as_one))
    }


@pytest.mark.parametrize("unit, outcome", [("USD", set()), ("FLOPS", {"fail"})])
def test_a_metric_is_stated_in_a_unit_its_glossary_allows(suites, unit, outcome):
    fact = corpus_fact("003", 44, "91亿美元", value=9.1e9, value_step=1e8, unit=unit, dimension="currency",
                       metric_id="ai-server-market", period=2023, kind="forecast")
    findings = check_facts(facts_table(fact), None, suites)
    assert {f[1] for f in outcomes(findings)} == outcome
    if outcome:
        assert outcomes(findings) == {("unit-sanity", "fail", "warning", ids(fact))}


@pytest.mark.parametrize("stated, outcome", [("110亿美元", "pass"), ("150亿美元", "fail")])
def test_a_share_of_a_whole_implies_the_part_beside_it(suites, stated, outcome):
    market = dict(dimension="currency", period=2026, geo="Global", kind="forecast")
    whole = corpus_fact("003", 237, "347亿美元", value=347e8, value_step=1e8, unit="USD",
                        metric_id="ai-server-market", **market)
    text = f"2026年，生成式人工智能服务器在全球人工智能服务器市场的占比为31.7%，规模约{stated}。"
    part_share = make_fact("t.txt", 1, text, "31.7%", value=31.7, value_step=0.1, unit="%", type="share",
                           metric_id="ai-server-market", **dict(market, dimension="percent"))
    part = make_fact("t.txt", 1, text, stated, value=float(stated[:3]) * 1e8, value_step=1e8, unit="USD",
                     metric_id="generative-ai-server-market", **market)
    findings = check_facts(facts_table(whole, part_share, part), None, suites)
    severity = "info" if outcome == "pass" else "error"
    assert outcomes(findings) == {("cross-source-agreement", outcome, severity, ids(whole, part_share, part))}
    assert findings.iloc[0]["arithmetic"].startswith("347 × 31.7 % = 109.999;")


@pytest.mark.parametrize(
    "after, surfaces",
    [
        ("長三角集聚了", ("43%", "61%")),  # 43%的算法服务商和61%的算力中心: each share names its own whole
        ("領(lǐng)域的應(yīng)用占比達", ("38%", "24%", "60%")),  # 两者合计贡献超60%: a total
        ("標注占", ("28%", "39%", "25%", "+7%", "15%", "+8%")),  # 较2021年分别变化: changes
    ],
    ids=["own-wholes", "total", "changes"],
)
def test_only_shares_listed_one_after_another_are_summed(suites, after, surfaces):
    """000 line 8: shares of one sentence that are not one list are not parts of one whole."""
    shares = []
    for surface in surfaces:
        at = corpus_line("000", 8).index(surface, corpus_line("000", 8).index(after))
        shares.append(corpus_fact("000", 8, surface, at=at, value=float(surface.strip("+%")), period=2024,
                                  **SHARE))
    assert "share-sum" not in {f[0] for f in outcomes(check_facts(facts_table(*shares), None, suites))}


def test_a_share_above_100_percent_worded_as_a_growth_is_an_extraction_warning(suites):
    """000 line 8: 分布式学习市场规模实现340%增长 — a growth the extractor typed as a share."""
    misread = corpus_fact("000", 8, "340%", value=340.0, period=2026, **SHARE)
    findings = check_facts(facts_table(misread), None, suites)
    assert outcomes(findings) == {("plausibility", "fail", "warning", ids(misread))}
    assert "growth" in findings.iloc[0]["message"]


@pytest.mark.parametrize("text, values", [
    ("2023年，大模型在零售(72%)、物流(58%)、教育(41%)等行业的渗透率持续提高。", (72, 58, 41)),
    ("2023年，大模型在零售(72%)、物流(58%)、教育(41%)等行業的滲透率持續提高。", (72, 58, 41)),
    ("In 2023 adoption reached 72% in retail, 58% in logistics and 41% in education.", (72, 58, 41)),
    ("制造业覆盖率为66%，金融业为57%，零售业为45%。", (66, 57, 45)),
], ids=["zh-Hans", "zh-Hant", "en", "rate-before-list"])
def test_a_list_of_rates_each_of_its_own_member_is_not_summed(suites, text, values):
    """A penetration or adoption rate is a share of each member's own whole (retail's firms, logistics'
    firms): the list adds up to more than 100 % without any error."""
    findings = check_facts(facts_table(*listed(text, values)), None, suites)
    assert "share-sum" not in {f[0] for f in outcomes(findings)}


def test_a_rate_word_in_another_clause_does_not_stop_a_share_sum(suites):
    text = "2025年，制造、金融、医疗分别占60%、35%和12%，渗透率仍在提高。"
    shares = listed(text, (60, 35, 12))
    findings = check_facts(facts_table(*shares), None, suites)
    assert outcomes(findings) == {("share-sum", "fail", "error", ids(*shares))}
