"""The pipeline as library calls: what the CLI commands run, callable from tests without click."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from recon.extract.cells import label_table_cells
from recon.extract.origins import attribute_origins, load_organisations
from recon.extract.parallel import extract_claims_in_processes
from recon.ingest import ingest_paths, unreadable_documents
from recon.normalise import load_glossary, normalise_claims

if TYPE_CHECKING:
    from recon.gate import Gate
    from recon.report import AuditReport


def shipped_expectations() -> Path:
    """The default suites: ``recon/expectations`` of an installed wheel, else a checkout's ``expectations/``.

    The wheel maps the checkout's top-level directory into the package (setup.py), so both are the
    same files; a checkout (or an editable install) reads the directory a team edits.
    """
    installed = resources.files("recon") / "expectations"
    if isinstance(installed, Path) and installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "expectations"


EXPECTATIONS_DIR = shipped_expectations()


@dataclass
class Extraction:
    """What ``recon extract`` produces: the documents read, their facts and the numbers not taken."""

    documents: pd.DataFrame
    facts: pd.DataFrame
    numbers: pd.DataFrame

    @property
    def unreadable(self) -> pd.DataFrame:
        """Documents that could not be read, with the reason."""
        return unreadable_documents(self.documents)


def extract_facts(
    paths: Iterable[str | Path], expectations: str | Path = EXPECTATIONS_DIR, jobs: int = 1
) -> Extraction:
    """Ingest ``paths``, extract claims and normalise them into facts.

    :param paths: report files or directories.
    :param expectations: the directory holding the metric glossary.
    :param jobs: documents extracted in parallel processes.
    """
    documents, segments = ingest_paths(paths)
    claims, numbers = extract_claims_in_processes(segments, documents, jobs)
    claims = label_table_cells(claims, segments)
    organisations = load_organisations(Path(expectations) / "organisations.yaml")
    claims = attribute_origins(claims, segments, organisations)
    facts = normalise_claims(claims, load_glossary(Path(expectations) / "metrics.yaml"))
    return Extraction(documents=documents, facts=facts, numbers=numbers)


def check_extraction(extraction: Extraction, expectations: str | Path = EXPECTATIONS_DIR):
    """Match the extracted facts and run the expectation suites: (matched facts, findings).

    :param extraction: what :func:`extract_facts` returned.
    :param expectations: the directory holding ``matching.yaml`` and the suites.
    """
    from recon.checks import check_facts, finding_grouping, load_suites
    from recon.checks.origins import finding_origins
    from recon.match import load_settings, match_facts

    settings = load_settings(Path(expectations) / "matching.yaml")
    matched, groups = match_facts(extraction.facts, settings, extraction.documents)
    findings = check_facts(matched, groups, load_suites(expectations), extraction.documents)
    findings = finding_grouping(findings, matched, groups)
    organisations = load_organisations(Path(expectations) / "organisations.yaml")
    return matched, finding_origins(findings, matched, extraction.documents, organisations)


def run_audit(
    paths: Iterable[str | Path],
    expectations: str | Path = EXPECTATIONS_DIR,
    reviews: str | Path | None = None,
    gate: Gate | None = None,
    progress: Callable[[str], None] | None = None,
    jobs: int = 1,
) -> AuditReport:
    """The whole pipeline, ingest to report: what ``recon audit`` runs.

    :param paths: report files or directories.
    :param expectations: the glossary, match settings and suites.
    :param reviews: the reviews file (missing means no decisions yet).
    :param gate: a :class:`recon.gate.Gate`; the default fails on unreviewed errors.
    :param progress: called with the name of each stage as it starts (the CLI shows it on a terminal).
    :param jobs: documents extracted in parallel processes.
    :return: a :class:`recon.report.AuditReport`.
    """
    from recon.report import AuditReport
    from recon.review import load_reviews

    step = progress or (lambda stage: None)
    decisions = load_reviews(reviews) if reviews is not None else {}
    step("reading and extracting")
    extraction = extract_facts(paths, expectations, jobs=jobs)
    step("matching and checking")
    matched, findings = check_extraction(extraction, expectations)
    step("building the report")
    organisations = load_organisations(Path(expectations) / "organisations.yaml")
    return AuditReport(extraction.documents, matched, extraction.numbers, findings, decisions, gate,
                       organisations)
