"""Quantities: a number read together with its multiplier, unit, qualifier and range end."""

from __future__ import annotations

import re
from dataclasses import dataclass

from recon.extract.numbers import NUMBER_RE, multiplier, parse_number, parse_vague
from recon.extract.qualifiers import qualifier_after, qualifier_before, qualifier_infix
from recon.extract.units import CURRENCIES, CURRENCY_PREFIXES, YUAN, match_unit, prefix_currency
from recon.lexicon import alternation, lexicon

#: The kind of numeral a ``NUMBER_RE`` match is, from the last group it closed.
NUMBER_GROUPS = {"frac": "frac", "ten": "ten", "half": "half", "vague": "vague", "order": "order",
                 "num": "num", "mult": "num"}
BETWEEN_RE = re.compile(r"[^，,。;；]{0,12}?(?:之间|不等)")
RANGE_SEP_RE = re.compile(r"\s?(?:-|–|—|~|～|至|到|to)\s?")
#: Separators that, after 从/from, join the two values of a change rather than the ends of a range.
CHANGE_SEPARATORS = ("至", "到", "to")
#: "between 40% and 55%": after between, "and" joins the two ends of a range.
AND_SEP_RE = re.compile(r"\s(?:and)\s")
def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


#: A currency mark before a number (US$, RMB, 新台币), as written before the second end of a range.
_MARK = f"(?:{_alternation(CURRENCY_PREFIXES)})"
CURRENCY_MARK_RE = re.compile(rf"{_MARK}\s?")
#: 从9%, 由 / from $10 billion: what opens a change from one value to another.
CHANGE_FROM_RE = re.compile(rf"(?:[从由]|(?<![A-Za-z])from\s)\s?{_MARK}?\s?$")
#: "ranges from 7 billion to 70 billion", "varying from": here from … to gives the ends of a range.
RANGE_FROM_RE = re.compile(r"(?<![A-Za-z])(?:rang|var[iy])[a-z]*\sfrom\s", re.IGNORECASE)
BETWEEN_BEFORE_RE = re.compile(rf"(?<![A-Za-z])between\s{_MARK}?\s?$", re.IGNORECASE)


_MEASURES = lexicon().measures
MULTIPLIERS_AFTER_SIGN = lexicon().multipliers.after_currency_sign
SIGN_MULTIPLIER_RE = re.compile(rf"(?:{_alternation(MULTIPLIERS_AFTER_SIGN)})(?![A-Za-z])")
#: A currency named right after 元 (百亿元新台币).
CURRENCY_AFTER_YUAN_RE = re.compile(
    _alternation(w for w, c in CURRENCIES.items() if c != "CNY" and not w.isascii()))
#: Nouns near a bare multiplier amount (18亿参数, 千亿基座模型, 用户增长一亿) that say what it counts;
#: without one, a bare 亿 amount is money in yuan, as Chinese reports write it.
COUNTED_NOUNS = _MEASURES.counted_nouns
#: 字 counts characters only right after the amount (200万字).
COUNTED_AFTER_RE = re.compile(rf"[^，,。;；:：]{{0,16}}?({_alternation(_MEASURES.counted_after)})|\s?(字)")
#: "The number of AI-related companies … stood at 9,183": an English count named before the number.
NUMBER_OF_RE = re.compile(r"number of (?:[\w-]+ ){0,3}?([a-z]+s)\b[^.;]*$")
#: 供需比1:5 and ROI 1:3.8 are ratios; PUE值1.35 and 指数0.8 are indices: dimensionless, not bare numbers.
RATIO_RE = re.compile(r":(\d+(?:\.\d+)?)(?![\d:])")
RATIO_CONTEXT_RE = re.compile(r"比|ROI|比例|配比|压缩率")
INDEX_CONTEXT_RE = re.compile(r"PUE|ROI|指数|系数|评分|得分")
INDEX_UNITS = {"PUE": "PUE", "ROI": "ratio"}
#: A return on investment written input:return (ROI 1:3.8, 投资回报比1:4) states the return per unit put in.
RETURN_RATIO_RE = re.compile(r"ROI|回报|报酬|投入产出")
#: How far before a number its ratio or index word is looked for, within its clause: English words
#: are longer (PUE fell from about 1.6, an ROI of a chatbot project is about 1:2.2).
DIMENSIONLESS_REACH = {"zh": 15, "en": 40}
#: Indices whose value a bare decimal after them in their sentence goes on stating: PUE从1.35降至1.15.
CARRIED_INDEX_UNITS = ("other:PUE", "other:index")
_CLAUSE_MARK_RE = re.compile(r"[，,；;。]")
#: A bare amount (2.76亿, 数亿) is money only where money is spoken of, just before or after it:
#: 以2.76亿战略投资 is, 58亿图文对数据库 and 成百上千加速卡 are not.
MONEY_RE = re.compile(rf"[^，,。;；]{{0,6}}?(?:{_alternation(_MEASURES.money_nouns)})")
PER_SECOND_RE = re.compile(r"每秒")
LABEL_NOUN_RE = re.compile(_alternation(_MEASURES.counted_labels))
COUNTED_BEFORE_RE = re.compile(rf"({_alternation(_MEASURES.counted_before)})[^，,。;；:：]{{0,14}}$")
#: "standard racks in use exceeded 8.1 million": an English subject that says what a bare amount counts.
EN_COUNTED_BEFORE_RE = re.compile(
    rf"\b({_alternation(_MEASURES.counted_before_english)})\b"
    rf"(?:(?!\b(?:{_alternation(_MEASURES.english_money_nouns)})\b)[^,.;:$€£¥]){{0,30}}$")


