"""HTML: one segment per block or table cell, located exactly in the HTML source.

A block is an element such as ``<p>``, ``<h2>``, ``<li>`` or ``<td>``; its text runs up to its
end or to the first block inside it (``<li>text<ul>…``), which is a block of its own. A
segment's ``line`` is the source line and ``col_offset`` the column where its ``text`` starts;
``text`` is the exact source substring, markup and entities included (``Frost &amp; Sullivan``),
and ``clean`` is what a reader sees, cleaned, with ``offsets`` into ``text``. A block spanning
several source lines gives one segment per line; ``<br>`` and markup running over several
source lines (a tag written over two lines, a multi-line comment) split too.
Text standing after a nested block (``<div><p>…</p>text</div>``) is not read.

Tables: cells get ``block="table"``, a ``table_id`` per ``<table>``, ``row`` (the ``<tr>`` index)
and ``col`` (counting ``colspan``). A unit stated by the caption, the element just before the
table, or a header cell (``单位：亿美元``, ``Unit: US$ billion``, ``市场规模(亿美元)``) is the table's
unit; :func:`recon.ingest.grid.with_cell_grid` then settles each cell's ``unit_hint`` (header
cells and period columns none, a column's or a row's own unit before the table's).
Blocks inside ``<header>``, ``<footer>``, ``<nav>`` and ``<aside>`` are boilerplate.

The document row takes the page's title (``<title>``, else its first ``<h1>``), the date it states,
and the publisher its ``<meta>`` tags name (:func:`recon.ingest.metadata.page_publisher`); a
manifest entry overrides each.
"""

from __future__ import annotations

import bisect
import html as htmllib
import re

from bs4 import BeautifulSoup, Tag

from recon.ingest.boilerplate import is_notice
from recon.ingest.clean import clean_text
from recon.ingest.decode import decode_bytes
from recon.ingest.grid import stated_unit, unit_hint, with_cell_grid
from recon.ingest.metadata import detect_date, detect_language, page_publisher
from recon.ingest.rows import document_row, segment_row

BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "caption", "figcaption", "dt", "dd",
          "pre", "blockquote", "div", "section", "article", "header", "footer", "nav", "aside", "main",
          "table", "tr", "thead", "tbody", "tfoot", "ul", "ol", "dl", "figure", "body", "form"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
CHROME = ["header", "footer", "nav", "aside"]
LANGUAGES = {"zh-cn": "zh", "zh-hans": "zh", "zh-sg": "zh", "zh-tw": "zh-Hant", "zh-hk": "zh-Hant",
             "zh-hant": "zh-Hant"}
"""``<html lang>`` values mapped to the document languages recon knows."""
SKIPPED = ["script", "style", "noscript", "template", "head"]

_START_TAG = re.compile(r"<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")
_ENTITY = r"&(?:#\d+|#x[0-9a-fA-F]+|\w+);"
_TAG = r"</?(?P<name>[a-zA-Z][\w:-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>"
_RAW_TEXT = r"<(script|style)\b.*?</\1\s*>"
_MARKUP = re.compile("|".join([_RAW_TEXT, r"<!--.*?-->", _TAG, _ENTITY]), re.DOTALL | re.IGNORECASE)


def _content_span(source: str, start: int) -> tuple[int, int]:
    """Where the own text of the block whose start tag is at ``start`` begins and ends.

    It ends at the first block tag after the start tag, opening or closing: its own end tag, a
    block nested in it (read on its own), or the next block where the end tag was left out.
    """
    tag = _START_TAG.match(source, start)
    begin = tag.end() if tag else start
    for match in _MARKUP.finditer(source, begin):
        if (match.group("name") or "").lower() in BLOCKS:
            return begin, match.start()
    return begin, len(source)


def _visible(raw: str) -> tuple[list[str], list[int]]:
    """The characters a reader sees in ``raw`` and where each comes from; line breaks give ``\n``."""
    chars, positions, at = [], [], 0
    for match in _MARKUP.finditer(raw):
        chars.extend(raw[at:match.start()])
        positions.extend(range(at, match.start()))
        token = match.group(0)
        if token.startswith("&"):
            for char in htmllib.unescape(token):
                chars.append(char)
                positions.append(match.start())
        elif (match.group("name") or "").lower() == "br" or "\n" in token:
            # a line break: <br>, or markup running over source lines, which must split the
            # text so that each segment stays on one source line
            chars.append("\n")
            positions.append(match.start())
        at = match.end()
    chars.extend(raw[at:])
    positions.extend(range(at, len(raw)))
    return chars, positions


def _runs(chars: list[str], positions: list[int]):
    """Split visible text at newlines into (start, end) index runs with surrounding space trimmed."""
    start = 0
    for index in range(len(chars) + 1):
        if index == len(chars) or chars[index] == "\n":
            lo, hi = start, index
            while lo < hi and chars[lo].isspace():
                lo += 1
            while hi > lo and chars[hi - 1].isspace():
                hi -= 1
            if lo < hi:
                yield lo, hi
            start = index + 1


def _ancestor(tag: Tag, names) -> Tag | None:
    """The nearest enclosing element named in ``names`` (bs4's ``find_parent`` is far slower)."""
    for parent in tag.parents:
        if parent.name in names:
            return parent
    return None


def _colspan(cell: Tag) -> int:
    value = str(cell.get("colspan", "1")).strip()
    return int(value) if value.isdigit() else 1


