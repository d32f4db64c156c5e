"""Who said it first (issue 8), end to end through ``recon audit`` on documents written here: the
origin each phrasing attributes a figure to, in Chinese and English; an origin carried to a sentence
that continues its own and not to one that does not; names made one across languages; a
corroboration of three documents and one origin; a misquote; the originator's own report."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.e2e.conftest import audit_of


def origin_of(audit, doc: str, number: str) -> tuple[str, str]:
    """(origin, origin_text) of the one figure of ``doc`` whose surface holds ``number``."""
    facts = audit.facts[audit.facts["doc_id"] == doc].fillna("")
    rows = facts[facts["surface"].str.contains(number, regex=False)]
    assert len(rows) == 1, f"{number!r} is not one figure of {doc}: {list(facts['surface'])}"
    return rows.iloc[0]["origin"], rows.iloc[0]["origin_text"]


#: (sentence, the figure, its origin, the words read for it)
PHRASINGS = [
    ("据IDC，2023年中国人工智能服务器市场规模达到91亿美元。", "91亿美元", "IDC", "据IDC"),
    ("IDC预测，2027年全球边缘计算支出将达到3500亿美元。", "3500亿美元", "IDC", "IDC预测"),
    ("根据中国信息通信研究院测算，2023年我国算力总规模达到230 EFLOPS。", "230 EFLOPS", "CAICT",
     "根据中国信息通信研究院测算"),
    ("中国信通院《云计算白皮书》显示，2023年我国云计算市场规模为6165亿元。", "6165亿元", "CAICT",
     "中国信通院《云计算白皮书》显示"),
    ("工信部数据显示，2023年我国软件业务收入为123258亿元。", "123258亿元", "MIIT", "工信部数据显示"),
    ("2023年，国际数据公司发布的追踪报告显示中国公有云服务市场规模为402亿美元。", "402亿美元", "IDC",
     "国际数据公司发布的追踪报告显示"),
    ("據國際數據資訊預測，2026年中國企業級存儲市場規模將達到68億美元。", "68億美元", "IDC",
     "據國際數據資訊預測"),
    ("According to IDC, worldwide spending on AI will reach $632 billion in 2028.", "632 billion", "IDC",
     "According to IDC"),
    ("IDC predicts that China's AI server market will grow to $13.4 billion in 2027.", "13.4 billion", "IDC",
     "IDC predicts"),
    ("A report jointly released by IDC and Inspur puts China's intelligent computing power at 725.3 EFLOPS "
     "in 2024.", "725.3 EFLOPS", "IDC & Inspur", "jointly released by IDC and Inspur"),
    ("Frost & Sullivan estimates the global AI market at $6.16 trillion in 2024.", "6.16 trillion",
     "Frost & Sullivan", "Frost & Sullivan estimates"),
]


@pytest.fixture(scope="module")
def phrased(run_audit, tmp_path_factory):
    """One document per phrasing, audited together."""
    tmp = tmp_path_factory.mktemp("phrasings")
    return audit_of(run_audit, tmp, {f"p{i:02d}.txt": row[0] for i, row in enumerate(PHRASINGS)})


@pytest.mark.parametrize("index", range(len(PHRASINGS)), ids=[row[0][:20] for row in PHRASINGS])
def test_each_phrasing_attributes_its_figure(phrased, index):
    _, surface, origin, words = PHRASINGS[index]
    assert origin_of(phrased, f"p{index:02d}.txt", surface) == (origin, words)


CONTINUED = {
    "zh.txt": "IDC预计，2027年中国液冷服务器市场规模将达到89亿美元。"
              "该报告还预计，2022-2027年中国液冷服务器市场年复合增长率将达到54.7%。"
              "2023年我国数据中心机架总规模超过810万架。",
    "en.txt": "Gartner said worldwide IT spending grew in 2023. The study also found that 45% of firms "
              "piloted generative AI. Our own survey puts the share of schools using AI tutors at 30%.",
    "showed.txt": "IDC released its quarterly server tracker on Monday. China's AI server market reached "
                  "$3 billion in the first half, the figures showed.",
}


@pytest.fixture(scope="module")
def continued(run_audit, tmp_path_factory):
    return audit_of(run_audit, tmp_path_factory.mktemp("continued"), CONTINUED)


def test_a_sentence_continuing_a_cited_one_takes_its_origin(continued):
    assert origin_of(continued, "zh.txt", "54.7%") == ("IDC", "IDC预计")
    assert origin_of(continued, "en.txt", "45%")[0] == "Gartner"


def test_an_unrelated_next_sentence_takes_no_origin(continued):
    assert origin_of(continued, "zh.txt", "810万架")[0] == ""
    assert origin_of(continued, "en.txt", "30%")[0] == ""


def test_the_figures_showed_after_a_named_source_attributes_to_it(continued):
    assert origin_of(continued, "showed.txt", "3 billion")[0] == "IDC"


NAMED = {
    "idc_zh.txt": "国际数据公司预测，2026年中国智能家居设备出货量将达到3.2亿台。",
    "idc_en.txt": "According to IDC, shipments of smart home devices in China will reach 320 million units "
                  "in 2026.",
    "caict_zh.txt": "据中国信通院测算，2023年我国数字经济规模达到53.9万亿元。",
    "caict_en.txt": "CAICT estimates China's digital economy at RMB 53.9 trillion in 2023.",
    "unknown_zh.txt": "根据中商产业研究院数据，2023年中国智能语音市场规模为135亿元。",
    "unknown_en.txt": "According to Acme Analytics, the smart speaker market grew 20% in 2023.",
}


@pytest.fixture(scope="module")
def named(run_audit, tmp_path_factory):
    return audit_of(run_audit, tmp_path_factory.mktemp("named"), NAMED)


@pytest.mark.parametrize(("doc", "surface", "origin"), [
    ("idc_zh.txt", "3.2亿台", "IDC"), ("idc_en.txt", "320 million", "IDC"),
    ("caict_zh.txt", "53.9万亿元", "CAICT"), ("caict_en.txt", "53.9 trillion", "CAICT"),
])
def test_names_in_either_language_are_one_organisation(named, doc, surface, origin):
    assert origin_of(named, doc, surface)[0] == origin


def test_an_organisation_the_lexicon_does_not_list_keeps_its_name(named):
    assert origin_of(named, "unknown_zh.txt", "135亿元")[0] == "中商产业研究院"
    assert origin_of(named, "unknown_en.txt", "20%")[0] == "Acme Analytics"


QUOTING_ZH = "据IDC预测，2027年中国液冷服务器市场规模将达到89亿美元。"
QUOTING_HANT = "IDC預計，2027年中國液冷服務器市場規模將達到89億美元。"
QUOTING_EN = "According to IDC, China's liquid-cooled server market will reach US$8.9 billion in 2027."
MISQUOTING = "据国际数据公司预测，2027年中国液冷服务器市场规模将达到98亿美元。"
OWN = "2027年中国液冷服务器市场规模将达到89亿美元。"


def test_three_documents_quoting_one_origin_are_one_origin(run_audit, tmp_path):
    audit = audit_of(run_audit, tmp_path, {"a.txt": QUOTING_ZH, "b.txt": QUOTING_HANT, "c.txt": QUOTING_EN})
    [card] = [f for f in audit.findings if f["check"] == "cross-source-agreement" and f["outcome"] == "pass"
              and audit.claims_of("c.txt", "8.9 billion") & set(f["claim_ids"])
              and audit.claims_of("a.txt", "89亿美元") & set(f["claim_ids"])]
    assert (card["origins"], card["independent_origins"]) == (["IDC"], 1)
    page = BeautifulSoup((tmp_path / "out" / "audit.html").read_text(encoding="utf-8"), "html.parser")
    [corroboration] = page.select("#corroborations article.finding")
    assert corroboration.select_one(".origins .l-en").get_text().startswith("3 documents, 1 origin (IDC)")
    [lineage] = page.select("#lineage article.lineage")
    assert lineage.select_one(".origins .l-en").get_text() == "3 documents, 1 origin (IDC)."


def test_two_documents_citing_one_originator_and_disagreeing_are_a_misquote(run_audit, tmp_path):
    audit = audit_of(run_audit, tmp_path, {"a.txt": QUOTING_ZH, "b.txt": MISQUOTING})
    [finding] = audit.covering([("a.txt", "89亿美元"), ("b.txt", "98亿美元")])
    assert (finding["check"], finding["outcome"], finding["severity"]) == ("misquote", "fail", "error")
    assert finding["message"].startswith("IDC is quoted two ways")
    assert "Neither document is IDC's own report" in finding["message"]
    assert audit.exit_code == 1


def audit_with_manifest(run_audit, tmp_path, documents: dict[str, str], publishers: dict[str, str]):
    """Write ``documents`` and a manifest giving their publishers into a folder, and audit it."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in documents.items():
        (folder / name).write_text(text, encoding="utf-8")
    entries = "".join(f"  - {{file: {name}, publisher: {publisher}, date: 2024-04}}\n"
                      for name, publisher in publishers.items())
    (folder / "manifest.yaml").write_text("documents:\n" + entries, encoding="utf-8")
    return run_audit([folder], tmp_path / "out")


