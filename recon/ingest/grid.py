"""Table grids: which rows are headers, which columns hold periods, each cell's unit and labels.

Every reader that knows a table's grid (HTML, Word, Excel, Markdown pipe tables) gives its cells
``table_id``, ``row`` and ``col``, and each cell the unit its reader found for the whole table
(a caption, the line before it). :func:`with_cell_grid` then settles, in one pass, each cell's
``row_label`` and ``col_label`` (what the report shows beside a cell's figure: ``2023年 · 收入(亿元)``)
and its ``unit_hint``.

Labels: a body cell's ``row_label`` is its row's label cell, the first cell of the row holding a
name or a period rather than a value (``华东``, ``2023``; the label cell itself has none); its
``col_label`` is the name its column's header rows give it, top row first (``2023 收入(亿元)``).
Both are the cleaned cell text with its whitespace collapsed; header cells have none.

Units, from what the table says about the cell, most specific first:

- a header row is one of the leading rows holding no value (its cells after the first are names,
  years or empty); several header rows name a column together (``2023`` over ``收入(亿元)``), and a
  header cell names the columns up to the next header cell of its row (``colspan``, merged cells).
  Header cells are names: no unit;
- a period column (headed 年份, 年度, 时间, Year, Period, …, or every body cell a period such as
  ``2023``, ``2027E``, ``2025F``, ``FY2024``) holds periods, not values: no unit;
- a column whose header ends in a unit in parentheses (``融资金额(亿元)``, ``Revenue (US$ bn)``) or
  states one (``单位:亿元``) gives its cells that unit;
- else a row whose label (its first cell) ends in one (``算力规模(EFLOPS)``) gives its cells that unit;
- else a cell keeps the unit its reader found for the whole table.

The extractor reads a cell's period and metric phrase from the same grid
(:func:`recon.extract.tables.grid_period`), with the header and period rules defined here.
"""

from __future__ import annotations

import re
from collections import defaultdict

UNIT_RE = re.compile(r"[(（]\s*单位\s*[:：]\s*([^()（）]+?)\s*[)）]|单位\s*[:：]\s*(.+?)\s*$"
                     r"|\bunits?\s*[:：]\s*(.+?)\s*[)）]?\s*$", re.IGNORECASE)
"""A unit stated in words: ``(单位:亿元)``, ``单位：%``, ``Unit: US$ billion``."""
STATED_LENGTH = 160
"""A line longer than this is prose: a unit it states is not a caption's."""
PERIOD_CELL_RE = re.compile(
    r"(?:FY\s?)?(?P<year>(?:19|20)\d\d)\s?(?:年度?)?\s?(?P<mark>[EFAP]|[HQ][1-4]|[上下]半年)?", re.IGNORECASE
)
"""A cell naming a period: ``2023``, ``2023年``, ``2027E`` (estimate), ``2025F`` (forecast), ``2024A``
(actual), ``FY2024``, ``2024H1``, ``2024Q3``."""
FORECAST_MARKS = {"E", "F", "P"}
"""Marks after a year that make it a forecast or estimate column (2027E, 2025F, 2026P)."""
PERIOD_HEADER_RE = re.compile(
    r"(?:年份|年度|年|时间|日期|期间|季度|月份|years?|periods?|dates?|fiscal\s?years?|quarters?|FY)"
    r"\s*(?:[(（][^()（）]*[)）])?", re.IGNORECASE
)
"""A header that names a column of periods: 年份, 年度, Year, Period (a note in parentheses may follow)."""
VALUE_RE = re.compile(r"[<>≈~约+\-−]?\s?(?:US\$|[$¥€])?\s?\d[\d,.]*\s?(?:%|[^\d\s]{0,6})")
"""A cell holding a value: a number, with a unit or sign around it (``150``, ``12.5%``, ``1,751亿元``)."""
LABEL_RE = re.compile(r"\w")
"""A label cell holds a letter or a digit (not only a dash or a mark)."""
COLUMN_UNIT_RE = re.compile(r"[(（]\s*(?:单位\s*[:：]\s*|units?\s*[:：]\s*)?([^()（）]{1,20}?)\s*[)）]\s*$",
                            re.IGNORECASE)
UNIT_WORD_RE = re.compile(r"元|%|亿|万|千|百|个|家|台|件|人|次|起|户|套|倍|FLOPS|TOPS|billion|million|"
                          r"thousand|\bbn\b|\bmn\b|US\$|RMB|USD|CNY|EUR|percent|[KMGTPE]B\b|[kM]W\b",
                          re.IGNORECASE)
TRAILING_UNIT_RE = re.compile(
    r"(?:^|(?<![\d\s])[\s,，:：、])((?:万亿|千亿|百亿|十亿|亿|千万|百万|万)?(?:元人民币|人民币|美元|元|欧元|日元|港元)"
    r"|(?:US\$|USD|RMB|CNY|EUR)\s?(?:bn|billion|mn|million|tn|trillion)?)\s*$"
)
"""A caption ending in a bare money unit: ``中国人工智能市场规模，亿美元``, ``Revenue, US$ bn`` (not a
sentence ending in an amount, ``达到 100 亿美元``)."""


def unit_hint(clean: str) -> str:
    """The unit a caption or header states in words for the bare numbers below it, or ''.

    :param clean: the cleaned caption or header text.
    """
    match = UNIT_RE.search(clean)
    if not match or len(clean) > STATED_LENGTH:
        return ""
    return next(group for group in match.groups() if group is not None).strip()


def column_unit(header: str) -> str:
    """The unit a header states in closing parentheses (``融资金额(亿元)``, ``Revenue (US$ bn)``), or ''.

    :param header: the cleaned text of a header cell or a label.
    """
    match = COLUMN_UNIT_RE.search(header)
    return match.group(1).strip() if match and UNIT_WORD_RE.search(match.group(1)) else ""


