"""Claims read from one sentence: value, unit, qualifier, kind, type, period and geography.

Sentences follow the patterns of the shared corpus; expected fields were checked by hand against
the conventions of ../shared/gold-dev/README.md (value in the stated unit with its multiplier,
a decline is a negative growth (issue 10), P = PFLOPS, a bare 亿 amount is yuan, 40余 is a lower bound).
"""

import math

import pytest

from tests.extract.conftest import read_lines

FIELDS = ("value", "value_high", "unit", "qualifier", "kind", "type", "period", "geo")
FELL_BACK = "此后投资节奏逐步放缓，2023年融资金额回落至727.2亿元，全年仅发生融资事件509起。"


def claim_for(claims, surface):
    """The one claim whose surface is ``surface``."""
    rows = claims[claims["surface"] == surface]
    assert len(rows) == 1, f"{surface!r} not claimed once: {list(claims['surface'])}"
    return rows.iloc[0]


def check(row, expected):
    for field, want in expected.items():
        got = row[field]
        if isinstance(want, float) or field in ("value", "value_high"):
            if want is None:
                assert got is None or math.isnan(got), field
            else:
                assert got == pytest.approx(want), field
        else:
            assert got == want, field


LEVELS = [
    ("2023年中国人工智能核心产业规模达到1751亿元,同比增长11.9%", "1751亿元",
     dict(value=1.751e11, unit="CNY", qualifier="exact", kind="actual", type="level", period="2023",
          geo="China")),
    ("2023年中国人工智能核心产业规模达到1751亿元,同比增长11.9%", "11.9%",
     dict(value=11.9, unit="%", type="growth", period="2023", kind="actual")),
    ("预计到2027年全球AI市场规模将达到11.64 万亿美元", "11.64 万亿美元",
     dict(value=1.164e13, unit="USD", kind="forecast", type="level", period="2027", geo="Global")),
    ("2022-2027年中国智能算力规模的年复合增长率约为33.9%", "33.9%",
     dict(value=33.9, unit="%", qualifier="approx", type="cagr", period="2022-2027", geo="China",
          kind="forecast")),
    ("截至2023年12月,全国已建成智算中心40余座", "40余座",
     dict(value=40, unit="count:座", qualifier="lower_bound", type="count", period="2023-12", geo="China")),
    ("公司完成2.76亿战略投资", "2.76亿", dict(value=2.76e8, unit="CNY", type="level")),
    ("阿里开源了18亿、70亿、140亿参数的大模型", "18亿", dict(value=1.8e9, unit="count:parameters")),
    ("我国总人口为14.1亿", "14.1亿", dict(value=1.41e9, unit="count:people", type="count")),
    ("为超 2.28 亿金融客户提供服务", "2.28 亿", dict(value=2.28e8, unit="count:customers")),
    ("无损上下文长度提升到 200 万字", "200 万", dict(value=2e6, unit="count:characters")),
    ("高端算法人才供需比仅为1:5", "1:5", dict(value=0.2, unit="other:ratio", type="other")),
    ("数据中心PUE值从2024年1.35优化至1.15", "1.35", dict(value=1.35, unit="other:PUE", period="2024")),
    ("大模型训练单次碳排放达284吨CO2", "284吨", dict(value=284, unit="other:tonnes", type="level")),
    ("上海张江等6大AI产业园贡献了行业72%的专利", "6大", dict(value=6, unit="count:大", type="count")),
    ("深圳湾科技生态园面积188万㎡", "188万㎡", dict(value=1.88e6, unit="other:m2")),
    ("增长率也从3.2%逐渐提升至12.1%", "12.1%", dict(type="growth")),
    ("Kimi最多支持20万汉字的输入", "20万",
     dict(value=2e5, unit="count:characters", qualifier="upper_bound")),
    ("AI相关企业数量为9183 家", "9183 家", dict(value=9183, unit="count:家", type="count")),
    ("医疗影像等场景的渗透率不足8%", "8%", dict(value=8, qualifier="upper_bound", type="rate")),
    ("行业集中度CR5达61.3%", "61.3%", dict(value=61.3, type="share")),
    ("专利申请量同比下降12.7%", "12.7%", dict(value=-12.7, type="growth")),
    ("应用覆盖率较2023年提升了5个百分点", "5个百分点", dict(value=5, unit="pp", type="growth", period="")),
    ("其营收是竞争对手的3倍多", "3倍", dict(value=3, unit="x", qualifier="lower_bound", type="multiple")),
    ("2023年6月,该公司完成近20亿元的天使轮融资", "20亿元",
     dict(value=2e9, qualifier="approx", period="2023-06")),
    ("约八成企业已部署大模型", "八成", dict(value=80, unit="%", qualifier="approx")),
    ("四分之一的企业已部署大模型", "四分之一", dict(value=25, unit="%")),
    ("2023年11月,该公司完成数亿元B轮融资", "数亿元", dict(value=1e8, unit="CNY", qualifier="lower_bound")),
    ("其发布了千亿参数级大模型", "千亿", dict(value=1e11, unit="count:parameters", qualifier="approx")),
    ("参数规模从千亿级跃升至万亿级", "万亿", dict(value=1e12, unit="count:parameters", qualifier="approx")),
    ("超级计算机的算力达到每秒百亿亿次浮点运算", "百亿亿次浮点运算", dict(value=1e18, unit="FLOPS")),
    ("算力规模超过300EFLOPS", "300EFLOPS", dict(value=3e20, unit="FLOPS", qualifier="lower_bound")),
    ("项目算力规模>1000P", "1000P", dict(value=1e18, unit="FLOPS", qualifier="lower_bound")),
    ("存储总量超过1800EB", "1800EB", dict(value=1.8e21, unit="other:bytes")),
]


