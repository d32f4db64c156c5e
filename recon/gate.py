"""Gate: which findings fail a CI run (severity threshold, reviews and an optional baseline)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from recon.errors import BaselineError, ReconError
from recon.review import NOT_GATING
from recon.schemas import SECTIONS, SEVERITY_RANK, Severity

FAIL_ON = (Severity.ERROR.value, Severity.WARNING.value, "never")
"""The choices of ``--fail-on`` and ``--fail-on-notes``: info never fails a run on its own, ``never``
turns that section's gate off."""


@dataclass(frozen=True)
class Gate:
    """The gate settings of a run.

    :param fail_on: lowest severity of a conflict that fails the run (``never`` turns it off).
    :param baseline: finding ids of an earlier run's failing findings; those do not count.
    :param baseline_path: where the baseline came from, for the report.
    :param fail_on_notes: the same threshold for notes on the text (lost dashes, doubtful cells):
        ``never`` by default, since a note asks to look at the source, not to decide between sources.
    """

    fail_on: str = "error"
    baseline: frozenset[str] | None = None
    baseline_path: str = ""
    fail_on_notes: str = "never"

    def threshold(self, section: str) -> str:
        """The ``--fail-on`` setting that applies to findings of ``section``."""
        return self.fail_on_notes if section == "notes" else self.fail_on

    def gating(self, findings: pd.DataFrame) -> pd.Series:
        """A boolean mask over ``findings``: failing, not accepted or waived, severe enough for its
        section, new.

        A ``fixed`` finding still gates while the check still fails: the fix has not landed.
        """
        if findings.empty:
            return pd.Series(False, index=findings.index, dtype=bool)
        thresholds = {section: SEVERITY_RANK.get(self.threshold(section), math.inf) for section in SECTIONS}
        mask = (
            (findings["outcome"] == "fail")
            & ~findings["status"].isin(NOT_GATING)
            & (findings["severity"].map(SEVERITY_RANK).fillna(0) >= findings["section"].map(thresholds))
        )
        if self.baseline is not None:
            mask &= ~findings["finding_id"].isin(self.baseline)
        return mask.astype(bool)

    def describe(self) -> str:
        """The settings as options, for the summary: ``--fail-on error --fail-on-notes never``."""
        return f"--fail-on {self.fail_on} --fail-on-notes {self.fail_on_notes}"


def load_baseline(path: str | Path) -> frozenset[str]:
    """The ids of the failing findings in an earlier run's ``findings.json``.

    :param path: a ``findings.json`` written by ``recon audit``.
    :raises BaselineError: the file is missing, not JSON, or not an array of findings.
    """
    records = read_findings(path, BaselineError)
    return frozenset(str(r["finding_id"]) for r in records if r.get("outcome", "fail") == "fail")


def read_findings(path: str | Path, error: type[ReconError]) -> list[dict]:
    """The records of a ``findings.json``; any problem raises ``error`` naming the file.

    :param path: a ``findings.json`` written by ``recon audit``.
    :param error: the ``ReconError`` subclass for the caller's context (baseline, run directory).
    """
    path = Path(path)
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as cause:
        raise error(path, "no such file") from cause
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as cause:
        raise error(path, f"not a findings.json: {cause}") from cause
    if not isinstance(records, list) or not all(isinstance(r, dict) and "finding_id" in r for r in records):
        raise error(path, "not a findings.json: expected an array of findings with finding_id")
    return records
