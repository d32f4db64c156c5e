"""Tables: flattened rows whose cells lost their separators, bare numbers under a unit caption, grids.

A flattened row is a year glued to its cells, ``20261,8503,75030.8%`` (2026 | 1,850 | 3,750 |
30.8%). Rows are cut at the successive years; each row is cut into cells by trying every way of
reading it as numbers and keeping the reading whose columns agree across rows (same number of
cells, same decimals per column, percentages at most 100, values of one column of one size).

A grid cell (HTML, Word, Excel, Markdown pipe table) takes its period and metric phrase from its
row and its column (:func:`grid_cell`), by the header and period rules of :mod:`recon.ingest.grid`.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import NamedTuple

from recon.extract.context import type_of
from recon.extract.numbers import MULTIPLIERS
from recon.extract.periods import Period, find_periods
from recon.extract.units import CURRENCY_PREFIXES, match_unit
from recon.ingest.grid import (
    FORECAST_MARKS,
    Rows,
    column_header,
    column_unit,
    header_rows,
    names_periods,
    period_cell,
)

#: A year glued to the digits of the cells after it; the run goes on over digits, commas, dots, %.
#: The lookahead (a year starts with 1 or 2) lets the scan of every line skip other characters at C speed.
RUN_RE = re.compile(r"(?=[12])(?<![\d.,A-Za-z])(?:19[5-9]\d|20[0-4]\d)(?=\d)[\d.,%]+")
HEADER_RE = re.compile(r"年份|年度")
CAPTION_UNIT_RE = re.compile(r"单位[:：]\s?([^)）]+)")
COLUMN_RE = re.compile(r"[^()（）]*?[(（][^()（）]*[)）]|[^()（）]+$")
CELL_RE = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?%?|(?:0|[1-9]\d{0,3})(?:\.\d{1,2})?%?)")
#: Rows named by a label rather than a year: 智能制造28.531.235.87.2%医疗健康22.325.729.58.5%…
LABEL_ROW_RE = re.compile(r"([\u4e00-\u9fff]{2,8})(\d[\d.,%\-]{5,})")
GLUED_DIGITS_RE = re.compile(r"\d[\d.,%\-]{5,}")
LABEL_TABLE_RE = re.compile(r"(?:[\u4e00-\u9fff]{2,8}\d[\d.,%\-]{5,}){2,}")
HEADER_YEAR_RE = re.compile(r"((?:19|20)\d\d)\s?年?")
UNIT_LABEL_RE = re.compile(r"^units?\s*[:：]\s*", re.IGNORECASE)
CAGR_RE = re.compile(r"CAGR|复合增长率|年均增长")
TOTAL_RE = re.compile(r"合计|总计|小计")
MAX_CELLS = 6
HEADER_LOOKBACK = 160
GRID_COLUMNS = 64
"""A grid cell's row and header are looked up this many columns wide."""
HEADER_ROWS = 8
"""A grid's header rows are looked for among this many first rows."""
#: Currency words written after a multiplier in a caption: ``billion US dollars``, ``million yuan``.
CURRENCY_WORDS = {"us dollars": "USD", "u.s. dollars": "USD", "dollars": "USD", "yuan": "CNY",
                  "renminbi": "CNY", "euros": "other:EUR", "euro": "other:EUR"}


class Cell(NamedTuple):
    """One cell of a flattened table row, with the period its row names."""

    start: int
    end: int
    value: float
    step: float
    unit: str
    type_hint: str
    flags: tuple
    period: Period | None
    row_year: bool
    run_start: int
    run_end: int
    metric: str


class Column(NamedTuple):
    """What a table header says about one column: its name and the unit of its bare numbers."""

    name: str
    unit: str
    factor: float
    type_hint: str


def unit_from_hint(hint: str) -> tuple[str, float, str] | None:
    """The unit, factor and type hint a caption such as ``亿元``, ``%`` or ``US$ bn`` gives bare numbers."""
    hint = hint.strip().strip("()（）")
    m = CAPTION_UNIT_RE.search(hint)
    hint = (m.group(1) if m else hint).split(",")[0].split("，")[0].strip()
    hint = UNIT_LABEL_RE.sub("", hint)
    money = _money_hint(hint)
    if money is not None:
        return money
    factor = 1.0
    for word in sorted(MULTIPLIERS, key=len, reverse=True):
        if hint.startswith(word):
            factor, hint = MULTIPLIERS[word], hint[len(word):]
            break
    unit = match_unit(hint, 0) if hint else None
    if unit is None:
        return ("CNY", factor, "level") if factor != 1.0 else None
    return unit.unit, factor * unit.factor, unit.type_hint


