"""Who a figure is attributed to: the organisation its sentence cites (据IDC, IDC predicts).

Entry point: :func:`attribute_origins`, run once over the claims table after extraction. A sentence
attributes its figures when it names an organisation beside an attribution cue: a cue before the
name (据, 根据, according to, a report released by) or after it (预计, 数据显示, 《…白皮书》显示,
predicts, said). A figure takes the nearest attribution before it in its sentence, else one after it
that closes the sentence (…, according to IDC.). A sentence wrapped onto the next line (a PDF's
lines) is still one sentence. A sentence that continues an earlier one (该报告还预计, 其中, the study
also found, the figures showed) takes the origin of the nearest of the :data:`CONTINUED_SENTENCES`
sentences before it that has one, looking past sentences without figures but not past one with
figures citing no one. Names are made canonical by the
organisations lexicon (``expectations/organisations.yaml``); an organisation it does not list keeps
its name as written.
"""

from __future__ import annotations

import functools
import itertools
import re
from bisect import bisect_left
from collections import deque
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from recon.errors import ConfigError
from recon.extract.context import SENTENCE_END_RE
from recon.ingest.clean import to_simplified
from recon.schemas import ORIGIN_COLUMNS

SCRIPTS = ("en", "zh-Hans", "zh-Hant")
"""The alias lists an organisation may have, one per script."""
JOINT = " & "
"""Between the canonical names of a jointly released figure, in alphabetical order."""
CONTINUED_SENTENCES = 3
"""How many sentences back a continuing sentence (该报告还预计) looks for the origin it continues."""