#: A number that may be a year: a count of the English noun right after it (2030 robots), never of
#: a word after another (the 2024 generation delivers).
YEAR_RE = re.compile(r"(?:19[5-9]|20[0-9])\d")
#: 1EB=1024PB, 1 GW = 1,000 MW: a unit's definition, whose two sides state no amount.
UNIT_DEFINITION_RE = re.compile(
    r"(?<![\d.,])1\s?(?P<unit>[A-Za-z\u4e00-\u9fff]{1,6})\s?[=＝]\s?\d[\d,.]*\s?[A-Za-z\u4e00-\u9fff]{1,6}")


@dataclass
class Quantity:
    """A number as read from the clean text; positions are into the clean text."""

    start: int
    end: int
    value: float
    step: float
    unit: str = ""
    type_hint: str = ""
    qualifier: str = "exact"
    value_high: float | None = None
    chinese: bool = False
    flags: tuple = ()
    unit_text: str = ""
    mult: float = 1.0
    unit_factor: float = 1.0


def read_quantity(text: str, m: re.Match, yuan: str = "CNY") -> Quantity:
    """Read the number matched by ``NUMBER_RE`` at ``m`` with the unit and qualifiers around it.

    :param yuan: the currency a bare 元 stands for in this document (:func:`units.yuan_currency`)
    """
    group = NUMBER_GROUPS[m.lastgroup]
    if group in ("frac", "ten", "half"):
        q = Quantity(m.start(), m.end(), _percent_word(m, group), 1.0, "%", "share", chinese=True)
        q.qualifier = qualifier_before(text, q.start) or "exact"
        after = qualifier_after(text, q.end)  # 七成以上, 四成以下
        if after and q.qualifier in ("exact", "approx"):
            q.qualifier = after
        return q
    if group in ("vague", "order"):
        value, step, chinese = parse_vague(m.group()), parse_vague(m.group()), True
        qualifier = "lower_bound" if m.group()[0] in "数上几" else "approx"
        mult = 1.0
    else:
        value, step = parse_number(m.group("num"))
        chinese = not m.group("num")[0].isdigit()
        mult = multiplier(m.group("mult")) if m.group("mult") else 1.0
        qualifier = "exact"
    prefix = prefix_currency(text, m.start())
    pos = m.end()
    if prefix is not None and not m.group("mult") and (sign_mult := SIGN_MULTIPLIER_RE.match(text, pos)):
        mult, pos = MULTIPLIERS_AFTER_SIGN[sign_mult.group()], sign_mult.end()  # $450m
    q = Quantity(m.start(), pos, value * mult, step * mult, chinese=chinese, qualifier=qualifier,
                 mult=mult)
    infix = qualifier_infix(text, pos)
    unit = match_unit(text, pos + infix[1]) if infix else None
    if infix and unit:
        q.qualifier = infix[0]
        pos += infix[1]
    else:
        unit = match_unit(text, pos)
        if unit is None and text[pos:pos + 1] == " " and not chinese:
            unit = match_unit(text, pos + 1)
            pos += unit is not None
    if unit is not None and unit.type_hint == "count" and text[pos:pos + 1].isspace() and (
            prefix is not None or YEAR_RE.fullmatch(m.group("num"))
            and len(text[pos:pos + unit.length].split()) > 1):
        unit = None  # CNY640 billion into …, the 2024 generation delivers: money, a year; not a count
    if unit is not None:
        q.unit, q.type_hint, q.unit_text = unit.unit, unit.type_hint, text[pos:pos + unit.length]
        q.value *= unit.factor
        q.step *= unit.factor
        q.unit_factor = unit.factor
        q.end = pos + unit.length
        if q.unit_text == YUAN:  # 新台币1250亿元, 百亿元新台币: the currency named beside 元 wins
            named = CURRENCY_AFTER_YUAN_RE.match(text, q.end)
            if named is not None:
                q.unit, q.end = CURRENCIES[named.group()], named.end()
            elif prefix is not None:
                q.unit = prefix[0]
            elif yuan != q.unit:
                q.unit, q.flags = yuan, ("currency-from-document",)
    else:
        number_of = NUMBER_OF_RE.search(text, max(0, q.start - 80), q.start) if not chinese else None
        if prefix is not None:
            q.unit, q.type_hint = prefix[0], "level"
        elif number_of:
            q.unit, q.type_hint = f"count:{number_of.group(1)}", "count"
        elif m.group("mult") if group == "num" else group in ("vague", "order"):
            noun = counted_noun(text, q.start, q.end)
            if noun:
                q.unit, q.type_hint = f"count:{noun}", "count"
            elif MONEY_RE.search(text, max(0, q.start - 16), q.start) or MONEY_RE.match(text, q.end):
                q.unit, q.type_hint, q.flags = yuan, "level", ("derived-unit",)
    if q.unit == "count:次" and PER_SECOND_RE.search(text, max(0, q.start - 6), q.start):
        q.unit, q.type_hint = "FLOPS", "level"  # 每秒运算一千万亿次: operations per second
    if q.qualifier == "exact":  # 约US$2万: the qualifier stands before the currency sign
        q.qualifier = qualifier_before(text, q.start - (prefix[1] if prefix else 0)) or "exact"
    after = qualifier_after(text, q.end)
    if after and q.qualifier in ("exact", "approx"):
        q.qualifier = after
    return q


