"""Identity: what a fact measures, as typed columns read from its phrase and type.

A fact's identity is ``subject`` (the thing measured: its cleaned phrase without the measure word),
``measure`` (level, growth, cagr, share, count, rate, multiple, price, other), ``scope`` (the
definition words of ``expectations/concepts.yaml`` its phrase holds: 核心, 智能, generative …) and
``metric_id`` (the glossary metric, '' when the glossary knows none). Later stages read these columns;
none takes a metric id apart.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import jieba
import pandas as pd
import yaml

from recon.errors import ConfigError
from recon.extract.context import place_of
from recon.ingest.clean import simplifier
from recon.ingest.grid import period_cell

if TYPE_CHECKING:
    from recon.normalise import Glossary

CONCEPTS_FILE = "concepts.yaml"
RATE_TYPES = ("growth", "cagr", "share")
"""Claim types that already say the measure: the extractor read it from the figure's own words."""
_SPAN_TAIL = re.compile(r"(?:[一二两三四五六七八九十\d]+年)?(?:年均|年|期间|同比)?(?:复合)?$")
"""What a measure word leaves of a span in front of it (五年年复合增长率, 年均复合增速, 复合增长率)."""
_NOT_WORD = re.compile(r"[\W_]+")
CONCEPT_MARKS = 0xE000
"""Concepts are written as characters of the Unicode private use area in canonical phrases."""
SPECIFIC_CONCEPT = 4
"""What a specific concept (服务器, storage) weighs against characters when judging whether a phrase says
which thing it measures."""
MIN_SUBJECT = 2
"""A phrase left with one character once its measure word is cut (年 of 年复合增长率) names nothing."""


