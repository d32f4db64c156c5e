"""Extract: find every number in the segments and decide whether it is a claim.

Entry point: :func:`extract_claims`. Every number token ends up either in the claims table or
in the number-token table with a :class:`recon.schemas.NonClaimReason`.
"""

from __future__ import annotations

import hashlib
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter

import pandas as pd

from recon.extract import context
from recon.extract.numbers import CN_SMALL_UNITS, NUMBER_RE, parse_number
from recon.extract.periods import OPENER_RE, Period, a_year_before, find_periods, period_for, respective_year
from recon.extract.quantities import (
    CARRIED_INDEX_UNITS,
    WORD_QUANTITY_RE,
    Quantity,
    in_unit_definition,
    label_noun,
    read_dimensionless,
    read_quantity,
    read_range_end,
    split_lost_dash,
    word_quantities,
)
from recon.extract.quotes import QUOTE_LIMIT, clause_cuts, quote_of
from recon.extract.tables import grid_cell, split_flattened_rows, split_label_rows, unit_from_hint
from recon.extract.tokens import reason_for
from recon.extract.units import CURRENCY_PREFIXES, yuan_currency
from recon.lexicon import alternation, lexicon
from recon.schemas import Claim, NonClaimReason, NumberToken, empty

#: Currency units, and what makes a paragraph's bare amounts money in one of them: a figure in it
#: (35亿美元，…20亿), or a statement of the basis (以美元计价, amounts are in US dollars).
CURRENCY_UNITS = frozenset(c.code for c in lexicon().currencies.values())
CURRENCY_WORDS = {w: c.code for c in lexicon().currencies.values() for w in (*c.after, *c.words)}
CURRENCY_BASIS_RE = re.compile(
    rf"(?P<cur>{alternation(w for w in CURRENCY_WORDS if not w.isascii())})\s?(?:计价|计算|计|为单位)"
    r"|(?:amounts?|figures?|values?)\b[^.;]{0,40}?\bin "
    rf"(?P<en>{alternation(w for w in CURRENCY_WORDS if w.isascii())})"
)
#: Further (characters) than a match of CURRENCY_BASIS_RE, and the character after it, can reach.
BASIS_REACH = 2 * (40 + 20 + max(map(len, CURRENCY_WORDS)))
#: What stands between a figure and its restatement: a parenthesis or a restating word (约合, or about),
#: with qualifiers, currency marks and a year or an "of" noun around them (5 EFLOPS in 2024, or 5,000
#: PFLOPS; 1.5 GW of power, that is 1,500 MW).
RESTATING_GAP_RE = re.compile(
    r"\s?(?:(?:in|by)\s(?:19|20)\d\d|of\s[a-z]+)?\s?(?:(?P<open>[(（])|[,，])?\s?"
    rf"(?:(?P<word>{alternation(lexicon().measures.restating)})\s?)?"
    rf"(?:(?:{alternation(lexicon().qualifiers.before)}|{alternation(CURRENCY_PREFIXES)}|"
    rf"{alternation(CURRENCY_WORDS)}|{alternation(lexicon().compute.per_second)})\s?)*",
    re.IGNORECASE,
)
#: Units whose figures are parts or changes, never one amount restated.
NOT_RESTATED_UNITS = ("%", "pp", "x")
#: A bare amount (no unit) of at least this multiplier takes its paragraph's currency: 120 billion.
CONTEXT_MONEY_MULT = 1e6
#: Letters or characters that may start a quantity in words (half, 一半, 翻番): a quick test per line.
WORD_HINT_RE = re.compile(r"[A-Za-z]|一半|翻")
#: Claim types whose value is a change: a fall (同比下降7%) makes them negative.
SIGNED_TYPES = ("growth", "cagr")
CLAIM_COLUMNS = list(Claim.to_schema().columns)
SEGMENT_COLUMNS = ["page", "line", "col_offset", "text", "clean", "offsets", "block", "unit_hint", "table_id",
                   "row", "col"]
