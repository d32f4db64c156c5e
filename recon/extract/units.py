"""Units written after (or before) a number: currencies, compute, %, points, multiples, counts."""

from __future__ import annotations

import re
from typing import NamedTuple

from recon.lexicon import alternation, lexicon


class UnitMatch(NamedTuple):
    """A unit found after a number: the claim unit, the factor it applies and its length in the text."""

    unit: str
    factor: float
    length: int
    type_hint: str


_LEXICON = lexicon()
#: Currency words after the number (88亿元, 88 billion yuan), with the unit they stand for.
CURRENCIES = {w: c.code for c in _LEXICON.currencies.values() for w in (*c.after, *c.words)}
CURRENCIES_ANY_CASE = {w.lower(): c for w, c in CURRENCIES.items() if w.isascii()}
#: Currency marks written before the number (US$41.2, RMB 15, 新台币1250亿元).
CURRENCY_PREFIXES = {w: c.code for c in _LEXICON.currencies.values() for w in c.before}
#: The currency 元 means when no other is named.
YUAN = "元"
#: Words whose presence in a document says which currency its bare 元 is (新台币, 兆元: TWD).
YUAN_SIGNS = {c.code: c.yuan_signs for c in _LEXICON.currencies.values() if c.yuan_signs}
YUAN_PLACES = {c.code: c.yuan_places for c in _LEXICON.currencies.values() if c.yuan_places}
#: How many different places of one region, and none of another's, make a document's bare 元 its money.
PLACES_FOR_YUAN = 2
SI_PREFIX = {**_LEXICON.compute.si_prefixes, **_LEXICON.compute.si_prefix_words}
#: Measure words that make a number a count; the noun family is kept in the unit (count:家).
MEASURE_WORDS = _LEXICON.measures.chinese
ENGLISH_COUNTS = _LEXICON.measures.english
NOT_COUNTED = frozenset(_LEXICON.measures.not_counted)
#: Any plural English noun after a number counts it (590 deals), also after up to two modifiers that
#: cannot be verbs (9,183 AI-related companies) and one lower-case word that is neither a verb in -s
#: nor a function word (4,000 data centres, 12 new campuses); units written in words come first. A
#: modifier may be a model name with digits, or two joined by and/or (half a million H100 and A100 GPUs).
_NAME = r"[A-Z][A-Za-z\d-]*"
ENGLISH_PLURAL = (rf"\s(?:(?:{_NAME}(?:\s(?:and|or)\s{_NAME})?|[a-z]+-[a-z-]+)\s){{0,2}}"
                  rf"(?:(?!(?:{'|'.join(NOT_COUNTED)})\s)[a-z]+(?<!s)\s)?"
                  rf"(?:[a-z]+[a-z](?<!ss)s|{alternation(ENGLISH_COUNTS)})\b")
#: Other units: the claim unit and the claim type a number in them usually has.
OTHER_UNITS = _LEXICON.compute.other
#: Units with one meaning whatever their spelling: the claim unit and its usual claim type.
FIXED_UNITS = {"pp": ("pp", ""), "pct": ("%", ""), "times": ("x", "multiple"),
               "months": ("other:months", "other"), "years": ("years", "other"), "days": ("days", "other")}
#: 每秒百亿亿次 is 1e2 × 1e8 × 1e8 operations per second: the multipliers before 次 scale FLOPS.
OPS_MULTIPLIERS = {**lexicon().multipliers.places, **lexicon().multipliers.sections,
                   **{w: f for w, f in lexicon().multipliers.after_number.items()
                      if len(w) == 1 and not w.isascii()}}
POWER = {w: ("W", f) for w, f in _LEXICON.compute.power.items()}


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _unit_words(words, space: str = "", any_case: bool = False) -> str:
    """Unit words; a Latin one must not run on into a longer word (48GB, not 4GBase), a Chinese one may.

    :param space: what may stand before a Latin word (``\\s?`` for 88 billion yuan)
    :param any_case: Latin words match in any case (a headline's 95 Billion US Dollars)
    """
    latin = [w for w in words if w.strip().isascii()]
    chinese = [w for w in words if not w.strip().isascii()]
    flag = "?i:" if any_case else "?:"
    return rf"(?:{_alternation(chinese)}|{space}({flag}{_alternation(latin)})(?![A-Za-z]))"


_COMPUTE = _LEXICON.compute
_SPACE = r"\s?"
_TIMES = re.escape(_COMPUTE.operations)
_OPS = "".join(OPS_MULTIPLIERS)
#: The multiplier right before 次 is a big one (万, 亿, 京): 十次 is ten times, not ten operations.
_OPS_BIG = "".join(w for w, f in OPS_MULTIPLIERS.items() if f >= 1e4)
_PREFIXES = "".join(p for p in _LEXICON.compute.si_prefixes if p and p != "k")

