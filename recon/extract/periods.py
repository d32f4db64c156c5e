"""Periods: years, spans, quarters, halves and months written in a sentence."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

YEAR = r"(?<!\d)(?<!\d[.,])(?:19[5-9]\d|20[0-4]\d)"
CN_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

YEAR_HINT_RE = re.compile(r"(?:19[5-9]|20[0-4])\d")
PERIOD_RE = re.compile(
    r"(?=[12FIBfiobsutQH])(?:"
    # 2022-2027年, 2022年至2027年, 2025E-2030E, and 20252030年 whose dash was lost
    rf"(?P<y1>{YEAR})\s?[年E]?\s?(?:-|–|—|~|～|至|到|to)\s?(?P<y2>{YEAR})\s?[年E]?"
    rf"|(?<!\d)(?P<g1>20[0-4]\d)(?P<g2>20[0-4]\d)(?=年)"
    # 2025Q1, 2025年第一季度, 2023H1, 2023年上半年, 2023年12月
    rf"|(?P<qy>{YEAR})\s?年?\s?(?:Q(?P<q>[1-4])|第(?P<qc>[一二三四1-4])季度)"
    rf"|(?P<hy>{YEAR})\s?年?\s?(?:H(?P<h>[12])|(?P<hc>[上下])半年)"
    rf"|(?P<my>{YEAR})\s?年\s?(?P<m>1[0-2]|0?[1-9])\s?月"
    # English order: Q3 2023, H1 2024
    rf"|Q(?P<eq>[1-4])\s?(?P<eqy>{YEAR})|H(?P<eh>[12])\s?(?P<ehy>{YEAR})"
    rf"|(?P<y>{YEAR})(?:\s?年|[EA](?![A-Za-z]))"
    rf"|(?:FY|[Ii]n |[Bb]y |for |of |since |until |through )(?P<ey>{YEAR})(?![\d%]|\.\d))"
)


#: 较2023年, 比2022年 and 2025年后 name a base of comparison or a starting point, not the period.
BASE_BEFORE_RE = re.compile(r"(?:较|比|相比|相较|较之|同比|对比|低于|高于)$")
BASE_AFTER_RE = re.compile(r"(?:底|末)?(?:后|以后|之后)(?![0-9])")
#: 自2020年起 and 2020年以来 run from that year to the report's last observed year.
SINCE_BEFORE_RE = re.compile(r"[自从]\s?$")
SINCE_AFTER_RE = re.compile(r"\s?(?:[\u4e00-\u9fff]{1,3}?)?(?:起|以来)")
#: "2024年," and "截至2023年底," open a sentence and frame all of it.
TOPIC_AFTER_RE = re.compile(
    r"(?:\s?\d{1,2}\s?日)?(?:底|末|初|全年|上半年|下半年|内|期间|以来|起)?\s?[,，]"
)
#: 全年 (the whole year) after a half or a quarter.
WHOLE_YEAR_RE = re.compile(r"全年|整年|full[- ]year")
#: A topic opens its clause: at most a few words stand between it and the clause's start.
CLAUSE_MARK_RE = re.compile(r"[。！？!；;,，:：?\t]")
CLAUSE_OPENING_RE = re.compile(r"[。！？!；;,，:：?\t][^。！？!；;,，:：?\t]{0,6}$")
OPENS_WINDOW = 7
#: 截至2023年底 (as of) dates every figure of its sentence.
AS_OF_BEFORE_RE = re.compile(r"(?:截至|截止|截止到|截至到|(?<![提升增降扩长达])到)\s?$")
#: What may stand before a period that opens its sentence: list marks, 截至, 在, 自.
OPENER_RE = re.compile(
    r"[\s\-*>#()（）\d.、]*(?:截至|截止|在|于|到|至|自|从|预计|预计到|而|但|同时|其中)?\s?$"
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
    base: bool = False
    topic: bool = False
    since: bool = False


def find_periods(text: str) -> list[Period]:
    """Every period expression in ``text``, in order, marked when it is a base of comparison or a topic."""
    if not YEAR_HINT_RE.search(text):
        return []
    return [p._replace(base=bool(BASE_BEFORE_RE.search(text, max(0, p.start - 3), p.start)
                                 or BASE_AFTER_RE.match(text, p.end)),
                       topic=bool(TOPIC_AFTER_RE.match(text, p.end) and _opens_clause(text, p.start)
                                  or AS_OF_BEFORE_RE.search(text, max(0, p.start - 3), p.start)),
                       since=bool(SINCE_BEFORE_RE.search(text, max(0, p.start - 2), p.start)
                                  and SINCE_AFTER_RE.match(text, p.end)))
            for p in _periods(text)]


def _opens_clause(text: str, pos: int) -> bool:
    """Whether at most a few characters stand between ``pos`` and the start of its clause."""
    window = text[max(0, pos - OPENS_WINDOW):pos]
    if CLAUSE_OPENING_RE.search(window):
        return True
    return pos <= OPENS_WINDOW - 1 and not CLAUSE_MARK_RE.search(window)


def _periods(text: str) -> list[Period]:
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
        elif g["qy"] or g["eqy"]:
            year, q = int(g["qy"] or g["eqy"]), CN_QUARTER[g["q"] or g["qc"] or g["eq"]]
            found.append(Period(m.start(), m.end(), year, year, "quarter", f"{year}Q{q}", False))
        elif g["hy"] or g["ehy"]:
            year = int(g["hy"] or g["ehy"])
            half = int(g["h"] or g["eh"]) if g["h"] or g["eh"] else 1 if g["hc"] == "上" else 2
            found.append(Period(m.start(), m.end(), year, year, "half", f"{year}H{half}", False))
        elif g["my"]:
            year, month = int(g["my"]), int(g["m"])
            found.append(Period(m.start(), m.end(), year, year, "month", f"{year}-{month:02d}", False))
        else:
            year = int(g["y"] or g["ey"])
            found.append(Period(m.start(), m.end(), year, year, "year", str(year), False))
    return found


def period_for(text: str, periods: list[Period], start: int, end: int, sentence: tuple[int, int],
               scope: tuple[int, int], carry: int = 0, starts: list[int] | None = None) -> Period | None:
    """The period a number at [start, end) refers to.

    The nearest period before the number in its scope (the sentence part between commas) wins, or
    one that opens a sentence as its topic ("2024年,…"); English often puts the year after the
    number ("259.9 EFLOPS in 2022"), so a period after it in its scope is the next choice. A base
    of comparison (较2023年) is not the claim's period. A sentence without any date carries on the
    last one written up to ``carry`` characters before it.

    :param starts: the ``start`` of each period, for a binary search in long lines.
    """
    (s_lo, s_hi), (c_lo, c_hi) = sentence, scope
    starts = starts if starts is not None else [p.start for p in periods]
    i = bisect_left(starts, end)
    dated = False
    # walked by index, not over a copy: a long line has thousands of periods before the number
    for p in map(periods.__getitem__, range(i - 1, -1, -1)):
        if p.start < s_lo:
            break
        if p.end <= start:
            dated = True
            if not p.base and (p.start >= c_lo or p.topic or OPENER_RE.match(text, s_lo, p.start)):
                return p
    if i < len(periods):
        after = periods[i]
        if after.start < c_hi and not after.base:
            return after
        dated = dated or after.start < s_hi
    if dated:
        return _single_year_before(text, periods[bisect_left(starts, s_lo):i], s_lo, start)
    for p in map(periods.__getitem__, range(i - 1, -1, -1)):
        if p.end < s_lo - carry:
            break
        if p.end <= s_lo:
            return p
    return None


def _single_year_before(text: str, periods: list[Period], lo: int, start: int) -> Period | None:
    """The one year a sentence named before a figure that has none of its own (2023年…,全年…509起).

    A base (较2021年) or a start (自2017年以来) scopes something else; two different years leave the
    figure undated rather than guessed. 全年 after a half or a quarter (2023上半年…,全年) is its whole year.
    """
    named = [p for p in periods if lo <= p.start and p.end <= start and not p.base and not p.since]
    if not named or any(p.label != named[-1].label for p in named):
        return None
    period = named[-1]
    if period.grain != "year" and WHOLE_YEAR_RE.search(text, period.end, start):
        return period._replace(grain="year", label=str(period.first))
    return period
