"""Table contracts between pipeline stages.

Every table that crosses a stage boundary is a pandas DataFrame validated against one of these
models (``Model.validate(df)``). A stage may add columns only where its model says so; the models
are the documentation of what each column means.

Positions: ``line`` is 1-based; ``start``/``end`` are 0-based character offsets into that line of
the *original* file (lines split on ``\\n``); for a PDF, into that page's extracted text. So
``original_line[start:end] == surface`` always holds.
"""

from __future__ import annotations

from enum import Enum

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series


class Unit(str, Enum):
    """Units a claim can be stated in. ``count:<noun>`` and ``other:<unit>`` are open families."""

    CNY = "CNY"
    USD = "USD"
    EUR = "EUR"
    TWD = "TWD"
    HKD = "HKD"
    JPY = "JPY"
    FLOPS = "FLOPS"
    PERCENT = "%"
    POINTS = "pp"
    MULTIPLE = "x"
    WATT = "W"
    DAYS = "days"
    YEARS = "years"


UNIT_VALUES = [u.value for u in Unit]
UNIT_FAMILIES = ("count:", "other:")

QUALIFIERS = ["exact", "approx", "lower_bound", "upper_bound", "range"]
KINDS = ["actual", "forecast", "estimate"]
CLAIM_TYPES = ["level", "growth", "cagr", "share", "rate", "count", "multiple", "price", "other"]
MEASURES = CLAIM_TYPES
"""What of its subject a fact states: its level, growth, CAGR, share, … (the claim types)."""
PERIOD_GRAINS = ["", "year", "span", "half", "quarter", "month", "day"]


