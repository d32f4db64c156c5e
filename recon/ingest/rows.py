"""Rows of the documents and segments tables, built in one place for every format."""

from __future__ import annotations

from array import array

import pandas as pd

from recon.ingest.clean import clean_text, compose


def segment_row(doc_id: str, line: int, text: str, *, page=pd.NA, col_offset: int = 0, block: str = "text",
                table_id: str = "", row: int = -1, col: int = -1, unit_hint: str = "",
                visible: str | None = None, visible_offsets: list[int] | None = None) -> dict:
    """One segment: ``text`` as written at (``page``, ``line``, ``col_offset``), cleaned.

    A table cell's ``row_label`` and ``col_label`` are settled from its whole grid afterwards
    (:func:`recon.ingest.grid.with_cell_grid`); they start ''.

    :param visible: what a reader sees of ``text`` when it holds markup (HTML tags, entities);
        ``visible_offsets`` maps it into ``text``. Cleaning starts from it, so ``offsets`` still
        index ``text``.
    """
    clean, offsets = clean_text(text if visible is None else visible)
    offsets = compose(visible_offsets, offsets)
    if offsets is None and clean != text:
        offsets = list(range(len(text) + 1))
    # an array of machine integers, not a list of int objects: a 5 MB line has 5 M offsets (issue 10)
    offsets = None if offsets is None else array("l", offsets)
    return dict(doc_id=doc_id, page=page, line=line, col_offset=col_offset, text=text, clean=clean,
                offsets=offsets, block=block, table_id=table_id, row=row, col=col, unit_hint=unit_hint,
                row_label="", col_label="")


def document_row(doc_id: str, path: str, fmt: str, *, encoding: str = "", pages: int = 0, lines: int = 0,
                 chars: int = 0, meta: dict | None = None, error: str = "", status: str = "") -> dict:
    """One document, readable (``error == ''``) or not; ``meta`` gives title, publisher, date, language.

    :param status: ``skipped`` for a file found but not read (``error`` then says why); by default
        ``error`` when there is an error, else ``ok``.
    """
    meta = meta or {}
    return dict(doc_id=doc_id, path=path, format=fmt, encoding=encoding, pages=pages, lines=lines,
                chars=chars, title=meta.get("title", ""), publisher=meta.get("publisher", ""),
                date=meta.get("date", ""), language=meta.get("language", ""),
                status=status or ("error" if error else "ok"), error=error)
