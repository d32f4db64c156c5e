"""The audit report: findings with their reviews and gate verdict, and its renderers."""

from __future__ import annotations

import json
import math
from collections import Counter
from html import unescape

import pandas as pd

from recon import __version__
from recon.checks.origins import standing_origins
from recon.extract.origins import Organisations
from recon.gate import Gate
from recon.ingest import unreadable_documents
from recon.report.chart import PALETTE_SIZE, build_charts
from recon.report.context import (
    AuditContext,
    ClaimNote,
    DocumentRow,
    FactRow,
    FindingView,
    NoteGroup,
    Quote,
    Summary,
)
from recon.report.html import labels_json, phrase, render_audit, script_json
from recon.report.junit import render_junit
from recon.report.lineage import build_lineage, origin_summary
from recon.report.text import compared, format_quantity, location, readable
from recon.review import Review, apply_reviews
from recon.schemas import (
    SECTIONS,
    SEVERITY_RANK,
    STATUSES,
    Document,
    Fact,
    Finding,
    MatchedFact,
    NumberToken,
)

FACT_COLUMNS = list(MatchedFact.to_schema().columns)
CELL_LABELS = ["row_label", "col_label"]
FINDING_KEYS = [
    "finding_id", "check", "outcome", "severity", "section", "metric_id", "geo", "period", "claim_ids",
    "observed", "expected", "arithmetic", "grouping", "message", "message_zh", "status", "origins",
    "independent_origins",
]
CORROBORATION_KEY = ["check", "metric_id", "geo", "period"]
"""Passing findings shown as one card: many documents quoting one figure are one corroboration."""
FACTS_PAGE = 100
"""Rows per page of the facts explorer: the page stays quick with thousands of facts."""
COMPARED_CHECKS = ("cross-source-agreement", "intra-document-conflict")
"""Checks whose failing findings compare two stated figures, worded as a plain sentence."""


