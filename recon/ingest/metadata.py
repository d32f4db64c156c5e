"""What a document says about itself when no manifest does: its language, report date and title."""

from __future__ import annotations

import operator
import re

from recon.ingest.clean import to_simplified

DATE_LINES = 60
"""The report date is looked for in this many first lines (the cover and front matter)."""
COVER_LINE = 60
"""A line no longer than this is a cover line: a date standing there is the report's own date."""

_YEAR_MONTH = re.compile(r"((?:19|20)\d\d)\s*年\s*(1[0-2]|0?[1-9])\s*月")
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTH_YEAR = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?"
                         r"((?:19|20)\d\d)\b", re.IGNORECASE)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"[A-Za-z]{2,}")
_MARKUP = re.compile(r"^[\s#>*\-]+|[*#]+")
_TITLE_END = re.compile(r"目录|。|\s{3,}")
TITLE_LENGTH = 120
"""A title is cut here: a first line running on is a flattened page, not a title."""


def detect_language(text: str) -> str:
    """``zh``, ``zh-Hant``, ``en`` or '' from the share of Chinese characters in the text.

    :param text: the document's text (only the first 50,000 characters are read).
    """
    sample = text[:50_000]
    han = _HAN.findall(sample)
    latin = len(_LATIN.findall(sample))
    if len(han) >= max(20, latin // 10):
        traditional = "".join(han)
        changed = sum(map(operator.ne, traditional, to_simplified(traditional)))
        return "zh-Hant" if changed > len(han) * 0.05 else "zh"
    return "en" if latin >= 20 else ""


def detect_date(lines: list[str]) -> str:
    """The report date as ``YYYY-MM`` from the front matter, or ''.

    Prefers the latest year-month standing on a short cover line (``2023年12月``, ``2024 年 4 月``,
    ``December 2023``, ``April 15, 2024``) among the first lines; else the latest anywhere in them.

    :param lines: the document's cleaned lines (half-width digits), in order.
    """
    cover, anywhere = [], []
    for line in lines[:DATE_LINES]:
        found = [(int(y), int(m)) for y, m in _YEAR_MONTH.findall(line)]
        found += [(int(y), _MONTHS.index(m.lower()) + 1) for m, y in _MONTH_YEAR.findall(line)]
        anywhere.extend(found)
        if len(line.strip()) <= COVER_LINE:
            cover.extend(found)
    best = max(cover or anywhere, default=None)
    return f"{best[0]}-{best[1]:02d}" if best else ""


def detect_title(lines: list[str]) -> str:
    """The first line with four Chinese characters or three words, as the title.

    Markup is stripped and the line is cut at a table of contents (目录) or a full stop.

    :param lines: the document's cleaned lines, in order.
    """
    for line in lines[:DATE_LINES]:
        title = _TITLE_END.split(_MARKUP.sub("", line).strip())[0].strip()
        if len(_HAN.findall(title)) >= 4 or len(_WORD.findall(title)) >= 3:
            return title[:TITLE_LENGTH]
    return ""


def describe(segments: list[dict], text: str) -> dict[str, str]:
    """Title, date and language of a document from its segment rows and its whole text.

    :param segments: the document's segment rows, in order (boilerplate is not a title).
    :param text: the document's decoded text.
    """
    cleans = [segment["clean"] for segment in segments]
    body = [segment["clean"] for segment in segments if segment["block"] != "boilerplate"]
    return dict(title=detect_title(body), date=detect_date(cleans), language=detect_language(text))