def _money_hint(hint: str) -> tuple[str, float, str] | None:
    """``US$ bn``, ``RMB million``, ``billion US dollars``: a currency and a multiplier in either order."""
    lowered = hint.lower()
    for mark in sorted(CURRENCY_PREFIXES, key=len, reverse=True):
        if hint.upper().startswith(mark):
            rest = hint[len(mark):].strip().lower()
            if not rest or rest in MULTIPLIERS:
                return CURRENCY_PREFIXES[mark], MULTIPLIERS.get(rest, 1.0), "level"
            return None
    for word in ("trillion", "billion", "million", "thousand", "bn", "mn"):
        if lowered.startswith(word) and lowered[len(word):].strip() in CURRENCY_WORDS:
            return CURRENCY_WORDS[lowered[len(word):].strip()], MULTIPLIERS[word], "level"
    return None


def header_columns(header: str, caption_unit: tuple | None) -> list[Column]:
    """Columns named in a flattened header: ``销量(万套)收入(亿元)毛利率(%)``."""
    columns = []
    for m in COLUMN_RE.finditer(header):
        text = m.group().strip()
        if not text:
            continue
        paren = re.search(r"[(（]([^()（）]*)[)）]", text)
        unit = unit_from_hint(paren.group(1)) if paren else None
        unit = unit or caption_unit or ("", 1.0, "")
        columns.append(Column(re.sub(r"[(（].*", "", text), *unit))
    return columns


@lru_cache(maxsize=4096)
def readings(body: str) -> tuple[tuple[str, ...], ...]:
    """Every way to read ``body`` as up to MAX_CELLS numbers written one after the other."""
    if not body:
        return ((),)
    found = []
    for end in range(1, min(len(body), 14) + 1):
        head = body[:end]
        if CELL_RE.fullmatch(head) is None:
            continue
        for rest in readings(body[end:]):
            if len(rest) < MAX_CELLS:
                found.append((head, *rest))
    return tuple(found)


def _decimals(cell: str) -> int:
    digits = cell.rstrip("%")
    return len(digits.split(".")[1]) if "." in digits else 0


@lru_cache(maxsize=16384)
def _signature(reading: tuple[str, ...]) -> tuple[tuple[int, bool], ...]:
    """Decimal places and percent sign of each cell; cached, as every candidate column layout asks again."""
    return tuple((_decimals(c), c.endswith("%")) for c in reading)


def _number(cell: str) -> float:
    return float(cell.rstrip("%").replace(",", ""))


def choose_readings(bodies: list[str], percent_columns: set[int], width: int | None) -> list[tuple] | None:
    """One reading per row such that the columns agree, or None when no reading fits every row."""
    options = [readings(b) for b in bodies]
    signatures = None
    for rows in options:
        sigs = {_signature(r) for r in rows}
        signatures = sigs if signatures is None else signatures & sigs
    if not signatures:
        return None
    fitting = [sig for sig in signatures if width is None or len(sig) == width]
    if not fitting:
        return None
    best = None
    for sig in fitting:
        chosen = _closest(options, sig, percent_columns)
        if chosen is None:
            continue
        # fewest cells, then the same decimals throughout, then columns whose values sit closest
        rank = (len(sig), len({places for places, _ in sig}), _spread(chosen))
        if best is None or rank < best[0]:
            best = (rank, chosen)
    return best[1] if best else None