_SHARE_WORDS = {w.lower(): v for w, v in _MEASURES.shares_in_words.items()}
_MULTIPLE_WORDS = {w.lower(): v for w, v in _MEASURES.multiples_in_words.items()}
_NUMERALS = {w.lower(): v for w, v in _MEASURES.share_numerals.items()}
_WORDS = [*_SHARE_WORDS, *_MULTIPLE_WORDS]
#: Quantities written in words: half, a third, doubled, three times, 一半, 翻两番, one in five.
WORD_QUANTITY_RE = re.compile(
    "(?=[" + re.escape("".join(sorted({w[0] for w in _WORDS + list(_NUMERALS)} | {w[0].upper() for w in _WORDS
                                                                              + list(_NUMERALS)})))
    + f"])(?:(?P<n>{alternation(_NUMERALS)}) (?:{alternation(_MEASURES.share_connectors)}) "
    f"(?P<d>{alternation(_NUMERALS)})(?![A-Za-z])|(?P<word>{alternation(_WORDS)}))(?!-)",
    re.IGNORECASE,
)
#: "the first half", "every quarter": a part of a year or a frequency, not a share.
NOT_WORD_QUANTITY_RE = re.compile(r"(?:first|second|latter|other|each|every|per)\s$", re.IGNORECASE)


_ENGLISH = lexicon().multipliers
_ENGLISH_NUMBERS = {w.lower(): v for w, v in _ENGLISH.english_numbers.items()}
_ONES = {w: v for w, v in _ENGLISH_NUMBERS.items() if 1 <= v <= 9 and " " not in w and w != "a"}
_TENS = {w: v for w, v in _ENGLISH_NUMBERS.items() if v >= 20 and v % 10 == 0}
#: Numbers in words before their unit: Twelve new data centres, twenty-five billion dollars, a gigawatt.
ENGLISH_NUMBER_RE = re.compile(
    rf"(?<![A-Za-z-])(?P<n>{alternation(_ENGLISH_NUMBERS)})(?:-(?P<ones>{alternation(_ONES)}))?"
    rf"(?:\s(?P<scale>{alternation(_ENGLISH.english_scales)}))?(?![A-Za-z-])",
    re.IGNORECASE,
)
#: the two hubs, two or three governments: a number in words after these refers, it does not state.
NOT_AFTER_WORD_NUMBER_RE = re.compile(rf"(?:{alternation(_ENGLISH.english_not_after)})\s$", re.IGNORECASE)
NOT_AFTER_WINDOW = max(map(len, _ENGLISH.english_not_after)) + 1
#: Units a number in words is not a claim in: the last two years, three times as many.
NOT_WORD_NUMBER_UNITS = ("years", "other:months", "days", "other:weeks", "x")


