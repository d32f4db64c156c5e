"""The CLI as a shell over the library: exit codes, Error: lines, outputs equal to library results."""

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from recon.cli import main
from recon.diff import diff_runs
from recon.gate import Gate
from recon.pipeline import run_audit
from tests.report import tables

OUTPUTS = {"audit.html", "facts.csv", "findings.json", "junit.xml"}


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def src(tmp_path):
    (tmp_path / "src").mkdir()
    return tmp_path / "src"


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help_with_an_example(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Example: recon " + command in result.output


def test_audit_writes_the_four_outputs_and_exits_1_on_an_open_error(stub_pipeline, src, tmp_path):
    result = invoke("audit", src, "--out", tmp_path / "out", "--reviews", tmp_path / "reviews.yaml")
    assert result.exit_code == 1
    assert {p.name for p in (tmp_path / "out").iterdir()} == OUTPUTS
    verdict = "gate (--fail-on error --fail-on-notes never): FAILED by 1 unreviewed finding"
    assert verdict in result.stderr.splitlines()


@pytest.mark.parametrize("fail_on, code", [("error", 0), ("warning", 1), ("never", 0)])
def test_fail_on_decides_the_exit_status_for_a_warning(stub_pipeline, src, tmp_path, fail_on, code):
    stub_pipeline["findings"] = tables.findings().query("severity != 'error'")
    result = invoke("audit", src, "--out", tmp_path / "out", "--fail-on", fail_on,
                    "--reviews", tmp_path / "reviews.yaml")
    assert result.exit_code == code


@pytest.mark.parametrize("options, code", [((), 0), (("--fail-on-notes", "warning"), 1)])
def test_notes_gate_only_with_fail_on_notes(stub_pipeline, src, tmp_path, options, code):
    stub_pipeline["findings"] = tables.findings().assign(section="notes")
    result = invoke("audit", src, "--out", tmp_path / "out", "--fail-on", "warning", *options,
                    "--reviews", tmp_path / "reviews.yaml")
    assert result.exit_code == code


def test_findings_json_equals_the_library_result(stub_pipeline, src, tmp_path):
    invoke("audit", src, "--out", tmp_path / "out", "--reviews", tmp_path / "reviews.yaml")
    written = json.loads((tmp_path / "out" / "findings.json").read_text(encoding="utf-8"))
    assert written == run_audit([src], reviews=tmp_path / "reviews.yaml", gate=Gate()).finding_records()


def test_an_unreadable_file_gives_2_after_writing_the_outputs(stub_pipeline, src, tmp_path):
    stub_pipeline["documents"] = tables.documents()
    result = invoke("audit", src, "--out", tmp_path / "out", "--reviews", tmp_path / "reviews.yaml")
    assert result.exit_code == 2
    assert "Error: sources/broken.pdf: PDF has no text layer" in result.stderr.splitlines()
    assert {p.name for p in (tmp_path / "out").iterdir()} == OUTPUTS


def test_a_missing_path_is_a_usage_error(stub_pipeline, tmp_path):
    result = invoke("audit", tmp_path / "nope", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"Error: {tmp_path / 'nope'}: no such file or directory"]
    assert not (tmp_path / "out").exists()


def test_without_paths_audit_reads_sources_and_writes_reports(stub_pipeline, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert invoke("audit").stderr.splitlines() == [
        "Error: sources: no sources/ directory here: name the reports to audit, "
        "e.g. recon audit REPORTS_DIR --out reports"]
    (tmp_path / "sources").mkdir()
    assert invoke("audit").exit_code == 1
    assert {p.name for p in (tmp_path / "reports").iterdir()} == OUTPUTS


def test_no_progress_lines_when_stderr_is_not_a_terminal(stub_pipeline, src, tmp_path):
    result = invoke("audit", src, "--out", tmp_path / "out", "--reviews", tmp_path / "reviews.yaml")
    assert not [line for line in result.stderr.splitlines() if line.startswith("recon: ")]


def test_a_waiver_survives_a_rerun_and_passes_the_gate(stub_pipeline, src, tmp_path):
    reviews = tmp_path / "reviews.yaml"
    first = invoke("audit", src, "--out", tmp_path / "run1", "--reviews", reviews)
    error = next(f for f in json.loads((tmp_path / "run1" / "findings.json").read_text())
                 if f["severity"] == "error")
    result = invoke("review", error["finding_id"], "--status", "waived", "--note", "scope differs",
                    "--by", "lin", "--reviews", reviews, "--findings", tmp_path / "run1" / "findings.json")
    assert result.exit_code == 0
    second = invoke("audit", src, "--out", tmp_path / "run2", "--reviews", reviews)
    assert (first.exit_code, second.exit_code) == (1, 0)
    rerun = {f["finding_id"]: f for f in json.loads((tmp_path / "run2" / "findings.json").read_text())}
    assert rerun[error["finding_id"]]["status"] == "waived"
    assert rerun[error["finding_id"]]["review"]["by"] == "lin"


def test_a_decision_on_a_vanished_finding_is_reported_stale_and_kept(stub_pipeline, src, tmp_path):
    reviews = tmp_path / "reviews.yaml"
    invoke("audit", src, "--out", tmp_path / "old", "--reviews", reviews)
    gone = tables.findings().query("severity == 'warning'")["finding_id"].item()
    invoke("review", gone, "--status", "accepted", "--note", "old run", "--reviews", reviews,
           "--findings", tmp_path / "old" / "findings.json")
    stub_pipeline["findings"] = tables.findings().query("finding_id != @gone")
    result = invoke("audit", src, "--out", tmp_path / "out", "--reviews", reviews)
    assert "1 stale reviews (their findings no longer exist)" in result.stderr.splitlines()
    assert gone in reviews.read_text(encoding="utf-8")
    assert gone in (tmp_path / "out" / "audit.html").read_text(encoding="utf-8")


def test_a_baseline_gates_only_on_new_findings(stub_pipeline, src, tmp_path):
    reviews = tmp_path / "reviews.yaml"
    assert invoke("audit", src, "--out", tmp_path / "old", "--reviews", reviews).exit_code == 1
    baseline = tmp_path / "old" / "findings.json"
    result = invoke("audit", src, "--out", tmp_path / "new", "--reviews", reviews, "--baseline", baseline)
    assert result.exit_code == 0
    new = tables.findings().query("severity == 'warning'").assign(finding_id="feedfacecafe", severity="error")
    stub_pipeline["findings"] = pd.concat([tables.findings(), new], ignore_index=True)
    result = invoke("audit", src, "--out", tmp_path / "new", "--reviews", reviews, "--baseline", baseline)
    assert result.exit_code == 1


def test_a_missing_baseline_is_an_error_line(stub_pipeline, src, tmp_path):
    result = invoke("audit", src, "--out", tmp_path / "out", "--baseline", tmp_path / "old.json")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"Error: {tmp_path / 'old.json'}: no such file"]


def test_review_refuses_an_unknown_status_as_usage_error(tmp_path):
    result = invoke("review", "abc", "--status", "ignored", "--note", "x", "--reviews", tmp_path / "r.yaml")
    assert result.exit_code == 2
    assert "Invalid value for '--status'" in result.stderr


def test_review_reports_a_malformed_reviews_file(stub_pipeline, src, tmp_path):
    invoke("audit", src, "--out", tmp_path / "out", "--reviews", tmp_path / "first.yaml")
    reviews = tmp_path / "reviews.yaml"
    reviews.write_text("reviews:\n  abc: waived\n", encoding="utf-8")
    result = invoke("review", tables.findings()["finding_id"][0], "--status", "waived", "--note", "x",
                    "--reviews", reviews, "--findings", tmp_path / "out" / "findings.json")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"Error: {reviews}: reviews.abc: expected a mapping with status and note"]


