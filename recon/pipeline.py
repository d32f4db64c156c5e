"""The pipeline as library calls: what the CLI commands run, callable from tests without click."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from recon.extract import extract_claims
from recon.ingest import ingest_paths
from recon.normalise import load_glossary, normalise_claims

EXPECTATIONS_DIR = Path(__file__).resolve().parent.parent / "expectations"


@dataclass
class Extraction:
    """What ``recon extract`` produces: the documents read, their facts and the numbers not taken."""

    documents: pd.DataFrame
    facts: pd.DataFrame
    numbers: pd.DataFrame

    @property
    def unreadable(self) -> pd.DataFrame:
        """Documents that could not be read, with the reason."""
        return self.documents[self.documents["status"] == "error"]


def extract_facts(
    paths: Iterable[str | Path], expectations: str | Path = EXPECTATIONS_DIR, jobs: int = 1
) -> Extraction:
    """Ingest ``paths``, extract claims and normalise them into facts."""
    documents, segments = ingest_paths(paths)
    claims, numbers = extract_claims(segments, documents)
    facts = normalise_claims(claims, load_glossary(Path(expectations) / "metrics.yaml"))
    return Extraction(documents=documents, facts=facts, numbers=numbers)