class Severity(str, Enum):
    """How much a failing finding matters, most severe first: the gate and the report rank by it."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITIES = [s.value for s in Severity]
SEVERITY_RANK = {s.value: len(Severity) - i for i, s in enumerate(Severity)}
"""Higher is more severe; ``--fail-on X`` gates on findings ranked at or above X."""

ORIGIN_COLUMNS = ["origin", "origin_text", "origin_claim_span"]
"""Who a figure is attributed to, the words saying so and where they stand (``recon.extract.origins``)."""

OUTCOMES = ["fail", "pass"]
SECTIONS = ["conflicts", "notes"]
"""Where a finding belongs: what the sources say (a conflict to decide), or how recon read the text
(a note: a lost dash, a doubtful table cell). Suites declare it per expectation; gates differ."""
STATUSES = ["open", "accepted", "waived", "fixed"]


class NonClaimReason(str, Enum):
    """Why a number token in a document is not a claim. Every number gets a claim or one of these."""

    YEAR = "year"
    DATE = "date"
    CITATION = "citation"
    PRODUCT_NAME = "product-name"
    SECTION_NUMBER = "section-number"
    PAGE_NUMBER = "page-number"
    FIGURE_OR_TABLE_NUMBER = "figure-or-table-number"
    LIST_MARKER = "list-marker"
    ORDINAL = "ordinal"
    ENUMERATION = "enumeration"
    BOILERPLATE = "boilerplate"
    IDENTIFIER = "identifier"
    TRUNCATED = "truncated"
    PART_OF_CLAIM = "part-of-claim"
    NO_QUANTITY = "no-quantity"


def _is_unit(unit: str) -> bool:
    return unit in UNIT_VALUES or unit.startswith(UNIT_FAMILIES)


class Document(pa.DataFrameModel):
    """One row per input file, readable or not: an unreadable file is a result, not a crash.

    ``status`` is ``ok`` (read), ``error`` (could not be read: a corrupt or undecodable file, a
    directory that cannot be listed, a file named explicitly whose type recon does not read) or
    ``skipped`` (found in a directory but not read: ``unsupported type .pptx``, ``not listed in
    manifest.yaml``); ``error`` holds the reason for both. ``README*`` files, the manifest and
    hidden files are not inputs and get no row.
    """

    doc_id: Series[str] = pa.Field(unique=True, description="file name, unique within a run")
    path: Series[str]
    format: Series[str] = pa.Field(
        isin=["txt", "md", "html", "pdf", "docx", "xlsx", "directory", "unknown"],
        description="how the file was read; 'directory' for a folder that could not be listed",
    )
    encoding: Series[str] = pa.Field(description="detected encoding; '' for PDF or unread files")
    pages: Series[int] = pa.Field(ge=0, description="PDF pages or Excel worksheets; 0 for other formats")
    lines: Series[int] = pa.Field(ge=0)
    chars: Series[int] = pa.Field(ge=0)
    title: Series[str]
    publisher: Series[str]
    date: Series[str] = pa.Field(description="report date (YYYY or YYYY-MM) from manifest or text; ''")
    language: Series[str] = pa.Field(description="zh, zh-Hant, en or ''")
    status: Series[str] = pa.Field(isin=["ok", "error", "skipped"])
    error: Series[str] = pa.Field(description="why the file could not be read or was skipped; '' when ok")

    class Config:
        strict = True
        coerce = True


class Segment(pa.DataFrameModel):
    """One row per line (or table cell) of a readable document, with its cleaned form.

    ``clean`` is what the extractor reads: simplified Chinese, half-width digits and punctuation,
    pinyin annotations, citation markers and markup removed. ``offsets[i]`` is the index in
    ``text`` of ``clean[i]`` (length ``len(clean) + 1``), or None when ``clean == text``.
    """

    doc_id: Series[str]
    page: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, description="1-based PDF page or Excel worksheet; NA otherwise"
    )
    line: Series[int] = pa.Field(ge=1)
    col_offset: Series[int] = pa.Field(
        ge=0, description="where ``text`` starts in the original line (non-zero for HTML cells)"
    )
    text: Series[str] = pa.Field(description="the original text of this line or cell, as written")
    clean: Series[str]
    offsets: Series[object] = pa.Field(nullable=True)
    block: Series[str] = pa.Field(
        isin=["text", "heading", "table", "caption", "boilerplate"],
        description="what the segment is part of; boilerplate numbers are listed, not claimed",
    )
    table_id: Series[str] = pa.Field(description="'' outside tables; cells of one table share it")
    row: Series[int] = pa.Field(ge=-1, description="table row index, -1 outside tables")
    col: Series[int] = pa.Field(ge=-1, description="table column index, -1 outside tables")
    unit_hint: Series[str] = pa.Field(
        description="unit stated by a caption or header for bare numbers here (e.g. '亿美元'); ''"
    )
    row_label: Series[str] = pa.Field(
        description="a grid cell's row label: the row's first cell holding a name or a period, not a "
        "value ('华东', '2023'); '' outside grids, for header cells and for the label cell itself"
    )
    col_label: Series[str] = pa.Field(
        description="a grid cell's column header, its header rows joined top first ('2023 收入(亿元)'); "
        "'' outside grids and for header cells"
    )

    class Config:
        strict = True
        coerce = True


class NumberToken(pa.DataFrameModel):
    """Every number token that is not a claim, with the reason: nothing is dropped silently."""

    doc_id: Series[str]
    page: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    line: Series[int] = pa.Field(ge=1)
    start: Series[int] = pa.Field(ge=0)
    end: Series[int] = pa.Field(ge=0)
    surface: Series[str]
    reason: Series[str] = pa.Field(isin=[r.value for r in NonClaimReason])
    detail: Series[str] = pa.Field(description="short evidence for the reason, e.g. the product name")

    class Config:
        strict = True
        coerce = True


class Claim(pa.DataFrameModel):
    """A quantitative statement found in a document, parsed but not yet compared."""

    claim_id: Series[str] = pa.Field(unique=True, str_length={"min_value": 12, "max_value": 12})
    doc_id: Series[str]
    page: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    line: Series[int] = pa.Field(ge=1)
    start: Series[int] = pa.Field(ge=0)
    end: Series[int] = pa.Field(ge=0)
    surface: Series[str] = pa.Field(str_length={"min_value": 1})
    quote: Series[str] = pa.Field(description="the sentence the claim sits in (original text)")
    value: Series[float] = pa.Field(description="multiplier applied, in ``unit`` (1751亿元 → 1.751e11)")
    value_high: Series[float] = pa.Field(nullable=True, description="high end of a range")
    value_step: Series[float] = pa.Field(
        ge=0, description="place value of the last stated digit, in ``unit`` (414.1 EFLOPS → 1e17)"
    )
    unit: Series[str]
    qualifier: Series[str] = pa.Field(isin=QUALIFIERS)
    kind: Series[str] = pa.Field(isin=KINDS)
    type: Series[str] = pa.Field(isin=CLAIM_TYPES)
    period_start: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="first year")
    period_end: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="last year")
    period_grain: Series[str] = pa.Field(isin=PERIOD_GRAINS)
    period: Series[str] = pa.Field(description="'2023', '2022-2027', '2023H1', '2025Q1', '2023-12', ''")
    geo: Series[str] = pa.Field(description="China, Global, US, Shenzhen, … or '' when unstated")
    metric_text: Series[str] = pa.Field(description="the phrase the number measures, simplified")
    restates: Series[str] = pa.Field(
        default="", description="the claim_id of the figure this one restates in another unit or currency "
        "(12亿美元（约合86亿元人民币）); '' otherwise"
    )
    flags: Series[str] = pa.Field(description="';'-joined: suspect-range, table-cell, derived-unit, …")
    origin: Series[str] = pa.Field(description="who the text attributes the figure to (IDC, CAICT, …); ''")
    origin_text: Series[str] = pa.Field(description="the words that attribute it (据IDC预测)")
    origin_claim_span: Series[str] = pa.Field(
        description="where those words stand: 'line:start-end' ('page:line:start-end' in a PDF)"
    )

    @pa.dataframe_parser
    def origins_blank_until_read(cls, df: pd.DataFrame) -> pd.DataFrame:
        """Origins are read after extraction (``recon.extract.origins``): a table made before, or by
        hand, has them blank."""
        return df.assign(**{c: df[c].astype(object).where(df[c].notna(), "") if c in df else ""
                            for c in ORIGIN_COLUMNS})

    @pa.check("unit", name="known_unit")
    def known_unit(cls, unit: Series[str]) -> Series[bool]:
        """A unit is one of the fixed units or a ``count:``/``other:`` family member."""
        return unit.isin(UNIT_VALUES) | unit.str.startswith(UNIT_FAMILIES)  # not a map: 150k claims

    @pa.dataframe_check(name="span_is_surface_length")
    def span_is_surface_length(cls, df: pd.DataFrame) -> Series[bool]:
        """``end - start`` is the length of ``surface``: offsets point into the original line."""
        return (df["end"] - df["start"]) == df["surface"].str.len()

    class Config:
        strict = False
        coerce = True
        add_missing_columns = True  # a table from before ``restates`` existed gets it empty


class Fact(Claim):
    """A claim made comparable: base units, a dimension and a canonical metric."""

    base_value: Series[float]
    base_unit: Series[str]
    dimension: Series[str] = pa.Field(
        description="currency, compute, percent, points, multiple, power, duration, count, other"
    )
    metric_id: Series[str] = pa.Field(description="glossary id of the metric measured, '' when none fits")
    metric_score: Series[float] = pa.Field(ge=0, le=100)
    subject: Series[str] = pa.Field(description="the thing measured: the cleaned phrase, measure word cut")
    measure: Series[str] = pa.Field(isin=MEASURES, description="what of the subject the figure states")
    scope: Series[str] = pa.Field(description="';'-joined definition words (core, intelligent, …); ''")
    row_label: Series[str] | None = pa.Field(
        description="for a figure read from a grid cell, its row's label ('华东', '2023'); '' else. Set "
        "on the claims just after extraction (recon.extract.cells.label_table_cells); facts built from "
        "unlabelled claims lack both columns"
    )
    col_label: Series[str] | None = pa.Field(
        description="for a figure read from a grid cell, its column's header ('2023年', '收入 国内'); '' else"
    )


class MatchedFact(Fact):
    """A fact with the group it was matched into ('' when it stands alone)."""

    group_id: Series[str]


class Group(pa.DataFrameModel):
    """Facts that speak of the same metric, geography and period."""

    group_id: Series[str] = pa.Field(unique=True)
    metric_id: Series[str] = pa.Field(description="the members' glossary metric, '' when they have none")
    subject: Series[str] = pa.Field(description="the members' most common subject")
    measure: Series[str] = pa.Field(isin=MEASURES)
    scope: Series[str]
    dimension: Series[str]
    geo: Series[str]
    period: Series[str]
    claim_ids: Series[object] = pa.Field(description="sorted list of member claim ids")
    doc_ids: Series[object] = pa.Field(description="sorted list of member documents")
    score: Series[float] = pa.Field(ge=0, le=100, description="lowest pairwise metric similarity")
    reason: Series[str] = pa.Field(description="why the members were joined, for the editor")

    class Config:
        strict = True
        coerce = True


class Finding(pa.DataFrameModel):
    """The outcome of one check on one set of claims: a conflict, or a corroboration."""

    finding_id: Series[str] = pa.Field(unique=True, description="hash of check + sorted claim ids")
    check: Series[str] = pa.Field(str_matches=r"^[a-z]+(-[a-z]+)*$")
    outcome: Series[str] = pa.Field(isin=OUTCOMES)
    severity: Series[str] = pa.Field(isin=SEVERITIES)
    metric_id: Series[str]
    geo: Series[str]
    period: Series[str]
    claim_ids: Series[object] = pa.Field(description="sorted list of claim ids involved")
    observed: Series[str] = pa.Field(description="what the documents say, e.g. '38%; 40%; 52%'")
    expected: Series[str] = pa.Field(description="what the check expected, e.g. '33.9% ± 0.1'")
    arithmetic: Series[str] = pa.Field(description="the recomputation, e.g. '(1117.4/259.9)^(1/5)-1'")
    grouping: Series[str] = pa.Field(description="why the figures were compared: their match group's reason")
    message: Series[str]
    message_zh: Series[str] = pa.Field(description="the message from the suite's Chinese template")
    section: Series[str] = pa.Field(isin=SECTIONS, description="conflicts or notes, as the suite declares")
    status: Series[str] = pa.Field(isin=STATUSES)
    origins: Series[object] = pa.Field(
        description="sorted distinct origins behind the figures: IDC, a publisher, a document citing no one"
    )
    independent_origins: Series[int] = pa.Field(ge=0, description="how many: 4 documents quoting IDC are 1")

    @pa.dataframe_parser
    def origins_unknown_until_counted(cls, df: pd.DataFrame) -> pd.DataFrame:
        """Origins are counted once the findings are made (``recon.checks.origins.finding_origins``)."""
        origins = df["origins"] if "origins" in df else [None] * len(df)
        counted = df["independent_origins"] if "independent_origins" in df else pd.Series(0, index=df.index)
        grouping = df["grouping"].fillna("") if "grouping" in df else ""
        return df.assign(origins=[o if isinstance(o, list) else [] for o in origins],
                         independent_origins=counted.fillna(0).astype(int), grouping=grouping)

    class Config:
        strict = False
        coerce = True


def empty(model: type[pa.DataFrameModel]) -> pd.DataFrame:
    """An empty, valid table of ``model`` (stages return it rather than None)."""
    columns = list(model.to_schema().columns)
    return model.validate(pd.DataFrame({c: pd.Series([], dtype=object) for c in columns}))
