"""Extraction over processes: the same tables as one process, for whole documents and for the pieces
of one long line."""

import pandas as pd
import pytest

import recon.extract.parallel as parallel
from recon.extract import SegmentReader, extract_claims
from recon.extract.parallel import extract_claims_in_processes
from recon.ingest import ingest_paths


@pytest.fixture(scope="module")
def one_line(corpus_dir, tmp_path_factory):
    """The shared corpus's reports flattened into one line, as a PDF or HTML dump may hold a report."""
    text = "".join(p.read_text(encoding="utf-8").replace("\n", "").replace("\t", " ")
                   for p in sorted(corpus_dir.glob("*.txt")))
    path = tmp_path_factory.mktemp("long") / "one-line.txt"
    path.write_text(text, encoding="utf-8")
    documents, segments = ingest_paths([path])
    assert len(segments) == 1 and len(text) > parallel.PIECE_FROM
    return documents, segments, extract_claims(segments, documents)


def test_documents_spread_over_processes_give_the_tables_of_one(corpus_dir):
    documents, segments = ingest_paths([corpus_dir])
    expected = extract_claims(segments, documents)
    for got, want in zip(extract_claims_in_processes(segments, documents, 2), expected, strict=True):
        pd.testing.assert_frame_equal(got, want)


@pytest.fixture
def chained(monkeypatch):
    """(pieces, whether they were chained) of each document extraction over processes met."""
    met, chain = [], parallel._chained

    def spy(pieces):
        met.append((len(pieces), chain(pieces)))
        return met[-1][1]

    monkeypatch.setattr(parallel, "_chained", spy)
    return met


def test_pieces_of_one_long_line_give_the_tables_of_one_process(one_line, chained):
    documents, segments, expected = one_line
    got = extract_claims_in_processes(segments, documents, 2)
    assert chained == [(2, True)]  # read in pieces, not again in one process
    for table, want in zip(got, expected, strict=True):
        pd.testing.assert_frame_equal(table, want)


def test_a_piece_whose_reader_is_not_in_the_state_left_at_its_cut_is_read_again(one_line, chained,
                                                                                 monkeypatch):
    documents, segments, expected = one_line
    state_at = SegmentReader.state_at
    monkeypatch.setattr(SegmentReader, "state_at", lambda self, pos, taken: {
        **state_at(self, pos, taken), "piece": self.piece.lo})  # no two pieces meet in this state
    got = extract_claims_in_processes(segments, documents, 2)
    assert chained == [(2, False)]
    for table, want in zip(got, expected, strict=True):
        pd.testing.assert_frame_equal(table, want)
