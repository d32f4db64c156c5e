"""Word (.docx): paragraphs and tables, in the order the document body holds them (python-docx).

A .docx has no lines, so recon numbers its body: each paragraph is one line, and so is each table
row, counting from 1 in document order (empty paragraphs count too, so that line *n* is the
*n*-th block of the body). A paragraph's ``text`` is its text with line breaks as spaces. A table
row's line is its cells' text joined by tabs; each cell is a segment (``block="table"``, ``row``
and ``col`` from 0, a merged cell once, at its first column) whose ``col_offset`` is where the
cell starts in that line, so ``line[start:end]`` is the claim's surface as in every format. A
paragraph just before a table that is a caption (style *Caption*, ``表 1 …``, or stating a unit)
is its caption: block ``caption`` and its unit the table's. Headings (styles *Title*, *Heading n*)
are block ``heading``; the document title is the core properties' title, else the first heading.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from lxml.etree import XMLSyntaxError

from recon.errors import UnreadableSourceError
from recon.ingest.boilerplate import is_notice
from recon.ingest.grid import stated_unit, with_cell_grid
from recon.ingest.metadata import describe
from recon.ingest.rows import document_row, segment_row
from recon.ingest.text import CAPTION

HEADING_STYLES = ("Title", "Heading", "标题")
"""Paragraph styles (name prefixes) that make a paragraph a heading."""
CAPTION_STYLE = "Caption"


def _one_line(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ").replace("\x0b", " ")


def _style(paragraph) -> str:
    style = paragraph.style
    return style.name if style is not None and style.name else ""


def _cells(row) -> list[tuple[int, str]]:
    """(first grid column, text) of each cell of a row; a merged cell once, at its first column."""
    cells, seen = [], set()
    for col, cell in enumerate(row.cells):
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        cells.append((col, _one_line(cell.text).strip()))
    return cells


def table_rows(doc_id: str, table: Table, first_line: int, table_id: str, unit: str) -> list[dict]:
    """The cell segments of one table whose first row is line ``first_line``."""
    segments = []
    for index, row in enumerate(table.rows):
        cells = _cells(row)
        offset = 0
        for col, text in cells:
            if text:
                segments.append(segment_row(doc_id, first_line + index, text, col_offset=offset,
                                            block="table", table_id=table_id, row=index, col=col,
                                            unit_hint=unit))
            offset += len(text) + 1
    return segments


def _caption_of(segments: list[dict], line: int) -> dict | None:
    """The segment just before a table at ``line`` when it captions it."""
    if not segments or segments[-1]["line"] != line - 1 or segments[-1]["block"] not in ("text", "caption"):
        return None
    previous = segments[-1]
    if previous["block"] == "caption" or CAPTION.match(previous["clean"]) or stated_unit(previous["clean"]):
        return previous
    return None


def read_docx(doc_id: str, data: bytes, path: str, fmt: str = "docx") -> tuple[dict, list[dict]]:
    """Read a Word document into its document row and segment rows.

    :param data: the file's bytes.
    :raises UnreadableSourceError: not a Word document, a corrupt one, or one without any text.
    """
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(document.iter_inner_content())
        title = (document.core_properties.title or "").strip()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError) as error:
        raise UnreadableSourceError(path, f"corrupt Word document: {error}") from error
    segments: list[dict] = []
    line, tables, chars = 1, 0, 0
    for block in blocks:
        if isinstance(block, Table):
            tables += 1
            table_id = f"{doc_id}#t{tables}"
            caption = _caption_of(segments, line)
            unit = ""
            if caption is not None:
                caption.update(block="caption", table_id=table_id)
                unit = stated_unit(caption["clean"])
            rows = table_rows(doc_id, block, line, table_id, unit)
            segments.extend(rows)
            chars += sum(len(row["text"]) + 1 for row in rows)
            line += len(block.rows)
            continue
        text = _one_line(block.text)
        chars += len(text) + 1
        if text.strip():
            style = _style(block)
            kind = "heading" if style.startswith(HEADING_STYLES) else "text"
            segment = segment_row(doc_id, line, text, block="caption" if style == CAPTION_STYLE else kind)
            if is_notice(segment["clean"]):
                segment["block"] = "boilerplate"
            segments.append(segment)
        line += 1
    if not any(segment["clean"].strip() for segment in segments):
        raise UnreadableSourceError(path, "no text in Word document")
    segments = with_cell_grid(segments)
    meta = describe(segments, "\n".join(segment["clean"] for segment in segments))
    headings = [segment["clean"] for segment in segments if segment["block"] == "heading"]
    meta["title"] = title or (headings[0] if headings else meta["title"])
    doc = document_row(doc_id, path, fmt, lines=line - 1, chars=chars, meta=meta)
    return doc, segments