#: Cues before a name: 据IDC, 根据2023年IDC调研, according to IDC, a report jointly released by IDC,
#: …, said Frost & Sullivan.
#: 数据, 证据, 占据 hold 据 without citing anyone.
CUE_BEFORE_RE = re.compile(
    r"(?:根据|依据|基于|援引|引用|来自|来源于|来源[:：]|(?<![数证单票占论])据|[Aa]ccording to|[Cc]iting|"
    r"(?:[Dd]ata|[Ff]igures|[Ee]stimates|[Rr]esearch|[Ff]orecasts?) (?:from|by)|"
    r"(?:(?:jointly|co-) ?)?(?:released|published|issued|compiled|conducted|produced) by|"
    r"(?:(?<=, )|(?<=,))(?:said|says|noted|notes|reported|reports|estimated|estimates))"
    r"[^，。；：,;:!?！？]{0,40}$"
)
SAYS_ZH = "显示|指出|表明|称|认为|发现|预测|预计|测算|估计"
"""Verbs of saying that end a Chinese cue naming a release (报告显示, 发布的《…》指出)."""
#: Cues after a name, in Chinese: IDC预测, 中国信通院《…白皮书》显示, IDC数据显示. A cue naming a
#: release runs on to its title and verb of saying (数据显示, 发布的《…》显示): origin_text holds it all.
#: 数据 cites only as the data itself (IDC数据，/ IDC数据显示), not 数据中心 or 数据集; 发布 only with
#: what was released saying something (发布的数据显示), not a policy issued (发改委发布的《…方案》要求).
CUE_AFTER_ZH_RE = re.compile(
    r"\s?(?:的)?[^，。；：,;:\d《》“”]{0,6}?\s?(?:《[^》]{1,80}》|“[^”]{1,40}”)?\s?[^，。；：,;:\d《》]{0,6}?"
    rf"(?:(?:数据(?=[，,：:\s]|$|统计|监测|{SAYS_ZH})|报告|研究|统计|调研|调查|分析|跟踪|白皮书)"
    rf"(?:的?《[^》]{{1,80}}》)?(?:[^，。；：,;:\d《》\s]{{0,5}}?(?:{SAYS_ZH}))?|"
    rf"(?:发布|公布)(?:的?《[^》]{{1,80}}》)?[^，。；：,;:\d《》\s]{{0,8}}?(?:{SAYS_ZH})|"
    r"(?:发布|公布)的?(?:数据|报告)|预测|预计|测算|估算|估计|认为|显示|指出|发现|表示|称|披露)"
)
#: What a release cited by a cue before its name is called (根据IDC发布的《全球人工智能支出指南》).
RELEASE_RE = re.compile(r"\s?(?:发布|公布)的?《[^》]{1,80}》")
#: Cues after a name, in English: IDC predicts, Frost & Sullivan estimates, IDC's latest tracker shows,
#: IDC's Worldwide AI Spending Guide forecasts (a possessive names a release of up to five words),
#: Canalys data showed (IDC data centers are buildings, not the firm's data).
CUE_AFTER_EN_RE = re.compile(
    r"(?:(?:'s|’s)(?:\s[\w-]+){0,5}?|(?:\s[\w-]+){0,3}?)\s(?:predicts?|predicted|forecasts?|forecasted|"
    r"estimates?|estimated|"
    r"expects?|expected|projects?|projected|said|says|reported|reports|found|finds|shows?|showed|shown|"
    r"believes|noted|notes|calculated|calculates|released|releases|published|publishes|issued|"
    r"(?:data(?! cent(?:er|re))|figures)(?: (?:show|shows|showed|suggest|suggests|suggested))?)\b"
)
#: The rest of a title a name opens (基于《IDC中国服务器市场跟踪报告》).
TITLED_RE = re.compile(r"[^《》，。；]{0,80}》")
#: Joins the names of a figure released jointly: IDC与浪潮信息, IDC and Inspur.
JOINED_RE = re.compile(r"\s?(?:和|与|及|、|,|，|and|&)\s?")
#: Opens a name's other name in brackets: 国际数据公司（IDC）.
BRACKET_RE = re.compile(r"\s?[（(]\s?")
BRACKET_END_RE = re.compile(r"\s?[）)]")
#: An organisation the lexicon does not list, after a cue before it: 根据中商产业研究院数据.
UNLISTED_ZH_RE = re.compile(
    r"(?:根据|依据|(?<![数证单票占论])据)\s?(?P<name>(?!该|本|其|此|上述|这|各|多家|部分|有关|相关|公开|不完全)"
    r"[\u4e00-\u9fffA-Za-z&·]{2,20}?"
    r"(?:研究院|研究所|研究中心|咨询|顾问|协会|学会|联盟|集团|证券|银行|委员会|委|部|局|署|大学|实验室|智库))"
)
UNLISTED_EN_RE = re.compile(
    r"\b[Aa]ccording to (?:the )?(?P<name>(?!The |This |That |Its |Their |Our )"
    r"[A-Z][\w&.-]*(?:(?: of| and| for| &|['’]s)? [A-Z][\w&.-]*){0,5})"
)
#: A sentence that goes on with what an earlier one cited: 该报告还预计, 其中, the study also found.
CONTINUES_RE = re.compile(
    r"该(?:报告|机构|研究|调查|调研|白皮书|数据|公司|组织|研究院|统计)|"
    r"(?:报告|研究|调研|调查|白皮书)(?:还|同时|也|并|进一步)|"
    r"(?:^|[，,]\s?)(?:其|它|他们)(?:还|同时|也|并)?(?:预计|预测|认为|指出|显示|估计|测算|发现|表示)|"
    r"^\s?其中|结果显示|上述(?:报告|数据|研究)|同一(?:报告|研究)|"
    r"\b(?:[Tt]he|[Tt]hat) (?:study|report|survey|firm|research|company|agency|analysis|paper|data|figures|"
    r"tracker|institute|consultancy)\b|\b(?:[Ii]t|[Tt]hey) (?:also|further)\b"
)
UNCITED = ("uncited",)
"""Stands in the look-back for a sentence that has figures and cites no one: a continuation stops there."""
DIGIT_RE = re.compile(r"\d")
#: A line of running text that stops mid-sentence (a PDF wraps it): its last sentence goes on below.
RUNS_ON_RE = re.compile(r"[^\s。！？!?.:：;；]\s*$")


@dataclass(frozen=True)
class Organisations:
    """The organisations lexicon: every alias (simplified) → its canonical name."""

    aliases: dict[str, str]

    @functools.cached_property
    def pattern(self) -> re.Pattern:
        """Any alias, longest first; a Latin alias only as a whole word (IDC, not AIDC).

        A lookahead for the first characters of the aliases lets a scan skip at C speed the
        positions where no alias can start: ten times faster on a long line.
        """
        if not self.aliases:
            return re.compile(r"(?!)")
        parts = []
        for alias in sorted(self.aliases, key=len, reverse=True):
            escaped = re.escape(alias)
            parts.append(rf"(?<![A-Za-z0-9]){escaped}(?![A-Za-z])" if alias.isascii() else escaped)
        firsts = "".join(re.escape(c) for c in sorted({alias[0] for alias in self.aliases}))
        return re.compile(rf"(?=[{firsts}])(?:{'|'.join(parts)})")

    def canonical(self, name: str) -> str:
        """The canonical name of ``name``, or ``name`` as written when the lexicon does not list it.

        >>> lexicon = Organisations({"中国信通院": "CAICT"})
        >>> lexicon.canonical("中國信通院"), lexicon.canonical("Acme")
        ('CAICT', 'Acme')
        """
        written = name.strip()
        return self.aliases.get(to_simplified(written), written)


    def publisher(self, name: str) -> str:
        """Who a publisher's name (a manifest's or a page's) is: its canonical name, else the organisations
        of the lexicon it names (a page's ``IDC China``; ``IDC、浪潮信息``, jointly), else as written.

        >>> lexicon = Organisations({"IDC": "IDC", "浪潮信息": "Inspur", "国际数据公司": "IDC"})
        >>> lexicon.publisher("IDC China"), lexicon.publisher("IDC、浪潮信息"), lexicon.publisher("Acme")
        ('IDC', 'IDC & Inspur', 'Acme')
        """
        written = name.strip()
        simplified = to_simplified(written)
        if simplified in self.aliases:
            return self.aliases[simplified]
        named = {self.aliases[m.group()] for m in self.pattern.finditer(simplified)}
        return JOINT.join(sorted(named)) if named else written


