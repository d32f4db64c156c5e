"""The typed context of ``audit.html``: every variable the templates may use, documented here.

The report computes these values in Python; the templates only format them. A test compares the
variables the templates reference with the fields below, so neither can drift from the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def _help(text: str, **kwargs):
    return field(metadata={"help": text}, **kwargs)


@dataclass
class ClaimNote:
    """What the report made of one quoted number."""

    claim_id: str = _help("stable id of the claim")
    value: str = _help("the value in base units, formatted, e.g. '175.1 B CNY'")
    detail: str = _help("period, geography, kind and qualifier of the claim, formatted")


@dataclass
class Quote:
    """One source sentence quoted as evidence, cleaned, its numbers split out so they can be highlighted."""

    doc_id: str = _help("document the sentence is in")
    location: str = _help("where in the document, e.g. 'p. 3, line 12' or 'line 12'")
    parts: list[tuple[str, bool]] = _help(
        "(text, is a number of the finding) pieces of the cleaned sentence: pinyin and citation marks "
        "removed, simplified characters"
    )
    original: str = _help("the sentence as written, '' when cleaning changed nothing")
    cell: str = _help(
        "for a table cell, what its row and column say: 'row label · column header: value' for a grid "
        "cell, the metric phrase and period for a flattened row; ''"
    )
    cell_zh: str = _help("the same in Chinese (Chinese punctuation)")
    claims: list[ClaimNote] = _help("the finding's claims in this sentence")


@dataclass
class FindingView:
    """One finding as shown in a card: the check, its arithmetic, its quotes and its review."""

    finding_id: str = _help("stable id: hash of check and sorted claim ids (what reviews refer to)")
    check: str = _help("kebab-case check id, e.g. 'cross-source-agreement'")
    outcome: str = _help("fail or pass")
    severity: str = _help("error, warning or info")
    section: str = _help("conflicts or notes, as the suite declares")
    status: str = _help("open, accepted, waived or fixed (from the reviews file)")
    gating: bool = _help("whether this finding fails the gate of this run")
    metric_id: str = _help("glossary metric id")
    geo: str = _help("geography, '' when unstated")
    period: str = _help("period, '' when unstated")
    observed: str = _help("what the documents say")
    expected: str = _help("what the check expected")
    arithmetic: str = _help("the check's recomputation, '' when none")
    reading: str = _help("the comparison as a plain sentence in the figures' own unit, '' when none")
    reading_zh: str = _help("the same sentence in Chinese")
    message: str = _help("the check's message")
    message_zh: str = _help("the check's message from the suite's Chinese template")
    review_command: str = _help("the `recon review` line that records a decision on this finding")
    reviewed: bool = _help("whether the reviews file holds a decision on this finding")
    review_note: str = _help("the editor's note, '' when not reviewed")
    review_by: str = _help("who reviewed, ''")
    review_at: str = _help("when, ISO date-time, ''")
    doc_ids: str = _help("space-separated documents involved (for the document filter)")
    sources: int = _help("documents whose figures agree, on a corroboration card; 0 on other cards",
                         default=0)
    quotes: list[Quote] = _help("the claims involved, side by side", default_factory=list)
    origins_note: str = _help("'4 documents, 1 origin (IDC)' and whether that is a faithful quote; ''",
                              default="")
    origins_note_zh: str = _help("the same in Chinese", default="")
    grouping: str = _help("why the figures were compared (their match group's reason), '' when unknown",
                          default="")


@dataclass
class NoteGroup:
    """The notes on one document's text, shown folded under the document's name."""

    doc_id: str = _help("the document the notes are about")
    count: int = _help("notes on this document")
    by_severity: list[tuple[str, int]] = _help("notes per severity, most severe first, zero counts left out")
    notes: list[FindingView] = _help("the notes, most severe first")


@dataclass
class ChartPoint:
    """One fact drawn in a chart; coordinates are SVG user units computed by the report."""

    x: float = _help("horizontal position")
    y: float = _help("vertical position of the value")
    y_high: float | None = _help("vertical position of a range's high end, None for single values")
    colour: int = _help("palette index of the point's document")
    conflict: bool = _help("the fact is part of a failing finding (drawn with a red ring)")
    label: str = _help("tooltip: document, line, surface, period")


@dataclass
class Tick:
    """An axis tick at ``position`` with ``label``."""

    position: float = _help("SVG coordinate along the axis")
    label: str = _help("formatted tick value or period")


@dataclass
class Chart:
    """The values of one metric by source and period, as an inline SVG."""

    chart_id: str = _help("HTML id")
    metric_id: str = _help("glossary metric id")
    unit: str = _help("unit of the vertical axis, e.g. 'B CNY'")
    width: int = _help("SVG width")
    height: int = _help("SVG height")
    left: float = _help("plot area left edge")
    right: float = _help("plot area right edge")
    top: float = _help("plot area top edge")
    bottom: float = _help("plot area bottom edge")
    y_label_x: float = _help("where value labels end (left of the plot)")
    x_label_y: float = _help("baseline of period labels (below the plot)")
    x_ticks: list[Tick] = _help("one tick per period")
    y_ticks: list[Tick] = _help("value ticks")
    points: list[ChartPoint] = _help("one point per fact")
    legend: list[tuple[str, int]] = _help("(document, palette index) for the documents drawn")
    conflicts: int = _help("how many points are part of failing findings")


@dataclass
class FactRow:
    """One row of the facts explorer; the rows travel as JSON and the page renders one page at a time."""

    claim_id: str = _help("stable claim id")
    doc_id: str = _help("document")
    location: str = _help("page and line")
    line: int = _help("line number, for sorting")
    metric_id: str = _help("glossary metric id or 'unlisted:<phrase>'")
    metric_text: str = _help("the phrase in the document")
    period: str = _help("period")
    geo: str = _help("geography")
    surface: str = _help("the number as written")
    value: str = _help("base value, formatted")
    sort_value: float = _help("base value, for sorting")
    kind: str = _help("actual, forecast or estimate")
    qualifier: str = _help("exact, approx, lower_bound, upper_bound or range")
    group_id: str = _help("match group, '' when the fact stands alone")
    quote: list[tuple[str, bool]] = _help("(text, is this fact's number) pieces of the cleaned sentence")


@dataclass
class LineageQuote:
    """One document's figure in a lineage."""

    doc_id: str = _help("the document quoting the figure")
    surface: str = _help("the figure as written")
    period: str = _help("its period, '—' when unstated")
    kind: str = _help("actual, forecast or estimate")


