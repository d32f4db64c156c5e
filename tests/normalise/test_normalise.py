"""normalise_claims: base units and dimensions, metric ids from the glossary, on real metric phrases."""

from __future__ import annotations

import pandas as pd
import pytest

from recon import schemas
from recon.normalise import base_of_unit, load_glossary, normalise_claims
from recon.pipeline import EXPECTATIONS_DIR
from tests.normalise.rows import claim, claims_table, gold_claims


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(EXPECTATIONS_DIR / "metrics.yaml")


@pytest.mark.parametrize(
    "unit, factor, base_unit, dimension",
    [
        ("CNY", 1, "CNY", "currency"),
        ("USD", 1, "USD", "currency"),
        ("EUR", 1, "EUR", "currency"),
        ("other:EUR", 1, "EUR", "currency"),
        ("FLOPS", 1, "FLOPS", "compute"),
        ("%", 1, "%", "percent"),
        ("pp", 1, "pp", "points"),
        ("x", 1, "x", "multiple"),
        ("W", 1, "W", "power"),
        ("days", 1, "days", "duration"),
        ("years", 365.25, "days", "duration"),
        ("count:家", 1, "count", "count"),
        ("count:enterprises", 1, "count", "count"),
        ("other:TB", 1e12, "B", "other"),
        ("other:PUE", 1, "other:PUE", "other"),
        ("other:万套", 1, "other:万套", "other"),
    ],
)
def test_units_reduce_to_base_units_with_currencies_kept_apart(unit, factor, base_unit, dimension):
    assert base_of_unit(unit) == (pytest.approx(factor), base_unit, dimension)


# Phrases as the gold labeller wrote them (../shared/gold-dev metric_zh) or as they stand in the corpus.
@pytest.mark.parametrize(
    "metric_text, claim_type, unit, metric_id, measure",
    [
        ("中国人工智能核心产业规模", "level", "CNY", "ai-core-industry-scale", "level"),
        ("深圳市人工智能核心产业规模", "level", "CNY", "ai-core-industry-scale", "level"),
        ("AI核心產(chǎn)業(yè)規(guī)模", "level", "CNY", "ai-core-industry-scale", "level"),
        ("中国人工智能核心产业规模", "growth", "%", "ai-core-industry-scale", "growth"),
        ("AI核心產(chǎn)業(yè)規(guī)模占比", "share", "%", "ai-core-industry-scale", "share"),
        ("全球AI市场规模", "level", "USD", "ai-market-size", "level"),
        ("全球 AI 市场规模", "level", "USD", "ai-market-size", "level"),
        ("全球大模型行业市场规模的CAGR", "cagr", "%", "large-model-market", "cagr"),
        ("智能算力规模", "level", "FLOPS", "intelligent-computing-power", "level"),
        ("China's intelligent computing power", "level", "FLOPS", "intelligent-computing-power", "level"),
        ("通用算力规模", "level", "FLOPS", "general-computing-power", "level"),
        ("算力规模", "level", "FLOPS", "total-computing-power", "level"),
        ("中国智能算力规模年复合增长率", "cagr", "%", "intelligent-computing-power", "cagr"),
        ("2023年上半年中国人工智能服务器市场规模", "level", "USD", "ai-server-market", "level"),
        ("中国液冷服务器市场年复合增长率", "cagr", "%", "liquid-cooled-server-market", "cagr"),
        ("京津冀地区人工智能相关企业数量", "count", "count:家", "ai-enterprise-count", "count"),
        ("发明专利申请量", "count", "count:件", "ai-patent-applications", "count"),
        ("中国人工智能发明专利申请量", "growth", "%", "ai-patent-applications", "growth"),
        ("融资事件数", "count", "count:起", "ai-financing-events", "count"),
        ("國產(chǎn)AI芯片自主化率", "rate", "%", "domestic-ai-chip-localisation-rate", "rate"),
        # English phrases as an extractor leaves them: possessives, verbs, typographic apostrophes
        ("China’s intelligent computing power will reach", "level", "FLOPS", "intelligent-computing-power",
         "level"),
        ("s intelligent computing power will reach", "level", "FLOPS", "intelligent-computing-power",
         "level"),
        ("China's core AI industry reached RMB", "level", "CNY", "ai-core-industry-scale", "level"),
        ("server market size", "level", "USD", "", "level"),
        # near-aliases: one character off is the same metric
        ("人工智能服务器市场的规模", "level", "USD", "ai-server-market", "level"),
        ("中国人工智能核心产业总规模", "level", "CNY", "ai-core-industry-scale", "level"),
        # a qualifier in front names a narrower metric, and a bare measure word names none
        ("醫(yī)療AI市場規(guī)模", "level", "CNY", "", "level"),
        ("边缘AI芯片出货量", "count", "count:片", "", "count"),
        ("同比增长", "growth", "%", "", "growth"),
        ("毛利率", "rate", "%", "", "rate"),
    ],
)
def test_metric_phrases_resolve_to_glossary_ids(glossary, metric_text, claim_type, unit, metric_id, measure):
    facts = normalise_claims(
        claims_table([claim(metric_text=metric_text, type=claim_type, unit=unit)]), glossary
    )
    assert (facts.loc[0, "metric_id"], facts.loc[0, "measure"]) == (metric_id, measure)
    score = facts.loc[0, "metric_score"]
    assert score == 100 or not metric_id or glossary.min_score <= score < 100


