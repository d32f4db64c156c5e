"""Gate: severity threshold, reviews and baseline decide which findings fail a run."""

import json

import pytest

from recon.errors import BaselineError
from recon.gate import Gate, load_baseline
from tests.report import tables


def gating_checks(gate: Gate, findings=None) -> list[str]:
    findings = tables.findings() if findings is None else findings
    return sorted(findings[gate.gating(findings)]["check"])


@pytest.mark.parametrize("fail_on, expected", [
    ("error", ["cross-source-agreement"]),
    ("warning", ["cross-source-agreement", "intra-document-conflict"]),
    ("never", []),
])
def test_fail_on_sets_the_lowest_gating_severity(fail_on, expected):
    assert gating_checks(Gate(fail_on)) == expected


def test_passing_findings_never_gate():
    findings = tables.findings()
    findings["severity"] = "error"
    assert "cagr-recomputation" not in gating_checks(Gate("warning"), findings)


@pytest.mark.parametrize("status, gates", [
    ("open", True), ("fixed", True), ("accepted", False), ("waived", False),
])
def test_accepted_and_waived_findings_do_not_gate(status, gates):
    findings = tables.findings()
    findings.loc[findings["severity"] == "error", "status"] = status
    assert (gating_checks(Gate("error"), findings) == ["cross-source-agreement"]) is gates


@pytest.mark.parametrize("fail_on, fail_on_notes, expected", [
    ("error", "never", ["cross-source-agreement"]),
    ("never", "warning", ["intra-document-conflict"]),
    ("error", "info", ["cross-source-agreement", "incomparable", "intra-document-conflict"]),
    ("never", "never", []),
])
def test_each_section_has_its_own_threshold(fail_on, fail_on_notes, expected):
    findings = tables.findings()
    findings.loc[findings["check"] != "cross-source-agreement", "section"] = "notes"
    assert gating_checks(Gate(fail_on, fail_on_notes=fail_on_notes), findings) == expected


def test_notes_do_not_gate_by_default():
    findings = tables.findings().assign(section="notes")
    assert gating_checks(Gate("warning"), findings) == []


def test_findings_in_the_baseline_do_not_count(tmp_path):
    findings = tables.findings()
    old = findings[findings["check"] == "cross-source-agreement"]
    path = tmp_path / "findings.json"
    path.write_text(json.dumps([{**r, "claim_ids": list(r["claim_ids"])} for r in old.to_dict("records")]))
    baseline = load_baseline(path)
    assert baseline == {old.query("outcome == 'fail'")["finding_id"].item()}  # passes are not a baseline
    assert gating_checks(Gate("warning", baseline)) == ["intra-document-conflict"]


@pytest.mark.parametrize("text, reason", [
    (None, "no such file"),
    ("{not json", "not a findings.json"),
    ('{"finding_id": "x"}', "expected an array"),
    ('[{"check": "x"}]', "expected an array"),
])
def test_a_bad_baseline_is_a_baseline_error(tmp_path, text, reason):
    path = tmp_path / "findings.json"
    if text is not None:
        path.write_text(text)
    with pytest.raises(BaselineError, match=reason):
        load_baseline(path)
