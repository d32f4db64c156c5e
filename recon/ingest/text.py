"""Plain text and Markdown: one segment per line, with headings (``#``), captions and tables recognised.

Tables in extracted text have lost their grid, so they are recognised line by line:

- a tab-separated line or a Markdown pipe-table row is a table row (block ``table``); consecutive
  rows share a ``table_id`` and count ``row`` from 0 (a pipe table's ``|---|`` rule counts as a
  row); ``col`` stays -1 because the segment is the whole row;
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
UNIT = re.compile(r"[(（]\s*单位\s*[:：]\s*([^()（）]+?)\s*[)）]|单位\s*[:：]\s*(.+?)\s*$"
                  r"|\bunits?\s*[:：]\s*(.+?)\s*[)）]?\s*$", re.IGNORECASE)
HEADING = re.compile(r"^\s*#{1,6}\s")
PIPE_ROW = re.compile(r"^\s*\|.*\|.*\|\s*$")
SENTENCE = re.compile(r"[。、；;！!？?]|,(?!\d)|，")
DIGIT = re.compile(r"\d")
SPACE = re.compile(r"\s+")


def unit_hint(clean: str) -> str:
    """The unit a caption or header states for the bare numbers below it, or ''.

    :param clean: the cleaned caption or header text.
    """
    match = UNIT.search(clean)
    if not match or len(clean) > TABLE_LINE * 2:
        return ""
    return next(group for group in match.groups() if group is not None).strip()


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
    for row, clean, is_boilerplate in zip(rows, cleans, boilerplate, strict=True):
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
    return rows


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