@pytest.mark.parametrize("sentence, surface, expected", LEVELS)
def test_claim_fields(extract, sentence, surface, expected):
    check(claim_for(extract(sentence), surface), expected)


RANGES = [
    ("单个智算中心算力规模在100P到1000P之间", "100P到1000P", 1e17, 1e18, "FLOPS", ""),
    ("研发投入占比维持在25-28%区间", "25-28%", 25, 28, "%", ""),
    ("各领域节省时间20%-35%", "20%-35%", 20, 35, "%", ""),
    ("效率提升3至5倍", "3至5倍", 3, 5, "x", ""),
    ("研发投入占营收的2528%", "2528%", 25, 28, "%", "suspect-range"),
    ("前期投入增加15%20%", "15%20%", 15, 20, "%", "suspect-range"),
    ("客户支付意愿可提高7.39.8%", "7.39.8%", 7.3, 9.8, "%", "suspect-range"),
    ("研发周期延长3045天", "3045天", 30, 45, "days", "suspect-range"),
]


@pytest.mark.parametrize("sentence, surface, low, high, unit, flag", RANGES)
def test_ranges(extract, sentence, surface, low, high, unit, flag):
    row = claim_for(extract(sentence), surface)
    check(row, dict(value=low, value_high=high, unit=unit, qualifier="range"))
    assert ("suspect-range" in row["flags"].split(";")) == (flag == "suspect-range")


@pytest.mark.parametrize("date, kind", [("2025-04", "forecast"), ("2025-12", "actual"), ("2026", "actual")])
def test_a_year_after_the_report_is_a_forecast(extract, date, kind):
    row = claim_for(extract("2025年医疗AI市场规模达到420亿元", date=date), "420亿元")
    assert row["kind"] == kind


def test_a_quarter_of_the_report_year_is_observed(extract):
    row = claim_for(extract("2025年Q1国产化率达25%", date="2025-04"), "25%")
    check(row, dict(period="2025Q1", kind="actual", type="rate"))


def test_each_number_takes_its_own_year(extract):
    claims = extract("2024年工业领域AI应用渗透率为23%,预计2030年达51%", date="2025-04")
    check(claim_for(claims, "23%"), dict(period="2024", kind="actual", type="rate"))
    check(claim_for(claims, "51%"), dict(period="2030", kind="forecast"))


def test_the_start_year_of_a_change_is_not_its_targets(extract):
    claims = extract("2030年深度学习市场规模将突破万亿元,国产替代率从2024年的18%提升至32%", date="2025-04")
    check(claim_for(claims, "18%"), dict(period="2024"))
    check(claim_for(claims, "32%"), dict(period=""))


