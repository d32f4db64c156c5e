"""Match: facts → groups of facts about the same metric, geography and period.

Facts are blocked on (dimension, period, geo, measure, scope) first, so the cost grows with the corpus
rather than its square and figures of different definitions (智能 and 通用 compute) never meet.
Inside a block, facts with the same metric id join at once; a subject outside the glossary is then
scored against the other subjects of its block only (rapidfuzz ``cdist`` over character n-grams) and
joined, best pair first, by union-find that never lets two glossary metrics into one group.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from recon import schemas
from recon.errors import ConfigError
from recon.extract.context import place_of
from recon.identity import concepts_beside
from recon.normalise import Glossary, load_glossary, ngrams, qualifies, read_config

UNSTATED_GEO = ["document", "keep"]
UNSTATED_PERIOD = ["alone", "match", "document"]
INFERRED = "period-inferred"
"""The flag of a figure whose year is its document's present, not a year its text names."""
TIMELESS_MEASURES = ["cagr"]
"""A CAGR is over a span: without one stated, no single year stands for it."""
MIN_CORE_WEIGHT = 2
"""A paraphrase's shared words must say which thing is measured: one specific concept (存力) or two
other characters, not a generic concept alone (市场: whose market?)."""
BLOCK = ["dimension", "period", "block_geo", "measure", "scope"]
"""Facts are compared only inside one block: same dimension, period, (read) geography, measure and
definition words."""
FAMILY = [column for column in BLOCK if column != "period"]
"""What the figures of one family share: a block's keys but the period. One report dates a figure
2025Q3, another 2025, a third gives no year: a family holds all three, so that they may corroborate."""


@dataclass(frozen=True)
class MatchSettings:
    """What ``expectations/matching.yaml`` says about grouping facts (the file holds every value)."""

    glossary: Glossary
    ngram: int
    min_score: float
    unstated_geo: str
    unstated_period: str
    mix_kinds: bool
    document_geo_share: float
    unlisted_across_documents: bool
    min_specific_chars: int
    min_phrase_chars: int
    max_phrase_digits: float


def load_settings(path: str | Path) -> MatchSettings:
    """Load and validate the match settings (``expectations/matching.yaml``).

    :param path: the YAML file; its ``glossary`` key names the glossary file beside it
    :raises ConfigError: the file is missing or malformed; the error names the key at fault
    """
    path = Path(path)
    raw = read_config(path, "the match settings", "a mapping of settings")
    unknown = set(raw) - {field.name for field in fields(MatchSettings)}
    if unknown:
        raise ConfigError(path, "unknown setting", key=sorted(unknown)[0])

    def setting(key: str, valid, expected: str):
        value = raw.get(key)
        if not valid(value):
            raise ConfigError(path, f"expected {expected}, got {value!r}", key=key)
        return value

    glossary = setting("glossary", lambda v: isinstance(v, str) and v, "the glossary's file name")
    return MatchSettings(
        glossary=load_glossary(path.parent / glossary),
        ngram=setting("ngram", lambda v: isinstance(v, int) and 1 <= v <= 5, "an integer from 1 to 5"),
        min_score=float(setting("min_score", _is_score, "a number from 0 to 100")),
        unstated_geo=setting("unstated_geo", lambda v: v in UNSTATED_GEO, " or ".join(UNSTATED_GEO)),
        unstated_period=setting(
            "unstated_period", lambda v: v in UNSTATED_PERIOD, " or ".join(UNSTATED_PERIOD)
        ),
        mix_kinds=setting("mix_kinds", _is_flag, "true or false"),
        document_geo_share=setting("document_geo_share", _is_share, "a share from 0 to 1"),
        unlisted_across_documents=setting("unlisted_across_documents", _is_flag, "true or false"),
        min_specific_chars=setting("min_specific_chars", _is_count, "a whole number of characters"),
        min_phrase_chars=setting("min_phrase_chars", _is_count, "a whole number of characters"),
        max_phrase_digits=setting("max_phrase_digits", _is_share, "a share from 0 to 1"),
    )


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_flag(value) -> bool:
    return isinstance(value, bool)


def _is_share(value) -> bool:
    return _is_score(value) and value <= 1