@dataclass(frozen=True)
class Concepts:
    """The concept lexicon (``expectations/concepts.yaml``): scope words and bilingual concepts."""

    path: str
    ignore: tuple[str, ...]
    scopes: tuple[tuple[str, str], ...]
    """(word, scope name), longest word first."""
    concepts: tuple[tuple[str, str], ...]
    """(word, concept name), longest word first."""
    generic: frozenset[str] = frozenset()
    """Concept names that say what of a thing is measured (market size, revenue), not which thing."""
    modifiers: tuple[str, ...] = ()
    """Words that qualify a measure, not what is measured (同比, 名义, representing), longest first."""
    share_of: tuple[str, ...] = ()
    """Words opening a share's phrase that name its whole (占数字经济比重: a share of the digital economy)."""
    owners: re.Pattern | None = None
    """Possessives opening a figure's clause (其, its): the figure is of a thing named before it."""
    fillers: frozenset[str] = frozenset()
    """Words that never change what a phrase measures (岗位 of 算法工程师岗位缺口, 大 of 大模型)."""
    enumeration: frozenset[str] = frozenset()
    """Words closing a list of examples before what they exemplify (飞桨等国产框架: domestic frameworks)."""
    effects: re.Pattern | None = None
    """Words opening the effect of a cause (导致, leading to): what a figure measures follows them."""
    topic_standins: frozenset[str] = frozenset()
    """Concept names that, inside a document with a topic, stand for it (行业: the document's industry)."""

    def effect(self, text: str) -> str:
        """The part of a metric phrase after its last cause word, where the phrase names a cause and
        its effect (这一缺口直接导致2024年行业平均模型训练成本: the cost); the phrase when it names none.

        >>> concepts = load_concepts(Path(__file__).resolve().parents[1] / "expectations" / CONCEPTS_FILE)
        >>> concepts.effect("这一缺口直接导致2024年行业平均模型训练成本"), concepts.effect("训练成本")
        ('2024年行业平均模型训练成本', '训练成本')
        """
        found = list(self.effects.finditer(text)) if self.effects is not None else []
        rest = text[found[-1].end():] if found else text
        return rest if len(_NOT_WORD.sub("", rest)) >= MIN_SUBJECT else text

    def own_subject(self, subject: str) -> str:
        """The subject, or '' when it is made of measure modifiers alone (同比名义 of 同比名义增长16.2%):
        such a figure measures its sentence's subject.

        >>> concepts = load_concepts(Path(__file__).resolve().parents[1] / "expectations" / CONCEPTS_FILE)
        >>> [concepts.own_subject(phrase) for phrase in ("同比名义", "representing", "营收")]
        ['', '', '营收']
        """
        rest = subject
        for word in self.modifiers:
            rest = rest.replace(word, "")
        return subject if len(rest) >= MIN_SUBJECT else ""

    def whole_of(self, text: str) -> str:
        """The word that opens a share's phrase when it names the share's whole (占, 佔), else ''."""
        text = text.lstrip()
        return next((word for word in self.share_of if text.startswith(word)), "")

    def scope(self, phrase: str) -> str:
        """The scope names a phrase holds, sorted and ';'-joined ('' for an unqualified whole).

        >>> concepts = load_concepts(Path(__file__).resolve().parents[1] / "expectations" / CONCEPTS_FILE)
        >>> concepts.scope("人工智能核心产业规模"), concepts.scope("智能算力"), concepts.scope("总算力规模")
        ('core', 'intelligent', '')
        """
        return _scope(self, phrase.lower())

    def canonical(self, phrase: str) -> str:
        """The phrase with each concept word replaced by one character standing for its concept, so
        that phrasings in either language compare equal and a concept weighs as one character.

        >>> concepts = load_concepts(Path(__file__).resolve().parents[1] / "expectations" / CONCEPTS_FILE)
        >>> concepts.canonical("服务器市场规模") == concepts.canonical("servermarketsize")
        True
        >>> concepts.canonical("企业数量") == concepts.canonical("firms数量")
        True
        """
        return _canonical(self, phrase.lower())

    def specific_chars(self, phrase: str) -> int:
        """How much a phrase says about which thing it measures: its characters once the generic
        concepts are removed, a specific concept counting as four (a known word naming a thing).
        市场规模 says nothing (it depends on its document's subject); 深度学习市场规模 and AI服务器出货量
        say which market.

        >>> concepts = load_concepts(Path(__file__).resolve().parents[1] / "expectations" / CONCEPTS_FILE)
        >>> concepts.specific_chars("市场规模"), concepts.specific_chars("深度学习市场规模")
        (0, 4)
        >>> concepts.specific_chars("ai服务器出货量"), concepts.specific_chars("存力总规模")
        (8, 5)
        """
        return _specific_chars(self, phrase.lower())

    def words(self, phrase: str) -> list[str]:
        """The phrase as concept names and the leftover characters, in order (for similarity).

        >>> concepts = load_concepts(Path(__file__).resolve().parents[1] / "expectations" / CONCEPTS_FILE)
        >>> concepts.words("服务器市场规模"), concepts.words("servermarketsize")
        (['server', 'market'], ['server', 'market'])
        """
        return _words(self, phrase.lower())

    def core(self, phrase: str, topic: frozenset[str] = frozenset()) -> str:
        """The words that say what a phrase measures, for telling paraphrases apart from different
        subjects: its words (concepts as one word each) less the fillers, the examples a list names
        before 等, and the ``topic`` words (its document's subject, which its phrases may leave out).

        >>> concepts = load_concepts(Path(__file__).resolve().parents[1] / "expectations" / CONCEPTS_FILE)
        >>> concepts.core("算法工程师岗位缺口") == concepts.core("算法工程师缺口")
        True
        >>> concepts.core("飞桨等国产框架市场份额") == concepts.core("国产框架市场份额")
        True
        >>> topic = concepts.topic_words("中国深度学习行业研究报告")
        >>> concepts.core("国产深度学习框架市场份额", topic) == concepts.core("国产框架市场份额", topic)
        True
        >>> concepts.core("国产深度学习框架市场份额") == concepts.core("国产框架市场份额")
        False
        """
        words = _core_words(self, phrase.lower())
        if topic:
            topic = topic | _standin_marks(self)
        # joined again: the segmenter may cut one phrase 国产/软件 and another 国产软件
        return "".join(w for w in words if w not in topic) if topic else "".join(words)

    def core_bag(self, phrase: str) -> str:
        """The core's words in sorted order: English puts words where Chinese does not (core AI
        industry, AI核心产业), so phrases in two languages are compared as bags of concepts.

        >>> concepts = load_concepts(Path(__file__).resolve().parents[1] / "expectations" / CONCEPTS_FILE)
        >>> concepts.core_bag("ai核心产业规模") == concepts.core_bag("coreaiindustry")
        True
        >>> concepts.core_bag("加速服务器市场规模") == concepts.core_bag("acceleratedservermarket")
        True
        """
        return "".join(sorted(_core_words(self, phrase.lower())))

    def core_weight(self, core: str) -> int:
        """How much a core says about which thing it measures (as :meth:`specific_chars`: a specific
        concept counts four, a generic one nothing, any other character one)."""
        weight = _mark_weights(self)
        return sum(weight.get(c, 1) for c in core)

    def words_apart(self, phrase: str, other: str) -> str:
        """The words one phrase says and the other does not, for a join's reason ('' when none).

        >>> concepts = load_concepts(Path(__file__).resolve().parents[1] / "expectations" / CONCEPTS_FILE)
        >>> concepts.words_apart("国产深度学习框架", "飞桨等国产框架")
        '深度, 学习, 飞桨, 等'
        """
        mine, theirs = _segmenter().lcut(phrase.lower()), _segmenter().lcut(other.lower())
        return ", ".join([w for w in mine if w not in theirs] + [w for w in theirs if w not in mine])

    def topic_words(self, title: str) -> frozenset[str]:
        """The words of a document's title that name its subject (深度学习 of 中国深度学习行业研究报告):
        a phrase of that document may leave them out. Concept, scope and filler words name no subject.

        >>> concepts = load_concepts(Path(__file__).resolve().parents[1] / "expectations" / CONCEPTS_FILE)
        >>> sorted(concepts.topic_words("2025年中国深度学习行业市场规模预测"))
        ['学习', '深度', '预测']
        >>> concepts.topic_words("中國深度學習行業報告") == concepts.topic_words("中国深度学习行业报告")
        True
        """
        return _topic_words(self, simplifier().convert(title).lower())


