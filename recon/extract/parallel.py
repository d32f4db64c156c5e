"""Extraction over several processes: documents are independent, so each process reads a share of them."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import pandas as pd

from recon.extract import extract_claims
from recon.schemas import Claim, NumberToken, empty


def extract_claims_in_processes(segments: pd.DataFrame, documents: pd.DataFrame,
                                jobs: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What :func:`recon.extract.extract_claims` returns, with documents spread over ``jobs`` processes.

    Documents are dealt out largest first to the least loaded process, so one long report does not
    leave the other processes idle; the tables come back in document order.

    :param segments: a table validated by ``recon.schemas.Segment``.
    :param documents: a table validated by ``recon.schemas.Document``.
    :param jobs: how many processes; 1 reads in this process.
    """
    doc_ids = list(dict.fromkeys(segments["doc_id"]))
    if jobs <= 1 or len(doc_ids) < 2:
        return extract_claims(segments, documents)
    sizes = segments["clean"].str.len().groupby(segments["doc_id"]).sum()
    shares: list[list[str]] = [[] for _ in range(min(jobs, len(doc_ids)))]
    loads = [0] * len(shares)
    for doc_id in sorted(doc_ids, key=lambda d: -sizes[d]):
        i = loads.index(min(loads))
        shares[i].append(doc_id)
        loads[i] += int(sizes[doc_id])
    if "fork" in multiprocessing.get_all_start_methods():
        global _SHARED
        _SHARED = (segments, documents)
        try:
            # Forked workers see the tables without copying them through a pipe; only results travel.
            with ProcessPoolExecutor(len(shares), mp_context=multiprocessing.get_context("fork")) as pool:
                results = list(pool.map(_extract_share, shares))
        finally:
            _SHARED = None
    else:
        parts = [(segments[segments["doc_id"].isin(share)], documents[documents["doc_id"].isin(share)])
                 for share in shares]
        with ProcessPoolExecutor(len(shares)) as pool:
            results = list(pool.map(extract_claims, *zip(*parts, strict=True)))
    order = {d: i for i, d in enumerate(doc_ids)}
    claims = _concat([r[0] for r in results], Claim, order)
    numbers = _concat([r[1] for r in results], NumberToken, order)
    return claims, numbers


_SHARED: tuple[pd.DataFrame, pd.DataFrame] | None = None


def _extract_share(doc_ids: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Extract the documents ``doc_ids`` from the tables this forked worker inherited."""
    segments, documents = _SHARED
    return extract_claims(segments[segments["doc_id"].isin(doc_ids)],
                          documents[documents["doc_id"].isin(doc_ids)])


def _concat(tables: list[pd.DataFrame], model, order: dict[str, int]) -> pd.DataFrame:
    tables = [t for t in tables if len(t)]
    if not tables:
        return empty(model)
    df = pd.concat(tables, ignore_index=True)
    df = df.sort_values(["doc_id", "line", "start"], key=lambda c: c.map(order) if c.name == "doc_id" else c,
                        kind="stable", ignore_index=True)
    return model.validate(df)
