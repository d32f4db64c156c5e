"""Extraction over several processes: documents are independent, and one long line is read in pieces.

Each process reads whole documents, or one piece of a document's long segment (a report flattened
into one line, issue 10 item 7). The rows come back in the order one process would have read them,
so the tables are those of :func:`recon.extract.extract_claims`, byte for byte.
"""

from __future__ import annotations

import multiprocessing
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import pandas as pd

from recon.extract import claim_tables, read_rows
from recon.extract.quantities import WORD_QUANTITY_RE

#: A segment at least this long (characters) is read in pieces, one per process, when it holds at
#: least half of its document.
PIECE_FROM = 100_000
#: How far (characters) before its piece a process starts reading, to come into the state the reading
#: of the piece before leaves at the cut: a few sentences.
WARM_UP = 3_000
#: Where a piece may start: after a sentence end.
CUT_RE = re.compile(r"[。！？；!?;]|\.\s")
#: A list read with 分别 (A、B分别为…) is remembered until the next one: a process starts reading before
#: the last one within this many characters before its piece, so that it remembers the same list.
LIST_REACH = 30_000


class PieceDone(Exception):
    """The reader of a piece reached the piece's end."""


@dataclass
class Piece:
    """One piece of a long segment, read by one process.

    Numbers before ``warm`` are skipped; those from ``warm`` on are read, so that at ``lo`` the reader
    is in the state the piece before leaves there (checked by comparing :attr:`start` with that
    piece's :attr:`end`); rows are kept from ``lo``; reading stops at ``hi`` (the last piece reads to
    the end of the document).
    """

    segment: tuple
    """(page, line, col_offset, length) of the long segment."""
    warm: int
    lo: int
    hi: int | None
    start: dict | None = None
    """The reader's state at the first number from ``lo`` on."""
    end: dict | None = None
    """The reader's state at the first number from ``hi`` on."""
    rows: tuple[list, list] | None = None
    words: bool | None = None
    """Whether the segment may hold quantities in words: they are read after all its numbers, with
    the state the whole line left, which a piece cannot check."""

    def reads(self, reader, pos: int, taken: int) -> bool:
        """Whether ``reader`` reads the number at ``pos`` of its segment (``taken``: where it reads on)."""
        if (reader.page, reader.line, reader.col_offset, len(reader.clean)) != self.segment:
            return True
        if self.hi is None and self.words is None:
            self.words = WORD_QUANTITY_RE.search(reader.clean) is not None
        if pos < self.warm:
            return False
        if self.hi is not None and pos >= self.hi:
            self.end = {"pos": pos, **reader.state_at(pos, taken)}
            self.rows = (reader.claims, reader.numbers)
            raise PieceDone
        if pos >= self.lo and self.start is None:
            self.start = {"pos": pos, **reader.state_at(pos, taken)}
            if self.lo > 0:  # what was read before is the pieces before's
                del reader.claims[:], reader.numbers[:]
        return True


