"""Site notices and footers are marked; report prose about copyright or downloads is not."""

import pytest

from recon.ingest.boilerplate import is_notice, mark_boilerplate


@pytest.mark.parametrize(
    ("line", "notice"),
    [
        ("版权说明:本文档由用户提供并上传,收益归属内容提供方,若内容存在侵权,请进行举报或认领", True),
        ("版权所有 2023 IDC。未经许可,不得复制。保留所有权利。", True),
        ("© 2025 示例产业研究院 · 转载请注明出处", True),
        ("Copyright 2024 Demo Research Institute. All rights reserved.", True),
        ("6. 下载文件中如有侵权或不适当内容,请与我们联系,我们立即纠正。", True),
        ("2023年3月16日,美国版权局发布了《版权登记指南:包含人工智能生成材料的作品》。", False),
        ("这款应用程序可免费下载,上线首周下载量超过50万次。", False),
        ('OpenAI推出名为 "Copyright Shield(版权盾)"的新功能。', False),
        ("中国判决首例 AI 生成图片版权案", False),
    ],
)
def test_is_notice(line, notice):
    assert is_notice(line) is notice


def test_footer_runs_from_its_opening_line_until_prose_resumes():
    lines = [
        "2030年市场规模将突破800亿元。",
        "温馨提示",
        "- 1. 本站所有资源如无特殊说明,都需要本地电脑安装OFFICE2007和PDF阅读器。",
        "最新文档",
        "- 2025年五年级下册英语单词表",
        "评论",
        "0/150",
        "",
        "附录:2024年中国人工智能核心产业规模达到约1751亿元,同比增长11.9%,占数字经济核心产业增加值的比重持续上升。",
    ]
    assert mark_boilerplate(lines) == [False, True, True, True, True, True, True, True, False]