@cache
def _core_words(concepts: Concepts, phrase: str) -> tuple[str, ...]:
    """The core's words: concepts and scope words as one mark each (加速 = accelerated), so that phrases
    in two languages meet, less fillers (words, or concepts by name) and listed examples."""
    marks = _marks(concepts)
    text = _canonical(concepts, phrase)
    for word, name in concepts.scopes:
        text = _pattern(word).sub(marks[name], text)
    tokens = _segmenter().lcut(text)
    listed = [i for i, token in enumerate(tokens) if token in concepts.enumeration]
    tokens = tokens[listed[-1] + 1:] if listed else tokens
    return tuple(t for t in tokens if t.strip() and t not in _fillers(concepts))


@cache
def _fillers(concepts: Concepts) -> frozenset[str]:
    """The filler words, and the marks of the concepts named as fillers (scale)."""
    marks = _marks(concepts)
    return concepts.fillers | {marks[f] for f in concepts.fillers if f in marks}


@cache
def _standin_marks(concepts: Concepts) -> frozenset[str]:
    marks = _marks(concepts)
    return frozenset(marks[name] for name in concepts.topic_standins)


@cache
def _mark_weights(concepts: Concepts) -> dict[str, int]:
    """What each concept or scope mark weighs in a core: a generic concept nothing, any other four."""
    marks = _marks(concepts)
    return {mark: 0 if name in concepts.generic else SPECIFIC_CONCEPT for name, mark in marks.items()}


@cache
def _marks(concepts: Concepts) -> dict[str, str]:
    """Concept and scope names → the private-use character standing for each in canonical phrases."""
    concept_names = sorted({name for _, name in concepts.concepts})
    scope_names = sorted({name for _, name in concepts.scopes})
    names = concept_names + [f"scope:{name}" for name in scope_names]
    marks = {name: chr(CONCEPT_MARKS + i) for i, name in enumerate(names)}
    return marks | {name: marks[f"scope:{name}"] for name in scope_names if name not in marks}


@cache
def _topic_words(concepts: Concepts, title: str) -> frozenset[str]:
    named = {word for word, _ in (*concepts.concepts, *concepts.scopes)} | set(concepts.ignore)
    return frozenset(
        token for token in _segmenter().lcut(title)
        if len(token) >= MIN_SUBJECT and _CJK_WORD.fullmatch(token) and token not in named
        and token not in concepts.fillers and place_of(token) == ""
    )


_CJK_WORD = re.compile(r"[\u4e00-\u9fff]+")


