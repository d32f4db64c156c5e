"""Qualifiers: words and signs around a number that make it approximate or a bound."""

from __future__ import annotations

import re

from recon.lexicon import lexicon

_WORDS = lexicon().qualifiers
#: Words written just before the number, between the number and its unit (40余座, 150多个), and
#: after the number and unit; each gives the qualifier it maps to (qualifiers.yaml).
BEFORE = _WORDS.before
INFIX = _WORDS.infix
AFTER = _WORDS.after


def _alternation(words) -> str:
    """Longest first; an English word must not end another word (handsome is not "some"). Like
    :func:`recon.lexicon.alternation`, it opens with a lookahead on first characters and tests the
    boundary after an English word's first letter, so a search rejects most positions at once."""
    def one(word: str) -> str:
        if not (word[:1].isalpha() and word.isascii()):
            return re.escape(word)
        return re.escape(word[0]) + r"(?<![A-Za-z].)" + re.escape(word[1:])

    words = sorted(words, key=len, reverse=True)
    if not words or not all(words):
        return "|".join(one(w) for w in words)
    first = re.escape("".join(sorted({w[0] for w in words})))
    return f"(?=[{first}])(?:" + "|".join(one(w) for w in words) + ")"


#: Qualifier word at the end of the text before a number; verbs like 达到 may sit in between.
BEFORE_RE = re.compile(rf"(?:{_alternation(BEFORE)})(?=\s?(?:达到|可达|达|为|是|支持|有)?\s?$)",
                       re.IGNORECASE)
#: The whole a number is a part or a multiple of may stand between it and a bound or 约 (不到服务器总量的3%,
#: 约为美国的两倍); after 高于/超过 such a phrase is what is compared (高于单模态方案的28%), no bound.
PART_BEFORE_RE = re.compile(r"(?:不到|不足|约为|约占|约是|接近)(?=[^\d\s,，。；;、的]{1,6}的\s?$)")
INFIX_RE = re.compile(rf"\s?(?:{_alternation(INFIX)})(?![少种样元])")
AFTER_RE = re.compile(rf"\s?(?:{_alternation(AFTER)})")


def qualifier_before(text: str, start: int) -> str | None:
    """The qualifier given by the words just before ``start`` (looks back 16 characters)."""
    window = text[max(0, start - 16):start]
    m = BEFORE_RE.search(window) or PART_BEFORE_RE.search(window)
    return BEFORE.get(m.group()) or BEFORE.get(m.group().lower()) if m else None


def qualifier_infix(text: str, pos: int) -> tuple[str, int] | None:
    """A 余/多 between a number and its unit: the qualifier and its length."""
    m = INFIX_RE.match(text, pos)
    return (INFIX[m.group().strip()], m.end() - pos) if m else None


def qualifier_after(text: str, end: int) -> str | None:
    """The qualifier given by the words just after the number and its unit."""
    m = AFTER_RE.match(text, end)
    return AFTER[m.group().strip()] if m else None
