"""Normalise: claims → facts (base units, dimension, canonical metric id from the glossary)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def load_glossary(path: str | Path):
    """Load and validate the metric glossary (``expectations/metrics.yaml``)."""
    raise NotImplementedError


def normalise_claims(claims: pd.DataFrame, glossary) -> pd.DataFrame:
    """Return facts (``recon.schemas.Fact``): claims with base units and a metric id."""
    raise NotImplementedError
