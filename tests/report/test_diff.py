"""recon diff: facts added, removed and changed; findings new and resolved."""

import pandas as pd
import pytest

from recon.diff import diff_runs
from recon.errors import RunDirectoryError
from tests.report import tables


def write_run(path, report):
    path.mkdir()
    (path / "facts.csv").write_text(report.to_csv(), encoding="utf-8")
    (path / "findings.json").write_text(report.to_findings_json(), encoding="utf-8")
    return path


@pytest.fixture
def runs(tmp_path, build_report):
    """Run 2 corrects the English core-industry figure, drops the 52 % and adds a 2024 figure."""
    old = write_run(tmp_path / "old", build_report())
    facts = tables.facts()
    facts = facts[facts["surface"] != "52%"]
    english = facts["surface"] == "RMB 580 billion"
    quote = "the core AI industry reached RMB 175.1 billion"
    facts.loc[english, ["surface", "quote"]] = ["RMB 175.1 billion", quote]
    facts.loc[english, ["start", "end"]] = [36, 53]
    added = tables.fact("ai_whitebook.txt", 40, "2024年规模预计超过2000亿元。", "2000亿元", 2e11, "CNY", 2e11,
                        "CNY", "currency", "ai-core-industry-scale", "2024", kind="forecast",
                        qualifier="lower_bound")
    facts = pd.concat([facts, pd.DataFrame([added])], ignore_index=True)
    findings = tables.findings()
    resolved = findings["check"].isin(["cross-source-agreement", "intra-document-conflict"]) & (
        findings["outcome"] == "fail")
    new = findings[findings["check"] == "incomparable"].assign(
        finding_id="feedfacecafe", check="plausibility", severity="warning", message="implausible")
    findings = pd.concat([findings[~resolved], new], ignore_index=True)
    return old, write_run(tmp_path / "new", build_report(facts=facts, findings=findings))


def test_facts_added_removed_and_changed_by_metric_geo_period_document(runs):
    result = diff_runs(*runs)
    assert [(f["metric_id"], f["period"], f["doc_id"], f["values"]) for f in result.facts_added] == [
        ("ai-core-industry-scale", "2024", "ai_whitebook.txt", ["2000亿元"])]
    assert result.facts_removed == []  # the 38 % is still stated for the same key
    # Sorted by key: ai-core-industry-scale before training-cost-decline.
    assert [(f["doc_id"], f["old"], f["new"]) for f in result.facts_changed] == [
        ("press_en.txt", ["RMB 580 billion"], ["RMB 175.1 billion"]),
        ("ai_whitebook.txt", ["38%", "52%"], ["38%"]),
    ]


def test_findings_new_and_resolved(runs):
    result = diff_runs(*runs)
    assert [f["check"] for f in result.findings_new] == ["plausibility"]
    assert [f["check"] for f in result.findings_new] == [f["check"] for f in result.new_failing]
    assert sorted(f["check"] for f in result.findings_resolved) == [
        "cross-source-agreement", "intra-document-conflict"]


def test_a_run_compared_with_itself_has_no_differences(runs):
    result = diff_runs(runs[0], runs[0])
    assert result.to_dict() == {"facts": {"added": [], "removed": [], "changed": []},
                                "findings": {"new": [], "resolved": []}, "new_failing": 0}


def test_text_lists_each_change(runs):
    text = diff_runs(*runs).to_text().splitlines()
    assert text[0] == "facts: 1 added, 0 removed, 2 changed"
    changed = "  ~ training-cost-decline (rate) / China / 2024 / ai_whitebook.txt: ['38%', '52%'] -> ['38%']"
    assert changed in text
    assert "findings: 1 new (1 failing), 2 resolved" in text


def test_a_directory_without_run_outputs_is_a_run_directory_error(tmp_path, runs):
    with pytest.raises(RunDirectoryError, match="no facts.csv"):
        diff_runs(tmp_path / "missing", runs[1])
    (tmp_path / "half").mkdir()
    (tmp_path / "half" / "facts.csv").write_text("metric_id,geo\n")
    with pytest.raises(RunDirectoryError, match="missing columns: period, doc_id, surface"):
        diff_runs(runs[0], tmp_path / "half")
