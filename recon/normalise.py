"""Normalise: claims → facts (base units, dimension, canonical metric id from the glossary).

The glossary (``expectations/metrics.yaml``) lists canonical metrics with their Chinese (simplified
and traditional) and English aliases. A claim's ``metric_text`` is cleaned (:meth:`Glossary.clean`)
and resolved to a metric id: an exact alias first, then the nearest alias by character n-gram
similarity (rapidfuzz over sorted n-gram lists, i.e. a Dice coefficient: Chinese has no spaces for
token scorers to split on). Growth, CAGR and share of a metric get derived ids ``<id>-growth``,
``<id>-cagr`` and ``<id>-share`` whose ``Metric.base`` names the metric they measure. A phrase that
fits nothing becomes ``unlisted:<cleaned phrase>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd
import pint
import yaml
from rapidfuzz import fuzz, process

from recon import schemas
from recon.errors import ConfigError
from recon.identity import identify
from recon.ingest.clean import simplifier
from recon.lexicon import lexicon

DIMENSIONS = ["currency", "compute", "percent", "points", "multiple", "power", "duration", "count", "other"]
MEASURES = ["growth", "cagr", "share"]
UNLISTED = "unlisted:"
GLOSSARY_UNITS = [*schemas.UNIT_VALUES, "count", "other"]
"""Units a glossary entry may allow: the fixed claim units, and the ``count:``/``other:`` families."""

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]+\)")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*(?:[-–~至到]\s*(?:19|20)\d{2}\s*)?(?:年度|年底|年末|年)?")
_NOT_WORD = re.compile(r"[\W_]+")
_NEAREST_CANDIDATES = 5  # aliases tried in order of similarity until one is not a qualified form

# The units a claim may carry, as pint expressions; each currency (currencies.yaml) is a base
# dimension of its own, so there is no FX.
_CURRENCIES = [code.removeprefix("other:") for code in lexicon().currencies]
_UNIT_DEFINITIONS = "".join(f"{code} = [currency_{code.lower()}]\n" for code in _CURRENCIES) + """
FLOPS = [compute]
percent = [percent]
pp = [points]
x = [multiple]
W = [power]
day = [duration] = d = days
year = 365.25 * day = a = years
count = [count]
byte = [information] = B = bytes
kilo- = 1e3 = k-
mega- = 1e6 = M-
giga- = 1e9 = G-
tera- = 1e12 = T-
peta- = 1e15 = P-
exa- = 1e18 = E-
zetta- = 1e21 = Z-
"""
_DIMENSION_OF = {
    **{f"[currency_{code.lower()}]": "currency" for code in _CURRENCIES},
    "[compute]": "compute",
    "[percent]": "percent",
    "[points]": "points",
    "[multiple]": "multiple",
    "[power]": "power",
    "[duration]": "duration",
    "[count]": "count",
}
_PINT_NAME = {"%": "percent", "days": "day", "years": "year"}


@lru_cache(maxsize=1)
def unit_registry() -> pint.UnitRegistry:
    """The pint registry of claim units: currencies, FLOPS family, percent, points, W, time, counts."""
    registry = pint.UnitRegistry(None)
    for line in _UNIT_DEFINITIONS.strip().splitlines():
        registry.define(line)
    return registry


@cache
def base_of_unit(unit: str) -> tuple[float, str, str]:
    """Return (factor to the base unit, base unit, dimension) of a claim unit.

    ``count:<noun>`` is a count whatever the noun; ``other:<unit>`` is converted when pint knows the
    unit (``other:EUR``, ``other:bytes``) and kept as stated, dimension ``other``, when it does not.
    """
    if unit.startswith("count:") or unit == "count":
        return 1.0, "count", "count"
    name = unit.removeprefix("other:")
    registry = unit_registry()
    try:
        base = registry.Quantity(1.0, _PINT_NAME.get(name, name)).to_base_units()
    except (pint.errors.PintError, AttributeError, TypeError, ValueError, AssertionError):
        return 1.0, unit, "other"
    dims = dict(base.dimensionality)
    dimension = _DIMENSION_OF.get(next(iter(dims)), "other") if len(dims) == 1 else "other"
    base_unit = f"{base.units:~}"
    return float(base.magnitude), _unit_label(base_unit), dimension


def _unit_label(pint_unit: str) -> str:
    """Spell a pint base unit the way facts do (``percent`` → ``%``, ``d`` → ``days``)."""
    return {"percent": "%", "d": "days"}.get(pint_unit, pint_unit)


def ngrams(phrase: str, n: int) -> list[str]:
    """Sorted character n-grams of ``phrase``: rapidfuzz's ratio on these is a multiset Dice score.

    >>> ngrams("智能算力", 2)
    ['智能', '算力', '能算']
    >>> round(fuzz.ratio(ngrams("智能算力规模", 2), ngrams("智能算力", 2)))
    75
    """
    if len(phrase) <= n:
        return [phrase]
    return sorted(phrase[i : i + n] for i in range(len(phrase) - n + 1))


def qualifies(phrase: str, other: str) -> bool:
    """Whether two phrases put different words in front of the same head: the head comes last in
    Chinese (and English), so 医疗AI市场规模 is narrower than AI市场规模 and 中型智算中心 is not
    小型智算中心, however many characters they share.

    >>> qualifies("医疗ai市场规模", "ai市场规模"), qualifies("ai核心产业总规模", "ai核心产业规模")
    (True, False)
    """
    return phrase != other and phrase[:1] != other[:1] and phrase[-1:] == other[-1:]


@dataclass(frozen=True)
class Metric:
    """One glossary metric; derived metrics (growth, CAGR, share) name their ``base`` and ``measure``."""

    id: str
    name: str
    dimension: str
    units: tuple[str, ...]
    aliases: tuple[str, ...]
    base: str = ""
    measure: str = ""
    measures: tuple[str, ...] = ()


@dataclass
class PhraseRules:
    """How metric phrases are cleaned before comparison (the ``phrase`` section of the glossary)."""

    synonyms: list[tuple[str, str]]
    strip: list[str]
    cut: list[re.Pattern] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    measure_words: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        latin = [re.escape(w) for w in self.strip if w.isascii()]
        cjk = [re.escape(w) for w in sorted(self.strip, key=len, reverse=True) if not w.isascii()]
        self._strip_latin = re.compile(r"\b(?:" + "|".join(latin) + r")\b") if latin else None
        self._strip_cjk = re.compile("|".join(cjk)) if cjk else None
        lead_latin = [re.escape(w) for w in self.lead if w.isascii()]
        lead = r"^\s*(?:(?:" + "|".join(lead_latin) + r")(?![\w'])\s*)+"
        self._lead_latin = re.compile(lead) if lead_latin else None
        self._lead_cjk = [w for w in self.lead if not w.isascii()]
        self.clean = cache(self._clean)

    def _clean(self, phrase: str) -> str:
        """Reduce a phrase to the form aliases are compared in: simplified, lower case, synonyms
        applied, geography and year words removed, no spaces or punctuation."""
        text = _simplified(_PINYIN.sub("", phrase)).lower().replace("\u2019", "'")
        cuts = [found.start() for found in (pattern.search(text, 1) for pattern in self.cut) if found]
        text = text[: min(cuts)] if cuts else text
        for word, replacement in self.synonyms:
            text = text.replace(word, replacement)
        text = _YEAR.sub(" ", text)
        if self._strip_latin is not None:
            text = self._strip_latin.sub(" ", text)
        if self._strip_cjk is not None:
            text = self._strip_cjk.sub("", text)
        if self._lead_latin is not None:
            text = self._lead_latin.sub("", text)
        text = _NOT_WORD.sub("", text)
        leading = next((w for w in self._lead_cjk if text.startswith(w) and len(text) > len(w)), "")
        while leading:
            text = text[len(leading) :]
            leading = next((w for w in self._lead_cjk if text.startswith(w) and len(text) > len(w)), "")
        return "" if text in self._lead_cjk else text

    def split_measure(self, cleaned: str) -> tuple[str, str]:
        """Split a cleaned phrase into (metric phrase, measure) when it ends in a measure word."""
        for word, measure in self.measure_words:
            if cleaned.endswith(word) and len(cleaned) > len(word):
                return cleaned[: -len(word)], measure
        return cleaned, ""


@dataclass
class Glossary:
    """The loaded metric glossary: metrics by id, their cleaned aliases, and the phrase rules."""

    path: str
    metrics: dict[str, Metric]
    rules: PhraseRules
    ngram: int
    min_score: float
    alias_ids: dict[str, str]

    def __post_init__(self) -> None:
        self._alias_names = list(self.alias_ids)
        self._alias_grams = [ngrams(a, self.ngram) for a in self._alias_names]
        self._fragments = sorted(
            {f for word in self.rules.strip for f in _proper_suffixes(_NOT_WORD.sub("", word))},
            key=len, reverse=True,
        )

    def without_fragment(self, cleaned: str) -> str:
        """The alias a phrase names once a leading fragment of a geography word is dropped, or ''.

        An extractor that cuts a phrase inside a place name leaves its tail (国智能算力规模 from
        中国智能算力规模, "na's intelligent computing power" from "China's …"); only an exact alias
        behind the fragment counts, so 国产芯片 never loses its 国.
        """
        for fragment in self._fragments:
            if not cleaned.startswith(fragment):
                continue
            rest = cleaned[len(fragment) :]
            if rest in self.alias_ids or self.rules.split_measure(rest)[0] in self.alias_ids:
                return rest
        return ""

    def clean(self, phrase: str) -> str:
        """The cleaned form of a metric phrase (see :class:`PhraseRules`)."""
        return self.rules.clean(phrase)

    def nearest(self, cleaned: str) -> tuple[str, float]:
        """The glossary id whose alias is nearest to a cleaned phrase, and the similarity (0-100)."""
        if cleaned in self.alias_ids:
            return self.alias_ids[cleaned], 100.0
        if not cleaned or not self._alias_grams:
            return "", 0.0
        grams = ngrams(cleaned, self.ngram)
        candidates = process.extract(grams, self._alias_grams, scorer=fuzz.ratio, limit=_NEAREST_CANDIDATES)
        for _, score, index in candidates:
            alias = self._alias_names[index]
            if not qualifies(cleaned, alias):
                return self.alias_ids[alias], float(score)
        return "", 0.0

    def resolve(self, metric_text: str, claim_type: str = "", dimension: str = "") -> tuple[str, float]:
        """Map a claim's metric phrase to (metric id, score).

        An unlisted phrase scores its nearest alias's similarity, so an editor sees near misses.

        :param metric_text: the phrase the number measures, as the extractor found it
        :param claim_type: the claim's type; growth, cagr or share select a derived metric when the
            phrase has no measure word and the fact is a percentage of a non-percentage metric
        :param dimension: the fact's dimension (from its unit)
        """
        cleaned = self.clean(metric_text)
        base_id, score = self.nearest(cleaned)
        if score < 100 and (rest := self.without_fragment(cleaned)):
            cleaned = rest
            base_id, score = self.nearest(cleaned)
        measure = ""
        if score < 100:
            phrase, measure = self.rules.split_measure(cleaned)
            phrase_id, phrase_score = self.nearest(phrase) if measure else ("", 0.0)
            if phrase_score >= score:
                base_id, score = phrase_id, phrase_score
            else:
                measure = ""
        if score < self.min_score:
            return UNLISTED + cleaned, score
        base = self.metrics[base_id]
        if not measure and claim_type in MEASURES and dimension in ("percent", "points"):
            measure = claim_type if base.dimension != dimension else ""
        if not measure:
            return base_id, score
        derived = f"{base_id}-{measure}"
        if derived not in self.metrics:
            return UNLISTED + cleaned, score
        return derived, score


def _proper_suffixes(word: str) -> list[str]:
    return [word[i:] for i in range(1, len(word))]


def _simplified(text: str) -> str:
    """The whole phrase converted at once: unlike a document line, a phrase need not keep its length."""
    return simplifier().convert(text)


def _fail(path: Path, key: str, reason: str):
    raise ConfigError(path, reason, key=key)


def _strings(path: Path, key: str, value, required: bool = True) -> list[str]:
    if value is None and not required:
        return []
    if not isinstance(value, list) or (required and not value):
        _fail(path, key, "expected a non-empty list of strings")
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            _fail(path, f"{key}[{i}]", "expected a non-empty string")
    return value


def _pattern(path: Path, key: str, text: str) -> re.Pattern:
    try:
        return re.compile(text)
    except re.error as error:
        _fail(path, key, f"not a regular expression: {error}")


def _number(path: Path, key: str, value, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        _fail(path, key, f"expected a number from {low:g} to {high:g}, got {value!r}")
    return float(value)


def _derived(entry: Metric) -> list[Metric]:
    """The growth, CAGR and share metrics of an entry, each naming its base."""
    units = {
        "growth": ("%", "pp", *entry.units),
        "cagr": ("%",),
        "share": ("%",),
    }
    return [
        Metric(
            id=f"{entry.id}-{measure}",
            name=f"{entry.name} ({measure})",
            dimension="percent",
            units=tuple(dict.fromkeys(units[measure])),
            aliases=(),
            base=entry.id,
            measure=measure,
        )
        for measure in entry.measures
    ]


def _entry(path: Path, key: str, raw) -> Metric:
    if not isinstance(raw, dict):
        _fail(path, key, "expected a mapping with id, dimension, units, zh and en")
    unknown = set(raw) - {"id", "name", "dimension", "units", "zh", "zh_hant", "en", "measures"}
    if unknown:
        _fail(path, f"{key}.{sorted(unknown)[0]}", "unknown key")
    metric_id = raw.get("id")
    if not isinstance(metric_id, str) or not _ID.match(metric_id):
        _fail(path, f"{key}.id", f"expected a kebab-case id, got {metric_id!r}")
    key = f"metrics[{metric_id}]"
    dimension = raw.get("dimension")
    if dimension not in DIMENSIONS:
        _fail(path, f"{key}.dimension", f"expected one of {', '.join(DIMENSIONS)}, got {dimension!r}")
    units = _strings(path, f"{key}.units", raw.get("units"))
    for i, unit in enumerate(units):
        if unit not in GLOSSARY_UNITS:
            _fail(path, f"{key}.units[{i}]", f"unknown unit {unit!r}")
    default_measures = ["growth"] if dimension in ("percent", "points") else MEASURES
    measures = _strings(path, f"{key}.measures", raw.get("measures", default_measures), required=False)
    for i, measure in enumerate(measures):
        if measure not in MEASURES:
            _fail(path, f"{key}.measures[{i}]", f"expected one of {', '.join(MEASURES)}")
    aliases = (
        _strings(path, f"{key}.zh", raw.get("zh"))
        + _strings(path, f"{key}.zh_hant", raw.get("zh_hant"), required=False)
        + _strings(path, f"{key}.en", raw.get("en"))
    )
    name = raw.get("name", metric_id)
    return Metric(metric_id, str(name), dimension, tuple(units), tuple(aliases), measures=tuple(measures))


def read_config(path: Path, what: str, expected: str) -> dict:
    """The mapping a YAML configuration file holds, or a ConfigError saying why there is none."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(path, f"cannot read {what}: {error.strerror}") from error
    except yaml.YAMLError as error:
        raise ConfigError(path, f"not valid YAML: {error}") from error
    if not isinstance(raw, dict):
        raise ConfigError(path, f"expected {expected}")
    return raw