def test_from_one_value_to_another_is_a_change_not_a_range(extract):
    claims = extract("英伟达H100替代方案国产化率实现从9%到27%的跨越")
    check(claim_for(claims, "9%"), dict(value=9, value_high=None, qualifier="exact"))
    check(claim_for(claims, "27%"), dict(value=27, qualifier="exact"))
    check(claim_for(extract("单个智算中心算力规模从100P到1000P之间不等"), "100P到1000P"),
          dict(value=1e17, value_high=1e18, qualifier="range"))


def test_rise_from_one_level_to_another(extract):
    claims = extract("国产框架市场占有率从2020年的12%提升至2024年的41%")
    check(claim_for(claims, "12%"), dict(period="2020", type="share"))
    check(claim_for(claims, "41%"), dict(period="2024", type="share"))


PERIODS = [
    ("市场规模将从2022年的195亿美元增长到2026年的347亿美元,年复合增长率达17.3%", "17.3%", "2022-2026"),
    ("未来五年全球大模型行业市场规模的CAGR为36.23%", "36.23%", "2023-2028"),
    ("2023年中国服务器市场规模将达到91亿美元,同比增长82.5%", "82.5%", "2023"),
    ("自2020年起,全球AI市场规模以高于20%的同比增速增长", "20%", "2020-2024"),
    ("2024年,头部企业研发投入占比达到营收的25%", "25%", "2024"),
    ("工业质检采用率较2023年提升11个百分点", "11个百分点", ""),
    ("2020年-2023年,深圳产业规模从287亿元增长至387亿元", "287亿元", "2020"),
    ("2020年-2023年,深圳产业规模从287亿元增长至387亿元", "387亿元", "2023"),
    ("从数据来看,截至2023年底我国网民规模为14.1亿,移动用户达17.3亿户", "17.3亿户", "2023"),
]


@pytest.mark.parametrize("sentence, surface, period", PERIODS)
def test_periods(extract, sentence, surface, period):
    assert claim_for(extract(sentence, date="2024-04"), surface)["period"] == period


@pytest.mark.parametrize("sentence, surface, period", [
    # a figure with no year of its own takes the one year named earlier in its sentence
    (FELL_BACK, "509起", "2023"),
    # but not the base of a comparison (较2024年)
    ("人才供给矛盾依然突出,2025年深度学习算法工程师缺口达12万人,头部企业校招薪资较2024年上涨23%", "23%",
     "2025"),
    # 全年 after a half is that half's whole year
    ("IDC数据显示，在中国，2023上半年训练工作负载的服务器占比达到49.4%，预计全年的占比将达到58.7%", "58.7%",
     "2023"),
])
def test_a_figure_without_a_year_takes_its_sentences_year(extract, sentence, surface, period):
    assert claim_for(extract(sentence, date="2024-05"), surface)["period"] == period


def test_a_dated_sentence_never_borrows_the_previous_lines_year():
    claims, _ = read_lines(["2017年是行业融资的高点，全年融资事件达到914起。",
                            FELL_BACK])
    assert claim_for(claims, "914起")["period"] == "2017"
    assert claim_for(claims, "509起")["period"] == "2023"


def test_a_title_frames_its_list_but_a_finished_paragraph_frames_no_later_one():
    claims, _ = read_lines([
        "《算力基础设施高质量发展行动计划》2025年4大主要目标", "",
        "- 计算力，算力规模超过300EFLOPS", "",
        "网易是一家成立于1997年的中国互联网科技公司。", "",
        "伏羲实现至少50%以上的工作效率提升。",
    ])
    assert claim_for(claims, "300EFLOPS")["period"] == "2025"
    assert claim_for(claims, "50%")["period"] == ""


def test_a_paragraph_date_frames_its_later_sentences():
    claims, _ = read_lines(["2023年7月,Meta发布Llama 2。该模型包含70亿参数。", "其上下文长度是前代的两倍。"])
    assert claim_for(claims, "70亿")["period"] == "2023-07"
    assert claim_for(claims, "两倍")["period"] == "2023-07"