NUMBER_COLUMNS = list(NumberToken.to_schema().columns)
#: Valuation multiples (市盈率45倍) are read as written below this value; 3545倍 is still a lost dash.
VALUATION_RE = re.compile(alternation(lexicon().measures.valuation))
VALUATION_LIMIT = 100
#: How far before a multiple its valuation word is looked for, within its clause.
VALUATION_REACH = 48
CLAUSE_MARK_RE = re.compile(r"[，,；;。]")
#: A clause mark right before a word for the present: it opens the clause a sentence reports.
PRESENT_OPENING_RE = re.compile(r"[，,:：]\s?$")
#: The word for the present a period was read from, ending where the period ends (English marks it
#: at the word's end: "Currently" → "  in 2024"), and how far back it may start.
PRESENT_WORD_RE = re.compile(rf"(?:{alternation(lexicon().time.present)})$", re.IGNORECASE)
PRESENT_REACH = max(map(len, lexicon().time.present))
#: A line opening on an item number (#### 8.美国升级…, 2、…), and how many lines apart two items of one
#: numbered list may stand.
ITEM_RE = re.compile(r"[\s#>*\-]*(\d{1,2})([.．、])(?=\S)")
ITEM_LINES = 40
#: How far (characters) after an index figure a bare decimal may go on stating that index, and the
#: years that may stand between them (从2024年1.35优化至2030年1.15, from 1.48 in 2021 to 1.22).
INDEX_CARRY = 24
YEAR_IN_GAP_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
#: Glued percentages 15%20% are two ends of a range whose dash was lost.
GLUED_PERCENT_RE = re.compile(r"(\d+(?:\.\d+)?)%(\d+(?:\.\d+)?)%")
#: Units in which a number too large to be plausible is read as a range with its dash lost.
LOST_DASH_UNITS = ("%", "pp", "x", "other:months", "days")
#: Two decimals written one after the other with the same number of places: 7.39.8 is 7.3 and 9.8.
GLUED_DECIMALS_RE = re.compile(r"(\d{1,3}\.\d{1,2})(\d{1,3}\.\d{1,2})(?![\d.])")
DATE_RE = re.compile(r"((?:19|20)\d\d)(?:-(\d\d))?")
YEAR_WORD_RE = re.compile(r"(?<!\d)(20[0-4]\d)\s?年")
CHINESE_TIME_UNITS = ("years", "other:months")
#: A segment without any of these holds no number at all and is skipped at once.
NUMERAL_RE = re.compile(rf"[\d一二两三四五六七八九十百千万亿半{''.join(CN_SMALL_UNITS)}]")
DIGIT_RE = re.compile(r"\d")
#: 五年年复合增长率, 3年CAGR: the number of years a compound growth runs over.
YEARS_OF_GROWTH_RE = re.compile(
    r"(?<!\d)([一二三四五六七八九十]+|\d{1,2})\s?年(?:期间|间|内)?(?:的)?(?:年)?(?:均|复合|CAGR)"
)
#: 同比, year on year: a change over one year (time.yaml one_year_change).
ONE_YEAR_CHANGE_RE = re.compile(alternation(lexicon().time.one_year_change))
ONE_YEAR_AFTER_RE = re.compile(rf"\s?(?:{alternation(lexicon().time.one_year_change)})")
SPAN_AVERAGE_RE = re.compile(alternation(lexicon().time.span_average))
FUTURE_YEARS_RE = re.compile(r"(?:未来|今后)([一二三四五六七八九十\d]+)年")
LABELLED_CELL_RE = re.compile(r"[\u4e00-\u9fff]{2,6}\($")
SINCE_FROM_RE = re.compile(r"[从由]\s?$")
TARGET_RE = re.compile(r"(?:至|到)\s?$")
#: 从…至… / from … to … before the two levels of a span: the start takes its first year, the end its last.
FROM_TO_RE = re.compile(r"(?:从|至|到|(?<![A-Za-z])(?:from|to))\s?(?:的)?\s?(?:US\$|\$|€|¥|RMB\s?)?$")
#: What stands between two members of one list: 37%、28%和25%, 工业质检(45%)、金融风控(38%).
LIST_GAP_RE = re.compile(r"\s?[)）]?\s?(?:、|和|与|及|以及)\s?(?:[^\d,，。；;:：()（）、%]{0,12}[(（])?\s?")
#: The rest of a name listed with 、 (九天睿芯、): a numeral starting it counts nothing.
NAME_IN_LIST_RE = re.compile(r"[\u4e00-\u9fff]{1,4}、")
#: What may stand between 分别 and the first figure of its list: 分别以, 分别为, 分别下降了.
RESPECTIVE_OPENING_RE = re.compile(r"[^\d,，。；;:：、]{0,8}")
#: What opens a clause right after a level to give its change: 同比, 年增, year on year.
GROWTH_OPENING_RE = re.compile(rf"\s?(?:{alternation(lexicon().changes.opens_growth)})")
#: How far (characters) a date carries within a paragraph, which lines count as whole flattened
#: reports, and for how many lines the last date of a paragraph frames the lines after it.
PARAGRAPH_CARRY = 400
LONG_LINE = 2000
CONTEXT_LINES = 10
#: How a line that goes straight on from the paragraph before it opens: 同比增长…, 其中…, a clause mark.
CONTINUES_RE = re.compile(
    r"\s*(?:[,，、;；)）]|同比|环比|较上年|其|同期|全年|当年|此外|另外|并|且|而|但|"
    r"(?:[Tt]his|[Tt]hat|[Ii]ts?|[Tt]he same|[Ii]n the same|[Oo]f (?:this|which|that|these)|[Uu]p|[Dd]own"
    r"|and|but)(?![A-Za-z]))"
)
PARAGRAPH_END_RE = re.compile(r"[。！？!?.]\s*$")
LATE_MONTH = 10
#: A sentence longer than this (characters) lost its sentence ends in conversion: it is read as pieces
#: of at most this length, cut at clause marks.
RUN_ON_SENTENCE = 600
#: A labelled share written on the lines after a flattened row still belongs to that row.
ROW_LINES = 2
#: Measure words that, after a Chinese numeral, list kinds rather than count things: 三类, 四种, 两条主线.
ENUMERATING_UNITS = tuple(f"count:{w}" for w in lexicon().measures.enumerating)
#: Numbers separated only by spaces, four or more in a row: the tick labels of a lost chart axis.
#: The lookahead lets a scan skip at C speed to where a number can start.
AXIS_RE = re.compile(r"(?=[-\d])(?:-?\d+(?:\.\d+)?%? +){3,}-?\d+(?:\.\d+)?%?")
#: Nouns after 四个 or 三大 that name the parts of an argument, not an amount.
_SAME_TIME = lexicon().time.same_time_year_before
#: 上年同期为42亿元 (before the figure), $4.2 billion a year earlier (after it): time.yaml; not a base
#: (较去年同期减少11.3%, up 12% from a year earlier: the change is the present period's).
SAME_TIME_BEFORE_RE = re.compile(
    rf"(?<![较比])(?:{alternation(w for w in _SAME_TIME if not w.isascii())})\S{{0,3}}$")
SAME_TIME_AFTER_RE = re.compile(
    rf"\s?(?:in |for )?(?:{alternation(w for w in _SAME_TIME if w.isascii())})", re.IGNORECASE)
#: The writer's own country (我国, 国内) on a page whose bare 元 is this currency, when not China.
HOME_OF_YUAN = {"TWD": "Taiwan"}
ENUMERATED_RE = re.compile(
    r"方面|层面|部分|阶段|维度|环节|途径|方向|要素|主线|原则|支柱|体系|特征|趋势|问题|挑战|措施|步|种|"
    r"主要|目标|任务|举措|行动|重点|动力|矛盾|风险"
)


def claim_id(doc_id: str, line: int, start: int, surface: str) -> str:
    """Stable 12-hex-character id: the same claim gets the same id in every run."""
    return hashlib.sha1(f"{doc_id}\x1f{line}\x1f{start}\x1f{surface}".encode()).hexdigest()[:12]


def report_years(date: str, texts) -> tuple[int | None, int | None]:
    """The last year a report can state as observed, and the year its undated statements describe.

    A report dated from October on describes that year as observed, and its present-tense
    statements are about that year; earlier in the year, the year before is the last observed one
    and undated statements stay undated. Without a date, the year most often written with 年 in
    the report stands in for the last observed year.
    """
    m = DATE_RE.match(date or "")
    if m:
        year, month = int(m.group(1)), int(m.group(2) or 0)
        return (year, year) if month >= LATE_MONTH else (year - 1, None)
    counts = Counter(y for t in texts for y in YEAR_WORD_RE.findall(t))
    return (int(counts.most_common(1)[0][0]) if counts else None), None


