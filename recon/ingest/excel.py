"""Excel (.xlsx): each worksheet a table, its header rows naming the columns (openpyxl).

Provenance is the sheet and the row as Excel shows them: ``page`` is the sheet's 1-based position
in the workbook and ``line`` the sheet's 1-based row number. A row's line is its cells' text from
the sheet's first used column to its last, joined by tabs; each non-empty cell is a segment
(``block="table"``) whose ``col_offset`` is where it starts in that line, ``col`` its column
counted from the first used one, and ``row`` its row counted from the table's first (header) row.

Rows above the first row holding two or more cells (a title, ``单位:亿元``) are the table's captions;
a unit they state, or the sheet's name states, is the unit of the table's bare numbers
(:func:`recon.ingest.grid.with_cell_grid` settles each cell's). Numbers are written as the cell's
number format shows them (``0.0%`` gives ``12.5%``, ``#,##0`` gives ``1,751``, ``General`` the
shortest form); dates as ``YYYY-MM-DD``. Formulas are read as the value Excel last computed and
saved; a workbook never opened in Excel has none, and such a cell is empty to recon.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import openpyxl
from lxml.etree import XMLSyntaxError
from openpyxl.utils.exceptions import InvalidFileException

from recon.errors import UnreadableSourceError
from recon.ingest.grid import stated_unit, with_cell_grid
from recon.ingest.metadata import describe
from recon.ingest.rows import document_row, segment_row

_DECIMALS = re.compile(r"\.([0#?]+)")
_PLACEHOLDER = re.compile(r"[0#?]")
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def format_number(value: float, number_format: str) -> str:
    """A number as its cell's number format writes it: decimals, thousands separators, percent.

    >>> format_number(0.125, "0.0%"), format_number(1751, "#,##0"), format_number(28.5, "General")
    ('12.5%', '1,751', '28.5')
    """
    section = _QUOTED.sub("", (number_format or "General").split(";")[0])
    if not _PLACEHOLDER.search(section):
        text = f"{value:.15g}"
        return text if "e" not in text else f"{value:f}".rstrip("0").rstrip(".")
    percent = "%" in section
    shown = value * 100 if percent else value
    decimals = _DECIMALS.search(section)
    places = len(decimals.group(1)) if decimals else 0
    grouped = "," in section.split(".")[0]
    text = f"{shown:,.{places}f}" if grouped else f"{shown:.{places}f}"
    return text + ("%" if percent else "")


def cell_text(cell) -> str:
    """What a cell shows, as recon reads it."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, (int, float)):
        return format_number(value, cell.number_format)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value).replace("\r", " ").replace("\n", " ").strip()


def _offsets(texts: list[str]) -> list[int]:
    """Where each cell starts in the row's line (its cells joined by tabs)."""
    offsets, at = [], 0
    for text in texts:
        offsets.append(at)
        at += len(text) + 1
    return offsets


def sheet_segments(doc_id: str, sheet, page: int) -> tuple[list[dict], int]:
    """The segments of one worksheet, and the characters of its lines."""
    table_id = f"{doc_id}#s{page}"
    first_col = sheet.min_column
    segments, captions, header_row, chars = [], [], None, 0
    for cells in sheet.iter_rows():
        texts = [cell_text(cell) for cell in cells[first_col - 1:]]
        if not any(texts):
            continue
        line = cells[0].row
        chars += len("\t".join(texts)) + 1
        placed = zip(texts, _offsets(texts), strict=True)
        filled = [(col, text, offset) for col, (text, offset) in enumerate(placed) if text]
        if header_row is None and len(filled) < 2:
            _, text, offset = filled[0]
            captions.append(segment_row(doc_id, line, text, page=page, col_offset=offset, block="caption",
                                        table_id=table_id))
            continue
        header_row = line if header_row is None else header_row
        for col, text, offset in filled:
            segments.append(segment_row(doc_id, line, text, page=page, col_offset=offset, block="table",
                                        table_id=table_id, row=line - header_row, col=col))
    stated = [stated_unit(c["clean"]) for c in captions] + [stated_unit(sheet.title)]
    unit = next((u for u in stated if u), "")
    for segment in segments:
        segment["unit_hint"] = unit
    return captions + segments, chars


def read_xlsx(doc_id: str, data: bytes, path: str, fmt: str = "xlsx") -> tuple[dict, list[dict]]:
    """Read an Excel workbook into its document row and segment rows (one table per worksheet).

    :param data: the file's bytes.
    :raises UnreadableSourceError: not a workbook, a corrupt one, or one without any value.
    """
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        sheets = list(workbook.worksheets)
        title = (workbook.properties.title or "").strip()
        segments, chars = [], 0
        for page, sheet in enumerate(sheets, 1):
            rows, count = sheet_segments(doc_id, sheet, page)
            segments.extend(rows)
            chars += count
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError,
            XMLSyntaxError) as error:
        raise UnreadableSourceError(path, f"corrupt Excel workbook: {error}") from error
    if not segments:
        raise UnreadableSourceError(path, "no values in Excel workbook")
    segments = with_cell_grid(segments)
    meta = describe(segments, "\n".join(segment["clean"] for segment in segments))
    captions = [segment["clean"] for segment in segments if segment["block"] == "caption"]
    meta["title"] = title or (captions[0] if captions else sheets[0].title)
    lines = sum(sheet.max_row for sheet in sheets)
    doc = document_row(doc_id, path, fmt, pages=len(sheets), lines=lines, chars=chars, meta=meta)
    return doc, segments