def load_glossary(path: str | Path) -> Glossary:
    """Load and validate the metric glossary (``expectations/metrics.yaml``).

    :param path: the YAML file
    :raises ConfigError: the file is missing or malformed; the error names the key at fault
    """
    path = Path(path)
    raw = read_config(path, "the glossary", "a mapping with 'phrase' and 'metrics'")
    phrase = raw.get("phrase")
    if not isinstance(phrase, dict):
        _fail(path, "phrase", "expected a mapping (ngram, min_score, synonyms, strip, measures)")
    ngram = int(_number(path, "phrase.ngram", phrase.get("ngram"), 1, 5))
    min_score = _number(path, "phrase.min_score", phrase.get("min_score"), 0, 100)
    synonyms = phrase.get("synonyms") or {}
    if not isinstance(synonyms, dict) or not all(isinstance(v, str) for v in synonyms.values()):
        _fail(path, "phrase.synonyms", "expected a mapping of phrase to replacement")
    strip = _strings(path, "phrase.strip", phrase.get("strip"), required=False)
    measure_map = phrase.get("measures")
    if not isinstance(measure_map, dict) or set(measure_map) - set(MEASURES):
        _fail(path, "phrase.measures", f"expected a mapping with keys among {', '.join(MEASURES)}")
    entries = raw.get("metrics")
    if not isinstance(entries, list) or not entries:
        _fail(path, "metrics", "expected a non-empty list of metrics")

    cut = _strings(path, "phrase.cut", phrase.get("cut"), required=False)
    lead = _strings(path, "phrase.lead", phrase.get("lead"), required=False)
    rules = PhraseRules(
        synonyms=[(_simplified(k).lower(), v.lower()) for k, v in synonyms.items()],
        strip=[_simplified(w).lower() for w in strip],
        cut=[_pattern(path, f"phrase.cut[{i}]", text) for i, text in enumerate(cut)],
        lead=[_simplified(w).lower() for w in lead],
    )
    measure_words = [
        (rules.clean(word), measure)
        for measure, words in measure_map.items()
        for word in _strings(path, f"phrase.measures.{measure}", words)
    ]
    rules.measure_words = sorted(measure_words, key=lambda wm: len(wm[0]), reverse=True)
    metrics: dict[str, Metric] = {}
    alias_ids: dict[str, str] = {}
    for i, raw_entry in enumerate(entries):
        entry = _entry(path, f"metrics[{i}]", raw_entry)
        if entry.id in metrics:
            _fail(path, f"metrics[{entry.id}].id", "duplicate id")
        for metric in [entry, *_derived(entry)]:
            metrics[metric.id] = metric
        for alias in entry.aliases:
            cleaned = rules.clean(alias)
            if not cleaned:
                _fail(path, f"metrics[{entry.id}]", f"alias {alias!r} is empty once cleaned")
            other = alias_ids.setdefault(cleaned, entry.id)
            if other != entry.id:
                _fail(path, f"metrics[{entry.id}]", f"alias {alias!r} is also an alias of {other}")
    return Glossary(str(path), metrics, rules, ngram, min_score, alias_ids)


