"""Periods: years, spans, quarters, halves and months written in a sentence."""

from __future__ import annotations

import re
from typing import NamedTuple

YEAR = r"(?<!\d)(?<!\d[.,])(?:19[5-9]\d|20[0-4]\d)"
CN_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

PERIOD_RE = re.compile(
    # 2022-2027年, 2022年至2027年, 2025E-2030E, and 20252030年 whose dash was lost
    rf"(?P<y1>{YEAR})\s?[年E]?\s?(?:-|–|—|~|～|至|到|to)\s?(?P<y2>{YEAR})\s?[年E]?"
    rf"|(?<!\d)(?P<g1>20[0-4]\d)(?P<g2>20[0-4]\d)(?=年)"
    # 2025Q1, 2025年第一季度, 2023H1, 2023年上半年, 2023年12月
    rf"|(?P<qy>{YEAR})\s?年?\s?(?:Q(?P<q>[1-4])|第(?P<qc>[一二三四1-4])季度)"
    rf"|(?P<hy>{YEAR})\s?年?\s?(?:H(?P<h>[12])|(?P<hc>[上下])半年)"
    rf"|(?P<my>{YEAR})\s?年\s?(?P<m>1[0-2]|0?[1-9])\s?月"
    rf"|(?P<y>{YEAR})(?:\s?年|[EA](?![A-Za-z]))"
    rf"|(?:FY|[Ii]n |[Bb]y |for |of |since |until |through )(?P<ey>{YEAR})(?![\d.%])"
)


class Period(NamedTuple):
    """A period found in the text: its span in the text and what it denotes."""

    start: int
    end: int
    first: int
    last: int
    grain: str
    label: str
    mangled: bool


def find_periods(text: str) -> list[Period]:
    """Every period expression in ``text``, in order."""
    found = []
    for m in PERIOD_RE.finditer(text):
        g = m.groupdict()
        if g["y1"]:
            first, last = int(g["y1"]), int(g["y2"])
            if last <= first:
                continue
            found.append(Period(m.start(), m.end(), first, last, "span", f"{first}-{last}", False))
        elif g["g1"]:
            first, last = int(g["g1"]), int(g["g2"])
            if last <= first:
                continue
            found.append(Period(m.start(), m.end(), first, last, "span", f"{first}-{last}", True))
        elif g["qy"]:
            year, q = int(g["qy"]), CN_QUARTER[g["q"] or g["qc"]]
            found.append(Period(m.start(), m.end(), year, year, "quarter", f"{year}Q{q}", False))
        elif g["hy"]:
            year = int(g["hy"])
            half = int(g["h"]) if g["h"] else 1 if g["hc"] == "上" else 2
            found.append(Period(m.start(), m.end(), year, year, "half", f"{year}H{half}", False))
        elif g["my"]:
            year, month = int(g["my"]), int(g["m"])
            found.append(Period(m.start(), m.end(), year, year, "month", f"{year}-{month:02d}", False))
        else:
            year = int(g["y"] or g["ey"])
            found.append(Period(m.start(), m.end(), year, year, "year", str(year), False))
    return found


def period_for(periods: list[Period], start: int, end: int, lo: int, hi: int,
               carry: int = 0) -> Period | None:
    """The period a number at [start, end) refers to, among periods inside [lo, hi).

    The nearest period before the number in the same sentence wins; English often puts the year
    after the number ("259.9 EFLOPS in 2022"), so a period after it is the next choice. A sentence
    without a period carries on the last one written up to ``carry`` characters before it.
    """
    before = earlier = None
    for p in periods:
        if p.start >= end:
            if before is None and p.start < hi:
                return p
            break
        if p.end <= start and p.start >= lo:
            before = p
        elif p.end <= lo and p.end >= lo - carry:
            earlier = p
    return before or earlier