ENGLISH = [
    ("China's intelligent computing power will reach 414.1 EFLOPS in 2023", "414.1 EFLOPS",
     dict(value=4.141e20, unit="FLOPS", kind="forecast", period="2023", geo="China")),
    ("The round raised RMB5 billion in 2023.", "5 billion", dict(value=5e9, unit="CNY")),
    ("The market reached US$9.1 billion in 2022.", "9.1 billion",
     dict(value=9.1e9, unit="USD", kind="actual", period="2022", geo="")),
    ("AI financing fell in 2023, with 590 deals recorded during the year.", "590 deals",
     dict(value=590, unit="count:deals", period="2023")),
    ("Global AI spending will reach $632 billion by 2028, a CAGR of 29.0% over 2024-2028.", "29.0%",
     dict(value=29.0, type="cagr", period="2024-2028", kind="forecast", geo="Global")),
    ("Data centres consumed 460 TWh in 2022", "460 TWh", dict(value=460, unit="other:TWh", period="2022")),
    ("Revenue rose 22% year on year in Q3 2023.", "22%", dict(type="growth", period="2023Q3")),
    ("Shipments grew 82.5 percent year on year in 2023", "82.5 percent",
     dict(value=82.5, unit="%", type="growth")),
    # a plural noun after up to two modifiers is what is counted
    ("China had 9,183 AI-related companies at the end of 2023, second only to the United States.",
     "9,183 AI-related companies", dict(value=9183, unit="count:companies", type="count", period="2023",
                                        geo="China", metric_text="AI-related companies")),
]


@pytest.mark.parametrize("sentence, surface, expected", ENGLISH)
def test_english(extract, sentence, surface, expected):
    check(claim_for(extract(sentence, date="2023-12"), surface), expected)


@pytest.mark.parametrize("sentence, surface, metric", [
    ("需求侧主要集中于智能制造(32%)、金融科技(24%)三大领域", "24%", "金融科技"),
    ("2023年中国人工智能核心产业规模达到1751亿元", "1751亿元", "中国人工智能核心产业规模"),
    # 年中 is mid-year only when no word such as 中国 starts there
    ("结果显示，2022年中国智能算力规模达259.9 EFLOPS", "259.9 EFLOPS", "中国智能算力规模"),
    # a clause without a subject takes the subject of the previous clause of its sentence
    ("2022年中国智能算力规模达259.9 EFLOPS，2023年将达到414.1 EFLOPS，预计到2027年将达到1117.4 EFLOPS。",
     "414.1 EFLOPS", "中国智能算力规模"),
    ("2022年中国智能算力规模达259.9 EFLOPS，2023年将达到414.1 EFLOPS，预计到2027年将达到1117.4 EFLOPS。",
     "1117.4 EFLOPS", "中国智能算力规模"),
    ("预计2023年中国人工智能服务器市场规模将达到91亿美元，同比增长82.5%", "82.5%",
     "中国人工智能服务器市场规模"),
    # English: the phrase starts on a word and ends before the verb; connectives continue the subject
    ("According to IDC, China's intelligent computing power will reach 414.1 EFLOPS in 2023, "
     "up from 259.9 EFLOPS in 2022.", "414.1 EFLOPS", "China's intelligent computing power"),
    ("According to IDC, China's intelligent computing power will reach 414.1 EFLOPS in 2023, "
     "up from 259.9 EFLOPS in 2022.", "259.9 EFLOPS", "China's intelligent computing power"),
    ("General-purpose computing power grew far more slowly, from a base of 54.5 EFLOPS in 2022.",
     "54.5 EFLOPS", "General-purpose computing power"),
    ("The number of AI-related companies in China stood at 9,183 at the end of 2023.", "9,183",
     "number of AI-related companies in China"),
    ("AI financing in China fell to an eight-year low in 2023, with 590 deals recorded during the year.",
     "590 deals", "AI financing in China"),
    # in X从A增长到B both A and B measure X, and a phrase never holds another figure
    ("全球边缘人工智能基础设施处理器和加速器的增长将从2022年的11亿美元增加至2027年的94亿美元", "94亿美元",
     "全球边缘人工智能基础设施处理器和加速器"),
    ("全球边缘人工智能基础设施处理器和加速器的增长将从2022年的11亿美元增加至2027年的94亿美元", "11亿美元",
     "全球边缘人工智能基础设施处理器和加速器"),
    # a parenthesis inside the subject does not cut it
    ("IDC预计，全球人工智能硬件市场（服务器）规模将从2022年的195亿美元增长到2026年的347亿美元", "347亿美元",
     "全球人工智能硬件市场(服务器)规模"),
    # the part named in the clause before: 其次是天使轮,有 295 起融资事件
    ("其中,A 轮的融资事件最多,达到了 337 起;其次是天使轮,有 295 起融资事件", "295 起", "天使轮融资事件"),
    # verbs of a change (回落至, 骤降至, 激增) and 全年仅发生 are not part of the phrase
    (FELL_BACK, "727.2亿元", "融资金额"),
    (FELL_BACK, "509起", "融资事件"),
    ("资本市场呈现两极分化特征,2025年H1AI领域融资总额达580亿元,但B轮后项目占比骤降至17%", "17%", "B轮后项目"),
    ("与此同时，数据清洗服务市场规模激增81%", "81%", "数据清洗服务市场规模"),
    # the source it is attributed to (IDC预测) and its year are not part of the phrase
    ("IDC预测2030年企业级模型即服务(MaaS)市场规模将突破1200亿元", "1200亿元",
     "企业级模型即服务(MaaS)市场规模"),
    # the members of one 分别 list share the list's phrase
    ("智能制造、智慧城市和金融科技成为三大主力应用领域,分别占据市场份额的32%、25%和18%", "25%", "市场份额"),
    ("智能制造、智慧城市和金融科技成为三大主力应用领域,分别占据市场份额的32%、25%和18%", "18%", "市场份额"),
])
def test_metric_phrases(extract, sentence, surface, metric):
    assert claim_for(extract(sentence), surface)["metric_text"] == metric


