"""Origins of figures read from sentences written for these tests, in zh-Hans, zh-Hant and English.

Each row is (lines of one document, the figure, the origin it must carry); the lines go through
ingest's cleaning, the extractor and :func:`recon.extract.origins.attribute_origins`, as in a run.
"""

from pathlib import Path

import pandas as pd
import pytest

from recon.errors import ConfigError
from recon.extract.origins import attribute_origins, load_organisations
from recon.ingest.rows import segment_row
from recon.schemas import Claim, Segment
from tests.extract.conftest import read_lines

LEXICON = Path(__file__).resolve().parents[2] / "expectations" / "organisations.yaml"


def with_origins(lines: list[str]) -> pd.DataFrame:
    """The claims of ``lines`` (one document) with their origins."""
    claims, _ = read_lines(lines)
    segments = Segment.validate(pd.DataFrame([segment_row("test.txt", i, t) for i, t in enumerate(lines, 1)]))
    return Claim.validate(attribute_origins(claims, segments, load_organisations(LEXICON)))


def origin_of(lines: list[str], surface: str) -> str:
    claims = with_origins(lines)
    rows = claims[claims["surface"] == surface]
    assert len(rows) == 1, f"{surface!r} not claimed once: {list(claims['surface'])}"
    return rows.iloc[0]["origin"]


ATTRIBUTED = [
    (["据IDC，2023年中国人工智能服务器市场规模达到91亿美元。"], "91亿美元", "IDC"),
    (["IDC预测，2027年全球边缘人工智能处理器市场将达到94亿美元。"], "94亿美元", "IDC"),
    (["根据中国信息通信研究院测算，2023年我国算力总规模达到230 EFLOPS。"], "230 EFLOPS", "CAICT"),
    (["中国信通院《人工智能发展白皮书》显示，2023年我国人工智能核心产业规模为5784亿元。"],
     "5784亿元", "CAICT"),
    (["工信部数据显示，截至2023年底我国已建成5G基站337.7万个。"], "337.7万个", "MIIT"),
    (["According to IDC, worldwide spending on AI will reach $632 billion in 2028."], "632 billion", "IDC"),
    (["IDC predicts that China's AI server market will grow to $13.4 billion in 2027."],
     "13.4 billion", "IDC"),
    (["A report jointly released by IDC and Inspur puts China's computing power at 414.1 EFLOPS in 2023."],
     "414.1 EFLOPS", "IDC & Inspur"),
    (["由IDC与浪潮信息联合发布的评估报告显示，2023年中国智能算力规模将达到414.1 EFLOPS。"], "414.1 EFLOPS",
     "IDC & Inspur"),
    (["Frost & Sullivan estimates the global AI market at $6.16 trillion in 2024."], "6.16 trillion",
     "Frost & Sullivan"),
    (["China's AI server market grew to $9.1 billion in 2023, according to IDC."], "9.1 billion", "IDC"),
    (["IDC released its quarterly server tracker on Monday.",
      "China's AI server market reached $3 billion in the first half, the figures showed."],
     "3 billion", "IDC"),
    (["Gartner said the market grew in 2023. The study also found that 45% of firms piloted generative AI."],
     "45%", "Gartner"),
    (["IDC預計，2027年中國液冷服務器市場規模將達到89億美元。",
      "該報告還預計，2022-2027年中國液冷服務器市場年複合增長率將達到54.7%。"], "54.7%", "IDC"),
    (["據中國信通院測算，2023年全球算力規模達到910 EFLOPS。"], "910 EFLOPS", "CAICT"),
    (["根據國家統計局數據，2023年全國規模以上工業增加值增長4.6%。"], "4.6%", "NBS"),
    (["The China Academy of Information and Communications Technology estimates the core AI industry at "
      "RMB 578.4 billion in 2023."], "578.4 billion", "CAICT"),
    (["据弗若斯特沙利文预测，2024年全球人工智能市场规模有望达到6.16万亿美元。"],
     "6.16万亿美元", "Frost & Sullivan"),
    (["根据中商产业研究院数据，2023年中国智能语音市场规模为135亿元。"], "135亿元", "中商产业研究院"),
    (["According to Acme Analytics, the market grew 20% in 2023."], "20%", "Acme Analytics"),
    (["据IDC预测，2025年全球市场将达到5000亿美元，其中中国市场将达到1000亿美元。"], "1000亿美元", "IDC"),
    (["据IDC预测，2025年全球人工智能", "市场将达到5000亿美元。"], "5000亿美元", "IDC"),
    (["据IDC预测，2025年全球市场将达到5000亿美元。", "其中，中国市场将达到1000亿美元。"],
     "1000亿美元", "IDC"),
]


