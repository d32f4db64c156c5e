"""The demo corpus in sources/ is what its manifest says, and auditing it finds what its README plants."""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PDF = "04_server_quarterly.pdf"
COMPUTE, BRIEF, GLOBAL, SERVERS, PRESS = (
    "01_compute_outlook.txt",
    "02_industry_brief.md",
    "03_global_market.html",
    PDF,
    "05_press_release_en.txt",
)


@dataclass(frozen=True)
class Expected:
    """One row of sources/README.md: a check over claims named by (document, number as written)."""

    label: str
    check: str
    claims: tuple[tuple[str, str], ...]


# The tables of sources/README.md. A claim is named by its document and the number as it is written
# there, which its surface must contain, so the test does not depend on how wide a surface is.
PLANTED = [
    Expected("P1", "cross-source-agreement", ((BRIEF, "1751"), (PRESS, "157.1"))),
    Expected("P2", "intra-document-conflict", ((BRIEF, "590"), (BRIEF, "509"))),
    Expected("P3", "cagr-recomputation", ((GLOBAL, "31.5"), (GLOBAL, "1.91"), (GLOBAL, "6.16"))),
    Expected("P4", "growth-recomputation", ((SERVERS, "82.5"), (SERVERS, "91"), (SERVERS, "67"))),
    Expected("P5", "cagr-recomputation", ((SERVERS, "21.8"), (SERVERS, "67"), (SERVERS, "134"))),
    Expected(
        "P6", "share-sum", ((SERVERS, "48.1"), (SERVERS, "39.1"), (SERVERS, "14.2"), (SERVERS, "4.9"))
    ),
]
INCOMPARABLE = Expected("P7", "incomparable", ((PRESS, "24.7"), (PRESS, "157.1")))
CORROBORATED = [
    Expected("C1", "cross-source-agreement", ((COMPUTE, "414.1"), (PRESS, "414.1"))),
    Expected("C1b", "cross-source-agreement", ((COMPUTE, "414.1"), (SERVERS, "400"))),
    Expected("C2", "cross-source-agreement", ((COMPUTE, "259.9"), (PRESS, "259.9"))),
    Expected("C2b", "cross-source-agreement", ((COMPUTE, "1117.4"), (PRESS, "1,117.4"))),
    Expected("C3", "cross-source-agreement", ((GLOBAL, "6.16"), (PRESS, "6.16"))),
    Expected("C3b", "cross-source-agreement", ((GLOBAL, "11.64"), (PRESS, "11.64"))),
    Expected("C4", "cross-source-agreement", ((BRIEF, "9183"), (PRESS, "9,183"))),
    Expected("C5", "cross-source-agreement", ((BRIEF, "727.2"), (GLOBAL, "727.2"))),
    Expected("C6", "cagr-recomputation", ((COMPUTE, "33.9"), (COMPUTE, "259.9"), (COMPUTE, "1117.4"))),
    Expected("C7", "cagr-recomputation", ((COMPUTE, "16.6"), (COMPUTE, "54.5"), (COMPUTE, "117.3"))),
    Expected("C8", "cagr-recomputation", ((GLOBAL, "23.65"), (GLOBAL, "6.16"), (GLOBAL, "11.64"))),
    Expected("C9", "growth-recomputation", ((COMPUTE, "59.3"), (COMPUTE, "259.9"), (COMPUTE, "414.1"))),
]
# Same metric, different periods (2023H1 against 2023): never one conflict.
NEVER_IN_ONE_CONFLICT = [
    ("N1", ((SERVERS, "30亿美元"), (SERVERS, "91亿美元"))),
    ("N2", ((SERVERS, "49.4"), (SERVERS, "58.7"))),
]


def document_lines(path: Path) -> list[str]:
    """The lines of a demo document as the ingest stage sees them (a PDF's extracted text)."""
    if path.suffix == ".pdf":
        return [line for page in pypdf.PdfReader(path).pages for line in page.extract_text().splitlines()]
    return path.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def manifest(sources_dir) -> list[dict]:
    return yaml.safe_load((sources_dir / "manifest.yaml").read_text(encoding="utf-8"))["documents"]


def test_manifest_lists_every_report_once(sources_dir, manifest):
    reports = {p.name for p in sources_dir.iterdir() if p.name not in {"README.md", "manifest.yaml"}}
    assert sorted(entry["file"] for entry in manifest) == sorted(reports)
    assert {Path(name).suffix for name in reports} == {".txt", ".md", ".html", ".pdf"}


