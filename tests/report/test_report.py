"""AuditReport: stats, ordering, the gate verdict and the machine outputs."""

import io
import json
import xml.etree.ElementTree as ET

import pandas as pd

from recon.gate import Gate
from recon.review import Review
from recon.schemas import Finding, MatchedFact, empty
from tests.report import tables


def test_stats_count_documents_claims_numbers_and_findings(build_report):
    stats = build_report().stats
    assert (stats["documents"], stats["unreadable"], stats["claims"], stats["numbers"]) == (4, 1, 9, 4)
    assert (stats["failing"], stats["corroborations"]) == (3, 2)
    assert stats["by_severity"] == {"error": 1, "warning": 1, "info": 1}
    assert stats["by_status"] == {"open": 3, "accepted": 0, "waived": 0, "fixed": 0}


def test_failing_findings_come_first_most_severe_first(build_report):
    rows = build_report().flatten(("check", "outcome", "severity"))
    assert rows[:3] == [
        ["cross-source-agreement", "fail", "error"],
        ["intra-document-conflict", "fail", "warning"],
        ["incomparable", "fail", "info"],
    ]
    assert {r[1] for r in rows[3:]} == {"pass"}


def test_within_a_severity_the_widest_disagreement_comes_first(build_report):
    findings = tables.findings()
    findings.loc[findings["check"] == "intra-document-conflict", "severity"] = "error"
    rows = build_report(findings=findings).flatten(("check", "severity"))
    # 1751亿元 vs 5800亿元 differ by 70 %; 38 % vs 52 % by 27 %.
    assert rows[:2] == [["cross-source-agreement", "error"], ["intra-document-conflict", "error"]]


def test_an_open_error_fails_the_default_gate(build_report):
    report = build_report()
    assert not report.passed
    assert report.stats["gating"] == 1


def test_waiving_the_error_passes_the_gate_and_shows_the_status(build_report):
    error_id = tables.findings().query("severity == 'error'")["finding_id"].item()
    report = build_report({error_id: Review(error_id, "waived", "different scope", "lin")})
    assert report.passed
    assert report.stats["by_status"]["waived"] == 1
    record = next(r for r in report.finding_records() if r["finding_id"] == error_id)
    assert (record["status"], record["gating"]) == ("waived", False)
    assert record["review"]["note"] == "different scope"


def test_findings_json_has_the_documented_keys_and_equals_to_dict(build_report):
    report = build_report()
    records = json.loads(report.to_findings_json())
    assert records == report.to_dict()["findings"]
    required = {"finding_id", "check", "outcome", "severity", "section", "metric_id", "geo", "period",
                "claim_ids", "observed", "expected", "message", "message_zh", "status"}
    assert all(required <= set(r) for r in records)
    assert {r["outcome"] for r in records} == {"fail", "pass"}
    assert all(isinstance(r["claim_ids"], list) and r["claim_ids"] for r in records)


def test_to_json_round_trips_to_dict(build_report):
    report = build_report()
    assert json.loads(report.to_json()) == report.to_dict()
    assert report.to_dict()["unreadable"] == [
        {"doc_id": "broken.pdf", "path": "sources/broken.pdf", "error": "PDF has no text layer"}
    ]


def test_facts_csv_has_extraction_columns_metric_and_group(build_report):
    facts = pd.read_csv(io.StringIO(build_report().to_csv()), keep_default_na=False)
    assert list(facts.columns) == list(MatchedFact.to_schema().columns)
    assert {"metric_id", "metric_score", "group_id", "surface", "quote"} <= set(facts.columns)
    assert len(facts) == 9
    assert sorted(facts.loc[facts["group_id"] == "g-core", "surface"]) == ["1751亿元", "RMB 580 billion"]


def test_a_fact_table_without_group_ids_is_accepted(build_report):
    report = build_report(facts=tables.facts().drop(columns="group_id"))
    assert set(report.facts["group_id"]) == {""}


def test_junit_has_one_case_per_finding_and_failures_for_unwaived_failing(build_report):
    warning_id = tables.findings().query("severity == 'warning'")["finding_id"].item()
    report = build_report({warning_id: Review(warning_id, "accepted", "both figures are quoted")})
    root = ET.fromstring(report.to_junit().split("\n", 1)[1])
    cases = root.findall(".//testcase")
    assert len(cases) == 5 + 1  # five findings and the unreadable document
    failures = [c for c in cases if c.find("failure") is not None]
    assert sorted(c.find("failure").get("type") for c in failures) == ["error", "info"]
    skipped = [c for c in cases if c.find("skipped") is not None]
    assert [c.get("name").split()[0] for c in skipped] == [warning_id]
    errors = [c for c in cases if c.find("error") is not None]
    assert [c.get("name") for c in errors] == ["sources/broken.pdf"]
    assert root.get("failures") == "2" and root.get("tests") == "6"


def test_summary_lines_name_the_verdict(build_report):
    assert build_report().to_summary()[-1] == (
        "gate (--fail-on error --fail-on-notes never): FAILED by 1 unreviewed finding")
    never = build_report(gate=Gate("never")).to_summary()[-1]
    assert never == "gate (--fail-on never --fail-on-notes never): passed"


def test_summary_counts_conflicts_and_notes_apart(build_report):
    findings = tables.findings()
    findings.loc[findings["check"] == "incomparable", "section"] = "notes"
    report = build_report(findings=findings)
    assert (report.stats["conflicts"], report.stats["notes"]) == (2, 1)
    assert report.stats["by_section"]["notes"] == {"error": 0, "warning": 0, "info": 1}
    assert report.to_summary()[1] == (
        "2 conflicts to decide (1 error, 1 warning), 1 notes on the text (1 info), "
        "2 corroborated figures")


def test_junit_and_findings_json_carry_the_section(build_report):
    findings = tables.findings()
    findings.loc[findings["check"] == "incomparable", "section"] = "notes"
    report = build_report(findings=findings, gate=Gate("error", fail_on_notes="info"))
    records = json.loads(report.to_findings_json())
    assert {r["check"]: r["section"] for r in records if r["outcome"] == "fail"} == {
        "cross-source-agreement": "conflicts", "intra-document-conflict": "conflicts",
        "incomparable": "notes"}
    assert all(r["message_zh"] for r in records)
    root = ET.fromstring(report.to_junit().split("\n", 1)[1])
    notes = root.find("testsuite[@name='recon notes']")
    [case] = notes.findall("testcase")
    assert case.find("properties/property").attrib == {"name": "section", "value": "notes"}
    assert "gates this run" in case.find("failure").get("message")
    assert notes.get("failures") == "1" and root.get("failures") == "3"


def test_a_run_without_findings_passes_and_renders(build_report):
    report = build_report(findings=empty(Finding))
    assert report.passed and report.flatten() == []
    assert json.loads(report.to_findings_json()) == []
    assert "No conflicts to decide." in report.to_html() and "No notes on the text." in report.to_html()