@cache
def _segmenter() -> jieba.Tokenizer:
    """jieba's word segmenter, its dictionary loaded once and quietly (it logs the loading)."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@cache
def _scope(concepts: Concepts, phrase: str) -> str:
    for word in concepts.ignore:
        phrase = phrase.replace(word, " ")
    names = set()
    for word, name in concepts.scopes:
        if _holds(phrase, word):
            names.add(name)
            phrase = phrase.replace(word, " ")
    return ";".join(sorted(names))


@cache
def _canonical(concepts: Concepts, phrase: str) -> str:
    mark = _marks(concepts)
    return "".join(mark.get(token, token) for token in _words(concepts, phrase))


@cache
def _specific_chars(concepts: Concepts, phrase: str) -> int:
    named = {name for _, name in concepts.concepts}
    tokens = [t for t in _words(concepts, phrase) if t not in concepts.generic]
    return sum(SPECIFIC_CONCEPT if t in named else len(t) for t in tokens)


@cache
def _words(concepts: Concepts, phrase: str) -> list[str]:
    found: list[tuple[int, str]] = []
    rest = phrase
    for word, name in concepts.concepts:
        for match in _pattern(word).finditer(rest):
            found.append((match.start(), name))
        rest = _pattern(word).sub(lambda m: " " * len(m.group()), rest)
    found += [(i, c) for i, c in enumerate(rest) if c.strip() and not c.isascii()]
    found += [(m.start(), m.group()) for m in re.finditer(r"[a-z0-9]+", rest)]
    return [token for _, token in sorted(found)]


@cache
def _pattern(word: str) -> re.Pattern:
    """A word as a pattern matching anywhere: cleaned phrases have no spaces to find word ends by."""
    return re.compile(re.escape(word))


def _with_row(cleaned: str, row_label: str, glossary: Glossary) -> str:
    """A cell's cleaned phrase led by its row label, unless the phrase already holds it or the label is
    only a period (a 2023 row: the period column carries it)."""
    label = glossary.clean(row_label) if row_label and period_cell(row_label) is None else ""
    return cleaned if not label or label in cleaned else label + cleaned


def _holds(phrase: str, word: str) -> bool:
    return _pattern(word).search(phrase) is not None


def _word_list(path: Path, key: str, value) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise ConfigError(path, "expected a list of words", key=key)
    return [_NOT_WORD.sub("", w.lower()) for w in value]


def _named_words(path: Path, key: str, value) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict) or not value:
        raise ConfigError(path, "expected a mapping of name to a list of words", key=key)
    pairs = [(word, str(name)) for name, words in value.items()
             for word in _word_list(path, f"{key}.{name}", words)]
    return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))


@cache
def load_concepts(path: str | Path) -> Concepts:
    """Load and validate the concept lexicon (``expectations/concepts.yaml``).

    :raises ConfigError: the file is missing or malformed; the error names the key at fault
    """
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(path, f"cannot read the concept lexicon: {error.strerror}") from error
    except yaml.YAMLError as error:
        raise ConfigError(path, f"not valid YAML: {error}") from error
    if not isinstance(raw, dict):
        raise ConfigError(path, "expected a mapping with ignore, scopes and concepts")
    known = {"ignore", "scopes", "concepts", "generic", "measure_modifiers", "share_of", "owners",
             "not_owners", "fillers", "enumeration", "effects", "topic_standins"}
    unknown = set(raw) - known
    if unknown:
        raise ConfigError(path, "unknown key", key=sorted(unknown)[0])
    return Concepts(
        path=str(path),
        ignore=tuple(sorted(_word_list(path, "ignore", raw.get("ignore", [])), key=len, reverse=True)),
        scopes=_named_words(path, "scopes", raw.get("scopes")),
        concepts=_named_words(path, "concepts", raw.get("concepts")),
        generic=_generic(path, raw),
        modifiers=tuple(sorted(_word_list(path, "measure_modifiers", raw.get("measure_modifiers", [])),
                               key=len, reverse=True)),
        share_of=tuple(_raw_words(path, "share_of", raw.get("share_of", []))),
        owners=_owners(path, raw),
        fillers=frozenset(_word_list(path, "fillers", raw.get("fillers", []))),
        enumeration=frozenset(_word_list(path, "enumeration", raw.get("enumeration", []))),
        effects=_effects(path, raw),
        topic_standins=_concept_names(path, raw, "topic_standins"),
    )


def _effects(path: Path, raw: dict) -> re.Pattern | None:
    """The cause words as one pattern; English ones as whole words (leading to, not misleading)."""
    words = _raw_words(path, "effects", raw.get("effects", []))
    if not words:
        return None
    alternatives = (re.escape(w) if not w.isascii() else rf"\b{re.escape(w)}\b"
                    for w in sorted(words, key=len, reverse=True))
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _owners(path: Path, raw: dict) -> re.Pattern | None:
    """A clause opening with a possessive (``owners``) that is none of the ``not_owners`` words that
    merely start with one (其中, 其他)."""
    owners = _raw_words(path, "owners", raw.get("owners", []))
    if not owners:
        return None
    not_owners = _raw_words(path, "not_owners", raw.get("not_owners", []))
    exclude = "".join(f"(?!{re.escape(word)})" for word in not_owners)
    words = "|".join(re.escape(word) for word in sorted(owners, key=len, reverse=True))
    return re.compile(rf"^\W*{exclude}(?:{words})(?![a-z])", re.IGNORECASE)


def _raw_words(path: Path, key: str, value) -> list[str]:
    """Words kept as written (not cleaned): they are looked for in a phrase before it is cleaned."""
    _word_list(path, key, value)
    return list(value)


def _generic(path: Path, raw: dict) -> frozenset[str]:
    """The ``generic`` concept names, each one the lexicon defines."""
    return _concept_names(path, raw, "generic")


def _concept_names(path: Path, raw: dict, key: str) -> frozenset[str]:
    """A list of concept names under ``key``, each one the lexicon defines."""
    names = raw.get(key, [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ConfigError(path, "expected a list of concept names", key=key)
    unknown = sorted(set(names) - set(raw.get("concepts") or {}))
    if unknown:
        raise ConfigError(path, f"not a concept: {unknown[0]!r}", key=key)
    return frozenset(names)


def concepts_beside(glossary: Glossary) -> Concepts:
    """The concept lexicon in the glossary's directory (``expectations/``)."""
    return load_concepts(Path(glossary.path).parent / CONCEPTS_FILE)


