"""Plain text and Markdown: one segment per line, with headings (``#``), captions and tables recognised.

Tables in extracted text have lost their grid, so they are recognised line by line:

- a Markdown pipe table (a header row, its ``|---|`` rule, body rows) is read like an HTML table:
  each cell is a segment (block ``table``, ``row`` 0 for the header and from 1 for the body, the
  rule -1 as one whole-line segment; ``col`` from 0; ``col_offset`` where the cell's text starts in
  the line), and :func:`recon.ingest.grid.with_cell_grid` settles each cell's unit; a short line
  above it stating a unit (``市场规模(亿美元)``, ``单位:亿元``) is its caption;
- a tab-separated line, or a pipe row without a rule under its first line, is a table row (block
  ``table``); consecutive rows share a ``table_id`` and count ``row`` from 0; ``col`` stays -1
  because the segment is the whole row;
- a caption (``图表 6 …``, ``Figure 2``) or a line stating a unit (``(单位:亿元)``, ``单位：%``,
  ``Unit: US$ billion``) is block ``caption``; a stated unit becomes the ``unit_hint`` of the
  table-like lines after it (short, digit-heavy or cell-like, no sentence punctuation), which are
  block ``table``, until prose, a heading or another caption resumes. Blank lines do not end such
  a flattened table; they end a delimited one (the next delimited rows start a new ``table_id``).
"""

from __future__ import annotations

import re

import yaml

from recon.ingest.boilerplate import mark_boilerplate
from recon.ingest.decode import decode_bytes
from recon.ingest.grid import stated_unit, unit_hint, with_cell_grid
from recon.ingest.metadata import describe
from recon.ingest.rows import document_row, segment_row
from recon.ingest.sources import entry_meta

TABLE_LINE = 80
"""A line longer than this is prose, not a flattened table row."""
FRONT_MATTER_LINES = 40
"""A Markdown front matter block must close within this many lines."""
DIGIT_SHARE = 0.5
"""A short line whose non-space characters are at least this share digits is a table row."""

CAPTION = re.compile(r"^\s*(?:图表|图|表|附图|附表|Figure|Fig\.|Table|Chart|Exhibit)\s*\d+", re.IGNORECASE)
HEADING = re.compile(r"^\s*#{1,6}\s")
PIPE_ROW = re.compile(r"^\s*\|.*\|.*\|\s*$")
PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
PIPE = re.compile(r"(?<!\\)[|｜]")
SENTENCE = re.compile(r"[。、；;！!？?]|,(?!\d)|，")
DIGIT = re.compile(r"\d")
SPACE = re.compile(r"\s+")


def is_tab_row(clean: str) -> bool:
    """A line of two or more tab-separated cells, or a Markdown pipe-table row (``| a | b |``)."""
    if PIPE_ROW.match(clean):
        return True
    return "\t" in clean and sum(1 for cell in clean.split("\t") if cell.strip()) >= 2


def is_table_like(clean: str) -> bool:
    """A short line without sentence punctuation that is digit-heavy or split into several cells."""
    stripped = clean.strip()
    if not stripped or len(stripped) > TABLE_LINE or SENTENCE.search(stripped):
        return False
    dense = SPACE.sub("", stripped)
    return len(DIGIT.findall(dense)) >= DIGIT_SHARE * len(dense) or len(stripped.split()) >= 3


def pipe_tables(cleans: list[str]) -> dict[int, int]:
    """The lines of Markdown pipe tables, by index, with their table row (header 0, rule -1, body 1…).

    A pipe table is a line holding ``|`` followed by a rule holding ``|`` too (``|---|:---:|``),
    then the non-blank lines holding ``|`` after them.
    """
    found: dict[int, int] = {}
    index = 0
    while index < len(cleans) - 1:
        if "|" in cleans[index] and "|" in cleans[index + 1] and PIPE_RULE.match(cleans[index + 1]):
            found[index], found[index + 1] = 0, -1
            row, index = 1, index + 2
            while index < len(cleans) and "|" in cleans[index] and cleans[index].strip():
                found[index], row, index = row, row + 1, index + 1
        else:
            index += 1
    return found


def pipe_cells(row: dict) -> list[dict]:
    """The cell segments of a pipe-table row segment: each cell's text at its offset in the line."""
    text = row["text"]
    bounds = [m.start() for m in PIPE.finditer(text)]
    if text.strip() and not text.lstrip().startswith(("|", "｜")):
        bounds.insert(0, -1)
    if text.rstrip() and not text.rstrip().endswith(("|", "｜")):
        bounds.append(len(text))
    cells = []
    for col, (lo, hi) in enumerate(zip(bounds, bounds[1:], strict=False)):
        cell = text[lo + 1:hi]
        stripped = cell.strip()
        if stripped:
            at = lo + 1 + cell.index(stripped)
            cells.append(segment_row(row["doc_id"], row["line"], stripped, page=row["page"], col_offset=at,
                                     block="table", table_id=row["table_id"], row=row["row"], col=col,
                                     unit_hint=row["unit_hint"]))
    return cells


def tab_cells(row: dict, indent: int) -> list[dict]:
    """The cell segments of a tab-separated row segment, each cell's text at its offset in the line;
    ``indent`` empty leading columns that every row of its table has are not counted."""
    cells, at = [], 0
    for col, cell in enumerate(row["text"].split("\t")):
        stripped = cell.strip()
        if stripped:
            cells.append(segment_row(row["doc_id"], row["line"], stripped, page=row["page"],
                                     col_offset=at + cell.index(stripped), block="table",
                                     table_id=row["table_id"], row=row["row"], col=col - indent,
                                     unit_hint=row["unit_hint"]))
        at += len(cell) + 1
    return cells