@pytest.mark.parametrize("lines, surface, origin", ATTRIBUTED, ids=[row[0][0][:24] for row in ATTRIBUTED])
def test_a_figure_carries_the_organisation_its_text_cites(lines, surface, origin):
    assert origin_of(lines, surface) == origin


NOT_ATTRIBUTED = [
    (["传统IDC机房升级改造也将构成算力规划的关键组成，2023年机架规模达到810万架。"], "810万架"),
    (["IDC数据中心在2023年的机架规模超过810万架。"], "810万架"),
    (["据不完全统计，截至2023年全国已建成智算中心40余座。"], "40余座"),
    (["本报告测算，2023年中国智能算力规模达到414.1 EFLOPS。"], "414.1 EFLOPS"),
    (["IDC预计，2027年中国液冷服务器市场规模将达到89亿美元。", "2023年中国液冷服务器出货量为21万台。"],
     "21万台"),
    (["据IDC预测，2025年全球人工智能市场将达到5000亿美元。", "", "国内市场", "将达到1000亿美元。"],
     "1000亿美元"),
    (["在IDC超过50年的发展历史中，众多企业客户借助IDC的战略分析实现了业务目标。"], "50年"),
    (["2023年中国人工智能服务器市场规模达到91亿美元，IDC预计2027年将达到134亿美元。"], "91亿美元"),
]


@pytest.mark.parametrize("lines, surface", NOT_ATTRIBUTED, ids=[row[0][-1][:24] for row in NOT_ATTRIBUTED])
def test_a_figure_no_one_is_cited_for_has_no_origin(lines, surface):
    assert origin_of(lines, surface) == ""


def test_origin_text_and_span_point_at_the_words_read_in_the_original():
    lines = ["前言。",
             "IDC預計，2027年中國液冷服務器市場規模將達到89億美元。該報告還預計，年複合增長率將達到54.7%。"]
    claims = with_origins(lines).set_index("surface")
    for surface in ("89億美元", "54.7%"):
        row = claims.loc[surface]
        line, span = row["origin_claim_span"].split(":")
        start, end = map(int, span.split("-"))
        assert (row["origin_text"], lines[int(line) - 1][start:end]) == ("IDC預計", "IDC預計")


def test_a_continuing_sentence_looks_back_only_a_few_sentences():
    lines = ["IDC预计，2027年中国液冷服务器市场规模将达到89亿美元。", "行业继续发展。", "技术不断进步。",
             "应用日益广泛。", "该报告还预计，2027年渗透率将达到30%。"]
    assert origin_of(lines, "30%") == ""
    assert origin_of([lines[0], lines[1], lines[-1]], "30%") == "IDC"


def test_one_sentence_citing_two_organisations_gives_each_figure_the_nearer_one_before_it():
    lines = ["IDC预计2027年市场将达到89亿美元，而Gartner预计将达到120亿美元。"]
    assert (origin_of(lines, "89亿美元"), origin_of(lines, "120亿美元")) == ("IDC", "Gartner")


def test_the_shipped_lexicon_knows_the_usual_originators_in_every_script():
    organisations = load_organisations(LEXICON)
    written = {"工业和信息化部": "MIIT", "工業和信息化部": "MIIT", "Frost and Sullivan": "Frost & Sullivan",
               "高德納": "Gartner", "艾瑞諮詢": "iResearch", "國家統計局": "NBS", "集邦科技": "TrendForce",
               "Counterpoint": "Counterpoint", "Canalys": "Canalys", "麥肯錫": "McKinsey", "普华永道": "PwC",
               "德勤": "Deloitte", "浪潮信息": "Inspur", "Statista": "Statista", "CAICT": "CAICT"}
    assert {name: organisations.canonical(name) for name in written} == written
    assert organisations.canonical("某研究所") == "某研究所"


@pytest.mark.parametrize("text, key", [
    ("organisations: []\n", "organisations"),
    ("organisations:\n  IDC: {en: [IDC], fr: [IDC]}\n", "organisations.IDC"),
    ("organisations:\n  IDC: {en: IDC}\n", "organisations.IDC.en"),
    ("organisations:\n  IDC: {en: [IDC]}\n  Other: {zh-Hant: [IDC]}\n", "organisations.Other"),
    ("organisations:\n  CAICT: {zh-Hans: [中国信通院]}\n  Other: {zh-Hant: [中國信通院]}\n",
     "organisations.Other"),
])
def test_a_malformed_lexicon_names_its_file_and_key(tmp_path, text, key):
    path = tmp_path / "organisations.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_organisations(path)
    assert (error.value.path, error.value.key) == (str(path.resolve()), key)


def test_a_missing_lexicon_is_a_configuration_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read the organisations lexicon"):
        load_organisations(tmp_path / "organisations.yaml")
