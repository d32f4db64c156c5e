"""Table cells: each claim read from a grid cell carries that cell's row label and column header.

The grid is known at ingest (:func:`recon.ingest.grid.with_cell_grid` gives every cell segment its
``row_label`` and ``col_label``); a claim is joined back to the segment it was read from by
document, page, line and the segment's span of the line (``col_offset`` to ``col_offset +
len(text)``) holding the claim's ``start``. The report shows them beside the figure
(``华东 · 2023年: 188万㎡``), so an editor sees which row and column a bare cell belongs to.

A flattened table row inside a text line (:func:`recon.extract.tables.split_flattened_rows`) is
one segment for the whole line: its cells get no labels here ('' both), since the extractor
folds the header's column name into ``metric_text`` and keeps no separate label.
"""

from __future__ import annotations

import pandas as pd

from recon.schemas import Claim, Segment

LABELS = ["row_label", "col_label"]
LINE_KEY = ["doc_id", "page", "line"]
NO_PAGE = -1
"""Stands in for a missing page in the join (NA keys never match)."""


def label_table_cells(claims: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """The claims with ``row_label`` and ``col_label`` of the grid cell each was read from ('' else).

    :param claims: a table valid under ``recon.schemas.Claim``.
    :param segments: the ``recon.schemas.Segment`` table the claims were extracted from.
    :return: the claims, in the same order, with the two columns set.
    """
    claims = Claim.validate(claims).drop(columns=LABELS, errors="ignore")
    segments = Segment.validate(segments)
    labelled = (segments["row_label"] != "") | (segments["col_label"] != "")
    cells = segments.loc[(segments["col"] >= 0) & labelled, [*LINE_KEY, "col_offset", "text", *LABELS]]
    cells = cells.assign(cell_end=cells["col_offset"] + cells["text"].str.len())
    placed = claims[["claim_id", *LINE_KEY, "start"]]
    joined = _with_page_key(placed).merge(_with_page_key(cells), on=["doc_id", "page_key", "line"])
    inside = joined[(joined["col_offset"] <= joined["start"]) & (joined["start"] < joined["cell_end"])]
    labels = inside.drop_duplicates("claim_id").set_index("claim_id")[LABELS]
    found = labels.reindex(claims["claim_id"]).fillna("")
    return Claim.validate(claims.assign(row_label=found["row_label"].to_numpy(),
                                        col_label=found["col_label"].to_numpy()))


def _with_page_key(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with its page as a join key (a missing page as NO_PAGE) instead of the page column."""
    key = table["page"].astype("Int64").fillna(NO_PAGE).astype(int)
    return table.drop(columns="page").assign(page_key=key)