def _is_score(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 100


def match_facts(facts: pd.DataFrame, settings: MatchSettings,
                documents: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Group facts that speak of the same metric, geography and period.

    :param facts: a table valid under ``recon.schemas.Fact``
    :param settings: from :func:`load_settings`
    :param documents: a table valid under ``recon.schemas.Document``; its titles name the place a
        document is about when its figures alone do not make one main geo
    :returns: (matched facts, ``schemas.MatchedFact``: the facts with their ``group_id``, '' when
        alone, and ``family_id``, :func:`_families`; groups, ``schemas.Group``: one row per group of two
        or more facts)
    """
    facts = schemas.Fact.validate(facts).reset_index(drop=True)
    titles = dict(zip(documents["doc_id"], documents["title"], strict=True)) if documents is not None else {}
    if settings.unstated_period == "document":
        facts = infer_periods(facts, documents)
    table = _blocked(facts, settings, titles)
    nodes = table.groupby(["block", "metric_id", "own_subject", "node_scope"], sort=True).ngroup().to_numpy()
    parent, join_scores, joined = _join_phrases(table, nodes, settings, titles)
    table["component"] = _roots(parent)[nodes]
    table["join_score"] = join_scores[table["component"].to_numpy()]
    sizes = table.groupby("component")["claim_id"].transform("size")
    members = table[sizes > 1]
    groups = _groups(members, joined)
    group_of = pd.Series(groups["group_id"].to_numpy(), index=groups.index.to_numpy())
    matched = facts.assign(group_id="", family_id="")
    matched.loc[members.index, "group_id"] = members["component"].map(group_of).to_numpy()
    family = _families(table, settings)
    matched.loc[family.index, "family_id"] = family.to_numpy()
    groups = groups.reset_index(drop=True) if len(groups) else schemas.empty(schemas.Group)
    return schemas.MatchedFact.validate(matched), schemas.Group.validate(groups)


def _blocked(facts: pd.DataFrame, settings: MatchSettings, titles: dict[str, str]) -> pd.DataFrame:
    """The facts that can match, with their block number and the geo they are blocked under."""
    table = facts.loc[
        :,
        ["claim_id", "doc_id", "dimension", "period", "geo", "kind", "metric_id", "metric_text",
         "metric_score", "base_unit", "subject", "measure", "scope", "flags"],
    ]
    unlisted = table["metric_id"] == ""
    too_vague = [s for s in table.loc[unlisted, "subject"].unique() if vague(s, settings)]
    table = table[~(unlisted & table["subject"].isin(too_vague))]
    concepts = concepts_beside(settings.glossary)
    subjects = table["subject"].unique()
    phrases = dict(zip(subjects, map(concepts.canonical, subjects), strict=True))
    specific = {s: concepts.specific_chars(s) >= settings.min_specific_chars for s in subjects}
    table = table.assign(phrase=table["subject"].map(phrases))
    table = table.assign(own_subject=table["phrase"].where(table["metric_id"] == "", ""))
    if settings.unstated_period == "alone":
        table = table[table["period"] != ""]
    table = table.assign(block_geo=table["geo"])
    unstated = table["geo"] == ""
    dated = ~table.pop("flags").str.contains(INFERRED, regex=False)
    if settings.unstated_geo == "document" and unstated.any():
        main = _main_geo(table[dated], settings, titles).reindex(table.loc[unstated, "doc_id"]).fillna("")
        table.loc[unstated, "block_geo"] = main.to_numpy()
    # An unstated geo that no main geo fills is compared within its document only.
    unfilled = table["block_geo"] == ""
    table["block_scope"] = table["doc_id"].where(unfilled, "")
    # a subject outside the glossary meets other documents only when it says which thing it measures
    across = table["subject"].map(specific).astype(bool) & settings.unlisted_across_documents
    local = (table["metric_id"] == "") & ~across
    table["node_scope"] = table["doc_id"].where(local, "")
    keys = [*BLOCK, "block_scope"] if settings.mix_kinds else [*BLOCK, "block_scope", "kind"]
    table["block"] = table.groupby(keys, sort=True).ngroup()
    return table


def _families(table: pd.DataFrame, settings: MatchSettings) -> pd.Series:
    """Each blocked fact's family ('f' and a number), for those whose family holds two or more:
    facts of one identity (glossary metric, or the words of a phrase outside it, fillers aside and in
    any order, with the block's keys) whatever their period, and the periods of the groups they are
    in. Checks compare the members of two groups of one family only to corroborate: a period stated
    with another grain, or not at all, is no evidence against a figure.

    Families are the connected parts of the graph between identities and groups, found by pointer
    jumping over integer labels (cost linear in the facts).
    """
    concepts = concepts_beside(settings.glossary)
    unlisted = table.loc[table["metric_id"] == "", "subject"].unique()
    bags = {subject: concepts.core_bag(subject) for subject in unlisted}
    bags = {subject: bag if concepts.core_weight(bag) >= MIN_CORE_WEIGHT else "=" + subject
            for subject, bag in bags.items()}
    words = table["subject"].map(bags).where(table["metric_id"] == "", "")
    keys = [*FAMILY, "block_scope"] + ([] if settings.mix_kinds else ["kind"])
    identity = table.assign(words=words).groupby([*keys, "metric_id", "words", "node_scope"],
                                                 sort=False).ngroup().to_numpy()
    component = table["component"].to_numpy()
    label = np.arange(int(identity.max()) + 1 if len(identity) else 0)
    while True:
        lowest = pd.Series(label[identity]).groupby(component).transform("min").to_numpy()
        joined = label.copy()
        np.minimum.at(joined, identity, lowest)
        joined = joined[joined]
        if np.array_equal(joined, label):
            break
        label = joined
    family = pd.Series(label[identity], index=table.index)
    shared = family.groupby(family).transform("size") > 1
    return "f" + family[shared].astype(str)


def infer_periods(facts: pd.DataFrame, documents: pd.DataFrame | None) -> pd.DataFrame:
    """Give a figure that states no period its document's present, flagged ``period-inferred``: the
    year of the document's date, else the year its figures of one year name most often (当前…达1278亿元
    in a report whose figures are mostly about 2024). A CAGR keeps no period: it needs a span; nor
    does a forecast: one without a year is about some later time, not the present."""
    unstated = (facts["period"] == "") & (facts["period_grain"] == "")
    unstated &= ~facts["measure"].isin(TIMELESS_MEASURES) & (facts["kind"] != "forecast")
    if not unstated.any():
        return facts
    one_year = (facts["period_grain"] == "year") & (facts["period_start"] == facts["period_end"])
    one_year = facts[one_year & (facts["kind"] == "actual")]
    stated = one_year.groupby("doc_id")["period_start"].agg(lambda years: years.mode().max())
    present = stated.astype("Int64")
    if documents is not None and len(documents):
        dated = pd.to_numeric(documents.set_index("doc_id")["date"].str[:4], errors="coerce").dropna()
        present = dated.astype("Int64").combine_first(present)
    year = facts["doc_id"].map(present).where(unstated).astype("Int64")
    found = year.notna()
    if not found.any():
        return facts
    flags = facts["flags"].where(facts["flags"] == "", facts["flags"] + ";") + INFERRED
    return facts.assign(
        period_start=facts["period_start"].where(~found, year),
        period_end=facts["period_end"].where(~found, year),
        period_grain=facts["period_grain"].where(~found, "year"),
        period=facts["period"].where(~found, year.astype(str)),
        flags=facts["flags"].where(~found, flags),
    )


_LOOSE_DIGITS = re.compile(r"(?<![a-z\d])\d+(?![a-z\d])")
"""Digits standing alone: those of a model name (x86, H100, 910B) name a thing and are words."""


def vague(phrase: str, settings: MatchSettings) -> bool:
    """Whether a subject outside the glossary is too vague to say two figures measure one thing: a
    word or two (规模, 项目), none, or mostly digits (a flattened table row read as a phrase).

    >>> settings = load_settings(Path(__file__).resolve().parents[1] / "expectations" / "matching.yaml")
    >>> vague("项目", settings), vague("14131零售电商95837240", settings), vague("", settings)
    (True, True, True)
    >>> vague("市场规模", settings), vague("x86服务器收入", settings), vague("h100等效算力", settings)
    (False, False, False)
    """
    digits = sum(len(run) for run in _LOOSE_DIGITS.findall(phrase))
    too_short = len(phrase) - digits < settings.min_phrase_chars
    return too_short or digits > settings.max_phrase_digits * len(phrase)


def siblings(phrase: str, other: str) -> bool:
    """Whether two phrases put different words in the same slot of one frame: 头部企业市场份额 and
    外资企业市场份额 are columns of one table, not one metric, however many characters they share.

    >>> siblings("份额预估头部企业市场份额", "份额预估外资企业市场份额")
    True
    >>> siblings("深度学习市场规模", "深度学习行业市场规模")
    False
    """
    prefix = len(os.path.commonprefix([phrase, other]))
    suffix = len(os.path.commonprefix([phrase[prefix:][::-1], other[prefix:][::-1]]))
    framed = prefix > 0 and suffix > 0
    return framed and len(phrase) - prefix - suffix > 0 and len(other) - prefix - suffix > 0


def _main_geo(table: pd.DataFrame, settings: MatchSettings, titles: dict[str, str]) -> pd.Series:
    """Each document's main geo: the one named by at least ``document_geo_share`` of its stated geos,
    else the place its title names when its figures name that place most often (2023年中国人工智能产业
    简报 compares China with the US, India and the UK in one sentence, and is still about China)."""
    stated = table.loc[table["geo"] != "", ["doc_id", "geo"]]
    shares = stated.groupby("doc_id")["geo"].value_counts(normalize=True).rename("share").reset_index()
    top = shares.sort_values("share", ascending=False, kind="stable").drop_duplicates("doc_id")
    titled = top["geo"] == top["doc_id"].map(lambda doc: place_of(titles.get(doc, "")))
    main = top[(top["share"] >= settings.document_geo_share) | titled]
    return main.set_index("doc_id")["geo"]


def _join_phrases(table: pd.DataFrame, nodes: np.ndarray, settings: MatchSettings, titles: dict[str, str]):
    """Union-find over (block, metric id) nodes: join unlisted phrases to their nearest in-block phrase,
    and to the phrases that say the same words apart from fillers and their document's topic.

    Returns the parent array, the lowest join score per root, and the phrase pairs joined per root.
    """
    count = int(nodes.max()) + 1 if len(nodes) else 0
    parent = np.arange(count)
    listed = np.zeros(count, dtype=object)
    scores = np.full(count, 100.0)
    joined: dict[int, list[str]] = {}
    candidates = _candidates(table.assign(node=nodes), settings)
    listed_nodes = candidates[~candidates["unlisted"]]
    listed[listed_nodes["node"].to_numpy()] = listed_nodes["metric_id"].to_numpy()
    grams = {p: ngrams(p, settings.ngram) for p in candidates["phrase"].unique()}
    block = candidates["block"].to_numpy()
    columns = [candidates[c].tolist() for c in ("phrase", "node", "node_scope", "unlisted", "metric_text")]
    bounds = [0, *(np.flatnonzero(np.diff(block)) + 1).tolist(), len(block)]

    def join(a: int, b: int, score: float, why: str) -> None:
        root_a, root_b = _find(parent, a), _find(parent, b)
        if root_a == root_b or (listed[root_a] and listed[root_b]):
            return
        parent[root_b] = root_a
        listed[root_a] = listed[root_a] or listed[root_b]
        scores[root_a] = min(scores[root_a], scores[root_b], score)
        joined.setdefault(root_a, []).extend(joined.pop(root_b, []))
        joined[root_a].append(why)

    for start, end in zip(bounds, bounds[1:], strict=False):
        phrases, node, scope, unlisted, texts = (column[start:end] for column in columns)
        for score, i, j in _similar_pairs(phrases, node, scope, unlisted, grams, settings.min_score):
            join(node[i], node[j], score, f"{texts[i]} ~ {texts[j]} {score:.0f}/100")
    for a, b, text_a, text_b, apart in _paraphrases(table.assign(node=nodes), settings, titles):
        score = fuzz.ratio(ngrams(text_a, settings.ngram), ngrams(text_b, settings.ngram))
        join(a, b, score, f"{text_a} ~ {text_b} {score:.0f}/100, the same words apart from {apart}")
    return parent, scores, {int(r): joined[r] for r in joined}


def _paraphrases(table: pd.DataFrame, settings: MatchSettings, titles: dict[str, str]) -> list[tuple]:
    """Pairs of nodes of one block whose subjects say the same words once fillers (岗位, 的) and the
    examples of a list (百度飞桨等) are set aside, and, within one document, the words of its title
    that its phrases may leave out (国产框架 in a report on deep learning is 国产深度学习框架). Equal
    word lists are found by hashing, so the cost grows with the facts, not with their pairs.

    :returns: (node, node, its phrase, the other's, the words that differ)
    """
    concepts = concepts_beside(settings.glossary)
    columns = ["block", "node", "doc_id", "node_scope", "subject", "metric_id"]
    rows = table.loc[table["subject"] != "", columns]
    rows = rows.drop_duplicates(["node", "doc_id", "subject"])
    rows = rows[_busy(rows)]
    if rows.empty:
        return []
    topics = {doc: concepts.topic_words(titles.get(doc, "")) for doc in rows["doc_id"].unique()}
    subjects = rows["subject"].unique()
    cores = {s: concepts.core(s) for s in subjects}
    bags = {s: concepts.core_bag(s) for s in subjects}
    across = rows["subject"].map(cores)
    topical = rows["doc_id"].map({doc: bool(words) for doc, words in topics.items()})
    within = across.copy()
    titled = rows[topical]
    within[topical] = [concepts.core(subject, topics[doc])
                       for subject, doc in zip(titled["subject"], titled["doc_id"], strict=True)]
    keyed = rows.assign(across=across, bag=rows["subject"].map(bags), within=within)
    pairs = []
    # a subject confined to its document (node_scope) meets the same words in that document only
    for side, key in (("across", "node_scope"), ("bag", "node_scope"), ("within", "doc_id")):
        weights = {core: concepts.core_weight(core) for core in keyed[side].unique()}
        usable = keyed[keyed[side].map(weights) >= MIN_CORE_WEIGHT]
        by = usable.groupby(["block", key, side], sort=False)
        usable = usable.assign(first_node=by["node"].transform("first"),
                               first_subject=by["subject"].transform("first"))
        others = usable[usable["node"] != usable["first_node"]].drop_duplicates(["first_node", "node"])
        pairs += [
            (int(a), int(b), first, subject, concepts.words_apart(first, subject) or "their spelling")
            for a, b, first, subject in zip(others["first_node"], others["node"], others["first_subject"],
                                            others["subject"], strict=True)
        ]
    return pairs


def _busy(rows: pd.DataFrame) -> pd.Series:
    """Rows of the blocks where a phrase outside the glossary meets another node: only there can
    phrases join."""
    by = rows.groupby("block")
    return by["node"].transform("nunique").gt(1) & by["metric_id"].transform("min").eq("")


def _candidates(table: pd.DataFrame, settings: MatchSettings) -> pd.DataFrame:
    """One row per distinct (node, cleaned phrase) of the blocks where an unlisted phrase meets another
    node, sorted by block: the only places phrase similarity is scored."""
    rows = table[["block", "node", "node_scope", "metric_id", "metric_text", "phrase"]]
    rows = rows.drop_duplicates(["node", "metric_text"])
    rows = rows.assign(unlisted=(rows["metric_id"] == "").to_numpy())
    rows = rows[_busy(rows)]
    rows = rows.drop_duplicates(["node", "phrase"])
    rows = rows[rows["phrase"] != ""]
    return rows.sort_values(["block", "node", "phrase"])


def _similar_pairs(phrases, node, scope, unlisted, grams: dict, min_score: float) -> list[tuple]:
    """Pairs of phrases (by position) of one block that reach ``min_score``, an unlisted one on one side,
    best first; an unlisted phrase scoped to its document meets another only in that document."""
    rows = [i for i, u in enumerate(unlisted) if u]
    matrix = process.cdist(
        [grams[phrases[i]] for i in rows], [grams[p] for p in phrases],
        scorer=fuzz.ratio, score_cutoff=min_score, dtype=np.uint8,
    )
    pairs = []
    for r, c in zip(*np.nonzero(matrix), strict=True):
        i = rows[r]
        apart = scope[c] and scope[c] != scope[i]
        if node[i] != node[c] and not apart and _related(phrases[i], phrases[c]):
            pairs.append((float(matrix[r, c]), i, int(c)))
    return sorted(pairs, key=lambda pair: (-pair[0], node[pair[1]], node[pair[2]], pair[1], pair[2]))


_DIGITS = re.compile(r"\d+")


@cache
def _related(phrase: str, other: str) -> bool:
    """Whether phrase similarity may join two phrases (cached: a block's phrases recur in many blocks).
    Phrases naming different numbers name different things (PaLM and PaLM-2, 5G and 4G base stations).

    >>> _related("算力当量palm", "算力当量palm2"), _related("深度学习市场规模", "深度学习行业市场规模")
    (False, True)
    """
    if _DIGITS.findall(phrase) != _DIGITS.findall(other):
        return False
    return not qualifies(phrase, other) and not siblings(phrase, other)


def _find(parent: np.ndarray, node: int) -> int:
    while parent[node] != node:
        parent[node] = parent[parent[node]]
        node = parent[node]
    return node


def _roots(parent: np.ndarray) -> np.ndarray:
    """The root of every node, with paths compressed (vectorised pointer jumping)."""
    roots = parent.copy()
    while True:
        hop = roots[roots]
        if np.array_equal(hop, roots):
            return roots
        roots = hop


def _groups(members: pd.DataFrame, joined: dict[int, list[str]]) -> pd.DataFrame:
    """One Group row per component, indexed by component, with its id, score and reason."""
    if members.empty:
        return schemas.empty(schemas.Group)
    listed = members["metric_id"] != ""
    by = members.assign(
        listed_id=members["metric_id"].where(listed, ""),
        listed_score=members["metric_score"].where(listed, 100.0),
        unstated=members["geo"] == "",
    ).sort_values(["component", "claim_id"])
    groups = by.groupby("component", sort=True).agg(
        listed_id=("listed_id", "max"),
        dimension=("dimension", "first"),
        geo=("block_geo", "first"),
        period=("period", "first"),
        measure=("measure", "first"),
        scope=("scope", "first"),
        listed_score=("listed_score", "min"),
        join_score=("join_score", "first"),
        unstated=("unstated", "any"),
    )
    groups["claim_ids"] = _lists(by, "claim_id")
    groups["doc_ids"] = _lists(by, "doc_id")
    groups["units"] = ["/".join(units) for units in _lists(by, "base_unit")]
    groups["kinds"] = ["+".join(kinds) for kinds in _lists(by, "kind")]
    counts = by.groupby(["component", "subject"]).size().sort_values(ascending=False, kind="stable")
    groups["subject"] = counts.reset_index().drop_duplicates("component").set_index("component")["subject"]
    groups["metric_id"] = groups["listed_id"]
    groups["score"] = np.minimum(groups["listed_score"], groups["join_score"])
    groups["group_id"] = groups["claim_ids"].map(group_id)
    groups["reason"] = [
        _reason(row, joined.get(int(component), []))
        for component, row in zip(groups.index, groups.itertuples(index=False), strict=True)
    ]
    return groups[list(schemas.Group.to_schema().columns)]


def group_id(claim_ids: list[str]) -> str:
    """A group's id: stable across runs while its members stay the same."""
    return "g" + hashlib.sha1("|".join(sorted(claim_ids)).encode()).hexdigest()[:11]


def _lists(by: pd.DataFrame, column: str) -> list[list[str]]:
    """Each component's distinct values of ``column``, sorted, in component order (split, not a
    per-group Python aggregation: there are as many groups as a tenth of the facts)."""
    values = by[["component", column]].drop_duplicates().sort_values(["component", column])
    component = values["component"].to_numpy()
    cuts = np.flatnonzero(component[1:] != component[:-1]) + 1
    return [part.tolist() for part in np.split(values[column].to_numpy(dtype=object), cuts)]


def _reason(group, joins: list[str]) -> str:
    """Why the members were joined, in words an editor can check against the quotes."""
    if joins:
        parts = ["metric phrases " + ", ".join(joins)]
        if group.listed_id:
            parts[0] += f" (glossary metric {group.listed_id})"
    elif group.listed_id:
        parts = [f"same glossary metric {group.listed_id}"]
    else:
        parts = [f"same metric phrase {group.subject}"]
    parts += [f"measure {group.measure}"] + ([f"scope {group.scope}"] if group.scope else [])
    parts += [group.geo or "geo unstated", group.period or "period unstated", group.units]
    if group.unstated and group.geo:
        parts.append(f"unstated geo read as {group.geo} (document's main geo)")
    if "+" in group.kinds:
        parts.append(f"kinds {group.kinds}")
    return "; ".join(parts)
