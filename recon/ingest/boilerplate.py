"""Site boilerplate: copyright and upload notices, document-sharing site footers.

Boilerplate lines are marked (``block="boilerplate"``), never deleted, so the numbers in them are
still listed with a reason instead of vanishing. Rules work on the cleaned (simplified) text:

- a line naming rights, downloads, uploads or reports (版权, 侵权, 下载, 上传, 举报, 本站, …) is
  boilerplate;
- a short line that opens a site section (温馨提示, 最新文档, 相关文档, 评论, …) starts a footer:
  it and the list items and short lines after it are boilerplate until a prose line resumes.
"""

from __future__ import annotations

import re

NOTICE = re.compile(
    r"版权|侵权|下载|上传|举报|本站|转载|免责声明|文档简介|收益归属|©|copyright|all rights reserved",
    re.IGNORECASE,
)
FOOTER_START = re.compile(r"^\s*(温馨提示|最新文档|相关文档|相关推荐|猜你喜欢|评论|提交评论|热门文档)\s*$")
NOTICE_LENGTH = 300
"""A notice is a line of its own; a longer line naming 下载 is a report's prose."""
PROSE_LENGTH = 60
"""A line at least this long that is not a list item ends a footer: prose has resumed."""


def is_notice(clean: str) -> bool:
    """Whether a single line is a site notice, wherever it stands."""
    return len(clean) <= NOTICE_LENGTH and bool(NOTICE.search(clean))


def mark_boilerplate(cleans: list[str]) -> list[bool]:
    """Flag the boilerplate lines of one document, given its cleaned lines in order.

    :param cleans: the cleaned text of each line.
    """
    flags, in_footer = [], False
    for clean in cleans:
        stripped = clean.strip()
        if FOOTER_START.match(stripped):
            in_footer = True
        elif in_footer and len(stripped) >= PROSE_LENGTH and not stripped.startswith(("-", "*", "•")):
            in_footer = False
        flags.append(in_footer or is_notice(stripped))
    return flags
