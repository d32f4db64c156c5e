"""The language recon reads, as data: numerals, currencies, units, qualifiers, change words, time
words, measure words and places, in simplified Chinese and English (traditional Chinese is read
after conversion to simplified, so its words are listed in simplified script).

Each YAML file in this folder is read and validated once (:func:`lexicon`); a bad entry raises a
:class:`recon.errors.ConfigError` naming the file and the key at fault. The extractor builds its
patterns from these lists, and normalise its unit registry; no stage keeps a word list of its own.

>>> lexicon().multipliers.after_number["亿"]
100000000.0
>>> lexicon().currencies["TWD"].before[0]
'NT$'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from recon.errors import ConfigError

FOLDER = Path(__file__).resolve().parent
QUALIFIERS = ("approx", "lower_bound", "upper_bound")
CLAIM_TYPES = ("level", "growth", "cagr", "share", "rate", "count", "multiple", "price", "other")


@dataclass(frozen=True)
class Multipliers:
    """multipliers.yaml: Chinese digits and place values, and the multiplier words after a number."""

    digits: dict[str, int]
    places: dict[str, float]
    sections: dict[str, float]
    after_number: dict[str, float]
    after_currency_sign: dict[str, float]
    mega_units: tuple[str, ...]
    not_after_jing: tuple[str, ...]
    tenths: str
    not_after_tenths: tuple[str, ...]
    chinese_decimal_points: tuple[str, ...]
    decimal_comma_before: tuple[str, ...]
    english_numbers: dict[str, float]
    english_scales: dict[str, float]
    english_articles: tuple[str, ...]
    english_not_after: tuple[str, ...]


@dataclass(frozen=True)
class Currency:
    """One currency of currencies.yaml: its unit code and how a text writes it."""

    code: str
    after: tuple[str, ...]
    before: tuple[str, ...]
    words: tuple[str, ...]
    #: words that, written anywhere in a document, make its bare 元 this currency (新台币, 兆元 → TWD)
    yuan_signs: tuple[str, ...] = ()
    #: institutions and places of the region that counts in this 元, a weaker sign (经济部, 台北 → TWD)
    yuan_places: tuple[str, ...] = ()


@dataclass(frozen=True)
class Compute:
    """compute.yaml: FLOPS and its glosses, power and the other physical units."""

    si_prefixes: dict[str, float]
    si_prefix_words: dict[str, float]
    bare_flops_prefixes: tuple[str, ...]
    flops: tuple[str, ...]
    operations: str
    per_second: tuple[str, ...]
    floating_point: tuple[str, ...]
    operation_words: tuple[str, ...]
    power: dict[str, float]
    other: dict[str, tuple[str, str]]


@dataclass(frozen=True)
class Qualifiers:
    """qualifiers.yaml: word → qualifier, by where the word stands around the number."""

    before: dict[str, str]
    infix: dict[str, str]
    after: dict[str, str]


@dataclass(frozen=True)
class Changes:
    """changes.yaml: change words by sign, and the words that turn a change into a new level."""

    rise: tuple[str, ...]
    fall: tuple[str, ...]
    neutral: tuple[str, ...]
    rise_before_number: tuple[str, ...]
    not_a_change_before_up: tuple[str, ...]
    fall_before_number: tuple[str, ...]
    growth_after: tuple[str, ...]
    fall_after: tuple[str, ...]
    to_level: tuple[str, ...]
    opens_growth: tuple[str, ...]


@dataclass(frozen=True)
class TimeWords:
    """time.yaml: relative years as offsets from the document's year, the present, targets, bases of
    comparison and words that point back to the year just named."""

    relative_years: dict[str, int]
    present: tuple[str, ...]
    target_before: tuple[str, ...]
    year_before: tuple[str, ...]
    same_time_year_before: tuple[str, ...]
    lost_digit: tuple[str, ...]
    base_before: tuple[str, ...]
    anaphoric: tuple[str, ...]
    one_year_change: tuple[str, ...]
    span_average: tuple[str, ...]
    five_year_plans: dict[str, int]
    following_years: tuple[str, ...]
    coming_years: tuple[str, ...]
    past_years: tuple[str, ...]
    respectively: tuple[str, ...]


@dataclass(frozen=True)
class Kinds:
    """kinds.yaml: the cue words of forecasts and estimates, and the words that say a figure is observed."""

    forecast: tuple[str, ...]
    forecast_verb: str
    forecast_verb_before: tuple[str, ...]
    will: str
    will_verbs: tuple[str, ...]
    estimate: tuple[str, ...]
    observed: tuple[str, ...]
    contrast: tuple[str, ...]
    target_after: tuple[str, ...]
    past: tuple[str, ...]


@dataclass(frozen=True)
class Measures:
    """measures.yaml: measure words of counts and the English number words."""

    chinese: tuple[str, ...]
    enumerating: tuple[str, ...]
    english: tuple[str, ...]
    not_measure: tuple[str, ...]
    not_counted: tuple[str, ...]
    shares_in_words: dict[str, float]
    multiples_in_words: dict[str, float]
    share_numerals: dict[str, float]
    share_connectors: tuple[str, ...]
    counted_nouns: dict[str, str]
    counted_after: tuple[str, ...]
    counted_before: tuple[str, ...]
    counted_labels: tuple[str, ...]
    counted_before_english: tuple[str, ...]
    english_money_nouns: tuple[str, ...]
    money_nouns: tuple[str, ...]
    restating: tuple[str, ...]
    valuation: tuple[str, ...]


@dataclass(frozen=True)
class Places:
    """places.yaml: place word → canonical geography ('' for somewhere recon does not track)."""

    places: dict[str, str]
    clause_only: frozenset[str]
    home: frozenset[str]
    not_before: tuple[str, ...]
    not_before_word: dict[str, tuple[str, ...]]
    in_name_before: tuple[str, ...]
    excluded_after: tuple[str, ...]
    parent: dict[str, str]
    main_share: float
    main_least: int
    own_events: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    """Every word list recon reads, one attribute per file."""

    multipliers: Multipliers
    currencies: dict[str, Currency]
    compute: Compute
    qualifiers: Qualifiers
    changes: Changes
    time: TimeWords
    measures: Measures
    places: Places
    kinds: Kinds


def alternation(words) -> str:
    """A regular expression matching any of ``words``, longest first; an English word must stand
    alone (``up`` does not match inside ``group``).

    The pattern opens with a lookahead on the words' first characters, and tests the word boundary
    after an English word's first letter, not before it: a search then rejects most positions in
    one test instead of trying every word there (issue 10).

    >>> import re; re.findall(alternation(["up", "增长"]), "group up 增长")
    ['up', '增长']
    """
    def one(word: str) -> str:
        if not (word.isascii() and word[:1].isalpha()):
            return re.escape(word)
        return (re.escape(word[0]) + r"(?<![A-Za-z].)" + re.escape(word[1:])
                + (r"(?![A-Za-z])" if word[-1:].isalpha() else ""))

    words = sorted(words, key=len, reverse=True)
    if not words or not all(words):
        return "|".join(one(w) for w in words)
    first = re.escape("".join(sorted({w[0] for w in words})))
    return f"(?=[{first}])(?:" + "|".join(one(w) for w in words) + ")"


@cache
def lexicon() -> Lexicon:
    """The lexicon shipped with recon, read and validated on first use."""
    return load_lexicon(FOLDER)


def load_lexicon(folder: Path) -> Lexicon:
    """Read and validate the lexicon files in ``folder``.

    :raises ConfigError: a file is missing, not YAML, or has a bad entry (the error names the key)
    """
    return Lexicon(
        multipliers=_multipliers(_File(folder, "multipliers.yaml")),
        currencies=_currencies(_File(folder, "currencies.yaml")),
        compute=_compute(_File(folder, "compute.yaml")),
        qualifiers=_qualifiers(_File(folder, "qualifiers.yaml")),
        changes=_changes(_File(folder, "changes.yaml")),
        time=_time(_File(folder, "time.yaml")),
        measures=_measures(_File(folder, "measures.yaml")),
        places=_places(_File(folder, "places.yaml")),
        kinds=_kinds(_File(folder, "kinds.yaml")),
    )


class _File:
    """One lexicon file: its mapping, and typed readers of its keys that fail naming file and key."""

    def __init__(self, folder: Path, name: str):
        self.path = folder / name
        try:
            raw = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        except OSError as error:
            raise ConfigError(self.path, f"cannot read the lexicon file: {error.strerror}") from error
        except yaml.YAMLError as error:
            raise ConfigError(self.path, f"not valid YAML: {error}") from error
        if not isinstance(raw, dict):
            raise ConfigError(self.path, "expected a mapping")
        self.raw = raw

    def fail(self, key: str, reason: str):
        raise ConfigError(self.path, reason, key=key)

    def value(self, key: str, raw=None):
        raw = self.raw if raw is None else raw
        if key.split(".")[-1] not in raw:
            self.fail(key, "missing")
        return raw[key.split(".")[-1]]

    def words(self, key: str, value=None, allow_empty: bool = False) -> tuple[str, ...]:
        """A list of non-empty strings (a word may hold spaces: 'more than')."""
        value = self.value(key) if value is None else value
        if not isinstance(value, list) or (not value and not allow_empty):
            self.fail(key, "expected a list of words")
        for i, word in enumerate(value):
            if not isinstance(word, str) or not word:
                self.fail(f"{key}[{i}]", f"expected a non-empty string, got {word!r}")
        if len(set(value)) != len(value):
            self.fail(key, f"a word is listed twice: {sorted(w for w in value if value.count(w) > 1)[0]!r}")
        return tuple(value)

    def numbers(self, key: str, value=None, low: float = -1e9, high: float = 1e9) -> dict[str, float]:
        """A mapping of word to number within [low, high]."""
        value = self.value(key) if value is None else value
        if not isinstance(value, dict) or not value:
            self.fail(key, "expected a mapping of word to number")
        for word, number in value.items():
            if not isinstance(word, str):
                self.fail(f"{key}.{word}", "expected a word")
            if isinstance(number, bool) or not isinstance(number, (int, float)) or not low <= number <= high:
                self.fail(f"{key}.{word}", f"expected a number from {low:g} to {high:g}, got {number!r}")
        return value

    def powers(self, key: str, value=None) -> dict[str, float]:
        """A mapping of word to a power of ten, returned as the factor (亿: 8 → 1e8)."""
        return {w: 10.0 ** p for w, p in self.numbers(key, value, 0, 30).items()}

    def grouped(self, key: str, groups: tuple[str, ...]) -> dict[str, str]:
        """``{group: [word, …]}`` turned into word → group; a word in two groups is an error."""
        value = self.value(key)
        if not isinstance(value, dict):
            self.fail(key, f"expected a mapping with keys among {', '.join(groups)}")
        found: dict[str, str] = {}
        for group, words in value.items():
            if group not in groups:
                self.fail(f"{key}.{group}", f"unknown group, expected one of {', '.join(groups)}")
            for word in self.words(f"{key}.{group}", words):
                if word in found:
                    self.fail(f"{key}.{group}", f"{word!r} is also under {found[word]}")
                found[word] = group
        return found


def _multipliers(f: _File) -> Multipliers:
    digits = f.numbers("digits", low=0, high=9)
    return Multipliers(
        digits={w: int(d) for w, d in digits.items()},
        places={**f.powers("places"), **f.numbers("contracted_tens", low=20, high=90)},
        sections=f.powers("sections"),
        after_number=f.powers("after_number"),
        after_currency_sign=f.powers("after_currency_sign"),
        mega_units=f.words("mega_units"),
        not_after_jing=f.words("not_after_jing"),
        tenths=_one_word(f, "tenths"),
        not_after_tenths=f.words("not_after_tenths"),
        chinese_decimal_points=f.words("chinese_decimal_points"),
        decimal_comma_before=f.words("decimal_comma_before"),
        english_numbers=f.numbers("english_numbers", low=0, high=100),
        english_scales=f.numbers("english_scales", low=1, high=1e15),
        english_articles=_articles(f),
        english_not_after=f.words("english_not_after"),
    )


def _articles(f: _File) -> tuple[str, ...]:
    articles = f.words("english_articles")
    for word in articles:
        if word not in f.value("english_numbers"):
            f.fail("english_articles", f"{word!r} is not under english_numbers")
    return articles


def _one_word(f: _File, key: str) -> str:
    word = f.value(key)
    if not isinstance(word, str) or not word:
        f.fail(key, "expected one word")
    return word


def _currencies(f: _File) -> dict[str, Currency]:
    currencies = {}
    seen: dict[tuple[str, str], str] = {}
    for code, entry in f.raw.items():
        if not isinstance(code, str) or not (code.isupper() and code.isalpha() or code.startswith("other:")):
            f.fail(str(code), "expected a currency code (CNY, USD, other:GBP)")
        if not isinstance(entry, dict) or not {"after", "before", "words"} <= set(entry) <= {
                "after", "before", "words", "yuan_signs", "yuan_places"}:
            f.fail(code, "expected the keys after, before and words; optionally yuan_signs, yuan_places")
        lists = {where: f.words(f"{code}.{where}", entry[where], allow_empty=True) for where in entry}
        for where, words in lists.items():
            for word in words:
                other = seen.setdefault((where, word), code)
                if other != code:
                    f.fail(f"{code}.{where}", f"{word!r} is also written for {other}")
        currencies[code] = Currency(code, lists["after"], lists["before"], lists["words"],
                                    lists.get("yuan_signs", ()), lists.get("yuan_places", ()))
    return currencies


def _compute(f: _File) -> Compute:
    other = f.value("other")
    if not isinstance(other, dict) or not other:
        f.fail("other", "expected a mapping of unit word to [claim unit, claim type]")
    for word, entry in other.items():
        if not (isinstance(entry, list) and len(entry) == 2 and str(entry[0]).startswith("other:")
                and entry[1] in CLAIM_TYPES):
            f.fail(f"other.{word}", "expected [other:<unit>, <claim type>]")
    operations = f.value("operations")
    if not isinstance(operations, str) or not operations:
        f.fail("operations", "expected the word for an operation (次)")
    return Compute(
        si_prefixes=f.powers("si_prefixes"),
        si_prefix_words=f.powers("si_prefix_words"),
        bare_flops_prefixes=f.words("bare_flops_prefixes"),
        flops=f.words("flops"),
        operations=operations,
        per_second=f.words("per_second"),
        floating_point=f.words("floating_point"),
        operation_words=f.words("operation_words"),
        power=f.powers("power"),
        other={w: (e[0], e[1]) for w, e in other.items()},
    )


def _qualifiers(f: _File) -> Qualifiers:
    return Qualifiers(before=f.grouped("before", QUALIFIERS), infix=f.grouped("infix", QUALIFIERS),
                      after=f.grouped("after", QUALIFIERS))


def _changes(f: _File) -> Changes:
    rise, fall, neutral = f.words("rise"), f.words("fall"), f.words("neutral")
    for word in fall:
        if word in rise or word in neutral:
            f.fail("fall", f"{word!r} is also a rise or neutral word")
    for word in rise:
        if word in neutral:
            f.fail("rise", f"{word!r} is also a neutral word")
    return Changes(rise=rise, fall=fall, neutral=neutral, rise_before_number=f.words("rise_before_number"),
                   not_a_change_before_up=f.words("not_a_change_before_up"),
                   fall_before_number=f.words("fall_before_number"),
                   growth_after=f.words("growth_after"), fall_after=f.words("fall_after"),
                   to_level=f.words("to_level"), opens_growth=f.words("opens_growth"))


def _time(f: _File) -> TimeWords:
    offsets = f.numbers("relative_years", low=-10, high=10)
    for word, offset in offsets.items():
        if offset != int(offset):
            f.fail(f"relative_years.{word}", "expected a whole number of years")
    return TimeWords(relative_years={w: int(o) for w, o in offsets.items()}, present=f.words("present"),
                     target_before=f.words("target_before"), year_before=f.words("year_before"),
                     same_time_year_before=f.words("same_time_year_before"),
                     lost_digit=f.words("lost_digit"),
                     base_before=f.words("base_before"), anaphoric=f.words("anaphoric"),
                     one_year_change=f.words("one_year_change"),
                     span_average=f.words("span_average"),
                     five_year_plans={w: int(y) for w, y in
                                      f.numbers("five_year_plans", low=1950, high=2100).items()},
                     following_years=f.words("following_years"),
                     coming_years=f.words("coming_years"), past_years=f.words("past_years"),
                     respectively=f.words("respectively"))


def _kinds(f: _File) -> Kinds:
    single = {}
    for key in ("forecast_verb", "will"):
        word = f.value(key)
        if not isinstance(word, str) or not word:
            f.fail(key, "expected one word")
        single[key] = word
    return Kinds(forecast=f.words("forecast"), forecast_verb_before=f.words("forecast_verb_before"),
                 will_verbs=f.words("will_verbs"), estimate=f.words("estimate"), observed=f.words("observed"),
                 contrast=f.words("contrast"), target_after=f.words("target_after"), past=f.words("past"),
                 **single)


def _measures(f: _File) -> Measures:
    nouns = f.value("counted_nouns")
    if not isinstance(nouns, dict) or not all(isinstance(v, str) and v for v in nouns.values()):
        f.fail("counted_nouns", "expected a mapping of noun to the English count unit")
    for key in ("counted_after", "counted_before", "counted_labels"):
        for word in f.words(key):
            if word not in nouns:
                f.fail(key, f"{word!r} is not under counted_nouns")
    return Measures(
        chinese=f.words("chinese"),
        enumerating=f.words("enumerating"),
        english=f.words("english"),
        not_measure=f.words("not_measure"),
        not_counted=f.words("not_counted"),
        shares_in_words=f.numbers("shares_in_words", low=0, high=100),
        multiples_in_words=f.numbers("multiples_in_words", low=0, high=1000),
        share_numerals=f.numbers("share_numerals", low=1, high=100),
        share_connectors=f.words("share_connectors"),
        counted_nouns=nouns,
        counted_after=f.words("counted_after"),
        counted_before=f.words("counted_before"),
        counted_labels=f.words("counted_labels"),
        counted_before_english=f.words("counted_before_english"),
        english_money_nouns=f.words("english_money_nouns"),
        money_nouns=f.words("money_nouns"),
        restating=f.words("restating"),
        valuation=f.words("valuation"),
    )


def _places(f: _File) -> Places:
    raw = f.value("places")
    if not isinstance(raw, dict) or not raw:
        f.fail("places", "expected a mapping of geography to its words")
    places: dict[str, str] = {}
    for geo, words in raw.items():
        if not isinstance(geo, str):
            f.fail(f"places.{geo}", "expected a geography name")
        for word in f.words(f"places.{geo}", words):
            if word in places:
                f.fail(f"places.{geo}", f"{word!r} is also a word of {places[word] or 'no place'}")
            places[word] = geo
    clause_only = f.words("clause_only")
    for word in clause_only:
        if word not in places:
            f.fail("clause_only", f"{word!r} is not a word under places")
    home = f.words("home")
    for word in home:
        if word not in places:
            f.fail("home", f"{word!r} is not a word under places")
    not_before_word = f.value("not_before_word")
    if not isinstance(not_before_word, dict):
        f.fail("not_before_word", "expected a mapping of place word to the characters it never stands before")
    for word, after in not_before_word.items():
        if word not in places:
            f.fail(f"not_before_word.{word}", f"{word!r} is not a word under places")
        f.words(f"not_before_word.{word}", after)
    parent: dict[str, str] = {}
    within = f.value("within")
    if not isinstance(within, dict):
        f.fail("within", "expected a mapping of geography to the geographies it holds")
    geos = set(places.values())
    for outer, inner in within.items():
        for geo in (outer, *f.words(f"within.{outer}", inner)):
            if geo not in geos:
                f.fail(f"within.{outer}", f"{geo!r} is not a geography under places")
        for geo in inner:
            if geo in parent:
                f.fail(f"within.{outer}", f"{geo!r} is also within {parent[geo]}")
            parent[geo] = outer
    share, least = f.value("main_share"), f.value("main_least")
    if not isinstance(share, float) or not 0.5 <= share <= 1:
        f.fail("main_share", "expected a share from 0.5 to 1.0")
    if not isinstance(least, int) or least < 1:
        f.fail("main_least", "expected a whole number of place words, at least 1")
    return Places(places=places, clause_only=frozenset(clause_only), home=frozenset(home),
                  not_before=f.words("not_before"),
                  not_before_word={w: tuple(a) for w, a in not_before_word.items()}, parent=parent,
                  in_name_before=f.words("in_name_before"), excluded_after=f.words("excluded_after"),
                  main_share=share, main_least=least, own_events=f.words("own_events"))
