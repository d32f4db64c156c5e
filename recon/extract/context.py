"""Context of a number: its sentence and clause, kind, geography, metric phrase and claim type."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable

from recon.extract.units import CURRENCY_PREFIXES
from recon.lexicon import alternation, lexicon

#: Sentence, scope and clause delimiters. Each opens with a lookahead naming every character a
#: delimiter starts with, so a scan of a long line skips the other characters at C speed.
#: A flattened list ends a sentence at each citation marker ([3]) and at each bullet dash between
#: spaces before Chinese or a Chinese year (… [1] - 全国…, … - 2023年…); in Chinese, a space between
#: two characters, or after a figure's unit (788EFLOPS 存力…), is a lost clause mark.
_CITATION = r"\[\d{1,3}\]"
_BULLET = r"(?<=\s)-(?=\s(?:[\u3400-\u9fff]|(?:19|20)\d\d\s?年))"
_HAN_SPACE = (r"(?:(?<=[\u3400-\u9fff])|" + "|".join(rf"(?<=\d[A-Za-z%]{{{n}}})" for n in range(1, 8))
              + r")\s+(?=[\u3400-\u9fff])")
SENTENCE_END_RE = re.compile(
    rf"(?=[。！？!?.\t\[-])(?:[。！？!]|\?(?!\)|0[0-4]\d(?!\d))|(?<!U\.S)\.(?=\s|$)|\t|{_CITATION}|{_BULLET})"
)
SCOPE_END_RE = re.compile(
    r"(?=[。！？!；;，：:)）,?.\t\[-])(?:[。！？!；;，：:)）]|(?<!\d),|,(?!\d)|\?(?!\)|0[0-4]\d(?!\d))"
    rf"|(?<!U\.S)\.(?=\s|$)|\t|{_CITATION}|{_BULLET})"
)
CLAUSE_END_RE = re.compile(
    r"(?=[。！？!；;，、：:()（）,?.\t\s\[-])(?:[。！？!；;，、：:()（）]|(?<!\d),|,(?!\d)|\?(?!\)|0[0-4]\d(?!\d))"
    rf"|(?<!U\.S)\.(?=\s|$)|\t|{_CITATION}|{_BULLET}|{_HAN_SPACE})"
)

_KINDS = lexicon().kinds
#: Forecast cues (kinds.yaml): 预计, will, expected; 预测 only as a verb; 将 only before a verb (将达到).
FORECAST_RE = re.compile(
    f"{alternation(_KINDS.forecast)}"
    f"|{re.escape(_KINDS.forecast_verb)}(?:{alternation(_KINDS.forecast_verb_before)}|$)"
    f"|{re.escape(_KINDS.will)}(?:{alternation(_KINDS.will_verbs)})"
)
#: 从2022年的 before a figure: the start of a change, in its own year.
FROM_YEAR_RE = re.compile(r"[从由]\s?(?:19|20)\d\d\s?年?(?:底|末)?\s?的?\s?$")
#: "grow from $19.5 billion in 2022": the English start of a change.
FROM_FIGURE_RE = re.compile(r"(?<![A-Za-z])from\s?(?:" + alternation(CURRENCY_PREFIXES) + r")?\s?$")
ESTIMATE_RE = re.compile(alternation(_KINDS.estimate))
OBSERVED_RE = re.compile(alternation(_KINDS.observed))
#: 1.25的行业目标, the 1.3 target: a figure its target noun follows (kinds.yaml target_after); not
#: 30%的目标客户 (target customers) nor 30% of target users.
TARGET_AFTER_RE = re.compile(
    rf"的?[\u4e00-\u9fff]{{0,4}}?(?:{alternation(w for w in _KINDS.target_after if not w.isascii())})"
    r"(?!客户|用户|市场|人群|群体)"
    rf"|\s(?:{alternation(w for w in _KINDS.target_after if w.isascii())})s?(?![A-Za-z])")
#: Where the opening words of a sentence end: its first clause mark other than a parenthesis.
OPENING_END_RE = re.compile(r"[,，;；:：、]")
#: A clause opening on a contrast (但, but) turns from what the sentence's opening framed.
CONTRAST_RE = re.compile(rf"\s?(?:{alternation(_KINDS.contrast)})")
#: How many characters before a figure an observed cue (已, already) must stand within.
OBSERVED_WINDOW = 8
#: A clause told as done (kinds.yaml ``past``): 完成了120亿元的募集, was launched, has shipped.
PAST_RE = re.compile(f"{alternation(_KINDS.past)}|(?<![为除罢])了(?![解结])")
AND_RE = re.compile(r"\sand\s|和|及")
#: An English verb in -ed right before a figure: connected 2.3 GW, raised by $600 million (not exceed).
PAST_VERB_BEFORE_RE = re.compile(
    r"(?<![A-Za-z])[a-z]{2,}(?<!e)ed\s(?:(?:by|to|at|about|around|nearly|some|over|a further)\s)?(?:US)?\$?$")

_LEXICON = lexicon()
#: Geography words and the canonical name they give (places.yaml); longer names win over their prefixes.
GEOGRAPHY = _LEXICON.places.places
CLAUSE_ONLY = _LEXICON.places.clause_only
#: 我国, 国内: the writer's own country (places.yaml home), China unless the document says otherwise.
HOME_WORDS = _LEXICON.places.home
_NOT_PLACE_AFTER = "|".join(re.escape(w) for w in _LEXICON.places.not_before)
_NOT_BEFORE_WORD = _LEXICON.places.not_before_word


def _after_first(word: str) -> str:
    """The pattern of a place word after its first character. An English name stands alone: its
    ``\\b`` is tested once the first letter is read, so every alternative opens with a literal."""
    rest = re.escape(word[1:])
    if word.isascii():
        before = r"(?<!\w.)" if re.match(r"\w", word[0]) else r"(?<=\w.)"
        return rf"{before}{rest}\b(?!{_NOT_PLACE_AFTER})"
    if word in _NOT_BEFORE_WORD:
        return rest + f"(?![{re.escape(''.join(_NOT_BEFORE_WORD[word]))}])"
    return rest


def _by_first_character(words) -> dict[str, list[str]]:
    """``words`` longest first, grouped by their first character: the scan of a line tests one
    alternative per first character, not one per word, and two groups never match at one place."""
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        groups.setdefault(word[0], []).append(word)
    return groups


GEO_RE = re.compile("|".join(
    re.escape(first) + "(?:" + "|".join(_after_first(w) for w in group) + ")"
    for first, group in _by_first_character(GEOGRAPHY).items()
))
#: The geography that holds another (Shenzhen → China, China → Global), for a list of places.
PARENT = _LEXICON.places.parent
#: What joins the places of one list (北京、上海和深圳), and what after its last says it is a list of
#: examples or a counted set (等15个城市, 三大集群): such a list speaks of the place that holds them all.
PLACE_LIST_GAP_RE = re.compile(r"[\u4e00-\u9fff]{0,3}?\s?(?:、|和|与|及|以及|,\s?|，)\s?")
PLACE_LIST_END_RE = re.compile(r"[\u4e00-\u9fff]{0,3}?等|\s?\d|[两三四五六七八九十]")
#: A sentence reporting one organisation's own event (宣布完成融资, launched): its figures are that
#: organisation's, not its document's place.
OWN_EVENT_RE = re.compile(alternation(_LEXICON.places.own_events))
#: Quotation marks: a place inside a quotation (a motto, a name) is not where a figure is.
QUOTE_OPEN, QUOTE_CLOSE = "“「『", "”」』"
QUOTE_MARK_RE = re.compile(f"[{QUOTE_OPEN}{QUOTE_CLOSE}\"]")

#: "in China", "in the US": where an English figure is, written after it.
IN_PLACE_BEFORE_RE = re.compile(r"(?<![A-Za-z])in (?:the )?$")
#: A place right after these words is the whole a share is taken of: 占全国产值38%.
WHOLE_BEFORE_RE = re.compile(r"占据?$")
#: A place that is the whole of a share (全球占比), a rank (全球第二大, 排名全国第三, 全球领先的) or the
#: comparator of a multiple (约为美国的两倍) says where something stands, not where a figure is; so does
#: a level (国家部委创新载体, 国家重点实验室).
NOT_SCOPE_AFTER_RE = re.compile(
    r"占比|份额|比重|占有率|第|领先|前列|首[个家款位]|最|一流|排名|部委|重点|高新"
)
NOT_SCOPE_BEFORE_RE = re.compile(rf"(?:排名|位居|位列|居|{alternation(_LEXICON.places.excluded_after)})$")
#: A place inside a name or compound (世界冠军, 全球数字生态大会): places.yaml ``in_name_before``.
IN_NAME_RE = re.compile(
    rf"[^\s,，。；;、:：()（）\d]{{0,8}}?(?:{alternation(_LEXICON.places.in_name_before)})")
#: A place, a noun and 的 right before a percentage: the whole a share is taken of (全球营业额的7%).
WHOLE_OF_RE = re.compile(r"[\u4e00-\u9fff]{1,6}的\s?(?=[\d.]+\s?%)")
COMPARATOR_RE = re.compile(r"(?:为|是|比|较|于)$")
#: A place right after these is what a figure is compared with (比国际先进水平高30%), not where it is.
COMPARED_WITH_RE = re.compile(r"(?:比|较|相比|相较于?|高于|低于|than(?: the)?(?: best)? )$")
#: Cue words for the claim type of a percentage; the nearest cue before the number wins, longer
#: cues first so 年复合增长率 is one CAGR cue, not a CAGR cue followed by a growth cue; 覆盖 and 满足 are
#: shares (覆盖全国95%的县城) but 覆盖率 and 满足率, like any 率, are rates.
TYPE_CUES = [
    ("cagr", r"CAGR|compound(?:ed)? annual (?:growth )?rate|compound(?:ed)? annual growth|compounding|"
             r"annuali[sz]ed(?: growth)?(?: rate| pace)?|"
             r"年均复合增长率|年复合增长率|复合年增长率|复合增长率|年均复合增速|复合增速|年复合成长率|"
             r"复合成长率|年复合|年均复合|年均增长率|年化增长率?|复合速度|复合成长速度"),
    ("mean", r"年均增长|年均增速|年均增幅"),
    ("share", r"占比|占据|占有率|市占率|市场份额|份额|比重|比例|集中度|CR\d|占|贡献|覆盖(?!率)|满足(?!率)|"
              r"集中于|集聚|share"),
    ("rate", r"[^\W\d_增速长]率|依赖度|依存度|满意度|rate"),
    ("growth", alternation(_LEXICON.changes.rise + _LEXICON.changes.fall + _LEXICON.changes.neutral)),
    ("other", r"高出|差距|溢价|相当于"),
]
#: A compound rate named right after its percentage: 18%CAGR, 22.5%的年复合增长率, a 19% CAGR.
CAGR_AFTER_RE = re.compile(rf"\s?的?(?:{dict(TYPE_CUES)['cagr']})", re.IGNORECASE)
GROWTH_AFTER_RE = re.compile(
    rf"\s?的?(?:同比|年)?(?:增长|增速|增幅)|\s(?:{alternation(_LEXICON.changes.growth_after)})", re.IGNORECASE
)
TYPE_RE = re.compile("|".join(f"(?P<{name}>{cue})" for name, cue in TYPE_CUES), re.IGNORECASE)
#: Growth cues that name the metric (增长率从3.2%升至12.1%) rather than a change of another metric.
GROWTH_NOUNS = ("率", "增速", "增幅", "涨幅", "降幅", "跌幅")
#: A change verb followed by 至/到 gives the new level (提升至31%), not the change.
TO_LEVEL_RE = re.compile(rf"\s?(?:了)?(?:{alternation(_LEXICON.changes.to_level)})")
#: The word before the new level a change leads to: to 52%, 至12%.
TARGET_BEFORE_RE = re.compile(r"(?:(?<![A-Za-z])to|至|到)\s?$")
DIGIT_RE = re.compile(r"\d")
#: Change words by direction (changes.yaml): the nearest before a growth gives its sign.
CHANGE_RE = re.compile(
    f"(?P<fall>{alternation(_LEXICON.changes.fall)})"
    f"|(?P<rise>{alternation(_LEXICON.changes.rise + _LEXICON.changes.neutral)})",
    re.IGNORECASE,
)
#: up 8.4 percent, down by 3 points: an English change adverb right before the number.
CHANGE_BEFORE_NUMBER_RE = re.compile(
    f"(?:(?P<fall>{alternation(_LEXICON.changes.fall_before_number)})"
    f"|{''.join(f'(?<!{re.escape(w)} )' for w in _LEXICON.changes.not_a_change_before_up)}"
    f"(?P<rise>{alternation(_LEXICON.changes.rise_before_number)}))\\s(?:by\\s)?(?:about\\s|nearly\\s)?$"
)
FALL_AFTER_RE = re.compile(rf"\s?(?:{alternation(_LEXICON.changes.fall_after)})")
PRICE_RE = re.compile(r"单价|均价|人均|单机柜|价格|售价|报价|费用/|/年|/套|/台|/个|/次|/小时|/月|/人|price")

#: Words trimmed from the end of a metric phrase: verbs and qualifiers between metric and number.
METRIC_TAIL_RE = re.compile(
    r"(?:将|已|已经|预计|有望|可|会|均|仍|则|也|总|共|合计|累计|分别|同比|较上年|较|达到了|达到|高达|仅为|仅|约为|约|"
    r"达|为|是|至|到|超过|超|突破|逾|近|接近|不足|低于|不到|高于|提升|提高|增长了|增长|下降了|下降|降低|减少|"
    r"增加|上涨|扩大|扩张|保持|维持|实现|占比|占|的|了|在|从|由|以|共有|拥有|有|\s|>|<|≥|≤|约"
    # verbs of a change to a new level: 融资金额回落至727.2亿元
    r"|回落|回升|攀升|跃升|飙升|下滑|下跌|滑落|萎缩|缩减|录得"
    r"|(?:骤|压|上|下|回|攀|跃|飙|猛|激|暴|陡|新|年)?(?:降|升|增|跌)|急剧|大幅|小幅|逐步|持续|显著|明显"
    r"|(?<!\d)(?:19|20)\d\d\s?年?(?:底|末|初)?"
    # English verbs and connectives between a subject and its figure: will reach, stood at, up from
    r"|(?<![A-Za-z])(?:will|would|is|are|was|were|has|have|had|be|been|being|reach|reached|reaches|"
    r"reaching|stood|stands|stand|amounted|amounts|totall?ed|totals|hit|grew|grow|rose|rise|fell|fall|"
    r"jumped|increased|decreased|declined|expected|projected|forecast|estimated|set|likely|to|at|of|by|"
    r"about|around|approximately|nearly|almost|over|more|less|than|up|down|from|a|an|the|base|increase|"
    r"decrease|with|in|on|some|roughly)(?![A-Za-z])|" + alternation(CURRENCY_PREFIXES) + r"|US|,)+$"
)
#: The label just before a parenthesised number.
LABEL_BEFORE_RE = re.compile(r"[^\s(（)）,，、:：;；。0-9%]{2,20}$")
METRIC_HEAD_RE = re.compile(
    r"^(?:[-*•#>]\s?|(?:[A-Za-z]{2,10}|据|根据)?(?:预测(?!性)|预计|认为|指出|显示|数据显示)|(?:预计|预测(?!性)|到|至|在|于)?[\d.]+\s?年(?:底|末|初|中(?![国部东西南北心小外亚欧美非]))?|[\d.,]+\s?%?\s?(?:和|与|、)|"
    r"截至|截止|其中|同时|而|且|并|但|以及|和|与|预计到|预计|到|在|其次是|首先是|其次|首先|再次|最后|分别|占据|"
    r"其|该|此外|另外|[Tt]he\s|[Ii]n\s|\s"
    # a time word and a verb of occurrence before what is counted: 全年仅发生融资事件509起
    r"|全年|年内|当年|同期|(?:仅|共|共计|累计|合计)?(?:发生|完成|录得|披露)了?)+"
)
#: Where a metric phrase may begin: clause marks, but not parentheses (全球人工智能硬件市场（服务器）规模).
METRIC_START_RE = re.compile(
    r"[。！？!；;，、：:]|(?<!\d),|,(?!\d)|\?(?!\)|0[0-4]\d(?!\d))|(?<!U\.S)\.(?=\s|$)|\t"
)
#: Another figure inside a phrase (从2022年的195亿美元增长到): the phrase ends before it, or before 从.
#: A year (2022年, 2025E, "in 2022") is not a figure.
FIGURE_RE = re.compile(
    r"(?:[从由]\s?(?:(?:19|20)\d\d\s?年?(?:底|末)?\s?的?)?\s?)?"
    r"(?<![\dA-Za-z.])(?!(?:19|20)\d\d(?:\s|$|[年EA)）\-–~至到,，]))\d[\d.,]*(?!\d|\s?(?:年|月|日|季度))"
)
#: A verb ends the subject of a clause: 长三角地区人工智能相关企业数量达到 → 长三角地区人工智能相关企业数量.
SUBJECT_END_RE = re.compile(
    r"将|已|达|为|是|有|占|约|超|突破|增长|提升|下降|实现|保持|呈|(?<![A-Za-z])(?:will|is|are|was|were|"
    r"reached|stood|fell|rose|grew|hit|amounted|totall?ed)(?![A-Za-z])"
)
#: What separates the names of a list: 龙华区和宝安区, 融资数量和融资金额, 南山区、福田区.
LIST_SPLIT_RE = re.compile(r"\s?(?:以及|和|与|及|、)\s?")
#: A metric phrase is at most this long; a longer one is cut at a word boundary.
METRIC_MAX = 40


def bounds(ends: list[int], pos: int, length: int) -> tuple[int, int]:
    """The [start, end) of the sentence or clause holding ``pos``, from sorted boundary positions."""
    lo = bisect_left(ends, pos)
    start = ends[lo - 1] + 1 if lo > 0 else 0
    end = ends[lo] if lo < len(ends) else length
    return start, end


def boundaries(text: str, pattern: re.Pattern) -> list[int]:
    """Positions of the sentence or clause delimiters in ``text``."""
    return [m.start() for m in pattern.finditer(text)]


def kind_of(text: str, sentence: tuple[int, int], scope_lo: int, start: int, period_last: int | None,
            grain: str, last_actual: int | None, own_year: bool = False) -> str:
    """Actual, forecast or estimate: cue words before the number, then the period against the report date.

    Cue words count in the number's scope and in the opening words of its sentence (预计2025年，…), up
    to its first clause mark. An opening cue does not reach a clause that turns from it (将提供5800PFlops
    算力，但现有利用率仅61%) or a figure whose own scope names an observed year (预计…，其中2023年为…).

    :param own_year: the figure's period is written in its own scope
    """
    opening = OPENING_END_RE.search(text, sentence[0], scope_lo)
    head = text[sentence[0]:opening.start() if opening else scope_lo]
    own = text[scope_lo:start]
    observed = period_last is not None and last_actual is not None and period_last <= last_actual
    cue_in_own = FORECAST_RE.search(own)
    framing = FORECAST_RE.search(head) and not (own_year and observed) and not CONTRAST_RE.match(own)
    if (cue_in_own or framing) and not OBSERVED_RE.search(
            own, max(0, len(own) - OBSERVED_WINDOW)):
        # 预计…将从2022年的195亿美元增长到2026年: the year a forecast starts from is observed
        started = FROM_YEAR_RE.search(text, max(0, start - 14), start) or FROM_FIGURE_RE.search(
            text, max(0, start - 12), start)
        return "actual" if observed and started else "forecast"
    if last_actual is not None and period_last is not None:
        if period_last > last_actual + (1 if grain in ("quarter", "half", "month") else 0) and not (
                period_last == last_actual + 1 and told_as_done(text, sentence, scope_lo, start)):
            return "forecast"
    if ESTIMATE_RE.search(head + "," + own):
        return "estimate"
    return "actual"


def told_as_done(text: str, sentence: tuple[int, int], scope_lo: int, start: int) -> bool:
    """Whether the figure's clause tells it in the past: a figure of the report's own unfinished year
    (2024 in a report of 2024-06) is then observed, not a forecast; not when a forecast cue follows it
    in the clause (a centre rated at 300P will open in 2025)."""
    end = SCOPE_END_RE.search(text, start, sentence[1])
    end = end.start() if end else sentence[1]
    joined = AND_RE.search(text, start, end)  # … for 2024 and projected at $27 billion: another figure's
    if FORECAST_RE.search(text, start, joined.start() if joined else end):
        return False
    return bool(PAST_RE.search(text, scope_lo, end)
                or PAST_VERB_BEFORE_RE.search(text, max(scope_lo, start - 30), start))


def geo_of(text: str, sentence: tuple[int, int], scope_lo: int, start: int, home: str = "") -> str:
    """The geography named nearest before the number in its scope, else earlier in its sentence.

    A place named as the whole of a share (长三角(2024年占全国产值38%)) is not where the figure is.

    :param home: the writer's country, if not China: what 我国 and 国内 name (Taiwan on a Taiwanese page)
    """
    found = _last_place(text, scope_lo, start, home=home)
    if found or scope_lo <= sentence[0]:
        return found
    return _last_place(text, sentence[0], scope_lo, clause_only=False, home=home)


def place_after(text: str, end: int, hi: int) -> str:
    """A place English names after the figure in its sentence (raised €2 billion in Europe), or ''."""
    for m in GEO_RE.finditer(text, end, hi):
        if IN_PLACE_BEFORE_RE.search(text, max(end, m.start() - 8), m.start()):
            return GEOGRAPHY[m.group()]
    return ""


def place_of(text: str) -> str:
    """The last place ``text`` (a title, a label) names, or ''."""
    return _last_place(text, 0, len(text))


def _last_place(text: str, lo: int, hi: int, clause_only: bool = True, home: str = "") -> str:
    """The last place named in text[lo:hi], skipping the whole of a share (占全国, 占全球), a comparator
    (比国际先进水平) and a place inside quotation marks; a list of places given as examples or counted
    (北京、上海、深圳等15个城市) names the place that holds them all.

    The places are tested from the last one back: a long sentence names dozens, and only the last
    that counts, with the list it ends, decides (issue 10).

    :param clause_only: whether words that place only their own clause (国产, 国家级) count
    :param home: what the words for the writer's own country name, if not China
    """
    places = [m for m in GEO_RE.finditer(text, lo, hi) if clause_only or m.group() not in CLAUSE_ONLY]
    counted = (m for m in reversed(places) if _names_scope(text, lo, hi, m))
    last = next(counted, None)
    if last is None:
        return ""
    geo = home if home and last.group() in HOME_WORDS else GEOGRAPHY[last.group()]
    if not PLACE_LIST_END_RE.match(text, last.end()):
        return geo
    listed, after = [geo], last
    for m in counted:
        if not PLACE_LIST_GAP_RE.fullmatch(text, m.end(), after.start()):
            break
        listed.append(GEOGRAPHY[m.group()])
        after = m
    return (_holding(listed) if len(listed) > 1 else "") or geo


def _names_scope(text: str, lo: int, hi: int, m: re.Match) -> bool:
    """Whether the place word ``m`` says where the figures of text[lo:hi] are: not the whole of a share,
    a rank, a comparator, part of a name or a quotation."""
    before = max(lo, m.start() - 2)
    return not (WHOLE_BEFORE_RE.search(text, before, m.start()) or NOT_SCOPE_AFTER_RE.match(text, m.end())
                or NOT_SCOPE_BEFORE_RE.search(text, before, m.start())
                or COMPARATOR_RE.search(text, before, m.start()) and text.startswith("的", m.end())
                or COMPARED_WITH_RE.search(text, max(lo, m.start() - 16), m.start())
                or IN_NAME_RE.match(text, m.end()) or _whole_of(text, m.end(), hi)
                or _quoted(text, lo, m.start(), m.end()))


def _whole_of(text: str, end: int, hi: int) -> bool:
    """Whether the place ending at ``end`` names the whole of the percentage at ``hi`` (全球营业额的7%)."""
    whole = WHOLE_OF_RE.match(text, end)
    return whole is not None and whole.end() == hi


def _holding(geos: list[str]) -> str:
    """The geography that holds every one of ``geos`` (Beijing, Shenzhen → China), or ''."""
    parents = {PARENT.get(g, "") for g in geos}
    return parents.pop() if len(parents) == 1 else ""


def _quoted(text: str, lo: int, pos: int, end: int) -> bool:
    """Whether the place at text[pos:end] stands inside quotation marks opened after ``lo``, with
    other words: a motto (“服务国民与世界”), not a quoted name alone (“十四五”)."""
    if QUOTE_MARK_RE.search(text, lo, pos) is None:
        return False
    chunk = text[lo:pos]
    opened = sum(chunk.count(c) for c in QUOTE_OPEN) - sum(chunk.count(c) for c in QUOTE_CLOSE)
    if not (opened > 0 or chunk.count('"') % 2 == 1):
        return False
    return not (text[pos - 1:pos] in QUOTE_OPEN + '"' and text[end:end + 1] in QUOTE_CLOSE + '"')


def names_clause_only(text: str, lo: int, hi: int) -> bool:
    """Whether the last place word in text[lo:hi] places only its own clause (国产GPU, 国家级平台)."""
    last = None
    for m in GEO_RE.finditer(text, lo, hi):
        last = m
    return last is not None and last.group() in CLAUSE_ONLY


def main_place(texts: Iterable[str], home: str = "") -> str:
    """The geography a document is about: the one most of its place words name (places.yaml
    ``main_share`` of them, at least ``main_least``), or '' when it speaks of several."""
    counts = Counter(home if home and m.group() in HOME_WORDS else GEOGRAPHY[m.group()]
                     for text in texts for m in GEO_RE.finditer(text))
    total = sum(counts.values())
    counts.pop("", None)  # 海外, abroad: counted among the places, never the main one
    if not counts:
        return ""
    geo, n = counts.most_common(1)[0]
    places = _LEXICON.places
    return geo if n >= places.main_least and n >= places.main_share * total else ""


def type_of(text: str, clause_lo: int, start: int, unit: str, type_hint: str, unit_text: str,
            spanned: bool = False, end: int = -1) -> str:
    """The claim type from the unit and the nearest cue word before the number.

    A percentage followed by 的同比增长 or 的年增速 is a growth whatever stands before it.

    :param spanned: the claim's period is a span, so a yearly average growth is a CAGR.
    :param end: where the number ends, to read a growth word after it.
    """
    if unit in ("%", "pp"):
        if end >= 0 and unit == "%" and CAGR_AFTER_RE.match(text, end):
            return "cagr"
        cue = _nearest_cue(text, clause_lo, start)
        if end >= 0 and (GROWTH_AFTER_RE.match(text, end) or FALL_AFTER_RE.match(text, end)
                         or CHANGE_BEFORE_NUMBER_RE.search(text, max(clause_lo, start - 20), start)):
            return "cagr" if cue == "cagr" else "growth"  # compounding at 18% a year: a compound rate
        if cue == "mean":
            cue = "cagr" if spanned else "growth"
        if unit == "pp":
            return "growth" if cue in ("growth", "cagr", None) else cue
        return cue or type_hint or "share"
    if unit in ("CNY", "USD") or unit.startswith("other:") and type_hint == "level":
        window = text[max(clause_lo, start - 12):start] + unit_text
        return "price" if PRICE_RE.search(window) else "level"
    if type_hint:
        return type_hint
    return "other"


def _nearest_cue(text: str, clause_lo: int, start: int) -> str | None:
    """The type named by the last cue word in text[clause_lo:start], skipping a change verb that leads
    to a new level (提升至31%, 从…增长到)."""
    cue = None
    for m in TYPE_RE.finditer(text, clause_lo, start):
        if m.lastgroup == "growth" and not m.group().endswith(GROWTH_NOUNS) and (
                TO_LEVEL_RE.match(text, m.end()) or "从" in text[m.end():start]
                or _is_target(text, m.end(), start)):
            continue
        cue = m.lastgroup
    return cue


def sign_of(text: str, clause_lo: int, start: int, end: int) -> int:
    """−1 when the change a growth figure states is a fall, else 1.

    The nearest change word before the number in its clause decides (同比下降7%, 增速下降3个百分点,
    fell 12%), skipping a verb that leads to a new level (回落至5%, 从…下降到); a fall noun right
    after the number (a 12% drop, 7%的降幅) is a fall too.
    """
    if FALL_AFTER_RE.match(text, end):
        return -1
    adverb = CHANGE_BEFORE_NUMBER_RE.search(text, max(clause_lo, start - 20), start)
    if adverb:
        return -1 if adverb.lastgroup == "fall" else 1
    sign = 1
    for m in CHANGE_RE.finditer(text, clause_lo, start):
        if not m.group().endswith(GROWTH_NOUNS) and (
                TO_LEVEL_RE.match(text, m.end()) or "从" in text[m.end():start]
                or _is_target(text, m.end(), start)):
            continue
        sign = -1 if m.lastgroup == "fall" else 1
    return sign


def _is_target(text: str, cue_end: int, start: int) -> bool:
    """fell 3 percentage points to 52%, 提升5个百分点至12%: the figure after 'to' is the new level."""
    return bool(TARGET_BEFORE_RE.search(text, max(cue_end, start - 4), start)
                and DIGIT_RE.search(text, cue_end, start))


def metric_start(text: str, clause_lo: int, start: int) -> int:
    """Where the phrase of a number at ``start`` may begin: its clause, a parenthesis inside it included."""
    lo = clause_lo
    while lo > 0 and text[lo - 1] in ")）":
        # the nearest of either parenthesis: the second searched only after the first, not back to the
        # start of a line that may be millions of characters long (cleaned text holds no （ at all)
        opening = text.rfind("(", 0, lo - 1)
        opening = max(opening, text.rfind("（", opening + 1, lo - 1))
        if opening < 0 or METRIC_START_RE.search(text, opening, lo - 1):
            break
        marks = [m.start() for m in METRIC_START_RE.finditer(text, max(0, opening - 60), opening)]
        lo = marks[-1] + 1 if marks else max(0, opening - 60)
    return lo


def subject_of(text: str, lo: int, hi: int) -> str:
    """The subject of the clause text[lo:hi]: its words before the first verb or figure."""
    phrase = METRIC_HEAD_RE.sub("", text[lo:hi])
    verb = SUBJECT_END_RE.search(phrase)
    figure = FIGURE_RE.search(phrase)
    cut = min(verb.start() if verb else len(phrase), figure.start() if figure else len(phrase))
    return _trim(phrase[:cut])


def listed_names(text: str, lo: int, hi: int) -> list[str]:
    """The names listed in text[lo:hi] before 分别 (龙岗区和福田区也): two or more, else []."""
    phrase = METRIC_HEAD_RE.sub("", METRIC_TAIL_RE.sub("", text[lo:hi])).strip()
    names = [name.strip() for name in LIST_SPLIT_RE.split(phrase)]
    return names if len(names) >= 2 and all(len(name) >= 2 for name in names) else []


def _trim(phrase: str) -> str:
    """A phrase without the verbs and connectives around it, cut to a whole word within METRIC_MAX."""
    phrase = METRIC_HEAD_RE.sub("", METRIC_TAIL_RE.sub("", phrase)).strip()
    if len(phrase) > METRIC_MAX:
        phrase = phrase[-METRIC_MAX:]
        if phrase.isascii() or re.match(r"[A-Za-z]", phrase):
            phrase = phrase.split(" ", 1)[-1] if " " in phrase else phrase
    return phrase.strip()


def metric_of(text: str, clause_lo: int, start: int, end: int, clause_hi: int, subject: str = "",
              label_of: Callable[[], str] | None = None) -> str:
    """The phrase the number measures: the clause before it without verbs, else the words after it.

    A number alone in parentheses measures the label before them: 智能制造(32%). The phrase ends
    before any other figure (规模将从2022年的195亿美元增长到…: 规模), and a clause without a subject
    of its own (，2023年将达到414.1 EFLOPS; up from 259.9 EFLOPS) takes ``subject``, the phrase of the
    previous figure of its sentence, else ``label_of()``, the subject of its previous clause, which
    also names the part counted by the words after the number (其次是天使轮,有 295 起融资事件).
    """
    if clause_lo > 0 and text[clause_lo - 1] in "(（" and not text[clause_lo:start].strip():
        label = LABEL_BEFORE_RE.search(text, max(0, clause_lo - 20), clause_lo - 1)
        if label:
            return label.group()
    lo = metric_start(text, clause_lo, start)
    raw = text[lo:start]
    figure = FIGURE_RE.search(raw)
    if figure:
        raw = raw[:figure.start()]
    phrase = _trim(raw)
    if len(phrase) >= 2:
        return phrase
    after = text[end:clause_hi]
    figure = FIGURE_RE.search(after)
    after = _trim(after[:figure.start()] if figure else after)
    label = label_of() if label_of is not None and not (subject and after.isascii()) else ""
    if label and after and not after.isascii() and after not in label:
        return label + after
    if subject or label and after.isascii():
        return subject or label
    return after if len(after) >= 2 else label
