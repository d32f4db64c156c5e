"""Helpers for extraction tests: run the extractor on a few lines written in the test."""

from __future__ import annotations

import pandas as pd
import pytest

from recon.extract import extract_claims
from recon.ingest.rows import document_row, segment_row
from recon.schemas import Document, Segment


def read_lines(lines: list[str], date: str = "2024-04", doc_id: str = "test.txt", **segment):
    """Claims and number tokens of ``lines`` (cleaned as ingest cleans them), one document."""
    documents = Document.validate(pd.DataFrame([document_row(doc_id, doc_id, "txt", meta={"date": date})]))
    rows = [segment_row(doc_id, i, text, **segment) for i, text in enumerate(lines, 1)]
    return extract_claims(Segment.validate(pd.DataFrame(rows)), documents)


@pytest.fixture
def extract():
    """``extract(sentence, date=…)`` → the claims table of that one line."""
    return lambda sentence, **kw: read_lines([sentence], **kw)[0]


@pytest.fixture
def listed():
    """``listed(sentence)`` → the number-token table of that one line."""
    return lambda sentence, **kw: read_lines([sentence], **kw)[1]
