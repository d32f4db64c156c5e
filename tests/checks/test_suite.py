"""Loading suites: a malformed suite raises ConfigError naming the file and the key at fault."""

import re
import shutil
from pathlib import Path

import pytest
import yaml

from recon.checks import check_facts, load_suites
from recon.checks.registry import CHECKS
from recon.errors import ConfigError

from .builders import EXPECTATIONS, corpus_fact, facts_table, make_fact

GOOD = """\
checks:
  share-sum:
    params:
      max_gap: 16
    expectations:
      - name: at-most-whole
        expect: ExpectColumnValuesToBeBetween
        column: sum_low
        max_value: 100
        severity: error
        message: "too much: {arithmetic}"
"""


@pytest.fixture
def expectations(tmp_path):
    """A copy of the project's expectations/ that a test may break."""
    shutil.copytree(EXPECTATIONS, tmp_path / "expectations")
    return tmp_path / "expectations"


def test_the_project_suites_declare_every_check_of_the_registry_in_its_order():
    suites = load_suites(EXPECTATIONS)
    assert list(suites.checks) == [check.id for check in CHECKS]
    assert suites.disabled == ()
    assert suites.allowed_units["intelligent-computing-power"] == ("FLOPS",)


def test_project_params_are_typed_and_defaults_filled():
    suites = load_suites(EXPECTATIONS)
    assert suites.checks["cross-source-agreement"].param("definition_factor") == 2.0
    assert isinstance(suites.checks["cross-source-agreement"].param("definition_factor"), float)
    assert suites.checks["incomparable"].param("fx_rates") == {}
    assert suites.checks["cagr-recomputation"].params == {
        "skip_flags": ["unclear-columns", "suspect-range"]}


