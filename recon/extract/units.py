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
    "块 枚 户 场 批 届 份 间 栋 处 国 省 城 座城市 人次 例 架 艘 首 门 支 本 册 根 股 期 项目 帧 大"
).split()
ENGLISH_COUNTS = "tokens token users companies people countries parameters models GPUs".split()
#: Any plural English noun after a number counts it (590 deals), also after up to two modifiers that
#: cannot be verbs (9,183 AI-related companies); units written in words come first.
ENGLISH_PLURAL = r"\s(?:(?:[A-Z][A-Za-z-]*|[a-z]+-[a-z-]+)\s){0,2}(?:[a-z]+[a-z](?<!ss)s)\b"
#: Other units: the claim unit and the claim type a number in them usually has.
OTHER_UNITS = {
    "公里": ("other:km", "level"), "千米": ("other:km", "level"), "km": ("other:km", "level"),
    "吨": ("other:tonnes", "level"), "平方米": ("other:m2", "level"), "㎡": ("other:m2", "level"),
    "m²": ("other:m2", "level"), " m²": ("other:m2", "level"), "m2": ("other:m2", "level"),
    " m2": ("other:m2", "level"), "平方公里": ("other:km2", "level"),
    "米": ("other:m", "level"),
    "小时": ("other:hours", "other"), "分钟": ("other:minutes", "other"), "毫秒": ("other:ms", "other"),
    "秒": ("other:seconds", "other"), "周": ("other:weeks", "other"), "纳米": ("other:nm", "other"),
    "nm": ("other:nm", "other"), "GHz": ("other:GHz", "other"), "MHz": ("other:MHz", "other"),
    "TOPS": ("other:TOPS", "level"), "tops": ("other:TOPS", "level"), "PD": ("other:PF-days", "level"),
    "bit": ("other:bit", "other"), "TWh": ("other:TWh", "level"), "GWh": ("other:GWh", "level"),
    "MWh": ("other:MWh", "level"), "kWh": ("other:kWh", "level"), "千瓦时": ("other:kWh", "level"),
}
#: Units with one meaning whatever their spelling: the claim unit and its usual claim type.
FIXED_UNITS = {"pp": ("pp", ""), "pct": ("%", ""), "times": ("x", "multiple"),
               "months": ("other:months", "other"), "years": ("years", "other"), "days": ("days", "other")}
#: 每秒百亿亿次 is 1e2 × 1e8 × 1e8 operations per second: the multipliers before 次 scale FLOPS.
OPS_MULTIPLIERS = {"十": 1e1, "百": 1e2, "千": 1e3, "万": 1e4, "亿": 1e8}
POWER = {"兆瓦": ("W", 1e6), "千瓦": ("W", 1e3),
         "瓦": ("W", 1.0), "GW": ("W", 1e9), "MW": ("W", 1e6), "kW": ("W", 1e3), "KW": ("W", 1e3),
         "W": ("W", 1.0)}


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _unit_words(words) -> str:
    """Unit words; a Latin one must not run on into a longer word (48GB, not 4GBase), a Chinese one may."""
    latin = [w for w in words if w.strip().isascii()]
    chinese = [w for w in words if not w.strip().isascii()]
    return rf"(?:{_alternation(chinese)}|(?:{_alternation(latin)})(?![A-Za-z]))"


UNIT_RE = re.compile(
    r"(?P<pp>个百分点|百分点|\s?percentage points?|pct|ppt|pp(?![a-z]))"
    r"|(?P<pct>%|％|\s?percent\b|\s?per cent\b)"
    r"|(?P<times>倍|\s?times\b|x(?![A-Za-z\d]))"
    rf"|(?P<cur>{_alternation(CURRENCIES)})"
    r"|(?P<ops>(?:每秒)?[十百千万亿]*[万亿]次(?:/秒)?(?:浮点)?(?:运算|计算)?|次浮点(?:运算|计算)?)"
    r"|(?P<flops>(?P<fp>[KMGTPEZ]?)(?:FLOPS|FLOPs|Flops|flops)(?![A-Za-z]))"
    r"|(?P<bytes>(?P<bp>[KMGTPEZ])B(?![A-Za-z\d]))"
    r"|(?P<bareflops>(?P<ffp>[PEZ])(?![A-Za-z\d]))"
    r"|(?P<params>B(?=\s?参数)|参数)"
    rf"|(?P<power>{_unit_words(POWER)})"
    rf"|(?P<other>{_unit_words(OTHER_UNITS)})"
    r"|(?P<months>个月|\smonths?\b)"
    r"|(?P<years>年|\syears?\b)"
    r"|(?P<days>天|\sdays?\b)"
    rf"|(?P<count>{_alternation(MEASURE_WORDS)})"
    rf"|(?P<en>\s?(?:{_alternation(ENGLISH_COUNTS)})\b|{ENGLISH_PLURAL})"
)

#: Words that start with a measure word but are not one: 1956 人工智能, 70年代, 5国家.
NOT_UNIT_RE = re.compile(
    r"人工|人民|人类|国家|国际|国内|国产|家庭|期间|年代|年份|次元|位一体|位数|元化|元结构|元分化"
)
PREFIX_CURRENCY_RE = re.compile(rf"(?:{_alternation(CURRENCY_PREFIXES)})\s?$")


def match_unit(text: str, pos: int) -> UnitMatch | None:
    """The unit starting at ``pos`` in ``text`` (after an optional 余/多/+ or space), or None."""
    m = UNIT_RE.match(text, pos)
    if m is None or NOT_UNIT_RE.match(text, pos):
        return None
    kind, surface, length = m.lastgroup, m.group(), m.end() - pos
    if kind in FIXED_UNITS:
        unit, type_hint = FIXED_UNITS[kind]
        return UnitMatch(unit, 1.0, length, type_hint)
    if kind == "cur":
        return UnitMatch(CURRENCIES[surface], 1.0, length, "level")
    if kind == "ops":
        factor = 1.0
        for char in surface.removeprefix("每秒").split("次")[0]:
            factor *= OPS_MULTIPLIERS[char]
        return UnitMatch("FLOPS", factor, length, "level")
    if kind in ("flops", "bareflops"):
        return UnitMatch("FLOPS", SI_PREFIX[m.group("fp") or m.group("ffp") or ""], length, "level")
    if kind == "bytes":
        if m.group("bp") in "EZ":  # national storage targets are stated in EB: compare them in bytes
            return UnitMatch("other:bytes", SI_PREFIX[m.group("bp")], length, "level")
        return UnitMatch(f"other:{surface}", 1.0, length, "level")
    if kind == "params":
        billions = surface.startswith("B")
        return UnitMatch("count:parameters", 1e9 if billions else 1.0, length if billions else 0, "count")
    if kind == "power":
        unit, factor = POWER[surface]
        return UnitMatch(unit, factor, length, "level")
    if kind == "other":
        unit, type_hint = OTHER_UNITS[surface]
        return UnitMatch(unit, 1.0, length, type_hint)
    return UnitMatch(f"count:{surface.split()[-1]}", 1.0, length, "count")


def prefix_currency(text: str, pos: int) -> tuple[str, int] | None:
    """A currency mark written just before ``pos`` (US$, RMB, ¥): its unit and length."""
    m = PREFIX_CURRENCY_RE.search(text, max(0, pos - 4), pos)
    if m is None or text[m.start() - 1:m.start()] == "\\":
        return None
    return CURRENCY_PREFIXES[m.group().strip()], pos - m.start()