def extract_claims_in_processes(segments: pd.DataFrame, documents: pd.DataFrame,
                                jobs: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What :func:`recon.extract.extract_claims` returns, read by ``jobs`` processes.

    The largest tasks go first; a document whose one segment is most of it and at least
    ``PIECE_FROM`` characters long is read as ``jobs`` pieces of that segment, so one flattened
    report keeps every process busy. A piece whose reader does not come into the state the piece
    before it left is read again, with its whole document, in this process.

    :param segments: a table validated by ``recon.schemas.Segment``.
    :param documents: a table validated by ``recon.schemas.Document``.
    :param jobs: how many processes; 1 reads in this process.
    """
    doc_ids = list(dict.fromkeys(segments["doc_id"]))
    if jobs <= 1:
        return claim_tables(*read_rows(segments, documents))
    tasks = [task for doc_id, group in segments.groupby("doc_id", sort=False)
             for task in _tasks(doc_id, group, jobs)]
    if len(tasks) < 2:
        return claim_tables(*read_rows(segments, documents))
    order = sorted(range(len(tasks)), key=lambda i: -tasks[i][2])
    results = dict(zip(order, _run([tasks[i][:2] for i in order], segments, documents, jobs), strict=True))
    claims: list[dict] = []
    numbers: list[dict] = []
    for doc_id in doc_ids:
        done = [results[i] for i, task in enumerate(tasks) if task[0] == doc_id]
        if not _chained([piece for piece, _ in done]):
            done = [(None, read_rows(*_of(segments, documents, doc_id)))]
        for _, (c, n) in done:
            claims += c
            numbers += n
    return claim_tables(claims, numbers)


def _tasks(doc_id: str, group: pd.DataFrame, jobs: int) -> list[tuple[str, Piece | None, int]]:
    """(document, piece or None for the whole document, size) for the tasks reading one document."""
    lengths = group["clean"].str.len()
    size = int(lengths.sum())
    last = group.iloc[-1] if len(group) else None
    if last is None or len(last["clean"]) < PIECE_FROM or 2 * len(last["clean"]) < size:
        # a long line read in pieces is the last segment of its document: the lines after it would
        # read on from what it leaves
        return [(doc_id, None, size)]
    clean = last["clean"]
    cuts = [0] + [_cut(clean, len(clean) * k // jobs) for k in range(1, jobs)] + [None]
    page = None if pd.isna(last["page"]) else int(last["page"])
    segment = (page, int(last["line"]), int(last["col_offset"]), len(clean))
    pieces = [Piece(segment, _warm_up(clean, lo) if lo else 0, lo, hi)
              for lo, hi in zip(cuts, cuts[1:], strict=False)]
    return [(doc_id, piece, size // jobs) for piece in pieces]


def _cut(clean: str, pos: int) -> int:
    """The first place at or after ``pos`` right after a sentence end (else ``pos``)."""
    found = CUT_RE.search(clean, pos)
    return found.end() if found else pos


def _warm_up(clean: str, lo: int) -> int:
    """Where the reader of the piece from ``lo`` starts: a few sentences before it, or before the
    sentence of the last 分别 within ``LIST_REACH`` characters."""
    listed = clean.rfind("分别", max(0, lo - LIST_REACH), lo)
    start = min(lo - WARM_UP, listed) if listed >= 0 else lo - WARM_UP
    ends = list(CUT_RE.finditer(clean, max(0, start - WARM_UP), max(0, start)))
    return ends[-1].end() if ends else max(0, start - WARM_UP)


def _chained(pieces: list[Piece | None]) -> bool:
    """Whether each piece's reader came into the state the piece before it left at the cut."""
    if len(pieces) > 1 and pieces[-1].words:
        return False
    return all(a.end is not None and a.end == b.start for a, b in zip(pieces, pieces[1:], strict=False))


def _run(tasks: list, segments: pd.DataFrame, documents: pd.DataFrame, jobs: int) -> list:
    """(piece, rows) for each (document, piece) task, read by ``jobs`` processes."""
    if "fork" in multiprocessing.get_all_start_methods():
        global _SHARED
        _SHARED = (segments, documents)
        try:
            # Forked workers see the tables without copying them through a pipe; only results travel.
            with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
                return list(pool.map(_read_shared, tasks))
        finally:
            _SHARED = None
    parts = [(*_of(segments, documents, doc_id), piece) for doc_id, piece in tasks]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(_read, *zip(*parts, strict=True)))


_SHARED: tuple[pd.DataFrame, pd.DataFrame] | None = None


def _read_shared(task: tuple[str, Piece | None]) -> tuple[Piece | None, tuple[list, list]]:
    """Read one task from the tables this forked worker inherited."""
    doc_id, piece = task
    return _read(*_of(*_SHARED, doc_id), piece)


def _read(segments: pd.DataFrame, documents: pd.DataFrame, piece: Piece | None):
    """The rows of one document, or of one piece of it, with the piece and the states it met."""
    try:
        rows = read_rows(segments, documents, piece)
    except PieceDone:
        rows = piece.rows
    if piece is not None:
        piece.rows = None  # the rows travel once
    return piece, rows


def _of(segments: pd.DataFrame, documents: pd.DataFrame, doc_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    return segments[segments["doc_id"] == doc_id], documents[documents["doc_id"] == doc_id]