UNIT_RE = re.compile(
    r"(?P<pp>个百分点|百分点|\s?percentage points?|pct|ppt|pp(?![a-z]))"
    r"|(?P<pct>%|％|\s?percent\b|\s?per cent\b)"
    r"|(?P<times>倍|\s?times\b|-?fold\b|x(?![A-Za-z\d]))"
    rf"|(?P<cur>{_unit_words(CURRENCIES, space=_SPACE, any_case=True)})"
    rf"|(?P<ops>(?:{_alternation(_COMPUTE.per_second)})?[{_OPS}]*[{_OPS_BIG}]{_TIMES}(?:/秒)?"
    rf"(?:{_alternation(_COMPUTE.floating_point)})?(?:{_alternation(_COMPUTE.operation_words)})?"
    rf"|{_TIMES}(?:{_alternation(_COMPUTE.floating_point)}))"
    rf"|(?P<flops>(?:\s?(?P<fw>{_alternation(_COMPUTE.si_prefix_words)})|(?P<fp>[{_PREFIXES}]?))"
    rf"(?:{_alternation(_COMPUTE.flops)})(?![A-Za-z]))"
    r"|(?P<bytes>(?P<bp>[KMGTPEZ])B(?![A-Za-z\d]))"
    rf"|(?P<bareflops>(?P<ffp>[{''.join(_COMPUTE.bare_flops_prefixes)}])(?![A-Za-z\d]))"
    r"|(?P<params>B(?=\s?参数)|参数)"
    rf"|(?P<power>{_unit_words(POWER, space=_SPACE)}(?!时|-?h))"  # 千瓦时, MWh, megawatt-hours: energy
    rf"|(?P<other>{_unit_words(OTHER_UNITS)})"
    r"|(?P<months>个月|\smonths?\b)"
    r"|(?P<years>年|\syears?\b)"
    r"|(?P<days>天|\sdays?\b)"
    rf"|(?P<count>{_alternation(MEASURE_WORDS)})"
    rf"|(?P<en>\s?(?:{_alternation(ENGLISH_COUNTS)})\b|{ENGLISH_PLURAL})"
)

#: Words that start with a measure word but are not one: 1956 人工智能, 70年代, 5国家.
NOT_UNIT_RE = re.compile(_alternation(_LEXICON.measures.not_measure))
PER_SECOND_RE = re.compile(f"^(?:{_alternation(_COMPUTE.per_second)})")
PREFIX_WINDOW = max(map(len, CURRENCY_PREFIXES)) + 1
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
        word = surface.lstrip()
        return UnitMatch(CURRENCIES.get(word) or CURRENCIES_ANY_CASE[word.lower()], 1.0, length, "level")
    if kind == "ops":
        factor = 1.0
        for char in PER_SECOND_RE.sub("", surface).split(_COMPUTE.operations)[0]:
            factor *= OPS_MULTIPLIERS[char]
        return UnitMatch("FLOPS", factor, length, "level")
    if kind in ("flops", "bareflops"):
        prefix = m.group("fw") or m.group("fp") or m.group("ffp") or ""
        return UnitMatch("FLOPS", SI_PREFIX[prefix], length, "level")
    if kind == "bytes":  # 800PB and 8EB compare in one unit: bytes, the prefix applied
        return UnitMatch("other:bytes", SI_PREFIX[m.group("bp")], length, "level")
    if kind == "params":
        billions = surface.startswith("B")
        return UnitMatch("count:parameters", 1e9 if billions else 1.0, length if billions else 0, "count")
    if kind == "power":
        unit, factor = POWER[surface.lstrip()]
        return UnitMatch(unit, factor, length, "level")
    if kind == "other":
        unit, type_hint = OTHER_UNITS[surface]
        return UnitMatch(unit, 1.0, length, type_hint)
    noun = surface.split()[-1]
    if noun in NOT_COUNTED:  # 2024 was a turning year
        return None
    return UnitMatch(f"count:{noun}", 1.0, length, "count")


def prefix_currency(text: str, pos: int) -> tuple[str, int] | None:
    """A currency mark written just before ``pos`` (US$, RMB, ¥): its unit and length."""
    m = PREFIX_CURRENCY_RE.search(text, max(0, pos - PREFIX_WINDOW), pos)
    if m is None or text[m.start() - 1:m.start()] == "\\":
        return None
    return CURRENCY_PREFIXES[m.group().strip()], pos - m.start()


def yuan_currency(texts) -> str:
    """The currency a document's bare 元 stands for: the one currency whose signs it writes (a
    Taiwanese page names the New Taiwan dollar or counts money in 兆, 1.46兆元), else CNY.

    Without such signs, the institutions and places it names stand in: two of Taiwan's (经济部, 台湾)
    and none of the mainland's make it TWD.

    >>> yuan_currency(["前9月營收1.46兆元", "第3季營收5678亿元"]), yuan_currency(["营收88亿元"])
    ('TWD', 'CNY')
    >>> yuan_currency(["经济部表示，台湾服务器产值达4267亿元"])
    'TWD'
    """
    written = "\n".join(texts)  # one search per sign, not one per sign and line
    named = {code for code, signs in YUAN_SIGNS.items() if any(sign in written for sign in signs)}
    if not named:
        placed = {code: sum(place in written for place in places) for code, places in YUAN_PLACES.items()}
        named = {code for code, n in placed.items() if n >= PLACES_FOR_YUAN}
        if any(n for code, n in placed.items() if code not in named):
            return CURRENCIES[YUAN]
    return named.pop() if len(named) == 1 else CURRENCIES[YUAN]