@dataclass(frozen=True)
class Attribution:
    """An organisation cited in a text: who, and where the words citing it stand."""

    origin: str
    """Canonical names, ``JOINT``-joined in alphabetical order when the figure was released jointly."""
    start: int
    end: int
    trails: bool = False
    """Whether it may close a sentence and cover the figures before it: a cue before the name
    (…, according to IDC; …（来源：IDC）) or an English one after it (…, IDC said), not IDC预计."""


def load_organisations(path: str | Path) -> Organisations:
    """Load and validate the organisations lexicon (``expectations/organisations.yaml``), once per path.

    :param path: the YAML file
    :raises ConfigError: the file is missing or malformed, or one alias names two organisations; the
        error names the key at fault
    """
    return _load_organisations(Path(path).resolve())


@functools.cache
def _load_organisations(path: Path) -> Organisations:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(path, f"cannot read the organisations lexicon: {error.strerror}") from error
    except yaml.YAMLError as error:
        raise ConfigError(path, f"not valid YAML: {error}") from error
    entries = raw.get("organisations") if isinstance(raw, dict) else None
    if not isinstance(entries, dict) or not entries:
        raise ConfigError(path, "expected a mapping of canonical name to aliases", key="organisations")
    aliases: dict[str, str] = {}
    for name, scripts in entries.items():
        where = f"organisations.{name}"
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(path, "a canonical name must be non-empty text", key=where)
        if not isinstance(scripts, dict) or set(scripts) - set(SCRIPTS):
            raise ConfigError(path, f"expected a mapping with keys among {', '.join(SCRIPTS)}", key=where)
        for script, written in scripts.items():
            if not isinstance(written, list) or not all(isinstance(w, str) and w.strip() for w in written):
                raise ConfigError(path, "expected a list of non-empty names", key=f"{where}.{script}")
        for alias in [name, *(w for written in scripts.values() for w in written)]:
            simplified = to_simplified(alias.strip())
            if aliases.get(simplified, name) != name:
                raise ConfigError(path, f"alias {alias!r} also names {aliases[simplified]}", key=where)
            aliases[simplified] = name
    return Organisations(aliases)


def attributions(text: str, organisations: Organisations) -> list[Attribution]:
    """Every organisation ``text`` cites, in order of position.

    :param text: cleaned (simplified, half-width) text, one line or one sentence
    :param organisations: from :func:`load_organisations`
    """
    found = []
    read_to = 0
    for match in organisations.pattern.finditer(text):
        if match.start() < read_to:
            continue  # a name already read as the partner or bracketed alias of the one before
        names, read_to = _names(text, match, organisations)
        before = CUE_BEFORE_RE.search(text, max(0, match.start() - 60), match.start())
        english = names[-1].isascii() and _latin_around(text, read_to)
        after = (CUE_AFTER_EN_RE if english else CUE_AFTER_ZH_RE).match(text, read_to)
        if before is None and after is None:
            continue
        start = before.start() if before is not None else match.start()
        stop = after.end() if after is not None else read_to
        if before is not None and after is None and (release := RELEASE_RE.match(text, read_to)):
            stop = release.end()
        if text[max(0, match.start() - 2):match.start()].rstrip().endswith("《") and (
                title := TITLED_RE.match(text, read_to)):
            stop = max(stop, title.end())  # 基于《IDC中国服务器市场季度跟踪报告》: the title was read too
        origin = JOINT.join(sorted({organisations.canonical(n) for n in names}))
        trails = before is not None or (after is not None and after.re is CUE_AFTER_EN_RE)
        found.append(Attribution(origin, start, stop, trails))
    listed = _Spans([(a.start, a.end) for a in found])
    for pattern in (UNLISTED_ZH_RE, UNLISTED_EN_RE):
        for match in pattern.finditer(text):
            name = match.group("name")
            if not listed.overlaps(*match.span()) and not organisations.pattern.search(name):
                found.append(Attribution(organisations.canonical(name), match.start(), match.end(), True))
    return sorted(found, key=lambda a: a.start)


