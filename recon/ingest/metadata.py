"""What a document says about itself when no manifest does: its language, report date, title and publisher."""

from __future__ import annotations

import operator
import re
from bisect import bisect_left

from recon.ingest.clean import to_simplified

ROC_EPOCH = 1911
"""Taiwan counts years of the Republic: 民國113年 is 1911 + 113 = 2024."""
DATE_LINES = 60
"""The report date is looked for in this many first lines (the cover and front matter)."""
COVER_LINE = 60
"""A line no longer than this is a cover line: a date standing there is the report's own date."""

_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTH = r"(?P<name>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
#: Each form opens on a lookahead for its first character, so a scan of a long line skips at C speed
#: the positions where it cannot start.
DATE_FORMS = [
    (re.compile(rf"(?=[12]){_YEAR}\s*年\s*(?P<month>1[0-2]|0?[1-9])\s*月(?:\s*{_DAY}\s*[日号])?"), False),
    (re.compile(r"(?=[中民])(?:中华|中華)?民[国國]\s*(?P<roc>[1-9]\d{1,2})\s*年\s*"
                r"(?P<month>1[0-2]|0?[1-9])\s*月"), False),
    (re.compile(rf"(?=[0-9])\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE), False),
    (re.compile(rf"(?=[jfmasond])\b{_MONTH}\s+(?:{_DAY}(?:st|nd|rd|th)?,?\s+)?{_YEAR}\b", re.IGNORECASE),
     False),
    (re.compile(rf"(?=[12])(?<![\d.])(?<!\d[-/]){_YEAR}(?P<sep>[-/.])(?P<month>1[0-2]|0?[1-9])(?:(?P=sep){_DAY})?"
                r"(?![\d])"), True),
]
"""How a date is written: ``2023年12月(8日)``, ``民國113年5月`` (1911 + 113), ``3 March 2025``,
``Mar 3, 2025``, ``2024-05-17``, ``2024/5/17``, ``2024.05.17``. The last form (True) counts without
a label only with its day: ``2022-12`` alone may be a span."""
DATE_LABEL = re.compile(
    r"(?:\b(?:date[d]?|published(?:\s+on)?|publication\s+date|posted(?:\s+on)?|released?(?:\s+on)?|"
    r"release\s+date|(?:last\s+)?updated(?:\s+on)?|issued(?:\s+on)?)|"
    r"(?:发布|發布|發佈|发表|發表|出版|刊发|刊發|更新|印发|印發)(?:日期|时间|時間|于|於)?|日期|时间|時間)"
    r"\s*[:：]?\s*$",
    re.IGNORECASE,
)
"""A label a page puts before its own date: ``date``, ``Published:``, ``发布日期:``, ``時間：``."""
#: The characters a label is written with: letters, spaces and colons.
LABEL_CHARS_RE = re.compile(r"(?:[^\W\d_]|[\s:：])*")
LABEL_WINDOW = 64
"""How far back from a date the search for its label starts: widened while the window is all letters."""
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


def dates_in(line: str) -> list[tuple[int, int, int, bool]]:
    """The dates written in ``line``: (where it starts, year, month, whether a label stands before it).

    :param line: one cleaned line (half-width digits and colons).
    """
    found, taken = [], []  # taken: the spans read, sorted, none overlapping another
    for form, needs_day in DATE_FORMS:
        for m in form.finditer(line):
            at = bisect_left(taken, (m.end(),))
            if at and taken[at - 1][1] > m.start():
                continue
            labelled = _labelled(line, m.start())
            if needs_day and not labelled and m.group(0).count(m.group("sep")) < 2:
                continue
            named = m.groupdict().get("name")
            month = _MONTHS.index(named.lower()[:3]) + 1 if named else int(m.group("month"))
            year = ROC_EPOCH + int(m.group("roc")) if m.groupdict().get("roc") else int(m.group("year"))
            found.append((m.start(), year, month, labelled))
            taken.insert(at, m.span())
    return sorted(found)


def _labelled(line: str, start: int) -> bool:
    """Whether a :data:`DATE_LABEL` ends right before ``start``.

    A label is written with letters, spaces and a colon only, so it starts after the last other
    character before ``start``: the search looks back through a window that doubles until it holds
    one, not through a line that may be millions of characters long.
    """
    width = LABEL_WINDOW
    lo = max(0, start - width)
    while lo > 0 and LABEL_CHARS_RE.fullmatch(line, lo, start):
        width *= 2
        lo = max(0, start - width)
    return DATE_LABEL.search(line, lo, start) is not None


def detect_date(lines: list[str]) -> str:
    """The report date as ``YYYY-MM`` from the front matter, or ''.

    A date the page labels as its own (``date 2024-05-17``, ``Published: Mar 3, 2025``,
    ``发布日期:2023-09-12``, ``时间:2024-01-08 10:30``, ``發佈日期：2023年9月12日``) wins, the first
    one among the first lines; else the latest date standing on a short cover line (``2023年12月``
    by the title, ``December 2023``, ``2024-05-17``); else the latest anywhere in them.

    :param lines: the document's cleaned lines (half-width digits), in order.
    """
    cover, anywhere = [], []
    for line in lines[:DATE_LINES]:
        found = dates_in(line)
        labelled = [(year, month) for _, year, month, label in found if label]
        if labelled:
            return f"{labelled[0][0]}-{labelled[0][1]:02d}"
        dates = [(year, month) for _, year, month, _ in found]
        anywhere.extend(dates)
        if len(line.strip()) <= COVER_LINE:
            cover.extend(dates)
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


PUBLISHER_META = ("og:site_name", "publisher", "article:publisher", "dc.publisher", "dcterms.publisher",
                  "citation_publisher", "author", "dc.creator", "article:author")
"""The ``<meta>`` names and properties a page states its publisher by, the most telling first: a
site's own name before an article's author."""
_URL = re.compile(r"^(?:https?:)?//|^www\.", re.IGNORECASE)


def page_publisher(meta: dict[str, str]) -> str:
    """The publisher a page states in its ``<meta>`` tags, or ''.

    Read so that a page citing no one stands for its publisher in the checks (IDC's own page is IDC's
    report). A value that is a link (``article:publisher`` is often a social-media page) names no one.

    :param meta: the page's ``<meta>`` tags, lower-cased ``name`` or ``property`` → ``content``.

    >>> page_publisher({"author": "Li Hua", "og:site_name": "IDC"}), page_publisher({})
    ('IDC', '')
    >>> page_publisher({"article:publisher": "https://www.facebook.com/idc", "author": "IDC China"})
    'IDC China'
    """
    for name in PUBLISHER_META:
        value = " ".join(meta.get(name, "").split())
        if value and not _URL.match(value):
            return value
    return ""


def describe(segments: list[dict], text: str) -> dict[str, str]:
    """Title, date and language of a document from its segment rows and its whole text.

    :param segments: the document's segment rows, in order (boilerplate is not a title).
    :param text: the document's decoded text.
    """
    cleans = [segment["clean"] for segment in segments]
    body = [segment["clean"] for segment in segments if segment["block"] != "boilerplate"]
    return dict(title=detect_title(body), date=detect_date(cleans), language=detect_language(text))
