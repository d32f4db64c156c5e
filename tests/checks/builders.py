"""Matched facts built by hand from real corpus sentences or test-made text, until recon.match lands."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

from recon.schemas import MatchedFact

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
EXPECTATIONS = ROOT / "expectations"

DEFAULTS = dict(
    page=pd.NA, value_high=float("nan"), qualifier="exact", kind="actual", type="level",
    period_grain="year", geo="China", flags="", metric_score=100.0, group_id="", subject="", scope="",
)
SENTENCE_END = "。；;!?！？"


def corpus_line(prefix: str, line: int) -> str:
    """Line ``line`` (1-based) of the corpus file whose name starts with ``prefix``."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    path = next(CORPUS.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8").split("\n")[line - 1]


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]``, as the extractor quotes it."""
    left = max(text.rfind(mark, 0, start) for mark in SENTENCE_END) + 1
    rights = [i for i in (text.find(mark, end) for mark in SENTENCE_END) if i >= 0]
    return text[left:min(rights) + 1 if rights else len(text)]


def make_fact(doc: str, line: int, text: str, surface: str, *, after="", at=0, **fields) -> dict:
    """A MatchedFact row for ``surface`` where it first occurs in ``text`` after ``after`` or ``at``."""
    start = text.index(surface, text.index(after) if after else at)
    end = start + len(surface)
    period = str(fields.pop("period"))
    years = [int(y) for y in re.findall(r"\d{4}", period)]
    value = fields["value"]
    row = dict(DEFAULTS, doc_id=doc, line=line, start=start, end=end, surface=surface,
               quote=sentence_of(text, start, end), period=period,
               period_start=years[0] if years else pd.NA, period_end=years[-1] if years else pd.NA,
               base_value=value, metric_text=fields.get("metric_id", ""), dimension="other")
    row.update(fields)
    row.setdefault("base_unit", row["unit"])
    row.setdefault("measure", row["type"])
    row["claim_id"] = hashlib.sha1(f"{doc}:{line}:{start}:{surface}".encode()).hexdigest()[:12]
    return row


def named(metric: str) -> dict:
    """The identity columns of a test's metric: a kebab-case glossary id, or a subject outside the
    glossary (written in the document's words)."""
    if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", metric):
        return {"metric_id": metric}
    return {"metric_id": "", "subject": metric}


def corpus_fact(prefix: str, line: int, surface: str, **fields) -> dict:
    """A fact for ``surface`` on a corpus line: ``corpus_fact("003", 168, "414.1 EFLOPS", value=...)``."""
    text = corpus_line(prefix, line)
    return make_fact(next(CORPUS.glob(f"{prefix}_*.txt")).name, line, text, surface, **fields)


def facts_table(*rows: dict) -> pd.DataFrame:
    """Validated MatchedFact table of ``rows``."""
    return MatchedFact.validate(pd.DataFrame(list(rows)))


def outcomes(findings: pd.DataFrame) -> set[tuple]:
    """(check, outcome, severity, claim ids) of each finding: what check tests compare."""
    return {(f.check, f.outcome, f.severity, tuple(f.claim_ids)) for f in findings.itertuples()}


def ids(*rows: dict) -> tuple[str, ...]:
    """Sorted claim ids of ``rows``, as findings cite them."""
    return tuple(sorted(r["claim_id"] for r in rows))
