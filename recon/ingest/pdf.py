"""PDF: one segment per line of each page's extracted text, with the 1-based page number.

Positions in a PDF segment are into that page's extracted text (pypdf's ``extract_text``), split
on ``\\n``: ``line`` counts from 1 on each page.
"""

from __future__ import annotations

import io
import logging

import pypdf
from pypdf.errors import PyPdfError

from recon.errors import UnreadableSourceError
from recon.ingest.metadata import describe
from recon.ingest.rows import document_row
from recon.ingest.text import line_segments


def read_pdf(doc_id: str, data: bytes, path: str, fmt: str = "pdf") -> tuple[dict, list[dict]]:
    """Read a PDF into its document row and segment rows.

    :param data: the file's bytes.
    :raises UnreadableSourceError: corrupt or encrypted PDF, or one without any text layer.
    """
    if not data.strip():
        raise UnreadableSourceError(path, "empty file")
    # pypdf logs warnings for every repairable flaw; a bad file is reported once, as a result
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnreadableSourceError(path, "encrypted PDF")
        pages = [page.extract_text() or "" for page in reader.pages]
        info_title = (reader.metadata or {}).get("/Title") or ""
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise UnreadableSourceError(path, f"corrupt PDF: {error}") from error
    if not any(text.strip() for text in pages):
        raise UnreadableSourceError(path, "no extractable text in PDF (scanned images?)")
    segments = []
    for number, text in enumerate(pages, 1):
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        segments.extend(line_segments(doc_id, lines, page=number))
    text = "\n".join(pages)
    meta = describe(segments, text)
    meta["title"] = str(info_title).strip() or meta["title"]
    doc = document_row(doc_id, path, fmt, pages=len(pages), lines=len(segments), chars=len(text), meta=meta)
    return doc, segments