@pytest.mark.parametrize("sentence, surface, expected", [
    # （CAGR）between the phrase and 为 still makes a CAGR, over the span its sentence names
    ("处理器和加速器的增长将从2022年的11亿美元增加至2027年的94亿美元，五年年复合年增长率（CAGR）为52.3%。",
     "52.3%", dict(type="cagr", period="2022-2027")),
    # list members without a cue of their own take the type of the list's head word
    ("金融、医疗、制造业三大行业应用渗透率分别达到37%、28%和25%", "28%", dict(type="rate")),
    ("核心增量来自工业质检(年需求增速45%)、金融风控(38%)和医疗影像分析(52%)三大场景", "52%",
     dict(type="growth")),
    ("数据标注占28%、算力租赃占39%、人才成本占25%,较2021年分别变化+7%、15%、+8%", "15%", dict(type="growth")),
    # 预测性维护 is a noun, not a forecast cue
    ("工业领域AI应用中,预测性维护、缺陷检测需求占比超60%", "60%", dict(kind="actual")),
    # a forecast's starting value (从2022年的195亿美元) is observed
    ("IDC预计，全球人工智能硬件市场（服务器）规模将从2022年的195亿美元增长到2026年的347亿美元", "195亿美元",
     dict(kind="actual", period="2022")),
    ("IDC预计，全球人工智能硬件市场（服务器）规模将从2022年的195亿美元增长到2026年的347亿美元", "347亿美元",
     dict(kind="forecast", period="2026")),
    # an N-year CAGR ends in the year its sentence names, unless the sentence says where it starts
    ("预计2023年中国人工智能服务器市场规模将达到91亿美元，2027年将达到134亿美元，五年年复合增长率为21.8%",
     "21.8%", dict(type="cagr", period="2022-2027")),
    ("市场规模将从2022年的195亿美元增长到2026年的347亿美元，五年年复合增长率达17.3%", "17.3%",
     dict(type="cagr", period="2022-2026")),
    # a bound or 约 before the whole the number is a part or a multiple of
    ("2023年，中国液冷服务器数量尚不到服务器总量的3%", "3%", dict(qualifier="upper_bound")),
    ("2023年,中国人工智能研究发行物达到22.2万份,约为美国的两倍", "两倍", dict(qualifier="approx")),
    ("多模态方案准确率提升至65%,显著高于单模态方案的28%", "28%", dict(qualifier="exact")),
    # a percentage followed by 的同比增长 / 的年增速 is a growth, never a share
    ("这种资源集聚效应使得模型即服务(MaaS)平台订阅收入在2024年实现217%的同比增长", "217%",
     dict(type="growth")),
    ("但核心城市岗位空缺率仍达34%,催生出职业教育赛道185%的年增速", "185%", dict(type="growth")),
    # but not across a comma: 商业化失败率达67%,主要归因于场景理解偏差(41%)
    ("2024年深度学习项目商业化失败率达67%,主要归因于场景理解偏差(41%)与数据质量缺陷(33%)", "41%",
     dict(type="share")),
    # 增长到2026年的347亿美元 is a target, not an as-of date framing the growth after it
    ("规模将从2022年的195亿美元增长到2026年的347亿美元；预计2023年中国服务器市场规模将达到91亿美元，同比增长82.5%",
     "82.5%", dict(period="2023", type="growth")),
])
def test_types_and_periods_of_lists(extract, sentence, surface, expected):
    check(claim_for(extract(sentence, date="2023-12"), surface), expected)