def normalise_claims(claims: pd.DataFrame, glossary: Glossary) -> pd.DataFrame:
    """Return facts (``recon.schemas.Fact``): claims with base units, a dimension and a metric id.

    :param claims: a table valid under ``recon.schemas.Claim``
    :param glossary: from :func:`load_glossary`
    """
    claims = schemas.Claim.validate(claims)
    if claims.empty:
        return schemas.empty(schemas.Fact)
    facts = claims.copy()
    units = facts["unit"].map(base_of_unit)
    facts["base_value"] = facts["value"] * units.str[0]
    facts["base_unit"] = units.str[1]
    facts["dimension"] = units.str[2]
    key = ["metric_text", "type", "dimension"]
    metrics = facts[key].drop_duplicates()
    resolved = [glossary.resolve(*row) for row in metrics.itertuples(index=False, name=None)]
    metrics["metric_id"] = [metric_id for metric_id, _ in resolved]
    metrics["metric_score"] = [float(score) for _, score in resolved]
    facts = facts.merge(metrics, on=key, how="left", validate="many_to_one")
    facts = _geos_from_sentence(_metrics_from_sentence(facts, glossary))
    return schemas.Fact.validate(identify(facts, glossary))


LEVEL_TYPES = ["level", "count", "price"]
SENTENCE = ["doc_id", "line", "quote"]
RATE_MEASURES = ["growth", "cagr"]


