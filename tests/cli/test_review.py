"""``recon review``: ids checked against the latest findings, prefixes expanded, no decision lost."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from recon.cli import main
from recon.review import load_reviews
from tests.conftest import ROOT
from tests.report import tables


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def latest(stub_pipeline, tmp_path):
    """The ``findings.json`` of a ``recon audit`` run over the hand-built findings."""
    (tmp_path / "src").mkdir()
    invoke("audit", tmp_path / "src", "--out", tmp_path / "out", "--reviews", tmp_path / "audit.yaml")
    return tmp_path / "out" / "findings.json"


def review(finding_id, reviews, findings, note="scope differs"):
    return invoke("review", finding_id, "--status", "waived", "--note", note, "--reviews", reviews,
                  "--findings", findings)


def test_a_unique_prefix_of_eight_characters_is_expanded_to_the_full_id(latest, tmp_path):
    full = tables.findings().query("severity == 'error'")["finding_id"].item()
    result = review(full[:8], tmp_path / "reviews.yaml", latest)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [f"{full}: waived -> {tmp_path / 'reviews.yaml'}"]
    assert list(load_reviews(tmp_path / "reviews.yaml")) == [full]


def test_an_unknown_id_is_an_error_naming_the_closest_ids_and_records_nothing(latest, tmp_path):
    full = tables.findings().query("severity == 'error'")["finding_id"].item()
    typo = full[:-1] + ("0" if full[-1] != "0" else "1")
    result = review(typo, tmp_path / "reviews.yaml", latest)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Error: {latest}: no finding '{typo}'; closest: {full}, ")
    assert not (tmp_path / "reviews.yaml").exists()


def test_a_prefix_shorter_than_eight_characters_is_refused(latest, tmp_path):
    full = tables.findings()["finding_id"][0]
    result = review(full[:5], tmp_path / "reviews.yaml", latest)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"Error: {latest}: '{full[:5]}' is too short for a prefix (at least 8 characters); "
        f"ids starting with it: {full}"]


def test_without_a_findings_file_review_says_to_run_audit_first(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("review", "3f9a0c2b71de", "--status", "waived", "--note", "x")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: reports/findings.json: no findings to check the id against: run `recon audit` first, "
        "or pass --findings PATH of its findings.json"]
    assert not (tmp_path / "reviews.yaml").exists()


def test_a_findings_option_that_is_not_a_findings_file_is_an_error_line(tmp_path):
    (tmp_path / "facts.json").write_text('{"facts": []}', encoding="utf-8")
    result = review("3f9a0c2b71de", tmp_path / "reviews.yaml", tmp_path / "facts.json")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"Error: {tmp_path / 'facts.json'}: "
        "not a findings.json: expected an array of findings with finding_id"]


def test_twenty_reviews_recorded_at_once_are_all_kept(tmp_path):
    """Real processes racing on one file: without the lock, 20 at once kept 10 (and all said ok)."""
    ids = [f"{n:02d}c0ffee0000" for n in range(20)]
    findings = tmp_path / "findings.json"
    findings.write_text(json.dumps([{"finding_id": fid, "outcome": "fail"} for fid in ids]), encoding="utf-8")
    reviews = tmp_path / "reviews.yaml"
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "recon", "review", fid, "--status", "accepted", "--note", f"editor {n}",
             "--by", f"e{n}", "--reviews", str(reviews), "--findings", str(findings)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n, fid in enumerate(ids)
    ]
    errors = [run.communicate(timeout=300)[1] for run in runs]
    assert [run.returncode for run in runs] == [0] * 20, errors
    kept = load_reviews(reviews)
    assert sorted(kept) == sorted(ids)
    assert {kept[fid].note for fid in ids} == {f"editor {n}" for n in range(20)}
