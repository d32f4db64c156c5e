"""Fixtures for CLI tests: the pipeline stages replaced by hand-built tables (real ones in e2e)."""

import pytest

import recon.pipeline
from tests.report import tables


@pytest.fixture
def stub_pipeline(monkeypatch):
    """Make ``recon audit`` read the hand-built tables; returns a setter for the findings and documents.

    Paths given on the command line still have to exist: the stub checks them like ingest does.
    """
    state = {"findings": tables.findings(), "documents": tables.documents().query("status == 'ok'")}

    def extract(paths, expectations=None, jobs=1):
        from recon.errors import SourceNotFoundError

        for path in paths:
            if not path.exists():
                raise SourceNotFoundError(path, "no such file or directory")
        return recon.pipeline.Extraction(state["documents"], tables.facts(), tables.numbers())

    monkeypatch.setattr(recon.pipeline, "extract_facts", extract)
    monkeypatch.setattr(recon.pipeline, "check_extraction", lambda extraction, expectations=None: (
        extraction.facts, state["findings"]))
    return state
