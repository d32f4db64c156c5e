"""Cleaning keeps offsets: pinyin, citations, full-width forms, markup and traditional characters."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recon.ingest.clean import clean_text, compose, to_simplified


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("深度學(xué)習(xí)產(chǎn)業(yè)", "深度学习产业"),
        ("醫(yī)療健康(25%)", "医疗健康(25%)"),
        ("生成式人工智能(AI)", "生成式人工智能(AI)"),
        ("平臺(tái)(NAS)", "平台(NAS)"),
        ("占比顯著提升?14。行業(yè)", "占比显著提升。行业"),
        ("分別占據(jù)32%、25%和18%?3。", "分别占据32%、25%和18%。"),
        ("引用見?1,3。", "引用见。"),
        ("市場規模是多少？1,300億元", "市场规模是多少？1,300亿元"),
        ("規模是多少?15億元", "规模是多少?15亿元"),
        ("優(yōu)勢?2030年發(fā)展", "优势?2030年发展"),
        ("跨越?2、產(chǎn)業(yè)", "跨越?2、产业"),
        ("服務(wù)?:ml-citation{ref=\"1,3\"data=\"citationList\"}這一增長", "服务这一增长"),
        ("規模達１２３．５億元，增長％５（預計）：", "规模达123.5亿元,增长%5(预计):"),
        ("是嗎？", "是吗？"),
        ("增长。其次、再次", "增长。其次、再次"),
        ("**1000P**以上的多为公共用途", "1000P以上的多为公共用途"),
        ("2023年¹细分板块交易笔数分布", "2023年细分板块交易笔数分布"),
        ("南山智园\t66万 m²\t战略性新兴产业", "南山智园\t66万 m²\t战略性新兴产业"),
        ("建筑面积16万m³", "建筑面积16万m³"),
        ("駛?cè)髴?yīng)用", "驶?cè)髴?yīng)用"),
        ("plain ascii 12.5%", "plain ascii 12.5%"),
        ("line with crlf\r", "line with crlf"),
    ],
)
def test_clean_rows(text, clean):
    got, offsets = clean_text(text)
    assert got == clean
    if got == text:
        assert offsets is None
    else:
        assert len(offsets) == len(got) + 1


def test_unchanged_line_has_no_offset_map():
    line = "2023年中国人工智能核心产业规模为1751亿元"
    assert clean_text(line) == (line, None)


def test_offsets_locate_a_number_in_the_original():
    text = "預計2025年市場規(guī)模將達到495.39億元?8。"
    clean, offsets = clean_text(text)
    start = clean.index("495.39亿元")
    end = start + len("495.39亿元")
    assert text[offsets[start]:offsets[end - 1] + 1] == "495.39億元"
    assert text[offsets[start]:offsets[end]] == "495.39億元?8"


def test_offsets_end_after_last_kept_character_when_the_tail_is_deleted():
    text = "增長18%?3"
    clean, offsets = clean_text(text)
    assert clean == "增长18%"
    assert text[offsets[0]:offsets[-1]] == "增長18%"


def test_compose_chains_maps():
    raw = "A&amp;B<b>1</b>"
    visible, outer = "A&B1", [0, 1, 6, 10, 15]
    clean, inner = "A&B1", None
    assert compose(outer, inner) == outer
    assert compose(None, [0, 1]) == [0, 1]
    chained = compose(outer, [0, 3, 4])
    assert raw[chained[0]:chained[-1]] == raw
    assert clean == visible


def test_to_simplified_keeps_length_per_character():
    for text in ["學習", "乾隆皇帝", "理髮店", "中國人民銀行"]:
        assert len(to_simplified(text)) == len(text)


FULLWIDTH_OF = {chr(c - 0xFEE0): chr(c) for c in range(0xFF01, 0xFF5F) if c != 0xFF1F}
NOISY = st.text(
    alphabet=st.sampled_from(list("學習產業(xuéyè)?8,3年、。%AI12 *¹＊１２（）：\r\u3000\u200b")),
    max_size=60,
)


@given(st.one_of(st.text(max_size=80), NOISY))
@settings(deadline=None)
def test_clean_characters_come_from_their_offsets(text):
    clean, offsets = clean_text(text)
    assert len(clean) <= len(text)
    if offsets is None:
        assert clean == text
        return
    assert len(offsets) == len(clean) + 1
    assert offsets == sorted(set(offsets)) or len(clean) == 0
    for i, char in enumerate(clean):
        source = text[offsets[i]]
        assert (char == source or char == to_simplified(source)
                or FULLWIDTH_OF.get(char) == source or (char == " " and source.isspace())
                or ("\u3400" <= char <= "\u9fff" and "\u3400" <= source <= "\u9fff")), (i, char, source)
    assert offsets[-1] <= len(text)
