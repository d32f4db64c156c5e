"""Loading suites: a malformed suite raises ConfigError naming the file and the key at fault."""

import re
import shutil

import pytest

from recon.checks import check_facts, load_suites
from recon.errors import ConfigError

from .builders import EXPECTATIONS, corpus_fact, facts_table, make_fact

GOOD = """\
checks:
  share-sum:
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


def test_the_project_suites_declare_every_check():
    suites = load_suites(EXPECTATIONS)
    assert set(suites.checks) == {
        "cross-source-agreement", "intra-document-conflict", "incomparable", "cagr-recomputation",
        "growth-recomputation", "share-sum", "plausibility", "unit-sanity",
        "misquote",
    }
    assert suites.allowed_units["intelligent-computing-power"] == ("FLOPS",)


@pytest.mark.parametrize("text, key, reason", [
    ("checks: [1, 2", "line 1", "not valid YAML"),
    ("suite: x\n", "checks", "missing"),
    (GOOD.replace("share-sum", "share-total"), "checks.share-total", "unknown check"),
    (GOOD.replace("        severity: error\n", ""), "checks.share-sum.expectations[0].severity", "missing"),
    (GOOD.replace("severity: error", "severity: fatal"), "checks.share-sum.expectations[0].severity",
     "severity must be one of"),
    (GOOD.replace("ExpectColumnValuesToBeBetween", "ExpectColumnToBeNice"),
     "checks.share-sum.expectations[0].expect", "not a Great Expectations expectation"),
    (GOOD.replace("max_value: 100", "max_value: lots"), "checks.share-sum.expectations[0]", "bad arguments"),
    (GOOD.replace('"too much: {arithmetic}"', '"too much: {sum low}"'),
     "checks.share-sum.expectations[0].message", "template fields must be column names"),
    (GOOD.replace('"too much: {arithmetic}"', '"too much: {arithmetic}"\n        expected: "{a b}"'),
     "checks.share-sum.expectations[0].expected", "template fields must be column names"),
    (GOOD.replace("    expectations:\n", "    expectations: []\n    unused:\n"),
     "checks.share-sum.expectations", "at least one expectation"),
    (GOOD.replace("severity: error", "severity: error\n        section: appendix"),
     "checks.share-sum.expectations[0].section", "section must be one of"),
    (GOOD.replace("severity: error", 'severity: error\n        message_zh: "过多：{sum low}"'),
     "checks.share-sum.expectations[0].message_zh", "template fields must be column names"),
])
def test_a_malformed_suite_names_file_and_key(expectations, text, key, reason):
    (expectations / "shares.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_suites(expectations)
    assert raised.value.path.endswith("shares.yaml")
    assert raised.value.key == key
    assert reason in raised.value.reason


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


def test_a_check_defined_twice_is_an_error(expectations):
    (expectations / "more.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(ConfigError, match="share-sum: also defined in more.yaml"):
        load_suites(expectations)


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


def test_suites_without_a_check_do_not_run_it(expectations):
    (expectations / "plausibility.yaml").unlink()
    suites = load_suites(expectations)
    wrong = corpus_fact("003", 44, "82.5%", value=820.5, value_step=0.1, unit="%", type="share",
                        dimension="percent", metric_id="ai-server-market", period=2023)
    assert check_facts(facts_table(wrong), None, suites).empty
