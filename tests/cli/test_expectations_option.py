"""``--expectations DIR``: an audit runs with the suites a team wrote, and bad suites are error lines."""

import json
import shutil

import yaml
from click.testing import CliRunner

from recon.cli import main
from recon.pipeline import EXPECTATIONS_DIR


def suites_copy(tmp_path):
    target = tmp_path / "expectations"
    shutil.copytree(EXPECTATIONS_DIR, target)
    return target


def failing_checks(out):
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    return {
        f["finding_id"] for f in findings if f["outcome"] == "fail" and f["check"] == "cross-source-agreement"
    }


def test_a_looser_agreement_tolerance_turns_a_conflict_into_a_corroboration(sources_dir, tmp_path):
    """The demo corpus states 1751亿元 and RMB 157.1 billion: a 10 % gap, an error at the default 1 %."""
    loose = suites_copy(tmp_path)
    agreement = yaml.safe_load((loose / "agreement.yaml").read_text(encoding="utf-8"))
    for expectation in agreement["checks"]["cross-source-agreement"]["expectations"]:
        expectation["max_value"] = 0.5
    (loose / "agreement.yaml").write_text(yaml.safe_dump(agreement, allow_unicode=True), encoding="utf-8")

    runner = CliRunner()
    runner.invoke(main, ["audit", str(sources_dir), "--out", str(tmp_path / "default")])
    runner.invoke(main, ["audit", str(sources_dir), "--out", str(tmp_path / "loose"),
                         "--expectations", str(loose)])

    default_fails, loose_fails = failing_checks(tmp_path / "default"), failing_checks(tmp_path / "loose")
    assert default_fails and loose_fails < default_fails


def test_a_malformed_suite_is_one_error_line_naming_the_file(sources_dir, tmp_path):
    broken = suites_copy(tmp_path)
    (broken / "shares.yaml").write_text("checks:\n  share-sum: [not, a, mapping]\n", encoding="utf-8")

    result = CliRunner().invoke(main, ["audit", str(sources_dir), "--out", str(tmp_path / "out"),
                                       "--expectations", str(broken)])

    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {broken / 'shares.yaml'}")
