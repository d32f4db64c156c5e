"""Extraction on the five real reports in ../shared/corpus, read in place, scored on ../shared/gold-dev."""

import json
import re
import subprocess
import sys

import pytest

from recon.extract import extract_claims
from recon.extract.parallel import extract_claims_in_processes
from recon.ingest import ingest_paths

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def corpus(corpus_dir):
    documents, segments = ingest_paths([corpus_dir])
    claims, tokens = extract_claims(segments, documents)
    return documents, segments, claims, tokens


@pytest.fixture(scope="module")
def original_lines(corpus_dir):
    return {p.name: p.read_text(encoding="utf-8").split("\n") for p in corpus_dir.glob("*.txt")}


def test_spans_are_the_authors_text(corpus, original_lines):
    _, _, claims, tokens = corpus
    for table in (claims, tokens):
        for row in table.itertuples():
            assert original_lines[row.doc_id][row.line - 1][row.start:row.end] == row.surface


def test_every_number_is_claimed_or_listed(corpus):
    _, segments, claims, tokens = corpus
    spans: dict = {}
    for table in (claims, tokens):
        for row in table.itertuples():
            spans.setdefault((row.doc_id, row.line), []).append((row.start, row.end))
    for seg in segments.itertuples():
        for m in re.finditer(r"\d+", seg.clean):
            at = (seg.offsets[m.start()] if seg.offsets is not None else m.start()) + seg.col_offset
            assert any(a <= at < b for a, b in spans.get((seg.doc_id, seg.line), [])), (seg.doc_id, seg.line)


def test_every_report_has_claims_and_reasons(corpus):
    documents, _, claims, tokens = corpus
    assert set(claims["doc_id"]) == set(documents["doc_id"])
    assert {"year", "product-name", "boilerplate", "part-of-claim"} <= set(tokens["reason"])


def test_processes_give_the_same_tables(corpus):
    documents, segments, claims, tokens = corpus
    parallel_claims, parallel_tokens = extract_claims_in_processes(segments, documents, jobs=2)
    assert parallel_claims.equals(claims)
    assert parallel_tokens.equals(tokens)


def test_scores_on_the_labelled_claims(corpus, corpus_dir, tmp_path):
    """The lead's acceptance measure on the development labels (the held-back labels are scored alike)."""
    score = corpus_dir.parent / "gold-dev" / "score.py"
    if not score.exists():
        pytest.skip("../shared/gold-dev is not present")
    _, _, claims, _ = corpus
    claims.to_csv(tmp_path / "facts.csv", index=False)
    command = [sys.executable, str(score), str(tmp_path / "facts.csv"), "--json", str(tmp_path / "s.json")]
    subprocess.run(command, check=True, capture_output=True)
    figures = json.loads((tmp_path / "s.json").read_text())
    assert figures["f1"] >= 0.93
    assert figures["strict_recall"] >= 0.88
    assert figures["period_accuracy"] >= 0.85