def test_the_originators_own_report_is_named_as_the_side_that_matches(run_audit, tmp_path):
    audit = audit_with_manifest(
        run_audit, tmp_path, {"idc.txt": OWN, "brief.txt": QUOTING_EN, "news.txt": MISQUOTING},
        {"idc.txt": "International Data Corporation", "brief.txt": "Example Weekly",
         "news.txt": "Example News"})
    [own] = audit.covering([("idc.txt", "89亿美元"), ("news.txt", "98亿美元")], "misquote")
    assert own["severity"] == "error"
    assert "idc.txt is IDC's own report, so news.txt misquotes it." in own["message"]
    [agrees] = audit.covering([("brief.txt", "8.9 billion"), ("news.txt", "98亿美元")], "misquote")
    assert "brief.txt agrees with IDC's own report (idc.txt), so news.txt misquotes it." in agrees["message"]
    assert not audit.covering([("idc.txt", "89亿美元"), ("brief.txt", "8.9 billion")], "misquote")


OWN_PAGES = {
    "idc.html": """<!doctype html>
<html lang="zh"><head><title>中国液冷服务器市场预测</title>
<meta property="og:site_name" content="IDC China"></head>
<body><p>2027年中国液冷服务器市场规模将达到89亿美元。</p></body></html>
""",
    "idc.md": "---\ntitle: 中国液冷服务器市场预测\npublisher: 国际数据公司\n---\n\n" + OWN + "\n",
}


