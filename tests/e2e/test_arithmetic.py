"""An analyst's arithmetic (issue 7, item 5), end to end: documents written here, audited by ``recon audit``.

Each case is a few sentences in Chinese or English, written into a temporary folder and audited as a
user would; the tests look findings up by (document, number as written) and assert their check,
outcome and severity, and that the finding names the reading or the arithmetic that decided it.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import audit_of

AI_COMPUTE_ZH = (
    "2024年，中国智能算力规模达到725 EFLOPS，同比增长74%；"
    "预计到2028年，中国智能算力规模将达到2886 EFLOPS，年复合增长率为47.3%。"
)
AI_COMPUTE_EN = (
    "In 2024, China's intelligent computing power reached 725 EFLOPS, up 74% year on year.\n\n"
    "China's intelligent computing power is forecast to grow from 725 EFLOPS in 2024 to 2,886 EFLOPS in "
    "2028, a CAGR of 47.3%."
)
IMPLIED_BASE = "from the 2023 base that the 2024 growth of 74 % implies"


def only(findings: list[dict]) -> dict:
    assert len(findings) == 1, findings
    return findings[0]


def outcome(finding: dict) -> tuple[str, str]:
    return finding["outcome"], finding["severity"]


# (a) A CAGR beside a 2024 level and a 2028 level that fails as stated, (2886 / 725)^(1/4) − 1 = 41.25 %,
# but fits from the 2023 base the text's 2024 growth implies: 725 / 1.74 = 416.667, then 47.27 %.


@pytest.mark.parametrize("text", [AI_COMPUTE_ZH, AI_COMPUTE_EN], ids=["zh", "en"])
def test_a_cagr_fits_from_the_base_its_first_years_growth_implies(run_audit, tmp_path, text):
    audit = audit_of(run_audit, tmp_path, {"outlook.txt": text})
    claims = [("outlook.txt", n) for n in ("47.3", "725", "886", "74%")]
    finding = only(audit.covering(claims, "cagr-recomputation"))
    assert outcome(finding) == ("pass", "info")
    assert finding["period"] == "2023-2028"
    assert finding["arithmetic"].startswith("(2886 / 725)^(1/4) − 1 = 41.25 %; ")
    assert (
        f"{IMPLIED_BASE}: 725 / (1 + 74 %) = 416.667; (2886 / 416.667)^(1/5) − 1 = 47.27 %"
        in (finding["arithmetic"])
    )
    assert IMPLIED_BASE in finding["message"]


def test_a_stated_level_for_the_implied_base_year_is_what_the_cagr_is_checked_against(run_audit, tmp_path):
    """The text states 500 EFLOPS for 2023: the base the growth implies (416.667) does not replace it,
    so the CAGR fails under both readings (41.25 % over 2024–2028, 41.99 % from the stated 2023)."""
    text = "2023年，中国智能算力规模为500 EFLOPS。\n\n" + AI_COMPUTE_ZH
    audit = audit_of(run_audit, tmp_path, {"outlook.txt": text})
    claims = [("outlook.txt", n) for n in ("47.3", "500", "886")]
    finding = only(audit.covering(claims, "cagr-recomputation"))
    assert outcome(finding) == ("fail", "warning")
    assert "from the 2023 level the text states: (2886 / 500)^(1/5) − 1 = 41.99 %" in finding["arithmetic"]
    assert IMPLIED_BASE not in finding["arithmetic"]
    assert "2 readings tried" in finding["message"]


# (b) A span word: 五年 / five-year between a 2022 and a 2026 level. 100 / 50 over four years is
# 18.92 %, over the five years the phrase names 14.87 %.

SPAN_ZH = "中国智能客服市场规模将从2022年的50亿元增长到2026年的100亿元，五年年复合增长率达{rate}%。"
SPAN_EN = (
    "The global large model market was $50 billion in 2022 and is projected to reach $100 billion in "
    "2026, a five-year CAGR of {rate}%."
)


@pytest.mark.parametrize("template", [SPAN_ZH, SPAN_EN], ids=["zh", "en"])
def test_a_cagr_fits_over_the_span_its_phrase_names(run_audit, tmp_path, template):
    audit = audit_of(run_audit, tmp_path, {"market.txt": template.format(rate="14.9")})
    claims = [("market.txt", n) for n in ("14.9", "50", "100")]
    finding = only(audit.covering(claims, "cagr-recomputation"))
    assert outcome(finding) == ("pass", "info")
    assert finding["period"] == "2022-2026"
    assert "over the 5 years the text names: (100 / 50)^(1/5) − 1 = 14.87 %" in finding["message"]


@pytest.mark.parametrize("template", [SPAN_ZH, SPAN_EN], ids=["zh", "en"])
def test_a_cagr_fitting_only_a_span_other_than_the_one_named_is_a_warning(run_audit, tmp_path, template):
    """18.9 % is the four-year rate: the arithmetic holds, the phrase's 五年 does not."""
    audit = audit_of(run_audit, tmp_path, {"market.txt": template.format(rate="18.9")})
    claims = [("market.txt", n) for n in ("18.9", "50", "100")]
    finding = only(audit.covering(claims, "cagr-recomputation"))
    assert outcome(finding) == ("fail", "warning")
    assert finding["message"].startswith(
        "The text calls it a 5-year CAGR but the endpoints are 4 years apart"
    )


