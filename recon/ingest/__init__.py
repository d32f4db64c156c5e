"""Ingest: load reports (txt, md, html, pdf, directories) into documents and segments.

Entry point: :func:`ingest_paths`. An unreadable file becomes a ``Document`` row with
``status == "error"`` and the reason; the other files are still read.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd


def ingest_paths(paths: Iterable[str | Path]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read every report under ``paths`` into (documents, segments), both validated.

    :param paths: files or directories; a directory is read recursively, and a
        ``manifest.yaml`` in it supplies title, publisher, date and language per file.
    :raises SourceNotFoundError: a path does not exist (usage error, not bad data).
    """
    raise NotImplementedError