class _Tables:
    """Ids, rows, columns and stated units of the tables in one page."""

    def __init__(self, doc_id: str):
        self.doc_id = doc_id
        self.ids: dict[int, str] = {}
        self.units: dict[int, str] = {}
        self.rows: dict[int, dict[int, int]] = {}
        self.columns: dict[int, dict[int, int]] = {}

    def context(self, tag: Tag) -> dict:
        """``block``, ``table_id``, ``row``, ``col`` and ``unit_hint`` for a block inside a table."""
        table = _ancestor(tag, {"table"}) if tag.name != "table" else tag
        if table is None:
            return {}
        key = id(table)
        if key not in self.ids:
            self.ids[key] = f"{self.doc_id}#t{len(self.ids) + 1}"
            self.units[key] = self._stated_unit(table)
        if tag.name == "caption" or _ancestor(tag, {"caption"}) is not None:
            return dict(block="caption", table_id=self.ids[key])
        cell = tag if tag.name in ("td", "th") else _ancestor(tag, ("td", "th"))
        row, col = -1, -1
        tr = _ancestor(cell, {"tr"}) if cell is not None else None
        if tr is not None:
            # nearest-ancestor tests, because html.parser nests unclosed cells and rows in each other
            if key not in self.rows:
                rows = [r for r in table.find_all("tr") if _ancestor(r, {"table"}) is table]
                self.rows[key] = {id(r): index for index, r in enumerate(rows)}
            if id(tr) not in self.columns:
                cells = [c for c in tr.descendants
                         if getattr(c, "name", None) in ("td", "th") and _ancestor(c, {"tr"}) is tr]
                starts = [0]
                for c in cells:
                    starts.append(starts[-1] + _colspan(c))
                self.columns[id(tr)] = {id(c): start for c, start in zip(cells, starts, strict=False)}
            row = self.rows[key].get(id(tr), -1)
            col = self.columns[id(tr)].get(id(cell), -1)
        return dict(block="table", table_id=self.ids[key], row=row, col=col, unit_hint=self.units[key])

    @staticmethod
    def _stated_unit(table: Tag) -> str:
        """The unit the caption or the element before the table states, else a header's ``单位:…``."""
        before = table.find_previous_sibling()
        for candidate in [table.find("caption"), before]:
            if candidate is not None and candidate.name != "table":
                stated = stated_unit(clean_text(candidate.get_text(" ", strip=True))[0])
                if stated:
                    return stated
        for header in table.find_all("th"):
            stated = unit_hint(clean_text(header.get_text(" ", strip=True))[0])
            if stated:
                return stated
        return ""


def _blocks(soup: BeautifulSoup):
    """Block elements outside scripts, styles and the head, in document order."""
    for tag in soup.find_all(list(BLOCKS)):
        if _ancestor(tag, SKIPPED) is None:
            yield tag


def _meta_tags(soup: BeautifulSoup) -> dict[str, str]:
    """The page's ``<meta>`` tags, lower-cased ``name`` or ``property`` → ``content`` (the first of each)."""
    tags = {}
    for tag in soup.find_all("meta"):
        key = str(tag.get("name") or tag.get("property") or "").strip().lower()
        if key and key not in tags:
            tags[key] = str(tag.get("content") or "")
    return tags


def read_html(doc_id: str, data: bytes, path: str, fmt: str = "html") -> tuple[dict, list[dict]]:
    """Read an HTML page into its document row and segment rows.

    :param data: the file's bytes.
    :raises UnreadableSourceError: empty, binary or undecodable file.
    """
    source, encoding = decode_bytes(data, path)
    soup = BeautifulSoup(source, "html.parser")
    line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
    tables = _Tables(doc_id)
    segments = []
    for tag in _blocks(soup):
        if tag.sourceline is None:
            continue
        start = line_starts[tag.sourceline - 1] + tag.sourcepos
        begin, end = _content_span(source, start)
        chars, positions = _visible(source[begin:end])
        context = tables.context(tag)
        if not context:
            context = dict(block="heading" if tag.name in HEADINGS else "text")
        if _ancestor(tag, CHROME) is not None or tag.name in CHROME:
            context["block"] = "boilerplate"
        for lo, hi in _runs(chars, positions):
            first, last = begin + positions[lo], begin + positions[hi - 1]
            entity = _MARKUP.match(source, last) if source[last] == "&" else None
            last += len(entity.group(0)) if entity else 1
            line = bisect.bisect_right(line_starts, first)
            text = source[first:last]
            visible = "".join(chars[lo:hi])
            offsets = [begin + p - first for p in positions[lo:hi]] + [last - first]
            row = segment_row(doc_id, line, text, col_offset=first - line_starts[line - 1],
                              visible=None if visible == text else visible, visible_offsets=offsets,
                              **context)
            if is_notice(row["clean"]):
                row["block"] = "boilerplate"
            segments.append(row)
    segments = with_cell_grid(segments)
    title = soup.title.get_text(strip=True) if soup.title else ""
    if not title and soup.find("h1"):
        title = soup.find("h1").get_text(" ", strip=True)
    visible_lines = [s["clean"] for s in segments]
    declared = str(soup.html.get("lang", "")).lower() if soup.html else ""
    language = LANGUAGES.get(declared, declared.split("-")[0]) or detect_language("\n".join(visible_lines))
    meta = dict(title=title, date=detect_date(visible_lines), language=language,
                publisher=page_publisher(_meta_tags(soup)))
    doc = document_row(doc_id, path, fmt, encoding=encoding, lines=len(line_starts), chars=len(source),
                       meta=meta)
    return doc, segments