# (c) Growth recomputed across documents: 2022 in one, 2023 in another, the growth in either.
# 91 / 67 − 1 = 35.82 %; 82.5 % would put 2022 at 49.9.

LEVEL_2022 = {
    "zh": "2022年，中国AI服务器市场规模为67亿美元。",
    "en": "China's AI server market was $6.7 billion in 2022.",
}
LEVEL_2023 = {
    "zh": "2023年，中国AI服务器市场规模达到91亿美元。",
    "en": "In 2023, China's AI server market reached $9.1 billion.",
}
GROWTH_2023 = {
    "zh": "2023年，中国AI服务器市场规模同比增长{rate}%。",
    "en": "In 2023, China's AI server market is expected to grow {rate}% year on year.",
}
LEVEL_AND_GROWTH_2023 = "2023年，中国AI服务器市场规模达到91亿美元，同比增长{rate}%。"
FITS, MISFITS = "35.8", "82.5"


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("rate, expected", [(FITS, ("pass", "info")), (MISFITS, ("fail", "warning"))])
def test_a_growth_beside_the_prior_year_is_recomputed_from_another_documents_level(
    run_audit, tmp_path, language, rate, expected
):
    """The growth and the 2022 level in one document, the 2023 level only in another: a warning at
    most, for the documents may define the market differently."""
    documents = {
        "review_2022.txt": LEVEL_2022[language] + " " + GROWTH_2023[language].format(rate=rate),
        "market_2023.txt": LEVEL_2023["zh"],
    }
    audit = audit_of(run_audit, tmp_path, documents)
    claims = [
        ("review_2022.txt", rate),
        ("review_2022.txt", "67" if language == "zh" else "6.7"),
        ("market_2023.txt", "91"),
    ]
    finding = only(audit.covering(claims, "growth-recomputation"))
    assert outcome(finding) == expected
    assert "91 / (1 + " + rate + " %) = " in finding["arithmetic"]
    assert "growth from the stated levels: 35.82 %" in finding["arithmetic"]
    assert "(market_2023.txt)" in finding["observed"]


@pytest.mark.parametrize("rate, expected", [(FITS, ("pass", "info")), (MISFITS, ("fail", "error"))])
def test_a_growth_beside_the_current_year_meets_another_documents_prior_year(
    run_audit, tmp_path, rate, expected
):
    """The growth and the 2023 level in one document, 2022 only in another (English): the prior year
    the growth implies is a figure of the 2022 level, compared across sources."""
    documents = {
        "market_2023.txt": LEVEL_AND_GROWTH_2023.format(rate=rate),
        "review_2022.txt": LEVEL_2022["en"],
    }
    audit = audit_of(run_audit, tmp_path, documents)
    claims = [("market_2023.txt", rate), ("market_2023.txt", "91"), ("review_2022.txt", "6.7")]
    finding = only(audit.covering(claims, "cross-source-agreement"))
    assert outcome(finding) == expected
    assert finding["period"] == "2022"
    assert finding["arithmetic"].startswith("91 / (1 + " + rate + " %) = ")


# (d) A derived prior-year level is compared with every document stating that year.


def test_a_derived_prior_year_is_compared_with_every_document_stating_it(run_audit, tmp_path):
    """1751亿元 at +11.9 % implies 1564.79亿元 for 2022: one document's 1565亿元 (in English, RMB 156.5
    billion) agrees, another's 1465亿元 does not."""
    documents = {
        "industry_2023.txt": "2023年，我国人工智能核心产业规模达到1751亿元，同比增长11.9%。",
        "agrees.txt": "In 2022, China's core AI industry was worth RMB 156.5 billion.",
        "differs.txt": "2022年，我国人工智能核心产业规模为1465亿元。",
    }
    audit = audit_of(run_audit, tmp_path, documents)
    derived = [("industry_2023.txt", "1751"), ("industry_2023.txt", "11.9")]
    agrees = only(audit.covering([*derived, ("agrees.txt", "156.5")], "cross-source-agreement"))
    differs = only(audit.covering([*derived, ("differs.txt", "1465")], "cross-source-agreement"))
    assert outcome(agrees) == ("pass", "info")
    assert outcome(differs) == ("fail", "error")
    for finding in (agrees, differs):
        assert finding["arithmetic"].startswith("1751 / (1 + 11.9 %) = 1564.79")
        assert finding["expected"] == "the prior year the growth implies: 1563.64–1565.94亿元"
    assert audit.exit_code == 1, audit.output


# (e) An open bound stays one through the arithmetic: 超过600 at +20 % → 2023 at least 500.