def test_facts_keep_claim_columns_and_add_base_values(glossary):
    claims = claims_table(
        [
            claim(surface="1751亿元", value=1.751e11, metric_text="人工智能核心产业规模"),
            claim(start=9, surface="3年", value=3.0, unit="years", type="other", metric_text="平均回本周期"),
            claim(start=20, surface="414.1 EFLOPS", value=4.141e20, unit="FLOPS", metric_text="智能算力"),
        ]
    )
    facts = normalise_claims(claims, glossary)
    schemas.Fact.validate(facts)
    pd.testing.assert_frame_equal(facts[claims.columns], claims)
    got = facts[["surface", "base_value", "base_unit", "dimension", "metric_id"]].values.tolist()
    assert got == [
        ["1751亿元", 1.751e11, "CNY", "currency", "ai-core-industry-scale"],
        ["3年", 3 * 365.25, "days", "duration", ""],
        ["414.1 EFLOPS", 4.141e20, "FLOPS", "compute", "intelligent-computing-power"],
    ]


def test_no_claims_give_an_empty_fact_table(glossary):
    facts = normalise_claims(schemas.empty(schemas.Claim), glossary)
    assert facts.empty
    assert set(schemas.Fact.to_schema().columns) <= set(facts.columns)


def test_every_gold_claim_normalises_with_a_dimension_matching_its_unit(glossary):
    claims = gold_claims()
    if claims.empty:
        pytest.skip("../shared/gold-dev is not present")
    facts = normalise_claims(claims, glossary)
    assert len(facts) == len(claims)
    expected = {"CNY": "currency", "USD": "currency", "FLOPS": "compute", "%": "percent", "pp": "points",
                "x": "multiple", "days": "duration", "years": "duration"}
    for unit, dimension in expected.items():
        assert set(facts.loc[facts["unit"] == unit, "dimension"]) == {dimension}, unit
    counts = facts[facts["unit"].str.startswith("count:")]
    assert set(counts["dimension"]) == {"count"}
    listed = facts[(facts["metric_id"] != "") & ~facts["measure"].isin(["growth", "cagr", "share"])]
    allowed = listed["metric_id"].map(lambda m: glossary.metrics[m].units)
    base_units = listed["base_unit"].where(listed["dimension"] != "count", "count")
    assert [u in a for u, a in zip(base_units, allowed, strict=True)].count(False) <= 2