@pytest.mark.parametrize("text, key, reason", [
    ("checks: [1, 2", "line 1", "not valid YAML"),
    ("suite: x\n", "checks", "missing"),
    (GOOD.replace("share-sum", "share-total"), "checks.share-total", "unknown check"),
    (GOOD.replace("        severity: error\n", ""), "checks.share-sum.expectations[0].severity", "missing"),
    (GOOD.replace("severity: error", "severity: fatal"), "checks.share-sum.expectations[0].severity",
     "severity must be one of"),
    (GOOD.replace("ExpectColumnValuesToBeBetween", "ExpectColumnToBeNice"),
     "checks.share-sum.expectations[0].expect",
     "not a Great Expectations expectation: ExpectColumnToBeNice (expectation at-most-whole)"),
    (GOOD.replace("ExpectColumnValuesToBeBetween", "ExpectColumnValueToBeBetween"),
     "checks.share-sum.expectations[0].expect", "did you mean ExpectColumnValuesToBeBetween?"),
    (GOOD.replace("max_value: 100", "max_value: lots"), "checks.share-sum.expectations[0].max_value",
     "bad arguments for ExpectColumnValuesToBeBetween (expectation at-most-whole): "
     "value is not a valid float (got 'lots')"),
    (GOOD.replace("column: sum_low", "colum: sum_low"), "checks.share-sum.expectations[0].colum",
     "unknown key; did you mean column?"),
    (GOOD.replace("        column: sum_low\n", ""), "checks.share-sum.expectations[0].column", "missing"),
    (GOOD.replace("severity: error", "severity: error\n        severty: error"),
     "checks.share-sum.expectations[0].severty", "unknown key; did you mean severity?"),
    (GOOD.replace('"too much: {arithmetic}"', '"too much: {sum low}"'),
     "checks.share-sum.expectations[0].message", "template fields must be column names"),
    (GOOD.replace('"too much: {arithmetic}"', '"too much: {arithmetic}"\n        expected: "{a b}"'),
     "checks.share-sum.expectations[0].expected", "template fields must be column names"),
    (GOOD.replace("    expectations:\n", "    expectations: []\n    unused:\n"),
     "checks.share-sum.unused", "unknown key; known: title, enabled, params, expectations, passes"),
    ("checks:\n  share-sum:\n    params: {max_gap: 16}\n    expectations: []\n",
     "checks.share-sum.expectations", "at least one expectation"),
    (GOOD.replace("severity: error", "severity: error\n        section: appendix"),
     "checks.share-sum.expectations[0].section", "section must be one of"),
    (GOOD.replace("severity: error", 'severity: error\n        message_zh: "过多：{sum low}"'),
     "checks.share-sum.expectations[0].message_zh", "template fields must be column names"),
    (GOOD.replace("    params:", "    parms:"), "checks.share-sum.parms",
     "unknown key; did you mean params?"),
    (GOOD.replace("max_gap: 16", "max_gaps: 16"), "checks.share-sum.params.max_gaps",
     "unknown parameter; did you mean max_gap?"),
    (GOOD.replace("max_gap: 16", "max_gap: 16\n      colour: red"), "checks.share-sum.params.colour",
     "unknown parameter; known: max_gap, breaks"),
    (GOOD.replace("max_gap: 16", "max_gap: sixteen"), "checks.share-sum.params.max_gap",
     "input should be a valid integer (got 'sixteen')"),
    (GOOD.replace("max_gap: 16", "max_gap: -1"), "checks.share-sum.params.max_gap",
     "input should be greater than or equal to 0 (got -1)"),
    (GOOD.replace("max_gap: 16", "max_gap: 16\n      breaks: [合计, 3]"), "checks.share-sum.params.breaks[1]",
     "input should be a valid string (got 3)"),
    (GOOD.replace("max_gap: 16", "breaks: [合计]"), "checks.share-sum.params.max_gap", "missing"),
    (GOOD.replace("    params:\n      max_gap: 16\n", "    params: [max_gap]\n"), "checks.share-sum.params",
     "expected a mapping"),
    (GOOD.replace("    params:", "    enabled: no\n    params:").replace("enabled: no", "enabled: off-ish"),
     "checks.share-sum.enabled", "expected true or false, got 'off-ish'"),
    ("checks:\n  plausibility:\n    enabled: false\n", "checks.plausibility", "belongs in plausibility.yaml"),
])
def test_a_malformed_suite_names_file_and_key(expectations, text, key, reason):
    (expectations / "shares.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_suites(expectations)
    assert raised.value.path.endswith("shares.yaml")
    assert raised.value.key == key
    assert reason in raised.value.reason
    assert "\n" not in raised.value.render()


def test_a_misspelt_kind_in_a_parameter_names_the_key(expectations):
    path = expectations / "agreement.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("forecast: forecast}", "forcast: forecast}", 1),
                    encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_suites(expectations)
    assert raised.value.key == "checks.cross-source-agreement.params.kind_families.forcast"
    assert raised.value.reason == "input should be 'actual', 'forecast' or 'estimate' (got 'forcast')"


def test_every_project_message_has_a_chinese_wording_and_notes_are_declared():
    suites = load_suites(EXPECTATIONS)
    outcomes = [(check, e) for check, spec in suites.checks.items()
                for e in (*spec.expectations, *([spec.passes] if spec.passes else []))]
    for check, outcome in outcomes:
        words = re.sub(r"\{\w+\}", "", outcome.message_zh)
        assert any("\u4e00" <= char <= "\u9fff" for char in words), (check, outcome.message_zh)
    notes = {e.name for e in suites.checks["plausibility"].expectations if e.section == "notes"}
    assert notes == {"suspect-extraction", "unclear-columns", "share-worded-as-growth"}
    assert {o.section for check, o in outcomes if check != "plausibility"} == {"conflicts"}


def test_a_suite_without_message_zh_words_it_in_english(expectations):
    (expectations / "shares.yaml").write_text(GOOD, encoding="utf-8")
    [expectation] = load_suites(expectations).checks["share-sum"].expectations
    assert (expectation.message_zh, expectation.section) == ("too much: {arithmetic}", "conflicts")


