"""Ingest: load reports (txt, md, html, pdf, directories) into documents and segments.

Entry point: :func:`ingest_paths`. An unreadable file becomes a ``Document`` row with
``status == "error"`` and the reason; the other files are still read.

(Minimal first version: UTF-8 text files only, no cleaning. To be replaced by the full ingest.)
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from recon.errors import SourceNotFoundError
from recon.schemas import Document, Segment


def ingest_paths(paths: Iterable[str | Path]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read every report under ``paths`` into (documents, segments), both validated.

    :param paths: files or directories; a directory is read recursively.
    :raises SourceNotFoundError: a path does not exist (usage error, not bad data).
    """
    files: list[Path] = []
    for p in map(Path, paths):
        if not p.exists():
            raise SourceNotFoundError(p, "no such file or directory")
        files.extend(sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p])
    docs, segs = [], []
    for f in files:
        text = f.read_text(encoding="utf-8")
        lines = text.split("\n")
        docs.append(dict(doc_id=f.name, path=str(f), format="txt", encoding="utf-8", pages=0,
                         lines=len(lines), chars=len(text), title="", publisher="", date="",
                         language="zh", status="ok", error=""))
        for i, line in enumerate(lines, 1):
            segs.append(dict(doc_id=f.name, page=pd.NA, line=i, col_offset=0, text=line, clean=line,
                             offsets=None, block="text", table_id="", row=-1, col=-1, unit_hint=""))
    return Document.validate(pd.DataFrame(docs)), Segment.validate(pd.DataFrame(segs, columns=list(
        Segment.to_schema().columns)))