@dataclass
class LineageOrigin:
    """One origin of a matched figure and the documents quoting it."""

    origin: str = _help("the origin (IDC), a publisher, or a document citing no one")
    quotes: list[LineageQuote] = _help("the documents' figures, by document")


@dataclass
class Lineage:
    """Who said a matched figure first: origin → documents quoting it."""

    group_id: str = _help("the match group")
    metric_id: str = _help("glossary metric id or 'unlisted:<phrase>'")
    geo: str = _help("geography, '' when unstated")
    summary: str = _help("'4 documents, 1 origin (IDC)' and whether that is a faithful quote")
    summary_zh: str = _help("the same in Chinese")
    origins: list[LineageOrigin] = _help("the origins, alphabetical")
    conflicts: list[tuple[str, str]] = _help("(English, Chinese) 'IDC says 91亿美元, CAICT says …' lines")


@dataclass
class DocumentRow:
    """One input file in the coverage section."""

    doc_id: str = _help("file name")
    path: str = _help("path as given")
    format: str = _help("txt, md, html, pdf or unknown")
    language: str = _help("zh, zh-Hant, en or ''")
    lines: int = _help("lines read")
    claims: int = _help("claims extracted")
    numbers: int = _help("numbers not taken as claims")
    status: str = _help("ok or error")
    error: str = _help("why it could not be read, ''")


@dataclass
class Summary:
    """The headline numbers and the gate verdict."""

    documents: int = _help("input files")
    unreadable: int = _help("files that could not be read")
    claims: int = _help("claims extracted")
    numbers: int = _help("numbers not taken as claims")
    conflicts: int = _help("failing findings about what the sources say")
    conflicts_by_severity: list[tuple[str, int]] = _help("conflicts per severity, most severe first")
    notes: int = _help("failing findings about reading the text")
    notes_by_severity: list[tuple[str, int]] = _help("notes per severity, most severe first")
    corroborations: int = _help("corroborated figures (one per figure, however many pairs agree)")
    by_status: list[tuple[str, int]] = _help("conflicts per review status, zero counts left out")
    gating: int = _help("findings that fail the gate")
    passed: bool = _help("the gate verdict")
    fail_on: str = _help("the --fail-on setting (conflicts)")
    fail_on_notes: str = _help("the --fail-on-notes setting")
    baseline: str = _help("the --baseline file, '' when none")
    stale_reviews: int = _help("decisions whose finding no longer exists")


@dataclass
class AuditContext:
    """Everything ``audit.html`` renders, computed by :class:`recon.report.AuditReport`."""

    title: str = _help("page title")
    version: str = _help("recon version")
    summary: Summary = _help("headline numbers and gate verdict")
    conflicts: list[FindingView] = _help("failing findings about what the sources say, most severe first")
    notes: list[NoteGroup] = _help("failing findings about reading the text, by document")
    corroborations: list[FindingView] = _help("passing findings, one card per corroborated figure")
    charts: list[Chart] = _help("one chart per metric with values from more than one fact")
    lineage: list[Lineage] = _help("origin → documents for each matched figure quoted by several documents")
    facts: int = _help("how many facts the explorer holds")
    facts_json: str = _help("the explorer's rows as JSON (safe in a script element), rendered by audit.js")
    facts_page: int = _help("rows per page of the explorer")
    documents: list[DocumentRow] = _help("every input file")
    reasons: list[tuple[str, int]] = _help("numbers not taken, counted per reason, most frequent first")
    stale_reviews: list[tuple[str, str, str]] = _help("(finding id, status, note) of stale decisions")
    doc_options: list[str] = _help("documents for the filters")
    metric_options: list[str] = _help("metric ids for the filters")
    period_options: list[str] = _help("periods for the facts filter")
    labels_json: str = _help("the labels audit.js needs (kind, qualifier, pager), both languages, as JSON")
