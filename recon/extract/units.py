"""Units written after (or before) a number: currencies, compute, %, points, multiples, counts."""

from __future__ import annotations

import re
from typing import NamedTuple


class UnitMatch(NamedTuple):
    """A unit found after a number: the claim unit, the factor it applies and its length in the text."""

    unit: str
    factor: float
    length: int
    type_hint: str


#: Currency words after the number, with the schema unit they stand for.
CURRENCIES = {
    "元人民币": "CNY", "人民币": "CNY", "元": "CNY", "美元": "USD", "美金": "USD", "欧元": "other:EUR",
    "日元": "other:JPY", "英镑": "other:GBP", "港元": "other:HKD", "港币": "other:HKD", "韩元": "other:KRW",
}
#: Currency marks written before the number.
CURRENCY_PREFIXES = {"US$": "USD", "$": "USD", "USD": "USD", "RMB": "CNY", "CNY": "CNY", "¥": "CNY",
                     "€": "other:EUR", "EUR": "other:EUR"}
SI_PREFIX = {"": 1.0, "K": 1e3, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18, "Z": 1e21}
#: Measure words that make a number a count; the noun family is kept in the unit (count:家).
MEASURE_WORDS = (
    "个 家 人 名 位 件 项 款 座 台 套 篇 次 起 笔 轮 种 类 张 片 颗 条 所 只 部 辆 "
    "块 枚 户 场 批 届 份 间 栋 处 国 省 城 座城市 人次 例 架 艘 首 门 支 本 册 根 股 期 项目 帧"
).split()
ENGLISH_COUNTS = "tokens token users companies people countries parameters models GPUs".split()
#: Any plural English noun after a number counts it (590 deals); units written in words come first.
ENGLISH_PLURAL = r"\s(?:[a-z]+[a-z](?<!ss)s)\b"
OTHER_UNITS = {
    "公里": "other:km", "千米": "other:km", "km": "other:km", "吨": "other:tonnes", "小时": "other:hours",
    "毫秒": "other:ms", "秒": "other:seconds", "周": "other:weeks", "纳米": "other:nm", "nm": "other:nm",
    "平方米": "other:m2", "米": "other:m", "GHz": "other:GHz", "MHz": "other:MHz", "TOPS": "other:TOPS",
    "tops": "other:TOPS", "PD": "other:PF-days", "bit": "other:bit",
}
POWER = {"千瓦时": ("other:kWh", 1.0), "兆瓦": ("W", 1e6), "千瓦": ("W", 1e3),
         "瓦": ("W", 1.0), "GW": ("W", 1e9), "MW": ("W", 1e6), "kW": ("W", 1e3), "KW": ("W", 1e3),
         "W": ("W", 1.0)}


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


UNIT_RE = re.compile(
    r"(?P<pp>个百分点|百分点|\s?percentage points?|pct|ppt|pp(?![a-z]))"
    r"|(?P<pct>%|％|\s?percent\b|\s?per cent\b)"
    r"|(?P<times>倍|\s?times\b|x(?![A-Za-z\d]))"
    rf"|(?P<cur>{_alternation(CURRENCIES)})"
    r"|(?P<ops>(?:亿亿|万亿|亿|万)次(?:/秒)?(?:浮点)?(?:运算|计算)?|次浮点(?:运算|计算)?)"
    r"|(?P<flops>(?P<fp>[KMGTPEZ]?)(?:FLOPS|FLOPs|Flops|flops)(?![A-Za-z]))"
    r"|(?P<bytes>(?P<bp>[KMGTPEZ])B(?![A-Za-z\d]))"
    r"|(?P<bareflops>(?P<ffp>[PEZ])(?![A-Za-z\d]))"
    r"|(?P<params>B(?=\s?参数)|参数)"
    rf"|(?P<power>{_alternation(POWER)})(?![A-Za-z])"
    rf"|(?P<other>{_alternation(OTHER_UNITS)})(?![A-Za-z])"
    r"|(?P<months>个月|\smonths?\b)"
    r"|(?P<years>年|\syears?\b)"
    r"|(?P<days>天|\sdays?\b)"
    rf"|(?P<count>{_alternation(MEASURE_WORDS)})"
    rf"|(?P<en>\s?(?:{_alternation(ENGLISH_COUNTS)})\b|{ENGLISH_PLURAL})"
)

#: Words that start with a measure word but are not one: 1956 人工智能, 70年代, 5国家.
NOT_UNIT_RE = re.compile(
    r"人工|人民|人类|国家|国际|国内|国产|家庭|期间|年代|年份|次元|位一体|元化|元结构|元分化"
)
PREFIX_CURRENCY_RE = re.compile(rf"(?:{_alternation(CURRENCY_PREFIXES)})\s?$")


def match_unit(text: str, pos: int) -> UnitMatch | None:
    """The unit starting at ``pos`` in ``text`` (after an optional 余/多/+ or space), or None."""
    m = UNIT_RE.match(text, pos)
    if m is None or NOT_UNIT_RE.match(text, pos):
        return None
    kind = m.lastgroup if m.lastgroup not in ("fp", "bp", "ffp") else None
    length = m.end() - pos
    surface = m.group()
    if m.group("pp"):
        return UnitMatch("pp", 1.0, length, "")
    if m.group("pct"):
        return UnitMatch("%", 1.0, length, "")
    if m.group("times"):
        return UnitMatch("x", 1.0, length, "multiple")
    if m.group("cur"):
        return UnitMatch(CURRENCIES[surface], 1.0, length, "level")
    if m.group("ops"):
        factor = 1e16 if surface.startswith("亿亿") else 1e12 if surface.startswith("万亿") else \
            1e8 if surface.startswith("亿") else 1e4 if surface.startswith("万") else 1.0
        return UnitMatch("FLOPS", factor, length, "level")
    if m.group("flops") is not None:
        return UnitMatch("FLOPS", SI_PREFIX[m.group("fp")], length, "level")
    if m.group("bytes"):
        if m.group("bp") in "EZ":  # national storage targets are stated in EB: compare them in bytes
            return UnitMatch("other:bytes", SI_PREFIX[m.group("bp")], length, "level")
        return UnitMatch(f"other:{surface}", 1.0, length, "level")
    if m.group("bareflops"):
        return UnitMatch("FLOPS", SI_PREFIX[m.group("ffp")], length, "level")
    if m.group("params"):
        return UnitMatch("count:parameters", 1e9 if surface.startswith("B") else 1.0,
                         length if surface.startswith("B") else 0, "count")
    if m.group("power"):
        unit, factor = POWER[surface]
        return UnitMatch(unit, factor, length, "level")
    if m.group("other"):
        return UnitMatch(OTHER_UNITS[surface], 1.0, length, "other")
    if m.group("months"):
        return UnitMatch("other:months", 1.0, length, "other")
    if m.group("years"):
        return UnitMatch("years", 1.0, length, "other")
    if m.group("days"):
        return UnitMatch("days", 1.0, length, "other")
    if m.group("count"):
        return UnitMatch(f"count:{surface}", 1.0, length, "count")
    if kind == "en" or m.group("en"):
        return UnitMatch(f"count:{surface.strip()}", 1.0, length, "count")
    return None


def prefix_currency(text: str, pos: int) -> tuple[str, int] | None:
    """A currency mark written just before ``pos`` (US$, RMB, ¥): its unit and length."""
    m = PREFIX_CURRENCY_RE.search(text, max(0, pos - 4), pos)
    if m is None or text[m.start() - 1:m.start()] == "\\":
        return None
    return CURRENCY_PREFIXES[m.group().strip()], pos - m.start()
