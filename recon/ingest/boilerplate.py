"""Site boilerplate: copyright and upload notices, document-sharing site footers.

Boilerplate lines are marked (``block="boilerplate"``), never deleted, so the numbers in them are
still listed with a reason instead of vanishing. Rules work on the cleaned (simplified) text:

- a line with a rights, upload or report notice (版权所有, 未经…许可, 侵权…举报, 本站, 上传者,
  下载文件, ©, …) is boilerplate: phrases, not single words, because reports discuss 版权 and
  下载量 too;
- a short line that opens a site section (温馨提示, 最新文档, 相关文档, 评论, …) starts a footer:
  it and the list items and short lines after it are boilerplate until a prose line resumes.
"""

from __future__ import annotations

import re

NOTICE = re.compile(
    "|".join([
        r"版权(?:所有|声明|说明|归)", r"保留所有权利", r"未经.{0,20}(?:许可|同意)",
        r"不得.{0,8}(?:转载|复制|挪作)", r"转载请", r"侵权.{0,12}(?:举报|联系|删除|认领)", r"请.{0,6}举报",
        r"本站", r"本文档由", r"上传者", r"用户上传", r"下载(?:文件|资源)", r"文档简介", r"免责声明",
        r"收益归属", r"©", r"copyright\s*(?:©|\(c\)|(?:19|20)\d\d)", r"all rights reserved",
    ]),
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
