"""Numerals: Arabic and Chinese numbers, vague magnitudes and multipliers, parsed to floats."""

from __future__ import annotations

import re

from recon.lexicon import lexicon

_WORDS = lexicon().multipliers
CN_DIGITS = _WORDS.digits
CN_SMALL_UNITS = _WORDS.places
CN_BIG_UNITS = _WORDS.sections

#: Multiplier words written after a number (multipliers.yaml): every one, and those that mean a
#: multiplier wherever they stand (兆 and 京 need the words after them: 兆瓦 is MW, 京津冀 Beijing).
ALL_MULTIPLIERS = _WORDS.after_number
GUARDED = ("兆", "京")
MULTIPLIERS = {w: f for w, f in ALL_MULTIPLIERS.items() if w not in GUARDED}


def _multiplier(word: str) -> str:
    """One multiplier word as a pattern, with the words after it that make it something else."""
    if word == "百":
        return "百(?!分)"  # 百分之 is a percentage, not a hundred
    if word == "兆":
        return f"兆(?!{'|'.join(map(re.escape, _WORDS.mega_units))})"
    if word == "京":
        return f"京(?!{'|'.join(map(re.escape, _WORDS.not_after_jing))})"
    if word.isascii() and len(word) > 2:
        return f"(?i:{re.escape(word)})(?![A-Za-z])"  # billion, Billion, BILLION
    return re.escape(word) + ("(?![A-Za-z])" if word.isascii() else "")


MULTIPLIER = "(?:" + "|".join(_multiplier(w) for w in sorted(ALL_MULTIPLIERS, key=len, reverse=True)) + ")"
_AFTER_DECIMAL_COMMA = "|".join(
    [re.escape(w) for w in _WORDS.decimal_comma_before]
    + [_multiplier(w) for w in ALL_MULTIPLIERS if w.isascii() and len(w) > 2])
DECIMAL_COMMA_DIGITS = r"\d+,\d{1,2}"
#: 37,4% and $2,52 trillion (European style) before 1,200 (thousands) and 12.5.
DECIMAL_COMMA = rf"\d+,\d{{1,2}}(?=[ ]?(?:{_AFTER_DECIMAL_COMMA}))"
ARABIC = rf"{DECIMAL_COMMA}|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?"
#: A Chinese numeral ends in a digit other than zero or in a place value: 两百, 三千五, 十二; a decimal
#: point may follow it with digits read one by one (二．五二).
_LAST = "".join(w for w, d in CN_DIGITS.items() if d) + "".join(CN_SMALL_UNITS)
_POINTS = "".join(_WORDS.chinese_decimal_points)
CN_NUMERAL = (f"[{''.join(CN_DIGITS)}{''.join(CN_SMALL_UNITS)}{''.join(CN_BIG_UNITS)}]*[{_LAST}]"
              f"(?:[{re.escape(_POINTS)}][{''.join(CN_DIGITS)}]+)?")

#: Vague Chinese magnitudes: 数亿 (several hundred million), 上千, 近百, 八成 (80 %), 四分之一, 半数.
VAGUE = r"数[十百千万亿]+|上[百千万亿]+|几[十百千万亿]+"
FRACTION = r"(?P<den>[一二三四五六七八九十百]+)分之(?P<numr>[一二三四五六七八九十]+)"
TENTHS = (rf"(?P<tenths>[一二两三四五六七八九]|(?<![\d.])\d(?:\.\d)?){re.escape(_WORDS.tenths)}"
          rf"(?![{''.join(_WORDS.not_after_tenths)}])")
HALF = r"半数"

# The lookahead lets the scan skip, in one test, the many positions where no number can start.
NUMBER_RE = re.compile(
    rf"(?=[\d一二两三四五六七八九十百千万亿零〇数上几半{''.join(CN_SMALL_UNITS)}])"
    rf"(?:(?P<frac>{FRACTION})|(?P<ten>{TENTHS})|(?P<half>{HALF})"
    rf"|(?P<vague>{VAGUE})|(?P<order>[十百千万亿]+)(?=级|量级)"
    rf"|(?P<num>{ARABIC}|{CN_NUMERAL})(?:(?P<space>[ \u3000]?)(?P<mult>{MULTIPLIER}))?)"
)


def multiplier(word: str) -> float:
    """The factor of a multiplier word as written: 亿 → 1e8, billion and Billion → 1e9."""
    return ALL_MULTIPLIERS.get(word) or ALL_MULTIPLIERS[word.lower()]


def parse_arabic(text: str) -> tuple[float, float]:
    """Value and place value of the last digit: '1,117.4' → (1117.4, 0.1)."""
    digits = text.replace(",", ".") if re.fullmatch(DECIMAL_COMMA_DIGITS, text) else text.replace(",", "")
    step = 10.0 ** -len(digits.split(".")[1]) if "." in digits else 1.0
    return float(digits), step


def parse_chinese(text: str) -> tuple[float, float]:
    """Value and place value of the last digit of a Chinese numeral: '两百' → (200, 100),
    '二.五' → (2.5, 0.1)."""
    point = next((i for i, ch in enumerate(text) if ch in _POINTS), None)
    if point is not None:
        whole, _ = parse_chinese(text[:point])
        decimals = text[point + 1:]
        fraction = "".join(str(CN_DIGITS[ch]) for ch in decimals)
        return whole + int(fraction) / 10 ** len(fraction), 10.0 ** -len(fraction)
    total, section, digit, step = 0.0, 0.0, 0, 1.0
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
            step = 1.0
        elif ch in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[ch]
            section += (digit or 1) * unit
            digit, step = 0, unit
        else:
            unit = CN_BIG_UNITS[ch]
            total = (total + section + digit) * unit if unit > 1e4 else total + (section + digit) * unit
            section, digit, step = 0.0, 0, step * unit
    return total + section + digit, step


def parse_number(text: str) -> tuple[float, float]:
    """Value and step of an Arabic or Chinese numeral."""
    if text[0].isdigit():
        return parse_arabic(text)
    return parse_chinese(text)


def parse_vague(text: str) -> float:
    """Order of magnitude of 数亿, 上千, 几十 or 万亿(级): the multiplier words multiplied out."""
    value = 1.0
    for ch in text.lstrip("数上几"):
        value *= CN_SMALL_UNITS.get(ch) or CN_BIG_UNITS.get(ch, 1)
    return value