@pytest.mark.parametrize("name", list(OWN_PAGES))
def test_a_documents_own_publisher_makes_it_the_originators_report(run_audit, tmp_path, name):
    """No manifest: the page names its publisher (og:site_name, front matter), so it is IDC's own report."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / name).write_text(OWN_PAGES[name], encoding="utf-8")
    (folder / "news.txt").write_text(MISQUOTING, encoding="utf-8")
    audit = run_audit([folder], tmp_path / "out")
    [finding] = audit.covering([(name, "89亿美元"), ("news.txt", "98亿美元")], "misquote")
    assert f"{name} is IDC's own report, so news.txt misquotes it." in finding["message"]
    page = BeautifulSoup((tmp_path / "out" / "audit.html").read_text(encoding="utf-8"), "html.parser")
    card = page.select_one(f"#finding-{finding['finding_id']}")
    assert card is not None and "IDC is quoted two ways" in card.get_text()


def test_a_disagreement_between_two_origins_is_shown_as_such(run_audit, tmp_path):
    caict = "据中国信通院测算，2027年中国液冷服务器市场规模将达到120亿美元。"
    audit = audit_of(run_audit, tmp_path, {"a.txt": QUOTING_ZH, "b.txt": caict})
    [finding] = audit.covering([("a.txt", "89亿美元"), ("b.txt", "120亿美元")])
    assert (finding["check"], finding["outcome"]) == ("cross-source-agreement", "fail")
    assert (finding["origins"], finding["independent_origins"]) == (["CAICT", "IDC"], 2)
    page = BeautifulSoup((tmp_path / "out" / "audit.html").read_text(encoding="utf-8"), "html.parser")
    [lineage] = page.select("#lineage article.lineage")
    assert lineage.select_one(".origins .l-en").get_text() == "2 documents, 2 origins (CAICT, IDC)."
    said = [p.select_one(".said .l-en").get_text() for p in lineage.select(".lineage-conflict")]
    assert said == ["CAICT says 120亿美元, IDC says 89亿美元"]


def test_origin_claim_span_locates_the_words_read_in_the_file(phrased, tmp_path_factory):
    """``line:start-end`` of every attributed figure slices its ``origin_text`` out of the original file."""
    folder = next(tmp_path_factory.getbasetemp().glob("phrasings*")) / "docs"
    attributed = phrased.facts[phrased.facts["origin"].fillna("") != ""]
    assert len(attributed) == len(PHRASINGS)
    for fact in attributed.itertuples():
        line, span = fact.origin_claim_span.split(":")
        start, end = map(int, span.split("-"))
        text = (folder / fact.doc_id).read_text(encoding="utf-8").split("\n")[int(line) - 1]
        assert text[start:end] == fact.origin_text, fact.doc_id