def english_numbers(text: str) -> list[Quantity]:
    """Amounts written as English words with their unit (Two thousand engineers, half a million GPUs,
    more than a gigawatt); a number in words without a unit, or of time, is no claim."""
    found = []
    for m in ENGLISH_NUMBER_RE.finditer(text):
        word = m.group("n").lower()
        if m.group("ones") and word not in _TENS or NOT_AFTER_WORD_NUMBER_RE.search(
                text, max(0, m.start() - NOT_AFTER_WINDOW), m.start()):
            continue
        value = _ENGLISH_NUMBERS[word] + (_ONES[m.group("ones").lower()] if m.group("ones") else 0)
        scale = _ENGLISH.english_scales[m.group("scale").lower()] if m.group("scale") else 1.0
        unit = match_unit(text, m.end())
        if unit is None or unit.unit in NOT_WORD_NUMBER_UNITS:
            continue
        if word in _ENGLISH.english_articles and not m.group("scale") and (
                unit.type_hint == "count" or unit.unit in CURRENCIES.values()):
            continue  # a company, half a year: an article, not an amount
        q = Quantity(m.start(), m.end() + unit.length, value * scale * unit.factor, scale * unit.factor,
                     unit.unit, unit.type_hint, chinese=True, unit_text=text[m.end():m.end() + unit.length],
                     mult=scale, unit_factor=unit.factor)
        q.qualifier = qualifier_before(text, q.start) or "exact"
        after = qualifier_after(text, q.end)
        if after and q.qualifier in ("exact", "approx"):
            q.qualifier = after
        found.append(q)
    return found


def word_quantities(text: str) -> list[Quantity]:
    """Shares, multiples and amounts written in words, with the qualifier before them (more than
    doubled, nearly half a million GPUs). An amount wins over a share word it starts with (half a
    million); a share wins over a number inside it (one in five companies)."""
    numbers = english_numbers(text)
    found = []
    for m in WORD_QUANTITY_RE.finditer(text):
        if any(n.start <= m.start() < n.end for n in numbers):
            continue
        # an amount with a scale word (half a million servers) stands whatever share word came before
        numbers = [n for n in numbers if n.mult > 1 or not m.start() < n.end and n.start < m.end()
                   or n.start <= m.start()]
        if NOT_WORD_QUANTITY_RE.search(text, max(0, m.start() - 8), m.start()):
            continue
        word = (m.group("word") or "").lower()
        if m.group("n"):
            value = 100.0 * _NUMERALS[m.group("n").lower()] / _NUMERALS[m.group("d").lower()]
            q = Quantity(m.start(), m.end(), value, 0.0, "%", "share")
        elif word in _SHARE_WORDS:
            q = Quantity(m.start(), m.end(), _SHARE_WORDS[word], 0.0, "%", "share")
        else:
            q = Quantity(m.start(), m.end(), _MULTIPLE_WORDS[word], 1.0, "x", "multiple")
        q.qualifier = qualifier_before(text, q.start) or "exact"
        after = qualifier_after(text, q.end)
        if after and q.qualifier in ("exact", "approx"):
            q.qualifier = after
        found.append(q)
    return sorted(found + numbers, key=lambda q: q.start)


def read_dimensionless(text: str, q: Quantity) -> None:
    """Give a bare number its unit when it is a ratio (供需比1:5) or an index (PUE值1.35)."""
    reach = DIMENSIONLESS_REACH["en" if text[max(0, q.start - 2):q.start].isascii() else "zh"]
    lo = max(0, q.start - reach)
    lo += max((m.end() for m in _CLAUSE_MARK_RE.finditer(text, lo, q.start)), default=lo) - lo
    ratio = RATIO_RE.match(text, q.end)
    if ratio and RATIO_CONTEXT_RE.search(text, lo, q.start):
        divisor = float(ratio.group(1))
        if divisor:
            returned = RETURN_RATIO_RE.search(text, lo, q.start) and q.value
            q.value, q.step = (divisor / q.value, 0.0) if returned else (q.value / divisor, 0.0)
            q.unit, q.type_hint, q.end = "other:ratio", "other", ratio.end()
        return
    index = INDEX_CONTEXT_RE.search(text, lo, q.start)
    if index and "." in text[q.start:q.end]:
        q.unit, q.type_hint = f"other:{INDEX_UNITS.get(index.group(), 'index')}", "other"


def in_unit_definition(text: str, q: Quantity) -> bool:
    """Whether ``q`` is a side of a unit's definition (1EB=1024PB), which states no amount."""
    m = UNIT_DEFINITION_RE.search(text, max(0, q.start - 12), q.end + 24)
    return m is not None and m.start() <= q.start < m.end() and match_unit(text, m.start("unit")) is not None


