"""The registry is the one list of checks: the suites, the README and the findings follow it."""

import re

import pytest

from recon.checks import check_facts, load_suites
from recon.checks.registry import CHECKS, Check
from recon.schemas import SECTIONS

from .builders import EXPECTATIONS, ROOT, facts_table, make_fact


def test_every_check_has_a_kebab_case_id_of_its_own_and_a_suite_file_shipped():
    ids = [check.id for check in CHECKS]
    assert len(set(ids)) == len(ids)
    for check in CHECKS:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", check.id), check.id
        assert check.title and check.section in SECTIONS
        assert (EXPECTATIONS / check.suite).is_file(), check.suite
        assert type(check).run is not Check.run, f"{check.id} has no run"


def test_every_parameter_of_the_project_suites_is_declared_by_its_check():
    """The project's suites set every parameter their checks require, and no other (they load)."""
    suites = load_suites(EXPECTATIONS)
    for check in CHECKS:
        required = {name for name, f in check.Params.model_fields.items() if f.is_required()}
        assert required <= set(suites.checks[check.id].params), check.id


def suite_table() -> dict[str, str]:
    """The README's table of expectation files: file → the checks its row names."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Expectation suites\n(.*?)(?=^## )", text, re.MULTILINE | re.DOTALL).group(1)
    return {row[0]: row[1] for row in re.findall(r"^\| `([\w.]+)` \| (.*) \|$", section, re.MULTILINE)}


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.id)
def test_the_readme_names_every_check_in_its_files_row(check):
    row = suite_table().get(check.suite, "")
    assert f"`{check.id}`" in row, f"README: the {check.suite} row lacks {check.id}"


def test_checks_of_one_family_each_keep_their_own_findings_once(suites):
    """check_agreement runs three checks at once; each registered check reports only its own."""
    text = "2023年，A公司营收达到120亿元，B报告称为120亿元，C报告称为15亿美元。"
    fields = dict(metric_id="m", period=2023, dimension="currency", group_id="g1", value_step=1e8)
    a = make_fact("a.txt", 1, text, "120亿元", value=120e8, unit="CNY", **fields)
    b = make_fact("b.txt", 1, text, "120亿元", after="B", value=120e8, unit="CNY", **fields)
    c = make_fact("c.txt", 1, text, "15亿美元", value=15e8, unit="USD", **fields)
    findings = check_facts(facts_table(a, b, c), None, suites)
    assert sorted(zip(findings["check"], findings["outcome"], strict=True)) == [
        ("cross-source-agreement", "pass"), ("incomparable", "fail"), ("incomparable", "fail")]
