"""The built wheel: it ships the default suites and templates, and audits outside the checkout.

The wheel is built from a copy of the package sources (so the checkout gets no build/ directory)
and unpacked onto ``PYTHONPATH`` of a process run in an empty directory: what an installed recon
sees, with the dependencies of the test environment. ``.ci/run`` repeats this with a fresh venv.
"""

import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import ROOT

BUILD_INPUTS = ["setup.py", "pyproject.toml", "README.md", "recon", "expectations"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """The path of a wheel built with pip from the package sources."""
    tree = tmp_path_factory.mktemp("tree")
    for name in BUILD_INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tree / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tree / name)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", str(tree), "-w", str(out), "--no-deps"],
                   check=True, capture_output=True)
    [built] = out.glob("recon-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory):
    """The wheel unpacked as site-packages would hold it."""
    site = tmp_path_factory.mktemp("site")
    zipfile.ZipFile(wheel).extractall(site)
    return site


def test_the_wheel_ships_the_default_suites_as_they_are_in_expectations(wheel):
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name.removeprefix("recon/expectations/"): archive.read(name)
                   for name in archive.namelist() if name.startswith("recon/expectations/")}
    assert shipped == {path.name: path.read_bytes() for path in (ROOT / "expectations").glob("*.yaml")}


def test_the_wheel_ships_every_module_and_template_of_the_package(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = {name for name in archive.namelist() if not name.startswith("recon/expectations/")}
    package = {
        path.relative_to(ROOT).as_posix() for path in (ROOT / "recon").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert package <= names


def run_installed(site, cwd, *args):
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run([sys.executable, "-m", "recon", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_an_installed_recon_audits_a_folder_outside_the_checkout(installed, tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "zh.txt").write_text("2023年中国人工智能核心产业规模达到5784亿元。\n", encoding="utf-8")
    (reports / "en.txt").write_text("China's core AI industry reached RMB 578.4 billion in 2023.\n",
                                    encoding="utf-8")
    audit = run_installed(installed, tmp_path, "audit", "reports", "--out", "audit")
    assert audit.returncode == 0, audit.stderr
    findings = json.loads((tmp_path / "audit" / "findings.json").read_text(encoding="utf-8"))
    assert ("cross-source-agreement", "pass") in {(f["check"], f["outcome"]) for f in findings}
    check = "import recon.pipeline as p; print(p.EXPECTATIONS_DIR)"
    located = subprocess.run([sys.executable, "-c", check], cwd=tmp_path, capture_output=True, text=True,
                             env={**os.environ, "PYTHONPATH": str(installed)})
    assert located.stdout.strip() == str(installed / "recon" / "expectations")


def test_an_installed_recon_without_paths_says_what_to_pass(installed, tmp_path):
    result = run_installed(installed, tmp_path, "audit")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "Error: sources: no sources/ directory here: name the reports to audit, "
        "e.g. recon audit REPORTS_DIR --out reports"]
