"""``recon audit`` through the real pipeline on the demo corpus and on a document quoting markup."""

import json

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from recon.cli import main
from recon.gate import Gate
from recon.pipeline import run_audit


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory, sources_dir):
    if not (sources_dir / "manifest.yaml").exists():
        pytest.skip("the demo corpus is not there yet")
    out = tmp_path_factory.mktemp("demo")
    reviews = out / "reviews.yaml"
    args = ["audit", str(sources_dir), "--out", str(out), "--reviews", str(reviews)]
    result = CliRunner().invoke(main, args)
    return result, out, reviews


def test_findings_json_and_exit_status_equal_the_library_result(demo_run, sources_dir):
    result, out, reviews = demo_run
    report = run_audit([sources_dir], reviews=reviews, gate=Gate())
    assert json.loads((out / "findings.json").read_text(encoding="utf-8")) == report.finding_records()
    assert result.exit_code == (0 if report.passed else 1)
    assert result.stderr.splitlines()[-2:] == [report.to_summary()[-1], f"report: {out / 'audit.html'}"]


def test_facts_csv_has_a_row_per_fact_with_metric_and_group(demo_run):
    _, out, _ = demo_run
    header, *rows = (out / "facts.csv").read_text(encoding="utf-8").splitlines()
    assert {"claim_id", "surface", "quote", "metric_id", "metric_score", "group_id"} <= set(header.split(","))
    assert rows


@pytest.mark.parametrize("name", ["script_injection.txt", "script_injection.html"])
def test_markup_quoted_in_a_source_stays_text_in_the_report(tmp_path, data_dir, name):
    result = CliRunner().invoke(main, ["audit", str(data_dir / name), "--out", str(tmp_path),
                                       "--reviews", str(tmp_path / "reviews.yaml"), "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    page = BeautifulSoup((tmp_path / "audit.html").read_text(encoding="utf-8"), "html.parser")
    [code] = page.select("script:not([type])")
    assert "alert" not in code.string
    assert all("<" not in s.string for s in page.select('script[type="application/json"]'))
    assert page.find("img") is None
    if name.endswith(".txt"):
        explorer = json.loads(page.select_one("#facts-data").string)
        column = explorer["fields"].index("quote")
        quotes = " ".join(text for row in explorer["rows"] for text, _ in row[column])
        assert "<script>alert(1)</script>" in quotes


def test_an_unreadable_file_is_reported_after_the_others_are_audited(tmp_path, data_dir):
    src = tmp_path / "src"
    src.mkdir()
    (src / "report.txt").write_text((data_dir / "en_compute_corroboration.txt").read_text(encoding="utf-8"),
                                    encoding="utf-8")
    (src / "broken.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["audit", str(src), "--out", str(out),
                                       "--reviews", str(tmp_path / "reviews.yaml")])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(f"Error: {src / 'broken.pdf'}: ")
    assert {p.name for p in out.iterdir()} == {"audit.html", "facts.csv", "findings.json", "junit.xml"}
    page = BeautifulSoup((out / "audit.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("#documents-table tr.doc-error td").get_text() == "broken.pdf"
    assert json.loads(page.select_one("#facts-data").string)["rows"]