@pytest.mark.parametrize("prior, expected", [("480", ("fail", "error")), ("520", ("pass", "info"))])
def test_an_open_bound_implies_an_open_prior_year(run_audit, tmp_path, prior, expected):
    documents = {
        "bound.txt": "2024年，中国智能算力规模超过600 EFLOPS，同比增长20%。",
        "review.txt": f"In 2023, China's intelligent computing power was {prior} EFLOPS.",
    }
    audit = audit_of(run_audit, tmp_path, documents)
    claims = [("bound.txt", "600"), ("bound.txt", "20%"), ("review.txt", prior)]
    finding = only(audit.covering(claims, "cross-source-agreement"))
    assert outcome(finding) == expected
    assert finding["arithmetic"].startswith("≥ 600 / (1 + 20 %) = ≥ 500;")
    assert finding["observed"].startswith("≥ 600 EFLOPS at 20 %")


def test_an_open_bound_meets_its_own_documents_prior_year(run_audit, tmp_path):
    text = "2023年，中国智能算力规模为480 EFLOPS。2024年，中国智能算力规模超过600 EFLOPS，同比增长20%。"
    audit = audit_of(run_audit, tmp_path, {"bound.txt": text})
    claims = [("bound.txt", n) for n in ("480", "600", "20%")]
    finding = only(audit.covering(claims, "growth-recomputation"))
    assert outcome(finding) == ("fail", "warning")
    assert "≥ 600 / (1 + 20 %) = ≥ 500" in finding["arithmetic"]


# (f) Restatements: one off by a power of ten is a unit error; a consistent one is never a second source.


def test_a_restatement_off_by_a_power_of_ten_is_a_unit_error(run_audit, tmp_path):
    text = "2024年，中国智能算力规模达到180 EFLOPS（约合每秒1800万亿次浮点运算）。"
    audit = audit_of(run_audit, tmp_path, {"brief.txt": text})
    finding = only(audit.covering([("brief.txt", "180 "), ("brief.txt", "1800")], "unit-sanity"))
    assert outcome(finding) == ("fail", "error")
    assert "10^-5" in finding["message"]


def test_a_restatement_that_does_not_convert_is_a_unit_warning(run_audit, tmp_path):
    """75 EFLOPS is 75,000 PFLOPS; 73,600 is close enough to read as its restatement, not as it."""
    text = "In 2024, China's general computing power reached 75 EFLOPS (or 73,600 PFLOPS)."
    audit = audit_of(run_audit, tmp_path, {"brief.txt": text})
    finding = only(audit.covering([("brief.txt", "75 "), ("brief.txt", "73,600")], "unit-sanity"))
    assert outcome(finding) == ("fail", "warning")
    assert finding["arithmetic"] == "73,600 PFLOPS = 73.6 EFLOPS; 73.6 / 75 = 0.9813"
    assert finding["expected"] == "75 EFLOPS"


@pytest.mark.parametrize(
    "text, restatement",
    [
        ("In 2024, China's general computing power reached 75 EFLOPS (or 75,000 PFLOPS).", "75,000"),
        ("2024年，中国通用算力规模达到75 EFLOPS（约合每秒0.75万亿亿次浮点运算）。", "0.75"),
    ],
    ids=["en", "zh"],
)
def test_a_consistent_restatement_is_one_source(run_audit, tmp_path, text, restatement):
    """A document glossing its figure in another unit says it once: another document stating 75 EFLOPS
    is corroborated by one source, and the gloss raises no unit finding."""
    documents = {"brief.txt": text, "other.txt": "2024年，中国通用算力规模为75 EFLOPS。"}
    audit = audit_of(run_audit, tmp_path, documents)
    assert (
        audit.facts.loc[audit.facts["surface"].str.contains(restatement, regex=False), "restates"]
        .notna()
        .all()
    )
    assert not [f for f in audit.findings if f["check"] == "unit-sanity"]
    corroboration = only(
        audit.covering([("brief.txt", "75 "), ("other.txt", "75")], "cross-source-agreement")
    )
    assert outcome(corroboration) == ("pass", "info")
    assert corroboration["independent_origins"] == 2
    assert sorted(corroboration["origins"]) == ["brief.txt", "other.txt"]
    assert not [f for f in audit.findings if f["outcome"] == "fail"], audit.findings


def test_a_cagr_restated_under_another_phrase_is_one_finding(run_audit, tmp_path):
    """A summary and the body state one CAGR and its endpoints, the body naming the market only in a
    parenthesis: whatever metric each statement's phrase gives, the failed arithmetic is one finding
    citing both statements, not one per phrase."""
    change = "将从2022年的195亿美元增长到2026年的347亿美元，年复合增长率达17.3%。"
    summary = "据测算，全球智能硬件市场（服务器）规模" + change
    body = "据测算，全球智能硬件市场（服务器），" + change
    audit = audit_of(run_audit, tmp_path, {"outlook.txt": summary + "\n\n正文\n\n" + body})
    assert len(audit.claims_of("outlook.txt", "17.3")) == 2
    finding = only(audit.covering([("outlook.txt", "17.3")], "cagr-recomputation"))
    assert outcome(finding) == ("fail", "warning")
    assert audit.claims_of("outlook.txt", "17.3") <= set(finding["claim_ids"])
