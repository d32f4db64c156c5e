"""A suite a team got wrong is one ``Error:`` line naming file, key and fault; a check it turns off
does not run. Each case edits a copy of the project's expectations/ and audits a short report."""

import json
import shutil

import pytest
from click.testing import CliRunner

from recon.cli import main
from recon.pipeline import EXPECTATIONS_DIR

REPORT = """\
2023年，中国智能算力规模达到414.1 EFLOPS，同比增长59.3%。
2022年，中国智能算力规模为260 EFLOPS。
2023年，制造、金融分别占60%、55%。
"""
"""Two shares of one whole that add up to 115 % (a share-sum error) and a growth its prior year
corroborates."""


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "reports" / "compute.txt"
    path.parent.mkdir()
    path.write_text(REPORT, encoding="utf-8")
    return path


@pytest.fixture
def suites(tmp_path):
    """A copy of the project's expectations/ that a test edits."""
    return shutil.copytree(EXPECTATIONS_DIR, tmp_path / "expectations")


def edit(suites, name, old, new):
    """Replace ``old`` by ``new`` once in the suite file ``name``."""
    path = suites / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def audit(report, out, *options):
    return CliRunner().invoke(main, ["audit", str(report), "--out", str(out), *options])


@pytest.mark.parametrize("name, old, new, line", [
    ("agreement.yaml", "      definition_factor: 2", "      definition_factor: 2\n      colour: red",
     "agreement.yaml: checks.cross-source-agreement.params.colour: unknown parameter; "
     "known: skip_flags, kind_families, definition_factor"),
    ("recompute.yaml", "      decline_words:", "      decline_word:",
     "recompute.yaml: checks.growth-recomputation.params.decline_word: unknown parameter; "
     "did you mean decline_words?"),
    ("shares.yaml", "      max_gap: 16", "      max_gap: 16 characters",
     "shares.yaml: checks.share-sum.params.max_gap: input should be a valid integer (got '16 characters')"),
    ("agreement.yaml", "      skip_flags: [unclear-columns, suspect-range]  #",
     "      skip_flags: unclear  #",
     "agreement.yaml: checks.intra-document-conflict.params.skip_flags: input should be a valid list "
     "(got 'unclear')"),
    ("shares.yaml", "expect: ExpectColumnValuesToBeBetween", "expect: ExpectColumnValuesToBeBetwen",
     "shares.yaml: checks.share-sum.expectations[0].expect: not a Great Expectations expectation: "
     "ExpectColumnValuesToBeBetwen (expectation at-most-whole); did you mean ExpectColumnValuesToBeBetween?"),
    ("shares.yaml", "max_value: 100", "max_value: a hundred",
     "shares.yaml: checks.share-sum.expectations[0].max_value: bad arguments for "
     "ExpectColumnValuesToBeBetween (expectation at-most-whole): "
     "value is not a valid float (got 'a hundred')"),
    ("shares.yaml", "        severity: error", "        severty: error",
     "shares.yaml: checks.share-sum.expectations[0].severty: bad arguments for ExpectColumnValuesToBeBetween "
     "(expectation at-most-whole): unknown key; did you mean severity?"),
])
def test_a_malformed_suite_is_one_error_line(report, suites, tmp_path, name, old, new, line):
    edit(suites, name, old, new)
    result = audit(report, tmp_path / "out", "--expectations", str(suites))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"Error: {suites / line}"]


def test_a_missing_suite_file_is_an_error_line(report, suites, tmp_path):
    (suites / "units.yaml").unlink()
    result = audit(report, tmp_path / "out", "--expectations", str(suites))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"Error: {suites / 'units.yaml'}: suite not found: it declares unit-sanity "
        "(turn a check off with `enabled: false` under it, not by removing its file)"
    ]


def checks_found(out):
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    return {(f["check"], f["outcome"]) for f in findings}


def test_the_project_suites_find_overfull_shares_and_a_disabled_share_sum_does_not(report, suites, tmp_path):
    default = audit(report, tmp_path / "default")
    assert (default.exit_code, "Error" in default.stderr) == (1, False)
    assert checks_found(tmp_path / "default") == {("share-sum", "fail"), ("growth-recomputation", "pass")}

    edit(suites, "shares.yaml", "  share-sum:\n", "  share-sum:\n    enabled: false\n")
    disabled = audit(report, tmp_path / "disabled", "--expectations", str(suites))
    assert disabled.exit_code == 0
    assert checks_found(tmp_path / "disabled") == {("growth-recomputation", "pass")}
