"""English test documents audited with the Chinese reports they corroborate or contradict."""

from __future__ import annotations

import pytest

COMPUTE_EN = "en_compute_corroboration.txt"
CORE_EN = "en_core_industry_conflict.txt"
IDC = "003_4c492a37f95d5f79.txt"  # 2023年将达到414.1 EFLOPS (line 168)
WHITE_BOOK = "004_090a43eae61d434a.txt"  # 2023年…核心产业规模为1751亿元 (line 519), 9183 家 (line 561)

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def audit(run_audit, corpus_dir, data_dir, tmp_path_factory):
    paths = [corpus_dir / IDC, corpus_dir / WHITE_BOOK, data_dir / COMPUTE_EN, data_dir / CORE_EN]
    return run_audit(paths, tmp_path_factory.mktemp("english-audit"))


@pytest.mark.parametrize(
    "claims",
    [
        ((COMPUTE_EN, "414.1"), (IDC, "414.1")),
        ((CORE_EN, "9,183"), (WHITE_BOOK, "9183")),
    ],
    ids=["intelligent-compute-2023", "ai-companies-2023"],
)
def test_english_figure_corroborates_chinese_report(audit, claims):
    outcomes = {f["outcome"] for f in audit.covering(claims, "cross-source-agreement")}
    assert outcomes == {"pass"}, claims


def test_english_core_industry_contradicts_white_book(audit):
    claims = ((CORE_EN, "580"), (WHITE_BOOK, "1751"))
    found = audit.covering(claims, "cross-source-agreement")
    assert {(f["outcome"], f["severity"]) for f in found} == {("fail", "warning")}
    assert all("definitions may differ" in f["message"] for f in found)
