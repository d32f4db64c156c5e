"""Periods: years, spans, quarters, halves and months written in a sentence."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from recon.lexicon import alternation, lexicon

_TIME = lexicon().time
#: Relative years stand in the text that periods are read from as one private-use character each
#: (去年 → \ue00a年, last year → "in \ue00a" and spaces): offsets stay those of the line.
RELATIVE_BASE = 0xE00A
PRESENT_MARK = chr(RELATIVE_BASE + 20)
_LOST = "".join(_TIME.lost_digit)
YEAR = (r"(?<!\d)(?<!\d[.,])(?:19[5-9]\d|20[0-4]\d|[\ue000-\ue01f])"
        rf"|(?<![\d{re.escape(_LOST)}])[{re.escape(_LOST)}]0[0-4]\d(?!\d)")
CN_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4,
              "first": 1, "second": 2, "third": 3, "fourth": 4}

#: Five-year plans (time.yaml): “十四五” is 2021-2025.
PLAN_RE = re.compile(alternation(_TIME.five_year_plans), re.IGNORECASE)
PLAN_YEARS = 5
#: 此后三年, the following three years: so many years counted on from the last year named.
_NUMBERS = lexicon().multipliers
_YEAR_COUNTS = {**{w: int(n) for w, n in _NUMBERS.english_numbers.items()
                   if n == int(n) and n >= 1 and " " not in w and w != "a"},
                **{w: d for w, d in _NUMBERS.digits.items() if d >= 1}, "十": 10}
_COUNT_OF_YEARS = rf"\s?(?P<n>\d{{1,2}}|{alternation(_YEAR_COUNTS)})\s?个?(?:年|\s?years?\b)"
FOLLOWING_RE = re.compile(rf"(?<![A-Za-z])(?:{alternation(_TIME.following_years)}){_COUNT_OF_YEARS}",
                          re.IGNORECASE)
#: 到2030年的五年间, the five years to 2030: so many years of change ending in the year named.
YEARS_UP_TO_AFTER_RE = re.compile(rf"的?{_COUNT_OF_YEARS}(?:间|期间|内|中)")
#: (the period may hold its own "through": "through 2030")
YEARS_UP_TO_BEFORE_RE = re.compile(rf"(?<![A-Za-z]){_COUNT_OF_YEARS}\s(?:(?:to|through|until|ending in)\s)?$",
                                   re.IGNORECASE)
UP_TO_RE = re.compile(r"(?:to|through|until|ending in)\s", re.IGNORECASE)
#: 过去三年, the last eight quarters: so many years or quarters back from the time of writing.
PAST_RE = re.compile(rf"(?<![A-Za-z])(?:{alternation(_TIME.past_years)})\s?"
                     rf"(?P<n>\d{{1,2}}|{alternation(_YEAR_COUNTS)})"
                     r"\s?(?:(?P<years>年|years?\b)|(?P<quarters>个?季度|quarters?\b))", re.IGNORECASE)
QUARTERS = 4
#: 未来五年, the next five years: so many years from the writer's present.
COMING_RE = re.compile(rf"(?<![A-Za-z])(?:{alternation(_TIME.coming_years)}){_COUNT_OF_YEARS}",
                       re.IGNORECASE)
RESPECTIVELY_RE = re.compile(rf"\b(?:{alternation(_TIME.respectively)})\b", re.IGNORECASE)
YEAR_HINT_RE = re.compile(
    rf"(?:19[5-9]|20[0-4])\d|[{re.escape(_LOST)}]0[0-4]\d|[1-4][QH]\d\d|\d\d[QH][1-4]|民[国國]\s?\d"
    rf"|{PLAN_RE.pattern}", re.IGNORECASE)
#: Taiwan counts years of the Republic (民國113年 is 2024): this is added to them.
ROC_EPOCH = 1911
#: A quarter, half or month written without its year (第二季度, 上半年, 截至6月底, the second quarter, Q2).
PART_HINT_RE = re.compile(r"季|半年|月[底末]|quarter|half|(?<![A-Za-z0-9])[QH][1-4](?![\dA-Za-z])")
_CHINESE_RELATIVE = {w: o for w, o in _TIME.relative_years.items() if not w.isascii()}
_ENGLISH_RELATIVE = {w: o for w, o in _TIME.relative_years.items() if w.isascii()}
#: Relative years and words for the present, as written: 去年, 上年度, last year, 目前, currently. The
#: first letters of all of them are tested once, not by each group, where none can start.
_RELATIVE_FIRST = "".join(sorted({w[0] for w in [*_TIME.relative_years, *_TIME.present]}))
RELATIVE_RE = re.compile(
    f"(?=[{re.escape(_RELATIVE_FIRST)}])"
    f"(?:(?P<zh>{alternation(_CHINESE_RELATIVE)})|(?P<en>{alternation(_ENGLISH_RELATIVE)})"
    f"|(?P<now>{alternation(_TIME.present)}))",
    re.IGNORECASE,
)
#: 届时, 该年, by then: the period just named, again.
ANAPHOR_RE = re.compile(alternation(_TIME.anaphoric), re.IGNORECASE)
#: A list item's mark in a list flattened onto one line (• …, ● …, - … between spaces). It opens on
#: one character class, so that a search skips at C speed to where a mark can stand.
ITEM_MARK_RE = re.compile(r"[•▪●◆■◦-](?:(?<!-)|(?<=\s-)(?=\s))")
#: What a period can start with: a first digit not inside a number, of a year (19, 20), a shorthand
#: (3Q23, 24H1) or a month (6月底); a relative year's mark, a lost digit, 第, 上, 下, 民; an English
#: word that opens one. Each alternative of PERIOD_RE tried at every digit and letter of a long line
#: was most of its cost.
#: The English words that make a year a period (time.yaml year_before): during 2023, for fiscal year 2024.
YEAR_BEFORE = rf"(?i:{alternation(_TIME.year_before)})\s?"
PERIOD_START = (rf"(?<!\d)(?=19|20|[0-4]\d?[QH]|\d\d?\s?月)|(?=[\ue000-\ue01f第上下民{re.escape(_LOST)}QH]"
                rf"|{YEAR_BEFORE}|[Bb]etween |first |second |third |fourth )")
PERIOD_RE = re.compile(
    rf"(?:{PERIOD_START})(?:"
    # 2022-2027年, 2022年至2027年, 2025E-2030E, and 20252030年 whose dash was lost
    rf"(?P<y1>{YEAR})\s?[年E]?\s?(?:-|–|—|~|～|至|到|to)\s?(?P<y2>{YEAR})\s?[年E]?"
    rf"|[Bb]etween (?P<b1>{YEAR}) and (?P<b2>{YEAR})"
    rf"|(?<!\d)(?P<g1>20[0-4]\d)(?P<g2>20[0-4]\d)(?=年|\s(?![\d\s]))"
    # 2025Q1, 2025年第一季度, 2023H1, 2023年上半年, 2023年12月
    rf"|(?P<qy>{YEAR})\s?年?\s?(?:Q(?P<q>[1-4])|第(?P<qc>[一二三四1-4])季度?|(?P<qc2>[一二三四])季度)"
    rf"|(?P<hy>{YEAR})\s?年?\s?(?:H(?P<h>[12])|(?P<hc>[上下])半年)"
    rf"|(?P<my>{YEAR})\s?年\s?(?P<m>1[0-2]|0?[1-9])\s?月"
    # English order: Q3 2023, H1 2024, the third quarter of 2024, the first half of 2024
    rf"|Q(?P<eq>[1-4])\s?(?P<eqy>{YEAR})|H(?P<eh>[12])\s?(?P<ehy>{YEAR})"
    rf"|(?P<wq>first|second|third|fourth) quarter (?:of )?(?P<wqy>{YEAR})"
    rf"|(?P<wh>first|second) half (?:of )?(?P<why>{YEAR})"
    # a year (and month) of the Republic: 民國112年 (2023), 民國113年5月
    r"|民[国國]\s?(?P<roc>[1-9]\d{1,2})\s?年(?:\s?(?P<rocm>1[0-2]|0?[1-9])\s?月)?"
        # financial shorthand: 3Q23, 1H24, 23Q3, 24H1
    r"|(?<![\dA-Za-z])(?:(?P<sq>[1-4])Q(?P<sqy>[0-4]\d)|(?P<tqy>[0-4]\d)Q(?P<tq>[1-4])"
    r"|(?P<sh>[12])H(?P<shy>[0-4]\d)|(?P<thy>[0-4]\d)H(?P<th>[12]))(?![\dA-Za-z])"
    # a part of the year written without its year: 第二季度, 上半年, 截至6月底, the second quarter, Q2
    r"|(?<![\d年])(?:第(?P<nq>[一二三四1-4])季度?|(?P<nh>[上下])半年(?!度)"
    r"|(?<![\d./-])(?P<nm>1[0-2]|[1-9])\s?月(?=\s?[底末])"
    r"|(?P<nwq>first|second|third|fourth) quarter(?! (?:of )?(?:19|20)\d\d)"
    r"|(?P<nwh>first|second) half(?! (?:of )?(?:19|20)\d\d)"
    r"|(?<![A-Za-z0-9])(?:Q(?P<nqq>[1-4])|H(?P<nhh>[12]))(?![\dA-Za-z]|\s?(?:19|20)\d\d))"
    rf"|(?P<y>{YEAR})(?:\s?年|[EA](?![A-Za-z]))"
    rf"|(?:{YEAR_BEFORE})(?P<ey>{YEAR})(?![\d%]|\.\d))"
)


#: 较2023年, 比2022年 and 2025年后 name a base of comparison or a starting point, not the period.
BASE_BEFORE_RE = re.compile(r"(?:较|比|相比|相较|较之|同比|对比|低于|高于)$")
#: 到2027年, 力争到2025年, by 2028: a target year; not 到2023年底 (as of), not 提升到 (a level).
TARGET_BEFORE_RE = re.compile(
    rf"(?<![提升增降扩长达])(?:{alternation(w for w in _TIME.target_before if not w.isascii())})\s?$")
TARGET_OPENING_RE = re.compile(
    rf"(?:{alternation(w for w in _TIME.target_before if w.isascii())})\s", re.IGNORECASE)
TARGET_AFTER_RE = re.compile(r"\s?(?:年)?\s?(?:底|末|年底|年末)")
#: "up 18% from the second quarter of 2024", "than in 2023", "compared with the same period of 2024".
EN_BASE_BEFORE_RE = re.compile(
    rf"(?<![A-Za-z])(?:{alternation(_TIME.base_before)})\s+(?:the\s)?(?:same\s)?"
    r"(?:(?:period|quarter|month|half|time|level|figure)s?\s)?$",
    re.IGNORECASE,
)
#: How far back (characters) an English base word is looked for before a period.
EN_BASE_WINDOW = 40
BASE_AFTER_RE = re.compile(r"(?:底|末)?(?:后|以后|之后)(?![0-9])")
#: 达到2021年的三倍, 是2023年的两倍: the year a multiple is taken of is its base (not 当前的14倍, the
#: multiple now).
MULTIPLE_OF_RE = re.compile(rf"的\s?(?:[\d.]+|[{''.join(_NUMBERS.digits)}十百点]+)\s?倍")
#: 自2020年起, 2020年以来 and since 2020 run from that year to the report's last observed year.
SINCE_BEFORE_RE = re.compile(r"[自从]\s?$")
SINCE_OPENING_RE = re.compile(r"since\s", re.IGNORECASE)
SINCE_AFTER_RE = re.compile(r"\s?(?:[\u4e00-\u9fff]{1,3}?)?(?:起|以来)")
#: 2015年以来 needs no 自 before it (2020年起 does: without it, it may start a plan).
SINCE_ONLY_AFTER_RE = re.compile(r"\s?以来")
#: "2024年," and "截至2023年底," open a sentence and frame all of it.
TOPIC_AFTER_RE = re.compile(
    r"(?:\s?\d{1,2}\s?日)?(?:底|末|初|全年|上半年|下半年|内|期间|以来|起)?\s?[,，]"
)
#: A closing parenthesis and the space after it, between a scope and the year written after it.
CLOSING_RE = re.compile(r"[)）]\s?")
#: How far (characters) a sentence's one year reaches forward to the figures after it; English spends
#: about twice the characters on the same words.
YEAR_REACH = 60
ASCII_REACH = 2
CLOSE_RE = re.compile(r"[)）]")
#: The figures a sentence lists after its year: the year reaches from one to the next.
FIGURE_RE = re.compile(r"\d+(?:[.,]\d+)*")
#: 全年 (the whole year) after a half or a quarter.
WHOLE_YEAR_RE = re.compile(r"全年|整年|full[- ]year", re.IGNORECASE)
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
    relative: bool = False
    present: bool = False
    lost_digit: bool = False
    target: bool = False
    plan: bool = False


def resolve_relative(text: str, year: int | None) -> str:
    """``text`` with each relative year (去年, next year, 目前) replaced, at the same length, by a mark
    that the period patterns read as that year of a document of ``year``; unchanged without a year."""
    if year is None:
        return text

    def mark(m: re.Match) -> str:
        if m.group("now"):
            chars = PRESENT_MARK + "年"
        else:
            words = _CHINESE_RELATIVE if m.group("zh") else _ENGLISH_RELATIVE
            offset = words.get(m.group()) if m.group() in words else words[m.group().lower()]
            chars = chr(RELATIVE_BASE + offset) + ("年" if m.group("zh") else "")
        if m.group("zh") or m.group("now") and not m.group().isascii():
            return chars + "\u3000" * (len(m.group()) - len(chars))
        # padded before, so that what follows the word (At present, …) follows the mark too
        return ("in " + chars[0]).rjust(len(m.group())) if len(m.group()) >= 4 else m.group()

    return RELATIVE_RE.sub(mark, text)


def _year(text: str, year: int | None) -> tuple[int, bool, bool] | None:
    """A year as the period patterns matched it: (year, relative, lost digit); None for a mark
    that stands for no year (a private-use character in a text read without a date)."""
    if text[0] in _LOST:
        return 2000 + int(text[1:]), False, True
    if "\ue000" <= text[0] <= "\ue01f":
        if year is None:
            return None
        return year + (0 if text[0] == PRESENT_MARK else ord(text[0]) - RELATIVE_BASE), True, False
    return int(text), False, False


def find_periods(text: str, year: int | None = None, month: int | None = None) -> list[Period]:
    """Every period expression in ``text``, in order, marked when it is a base of comparison or a topic.

    :param year: the document's year, against which relative years (去年, next year) are resolved
    :param month: the document's month: a quarter, half or month written without its year (第二季度,
        the second quarter, 截至6月底) is the one nearest the document's date
    """
    if year is not None and RELATIVE_RE.search(text):
        text = resolve_relative(text, year)
    elif not YEAR_HINT_RE.search(text) and (year is None or not PART_HINT_RE.search(text)
                                            and not PAST_RE.search(text)):
        return []
    named = _with_following(text, _with_anaphors(text, _with_plans(text, _periods(text, year, month))))
    named = _with_past(text, _with_years_up_to(text, named), year, month)
    return [p._replace(base=bool(BASE_BEFORE_RE.search(text, max(0, p.start - 3), p.start)
                                 or BASE_AFTER_RE.match(text, p.end) or _english_base(text, p)
                                 or not p.present and MULTIPLE_OF_RE.match(text, p.end)),
                       topic=bool(TOPIC_AFTER_RE.match(text, p.end) and _opens_clause(text, p.start)
                                  or AS_OF_BEFORE_RE.search(text, max(0, p.start - 3), p.start)),
                       since=p.since or bool(SINCE_BEFORE_RE.search(text, max(0, p.start - 2), p.start)
                                  and SINCE_AFTER_RE.match(text, p.end)
                                  or SINCE_OPENING_RE.match(text, p.start)
                                  or SINCE_ONLY_AFTER_RE.match(text, p.end)),
                       target=_target(text, p))
            for p in named]


def _with_plans(text: str, periods: list[Period]) -> list[Period]:
    """``periods`` with each five-year plan named (十四五, the 14th Five-Year Plan) as its span."""
    plans = []
    for m in PLAN_RE.finditer(text):
        first = next(y for w, y in _TIME.five_year_plans.items() if w.lower() == m.group().lower())
        last = first + PLAN_YEARS - 1
        plans.append(Period(m.start(), m.end(), first, last, "span", f"{first}-{last}", False, plan=True))
    return sorted(periods + plans, key=lambda p: p.start) if plans else periods


def _with_following(text: str, periods: list[Period]) -> list[Period]:
    """``periods`` with each count of years on from the last year named (2022年…此后三年, "the following
    three years") as its span: 2023-2025."""
    if not periods or not FOLLOWING_RE.search(text, periods[0].end):
        return periods
    found = list(periods)
    for m in FOLLOWING_RE.finditer(text, periods[0].end):
        named = next((p for p in reversed(periods) if p.end <= m.start() and not p.base), None)
        if named is None:
            continue
        n = m.group("n")
        count = int(n) if n.isdigit() else _YEAR_COUNTS[n.lower()]
        first, last = named.last + 1, named.last + count
        found.append(Period(m.start(), m.end(), first, last, "span", f"{first}-{last}", False))
    return sorted(found, key=lambda p: p.start)


def _with_years_up_to(text: str, periods: list[Period]) -> list[Period]:
    """``periods`` with a year that so many years lead up to (到2030年的五年间, the five years to 2030)
    read as that span of change: 2025-2030."""
    found = []
    for p in periods:
        # the pattern ends on a space: where none stands before the period, it is not searched for
        spaced = text[p.start - 1:p.start].isspace()
        before = YEARS_UP_TO_BEFORE_RE.search(text, max(0, p.start - 30), p.start) if spaced else None
        if before is not None and not UP_TO_RE.search(text, before.start(), p.end):
            before = None
        m = (YEARS_UP_TO_AFTER_RE.match(text, p.end) or before) if p.grain == "year" else None
        if m is not None:
            n = m.group("n")
            first = p.last - (int(n) if n.isdigit() else _YEAR_COUNTS[n.lower()])
            start = before.start() if m is before else p.start  # the five years to 2030 opens its sentence
            p = p._replace(start=start, first=first, grain="span", label=f"{first}-{p.last}")
        found.append(p)
    return found


def _with_past(text: str, periods: list[Period], year: int | None, month: int | None) -> list[Period]:
    """``periods`` with each count of years or quarters back from the document's date (过去三年, the
    last eight quarters) as its span, flagged relative and read as a since-span (observed): a document
    of 2025 has 2022-2025 for three years, and, in September, 2023-2025 for the eight quarters to 2025Q2."""
    if year is None or not PAST_RE.search(text):
        return periods
    found = list(periods)
    for m in PAST_RE.finditer(text):
        n = m.group("n")
        count = int(n) if n.isdigit() else _YEAR_COUNTS[n.lower()]
        if m.group("years"):
            first = year - count
        else:  # the quarters up to the last one ended before the document's month
            last_quarter = year * QUARTERS + ((month or 1) - 1) // 3 - 1
            first, year_end = (last_quarter - count + 1) // QUARTERS, last_quarter // QUARTERS
            found.append(Period(m.start(), m.end(), first, year_end, "span", f"{first}-{year_end}", False,
                                since=True, relative=True))
            continue
        found.append(Period(m.start(), m.end(), first, year, "span", f"{first}-{year}", False, since=True,
                            relative=True))
    return sorted(found, key=lambda p: p.start)


def respective_year(text: str, periods: list[Period], start: int, end: int) -> Period | None:
    """Over the next three years … 12%, 10% and 9%, respectively: the i-th figure of a list closed by
    "respectively" in text[:end] is for the i-th year of the span last named before it in ``periods``,
    when the list holds one figure for each of its years."""
    spans = [p for p in periods if p.grain == "span" and not p.base and p.end <= start]
    closing = RESPECTIVELY_RE.search(text, start, end) if spans else None  # most figures follow no span
    if closing is None:
        return None
    span = spans[-1]
    if len(FIGURE_RE.findall(text, span.end, closing.start())) != span.last - span.first + 1:
        return None
    year = span.first + len(FIGURE_RE.findall(text, span.end, start))
    return span._replace(first=year, last=year, grain="year", label=str(year))


def _target(text: str, period: Period) -> bool:
    """Whether ``period`` is a year set as a target (到2027年, by 2028) rather than a date as of which
    something stood (到2023年底, by the end of 2023)."""
    if period.grain != "year" or TARGET_AFTER_RE.match(text, period.end):
        return False
    return bool(TARGET_BEFORE_RE.search(text, max(0, period.start - 4), period.start)
                or TARGET_OPENING_RE.match(text, period.start))


def _with_anaphors(text: str, periods: list[Period]) -> list[Period]:
    """``periods`` with each word pointing back (届时, 该年, by then) as the period last named before it:
    the year itself for a start (自2027年起…该年), the last year of a span (2025-2030年…届时)."""
    if not periods or not ANAPHOR_RE.search(text, periods[0].end):
        return periods
    found = list(periods)
    starts = [p.start for p in periods]
    for m in ANAPHOR_RE.finditer(text, periods[0].end):
        before = (p for p in reversed(periods[:bisect_left(starts, m.start())]) if p.end <= m.start())
        named = next((p for p in before if not p.base), None)
        if named is None:
            continue
        if named.grain == "span":
            named = named._replace(first=named.last, grain="year", label=str(named.last))
        found.append(named._replace(start=m.start(), end=m.end(), present=False, since=False))
    return sorted(found, key=lambda p: p.start)


def _english_base(text: str, period: Period) -> bool:
    """Whether an English base word stands before ``period`` ("from the second quarter of 2024"); the
    start of a span ("from 2022 to 2026") is not a base."""
    return period.grain != "span" and EN_BASE_BEFORE_RE.search(
        text, max(0, period.start - EN_BASE_WINDOW), period.start) is not None


def _opens_clause(text: str, pos: int) -> bool:
    """Whether at most a few characters stand between ``pos`` and the start of its clause."""
    window = text[max(0, pos - OPENS_WINDOW):pos]
    if CLAUSE_OPENING_RE.search(window):
        return True
    return pos <= OPENS_WINDOW - 1 and not CLAUSE_MARK_RE.search(window)


YEAR_GROUPS = ("y1", "y2", "b1", "b2", "qy", "hy", "my", "eqy", "ehy", "wqy", "why", "y", "ey")


def _periods(text: str, year: int | None, month: int | None) -> list[Period]:
    found = []
    for m in PERIOD_RE.finditer(text):
        g = m.groupdict()
        relative = present = lost_digit = False
        for key in YEAR_GROUPS:
            written = g[key]
            if written:
                resolved = _year(written, year)
                if resolved is None:
                    break
                relative |= resolved[1]
                lost_digit |= resolved[2]
                present |= written[0] == PRESENT_MARK
                g[key] = str(resolved[0])
        else:
            period = _period(m, g) or _part_of_year(m, g, year, month)
            if period is not None:
                found.append(period._replace(relative=relative or period.relative, present=present,
                                             lost_digit=lost_digit))
    return found


def _period(m: re.Match, g: dict) -> Period | None:
    """The period one match of ``PERIOD_RE`` names, its years already resolved in ``g``."""
    if g["y1"] or g["b1"] or g["g1"]:  # 2022-2027年, between 2022 and 2027, or 20252030年 whose dash was lost
        first, last = int(g["y1"] or g["b1"] or g["g1"]), int(g["y2"] or g["b2"] or g["g2"])
        if last <= first:
            return None
        return Period(m.start(), m.end(), first, last, "span", f"{first}-{last}", bool(g["g1"]))
    if g["qy"] or g["eqy"] or g["wqy"]:
        year = int(g["qy"] or g["eqy"] or g["wqy"])
        q = CN_QUARTER[g["q"] or g["qc"] or g["qc2"] or g["eq"] or g["wq"]]
        return Period(m.start(), m.end(), year, year, "quarter", f"{year}Q{q}", False)
    if g["hy"] or g["ehy"] or g["why"]:
        year = int(g["hy"] or g["ehy"] or g["why"])
        first_half = g["hc"] == "上" or g["wh"] == "first"
        half = int(g["h"] or g["eh"]) if g["h"] or g["eh"] else 1 if first_half else 2
        return Period(m.start(), m.end(), year, year, "half", f"{year}H{half}", False)
    if g["my"]:
        year, month = int(g["my"]), int(g["m"])
        return Period(m.start(), m.end(), year, year, "month", f"{year}-{month:02d}", False)
    if g["roc"]:  # 民國112年, 民國113年5月
        year = ROC_EPOCH + int(g["roc"])
        if g["rocm"]:
            month = int(g["rocm"])
            return Period(m.start(), m.end(), year, year, "month", f"{year}-{month:02d}", False)
        return Period(m.start(), m.end(), year, year, "year", str(year), False)
    if g["sqy"] or g["tqy"]:  # 3Q23, 23Q3
        year, q = 2000 + int(g["sqy"] or g["tqy"]), int(g["sq"] or g["tq"])
        return Period(m.start(), m.end(), year, year, "quarter", f"{year}Q{q}", False)
    if g["shy"] or g["thy"]:  # 1H24, 24H1
        year, half = 2000 + int(g["shy"] or g["thy"]), int(g["sh"] or g["th"])
        return Period(m.start(), m.end(), year, year, "half", f"{year}H{half}", False)
    if g["y"] or g["ey"]:
        year = int(g["y"] or g["ey"])
        return Period(m.start(), m.end(), year, year, "year", str(year), False)
    return None


def _part_of_year(m: re.Match, g: dict, year: int | None, month: int | None) -> Period | None:
    """第二季度, 上半年, 截至6月底, the second quarter, Q2 written without a year: the one nearest the
    document's date (in February, the fourth quarter is last year's); None in an undated text."""
    if year is None:
        return None
    if g["nq"] or g["nwq"] or g["nqq"]:
        q = CN_QUARTER[g["nq"] or g["nwq"] or g["nqq"]]
        grain, first_month, months, label = "quarter", 3 * q - 2, 3, f"Q{q}"
    elif g["nh"] or g["nwh"] or g["nhh"]:
        half = 1 if g["nh"] == "上" or g["nwh"] == "first" or g["nhh"] == "1" else 2
        grain, first_month, months, label = "half", 6 * half - 5, 6, f"H{half}"
    elif g["nm"]:
        grain, first_month, months = "month", int(g["nm"]), 1
        label = f"-{first_month:02d}"
    else:
        return None
    if month is not None and first_month + (months - 1) / 2 - month > 6:
        year -= 1
    return Period(m.start(), m.end(), year, year, grain, f"{year}{label}", False, relative=True)


def period_for(text: str, periods: list[Period], start: int, end: int, sentence: tuple[int, int],
               scope: tuple[int, int], carry: int = 0, starts: list[int] | None = None) -> Period | None:
    """The period a number at [start, end) refers to.

    The nearest period before the number in its scope (the sentence part between commas) wins, or
    one that opens a sentence as its topic ("2024年,…"); English often puts the year after the
    number ("259.9 EFLOPS in 2022"), so a period after it in its scope is the next choice. A base
    of comparison (较2023年) is not the claim's period. A sentence without any date carries on the
    last one written up to ``carry`` characters before it, but not from an earlier item of a list
    flattened onto one line (• …, - …).

    :param starts: the ``start`` of each period, for a binary search in long lines.
    """
    (s_lo, s_hi), (c_lo, c_hi) = sentence, scope
    item = _item_start(text, s_lo, start)
    s_lo, carry = (item, 0) if item > s_lo else (s_lo, carry)
    starts = starts if starts is not None else [p.start for p in periods]
    i = bisect_left(starts, end)
    dated = False
    # walked by index, not over a copy: a long line has thousands of periods before the number
    for p in map(periods.__getitem__, range(i - 1, -1, -1)):
        if p.start < s_lo:
            break
        if p.end <= start:
            dated = True
            if not p.base and p.start >= c_lo:
                return p
            if not p.base and (p.topic or OPENER_RE.match(text, s_lo, p.start)):
                return _whole_year(text, p, c_lo, start)
    if i < len(periods):
        after = periods[i]
        # "RMB 15 billion (US$2.1 billion) in 2023": the year after a parenthesis closing the scope
        if not after.base and (after.start < c_hi or CLOSING_RE.fullmatch(text, c_hi, after.start)):
            return after
        dated = dated or after.start < s_hi
    if dated:
        return _single_year_before(text, periods[bisect_left(starts, s_lo):i], s_lo, start)
    if COMING_RE.search(text, s_lo, start):
        return None  # 未来五年: counted from the writer's present, not from the last sentence's year
    for p in map(periods.__getitem__, range(i - 1, -1, -1)):
        if p.end < s_lo - carry:
            break
        if p.end <= s_lo:
            if ITEM_MARK_RE.search(text, p.end, s_lo + 1):
                return None
            return _whole_year(text, p, s_lo, start)
    return None


def _item_start(text: str, lo: int, start: int) -> int:
    """Where the list item holding ``start`` begins within its sentence (after its mark), else ``lo``:
    a list flattened onto one line runs its items together."""
    marks = [m.end() for m in ITEM_MARK_RE.finditer(text, lo, start)]
    return marks[-1] if marks else lo


def _single_year_before(text: str, periods: list[Period], lo: int, start: int) -> Period | None:
    """The one year a sentence named before a figure that has none of its own (2023年…,全年…509起).

    A base (较2021年) or a start (自2017年以来) scopes something else, and so does a year inside a
    parenthesis closed before the figure (长三角(2024年占全国产值38%)、粤港澳(年增速26%)); two
    different years leave the figure undated rather than guessed, and so does a year written more than
    ``YEAR_REACH`` characters before it, where a run-on sentence has moved on to other things.
    全年 after a half or a quarter (2023上半年…,全年) is its whole year.
    """
    named = [p for p in periods if lo <= p.start and p.end <= start and not p.base and not p.since
             and not _enclosed(text, p, lo, start)]
    if not named or any(p.label != named[-1].label for p in named):
        return None
    period = named[-1]
    gap = text[period.end:start]
    if max(map(len, FIGURE_RE.split(gap))) > YEAR_REACH * (ASCII_REACH if gap.isascii() else 1):
        return None
    return _whole_year(text, period, period.end, start)


def _whole_year(text: str, period: Period, lo: int, start: int) -> Period:
    """全年 (full-year) written in text[lo:start] after a half or a quarter: that period's whole year."""
    if period.grain in ("half", "quarter", "month") and WHOLE_YEAR_RE.search(text, lo, start):
        return period._replace(grain="year", label=str(period.first))
    return period


def a_year_before(period: Period) -> Period:
    """The same part of the year, a year earlier: 2024Q2 → 2023Q2, 2024 → 2023, 2024-06 → 2023-06."""
    first, last = period.first - 1, period.last - 1
    label = f"{first}-{last}" if period.grain == "span" else f"{first}{period.label[4:]}"
    return period._replace(first=first, last=last, label=label, relative=True)


def _enclosed(text: str, period: Period, lo: int, start: int) -> bool:
    """Whether ``period`` stands inside a parenthesis that closes before ``start``."""
    opened = max(text.rfind("(", lo, period.start), text.rfind("（", lo, period.start))
    if opened < 0 or CLOSE_RE.search(text, opened, period.start):
        return False
    return CLOSE_RE.search(text, period.end, start) is not None
