"""Non-claim numbers: why a number token in a document is not a quantitative claim."""

from __future__ import annotations

import re

from recon.extract.units import CURRENCY_PREFIXES
from recon.schemas import NonClaimReason

#: A letter, hyphen or dot glued before the number: GPT-4, A100, Qwen-72B, 战略 2.0 is handled by VERSION_RE.
PRODUCT_BEFORE_RE = re.compile(r"[A-Za-z][A-Za-z\-_]*[\-_]?\s?$|[A-Za-z]-$")
#: Letters glued after the number that are not a unit: 910B, 5G, 4o, 3D, 8x7B.
PRODUCT_AFTER_RE = re.compile(r"[A-Za-z]|x\d|\.\d+\.\d")
#: A currency code glued before the number (CNY640) is not a product name.
CURRENCY_BEFORE_RE = re.compile(
    "(?:" + "|".join(sorted({w for w in CURRENCY_PREFIXES if w.isalpha() and w.isascii()} | {"US"})) + ")$"
)
VERSION_RE = re.compile(r"(?:版本?|[vV]|版|代|号|型|系列|Pro|Max|Ultra|Turbo|plus|Plus)$")
FIGURE_BEFORE_RE = re.compile(r"(?:图表|图|表|附表|Figure|Fig\.|Table|Exhibit|注释|注)\s?$")
#: "#1" is a rank; "#### 9.5 亿元", a Markdown heading's marks and a space, is not.
ORDINAL_BEFORE_RE = re.compile(r"(?:第|排名|排第|位列|top|TOP|Top|No\.|NO\.)\s?$|(?<![#\s])#$")
SECTION_AFTER_RE = re.compile(r"\s?[、.．)）](?!\d)|\s?[章节篇部]")
LIST_MARKER_RE = re.compile(r"^[\s\-*#>·•]*[(（]?$")
CITATION_BEFORE_RE = re.compile(r"(?:\?|\[|ref=\"|ref=|[¹²³⁴⁵⁶⁷⁸⁹⁰])$")
CITATION_AFTER_RE = re.compile(r"\]")
DATE_AFTER_RE = re.compile(r"\s?(?:月|日|号|时|点(?!\d))")
PAGE_LINE_RE = re.compile(r"^(?:.*(?:\t|\.{3,}|…{2,}|\s{2,})[\s.…·]*|[-\s]*)$")
#: Stock codes (688018), phone and fax numbers (82547884, 5889.1666): identifiers, not amounts.
CODE_RE = re.compile(r"^(?:\d{6}|\d{7,}|\d{4}\.\d{4})$")
#: 2022.08 is a month in dotted notation.
DOTTED_MONTH_RE = re.compile(r"(?:19|20)\d\d\.(?:0[1-9]|1[0-2])")
#: "3.1 行业排名": a decimal section number opening a line and followed by its title.
SECTION_TITLE_AFTER_RE = re.compile(r"\s+\S")
YEAR_RE = re.compile(r"(?:19[5-9]|20[0-4])\d")
#: Only spaces from here to the end of the line, after the last character that is not one: read in
#: place, not by stripping the line, whose length may be millions of characters (issue 10, item 7).
LINE_END_RE = re.compile(r"(?<!\s)\s*\Z")


def reason_for(clean: str, start: int, end: int, surface: str,
               has_unit: bool) -> tuple[NonClaimReason, str] | None:
    """Why the number at [start, end) of ``clean`` is not a claim, or None when it may be one."""
    before = clean[max(0, start - 12):start]
    after = clean[end:end + 6]
    if CITATION_BEFORE_RE.search(before) or (before.endswith("[") and CITATION_AFTER_RE.match(after)):
        return NonClaimReason.CITATION, before[-3:]
    if FIGURE_BEFORE_RE.search(before):
        return NonClaimReason.FIGURE_OR_TABLE_NUMBER, before.strip()[-3:]
    if ORDINAL_BEFORE_RE.search(before):
        return NonClaimReason.ORDINAL, before.strip()[-3:]
    glued_name = not before.endswith((" ", "$", "\t")) and not CURRENCY_BEFORE_RE.search(before)
    if glued_name and PRODUCT_BEFORE_RE.search(before):
        return NonClaimReason.PRODUCT_NAME, before.split()[-1][-12:] + surface if before.split() else surface
    if not has_unit:
        if PRODUCT_AFTER_RE.match(after):
            return NonClaimReason.PRODUCT_NAME, surface + after[:3]
        if DATE_AFTER_RE.match(after):
            return NonClaimReason.DATE, surface + after[:1]
        if DOTTED_MONTH_RE.fullmatch(surface):
            return NonClaimReason.DATE, surface
        if LIST_MARKER_RE.match(before) and (SECTION_AFTER_RE.match(after) or (
                "." in surface and SECTION_TITLE_AFTER_RE.match(after))):
            return NonClaimReason.SECTION_NUMBER, surface + after[:1]
        if YEAR_RE.fullmatch(surface):  # before page numbers: a table cell holding only 2023 is a year
            return NonClaimReason.YEAR, surface
        if LINE_END_RE.match(clean, end) and PAGE_LINE_RE.match(clean[:start]):
            return NonClaimReason.PAGE_NUMBER, surface
        if CODE_RE.match(surface):
            return NonClaimReason.IDENTIFIER, surface
        if surface[0].isdigit() and "." in surface and VERSION_RE.search(before):
            return NonClaimReason.PRODUCT_NAME, before[-4:] + surface
        return NonClaimReason.NO_QUANTITY, after[:4]
    return None