@pytest.mark.parametrize("sentence, surface, geo", [
    # a place in a rank (排名全国第三, 全球领先的) or a comparator (约为美国的两倍) is not the figure's scope
    ("截至 2023 年底,深圳市人工智能相关企业数量达到 1646 家,排名全国第三。其中,97 家人工智能相关企业被认定为"
     "专精特新\"小巨人\"企业", "97 家", "Shenzhen"),
    ("浪潮信息是全球领先的IT基础设施产品、方案和服务提供商，业务涵盖服务器、存储和网络三大领域，有8个研发中心",
     "8个", ""),
    ("2023年,中国人工智能研究发行物达到22.2万份,约为美国的两倍", "两倍", "China"),
    # 国家部委 (ministry-level) is the level of what is counted, not a place
    ("截至 2023 年底,深圳累计建设人工智能创新载体 156 个。从级别来看,国家部委创新载体仅 1 家", "1 家",
     "Shenzhen"),
    # the whole of a share named in a column (全球占比) is not where the figure is
    ("2025年中国深度学习行业产能利用率全球占比80.0%", "80.0%", "China"),
    # the whole a share is taken of (占全国) is not where the figure is
    ("区域发展呈现长三角(2024年占全国产值38%)、粤港澳(年增速26%)三极带动格局", "38%", "Yangtze River Delta"),
    ("截至 2023 年底,粤港澳地区人工智能相关企业数量达到 2118 家; 2023 年,粤港澳地区人工智能发明专利申请数量"
     "达 1.4 万项", "1.4 万项", "Guangdong-Hong Kong-Macao Greater Bay Area"),
])
def test_geography(extract, sentence, surface, geo):
    assert claim_for(extract(sentence), surface)["geo"] == geo


TWO_YEARS = "尤其是在 2022 年和 2023 年,深圳人工智能发明专利申请量连续两年出现负增长,分别下降了 9.5%和 16.8%"
RESPECTIVELY = [
    # the i-th figure after 分别 is the i-th name listed before it: places, metrics or years
    ("龙华区和宝安区分别以 280 家和 253 家位列其后", "253 家", dict(geo="Bao'an")),
    ("龙岗区和福田区也分别拥有 169 家、166 家人工智能相关企业", "169 家", dict(geo="Longgang")),
    ("2023 年,京津冀地区人工智能融资数量和融资金额分别为 178 起、263.6 亿元", "263.6 亿元",
     dict(metric_text="融资金额", geo="Beijing-Tianjin-Hebei", period="2023")),
    ("2023 年,京津冀地区人工智能融资数量和融资金额分别为 178 起、263.6 亿元", "178 起",
     dict(metric_text="京津冀地区人工智能融资数量")),
    (TWO_YEARS, "9.5%", dict(period="2022", geo="Shenzhen")),
    (TWO_YEARS, "16.8%", dict(period="2023")),
]


@pytest.mark.parametrize("sentence, surface, expected", RESPECTIVELY)
def test_respectively(extract, sentence, surface, expected):
    check(claim_for(extract(sentence), surface), expected)


def test_positions_point_into_the_original_line(extract):
    """Traditional characters and pinyin are cleaned away for reading, but spans are the author's."""
    line = "2023年中國人工智慧核心產業規模達到1751億(yì)元,同比增長11.9%"
    claims = extract(line)
    for row in claims.itertuples():
        assert line[row.start:row.end] == row.surface
    check(claim_for(claims, "1751億(yì)元"), dict(value=1.751e11, unit="CNY", geo="China"))