def test_an_unwritable_output_directory_is_an_error_line(stub_pipeline, src, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = invoke("audit", src, "--out", blocker, "--reviews", tmp_path / "reviews.yaml")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(f"Error: {blocker}")


def test_diff_exits_1_on_new_failing_findings_and_json_equals_the_library(stub_pipeline, src, tmp_path):
    reviews = tmp_path / "reviews.yaml"
    stub_pipeline["findings"] = tables.findings().query("outcome == 'pass'")
    invoke("audit", src, "--out", tmp_path / "old", "--reviews", reviews)
    stub_pipeline["findings"] = tables.findings()
    invoke("audit", src, "--out", tmp_path / "new", "--reviews", reviews)
    result = invoke("diff", tmp_path / "old", tmp_path / "new", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == diff_runs(tmp_path / "old", tmp_path / "new").to_dict()
    assert json.loads(result.stdout)["new_failing"] == 3
    text = invoke("diff", tmp_path / "new", tmp_path / "old")
    assert text.exit_code == 0
    assert "findings: 0 new (0 failing), 3 resolved" in text.stdout.splitlines()


def test_diff_of_a_directory_that_is_not_a_run_is_an_error_line(tmp_path):
    result = invoke("diff", tmp_path, tmp_path)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"Error: {tmp_path}: no facts.csv: not the output of recon audit"]


def test_progress_names_each_stage_on_a_terminal_only(monkeypatch, capsys):
    import sys

    from recon.cli import stage_line

    assert stage_line() is None
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    stage_line()("matching and checking")
    assert capsys.readouterr().err == "recon: matching and checking…\n"