def test_a_check_declared_outside_its_suite_file_is_an_error(expectations):
    (expectations / "more.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(ConfigError, match="more.yaml: checks.share-sum: belongs in shares.yaml"):
        load_suites(expectations)


def test_a_missing_suite_file_is_an_error_not_a_skipped_check(expectations):
    (expectations / "recompute.yaml").unlink()
    with pytest.raises(ConfigError) as raised:
        load_suites(expectations)
    assert raised.value.path.endswith("recompute.yaml") and raised.value.key is None
    assert raised.value.reason.startswith(
        "suite not found: it declares cagr-recomputation, growth-recomputation (turn a check off with "
        "`enabled: false`")


def test_a_directory_without_suites_is_an_error(tmp_path):
    shutil.copy(EXPECTATIONS / "intervals.yaml", tmp_path)
    with pytest.raises(ConfigError, match="recompute.yaml: suite not found: it declares cagr-recomputation"):
        load_suites(tmp_path)


def test_a_check_missing_from_its_suite_file_is_an_error(expectations):
    path = expectations / "agreement.yaml"
    agreement = yaml.safe_load(path.read_text(encoding="utf-8"))
    del agreement["checks"]["incomparable"]
    path.write_text(yaml.safe_dump(agreement, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_suites(expectations)
    assert (Path(raised.value.path).name, raised.value.key) == ("agreement.yaml", "checks.incomparable")
    assert raised.value.reason == "missing: declare the check, or turn it off with `enabled: false`"


def test_missing_interval_settings_are_an_error(expectations):
    (expectations / "intervals.yaml").unlink()
    with pytest.raises(ConfigError, match="interval settings not found"):
        load_suites(expectations)


def too_much():
    """Two shares of one whole that add up to 115 %."""
    text = "2025年，制造、金融分别占60%、55%。"
    fields = dict(value_step=1.0, unit="%", type="share", dimension="percent", metric_id="m",
                  period=2025)
    shares = (make_fact("t.txt", 1, text, s, value=float(s[:2]), **fields) for s in ("60%", "55%"))
    return facts_table(*shares)


def test_a_message_naming_an_unknown_column_fails_when_run(expectations):
    (expectations / "shares.yaml").write_text(GOOD.replace("{arithmetic}", "{total}"), encoding="utf-8")
    suites = load_suites(expectations)
    with pytest.raises(ConfigError) as raised:
        check_facts(too_much(), None, suites)
    assert raised.value.key == "checks.share-sum.expectations[0].message"


def test_an_expectation_on_a_column_the_table_lacks_fails_when_run(expectations):
    broken = GOOD.replace("column: sum_low", "column: total")
    (expectations / "shares.yaml").write_text(broken, encoding="utf-8")
    suites = load_suites(expectations)
    with pytest.raises(ConfigError) as raised:
        check_facts(too_much(), None, suites)
    assert raised.value.key == "checks.share-sum.expectations[0]"


def test_a_disabled_check_does_not_run(expectations):
    (expectations / "plausibility.yaml").write_text("checks:\n  plausibility:\n    enabled: false\n",
                                                    encoding="utf-8")
    suites = load_suites(expectations)
    assert suites.disabled == ("plausibility",) and "plausibility" not in suites.checks
    wrong = corpus_fact("003", 44, "82.5%", value=820.5, value_step=0.1, unit="%", type="share",
                        dimension="percent", metric_id="ai-server-market", period=2023)
    assert check_facts(facts_table(wrong), None, suites).empty
    assert set(check_facts(facts_table(wrong), None, load_suites(EXPECTATIONS))["check"]) == {"plausibility"}


def test_a_disabled_check_keeps_its_settings_unread(expectations):
    """Turning a check off is one line: what else its suite says stays for the day it is turned on."""
    path = expectations / "shares.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  share-sum:\n", "  share-sum:\n    enabled: false\n"), encoding="utf-8")
    assert load_suites(expectations).disabled == ("share-sum",)
