"""Shared fixtures: where the shared corpus and the demo corpus live."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SOURCES = ROOT / "sources"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The five real reports in ../shared/corpus, read in place (never copied)."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    """The demo corpus the project wrote itself."""
    return SOURCES


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """Small test documents in tests/data."""
    return DATA