def stated_unit(text: str) -> str:
    """The unit a caption or header states for the bare numbers of its table, or ''.

    ``单位:亿元``, ``(单位：%)``, a unit in closing parentheses (``市场规模(亿美元)``) or a bare money
    unit closing the text (``市场规模，亿美元``).

    :param text: cleaned caption or header text.
    """
    trailing = TRAILING_UNIT_RE.search(text) if len(text) <= STATED_LENGTH else None
    return unit_hint(text) or column_unit(text) or (trailing.group(1) if trailing else "")


def period_cell(text: str) -> re.Match | None:
    """The match when the whole cell names a period (``2023``, ``2027E``), else None."""
    return PERIOD_CELL_RE.fullmatch(text.strip())


def is_value(text: str) -> bool:
    """Whether a cell holds a value rather than a name, a period or nothing."""
    stripped = text.strip()
    return bool(stripped) and period_cell(stripped) is None and VALUE_RE.fullmatch(stripped) is not None


Rows = dict[int, dict[int, str]]
"""A table grid: row index → column index → the cell's cleaned text (cells absent when empty)."""


def header_rows(rows: Rows) -> list[int]:
    """The leading rows holding no value after their first cell: the table's header, at least row 0.

    :param rows: the table's grid (at least its leading rows).
    """
    order = sorted(rows)
    headers = []
    for row in order:
        if any(is_value(text) for col, text in rows[row].items() if col > 0):
            break
        headers.append(row)
    return headers if len(headers) < len(order) else order[:1]


def column_header(rows: Rows, headers: list[int], col: int, sep: str = "") -> str:
    """The name the header rows give column ``col``, top row first, joined by ``sep``.

    A header cell names the columns up to the next header cell of its row: a ``colspan`` or a
    merged cell is written once, at its first column.
    """
    names = []
    for row in headers:
        cells = rows.get(row, {})
        start = max((c for c in cells if c <= col), default=-1)
        # the first column's header (地区, 年份) names that column only, never the empty ones after it
        if start == col or start > 0:
            name = cells[start].strip()
            if name and name not in names:
                names.append(name)
    return sep.join(names)


def names_periods(header: str) -> bool:
    """Whether a column header says its cells are periods (年份, 年度, Year, Period)."""
    return PERIOD_HEADER_RE.fullmatch(header.strip()) is not None


def period_columns(rows: Rows, headers: list[int]) -> set[int]:
    """Columns of periods: headed 年份 / Year / Period, or every body cell a period."""
    body = defaultdict(list)
    for row, cells in rows.items():
        if row not in headers:
            for col, text in cells.items():
                if text.strip():
                    body[col].append(text)
    return {col for col, texts in body.items()
            if names_periods(column_header(rows, headers, col)) or all(map(period_cell, texts))}


def row_label(cells: dict[int, str]) -> tuple[int, str]:
    """(column, text) of a row's label cell: its first cell holding a name or a period, not a value;
    (-1, '') when every cell holds a value.

    :param cells: one row of a grid, column → cleaned text.
    """
    for col, text in sorted(cells.items()):
        if LABEL_RE.search(text) and not is_value(text):
            return col, tidy_label(text)
    return -1, ""


def tidy_label(text: str) -> str:
    """A label as the report shows it: the cleaned cell text with its whitespace collapsed."""
    return " ".join(text.split())


def with_cell_grid(segments: list[dict]) -> list[dict]:
    """The segments with each table cell's ``unit_hint``, ``row_label`` and ``col_label`` settled
    from its grid (see the module doc).

    :param segments: the segment rows of one document; cells are those with a ``table_id`` and
        ``col >= 0``; other segments are returned as they are.
    """
    tables: dict[str, Rows] = defaultdict(lambda: defaultdict(dict))
    for segment in filter(_is_cell, segments):
        cells = tables[segment["table_id"]][segment["row"]]
        cells[segment["col"]] = f"{cells.get(segment['col'], '')}{segment['clean']}"
    layouts = {}
    for table_id, rows in tables.items():
        headers = header_rows(rows)
        layouts[table_id] = (rows, headers, period_columns(rows, headers))
    settled = []
    for segment in segments:
        if _is_cell(segment):
            row, col = segment["row"], segment["col"]
            layout = layouts[segment["table_id"]]
            segment = dict(segment, unit_hint=cell_unit(*layout, row, col, segment["unit_hint"]),
                           **cell_labels(*layout[:2], row, col))
        settled.append(segment)
    return settled


def _is_cell(segment: dict) -> bool:
    """A segment that is one cell of a table's grid (a whole-row segment has ``col == -1``)."""
    return bool(segment["table_id"]) and segment["col"] >= 0 and segment["row"] >= 0


def cell_labels(rows: Rows, headers: list[int], row: int, col: int) -> dict[str, str]:
    """``row_label`` and ``col_label`` of cell (row, col); both '' for a header cell."""
    if row in headers:
        return dict(row_label="", col_label="")
    label_col, label = row_label(rows[row])
    return dict(row_label=label if label_col != col else "",
                col_label=tidy_label(column_header(rows, headers, col, sep=" ")))


def cell_unit(rows: Rows, headers: list[int], periods: set[int], row: int, col: int, table_unit: str) -> str:
    """The unit of the bare numbers in cell (row, col): header, period column, column, row, table."""
    if row in headers or col in periods:
        return ""
    by_column = stated_unit(column_header(rows, headers, col)) if col > 0 else ""
    by_row = column_unit(rows[row].get(0, "")) if col > 0 else ""
    return by_column or by_row or table_unit
