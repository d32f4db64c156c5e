"""End-to-end helpers: run ``recon audit`` through the CLI and look findings up by claim surfaces."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from recon.cli import main


@dataclass
class Audit:
    """What ``recon audit PATHS --out DIR`` wrote: exit code, findings and facts."""

    exit_code: int
    output: str
    findings: list[dict]
    facts: pd.DataFrame

    def claims_of(self, doc: str, number: str) -> set[str]:
        """Ids of the claims in ``doc`` whose surface contains ``number`` as written there."""
        facts = self.facts
        in_doc = facts["doc_id"] == doc
        return set(facts.loc[in_doc & facts["surface"].str.contains(number, regex=False), "claim_id"])

    def covering(self, claims: Iterable[tuple[str, str]], check: str | None = None) -> list[dict]:
        """Findings (of ``check``, if given) involving a claim for every (document, number) pair."""
        wanted = [self.claims_of(doc, number) for doc, number in claims]
        return [
            finding
            for finding in self.findings
            if check in (None, finding["check"]) and all(ids & set(finding["claim_ids"]) for ids in wanted)
        ]


@pytest.fixture(scope="session")
def run_audit() -> Callable[[list[Path], Path], Audit]:
    """Run ``recon audit`` over some paths into a directory, as a user would, and read its outputs."""

    def run(paths: list[Path], out: Path) -> Audit:
        result = CliRunner().invoke(main, ["audit", *map(str, paths), "--out", str(out)])
        assert (out / "findings.json").is_file(), result.output
        findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
        facts = pd.read_csv(out / "facts.csv", dtype={"claim_id": str, "surface": str, "doc_id": str})
        return Audit(result.exit_code, result.output, findings, facts)

    return run


def audit_of(run_audit, tmp_path, documents: dict[str, str]):
    """Write ``documents`` (name → text) into a folder and audit it."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in documents.items():
        (folder / name).write_text(f"# {name}\n\n{text}\n", encoding="utf-8")
    return run_audit([folder], tmp_path / "out")