def identify(facts: pd.DataFrame, glossary: Glossary) -> pd.DataFrame:
    """Facts with ``subject``, ``measure``, ``scope`` and a ``metric_id`` only the glossary gives.

    A resolved derived metric (the glossary's growth, CAGR or share of a metric) becomes its base
    metric with that measure; any other fact's measure is its claim type. A phrase that is only a
    measure word (年复合增长率) or measure modifiers (同比名义) has no subject of its own: the rate
    measures its sentence's subject (:func:`_subjects_from_sentence`).

    :param facts: facts whose ``metric_id`` is what :meth:`Glossary.resolve` returned
    :param glossary: the loaded glossary
    """
    concepts = concepts_beside(glossary)
    facts_columns = set(facts.columns)
    labels = facts["row_label"] if "row_label" in facts else pd.Series("", index=facts.index)
    facts = facts.assign(row_label=labels.fillna(""))
    key = ["metric_text", "metric_id", "type", "row_label", "dimension"]
    rows = facts[key].drop_duplicates()
    named = [_identity(text, metric, kind, label, glossary, concepts, dimension)
             for text, metric, kind, label, dimension in rows.itertuples(index=False, name=None)]
    columns = ["subject", "measure", "scope", "new_id", "whole"]
    rows = rows.assign(**{column: [row[i] for row in named] for i, column in enumerate(columns)})
    merged = facts.merge(rows, on=key, how="left", validate="many_to_one")
    merged = _subjects_from_sentence(merged.assign(metric_id=merged.pop("new_id")), concepts)
    merged = merged.assign(scope=_owned_scope(merged, concepts))
    return merged if "row_label" in facts_columns else merged.drop(columns="row_label")


OWNED = "owned"
"""The scope of a figure its clause gives to a thing named before (其算力总规模, its revenue)."""
CLAUSE_MARKS = re.compile(r"[，；。！？：]|[,;](?!\d)|[.!?:](?:\s|$)")
"""Where a clause ends: a Chinese mark, an ASCII comma or semicolon not inside a number (1,000), a stop
or colon followed by a space (not 3.5)."""


