"""Extract: find every number in the segments and decide whether it is a claim.

Entry point: :func:`extract_claims`. Every number token ends up either in the claims table or
in the number-token table with a :class:`recon.schemas.NonClaimReason`.
"""

from __future__ import annotations

import pandas as pd


def extract_claims(segments: pd.DataFrame, documents: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (claims, non-claim number tokens), validated by ``Claim`` and ``NumberToken``.

    ``documents.date`` is the report date: a figure for a later period is a forecast.
    """
    raise NotImplementedError