class _Spans:
    """Spans of text already read as attributions, asked whether another span overlaps one: an unlisted
    name inside a listed attribution (According to China's State Council) is not read again."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [lo for lo, _ in spans]
        self.reach = list(itertools.accumulate((hi for _, hi in spans), max))

    def overlaps(self, lo: int, hi: int) -> bool:
        before = bisect_left(self.starts, hi)
        return before > 0 and self.reach[before - 1] > lo


def _names(text: str, match: re.Match, organisations: Organisations) -> tuple[list[str], int]:
    """The names starting at ``match``: its partners (IDC与浪潮信息) and bracketed aliases
    (国际数据公司（IDC）) skipped over; and where they end."""
    names, end = [match.group()], match.end()
    while True:
        if (bracket := BRACKET_RE.match(text, end)) and (
                alias := organisations.pattern.match(text, bracket.end())) and (
                close := BRACKET_END_RE.match(text, alias.end())):
            end = close.end()
        elif (joint := JOINED_RE.match(text, end)) and (
                other := organisations.pattern.match(text, joint.end())):
            names.append(other.group())
            end = other.end()
        else:
            return names, end


def _latin_around(text: str, end: int) -> bool:
    """Whether the words after a Latin name are English (IDC predicts) rather than Chinese (IDC预计)."""
    rest = text[end:end + 2].lstrip("'’s ")
    return not rest or rest[0].isascii()


def origin_at(found: list[Attribution], sentence: tuple[int, int], position: int,
              text: str) -> Attribution | None:
    """The attribution of the figure at ``position`` among those of its ``sentence`` (clean offsets).

    The nearest one before the figure; else the first after it that may close a sentence
    (:attr:`Attribution.trails`) and does: no figure follows it there (…, according to IDC.).
    """
    lo, hi = sentence
    return SentenceOrigins(_inside(found, [a.start for a in found], lo, hi), text, hi).at(position)


class SentenceOrigins:
    """The attributions of one sentence, asked for the origin of each of its figures in turn.

    A long line (a report flattened into one line) holds thousands of figures and attributions:
    each figure's is found by binary search, and the one closing the sentence is found once.
    """

    def __init__(self, inside: list[Attribution], text: str, hi: int):
        self.inside = inside
        self.starts = [a.start for a in inside]
        self.text, self.hi = text, hi
        self.closing: list[Attribution | None] = []

    def at(self, position: int) -> Attribution | None:
        """The nearest attribution before ``position``, else the one that closes the sentence."""
        before = bisect_left(self.starts, position)
        if before:
            return self.inside[before - 1]
        if not self.closing:
            self.closing.append(self._closing())
        return self.closing[0]

    def _closing(self) -> Attribution | None:
        """The first trailing attribution with no figure after it in the sentence (…, according to IDC.)."""
        digit = -1  # a digit found after an earlier attribution: no need to look again before it
        for attribution in self.inside:
            if not attribution.trails:
                continue
            if digit < attribution.end:
                found = DIGIT_RE.search(self.text, attribution.end, self.hi)
                if found is None:
                    return attribution
                digit = found.start()
        return None

    @property
    def last(self) -> Attribution | None:
        """The last attribution of the sentence: what a sentence continuing it inherits."""
        return self.inside[-1] if self.inside else None


def _inside(found: list[Attribution], starts: list[int], lo: int, hi: int) -> list[Attribution]:
    """The attributions (sorted by start, ``starts`` theirs) that start in [lo, hi)."""
    return found[bisect_left(starts, lo):bisect_left(starts, hi)]


def continues(sentence: str) -> bool:
    """Whether ``sentence`` goes on with what an earlier sentence cited (该报告还预计, the study also found).

    >>> continues("该报告还预计，2027年将达到89亿美元。"), continues("本报告测算，2023年为414.1 EFLOPS。")
    (True, False)
    """
    return CONTINUES_RE.search(sentence) is not None


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as (start, end) offsets, each ending after its full stop."""
    bounds, start = [], 0
    for match in SENTENCE_END_RE.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    if start < len(text) or not bounds:
        bounds.append((start, len(text)))
    return bounds


