"""Ingest: load reports (txt, md, html, pdf, docx, xlsx, directories) into documents and segments.

Entry point: :func:`ingest_paths`. An unreadable file (or directory) becomes a ``Document`` row
with ``status == "error"`` and the reason; a file of a type recon does not read, found in a
directory, a row with ``status == "skipped"`` and the reason; the other files are still read.
Which files are read is decided in :mod:`recon.ingest.sources`, cleaning in :mod:`recon.ingest.clean`.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from recon.errors import UnreadableSourceError
from recon.ingest.decode import looks_binary
from recon.ingest.excel import read_xlsx
from recon.ingest.html import read_html
from recon.ingest.pdf import read_pdf
from recon.ingest.rows import document_row
from recon.ingest.sources import FORMATS, Source, find_sources
from recon.ingest.text import read_text
from recon.ingest.word import read_docx
from recon.schemas import Document, Segment

SEGMENT_COLUMNS = list(Segment.to_schema().columns)
READERS = {"txt": read_text, "md": read_text, "html": read_html, "pdf": read_pdf, "docx": read_docx,
           "xlsx": read_xlsx}
"""Each format's reader: ``(doc_id, data, path, fmt) -> (document row, segment rows)``."""
OFFICE_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx"}
"""The part of a zip package that makes it a Word document or an Excel workbook."""


def sniff_format(path: Path, data: bytes) -> str:
    """The format from the extension, or from the content for a file named without a known one.

    :raises UnreadableSourceError: binary content of a type recon does not read
        (``unsupported type .pptx``).
    """
    if path.suffix.lower() in FORMATS:
        return FORMATS[path.suffix.lower()]
    head = data[:1024].lstrip().lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    zipped = data.startswith(b"PK\x03\x04")
    if zipped:
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            names = set()
        for part, fmt in OFFICE_PARTS.items():
            if part in names:
                return fmt
    if zipped or looks_binary(data):
        raise UnreadableSourceError(path, f"unsupported type {path.suffix.lower() or '(no extension)'}")
    return "txt"


def _doc_ids(sources: list[Source]) -> list[str]:
    """File names, or paths relative to the common folder when two files share a name."""
    names = [source.path.name for source in sources]
    if len(set(names)) == len(names):
        return names
    common = Path(os.path.commonpath([source.path.parent for source in sources]))
    return [source.path.relative_to(common).as_posix() for source in sources]


def read_source(source: Source, doc_id: str) -> tuple[dict, list[dict]]:
    """Read one file into its document row and segment rows; a bad file gives an error row.

    :param source: the file and its manifest metadata (which wins over what the text suggests).
    :param doc_id: the document's id in this run.
    """
    path = str(source.path)
    fmt = FORMATS.get(source.path.suffix.lower(), "unknown")
    if source.status != "ok":
        fmt = "directory" if source.path.is_dir() else fmt
        row = document_row(doc_id, path, fmt, meta=source.meta, error=source.reason, status=source.status)
        return row, []
    try:
        data = source.path.read_bytes()
        fmt = sniff_format(source.path, data)
        doc, segments = READERS[fmt](doc_id, data, path, fmt)
    except UnreadableSourceError as error:
        if fmt == "txt" and source.path.suffix.lower() not in FORMATS:
            fmt = "unknown"
        return document_row(doc_id, path, fmt, meta=source.meta, error=error.reason), []
    except OSError as error:
        return document_row(doc_id, path, fmt, meta=source.meta, error=f"cannot read file: {error}"), []
    doc.update({key: value for key, value in source.meta.items() if value})
    return doc, segments


def ingest_paths(
    paths: Iterable[str | Path] | str | Path, *, manifest: str | Path | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read every report under ``paths`` into (documents, segments), both validated.

    :param paths: files or directories (or a single one); a directory is read recursively (see
        :mod:`recon.ingest.sources` for which files).
    :param manifest: a ``manifest.yaml`` giving title, publisher, date and language per file.
    :raises SourceNotFoundError: a path does not exist (usage error, not bad data).
    :raises ConfigError: a manifest is malformed.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    sources = find_sources(paths, manifest=manifest)
    documents, segments = [], []
    for source, doc_id in zip(sources, _doc_ids(sources), strict=True):
        doc, rows = read_source(source, doc_id)
        documents.append(doc)
        segments.extend(rows)
    documents = pd.DataFrame(documents, columns=list(Document.to_schema().columns))
    segments = pd.DataFrame(segments, columns=SEGMENT_COLUMNS)
    segments["page"] = segments["page"].astype("Int64")
    return Document.validate(documents), Segment.validate(segments)


def unreadable_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """The rows of a ``Document`` table whose file could not be read, with the reason.

    Every later stage reports them (exit 2, the report's list) rather than dropping them silently.
    """
    return documents[documents["status"] == "error"]


def skipped_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """The rows of a ``Document`` table for files found in a directory but not read, with the reason.

    Not an input error (the run's exit status does not change), but listed on stderr and in the
    report so that no file is left out without a word.
    """
    return documents[documents["status"] == "skipped"]
