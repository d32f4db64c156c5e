"""Noise removal that keeps every character of the cleaned text traceable to the original.

``clean_text(text)`` returns ``(clean, offsets)``: ``offsets[i]`` is the index in ``text`` of
``clean[i]`` and ``offsets[len(clean)]`` is one past the last character kept (0 when nothing is
kept). The original of ``clean[i:j]`` is ``text[offsets[i]:offsets[j - 1] + 1]`` (``offsets[j]``
would also take in noise deleted right after it, such as a citation marker). ``offsets`` is None
when nothing changed. Cleaning only deletes characters or replaces one character by one, so a
claim found in ``clean`` always maps back to a span of ``text``.

What is cleaned, in this order:

1. One-to-one character mapping: full-width ASCII forms (U+FF01–FF5E: ``１２３，％（）．：``) and the
   ideographic space become their half-width forms; no-break spaces become spaces. The Chinese
   full stop ``。`` and enumeration comma ``、`` are kept as they are: they have no ASCII form that
   would not collide with a decimal point or a thousands separator. ``？`` is kept too, so that a
   real question mark before a number is never taken for a citation marker.
2. Deletions, found on the mapped text: pinyin annotations right after a CJK character
   (``學(xué)``: a parenthesised run of Latin letters holding at least one tone mark, so ``(AI)`` and
   ``(25%)`` stay), citation markers (``?8``, ``?1,3`` glued to text, ``?:ml-citation{…}``,
   superscript digits after text), markdown bold ``**``, zero-width characters and a trailing ``\\r``.
3. Traditional to simplified Chinese with OpenCC ``t2s``, kept one-to-one: when a phrase conversion
   changes the length of the line, each character is converted on its own.

Mojibake (``?cè)``) matches none of these rules and is left as it is.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

# ``？`` stays: a question mark typed in Chinese text is a real one, never a citation marker
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if code != 0xFF1F}
_FULLWIDTH.update({0x3000: " ", 0x00A0: " ", 0x2007: " ", 0x202F: " "})

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN = rf"(?<=[{_CJK}])\((?=[a-zü]*[{_TONED}])[a-zü{_TONED}]{{1,6}}\)"
# a ``?`` glued to 1-2 digit reference numbers after text; not a year (?2030年), list marker (?2、),
# decimal, percentage, range or amount (?15亿元), which the lookahead excludes
_CITATION = r"(?<=[^\s?\d])\?\d{1,2}(?:,\d{1,2})*(?![\d年月日、.%\-亿億万萬千百个個家元倍]|,\d)"
_ML_CITATION = r"\?:ml-citation\{[^{}]*\}"
# footnote marks glued to text; not the power of an area or volume unit (66万 m², 16万m³)
_SUPERSCRIPT = r"(?<=\S)(?<![mM米])[¹²³⁰⁴⁵⁶⁷⁸⁹]+"
_INVISIBLE = r"[\u200b-\u200d\u2060\ufeff]"
# opens on a lookahead for the first character of any noise: a scan of a long line tries the rules, and
# their lookbehinds, only where one can start
_NOISE = re.compile(r"(?=[(?¹²³⁰⁴⁵⁶⁷⁸⁹*\u200b-\u200d\u2060\ufeff\r])(?:"
                    + "|".join([_PINYIN, _ML_CITATION, _CITATION, _SUPERSCRIPT, r"\*\*", _INVISIBLE, r"\r$"])
                    + ")")
# str.translate looks every character of a non-ASCII line up in the table: translating only the runs
# that need it is what keeps a 5 MB line cheap
_FULLWIDTH_RUN = re.compile("[" + "".join(re.escape(chr(code)) for code in _FULLWIDTH) + "]+")
_NEEDS_T2S = re.compile(rf"[{_CJK}]")


@lru_cache(maxsize=1)
def simplifier() -> opencc.OpenCC:
    """The OpenCC traditional-to-simplified converter, built once: building it loads its dictionaries."""
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert traditional to simplified Chinese, one character for one character."""
    if not _NEEDS_T2S.search(text):
        return text
    converted = simplifier().convert(text)
    if len(converted) == len(text):
        return converted
    convert = simplifier().convert
    chars = []
    for char in text:
        out = convert(char)
        chars.append(out if len(out) == 1 else char)
    return "".join(chars)


def _half_width(run: re.Match) -> str:
    return run.group().translate(_FULLWIDTH)


def clean_text(text: str) -> tuple[str, list[int] | None]:
    """Clean one line or cell, returning ``(clean, offsets)`` as described in the module docstring.

    >>> clean_text("學(xué)習(xí)１２％?8。")
    ('学习12%。', [0, 6, 11, 12, 13, 16, 17])

    :param text: the original text of one line (or table cell).
    """
    mapped = _FULLWIDTH_RUN.sub(_half_width, text)
    spans = [m.span() for m in _NOISE.finditer(mapped)]
    if spans:
        pieces, offsets, at = [], [], 0
        for start, end in spans:
            pieces.append(mapped[at:start])
            offsets.extend(range(at, start))
            at = end
        pieces.append(mapped[at:])
        offsets.extend(range(at, len(mapped)))
        kept = "".join(pieces)
        offsets.append(offsets[-1] + 1 if offsets else 0)
    else:
        kept, offsets = mapped, None
    clean = to_simplified(kept)
    if offsets is None:
        if clean == text:
            return text, None
        offsets = list(range(len(text) + 1))
    return clean, offsets


def compose(outer: list[int] | None, inner: list[int] | None) -> list[int] | None:
    """Chain two offset maps: ``inner`` maps into a string that ``outer`` maps into the original."""
    if inner is None:
        return outer
    if outer is None:
        return inner
    chained = [outer[i] for i in inner[:-1]]
    if inner[-1] == len(outer) - 1:
        chained.append(outer[-1])
    else:
        chained.append(chained[-1] + 1 if chained else 0)
    return chained