def attribute_origins(claims: pd.DataFrame, segments: pd.DataFrame,
                      organisations: Organisations) -> pd.DataFrame:
    """The claims with ``origin``, ``origin_text`` and ``origin_claim_span`` filled in.

    ``origin_text`` is the original text of the words read (据IDC预测); ``origin_claim_span`` says where
    they stand, ``line:start-end`` in the original file (``page:line:start-end`` in a PDF), which for a
    continuing sentence is an earlier sentence.

    :param claims: a table valid under ``recon.schemas.Claim``
    :param segments: the segments the claims were read from (``recon.schemas.Segment``)
    :param organisations: from :func:`load_organisations`
    """
    claims = claims.copy()
    for column in ORIGIN_COLUMNS:
        claims[column] = ""
    if claims.empty:
        return claims
    wanted = set(claims["doc_id"])
    where_claimed = zip(claims["doc_id"], claims["page"], claims["line"], claims["start"], strict=True)
    positions = {(d, _page(p), line, start): i for i, (d, p, line, start) in enumerate(where_claimed)}
    by_line: dict[tuple, list[int]] = {}
    for doc_id, page, line, start in positions:
        by_line.setdefault((doc_id, page, line), []).append(start)
    values = {column: claims[column].tolist() for column in ORIGIN_COLUMNS}
    for doc_id, doc in segments[segments["doc_id"].isin(wanted)].groupby("doc_id", sort=False):
        recent: deque[tuple[Attribution, tuple] | None] = deque(maxlen=CONTINUED_SENTENCES)
        runs_on: tuple[Attribution, tuple] | None = None
        previous_line = None
        for seg in doc.itertuples(index=False):
            page = _page(seg.page)
            where = (seg.offsets, seg.col_offset, seg.text, page, seg.line)
            figures = _figures(by_line.get((doc_id, page, seg.line), []), seg)
            found = attributions(seg.clean, organisations)
            found_starts = [a.start for a in found]
            carried = runs_on if previous_line == (page, seg.line - 1) and seg.block == "text" else None
            next_figure = 0
            for lo, hi in sentence_bounds(seg.clean):
                inherited = carried
                if inherited is None and continues(seg.clean[lo:hi]):
                    inherited = _latest(recent)
                sentence = SentenceOrigins(_inside(found, found_starts, lo, hi), seg.clean, hi)
                first = next_figure = bisect_left(figures, (lo,), next_figure)
                next_figure = bisect_left(figures, (hi,), first)
                for position, start in figures[first:next_figure]:
                    own = sentence.at(position)
                    cited = (own, where) if own is not None else inherited
                    if cited is not None:
                        _fill(values, positions[(doc_id, page, seg.line, start)], *cited)
                if sentence.last is not None:
                    recent.append((sentence.last, where))
                else:
                    recent.append(inherited or (UNCITED if next_figure > first else None))
                carried = None
            ends = RUNS_ON_RE.search(seg.clean) is None or seg.block != "text"
            runs_on, previous_line = (None if ends or recent[-1] is UNCITED else recent[-1]), (page, seg.line)
    return claims.assign(**values)


def _latest(cited) -> tuple[Attribution, tuple] | None:
    """The attribution a continuing sentence takes: the last of a few sentences' that is not None,
    looking back over sentences without figures but not past one with figures that cites no one
    (其中 then continues that sentence, not an earlier cited one)."""
    for attribution in reversed(cited):
        if attribution is UNCITED:
            return None
        if attribution is not None:
            return attribution
    return None


def _figures(starts: list[int], seg) -> list[tuple[int, int]]:
    """The figures claimed on a segment's line that stand in its text, as (clean position, start),
    sorted: each sentence takes its own by binary search."""
    figures = []
    for start in starts:
        original = start - seg.col_offset
        if 0 <= original <= len(seg.text):
            figures.append((_clean_position(seg.offsets, original), start))
    return sorted(figures)


def _page(page) -> int:
    return -1 if pd.isna(page) else int(page)


def _clean_position(offsets, original: int) -> int:
    """Where the character at ``original`` (an index into the segment's text) stands in its clean text."""
    return original if offsets is None else bisect_left(offsets, original)


def _fill(values: dict[str, list], i: int, attribution: Attribution, where: tuple) -> None:
    offsets, col_offset, text, page, line = where
    if offsets is None:
        lo, hi = attribution.start, attribution.end
    else:
        lo, hi = offsets[attribution.start], offsets[attribution.end - 1] + 1
    values["origin"][i] = attribution.origin
    values["origin_text"][i] = text[lo:hi]
    prefix = f"{page}:" if page >= 0 else ""
    values["origin_claim_span"][i] = f"{prefix}{line}:{col_offset + lo}-{col_offset + hi}"


__all__ = ["Attribution", "Organisations", "attribute_origins", "attributions", "continues",
           "load_organisations", "origin_at"]
