"""Diff: what changed between two ``recon audit`` output directories (facts and findings)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from recon.errors import RunDirectoryError
from recon.gate import read_findings
from recon.review import NOT_GATING

FACT_KEY = ["metric_id", "subject", "measure", "scope", "geo", "period", "doc_id"]
"""A fact's identity across runs: what it measures (a glossary metric, or the subject, measure and scope
the text names), where, when, and who says it."""
IDENTITY_ADDED = ["subject", "measure", "scope"]
"""Identity columns a facts.csv written before typed identity lacks: read as empty."""


@dataclass
class RunDiff:
    """Facts added, removed and changed (by :data:`FACT_KEY`) and findings new and resolved."""

    facts_added: list[dict] = field(default_factory=list)
    facts_removed: list[dict] = field(default_factory=list)
    facts_changed: list[dict] = field(default_factory=list)
    findings_new: list[dict] = field(default_factory=list)
    findings_resolved: list[dict] = field(default_factory=list)

    @property
    def new_failing(self) -> list[dict]:
        """New findings that fail and are not accepted or waived: these make ``recon diff`` exit 1."""
        return [f for f in self.findings_new if f["outcome"] == "fail" and f.get("status") not in NOT_GATING]

    def to_dict(self) -> dict:
        """Plain data for ``--json``."""
        return {
            "facts": {
                "added": self.facts_added, "removed": self.facts_removed, "changed": self.facts_changed,
            },
            "findings": {"new": self.findings_new, "resolved": self.findings_resolved},
            "new_failing": len(self.new_failing),
        }

    def to_json(self) -> str:
        """:meth:`to_dict` as JSON."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)

    def to_text(self) -> str:
        """A short human-readable account, one line per change."""
        lines = [
            f"facts: {len(self.facts_added)} added, {len(self.facts_removed)} removed, "
            f"{len(self.facts_changed)} changed",
        ]
        lines += [f"  + {_key(f)}: {f['values']}" for f in self.facts_added]
        lines += [f"  - {_key(f)}: {f['values']}" for f in self.facts_removed]
        lines += [f"  ~ {_key(f)}: {f['old']} -> {f['new']}" for f in self.facts_changed]
        lines.append(f"findings: {len(self.findings_new)} new ({len(self.new_failing)} failing), "
                     f"{len(self.findings_resolved)} resolved")
        lines += [f"  + {_finding(f)}" for f in self.findings_new]
        lines += [f"  - {_finding(f)}" for f in self.findings_resolved]
        return "\n".join(lines) + "\n"


def diff_runs(old_dir: str | Path, new_dir: str | Path) -> RunDiff:
    """Compare the ``facts.csv`` and ``findings.json`` of two runs.

    :param old_dir: output directory of the earlier run.
    :param new_dir: output directory of the later run.
    :raises RunDirectoryError: a directory lacks those files or they cannot be parsed.
    """
    old_facts, new_facts = _facts(old_dir), _facts(new_dir)
    old_findings, new_findings = _findings(old_dir), _findings(new_dir)
    added = sorted(new_facts.keys() - old_facts.keys())
    removed = sorted(old_facts.keys() - new_facts.keys())
    changed = sorted(k for k in old_facts.keys() & new_facts.keys() if old_facts[k] != new_facts[k])
    return RunDiff(
        facts_added=[{**_named(k), "values": new_facts[k]} for k in added],
        facts_removed=[{**_named(k), "values": old_facts[k]} for k in removed],
        facts_changed=[{**_named(k), "old": old_facts[k], "new": new_facts[k]} for k in changed],
        findings_new=[new_findings[i] for i in sorted(new_findings.keys() - old_findings.keys())],
        findings_resolved=[old_findings[i] for i in sorted(old_findings.keys() - new_findings.keys())],
    )


def _facts(run_dir: str | Path) -> dict[tuple, list[str]]:
    """Per fact key, the sorted surfaces stated (what an editor recognises in the document)."""
    path = Path(run_dir) / "facts.csv"
    try:
        facts = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError as error:
        raise RunDirectoryError(run_dir, "no facts.csv: not the output of recon audit") from error
    except (OSError, ValueError, pd.errors.ParserError) as error:
        raise RunDirectoryError(path, f"cannot read facts: {error}") from error
    facts = facts.assign(**{c: "" for c in IDENTITY_ADDED if c not in facts.columns})
    missing = [c for c in [*FACT_KEY, "surface"] if c not in facts.columns]
    if missing:
        raise RunDirectoryError(path, f"missing columns: {', '.join(missing)}")
    return {
        key: sorted(rows["surface"]) for key, rows in facts.groupby(FACT_KEY, sort=True)
    } if not facts.empty else {}


def _findings(run_dir: str | Path) -> dict[str, dict]:
    return {r["finding_id"]: r for r in read_findings(Path(run_dir) / "findings.json", RunDirectoryError)}


def _named(key: tuple) -> dict:
    return dict(zip(FACT_KEY, key, strict=True))


def _key(fact: dict) -> str:
    """``training-cost-decline (rate) / China / 2024 / report.txt``: the metric (its subject in quotes
    outside the glossary), its measure and scope when they say more, then geo, period and document."""
    what = fact["metric_id"] or f"“{fact['subject']}”"
    qualifiers = [x for x in (fact["measure"] if fact["measure"] != "level" else "", fact["scope"]) if x]
    what += f" ({', '.join(qualifiers)})" if qualifiers else ""
    return " / ".join([what, *(fact[k] or "-" for k in ("geo", "period", "doc_id"))])


def _finding(finding: dict) -> str:
    what = finding.get("metric_id") or finding.get("metric_name")
    where = " ".join(x for x in (what, finding.get("geo"), finding.get("period")) if x)
    return (f"{finding['finding_id']} {finding.get('outcome', '')} {finding.get('severity', '')} "
            f"{finding.get('check', '')} {where}: {finding.get('message', '')}")