def extract_claims(segments: pd.DataFrame, documents: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (claims, non-claim number tokens), validated by ``Claim`` and ``NumberToken``.

    ``documents.date`` is the report date: a figure for a later period is a forecast.

    :param segments: a table validated by ``recon.schemas.Segment``.
    :param documents: a table validated by ``recon.schemas.Document``.
    """
    return claim_tables(*read_rows(segments, documents))


def read_rows(segments: pd.DataFrame, documents: pd.DataFrame, piece=None) -> tuple[list[dict], list[dict]]:
    """The claim and number-token rows of the segments, in the order they are read.

    :param piece: a :class:`recon.extract.parallel.Piece`, asked before each number whether to read it:
        how one long line is read in pieces by several processes.
    """
    dates = dict(zip(documents["doc_id"], documents["date"], strict=True)) if len(documents) else {}
    claims: list[dict] = []
    numbers: list[dict] = []
    for doc_id, group in segments.groupby("doc_id", sort=False):
        columns = [group[c].tolist() for c in SEGMENT_COLUMNS]
        actual, current = report_years(dates.get(doc_id, ""), columns[4])
        dated = DATE_RE.match(dates.get(doc_id, "") or "")
        year = int(dated.group(1)) if dated else None
        month = int(dated.group(2)) if dated and dated.group(2) else None
        yuan = yuan_currency(columns[4])
        home = HOME_OF_YUAN.get(yuan, "")
        reader = SegmentReader(doc_id, actual, current, claims, numbers, year,
                               context.main_place(columns[4], home), yuan, month, home, piece)
        for row in zip(*columns, strict=True):
            reader.read(*row)
    return claims, numbers


def claim_tables(claims: list[dict], numbers: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The validated claim and number-token tables of the rows :func:`read_rows` returned."""
    return _table(claims, CLAIM_COLUMNS, Claim), _table(numbers, NUMBER_COLUMNS, NumberToken)


def split_run_ons(ends: list[int], clause_ends, length: int, limit: int = RUN_ON_SENTENCE) -> list[int]:
    """Sentence ends, with a sentence longer than ``limit`` split at its clause marks into pieces of at
    most ``limit`` characters (or one clause, if longer).

    A report whose sentence ends were lost in conversion reads as one sentence of thousands of
    characters; the context of each figure (its period, place, kind, list) is looked for within its
    sentence, so without a bound the work per figure grows with the line (issue 10, item 7).

    :param clause_ends: called for the clause mark positions, only if some sentence is too long.
    """
    starts = [-1] + ends
    if all(b - a <= limit for a, b in zip(starts, ends + [length], strict=True)):
        return ends
    marks, pieces = clause_ends(), []
    for previous, end in zip(starts, ends + [length], strict=True):
        last, best = previous, None
        if end - previous > limit:
            for mark in marks[bisect_right(marks, previous):bisect_left(marks, end)]:
                if mark - last > limit and best is not None:
                    pieces.append(best)
                    last, best = best, None
                if mark - last > limit:
                    pieces.append(mark)
                    last = mark
                else:
                    best = mark
            if end - last > limit and best is not None:
                pieces.append(best)
        pieces.append(end)
    return pieces[:-1]


def _is_glued_range(low: str, high: str) -> bool:
    """Two decimals with the same number of places, the first smaller: the ends of a range."""
    return len(low.split(".")[1]) == len(high.split(".")[1]) and float(low) < float(high)


def _tidy(value: float | None) -> float | None:
    """Drop the binary noise of multiplying decimals (10.7 × 1e8 = 1069999999.9999999)."""
    return None if value is None else float(f"{value:.12g}")


def _one_amount(value: float, restating: float, converted: bool) -> bool:
    """Whether ``restating`` can be ``value`` said again: equal within 2 %, or, when written in another
    unit (EFLOPS glossed in 万亿次, GW in MW), equal up to a power of ten, a slip in the conversion
    that the unit check reports (36 EFLOPS（约合每秒360万亿次）is 10⁵ too small)."""
    if value == 0 or restating == 0:
        return value == restating
    ratio = abs(restating / value)
    power = round(math.log10(ratio)) if converted else 0
    return math.isclose(ratio / 10.0**power, 1.0, rel_tol=0.02)


def _table(rows: list[dict], columns: list[str], model) -> pd.DataFrame:
    """One validated table from row dicts, in document order, then line and position."""
    if not rows:
        return empty(model)
    order = {d: i for i, d in enumerate(dict.fromkeys(r["doc_id"] for r in rows))}
    rows.sort(key=lambda r: (order[r["doc_id"]], r["line"], r["start"]))
    df = pd.DataFrame(rows, columns=columns)
    if "claim_id" in df:
        df = df.drop_duplicates("claim_id")
    return model.validate(df)

#: What a reader finds in the text of its segment (and keeps there, or caches), not what it carries
#: from one number to the next.
SEGMENT_STATE = frozenset({"claims", "numbers", "piece", "ends", "periods", "period_starts", "text", "clean",
                           "offsets", "grids", "table_headers", "table_memory", "row_periods", "cells"})


class SegmentReader:
    """Reads the segments of one document into claim and number-token rows."""

    def __init__(self, doc_id: str, last_actual: int | None, current: int | None, claims: list,
                 numbers: list, year: int | None = None, main_geo: str = "", yuan: str = "CNY",
                 month: int | None = None, home: str = "", piece=None):
        self.doc_id = doc_id
        self.home = home  # what 我国 and 国内 name when not China
        self.piece = piece  # the piece of a long line this reader reads, if it reads only one
        self.yuan = yuan  # the currency of a bare 元 in this document
        self.month = month
        self.main_geo = main_geo
        self.placed = False
        self.last_actual = last_actual
        self.current = current
        self.year = year
        self.claims = claims
        self.numbers = numbers
        self.context_period = None
        self.context_line = 0
        self.context_open = False
        self.table_memory: dict = {}
        self.row_period: Period | None = None
        self.row_line = -ROW_LINES - 1
        self.table_headers: dict[str, list[str]] = {}
        self.grids: dict[str, dict[int, dict[int, str]]] = {}  # table → row → column → text
        self.caption: tuple[Period | None, str] = (None, "")
        self.last_money: tuple[int, str] | None = None
        self.money_line = 0
        self.listing: tuple[int, int, int] = (-1, -1, -1)
        self.last_item = (-ITEM_LINES - 1, 0, "")  # the line, number and mark of the last numbered item

    def read(self, page, line, col_offset, text, clean, offsets, block, unit_hint, table_id="", row=-1,
             col=-1) -> None:
        """Read one segment: every number in it becomes a claim or a listed token."""
        self.grid_cell = (table_id, row, col) if table_id and col >= 0 else None
        if self.grid_cell is not None:
            self.grids.setdefault(table_id, {}).setdefault(row, {})[col] = clean
        self.cells = clean.split("\t") if block == "table" and "\t" in clean else None
        if block == "caption":
            self.caption = self.caption_context(clean)
        elif block != "table" and clean.strip():
            self.caption = (None, "")
        self.in_table = block == "table"
        if self.cells is not None and table_id not in self.table_headers:
            self.table_headers[table_id] = self.cells
        if not NUMERAL_RE.search(clean) and not WORD_QUANTITY_RE.search(clean):
            return
        # a grid cell (HTML, Word, Excel, Markdown table): its row and column name its period and metric
        self.grid = grid_cell(self.grids[table_id], row, col) if self.grid_cell is not None else None
        self.header = self.table_headers.get(table_id, []) if self.cells is not None else []
        self.page = None if pd.isna(page) else int(page)
        self.line, self.col_offset, self.text, self.clean = int(line), int(col_offset), text, clean
        self.offsets = offsets
        if block == "boilerplate":
            for m in NUMBER_RE.finditer(clean):
                if m.group()[0].isdigit():
                    self.number(m.start(), m.end(), NonClaimReason.BOILERPLATE, "boilerplate block")
            return
        self.ends: dict = {}
        self.placed = context.GEO_RE.search(clean) is not None
        # the currency of a paragraph's money goes on into a line that continues it (…日圆。\n其中约1兆)
        goes_on = (self.last_money is not None and self.line - self.money_line == 1
                   and CONTINUES_RE.match(clean))
        self.last_money = (-1, self.last_money[1]) if goes_on else None
        self.last_claim: tuple[int, int, str, float, str, str] = (-1, -1, "", 0.0, "", "")
        self.previous = None
        self.period_kinds: dict[str, tuple[str, int, int]] = {}
        self.subject: tuple[int, str] = (-1, "")
        self.last_figure: tuple[int, int, str, str] = (-1, -1, "", "")
        readable = DIGIT_RE.search(clean) or self.year
        self.periods = periods = find_periods(clean, self.year, self.month) if readable else []
        self.period_starts = [p.start for p in periods]
        # In a paragraph of ordinary length, a sentence without a date inherits the last one written
        # before it; in a whole report flattened into one line, dates are too far apart to carry.
        self.carry = PARAGRAPH_CARRY if len(clean) <= LONG_LINE else 0
        # A heading, a title or a line broken off mid-sentence frames the lines after it; a paragraph
        # that ends its sentence frames only a line that goes straight on from it.
        if self.line - self.context_line > (CONTEXT_LINES if self.context_open else 1) or (
                not self.context_open and not CONTINUES_RE.match(clean)):
            self.context_period = None
        taken = 0
        runs: dict[int, int] = {}
        self.last_row_year = -1
        self.row_periods = [(-1, self.row_period)] if self.line - self.row_line <= ROW_LINES else []
        for cell in split_flattened_rows(clean, self.table_memory) + split_label_rows(clean):
            self.claim_from_cell(cell)
            if cell.row_year and (cell.run_start not in runs or cell.period.start != self.last_row_year):
                self.number(cell.period.start, cell.period.end, NonClaimReason.YEAR, "table row year")
                self.last_row_year = cell.period.start
                self.row_periods.append((cell.period.start, cell.period))
                self.row_period, self.row_line = cell.period, self.line
            runs[cell.run_start] = cell.run_end
        for axis in AXIS_RE.finditer(clean):
            for m in NUMBER_RE.finditer(clean, axis.start(), axis.end()):
                self.number(m.start(), m.end(), NonClaimReason.NO_QUANTITY, "chart axis label")
            runs[axis.start()] = axis.end()
        period_ends = iter(periods)
        period = next(period_ends, None)
        marker = self.item_marker(clean)
        for m in NUMBER_RE.finditer(clean):
            if self.piece is not None and not self.piece.reads(self, m.start(), taken):
                continue
            if marker is not None and m.start() == marker[0]:
                self.number(marker[0], marker[1] - 1, NonClaimReason.SECTION_NUMBER, "item number")
                m = NUMBER_RE.match(clean, marker[1])
                if m is None:
                    continue
            if m.start() < taken or m.start() in runs:
                taken = max(taken, runs.get(m.start(), 0))
                continue
            while period is not None and period.end <= m.start():
                period = next(period_ends, None)
            if period is not None and period.start <= m.start():
                if m.group()[0].isdigit():
                    self.number(m.start(), m.end(), NonClaimReason.YEAR, "period")
                continue
            glued = GLUED_DECIMALS_RE.match(clean, m.start())
            if glued and _is_glued_range(glued.group(1), glued.group(2)):
                taken = self.take_glued_decimals(glued)
                continue
            q = read_quantity(clean, m, self.yuan)
            taken = self.take(q, m, unit_hint)
        if WORD_HINT_RE.search(clean):
            for q in word_quantities(clean):
                self.claim(q, self.periods)
        dates = [p for p in periods if not p.present]
        if dates and block in ("text", "heading"):
            self.context_period, self.context_line = dates[-1], self.line
            self.context_open = block == "heading" or not PARAGRAPH_END_RE.search(clean)

    def state_at(self, pos: int, taken: int) -> dict:
        """What this reader carries to the number at ``pos`` of its segment, read on from ``taken``.

        Two readers of one segment in the same state here read the rest of it alike: how the pieces
        of one long line, read by several processes, are checked against each other (issue 10, item
        7). What the segment's text alone decides is left out; a period's kind counts only while
        :meth:`kind_of_period` can still look it up (a forecast whose sentence ends within the
        paragraph carry before ``pos``), a 分别 list only in the sentence of ``pos``. The quantities in
        words read after all numbers, and the segments after, are not covered.
        """
        state = {k: v for k, v in vars(self).items() if k not in SEGMENT_STATE}
        state["period_kinds"] = {label: (kind, lo, hi) for label, (kind, lo, hi) in self.period_kinds.items()
                                 if kind == "forecast" and hi >= pos - self.carry}
        if self.listing[0] < self.bounds(context.SENTENCE_END_RE, pos)[0]:
            state["listing"] = None  # 分别 is looked for in the sentence of a figure, never before
        state["taken"] = taken
        return state

    def item_marker(self, clean: str) -> tuple[int, int] | None:
        """#### 10.美国… then #### 11.28 国签署…: where items are numbered in turn, the next item's number
        glued to the figure opening its title is no decimal; return its span (with the dot) or None."""
        item = ITEM_RE.match(clean)
        if item is None:
            return None
        number, mark, glued = int(item.group(1)), item.group(2), clean[item.end():item.end() + 1].isdigit()
        line, last, last_mark = self.last_item
        follows = number == last + 1 > 1 and mark == last_mark and self.line - line <= ITEM_LINES
        if follows or not glued:
            self.last_item = (self.line, number, mark)
        return (item.start(1), item.end()) if glued and follows else None

    def take(self, q: Quantity, m, unit_hint: str) -> int:
        """Decide on the quantity ``q``: a claim or a listed number token. Return where reading goes on."""
        clean = self.clean
        if q.chinese and not q.unit:
            return q.end
        label = self.cell_label(q.start)
        if not q.unit and not q.chinese:
            read_dimensionless(clean, q)
            if not q.unit:
                self.carry_index(q)
        if not q.unit and unit_hint:
            hinted = unit_from_hint(unit_hint)
            if hinted is not None:
                q.unit, q.type_hint = hinted[0], hinted[2]
                q.value *= hinted[1]
                q.step *= hinted[1]
                q.flags += ("unit-from-caption",)
        if (q.unit == "" and q.mult >= CONTEXT_MONEY_MULT or "derived-unit" in q.flags) and (
                currency := self.context_currency(q.start)):
            # 营收为35亿美元，国内营收为20亿: a bare amount is in the currency its paragraph speaks of
            q.unit, q.type_hint = currency, "level"
            q.flags = tuple(f for f in q.flags if f != "derived-unit") + ("currency-from-context",)
        bare = q.unit == "" and q.mult != 1.0 or "derived-unit" in q.flags or "unit-from-caption" in q.flags
        if label and bare and q.unit in ("", "CNY"):
            noun = label_noun(label)
            if noun:
                q.unit, q.type_hint = f"count:{noun}", "count"
        high = read_range_end(clean, q, self.yuan) if not q.chinese or q.unit else None
        reason = reason_for(clean, m.start(), m.end(), m.group(), bool(q.unit))
        if reason is None and q.chinese:
            reason = self.chinese_non_claim(q)
        if reason is None and q.unit == "count:大" and ENUMERATED_RE.match(clean, q.end):
            reason = (NonClaimReason.ENUMERATION, clean[q.start:q.end + 4])
        if reason is None and not q.unit:
            reason = (NonClaimReason.NO_QUANTITY, "no unit")
        if reason is None and in_unit_definition(clean, q):
            reason = (NonClaimReason.NO_QUANTITY, "unit definition")
        if reason is None and q.unit == "years" and re.fullmatch(r"(?:1[89]|20)\d\d", m.group("num") or ""):
            reason = (NonClaimReason.YEAR, "year")
        if reason is not None:
            if not q.chinese:
                self.number(m.start(), m.end(), *reason)
            return m.end()
        if high is not None:
            q.value_high, q.qualifier, q.end = high.value, "range", high.end
            if high.unit_text:
                q.unit_text = high.unit_text
            self.number(high.start, high.end, NonClaimReason.PART_OF_CLAIM, "range high end")
        else:
            self.read_lost_dash(q)
        self.claim(q, self.periods)
        return q.end

    def carry_index(self, q: Quantity) -> None:
        """PUE从2024年的1.35降至2030年的1.15, PUE仍达1.35，未达到1.25的目标: a bare decimal shortly
        after an index figure of its sentence, with no other figure between, states the same index."""
        lo, end, unit = self.last_claim[:3]
        if unit not in CARRIED_INDEX_UNITS or "." not in self.clean[q.start:q.end]:
            return
        if q.start - end > INDEX_CARRY:
            return
        if lo != self.bounds(context.SENTENCE_END_RE, q.start)[0] or DIGIT_RE.search(
                YEAR_IN_GAP_RE.sub("", self.clean[end:q.start])):
            return
        q.unit, q.type_hint = unit, "other"

    def context_currency(self, pos: int) -> str:
        """The currency of the last money figure before ``pos`` in this paragraph, else the one its
        text states as the basis of its amounts (以美元计价, all amounts are in US dollars); ''."""
        if self.last_money is not None and self.last_money[0] <= pos:
            return self.last_money[1]
        basis = self.currency_basis(pos)
        return CURRENCY_WORDS[basis.group("cur") or basis.group("en")] if basis else ""

    def currency_basis(self, pos: int) -> re.Match | None:
        """The last match of ``CURRENCY_BASIS_RE`` in clean[:pos], as a scan of clean[:pos] finds it.

        The matches of the whole segment are found once; only the ``BASIS_REACH`` characters before
        ``pos``, where a match may depend on the cut, are scanned again: a scan from the start of the
        line per bare amount grew with the square of a long line (issue 10).
        """
        if "basis" not in self.ends:
            found = list(CURRENCY_BASIS_RE.finditer(self.clean))
            self.ends["basis"] = ([m.start() for m in found], found)
        starts, found = self.ends["basis"]
        i = bisect_left(starts, pos - BASIS_REACH)
        before = found[i - 1] if i else None  # ends before pos - BASIS_REACH / 2, whatever follows
        resume = max(before.end() if before else 0, pos - BASIS_REACH)
        again = list(CURRENCY_BASIS_RE.finditer(self.clean, resume, pos))
        return again[-1] if again else before

    def read_lost_dash(self, q: Quantity) -> None:
        """15%20%, 2528% and 58倍 whose range dash was lost: make ``q`` the range, flagged suspect."""
        clean = self.clean
        glued = GLUED_PERCENT_RE.match(clean, q.start)
        if glued and float(glued.group(1)) < float(glued.group(2)) <= 100:
            q.value, q.value_high, q.end = float(glued.group(1)), float(glued.group(2)), glued.end()
            q.qualifier, q.flags = "range", q.flags + ("suspect-range",)
            return
        if q.unit not in LOST_DASH_UNITS:
            return
        if q.unit == "x" and q.value < VALUATION_LIMIT and self.valued(q.start):
            return
        lost = split_lost_dash(q, clean[q.start:q.end])
        if lost is not None:
            q.value, q.value_high, q.step = lost[0], lost[1], 1.0
            q.qualifier, q.flags = "range", q.flags + ("suspect-range",)

    def valued(self, pos: int) -> bool:
        """Whether the clause before ``pos`` names a valuation multiple (市盈率, 本益比, P/E ratio)."""
        clause = CLAUSE_MARK_RE.split(self.clean[max(0, pos - VALUATION_REACH):pos])[-1]
        return VALUATION_RE.search(clause) is not None

    def take_glued_decimals(self, glued: re.Match) -> int:
        """7.39.8% is the range 7.3–9.8% whose dash was lost: claim it as a suspect range."""
        high_match = NUMBER_RE.match(self.clean, glued.start(2))
        q = read_quantity(self.clean, high_match, self.yuan)
        if not q.unit:
            self.number(glued.start(), glued.end(), NonClaimReason.NO_QUANTITY, "glued decimals")
            return glued.end()
        low = float(glued.group(1))
        q.value_high, q.value = q.value, low * q.mult * q.unit_factor
        q.start, q.qualifier, q.flags = glued.start(), "range", q.flags + ("suspect-range",)
        self.claim(q, self.periods)
        return q.end

    def bounds(self, pattern: re.Pattern, pos: int) -> tuple[int, int]:
        """The sentence, clause or scope holding ``pos``; delimiters found once per segment, when needed."""
        if pattern not in self.ends:
            ends = context.boundaries(self.clean, pattern)
            if pattern is context.SENTENCE_END_RE:
                ends = split_run_ons(ends, lambda: self.bounds_of(context.CLAUSE_END_RE), len(self.clean))
            self.ends[pattern] = ends
        return context.bounds(self.ends[pattern], pos, len(self.clean))

    def bounds_of(self, pattern: re.Pattern) -> list[int]:
        """The delimiter positions of ``pattern`` in the segment, found once."""
        self.bounds(pattern, 0)
        return self.ends[pattern]

    def quote_cuts(self) -> list[int]:
        """Where a quote of the segment's original text may be cut, found once per segment."""
        if "quote" not in self.ends:
            self.ends["quote"] = clause_cuts(self.text)
        return self.ends["quote"]

    def periods_within(self, lo: int, hi: int) -> list[Period]:
        """The periods written inside clean[lo:hi], found by binary search: a long line has thousands."""
        found = self.periods[bisect_left(self.period_starts, lo):bisect_left(self.period_starts, hi)]
        return [p for p in found if p.end <= hi]

    def cell_label(self, pos: int) -> str:
        """In a table row, the row's first cell and its column's header: what a cell counts."""
        if self.grid_cell is not None:
            return self.grid.label if self.grid is not None else ""
        if self.cells is None:
            return ""
        col = self.clean.count("\t", 0, pos)
        if col == 0:
            return ""
        header = self.header[col] if col < len(self.header) and self.header is not self.cells else ""
        return f"{self.cells[0]}{header}".strip()

    def cell_period(self, pos: int):
        """In a tab-separated table whose header names years, the year of the cell's column; in a grid,
        the period its row or column names."""
        if self.grid is not None:
            return self.grid.period
        if self.cells is None or self.header is self.cells:
            return None
        col = self.clean.count("\t", 0, pos)
        found = find_periods(self.header[col], self.year, self.month) if 0 < col < len(self.header) else []
        return found[0] if len(found) == 1 else None

    def chinese_non_claim(self, q: Quantity) -> tuple[NonClaimReason, str] | None:
        """Chinese numerals that name parts or times rather than amounts: 三大, 四个方面, 三年, 一个."""
        clean = self.clean
        after = clean[q.end:q.end + 3]
        if q.unit in CHINESE_TIME_UNITS:
            return NonClaimReason.NO_QUANTITY, "time reference"
        if q.value == 1:
            return NonClaimReason.NO_QUANTITY, "article"
        if NAME_IN_LIST_RE.match(clean, q.end) and clean[q.start - 1:q.start] in ("、", "\t", ""):
            return NonClaimReason.PRODUCT_NAME, clean[q.start:q.end + 2]  # 北科瑞声、九天睿芯、宝链智能
        if clean[q.start - 1:q.start] in ("第", "前"):
            return NonClaimReason.ORDINAL, clean[q.start - 1:q.end]
        if q.unit in ENUMERATING_UNITS or (
                q.unit.startswith("count:") and q.value <= 10 and ENUMERATED_RE.match(after)):
            return NonClaimReason.ENUMERATION, clean[q.start:q.end + 2]
        labelled = clean[max(0, q.start - 3):q.start].rstrip().endswith(("单位:", "单位", ":"))
        enclosed = clean[q.start - 1:q.start] in ("(", "（") and clean[q.end:q.end + 1] in (")", "）")
        if (labelled and not clean[q.end:].strip(" )）")) or enclosed:
            return NonClaimReason.NO_QUANTITY, "unit label"
        return None

    def claim(self, q: Quantity, periods, metric: str | None = None) -> None:
        """Add the claim row for ``q`` with its context: period, kind, geography, type and metric."""
        clean = self.clean
        s_lo, s_hi = self.bounds(context.SENTENCE_END_RE, q.start)
        c_lo, c_hi = self.bounds(context.CLAUSE_END_RE, q.start)
        scope = self.bounds(context.SCOPE_END_RE, q.start)
        name, listed_period = self.respective(q, s_lo) if metric is None else ("", None)
        # 2021年、2022年和2023年…分别为: the i-th figure of the list is for the i-th year
        period = listed_period or self.period_of(q, periods, (s_lo, s_hi), scope)
        first = last = None
        grain = label = ""
        if period is not None:
            first, last, grain, label = period.first, period.last, period.grain, period.label
        # 目前, currently, since 2021: the document's present is observed whatever its date; a plan's end
        # (十四五) is no forecast by itself
        dated_last = None if period is not None and (period.present or period.plan or period.since) else last
        kind = context.kind_of(clean, (s_lo, s_hi), scope[0], q.start, dated_last, grain, self.last_actual,
                              period is not None and period.start >= scope[0])
        if period is not None and (period.relative or period.lost_digit):
            q.flags += ("relative-time",) if period.relative else ("year-digit-lost",)
        if kind == "actual" and period is None and self.previous and self.previous[0] == s_lo and not (
                context.CONTRAST_RE.match(clean, scope[0])):
            kind = self.previous[2]  # a sentence that opened on a forecast goes on forecasting, not past 但
        if kind == "actual" and period is not None:
            kind = self.kind_of_period(period, (s_lo, s_hi), scope)
        if self.grid is not None and self.grid.forecast:
            kind = "forecast"  # a 2027E or 2025F row or column
        if kind == "actual" and context.TARGET_AFTER_RE.match(clean, q.end) and not (
                context.OBSERVED_RE.search(clean, scope[0], q.start)):
            kind = "forecast"  # 未完全达到1.25的行业目标: a target, not yet observed
        if period is None and self.current and kind == "actual":
            first = last = self.current
            grain, label = "year", str(self.current)
        measured = metric or self.cell_label(q.start)
        geo = context.geo_of(measured, (0, len(measured)), 0, len(measured)) if measured else ""
        if not geo and metric is None:
            geo = context.geo_of(clean, (s_lo, s_hi), scope[0], q.start, self.home)
            if geo and context.names_clause_only(clean, scope[0], q.start):
                q.flags += ("geo-clause-only",)  # 国产GPU出货量: the place is its clause's only
            geo = geo or context.place_after(clean, q.end, s_hi)
            if not geo and self.carry:  # the place a paragraph named before this sentence
                geo = context.geo_of(clean, (max(0, s_lo - self.carry), s_lo), s_lo, s_lo, self.home)
        if not geo and self.in_table:  # the place its table's caption names
            geo = self.caption[1]
        listed_geo = context.place_of(name) if name and len(context.GEO_RE.sub("", name)) <= 2 else ""
        geo = listed_geo or geo
        if not geo and self.main_geo and not self.placed and not context.OWN_EVENT_RE.search(
                clean, s_lo, s_hi):
            geo = self.main_geo  # a paragraph naming no place speaks of its document's place
            q.flags += ("geo-from-document",)
        if measured:
            ctype = context.type_of(measured, 0, len(measured), q.unit, q.type_hint, q.unit_text,
                                    grain == "span")
        else:
            t_lo = context.metric_start(clean, c_lo, q.start)
            ctype = context.type_of(clean, t_lo, q.start, q.unit, q.type_hint, q.unit_text, grain == "span",
                                    q.end)
            ctype = self.list_type(q, s_lo, t_lo, ctype)
            if ctype in SIGNED_TYPES and context.sign_of(clean, t_lo, q.start, q.end) < 0:
                q.value, q.value_high = -q.value, (None if q.value_high is None else -q.value_high)
                if q.value_high is not None:
                    q.value, q.value_high = q.value_high, q.value
        if ctype == "cagr" and grain != "span" and metric is None and self.cell_period(q.start) is None:
            span = self.span_before(s_lo, q.start)
            if span is not None:
                first, last, grain, label = span.first, span.last, span.grain, span.label
        if ctype == "cagr" and last is not None:
            # 2027年将达到134亿美元，五年年复合增长率为21.8%: five years of growth end in 2027, unless the
            # sentence says where they start (从2022年的195亿美元增长到2026年)
            years = YEARS_OF_GROWTH_RE.search(clean, max(c_lo, q.start - 16), q.start)
            if years is not None and not re.search(rf"[从由]\s?{first}", clean[s_lo:q.start]):
                first, grain = last - int(parse_number(years.group(1))[0]), "span"
                label = f"{first}-{last}"
        borrowed = period is not None and period.start < scope[0] and not period.topic
        if ctype == "cagr" and grain == "year" and borrowed and metric is None and self.grid is None:
            first = last = None  # a compound rate runs over a span: another clause's one year is not it
            grain = label = ""
        elif grain == "span" and ctype != "cagr":
            # 2020年-2023年,规模从287亿元增长至387亿元: the ends of the span are the two levels' years
            end = FROM_TO_RE.search(clean, max(scope[0], q.start - 10), q.start)
            if end is not None:
                first = last = first if end.group().startswith(("从", "from")) else last
                grain, label = "year", str(first)
                if kind == "forecast" and self.last_actual is not None and last <= self.last_actual:
                    kind = "actual"  # the start of a forecast change is observed
        metric_text = measured or (name if name and not listed_geo else self.metric(q, s_lo, c_lo, c_hi))
        if q.unit.startswith("count:") and " " in q.unit_text.strip() and (
                not metric_text or metric_text in context.GEOGRAPHY):
            metric_text = q.unit_text.strip()  # China had 9,183 AI-related companies: what is counted
        self.previous = (s_lo, period, kind)
        if period is not None:
            self.period_kinds[period.label] = (kind, s_lo, s_hi)
        if q.unit in CURRENCY_UNITS:
            self.last_money, self.money_line = (q.end, q.unit), self.line
        self.subject = (s_lo, metric_text)
        self.last_figure = (s_lo, q.end, q.unit, ctype)
        start, end = self.original(q.start, q.end)
        surface = self.text[start - self.col_offset:end - self.col_offset]
        q_lo, q_hi = self.original(s_lo, max(s_hi, s_lo + 1))
        at = self.col_offset
        cuts = self.quote_cuts() if q_hi - q_lo > QUOTE_LIMIT else []
        this_id = claim_id(self.doc_id, self.line, start, surface)
        restated = self.restated(q, s_lo)
        self.last_claim = (s_lo, q.end, q.unit, q.value, this_id, q.unit_text)
        self.claims.append(dict(
            claim_id=this_id, doc_id=self.doc_id, page=self.page,
            line=self.line, start=start, end=end, surface=surface,
            quote=quote_of(self.text, (q_lo - at, q_hi - at), (start - at, end - at), cuts),
            value=_tidy(q.value), value_high=_tidy(q.value_high), value_step=_tidy(q.step), unit=q.unit,
            qualifier=q.qualifier, kind=kind, type=ctype, period_start=first, period_end=last,
            period_grain=grain, period=label, geo=geo,
            metric_text=metric_text, restates=restated,
            flags=";".join(q.flags),
        ))

    def metric(self, q: Quantity, s_lo: int, c_lo: int, c_hi: int) -> str:
        """The metric phrase of ``q``, with the subject its sentence gave before it."""
        subject = self.subject[1] if self.subject[0] == s_lo else ""

        def label_of() -> str:
            if c_lo - 1 <= s_lo:
                return ""
            p_lo = self.bounds(context.CLAUSE_END_RE, c_lo - 2)[0]
            return context.subject_of(self.clean, max(p_lo, s_lo), c_lo - 1)

        return context.metric_of(self.clean, c_lo, q.start, q.end, c_hi, subject, label_of)

    def list_type(self, q: Quantity, s_lo: int, lo: int, ctype: str) -> str:
        """A list member without a cue of its own (渗透率分别达到37%、28%和25%) has its list's type."""
        f_lo, f_end, f_unit, f_type = self.last_figure
        if f_lo != s_lo or f_unit != q.unit or q.unit not in ("%", "pp") or context.TYPE_RE.search(
                self.clean, lo, q.start):
            return ctype
        return f_type if LIST_GAP_RE.fullmatch(self.clean, f_end, q.start) else ctype

    def period_of(self, q: Quantity, periods, sentence: tuple[int, int], scope: tuple[int, int]):
        """The period of ``q``: a column's year, its sentence's date, 未来五年, a growth's level, context.

        A long line has thousands of periods: those of a sentence or scope are found by binary search.
        """
        earlier = self.same_time_a_year_before(q, sentence[0])
        if earlier is not None:
            return earlier
        starts = self.period_starts if periods is self.periods else [p.start for p in periods]
        period = self.cell_period(q.start) or period_for(self.clean, periods, q.start, q.end, sentence, scope,
                                                          self.carry, starts)
        if period is not None and period.present and any(
                not p.present and not p.base and (p.start < q.start or not p.topic)
                for p in periods[bisect_left(starts, sentence[0]):bisect_left(starts, sentence[1])]):
            # 当前…，2024年国内GPU算力缺口达: a year the sentence names wins over its 当前, unless it is
            # written after the figure to open a clause of its own (目前…800家，截至6月底，…)
            periods = [p for p in periods if not p.present]
            starts = [p.start for p in periods]
            period = period_for(self.clean, periods, q.start, q.end, sentence, scope, self.carry, starts)
        if period is not None and period.end <= q.start and self.follows_figure(period, sentence[0]):
            # English puts the year after its figure: in "X in 2022 to Y in 2026", 2022 is X's
            after = periods[bisect_left(starts, q.end):bisect_left(starts, scope[1])]
            later = next((p for p in after if not p.base), None)
            period = later or period
        if period is not None and period.present and not (
                period.topic or period.start >= scope[0] or self.opens_sentence(period, sentence[0])):
            period = None  # 目前 dates the figures of its own clause, or of its sentence when it opens it
        if period is None:
            period = (self.relative_period(scope[0], q.start) or self.growth_period(q, sentence, scope)
                      or self.row_label_period(q))
        if period is not None and self.starts_another(period, q.start):
            period = None
        if period is None and self.in_table:
            period = self.caption[0]
        if period is None and not self.dated(sentence):  # a dated sentence never borrows another's year
            period = self.context_period
        one_year = ONE_YEAR_CHANGE_RE.search(self.clean, scope[0], q.start) or ONE_YEAR_AFTER_RE.match(
            self.clean, q.end)
        if period is None and one_year:  # doubled since 2021, with AI revenues up 150% year on year
            period = next((p for p in self.periods_within(sentence[0], q.start) if p.since), None)
        # since 2021: up to the time of writing, the document's year (else its last observed one)
        now = self.year or self.last_actual
        if period is not None and period.since and now and now > period.first:
            if one_year and not SPAN_AVERAGE_RE.search(self.clean, scope[0], q.start):
                # 自2021年以来…，其中AI收入同比增长80%: a year-on-year change is the span's last year's, but
                # 以20%的同比增速 (a rate kept up every year) runs over the span
                return period._replace(first=now, last=now, grain="year", label=str(now))
            return period._replace(last=now, grain="span", label=f"{period.first}-{now}")
        return period

    def same_time_a_year_before(self, q: Quantity, s_lo: int) -> Period | None:
        """2024年第二季度营收50亿元，上年同期为42亿元; $5.0 billion in Q2 2024 from $4.2 billion a year
        earlier: the same part of the year as the period its sentence names, a year before."""
        before = SAME_TIME_BEFORE_RE.search(self.clean, max(s_lo, q.start - 12), q.start)
        after = None if before else SAME_TIME_AFTER_RE.match(self.clean, q.end)
        if before is None and after is None:
            return None
        named = [p for p in self.periods_within(s_lo, before.start() if before else q.start)
                 if not p.base and not p.relative]
        return a_year_before(named[-1]) if named else None

    def opens_sentence(self, period: Period, s_lo: int) -> bool:
        """Whether ``period`` opens its sentence (目前全国…，…) or the words a sentence reports (…表示，目前…,
        said that, at present, …): then it dates the clauses that go on from it."""
        word = PRESENT_WORD_RE.search(self.clean, max(s_lo, period.end - PRESENT_REACH), period.end)
        start = word.start() if word else period.start
        return bool(OPENER_RE.fullmatch(self.clean, s_lo, start)
                    or PRESENT_OPENING_RE.search(self.clean, max(s_lo, start - 3), start))

    def kind_of_period(self, period: Period, sentence: tuple[int, int], scope: tuple[int, int]) -> str:
        """The kind of a figure read as actual, from its period: a target year (到2027年, by 2028) in an
        undated text, or the year an earlier figure of its paragraph forecast (…expected to spend $80
        billion in 2026, a 12% increase; 其中约40%…), make it a forecast unless its own words say it
        was observed (已, already) or turn from the forecast (但, but)."""
        own = self.clean[scope[0]:scope[1]]
        if context.OBSERVED_RE.search(own) or context.CONTRAST_RE.match(own):
            return "actual"
        if period.target and self.year is None:
            return "forecast"
        kind, lo, hi = self.period_kinds.get(period.label, ("", -1, -1))
        if kind != "forecast":
            return "actual"
        if lo == sentence[0]:
            return "forecast"
        carried = period.end <= sentence[0]  # its year is written in no sentence of its own
        return "forecast" if carried and sentence[0] - hi <= self.carry else "actual"

    def restated(self, q: Quantity, s_lo: int) -> str:
        """The id of the figure just before ``q`` that ``q`` restates in another unit or currency
        (12亿美元（约合86亿元人民币）, 1 GW (1,000 MW), 5 EFLOPS, or 5,000 PFLOPS), else ''."""
        lo, end, unit, value, restated_id, unit_text = self.last_claim
        if lo != s_lo or end > q.start:
            return ""
        gap = RESTATING_GAP_RE.fullmatch(self.clean, end, q.start)
        if gap is None or not (gap.group("open") or gap.group("word")):
            return ""
        if unit in CURRENCY_UNITS and q.unit in CURRENCY_UNITS:
            return restated_id if unit != q.unit else ""
        if unit == q.unit and unit not in NOT_RESTATED_UNITS:
            return restated_id if _one_amount(value, q.value, q.unit_text != unit_text) else ""
        return restated_id if unit.startswith("other:") and q.unit.startswith("other:") else ""

    def follows_figure(self, period: Period, s_lo: int) -> bool:
        """Whether ``period`` is written after the previous figure of its sentence, in English order
        (reached $235 billion last year and …): then it is that figure's period."""
        f_lo, f_end = self.last_figure[:2]
        return f_lo == s_lo and f_end <= period.start and self.clean[f_end:period.start].isascii()

    def respective(self, q: Quantity, s_lo: int) -> tuple[str, Period | None]:
        """龙岗区和福田区也分别拥有 169 家、166 家: the i-th figure after 分别 is the i-th name listed before
        it, or the i-th year of a list (在 2022 年和 2023 年…分别下降了 9.5%和 16.8%) or of a span that
        names no list (2021年至2023年…分别为…)."""
        clean = self.clean
        k = clean.rfind("分别", s_lo, q.start)
        if k < 0:  # 12%, 10% and 9%, respectively
            return "", respective_year(clean, self.periods_within(s_lo, q.start), q.start, self.bounds(
                context.SENTENCE_END_RE, q.start)[1])
        k_at, index, end = self.listing
        if k_at == k and LIST_GAP_RE.fullmatch(clean, end, q.start):
            index += 1
        elif RESPECTIVE_OPENING_RE.fullmatch(clean, k + 2, q.start):
            index = 0
        else:
            return "", None
        self.listing = (k, index, q.end)
        names = context.listed_names(clean, self.bounds(context.SCOPE_END_RE, k)[0], k)
        years = [p for p in self.periods_within(s_lo, k) if not p.base]
        listed = years[-1:]
        for p in reversed(years[:-1]):
            if not LIST_GAP_RE.fullmatch(clean, p.end, listed[0].start):
                break
            listed.insert(0, p)
        name = names[index] if index < len(names) else ""
        if len(listed) == 1 and listed[0].grain == "span" and not names and not context.TYPE_RE.search(
                clean, k, q.start):
            # 2021年至2023年，出货量分别为50万片、80万片和120万片: the span's years in turn
            year = listed[0].first + index
            if year <= listed[0].last:
                return name, listed[0]._replace(first=year, last=year, grain="year", label=str(year))
        period = listed[index] if len(listed) > 1 and index < len(listed) else None
        return name, period

    def starts_another(self, period: Period, start: int) -> bool:
        """从2024年的18%提升至32%: the year a change starts from is not the period of its target."""
        clean = self.clean
        return bool(SINCE_FROM_RE.search(clean, max(0, period.start - 2), period.start)
                    and TARGET_RE.search(clean, max(0, start - 3), start)
                    and DIGIT_RE.search(clean, period.end, start))

    @staticmethod
    def caption_context(caption: str) -> tuple[Period | None, str]:
        """截至 2023 年底中国各类互联网应用普及情况: the period and place of every cell of its table."""
        found = find_periods(caption)
        return (found[0] if len(found) == 1 else None), context.place_of(caption)

    def dated(self, sentence: tuple[int, int]) -> bool:
        """Whether the sentence names a period of its own, even one that is only a base or a start."""
        i = bisect_left(self.period_starts, sentence[0])
        return i < len(self.periods) and self.periods[i].start < sentence[1]

    def relative_period(self, lo: int, start: int) -> Period | None:
        """未来五年 (the next five years) runs from the report's last observed year."""
        found = list(FUTURE_YEARS_RE.finditer(self.clean, lo, start))
        if not found or self.last_actual is None:
            return None
        m = found[-1]
        years = parse_number(m.group(1))[0]
        first, last = self.last_actual, self.last_actual + int(years)
        return Period(m.start(), m.end(), first, last, "span", f"{first}-{last}", False)

    def growth_period(self, q: Quantity, sentence: tuple[int, int], scope: tuple[int, int]) -> Period | None:
        """"达到1751亿元,同比增长11.9%": a growth right after a level is for the level's period."""
        if self.previous is None or self.previous[0] != sentence[0]:
            return None
        if not GROWTH_OPENING_RE.match(self.clean, scope[0]):
            return None
        return self.previous[1]

    def row_label_period(self, q: Quantity) -> Period | None:
        """智能制造(36%) written after a flattened row is a cell of that row: the row's year."""
        if not (LABELLED_CELL_RE.search(self.clean, max(0, q.start - 9), q.start)
                and self.clean.startswith(")", q.end)):
            return None
        rows = [period for pos, period in self.row_periods if pos < q.start and period is not None]
        return rows[-1] if rows else None

    def span_before(self, lo: int, start: int) -> Period | None:
        """The years written before a CAGR in its sentence (从2022年的…到2026年的…): its span."""
        written = [p for p in self.periods_within(lo, start) if not p.base]
        years = sorted({p.first for p in written} | {p.last for p in written})
        if len(years) < 2:
            return None
        return Period(lo, start, years[0], years[-1], "span", f"{years[0]}-{years[-1]}", False)

    def claim_from_cell(self, cell) -> None:
        """Add a claim for one cell of a flattened table row; a cell without a unit is listed."""
        if not cell.unit:
            self.number(cell.start, cell.end, NonClaimReason.NO_QUANTITY, "table cell without unit")
            return
        q = Quantity(cell.start, cell.end, cell.value, cell.step, cell.unit, cell.type_hint, flags=cell.flags)
        self.claim(q, [cell.period], cell.metric)

    def original(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean-text span to the original line: ``line[start:end]`` is what the author wrote."""
        if self.offsets is None:
            return start + self.col_offset, end + self.col_offset
        offsets = self.offsets
        return offsets[start] + self.col_offset, offsets[max(end - 1, start)] + 1 + self.col_offset

    def number(self, start: int, end: int, reason: NonClaimReason, detail: str) -> None:
        """List a number token that is not a claim, with the reason."""
        o_start, o_end = self.original(start, end)
        self.numbers.append(dict(
            doc_id=self.doc_id, page=self.page, line=self.line, start=o_start, end=o_end,
            surface=self.text[o_start - self.col_offset:o_end - self.col_offset], reason=reason.value,
            detail=str(detail),
        ))