def test_manifest_entries_are_complete(manifest):
    for entry in manifest:
        assert set(entry) == {"file", "title", "publisher", "date", "language"}, entry["file"]
        assert re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", entry["date"]), entry["file"]
        assert entry["language"] in {"zh", "en"}, entry["file"]
        assert entry["title"] and entry["publisher"], entry["file"]
    assert {entry["language"] for entry in manifest} == {"zh", "en"}


def test_reports_are_short(sources_dir, manifest):
    for entry in manifest:
        assert 15 <= len(document_lines(sources_dir / entry["file"])) <= 60, entry["file"]


@pytest.mark.parametrize(
    "expected", [*PLANTED, INCOMPARABLE, *CORROBORATED], ids=lambda expected: expected.label
)
def test_expected_figures_are_in_the_documents(sources_dir, expected):
    for doc, number in expected.claims:
        text = "\n".join(document_lines(sources_dir / doc))
        assert number in text, f"{expected.label}: {number} not in {doc}"


def test_html_table_states_its_unit_in_the_caption(sources_dir):
    html = (sources_dir / GLOBAL).read_text(encoding="utf-8")
    assert re.search(r"<caption>[^<]*单位：亿元[^<]*</caption>", html)
    assert "<td>727.2</td>" in html


def load_pdf_generator():
    """scripts/ is not a package: load make_demo_pdf.py from its path."""
    spec = importlib.util.spec_from_file_location("make_demo_pdf", ROOT / "scripts" / "make_demo_pdf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pdf_is_what_the_script_generates(sources_dir, tmp_path):
    generated = load_pdf_generator().make_demo_pdf(tmp_path / PDF)
    assert generated.read_bytes() == (sources_dir / PDF).read_bytes()


def test_pdf_text_extracts_with_page_numbers_in_the_footer(sources_dir):
    pages = pypdf.PdfReader(sources_dir / PDF).pages
    assert len(pages) == 2
    for number, page in enumerate(pages, start=1):
        lines = page.extract_text().splitlines()
        assert lines[-1] == f"- {number} -"
    first = pages[0].extract_text()
    assert "2023年全年，中国人工智能服务器市场规模达到91亿美元，同比增长82.5%。" in first


# --- the audit over sources/ -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def audit(run_audit, sources_dir, tmp_path_factory):
    return run_audit([sources_dir], tmp_path_factory.mktemp("demo-audit"))


def test_audit_writes_all_outputs_and_fails_the_gate(audit):
    # Planted conflicts are unreviewed errors, so the default gate (--fail-on error) fails.
    assert audit.exit_code == 1, audit.output
    assert set(audit.facts["doc_id"]) == {COMPUTE, BRIEF, GLOBAL, SERVERS, PRESS}


@pytest.mark.parametrize("expected", PLANTED, ids=lambda expected: expected.label)
def test_planted_conflict_is_found(audit, expected):
    for doc, number in expected.claims:
        assert audit.claims_of(doc, number), f"{expected.label}: no claim {number} in {doc}"
    outcomes = {finding["outcome"] for finding in audit.covering(expected.claims, expected.check)}
    assert "fail" in outcomes, f"{expected.label}: no failing {expected.check} over {expected.claims}"


@pytest.mark.parametrize("expected", PLANTED, ids=lambda expected: expected.label)
def test_planted_conflicts_are_conflicts_to_decide_worded_in_both_languages(audit, expected):
    [finding] = [f for f in audit.covering(expected.claims, expected.check) if f["outcome"] == "fail"][:1]
    assert finding["section"] == "conflicts"
    assert finding["message_zh"] and finding["message_zh"] != finding["message"]
    words = finding["message_zh"].replace(finding["observed"], "")
    assert any("\u4e00" <= char <= "\u9fff" for char in words)


def test_currencies_without_a_rate_are_incomparable(audit):
    findings = audit.covering(INCOMPARABLE.claims, INCOMPARABLE.check)
    assert findings, "US$24.7 billion and RMB 157.1 billion not reported as incomparable"
    assert {finding["severity"] for finding in findings} == {"info"}


@pytest.mark.parametrize("expected", CORROBORATED, ids=lambda expected: expected.label)
def test_corroboration_passes(audit, expected):
    outcomes = {finding["outcome"] for finding in audit.covering(expected.claims, expected.check)}
    assert outcomes == {"pass"}, f"{expected.label}: {expected.check} over {expected.claims} gave {outcomes}"


@pytest.mark.parametrize("label, claims", NEVER_IN_ONE_CONFLICT, ids=[n for n, _ in NEVER_IN_ONE_CONFLICT])
def test_half_year_is_not_compared_with_full_year(audit, label, claims):
    assert all(audit.claims_of(doc, number) for doc, number in claims), f"{label}: a claim is missing"
    assert [finding for finding in audit.covering(claims) if finding["outcome"] == "fail"] == []