def _flagged(flags: pd.Series, flag: str) -> pd.Series:
    return flags.where(flags == "", flags + ";") + flag


def _metrics_from_sentence(facts: pd.DataFrame, glossary: Glossary) -> pd.DataFrame:
    """A figure whose phrase names nothing, or only a measure (年复合增长率), continues its sentence's
    subject (ellipsis): 2022年中国智能算力规模达259.9 EFLOPS，2023年将达到414.1 EFLOPS. It takes the
    glossary metric of the nearest level before it in the sentence (same dimension), or that metric's
    growth or CAGR when it is a rate."""
    measure_only = [UNLISTED + word for word, _ in glossary.rules.measure_words]
    elided = facts["metric_id"].isin([UNLISTED, *measure_only])
    if not elided.any():
        return facts
    order = facts.sort_values(["doc_id", "line", "start"]).index
    table = facts.loc[order]
    level = table["type"].isin(LEVEL_TYPES) & ~table["metric_id"].str.startswith(UNLISTED)
    sentence = [table[column] for column in SENTENCE]
    donor = table["metric_id"].where(level)
    same_dimension = donor.groupby([*sentence, table["dimension"]]).ffill()
    any_level = donor.groupby(sentence).ffill()
    rate = table["type"].isin(RATE_MEASURES) & (table["dimension"] == "percent")
    derived = (any_level + "-" + table["type"]).where(rate)
    derived = derived.where(derived.isin(glossary.metrics.keys()))
    taken = same_dimension.where(~rate, derived).where(elided.loc[order]).dropna()
    if taken.empty:
        return facts
    inherited = facts.index.isin(taken.index)
    return facts.assign(
        metric_id=facts["metric_id"].where(~inherited, taken.reindex(facts.index)),
        flags=facts["flags"].where(~inherited, _flagged(facts["flags"], "metric-from-sentence")),
    )


def _geos_from_sentence(facts: pd.DataFrame) -> pd.DataFrame:
    """A figure with no place takes the place of the figure before it in its sentence: 2022-2027年中国智能
    算力规模年复合增长率达33.9%，同期通用算力规模年复合增长率为16.6% speaks of China twice."""
    unstated = facts["geo"] == ""
    if not unstated.any() or unstated.all():
        return facts
    order = facts.sort_values(["doc_id", "line", "start"]).index
    table = facts.loc[order]
    # 国产GPU出货量增长50%: a place only its own clause names is not passed on
    passed_on = (table["geo"] != "") & ~table["flags"].str.contains("geo-clause-only", regex=False)
    before = table["geo"].where(passed_on).groupby([table[c] for c in SENTENCE]).ffill()
    taken = before.where(unstated.loc[order]).dropna().reindex(facts.index)
    found = taken.notna()
    if not found.any():
        return facts
    return facts.assign(
        geo=facts["geo"].where(~found, taken),
        flags=facts["flags"].where(~found, _flagged(facts["flags"], "geo-from-sentence")),
    )
