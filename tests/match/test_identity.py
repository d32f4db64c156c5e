"""Identity as typed columns: subject, measure, scope and a glossary metric id only where one fits."""

from __future__ import annotations

import re

import pytest

from recon.errors import ConfigError
from recon.identity import load_concepts
from recon.normalise import load_glossary, normalise_claims
from recon.pipeline import EXPECTATIONS_DIR
from tests.normalise.rows import claim, claims_table


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(EXPECTATIONS_DIR / "metrics.yaml")


@pytest.mark.parametrize(
    "metric_text, claim_type, unit, identity",
    [
        # a glossary metric's rate is the metric with a measure, not a second id
        ("中国智能算力规模年复合增长率", "cagr", "%",
         ("intelligent-computing-power", "智能算力规模", "cagr", "intelligent")),
        ("中国通用算力规模", "level", "FLOPS",
         ("general-computing-power", "通用算力规模", "level", "general")),
        # outside the glossary: no id, the phrase is the subject, its measure word says the measure
        ("园区相关企业营收增速", "growth", "%", ("", "园区相关企业营收", "growth", "related")),
        ("园区核心企业营收", "level", "CNY", ("", "园区核心企业营收", "level", "core")),
        ("生成式AI应用用户数", "count", "count:人", ("", "生成式ai应用用户数", "count", "generative")),
        # 人工智能 holds 智能 but names no definition; a bare span and measure word names no subject
        ("人工智能企业数量", "count", "count:家", ("ai-enterprise-count", "ai企业数量", "count", "")),
        ("五年年复合增长率", "cagr", "%", ("", "", "cagr", "")),
        # an English subject ends at its verb and loses the clause's opening connective
        ("non-x86 server sales surged", "growth", "%", ("", "nonx86serversales", "growth", "")),
        ("PC shipments experienced a", "growth", "%", ("", "pcshipments", "growth", "")),
        ("and Oracle are expected to spend", "level", "USD", ("", "oracle", "level", "")),
        ("revealed that cloud capex", "level", "USD", ("", "cloudcapex", "level", "")),
        ("while edge server sales will also", "level", "USD", ("", "edgeserversales", "level", "")),
    ],
)
def test_a_phrase_gives_subject_measure_scope_and_metric(glossary, metric_text, claim_type, unit, identity):
    rows = [claim(metric_text=metric_text, type=claim_type, unit=unit)]
    facts = normalise_claims(claims_table(rows), glossary)
    assert tuple(facts.loc[0, ["metric_id", "subject", "measure", "scope"]]) == identity


def test_no_fact_carries_an_identity_packed_into_a_string(glossary):
    rows = [claim(start=i, metric_text=text, type=kind, unit=unit) for i, (text, kind, unit) in enumerate([
        ("某市数字经济核心产业规模", "level", "CNY"), ("某市数字经济核心产业规模增速", "growth", "%"),
        ("人工智能核心产业规模占比", "share", "%")])]
    facts = normalise_claims(claims_table(rows), glossary)
    assert not facts["metric_id"].str.contains("unlisted:|-growth$|-cagr$|-share$").any()
    assert list(facts["measure"]) == ["level", "growth", "share"]


def test_a_misspelt_lexicon_key_names_file_and_key(tmp_path):
    path = tmp_path / "concepts.yaml"
    path.write_text("ignore: []\nscope:\n  core: [核心]\nconcepts:\n  market: [市场]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="scope: unknown key"):
        load_concepts(path)


@pytest.mark.parametrize("quote, metric_text, owned", [
    ("华为展出新一代超节点，其算力总规模达300PFLOPS。", "算力总规模", "owned"),
    ("華為展出新一代超節點，其算力總規模達300PFLOPS。", "算力總規模", "owned"),
    ("The new supernode was shown; its total computing power is 300 PFLOPS.", "total computing power",
     "owned"),
    ("The new supernode was shown; its total computing power is 300 PFLOPS.", "its total computing power",
     "owned"),
    ("2025年大会上,华为展出超节点真机,其算力总规模达300PFLOPS;", "算力总规模", "owned"),
    ("其中，我国算力总规模达300EFLOPS。", "我国算力总规模", ""),
    ("尤其算力总规模达300EFLOPS。", "算力总规模", ""),
])
def test_a_figure_of_its_owner_is_not_the_metric_of_the_whole(glossary, quote, metric_text, owned):
    """其算力总规模 / its total computing power is the compute of the thing named before (a supernode),
    not the nation's: its scope says so, and scopes that differ never join."""
    surface = re.search(r"300\s?[PE]FLOPS", quote).group()
    row = claim(quote=quote, surface=surface, start=quote.index(surface), metric_text=metric_text,
                unit="FLOPS")
    facts = normalise_claims(claims_table([row]), glossary)
    assert facts.loc[0, "scope"] == owned
