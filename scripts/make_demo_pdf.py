"""Generate sources/04_server_quarterly.pdf, the Chinese PDF of the demo corpus, reproducibly.

The text is laid out line by line (no automatic wrapping) so that every figure and its unit stay on
one extracted line; reportlab's ``invariant`` mode drops the timestamp and random document id, so
re-running the script gives the same bytes. Usage: ``.venv/bin/python scripts/make_demo_pdf.py``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
BODY_SIZE = 10.5
HEADING_SIZE = 13
TITLE_SIZE = 16
MARGIN = 56
LEADING = 20
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "sources" / "04_server_quarterly.pdf"

# Each page is a list of (style, text); style is "title", "meta", "heading" or "body".
PAGES = [
    [
        ("title", "人工智能服务器与产业结构季度观察"),
        ("meta", "示例产业研究院    2024年3月"),
        ("heading", "一、人工智能服务器市场"),
        ("body", "2022年，中国人工智能服务器市场规模为67亿美元。"),
        ("body", "2023年上半年，中国人工智能服务器市场规模达到30亿美元，同比增长55.4%。"),
        ("body", "2023年全年，中国人工智能服务器市场规模达到91亿美元，同比增长82.5%。"),
        ("body", "IDC预计，2027年中国人工智能服务器市场规模将达到134亿美元。"),
        ("body", "预计2022-2027年中国人工智能服务器市场的年复合增长率为21.8%。"),
        ("heading", "二、工作负载结构"),
        ("body", "大模型的兴起拉动了训练服务器的采购。"),
        ("body", "2023年上半年，训练工作负载的服务器占比为49.4%。"),
        ("body", "2023年全年，训练工作负载的服务器占比达到58.7%，较上半年提高9.3个百分点。"),
        ("body", "随着模型陆续进入投产阶段，推理需求将逐步上升。"),
        ("body", "预计到2027年，推理工作负载的服务器占比将达到72.6%。"),
    ],
    [
        ("heading", "三、深圳人工智能企业结构"),
        ("body", "截至2023年底，深圳人工智能相关企业中的中型企业有689家。"),
        ("body", "按企业规模划分，中型、小型、微型和大型企业分别占比48.1%、39.1%、14.2%和4.9%。"),
        ("body", "从区域分布看，南山区集聚了645家人工智能相关企业，占全市的39.2%。"),
        ("body", "截至2023年底，深圳人工智能行业累计发生融资事件1114起，"),
        ("body", "其中种子轮至A轮的早期融资事件占72.4%。"),
        ("heading", "四、算力底座"),
        ("body", "全国智能算力规模在2023年已超过400 EFLOPS，为模型训练提供了基础支撑。"),
        ("body", "深圳正在推进城市级智算平台建设，以缓解中小企业的算力紧张。"),
        ("meta", "本文为recon项目编写的演示材料，数据引自公开报告，仅用于测试审计流程。"),
    ],
]

SIZES = {"title": TITLE_SIZE, "heading": HEADING_SIZE, "body": BODY_SIZE, "meta": BODY_SIZE}


def draw_page(pdf: canvas.Canvas, lines: list[tuple[str, str]], number: int) -> None:
    """Draw one page top-down, one string per line, and its page number in the footer.

    :param pdf: the canvas to draw on
    :param lines: (style, text) pairs in reading order
    :param number: the 1-based page number printed in the footer
    """
    width, height = A4
    y = height - MARGIN
    for style, text in lines:
        size = SIZES[style]
        if pdfmetrics.stringWidth(text, FONT, size) > width - 2 * MARGIN:
            # A wrapped line would split a figure from its unit or metric in the extracted text.
            raise ValueError(f"line too wide for the page, shorten it: {text}")
        pdf.setFont(FONT, size)
        if style == "title":
            pdf.drawCentredString(width / 2, y, text)
            y -= LEADING
        else:
            if style == "heading":
                y -= LEADING / 2
            pdf.drawString(MARGIN, y, text)
        y -= LEADING
    pdf.setFont(FONT, 9)
    pdf.drawCentredString(width / 2, MARGIN / 2, f"- {number} -")


def make_demo_pdf(out: Path) -> Path:
    """Write the two-page demo PDF to ``out`` and return the path.

    :param out: where to write the PDF
    """
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    pdf = canvas.Canvas(str(out), pagesize=A4, invariant=1)
    pdf.setTitle("人工智能服务器与产业结构季度观察")
    pdf.setAuthor("示例产业研究院")
    for number, lines in enumerate(PAGES, start=1):
        draw_page(pdf, lines, number)
        pdf.showPage()
    pdf.save()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the PDF")
    args = parser.parse_args()
    make_demo_pdf(args.out)


if __name__ == "__main__":
    main()