def _owned_scope(facts: pd.DataFrame, concepts: Concepts) -> pd.Series:
    """The scope, with :data:`OWNED` added where the figure's clause opens with a possessive: 华为展出超节点，
    其算力总规模达300PFLOPS is the supernode's compute, not the nation's, so it never joins the
    nation's figure (scopes that differ never join)."""
    if concepts.owners is None or "quote" not in facts or facts.empty:
        return facts["scope"]
    owned = [
        at >= 0 and concepts.owners.match(CLAUSE_MARKS.split(quote[:at])[-1]) is not None
        for quote, at in ((q, q.find(s)) for q, s in zip(facts["quote"], facts["surface"], strict=True))
    ]
    with_owner = facts["scope"].where(facts["scope"] == "", facts["scope"] + ";") + OWNED
    return facts["scope"].where(~pd.Series(owned, index=facts.index), with_owner)


SENTENCE = ["doc_id", "line", "quote"]
"""What identifies a figure's sentence: figures of one sentence share their quote."""
LEVEL_MEASURES = ("level", "count", "price")


def _subjects_from_sentence(facts: pd.DataFrame, concepts: Concepts) -> pd.DataFrame:
    """A rate outside the glossary with no subject of its own measures the level before it in its
    sentence: 产业数字化规模达到37.18万亿元，同比名义增长17.2%，占数字经济比重为81.7% states the growth
    and the share of 产业数字化规模, the share's whole being 数字经济 (subject 产业数字化规模占数字经济)."""
    whole = facts.pop("whole")
    orphan = (facts["subject"] == "") & (facts["metric_id"] == "") & facts["measure"].isin(RATE_TYPES)
    if not orphan.any() or not set(SENTENCE) <= set(facts.columns):
        return facts.assign(subject=facts["subject"].where(whole == "", facts["subject"] + whole))
    order = facts.sort_values([*SENTENCE[:2], "start"]).index if "start" in facts else facts.index
    table = facts.loc[order]
    level = table["measure"].isin(LEVEL_MEASURES) & (table["subject"] != "")
    donor = table["subject"].where(level).groupby([table[c] for c in SENTENCE]).ffill().reindex(facts.index)
    taken = orphan & donor.notna()
    subject = facts["subject"].where(~taken, donor) + whole
    scope = facts["scope"].where(~taken, subject.map(concepts.scope))
    return facts.assign(subject=subject, scope=scope)


def _identity(text: str, metric_id: str, claim_type: str, row_label: str, glossary: Glossary,
              concepts: Concepts, dimension: str = "") -> tuple[str, str, str, str, str]:
    """(subject, measure, scope, metric id, share's whole) of one phrase as normalise resolved it. A
    share whose phrase names its whole (占数字经济比重) has no subject yet: the whole is kept, written
    占数字经济, to follow the subject its sentence gives it. A table cell's
    subject names its row: the six floor areas of a table of parks (建筑面积 under 园区名称) are six
    parks' areas, not one figure stated six ways. A phrase naming a cause and its effect measures
    the effect (:meth:`Concepts.effect`), which the glossary may know."""
    effect = concepts.effect(text)
    if effect != text and metric_id not in glossary.metrics:
        text = effect
        metric_id, _ = glossary.resolve(text, claim_type, dimension)
    cleaned = _with_row(glossary.clean(text), row_label, glossary)
    subject, word_measure = glossary.rules.split_measure(cleaned)
    if not word_measure and cleaned in {word for word, _ in glossary.rules.measure_words}:
        subject, word_measure = "", dict(glossary.rules.measure_words)[cleaned]
    if word_measure:
        subject = _SPAN_TAIL.sub("", subject)
    subject = concepts.own_subject(subject)
    metric = glossary.metrics.get(metric_id)
    if metric is None:
        measure = claim_type if claim_type in RATE_TYPES else word_measure or claim_type
        whole = concepts.whole_of(text) if measure == "share" and subject else ""
        if whole:
            return "", measure, concepts.scope(subject), "", whole + subject
        return subject, measure, concepts.scope(subject), "", ""
    measure = metric.measure or claim_type
    base = glossary.metrics[metric.base] if metric.base else metric
    # a figure continuing its sentence's subject (…, or about US$24.7 billion) has the metric's definition
    scope = concepts.scope(subject) if subject else concepts.scope(glossary.clean(base.aliases[0]))
    return subject, measure, scope, base.id, ""
