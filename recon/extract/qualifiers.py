"""Qualifiers: words and signs around a number that make it approximate or a bound."""

from __future__ import annotations

import re

#: Words written just before the number, longest first; the value is the qualifier they give.
BEFORE = {
    "大约": "approx", "约为": "approx", "约": "approx", "接近": "approx", "将近": "approx", "近": "approx",
    "大概": "approx", "approximately": "approx", "about": "approx", "around": "approx", "nearly": "approx",
    "~": "approx", "≈": "approx", "约占": "approx", "约是": "approx",
    "超过": "lower_bound", "超": "lower_bound", "突破": "lower_bound", "逾": "lower_bound",
    "高于": "lower_bound", "大于": "lower_bound", "不低于": "lower_bound", "不少于": "lower_bound",
    "至少": "lower_bound", "多于": "lower_bound", "over": "lower_bound", "more than": "lower_bound",
    "at least": "lower_bound", "above": "lower_bound", "≥": "lower_bound", ">": "lower_bound",
    ">=": "lower_bound",
    "不足": "upper_bound", "低于": "upper_bound", "不到": "upper_bound", "少于": "upper_bound",
    "小于": "upper_bound", "不超过": "upper_bound", "不高于": "upper_bound", "最多": "upper_bound",
    "最高": "upper_bound", "less than": "upper_bound", "under": "upper_bound", "below": "upper_bound",
    "up to": "upper_bound", "≤": "upper_bound", "<": "upper_bound", "<=": "upper_bound",
}
#: Words written between the number and its unit (40余座, 150多个).
INFIX = {"余": "lower_bound", "多": "lower_bound", "+": "lower_bound"}
#: Words written after the number and unit.
AFTER = {
    "以上": "lower_bound", "及以上": "lower_bound", "+": "lower_bound", "余": "lower_bound",
    "多": "lower_bound", "有余": "lower_bound",
    "以下": "upper_bound", "以内": "upper_bound", "及以下": "upper_bound",
    "左右": "approx", "上下": "approx", "级": "approx", "量级": "approx", "参数级": "approx",
}


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


#: Qualifier word at the end of the text before a number; verbs like 达到 may sit in between.
BEFORE_RE = re.compile(rf"(?:{_alternation(BEFORE)})(?=\s?(?:达到|可达|达|为|是|支持|有)?\s?$)")
#: The whole a number is a part or a multiple of may stand between it and a bound or 约 (不到服务器总量的3%,
#: 约为美国的两倍); after 高于/超过 such a phrase is what is compared (高于单模态方案的28%), no bound.
PART_BEFORE_RE = re.compile(r"(?:不到|不足|约为|约占|约是|接近)(?=[^\d\s,，。；;、的]{1,6}的\s?$)")
INFIX_RE = re.compile(rf"\s?(?:{_alternation(INFIX)})(?![少种样元])")
AFTER_RE = re.compile(rf"\s?(?:{_alternation(AFTER)})")


def qualifier_before(text: str, start: int) -> str | None:
    """The qualifier given by the words just before ``start`` (looks back 16 characters)."""
    window = text[max(0, start - 16):start]
    m = BEFORE_RE.search(window) or PART_BEFORE_RE.search(window)
    return BEFORE[m.group()] if m else None


def qualifier_infix(text: str, pos: int) -> tuple[str, int] | None:
    """A 余/多 between a number and its unit: the qualifier and its length."""
    m = INFIX_RE.match(text, pos)
    return (INFIX[m.group().strip()], m.end() - pos) if m else None


def qualifier_after(text: str, end: int) -> str | None:
    """The qualifier given by the words just after the number and its unit."""
    m = AFTER_RE.match(text, end)
    return AFTER[m.group().strip()] if m else None
