"""The audit of the whole shared corpus finds the conflicts and corroborations it must (issue 3).

Each case names the document, line and numbers as written there; the figures were checked by hand
against the text (see ../shared/gold-dev/*.summary.md for the labeller's notes on conflicts).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.corpus

DL_MARKET = "000_76409b03b6ee359b.txt"
IDC = "003_4c492a37f95d5f79.txt"


@pytest.fixture(scope="module")
def audit(run_audit, corpus_dir, tmp_path_factory):
    return run_audit([corpus_dir], tmp_path_factory.mktemp("corpus-audit"))


def on_line(audit, doc: str, line: int, number: str) -> set[str]:
    """Claim ids in ``doc`` at ``line`` whose surface contains ``number``."""
    facts = audit.facts
    in_line = (facts["doc_id"] == doc) & (facts["line"] == line)
    hit = in_line & facts["surface"].str.contains(number, regex=False)
    return set(facts.loc[hit, "claim_id"])


def findings_with(audit, check: str, *claim_sets: set[str]) -> list[dict]:
    """Findings of ``check`` that involve at least one claim of every set."""
    return [
        f
        for f in audit.findings
        if f["check"] == check and all(ids & set(f["claim_ids"]) for ids in claim_sets)
    ]


@pytest.mark.parametrize(
    "cagr, start, end",
    [("33.9%", "259.9", "1117.4"), ("16.6%", "54.5", "117.3")],
    ids=["intelligent-compute", "general-compute"],
)
def test_stated_cagr_is_corroborated_by_its_endpoints(audit, cagr, start, end):
    """003 line 168: (1117.4 / 259.9)^(1/5) − 1 = 33.9 %; (117.3 / 54.5)^(1/5) − 1 = 16.6 %."""
    found = findings_with(
        audit, "cagr-recomputation", on_line(audit, IDC, 168, cagr), on_line(audit, IDC, 168, start),
        on_line(audit, IDC, 168, end),
    )
    assert found and {f["outcome"] for f in found} == {"pass"}


def test_five_year_cagr_over_four_years_is_a_warning(audit):
    """003 line 44: 195亿美元 (2022) → 347亿美元 (2026) is about 15.5 % a year, not the stated 17.3 %."""
    found = findings_with(
        audit, "cagr-recomputation", on_line(audit, IDC, 44, "17.3%"), on_line(audit, IDC, 44, "195"),
        on_line(audit, IDC, 44, "347"),
    )
    assert [(f["outcome"], f["severity"]) for f in found] == [("fail", "warning")]


def test_cagr_within_rounding_is_not_an_error(audit):
    """003 line 308: 11 → 94 亿美元 over 2022–2027 recomputes to 53.5 %, inside the rounding of 11."""
    stated = on_line(audit, IDC, 308, "52.3%")
    assert stated
    assert not [f for f in audit.findings if set(f["claim_ids"]) & stated and f["severity"] == "error"
                and f["outcome"] == "fail"]


@pytest.mark.parametrize(
    "numbers",
    [("38%", "40%", "52%"), ("800", "2200", "8200")],
    ids=["training-cost-decline-2024", "market-size-2030"],
)
def test_one_document_stating_several_values_is_one_conflict(audit, numbers):
    """000 line 8 states the 2024 training-cost decline as 38/40/52 % and the 2030 market three ways."""
    claim_sets = [on_line(audit, DL_MARKET, 8, n) for n in numbers]
    found = findings_with(audit, "intra-document-conflict", *claim_sets)
    assert len(found) == 1 and found[0]["outcome"] == "fail"


def test_half_year_is_not_compared_with_full_year(audit):
    """003: 30亿美元 for 2023H1 and 91亿美元 for 2023 are different periods."""
    half = {c for c in audit.claims_of(IDC, "30亿美元")}
    full = {c for c in audit.claims_of(IDC, "91亿美元")}
    assert half and full
    assert not [f for f in audit.findings if set(f["claim_ids"]) & half and set(f["claim_ids"]) & full]


@pytest.mark.parametrize(
    "figures",
    [((20, "32%"), (20, "18%")), ((8, "432億元"), (8, "580億元"))],
    ids=["chip-localisation-2024", "financing-total-2024"],
)
def test_a_document_contradicting_itself_across_lines_is_a_conflict(audit, figures):
    """000: the 2024 domestic AI chip localisation rate is 32 % and 18 % (gold 000c, conflict 3); the
    2024 industry financing total 580 and 432 亿元."""
    claim_sets = [on_line(audit, DL_MARKET, line, n) for line, n in figures]
    found = findings_with(audit, "intra-document-conflict", *claim_sets)
    assert [(f["outcome"], f["severity"]) for f in found] == [("fail", "error")]


def test_identity_is_never_packed_into_a_metric_id(audit):
    """Facts carry subject, measure and scope; a metric id is a glossary id or ''."""
    ids = audit.facts["metric_id"].fillna("")
    assert not ids.str.contains("unlisted:|-growth$|-cagr$|-share$").any()
    assert {"subject", "measure", "scope"} <= set(audit.facts.columns)