def _tab_indents(rows: list[dict]) -> dict[str, int]:
    """Per tab-separated table, the empty columns every one of its rows starts with (a table indented
    by a tab: its first column holds nothing and the row labels sit in the second)."""
    indents: dict[str, int] = {}
    for row in rows:
        if _is_tab_table_row(row):
            cells = row["text"].split("\t")
            empty = next((i for i, cell in enumerate(cells) if cell.strip()), len(cells))
            indents[row["table_id"]] = min(indents.get(row["table_id"], empty), empty)
    return indents


def _is_tab_table_row(row: dict) -> bool:
    return row["block"] == "table" and "\t" in row["text"] and is_tab_row(row["clean"])


def _cells(row: dict, pipe_row: int | None, indents: dict[str, int]) -> list[dict]:
    """A row segment as its grid cells: a pipe-table row by its pipes, a tab-separated row by its tabs
    (so both get row and column labels); any other segment as it is."""
    if pipe_row is not None:
        return pipe_cells(row) if pipe_row >= 0 else [row]
    if _is_tab_table_row(row):
        return tab_cells(row, indents[row["table_id"]])
    return [row]


def _pipe_caption(rows: list[dict], cleans: list[str], index: int, table_id: str) -> str:
    """Make the short line above a pipe table stating a unit (``市场规模(亿美元)``) its caption; its unit."""
    above = index - 1
    while above >= 0 and not cleans[above].strip():
        above -= 1
    if above < 0 or rows[above]["block"] not in ("text", "caption") or len(cleans[above]) > TABLE_LINE:
        return ""
    stated = stated_unit(cleans[above])
    if stated or rows[above]["block"] == "caption":
        rows[above].update(block="caption", table_id=table_id)
    return stated


def line_segments(doc_id: str, lines: list[str], *, page=None) -> list[dict]:
    """Segments for the lines of one text document (or one PDF page).

    :param lines: the original lines (split on ``\\n``).
    :param page: the 1-based PDF page these lines are from; None for text files.
    """
    rows = [segment_row(doc_id, number, line) for number, line in enumerate(lines, 1)]
    if page is not None:
        for row in rows:
            row["page"] = page
    cleans = [row["clean"] for row in rows]
    boilerplate = mark_boilerplate(cleans)
    tables, unit, table_row, in_table, delimited = 0, "", 0, False, False
    prefix = f"{doc_id}#" if page is None else f"{doc_id}#p{page}"
    pipes = pipe_tables(cleans)
    for index, (row, clean, is_boilerplate) in enumerate(zip(rows, cleans, boilerplate, strict=True)):
        if index in pipes:
            if pipes[index] == 0:
                tables += 1
                unit = _pipe_caption(rows, cleans, index, f"{prefix}t{tables}") or unit
            row.update(block="table", table_id=f"{prefix}t{tables}", row=pipes[index], unit_hint=unit)
            in_table, unit = False, unit if index + 1 in pipes else ""
            continue
        if is_boilerplate:
            row["block"] = "boilerplate"
            unit, in_table = "", False
            continue
        if not clean.strip():
            in_table = in_table and not delimited
            continue
        if HEADING.match(clean):
            row["block"] = "heading"
            unit, in_table = "", False
            continue
        stated = unit_hint(clean)
        if CAPTION.match(clean) or (stated and not is_tab_row(clean)):
            row["block"] = "caption"
            unit, in_table = stated, False
            continue
        delimited = is_tab_row(clean)
        if delimited or (unit and is_table_like(clean)):
            if not in_table:
                tables, table_row, in_table = tables + 1, 0, True
            row.update(block="table", table_id=f"{prefix}t{tables}", row=table_row, unit_hint=unit)
            table_row += 1
            continue
        unit, in_table = "", False
    indents = _tab_indents(rows)
    cells = [cell for index, row in enumerate(rows) for cell in _cells(row, pipes.get(index), indents)]
    return with_cell_grid(cells)


def read_text(doc_id: str, data: bytes, path: str, fmt: str = "txt") -> tuple[dict, list[dict]]:
    """Read a text or Markdown report into its document row and segment rows.

    :param data: the file's bytes.
    :raises UnreadableSourceError: empty, binary or undecodable file.
    """
    text, encoding = decode_bytes(data, path)
    lines = text.split("\n")
    segments = line_segments(doc_id, lines)
    meta = describe(segments, text)
    stated, length = front_matter(lines)
    for segment in segments[:length]:
        segment["block"] = "boilerplate"
    meta.update({key: value for key, value in stated.items() if value})
    doc = document_row(doc_id, path, fmt, encoding=encoding, lines=len(lines), chars=len(text), meta=meta)
    return doc, segments


def front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    """Metadata in a Markdown front matter block (``---`` YAML ``---``) and how many lines it takes.

    Its lines are marked boilerplate: a date there is metadata, not a claim.

    :param lines: the document's lines.
    """
    if not lines or lines[0].strip() != "---":
        return {}, 0
    for end in range(1, min(len(lines), FRONT_MATTER_LINES)):
        if lines[end].strip() in ("---", "..."):
            try:
                data = yaml.safe_load("\n".join(lines[1:end]))
            except yaml.YAMLError:
                return {}, 0
            if not isinstance(data, dict):
                return {}, 0
            return entry_meta(data), end + 1
    return {}, 0