def _percent_word(m: re.Match, group: str) -> float:
    """The percentage a word states: 四分之一 → 25, 八成 → 80, 半数 → 50."""
    if group == "frac":
        return 100.0 * parse_number(m.group("numr"))[0] / parse_number(m.group("den"))[0]
    if group == "ten":
        return 10.0 * parse_number(m.group("tenths"))[0]
    return 50.0


def counted_noun(text: str, start: int, end: int) -> str | None:
    """What a bare multiplier amount counts, from the nouns after or before it in its clause."""
    m = COUNTED_AFTER_RE.match(text, end) or COUNTED_BEFORE_RE.search(text, max(0, start - 20), start)
    if m is None and text[start:end].isascii():
        english = EN_COUNTED_BEFORE_RE.search(text, max(0, start - 40), start)
        return english.group(1) if english else None
    return COUNTED_NOUNS[m.group(m.lastindex)] if m else None


def label_noun(label: str) -> str | None:
    """What the cells under a table label count (参数量, 用户规模), wherever the label names it."""
    m = LABEL_NOUN_RE.search(label)
    return COUNTED_NOUNS[m.group()] if m else None


def read_range_end(text: str, low: Quantity, yuan: str = "CNY") -> Quantity | None:
    """The high end of a range written after ``low`` (25-28%, 3至5倍, 100P到1000P, $175 billion to
    $185 billion, between 40% and 55%), or None.

    The ends share one unit: written once after the high end (3亿至5亿美元, $30-40 billion), it is the
    low end's too; a currency written before the low end (新台币2,800亿元至3,100亿元) is the high end's.
    """
    sep = RANGE_SEP_RE.match(text, low.end)
    between = BETWEEN_BEFORE_RE.search(text, max(0, low.start - 12), low.start)
    if sep is None and between:
        sep = AND_SEP_RE.match(text, low.end)
    if sep is None:
        return None
    changed = CHANGE_FROM_RE.search(text, max(0, low.start - 12), low.start)
    ranged = RANGE_FROM_RE.search(text, max(0, low.start - 24), low.start) or BETWEEN_RE.match(
        text, sep.end())
    if changed and not ranged and sep.group().strip() in CHANGE_SEPARATORS:
        return None  # 从9%到27%的跨越, from $10 billion to $15 billion: a change between two values
    pos = sep.end()
    if low.unit in CURRENCIES.values() and (mark := CURRENCY_MARK_RE.match(text, pos)):
        pos = mark.end()  # $175 billion to $185 billion
    m = NUMBER_RE.match(text, pos)
    if m is None or not (m.group("num") or m.group("vague")):
        return None
    high = read_quantity(text, m, low.unit if low.unit in CURRENCIES.values() else yuan)
    if not high.unit and low.unit in CURRENCIES.values() and not low.unit_text:
        high.unit, high.type_hint = low.unit, low.type_hint  # $2-3, $30-40 billion
    guessed = "derived-unit" in low.flags
    if low.unit and low.unit != high.unit and guessed and high.unit in CURRENCIES.values():
        low.unit, low.flags = "", tuple(f for f in low.flags if f != "derived-unit")  # 3亿至5亿美元
    if not high.unit or (low.unit and low.unit != high.unit):
        return None
    if low.chinese != high.chinese:
        return None
    if not low.unit or (not low.unit_text and low.mult == 1.0 and high.mult != 1.0):
        factor = (1.0 if low.unit else high.unit_factor) * (high.mult if low.mult == 1.0 else 1.0)
        low.value *= factor
        low.step *= factor
        low.unit, low.type_hint, low.unit_text = high.unit, high.type_hint, high.unit_text
    if high.value <= low.value:
        return None
    return high


def split_lost_dash(q: Quantity, surface: str) -> tuple[float, float] | None:
    """Read 2528%, 58倍 or 3545x as the range 25–28 whose dash was lost in conversion, if plausible."""
    digits = surface.rstrip("%倍个月天百分点x ")
    if not digits.isdigit() or len(digits) < 2 or len(digits) > 4:
        return None
    if q.unit == "pp" and q.value <= 100:
        return None
    if q.unit == "days" and len(digits) < 4:
        return None
    if q.unit == "%" and q.value <= 100:
        return None
    if q.unit in ("x", "other:months") and q.value < 30:
        return None
    for i in range(1, len(digits)):
        if digits[i] == "0":
            continue
        low, high = int(digits[:i]), int(digits[i:])
        if low < high < 2 * low and (q.unit != "%" or high <= 100):
            return float(low), float(high)
    return None