IDC_168 = ("2022年中国智能算力规模达259.9 EFLOPS，2023年将达到414.1 EFLOPS，预计到2027年将达到1117.4 EFLOPS，"
           "2022-2027年中国智能算力规模年复合增长率达33.9%，同期通用算力规模年复合增长率为16.6%")


def _sentence_claims(quote: str, figures: list[dict]) -> pd.DataFrame:
    rows = []
    for fields in figures:
        start = quote.index(fields["surface"])
        rows.append(claim(doc_id="003.txt", line=168, quote=quote, start=start, **fields))
    return claims_table(rows)


def test_a_figure_continues_the_subject_and_place_of_its_sentence(glossary):
    """003 line 168 names 智能算力规模 once (cut to 国智能算力规模 by the extractor) for three years."""
    claims = _sentence_claims(IDC_168, [
        dict(surface="259.9 EFLOPS", value=259.9e18, unit="FLOPS", period="2022",
             metric_text="国智能算力规模"),
        dict(surface="414.1 EFLOPS", value=414.1e18, unit="FLOPS", geo="", metric_text=""),
        dict(surface="1117.4 EFLOPS", value=1117.4e18, unit="FLOPS", period="2027", geo="",
             metric_text="到2027年"),
        dict(surface="16.6%", value=16.6, unit="%", type="cagr", period="2022-2027", geo="",
             metric_text="同期通用算力规模年复合增长率"),
    ])
    facts = normalise_claims(claims, glossary).set_index("surface")
    assert set(facts.loc[["259.9 EFLOPS", "414.1 EFLOPS", "1117.4 EFLOPS"], "metric_id"]) == {
        "intelligent-computing-power"
    }
    assert facts.loc["414.1 EFLOPS", "flags"] == "metric-from-sentence;geo-from-sentence"
    assert facts.loc["16.6%", ["metric_id", "measure", "scope"]].tolist() == [
        "general-computing-power", "cagr", "general"]
    assert set(facts["geo"]) == {"China"}


@pytest.mark.parametrize(
    "phrase, metric_id",
    [("国智能算力规模", "intelligent-computing-power"),
     ("na's intelligent computing power", "intelligent-computing-power"),
     ("国产替代率", "unlisted:国产替代率")],
)
def test_a_cut_geography_word_is_dropped_only_before_an_alias(glossary, phrase, metric_id):
    assert glossary.resolve(phrase)[0] == metric_id


def test_a_rate_naming_only_its_measure_is_the_rate_of_its_sentences_subject(glossary):
    """Demo 03: 到2027年全球AI市场规模将达11.64万亿美元，2024-2027年的年复合增长率为23.65%."""
    quote = "到2027年全球AI市场规模将达11.64万亿美元，2024-2027年的年复合增长率为23.65%。"
    claims = _sentence_claims(quote, [
        dict(surface="11.64万亿美元", value=11.64e12, unit="USD", period="2027", geo="Global",
             metric_text="到2027年全球AI市场规模"),
        dict(surface="23.65%", value=23.65, unit="%", type="cagr", period="2024-2027", geo="Global",
             metric_text="2024-2027年的年复合增长率"),
    ])
    facts = normalise_claims(claims, glossary).set_index("surface")
    assert facts[["metric_id", "measure"]].values.tolist() == [
        ["ai-market-size", "level"], ["ai-market-size", "cagr"]]


def test_a_figure_restated_in_another_currency_keeps_the_metric(glossary):
    quote = "In 2023 China's core AI industry was worth RMB 157.1 billion, or about US$24.7 billion."
    claims = _sentence_claims(quote, [
        dict(surface="157.1 billion", value=157.1e9, metric_text="China's core AI industry was worth RMB"),
        dict(surface="24.7 billion", value=24.7e9, unit="USD", metric_text="or about US$"),
    ])
    assert set(normalise_claims(claims, glossary)["metric_id"]) == {"ai-core-industry-scale"}
