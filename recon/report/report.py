"""The audit report: findings with their reviews and gate verdict, and its renderers."""

from __future__ import annotations

import json
import math
from collections import Counter
from html import unescape

import pandas as pd

from recon import __version__
from recon.gate import Gate
from recon.ingest import unreadable_documents
from recon.report.chart import PALETTE_SIZE, build_charts
from recon.report.context import (
    AuditContext,
    ClaimNote,
    DocumentRow,
    FactRow,
    FindingView,
    Quote,
    Summary,
)
from recon.report.html import render_audit
from recon.report.junit import render_junit
from recon.report.text import format_quantity, highlight, location
from recon.review import Review, apply_reviews
from recon.schemas import SEVERITY_RANK, STATUSES, Document, Fact, Finding, MatchedFact, NumberToken

FACT_COLUMNS = list(MatchedFact.to_schema().columns)
FINDING_KEYS = [
    "finding_id", "check", "outcome", "severity", "metric_id", "geo", "period", "claim_ids",
    "observed", "expected", "arithmetic", "message", "status",
]


class AuditReport:
    """Everything one ``recon audit`` run found, ready to render.

    :param documents: the ``Document`` table (unreadable files included).
    :param facts: ``MatchedFact`` rows (a ``Fact`` table without ``group_id`` is accepted).
    :param numbers: the ``NumberToken`` table: numbers not taken as claims, with reasons.
    :param findings: the ``Finding`` table from the checks.
    :param reviews: editor decisions by finding id (:func:`recon.review.load_reviews`).
    :param gate: the gate settings.
    """

    def __init__(
        self,
        documents: pd.DataFrame,
        facts: pd.DataFrame,
        numbers: pd.DataFrame,
        findings: pd.DataFrame,
        reviews: dict[str, Review] | None = None,
        gate: Gate | None = None,
    ):
        self.documents = Document.validate(documents)
        if "group_id" not in facts.columns:
            facts = Fact.validate(facts).assign(group_id="")
        self.facts = MatchedFact.validate(facts)
        self.numbers = NumberToken.validate(numbers)
        self.reviews = dict(reviews or {})
        self.gate = gate or Gate()
        reviewed, self.stale_reviews = apply_reviews(Finding.validate(findings), self.reviews)
        self.findings = _ordered(reviewed, self.facts)
        self.gating = self.gate.gating(self.findings)

    @property
    def passed(self) -> bool:
        """True when no finding fails the gate."""
        return not bool(self.gating.any())

    @property
    def unreadable(self) -> pd.DataFrame:
        """Documents that could not be read."""
        return unreadable_documents(self.documents)

    @property
    def stats(self) -> dict:
        """Counts for the summary: documents, claims, numbers, findings by outcome, severity, status."""
        failing = self.findings[self.findings["outcome"] == "fail"]
        return {
            "documents": len(self.documents),
            "unreadable": len(self.unreadable),
            "claims": len(self.facts),
            "numbers": len(self.numbers),
            "findings": len(self.findings),
            "failing": len(failing),
            "corroborations": int((self.findings["outcome"] == "pass").sum()),
            "by_severity": {s: int((failing["severity"] == s).sum()) for s in SEVERITY_RANK},
            "by_status": {s: int((failing["status"] == s).sum()) for s in STATUSES},
            "gating": int(self.gating.sum()),
            "stale_reviews": len(self.stale_reviews),
        }

    def flatten(self, spec: tuple[str, ...] = ("finding_id", "check", "severity", "status")) -> list[list]:
        """One list per finding with the columns in ``spec`` (for compact assertions and tables)."""
        return self.findings[list(spec)].values.tolist()

    def finding_records(self) -> list[dict]:
        """The findings as ``findings.json`` holds them, each with its review and whether it gates."""
        records = []
        for row, gating in zip(self.findings[FINDING_KEYS].to_dict("records"), self.gating, strict=True):
            review = self.reviews.get(row["finding_id"])
            row["claim_ids"] = list(row["claim_ids"])
            records.append({**row, "gating": bool(gating), "review": review.to_dict() if review else None})
        return records

    def to_dict(self) -> dict:
        """The whole report as plain data: verdict, gate, stats, findings, stale reviews, unreadable files."""
        return {
            "passed": self.passed,
            "gate": {
                "fail_on": self.gate.fail_on,
                "baseline": self.gate.baseline_path,
                "baseline_findings": len(self.gate.baseline or ()),
            },
            "stats": self.stats,
            "findings": self.finding_records(),
            "stale_reviews": [{"finding_id": r.finding_id, **r.to_dict()} for r in self.stale_reviews],
            "unreadable": self.unreadable[["doc_id", "path", "error"]].to_dict("records"),
        }

    def to_json(self) -> str:
        """:meth:`to_dict` as JSON (UTF-8 text, Chinese kept readable)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)

    def to_findings_json(self) -> str:
        """``findings.json``: the JSON array of :meth:`finding_records` (a later run's ``--baseline``)."""
        return json.dumps(self.finding_records(), ensure_ascii=False, indent=1)

    def to_csv(self) -> str:
        """``facts.csv``: extraction columns plus metric_id, metric_score and group_id."""
        return self.facts[FACT_COLUMNS].to_csv(index=False)

    def to_summary(self) -> list[str]:
        """A few lines for the terminal: counts and the gate verdict."""
        s = self.stats
        severities = ", ".join(f"{n} {sev}" for sev, n in s["by_severity"].items() if n) or "none"
        lines = [
            f"{s['documents']} documents ({s['unreadable']} unreadable), {s['claims']} claims, "
            f"{s['numbers']} numbers not taken",
            f"{s['failing']} failing findings ({severities}), {s['corroborations']} corroborations",
        ]
        if s["stale_reviews"]:
            lines.append(f"{s['stale_reviews']} stale reviews (their findings no longer exist)")
        plural = "finding" if s["gating"] == 1 else "findings"
        verdict = "passed" if self.passed else f"FAILED by {s['gating']} unreviewed {plural}"
        lines.append(f"gate (--fail-on {self.gate.fail_on}): {verdict}")
        return lines

    def to_junit(self) -> str:
        """JUnit XML: one test case per finding; failing, unwaived findings are failures."""
        return render_junit(self)

    def to_html(self) -> str:
        """The self-contained ``audit.html``."""
        return render_audit(self.context())

    def context(self) -> AuditContext:
        """The typed template context of ``audit.html``."""
        facts = _readable_quotes(self.facts, self.documents)
        by_claim = {fact.claim_id: fact for fact in facts.itertuples()}
        failing = self.findings[self.findings["outcome"] == "fail"]
        conflict_claims = {c for ids in failing["claim_ids"] for c in ids}
        doc_ids = sorted(self.documents["doc_id"])
        doc_colours = {d: i % PALETTE_SIZE for i, d in enumerate(doc_ids)}
        views = [
            _finding_view(row, gating, self.reviews.get(row.finding_id), by_claim)
            for row, gating in zip(self.findings.itertuples(), self.gating, strict=True)
        ]
        s = self.stats
        claims_per_doc = Counter(facts["doc_id"])
        numbers_per_doc = Counter(self.numbers["doc_id"])
        return AuditContext(
            title="recon audit",
            version=__version__,
            summary=Summary(
                documents=s["documents"], unreadable=s["unreadable"], claims=s["claims"],
                numbers=s["numbers"], failing=s["failing"], corroborations=s["corroborations"],
                by_severity=list(s["by_severity"].items()),
                by_status=[(k, v) for k, v in s["by_status"].items() if v],
                gating=s["gating"], passed=self.passed, fail_on=self.gate.fail_on,
                baseline=self.gate.baseline_path, stale_reviews=s["stale_reviews"],
            ),
            failing=[v for v in views if v.outcome == "fail"],
            corroborations=[v for v in views if v.outcome == "pass"],
            charts=build_charts(facts, conflict_claims, doc_colours),
            facts=[_fact_row(row) for row in facts.sort_values(["doc_id", "line", "start"]).itertuples()],
            documents=[
                DocumentRow(
                    doc_id=d.doc_id, path=d.path, format=d.format, language=d.language, lines=d.lines,
                    claims=claims_per_doc[d.doc_id], numbers=numbers_per_doc[d.doc_id],
                    status=d.status, error=d.error,
                )
                for d in self.documents.sort_values("doc_id").itertuples()
            ],
            reasons=Counter(self.numbers["reason"]).most_common(),
            stale_reviews=[(r.finding_id, r.status, r.note) for r in self.stale_reviews],
            doc_options=doc_ids,
            metric_options=sorted((set(facts["metric_id"]) | set(self.findings["metric_id"])) - {""}),
            period_options=sorted(set(facts["period"]) - {""}),
        )


def _readable_quotes(facts: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Quotes from HTML sources with entities decoded (``Frost &amp; Sullivan`` reads as written).

    The quote is the original line, markup included; the template escapes the decoded text again.
    """
    in_html = facts["doc_id"].isin(documents.loc[documents["format"] == "html", "doc_id"])
    if not in_html.any():
        return facts
    facts = facts.copy()
    facts.loc[in_html, "quote"] = facts.loc[in_html, "quote"].map(unescape)
    return facts


def _ordered(findings: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """Failing before passing, most severe first, then the widest relative spread of values."""
    values = facts.set_index("claim_id")["base_value"].to_dict()
    spread = findings["claim_ids"].map(lambda ids: _spread([values.get(c) for c in ids]))
    keys = pd.DataFrame({
        "outcome": (findings["outcome"] == "pass").astype(int),
        "severity": -findings["severity"].map(SEVERITY_RANK).astype(float).fillna(0),
        "spread": -spread.astype(float),
        "claims": -findings["claim_ids"].map(len).astype(int),
        "finding_id": findings["finding_id"],
    }, index=findings.index)
    order = keys.sort_values(list(keys.columns), na_position="last").index
    return findings.loc[order].reset_index(drop=True)


def _spread(values: list) -> float:
    """(max − min) / max |value| of the finite values; NaN when fewer than two."""
    finite = [v for v in values if v is not None and math.isfinite(v)]
    if len(finite) < 2:
        return math.nan
    top = max(abs(v) for v in finite)
    return (max(finite) - min(finite)) / top if top else 0.0


def _finding_view(row, gating: bool, review: Review | None, by_claim: dict) -> FindingView:
    # plain rows, not DataFrame lookups: a large audit has tens of thousands of findings
    claims = sorted((by_claim[c] for c in row.claim_ids if c in by_claim),
                    key=lambda fact: (fact.doc_id, fact.line, fact.start))
    sentences: dict[tuple, list] = {}
    for fact in claims:
        sentences.setdefault((fact.doc_id, fact.line, fact.quote), []).append(fact)
    return FindingView(
        finding_id=row.finding_id, check=row.check, outcome=row.outcome, severity=row.severity,
        status=row.status, gating=bool(gating), metric_id=row.metric_id, geo=row.geo, period=row.period,
        observed=row.observed, expected=row.expected, arithmetic=row.arithmetic, message=row.message,
        review_note=review.note if review else "", review_by=review.by if review else "",
        review_at=review.at if review else "",
        doc_ids=" ".join(sorted({fact.doc_id for fact in claims})),
        quotes=[_quote(sentence) for sentence in sentences.values()],
    )


def _quote(sentence: list) -> Quote:
    """The claims of one finding that sit in one sentence, quoted once with every number marked."""
    first = sentence[0]
    return Quote(
        doc_id=first.doc_id, location=location(first.page, first.line),
        parts=highlight(first.quote, [fact.surface for fact in sentence]),
        claims=[
            ClaimNote(
                claim_id=fact.claim_id, value=format_quantity(fact.base_value, fact.base_unit),
                detail=" · ".join(x for x in (fact.period, fact.geo, fact.kind, fact.qualifier) if x),
            )
            for fact in sentence
        ],
    )


def _fact_row(row) -> FactRow:
    return FactRow(
        claim_id=row.claim_id, doc_id=row.doc_id, location=location(row.page, row.line), line=int(row.line),
        metric_id=row.metric_id, metric_text=row.metric_text, period=row.period, geo=row.geo,
        surface=row.surface, value=format_quantity(row.base_value, row.base_unit),
        sort_value=float(row.base_value), kind=row.kind, qualifier=row.qualifier, group_id=row.group_id,
        quote=highlight(row.quote, [row.surface]),
    )
