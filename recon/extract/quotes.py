"""The quote of a claim: the sentence around its figure, cut at clause boundaries to a bounded length.

A report flattened into one line by PDF or HTML conversion can hold a "sentence" of tens of
thousands of characters; quoting it whole made each claim's quote the whole line (a 536 KB line
wrote a 4.4 GB facts.csv, issue 10 item 7). Cutting looks only at a window of ``limit`` characters
each side of the figure, so the cost per claim is bounded whatever the length of the line.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

#: The longest quote, in characters: enough for a sentence of a report, never a whole page.
QUOTE_LIMIT = 300
#: Where a quote may be cut: after a clause mark (not inside a number: 1,200 or 3.5, not U.S.),
#: else at a space. Each branch opens on its mark, not on a lookbehind, so that a scan of a long line
#: skips at C speed to where one can stand.
CLAUSE_MARK_RE = re.compile(r"[。！？!?；;，、：:]|,(?<!\d,)|,(?!\d)|\.(?=\s)")
SPACE_RE = re.compile(r"\s")


def clause_cuts(text: str) -> list[int]:
    """Where a quote of ``text`` may start or end: just after each clause mark, in order.

    >>> clause_cuts("规模100亿元，增长12%。In 2023, sales rose.")
    [8, 14, 22]
    """
    return [m.end() for m in CLAUSE_MARK_RE.finditer(text)]


def quote_of(text: str, sentence: tuple[int, int], figure: tuple[int, int], cuts: list[int],
             limit: int = QUOTE_LIMIT) -> str:
    """The sentence ``text[sentence[0]:sentence[1]]`` if it fits in ``limit`` characters, else the clauses
    around ``figure`` (its [start, end) in ``text``) that fit, taken in turn before and after it.

    A clause too long on its own is cut at the spaces nearest the limit, else at the limit; the
    figure is always inside the quote.

    :param cuts: ``clause_cuts(text)``, found once for all the figures of ``text``.

    >>> quote_of("规模达到100亿元，同比增长12%。", (0, 19), (4, 10), [])
    '规模达到100亿元，同比增长12%。'
    >>> text = "前言很长，" * 3 + "2023年规模达到100亿元，同比增长12%，" + "后文很长，" * 3
    >>> quote_of(text, (0, len(text)), (24, 29), clause_cuts(text), limit=30)
    '前言很长，2023年规模达到100亿元，同比增长12%，'
    >>> text = "x" * 50 + " 12% " + "y" * 50
    >>> quote_of(text, (0, 105), (51, 54), clause_cuts(text), limit=20)
    '12%'
    """
    lo, hi = sentence
    start, end = max(figure[0], lo), min(figure[1], hi)
    if hi - lo <= limit:
        return text[lo:hi].strip()
    if end - start >= limit:
        return text[start:start + limit].strip()
    window_lo, window_hi = max(lo, end - limit), min(hi, start + limit)
    middle = bisect_left(cuts, start + 1)
    before = cuts[bisect_left(cuts, window_lo):middle][::-1] + ([lo] if window_lo == lo else [])
    after = cuts[bisect_left(cuts, end, middle):bisect_right(cuts, window_hi)]
    after += [hi] if window_hi == hi else []
    if not before or not after or after[0] - before[0] > limit:
        return _cut_at_spaces(text, window_lo, window_hi, start, end, limit)
    q_lo, q_hi = before.pop(0), after.pop(0)
    while before or after:
        grown = False
        if before and q_hi - before[0] <= limit:
            q_lo, grown = before.pop(0), True
        if after and after[0] - q_lo <= limit:
            q_hi, grown = after.pop(0), True
        if not grown:
            break
    return text[q_lo:q_hi].strip()


def _cut_at_spaces(text: str, lo: int, hi: int, start: int, end: int, limit: int) -> str:
    """About ``limit`` characters centred on the figure, cut at the spaces nearest the ends if any."""
    q_lo = max(lo, min(start - (limit - (end - start)) // 2, hi - limit))
    q_hi = min(hi, q_lo + limit)
    spaces = [m.start() for m in SPACE_RE.finditer(text, q_lo, q_hi)]
    left = [s for s in spaces if s < start]
    right = [s for s in spaces if s >= end]
    return text[left[0] if left else q_lo:right[-1] if right else q_hi].strip()