class AuditReport:
    """Everything one ``recon audit`` run found, ready to render.

    :param documents: the ``Document`` table (unreadable files included).
    :param facts: ``MatchedFact`` rows (a ``Fact`` table without ``group_id`` is accepted, and one
        without ``row_label``/``col_label``).
    :param numbers: the ``NumberToken`` table: numbers not taken as claims, with reasons.
    :param findings: the ``Finding`` table from the checks.
    :param reviews: editor decisions by finding id (:func:`recon.review.load_reviews`).
    :param gate: the gate settings.
    :param organisations: the lexicon that makes publishers' names canonical where they stand for a
        figure cited to no one (lineage, corroborations); without it a publisher reads as written.
    """

    def __init__(
        self,
        documents: pd.DataFrame,
        facts: pd.DataFrame,
        numbers: pd.DataFrame,
        findings: pd.DataFrame,
        reviews: dict[str, Review] | None = None,
        gate: Gate | None = None,
        organisations: Organisations | None = None,
    ):
        self.documents = Document.validate(documents)
        if "group_id" not in facts.columns:
            facts = Fact.validate(facts).assign(group_id="")
        # facts normalised from claims never labelled (label_table_cells) name no row or column
        facts = facts.assign(**{label: "" for label in CELL_LABELS if label not in facts.columns})
        self.facts = MatchedFact.validate(facts)
        self.numbers = NumberToken.validate(numbers)
        self.reviews = dict(reviews or {})
        self.gate = gate or Gate()
        self.organisations = organisations or Organisations({})
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
        """Counts for the summary: documents, claims, numbers, findings by outcome, section, severity,
        status; ``corroborated`` counts figures (one per check, metric, geo and period), not pairs."""
        failing = self.findings[self.findings["outcome"] == "fail"]
        passing = self.findings[self.findings["outcome"] == "pass"]
        by_section = {
            section: {s: int(((failing["section"] == section) & (failing["severity"] == s)).sum())
                      for s in SEVERITY_RANK}
            for section in SECTIONS
        }
        return {
            "documents": len(self.documents),
            "unreadable": len(self.unreadable),
            "claims": len(self.facts),
            "numbers": len(self.numbers),
            "findings": len(self.findings),
            "failing": len(failing),
            "conflicts": int((failing["section"] == "conflicts").sum()),
            "notes": int((failing["section"] == "notes").sum()),
            "corroborations": len(passing),
            "corroborated": int(passing.groupby(CORROBORATION_KEY).ngroups) if len(passing) else 0,
            "by_severity": {s: int((failing["severity"] == s).sum()) for s in SEVERITY_RANK},
            "by_section": by_section,
            "by_status": {s: int((failing["status"] == s).sum()) for s in STATUSES},
            "conflicts_by_status": {
                s: int((failing["status"] == s)[failing["section"] == "conflicts"].sum()) for s in STATUSES
            },
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
                "fail_on_notes": self.gate.fail_on_notes,
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
        """A few lines for the terminal: counts per section and the gate verdict."""
        s = self.stats

        def severities(section: str) -> str:
            return ", ".join(f"{n} {sev}" for sev, n in s["by_section"][section].items() if n) or "none"

        lines = [
            f"{s['documents']} documents ({s['unreadable']} unreadable), {s['claims']} claims, "
            f"{s['numbers']} numbers not taken",
            f"{s['conflicts']} conflicts to decide ({severities('conflicts')}), "
            f"{s['notes']} notes on the text ({severities('notes')}), "
            f"{s['corroborated']} corroborated figures",
        ]
        if s["stale_reviews"]:
            lines.append(f"{s['stale_reviews']} stale reviews (their findings no longer exist)")
        plural = "finding" if s["gating"] == 1 else "findings"
        verdict = "passed" if self.passed else f"FAILED by {s['gating']} unreviewed {plural}"
        lines.append(f"gate ({self.gate.describe()}): {verdict}")
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
        facts = facts.assign(standing=standing_origins(facts, self.documents, self.organisations))
        # plain rows, not DataFrame lookups: a large audit has thousands of findings to quote
        by_claim = {fact.claim_id: fact for fact in facts.itertuples(index=False, name="Fact")}
        failing = self.findings[self.findings["outcome"] == "fail"]
        conflicts = failing.loc[failing["section"] == "conflicts", "claim_ids"]
        conflict_claims = {c for ids in conflicts for c in ids}
        doc_ids = sorted(self.documents["doc_id"])
        doc_colours = {d: i % PALETTE_SIZE for i, d in enumerate(doc_ids)}
        gating = pd.Series(self.gating.to_numpy(), index=self.findings["finding_id"])
        views = [
            _finding_view(row, bool(gating[row.finding_id]), self.reviews.get(row.finding_id), by_claim)
            for row in failing.itertuples()
        ]
        s = self.stats
        claims_per_doc = Counter(facts["doc_id"])
        numbers_per_doc = Counter(self.numbers["doc_id"])
        severity_counts = s["by_section"]
        in_order = facts.sort_values(["doc_id", "line", "start"])
        return AuditContext(
            title="recon audit",
            version=__version__,
            summary=Summary(
                documents=s["documents"], unreadable=s["unreadable"], claims=s["claims"],
                numbers=s["numbers"], conflicts=s["conflicts"],
                conflicts_by_severity=list(severity_counts["conflicts"].items()),
                notes=s["notes"],
                notes_by_severity=[(k, v) for k, v in severity_counts["notes"].items() if v],
                corroborations=s["corroborated"],
                by_status=[(k, v) for k, v in s["conflicts_by_status"].items() if v],
                gating=s["gating"], passed=self.passed, fail_on=self.gate.fail_on,
                fail_on_notes=self.gate.fail_on_notes,
                baseline=self.gate.baseline_path, stale_reviews=s["stale_reviews"],
            ),
            conflicts=[v for v in views if v.section == "conflicts"],
            notes=_note_groups([v for v in views if v.section == "notes"]),
            corroborations=_corroborations(self.findings[self.findings["outcome"] == "pass"], by_claim),
            charts=build_charts(facts, conflict_claims, doc_colours),
            lineage=build_lineage(facts, facts["standing"], self.findings),
            facts=len(facts),
            facts_json=script_json(_fact_rows(in_order)),
            facts_page=FACTS_PAGE,
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
            labels_json=labels_json(),
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
    claims = [by_claim[c] for c in row.claim_ids if c in by_claim]
    reading = _reading(row.check, claims) if row.outcome == "fail" else ("", "")
    return FindingView(
        finding_id=row.finding_id, check=row.check, outcome=row.outcome, severity=row.severity,
        section=row.section, status=row.status, gating=gating, metric_id=row.metric_id, geo=row.geo,
        period=row.period, observed=row.observed, expected=row.expected, arithmetic=row.arithmetic,
        reading=reading[0], reading_zh=reading[1], message=row.message, message_zh=row.message_zh,
        review_command=f'recon review {row.finding_id} --status accepted --note "…"',
        reviewed=review is not None,
        review_note=review.note if review else "", review_by=review.by if review else "",
        review_at=review.at if review else "",
        doc_ids=" ".join(sorted({fact.doc_id for fact in claims})), quotes=_quotes(claims),
        grouping=getattr(row, "grouping", ""),
    )


def _quotes(claims: list) -> list[Quote]:
    """The claims grouped by the sentence they sit in, in reading order."""
    sentences: dict[tuple, list] = {}
    for fact in sorted(claims, key=lambda fact: (fact.doc_id, fact.line, fact.start)):
        sentences.setdefault((fact.doc_id, fact.line, fact.quote), []).append(fact)
    return [_quote(sentence) for sentence in sentences.values()]


def _reading(check: str, claims: list) -> tuple[str, str]:
    """The highest and the lowest figure of a disagreement compared in a plain sentence, both languages."""
    if check not in COMPARED_CHECKS:
        return "", ""
    usable = [fact for fact in claims if math.isfinite(fact.base_value)]
    if len({fact.base_unit for fact in usable}) != 1 or len(usable) < 2:
        return "", ""
    ranked = sorted(usable, key=lambda fact: fact.base_value)
    fields = compared(ranked[-1], ranked[0])
    if fields is None:
        return "", ""
    return phrase(f"reading.{fields.pop('unit')}", **fields)


def _corroborations(passing: pd.DataFrame, by_claim: dict) -> list[FindingView]:
    """One card per corroborated figure: the pairs of one check about one metric, geo and period
    become one card citing every claim (seven documents quoting one figure are one card, not 21)."""
    cards = []
    for _, rows in passing.groupby(CORROBORATION_KEY, sort=False):
        first = rows.iloc[0]
        ids = sorted({c for claim_ids in rows["claim_ids"] for c in claim_ids})
        claims = [by_claim[c] for c in ids if c in by_claim]
        message, message_zh = first["message"], first["message_zh"]
        if len(rows) > 1:
            in_order = sorted(claims, key=lambda fact: (fact.doc_id, fact.line))
            values = "; ".join(dict.fromkeys(fact.surface for fact in in_order))
            where = ", ".join(x for x in (first["geo"], first["period"]) if x)
            message, message_zh = phrase("corroborated", docs=str(len({fact.doc_id for fact in claims})),
                                         metric=first["metric_id"], where=where, values=values)
        origins_note = origin_summary(len({f.doc_id for f in claims}), sorted({f.standing for f in claims}))
        cards.append(FindingView(
            finding_id=first["finding_id"], check=first["check"], outcome="pass", severity=first["severity"],
            section=first["section"], status=first["status"], gating=False, metric_id=first["metric_id"],
            geo=first["geo"], period=first["period"], observed=first["observed"], expected=first["expected"],
            arithmetic=first["arithmetic"], reading="", reading_zh="", message=message, message_zh=message_zh,
            review_command="", reviewed=False, review_note="", review_by="", review_at="",
            doc_ids=" ".join(sorted({fact.doc_id for fact in claims})),
            sources=len({fact.doc_id for fact in claims}),
            quotes=_quotes(claims), origins_note=origins_note[0], origins_note_zh=origins_note[1],
            grouping=first.get("grouping", ""),
        ))
    return cards


def _note_groups(notes: list[FindingView]) -> list[NoteGroup]:
    """Notes by the document they are about (the first of their claims), documents with most first."""
    by_doc: dict[str, list[FindingView]] = {}
    for note in notes:
        by_doc.setdefault(note.doc_ids.split(" ")[0] if note.doc_ids else "", []).append(note)
    groups = []
    for doc_id, items in sorted(by_doc.items(), key=lambda item: (-len(item[1]), item[0])):
        counts = Counter(n.severity for n in items)
        groups.append(NoteGroup(
            doc_id=doc_id, count=len(items),
            by_severity=[(s, counts[s]) for s in SEVERITY_RANK if counts[s]], notes=items,
        ))
    return groups


def _quote(sentence: list) -> Quote:
    """The claims of one finding that sit in one sentence, quoted once (cleaned) with every number marked."""
    first = sentence[0]
    parts, original = readable(first.quote, [fact.surface for fact in sentence])
    cell, cell_zh = _cell(first)
    return Quote(
        doc_id=first.doc_id, location=location(first.page, first.line),
        parts=parts, original=original, cell=cell, cell_zh=cell_zh,
        claims=[
            ClaimNote(
                claim_id=fact.claim_id, value=format_quantity(fact.base_value, fact.base_unit),
                detail=" · ".join(x for x in (fact.period, fact.geo, fact.kind, fact.qualifier) if x),
            )
            for fact in sentence
        ],
    )


def _cell(fact) -> tuple[str, str]:
    """For a table cell, (English, Chinese) of what its row and column say: ``华东 · 2023年: 188万㎡``
    for a grid cell (its row label and column header), else for a flattened table row the metric
    phrase the extractor joined and the period; ('', '') outside tables."""
    names = [name for name in (fact.row_label, fact.col_label) if name]
    if names:
        return phrase("cell.labels", labels=" · ".join(names), value=fact.surface)
    if "table-cell" not in str(fact.flags).split(";"):
        return "", ""
    return phrase("cell", what=fact.metric_text or fact.metric_id, period=fact.period or "—")


FACT_FIELDS = ["claim_id", "doc_id", "location", "line", "metric_id", "metric_text", "period", "geo",
               "surface", "value", "sort_value", "kind", "qualifier", "group_id", "quote"]


def _fact_rows(facts: pd.DataFrame) -> dict:
    """The explorer's rows as columns and arrays (compact: the names are written once)."""
    rows = [_fact_row(row) for row in facts.itertuples()]
    return {
        "fields": FACT_FIELDS,
        "rows": [
            [getattr(r, f) if f != "sort_value" or math.isfinite(r.sort_value) else None for f in FACT_FIELDS]
            for r in rows
        ],
    }


def _fact_row(row) -> FactRow:
    parts, _ = readable(row.quote, [row.surface])
    return FactRow(
        claim_id=row.claim_id, doc_id=row.doc_id, location=location(row.page, row.line), line=int(row.line),
        metric_id=row.metric_id, metric_text=row.metric_text, period=row.period, geo=row.geo,
        surface=row.surface, value=format_quantity(row.base_value, row.base_unit),
        sort_value=float(row.base_value), kind=row.kind, qualifier=row.qualifier, group_id=row.group_id,
        quote=parts,
    )