def _closest(options, sig, percent_columns) -> list[tuple] | None:
    """For each row, the reading with signature ``sig`` whose values sit nearest the column medians."""
    per_row = []
    for rows in options:
        fits = [r for r in rows if _signature(r) == sig
                and all(_number(r[i]) <= 100 for i in percent_columns if i < len(r))]
        if not fits:
            return None
        per_row.append(fits)
    settled = [f[0] for f in per_row if len(f) == 1] or [f[0] for f in per_row]
    medians = [sorted(_log(r[i]) for r in settled)[len(settled) // 2] for i in range(len(sig))]
    return [min(f, key=lambda r: sum(abs(_log(c) - m) for c, m in zip(r, medians, strict=True)))
            for f in per_row]


def _log(cell: str) -> float:
    return math.log10(abs(_number(cell)) + 1.0)


def _spread(rows: list[tuple]) -> float:
    return sum(max(_log(r[i]) for r in rows) - min(_log(r[i]) for r in rows) for i in range(len(rows[0])))


def split_flattened_rows(clean: str, memory: dict | None = None) -> list[Cell]:
    """Cells of the flattened table rows in ``clean`` (``20261,8503,75030.8%``).

    :param memory: carries the last table header from line to line, for rows flattened one per line.
    """
    cells: list[Cell] = []
    for run in RUN_RE.finditer(clean):
        if clean.startswith("年", run.end()):
            continue  # 20252030年 is a span whose dash was lost, not a table row
        rows = _rows(run.group(), run.start())
        if not rows:
            continue
        columns, title, clear = _header(clean, run.start(), memory)
        percent = {i for i, c in enumerate(columns) if c.unit == "%"}
        width = len(columns) if clear and len(rows) > 1 else None
        chosen = choose_readings([body for _, _, body in rows], percent, width)
        if chosen is None and width is not None:
            chosen = choose_readings([body for _, _, body in rows], percent, None)
            clear = False
        if chosen is None:
            continue
        if chosen and columns and len(chosen[0]) != len(columns):
            clear = False
        for (year, body_start, _), reading in zip(rows, chosen, strict=True):
            pos = body_start
            period = Period(body_start - 4, body_start, year, year, "year", str(year), False)
            for i, text in enumerate(reading):
                column = columns[i] if clear else _fallback_column(columns, text)
                if not column.unit:
                    column = _fallback_column(columns, text)._replace(name=column.name)
                cells.append(_cell(text, pos, column, period, True, title, clear, run.span()))
                pos += len(text)
    return cells


def _rows(run: str, offset: int) -> list[tuple[int, int, str]]:
    """Cut a run into rows at its successive years: (year, where the row's cells start, cells)."""
    first = int(run[:4])
    starts = [0]
    year = first + 1
    while True:
        i = run.find(str(year), starts[-1] + 5)
        if i < 0:
            break
        starts.append(i)
        year += 1
    rows = []
    for k, s in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(run)
        body = run[s + 4:end]
        if body:
            rows.append((first + k, offset + s + 4, body))
    return rows


def _header(clean: str, start: int, memory: dict | None) -> tuple[list[Column], str, bool]:
    """Columns, title and whether the header makes the columns clear, for a run at ``start``."""
    window = clean[max(0, start - HEADER_LOOKBACK):start]
    headers = list(HEADER_RE.finditer(window))
    if not headers:
        if memory and memory.get("columns"):
            return memory["columns"], memory["title"], False
        return [], "", False
    m = headers[-1]
    title = re.split(r"[。!?;]", window[:m.start()])[-1][-40:]
    caption = CAPTION_UNIT_RE.search(title)
    caption_unit = unit_from_hint(caption.group(1)) if caption else None
    columns = header_columns(window[m.end():], caption_unit)
    if memory is not None:
        memory.update(columns=columns, title=title)
    return columns, title, bool(columns)


def _fallback_column(columns: list[Column], text: str) -> Column:
    """Without a clear header, % cells are percentages and other cells take the header's first other unit."""
    if text.endswith("%"):
        return Column("", "%", 1.0, "")
    units = [c for c in columns if c.unit not in ("", "%")]
    if units:
        return Column("", units[0].unit, units[0].factor, units[0].type_hint)
    return Column("", "", 1.0, "")


def _cell(text: str, pos: int, column: Column, period: Period, row_year: bool, title: str, clear: bool,
          run: tuple[int, int]) -> Cell:
    number = text.rstrip("%")
    value = _number(text)
    step = 10.0 ** -_decimals(text)
    unit = "%" if text.endswith("%") else column.unit
    factor = 1.0 if text.endswith("%") else column.factor
    metric = f"{title}{column.name}".strip()
    type_hint = type_of(column.name, 0, len(column.name), unit, column.type_hint, "")
    flags = ("table-cell",) if clear else ("table-cell", "unclear-columns")
    return Cell(pos, pos + len(number) + text.endswith("%"), value * factor, step * factor, unit,
                type_hint, flags, period, row_year, *run, metric)


def split_label_rows(clean: str) -> list[Cell]:
    """Cells of flattened rows named by labels, under a header that lists the years of the columns.

    ``…(单位:%)应用领域年度需求占比CAGR2025年2027年2030年智能制造28.531.235.87.2%…``: each row has
    one cell per header year, then the CAGR over those years when the header names one.
    """
    cells: list[Cell] = []
    if len(GLUED_DIGITS_RE.findall(clean)) < 2:
        return cells
    for table in LABEL_TABLE_RE.finditer(clean):
        header_text = clean[max(0, table.start() - HEADER_LOOKBACK):table.start()]
        years = [int(y) for y in HEADER_YEAR_RE.findall(header_text[-40:])]
        if len(years) < 2 or years != sorted(years):
            continue
        caption = CAPTION_UNIT_RE.search(header_text)
        unit = unit_from_hint(caption.group(1)) if caption else None
        width = len(years) + bool(CAGR_RE.search(header_text[-60:]))
        rows = [(m.group(1).removeprefix("年"), m.start(2), m.group(2).rstrip("-"))
                for m in LABEL_ROW_RE.finditer(table.group()) if not TOTAL_RE.search(m.group(1))]
        fitting = [r for r in rows if any(len(reading) == width for reading in readings(r[2]))]
        chosen = choose_readings([body for _, _, body in fitting], set(), width)
        if chosen is None:
            continue
        title = re.split(r"[。!?;]", header_text)[-1][-40:]
        title = title[:title.find("(")] if "(" in title else title
        for (label, body_start, body), reading in zip(fitting, chosen, strict=True):
            pos = table.start() + body_start
            for i, text in enumerate(reading):
                if i < len(years):
                    period = Period(pos, pos, years[i], years[i], "year", str(years[i]), False)
                    column = Column(label, *(unit or ("", 1.0, "")))
                else:
                    period = Period(pos, pos, years[0], years[-1], "span", f"{years[0]}-{years[-1]}", False)
                    column = Column(f"{label}CAGR", "%", 1.0, "cagr")
                run = (table.start() + body_start, table.start() + body_start + len(body))
                cells.append(_cell(text, pos, column, period, False, title, True, run))
                pos += len(text)
    return cells



class GridCell(NamedTuple):
    """What a grid cell's row and column say about its number: what it measures, when, and whether
    that period is a forecast (a ``2027E``/``2025F`` label)."""

    label: str
    period: Period | None
    forecast: bool


def _grid_rows(grid: Rows, row: int) -> Rows:
    """The rows a cell in ``row`` is read with: the grid's first rows (its header) and its own."""
    rows = {}
    for r in [*range(min(row, HEADER_ROWS)), row]:
        found = {c: grid[r][c] for c in sorted(grid.get(r, ())) if c < GRID_COLUMNS}
        if found:
            rows[r] = found
    return rows


@lru_cache(maxsize=4096)
def _period_of(text: str) -> tuple[Period | None, bool]:
    """The period a row label or a column header names (``2023``, ``2027E``, ``2022-2027``), and
    whether it is marked as a forecast."""
    whole = period_cell(text)
    if whole is not None:
        year = int(whole.group("year"))
        mark = (whole.group("mark") or "").upper()
        return Period(0, 0, year, year, "year", str(year), False), mark in FORECAST_MARKS
    found = [p for p in find_periods(text) if not p.base]
    if len(found) != 1:
        return None, False
    forecast = text[found[0].end - 1:found[0].end].upper() in FORECAST_MARKS
    return found[0]._replace(start=0, end=0), forecast


@lru_cache(maxsize=4096)
def _name(text: str) -> str:
    """A row label or column header as a metric phrase: without its period or its unit in parentheses."""
    if period_cell(text) is not None:
        return ""
    for period in reversed(find_periods(text)):
        text = text[:period.start] + text[period.end:]
    unit = column_unit(text)
    if unit:
        text = text[:text.rfind(unit)].rstrip(" (（")
    return text.strip()


def grid_cell(grid: Rows, row: int, col: int) -> GridCell | None:
    """The metric phrase, period and forecast mark of cell (``row``, ``col``) of a grid, or None
    for a header cell or a row label.

    The period is the row's: its label (``2023``, ``2027E``) or its cell in a column headed 年份 /
    Year / Period; else the column header's (``2023``, ``2024E``, ``2022-2027年CAGR``). The phrase
    is the row label and the column header without their periods and units: a ``2027E`` row label
    never enters the phrase.

    :param grid: the grid read so far, by row then column: its header and the cell's row at least.
    """
    rows = _grid_rows(grid, row)
    headers = header_rows(rows)
    if row in headers or col == 0 or row not in rows:
        return None
    own = rows[row]
    header = column_header(rows, headers, col)
    period, forecast = None, False
    for c, text in sorted(own.items()):
        if c != col and (c == 0 or names_periods(column_header(rows, headers, c))) and period_cell(text):
            period, forecast = _period_of(text)
            break
    if period is None:
        for r in headers:
            period, forecast = _period_of(column_header({r: rows[r]}, [r], col))
            if period is not None:
                break
    label = f"{_name(own.get(0, ''))}{_name(header)}".strip()
    return GridCell(label, period, forecast)
