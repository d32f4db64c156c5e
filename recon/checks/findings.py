"""Turn the rows of a checked comparison table into Finding rows with stable ids."""

from __future__ import annotations

import hashlib
import re
import string
import sys

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from recon.errors import ConfigError
from recon.normalise import UNLISTED
from recon.schemas import Finding, empty

from .engine import failing_rows
from .suite import CheckSpec

FINDING_COLUMNS = list(Finding.to_schema().columns)


def finding_id(check: str, claim_key: str) -> str:
    """Stable id of a finding: a hash of the check and its sorted claim ids.

    >>> finding_id("share-sum", "a|b") == finding_id("share-sum", "a|b")
    True
    """
    return hashlib.sha1(f"{check}\n{claim_key}".encode()).hexdigest()[:16]


def claim_key(*claim_ids: pd.Series) -> pd.Series:
    """Sorted, '|'-joined claim ids of each row, from two or more columns of ids (vectorised)."""
    ids = np.sort(np.column_stack([c.to_numpy(dtype=str) for c in claim_ids]), axis=1)
    joined = pd.Series(ids[:, 0], index=claim_ids[0].index, dtype=object)
    for column in range(1, ids.shape[1]):
        joined = joined + "|" + ids[:, column]
    return joined


def claim_lists(claim_keys) -> list[list[str]]:
    """Each '|'-joined key as its list of claim ids, one string object per distinct id: a figure is
    cited by many findings (every pair it is in), and its id is then stored once.

    >>> claim_lists(["a|b", "b|c"])
    [['a', 'b'], ['b', 'c']]
    """
    return [list(map(sys.intern, key.split("|"))) for key in claim_keys]


def trusted(facts: pd.DataFrame, spec: CheckSpec) -> pd.Series:
    """Which facts a check may compare: none the extractor flagged with one of the check's
    ``skip_flags`` (a mangled range, a table whose columns are unclear; plausibility reports those)."""
    skip = spec.params.get("skip_flags") or []
    if not skip:
        return pd.Series(True, index=facts.index)
    return ~has_flag(facts["flags"], *skip)


def has_flag(flags: pd.Series, *names: str) -> pd.Series:
    """Whether each ';'-joined ``flags`` value holds one of ``names`` as a whole entry.

    Whole entries only, so that one flag's name inside another's never counts.
    """
    return flags.str.contains("|".join(rf"(?:^|;){re.escape(name)}(?:;|$)" for name in names))


def text_before(quote: str, surface: str, length: int) -> str | None:
    """The ``length`` characters before ``surface`` in its sentence, or None when it cannot be found.

    The words that qualify a figure (五年, 同比下降, a list's 、) stand just before it.
    """
    at = quote.find(surface)
    return quote[max(0, at - length) : at] if at >= 0 and length >= 0 else None


def grouped_claims(facts: pd.DataFrame, keys: list[str], joiner: str, **aggregates) -> pd.DataFrame:
    """One row per group of ``keys`` with two or more facts: ``claims`` (count), ``claim_key``
    (sorted ids), ``observed`` (surfaces in document order, joined by ``joiner``) and ``aggregates``.
    """
    shared = facts[facts.duplicated(keys, keep=False)]
    in_order = shared.sort_values(keys + ["doc_id", "line", "start"])
    table = in_order.groupby(keys).agg(claims=("claim_id", "size"), **aggregates).reset_index()
    by_id = shared.sort_values("claim_id")
    return table.assign(
        observed=join_within(in_order.groupby(keys).ngroup().to_numpy(), in_order["surface"], joiner),
        claim_key=join_within(by_id.groupby(keys).ngroup().to_numpy(), by_id["claim_id"], "|"),
    )


def join_within(codes: np.ndarray, values: pd.Series, joiner: str) -> np.ndarray:
    """Join ``values`` per group code in their order, one vectorised pass per position in a group.

    >>> join_within(np.array([1, 0, 1, 1]), pd.Series(["a", "b", "c", "d"]), "|").tolist()
    ['b', 'a|c|d']
    """
    joined = np.empty(codes.max() + 1 if len(codes) else 0, dtype=object)
    if not len(codes):
        return joined
    position = pd.Series(codes).groupby(codes).cumcount().to_numpy()
    order = np.argsort(position, kind="stable")
    bounds = np.searchsorted(position[order], np.arange(position.max() + 2))
    text = values.to_numpy(dtype=object)[order]
    codes = codes[order]
    joined[codes[: bounds[1]]] = text[: bounds[1]]
    for lo, hi in zip(bounds[1:-1], bounds[2:], strict=True):
        joined[codes[lo:hi]] = joined[codes[lo:hi]] + joiner + text[lo:hi]
    return joined


def render(template: str, table: pd.DataFrame, spec: CheckSpec, where: str) -> pd.Series:
    """Fill a message template from the table's columns, one vectorised concatenation per field; a metric
    outside the glossary reads as its phrase in quotes (“市场规模”), not as its id."""
    text = pd.Series("", index=table.index, dtype=object)
    for literal, name, _, _ in string.Formatter().parse(template):
        text = text + literal
        if name is None:
            continue
        if name not in table.columns:
            raise ConfigError(spec.path, f"message refers to unknown column {name!r}", key=where)
        text = text + (metric_label(table[name]) if name == "metric_id" else table[name].astype(str))
    return text


def metric_label(metric_id: pd.Series) -> pd.Series:
    """How a message names a metric: its glossary id, or the phrase of one outside the glossary."""
    unlisted = metric_id.str.startswith(UNLISTED)
    return metric_id.where(~unlisted, "“" + metric_id.str.removeprefix(UNLISTED) + "”")


def build_findings(table: pd.DataFrame, spec: CheckSpec) -> pd.DataFrame:
    """Validate ``table`` with the check's expectations; failing rows and corroborations become findings.

    :param table: a comparison table (:class:`ComparisonTable` columns and the check's own)
    :param spec: the check, as its suite declares it
    """
    if table.empty:
        return empty(Finding)
    table = table.reset_index(drop=True).assign(check=spec.check, title=spec.title)
    first = failing_rows(table, spec)
    # each outcome's row selection copies the columns it is given: only those the findings word
    table = table[_worded_columns(table.columns, spec)]
    parts = []
    for position, expectation in enumerate(spec.expectations):
        rows = table[first == position]
        where = f"checks.{spec.check}.expectations[{position}]"
        if expectation.expected is not None:
            rows = rows.assign(expected=render(expectation.expected, rows, spec, f"{where}.expected"))
        parts.append(_findings(rows, "fail", expectation, spec, where))
    if spec.passes is not None:
        parts.append(_findings(table[first == -1], "pass", spec.passes, spec, f"checks.{spec.check}.passes"))
    return _restatements_merged(pd.concat(parts, ignore_index=True))


WORDED = ["claim_key", "check", "metric_id", "geo", "period", "observed", "expected", "arithmetic"]
"""The comparison table's columns every finding takes."""


def _worded_columns(columns, spec: CheckSpec) -> list[str]:
    """The columns findings take or their templates name. A name the table lacks stays out, and
    :func:`render` reports it as the configuration error it is."""
    declared = [outcome for outcome in [*spec.expectations, spec.passes] if outcome is not None]
    templates = [getattr(outcome, key, None) or "" for outcome in declared
                 for key in ("message", "message_zh", "expected")]
    named = {name for template in templates for _, name, _, _ in string.Formatter().parse(template) if name}
    return [column for column in columns if column in named or column in WORDED]


SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def _restatements_merged(findings: pd.DataFrame) -> pd.DataFrame:
    """One finding per set of values: rows of one check reading the same figures about one key (a
    document restating a CAGR and its endpoints in its summary and its body) become one finding that
    cites every claim, with the most severe outcome of them.

    Failing rows with the same figures and the same worked arithmetic are one finding even when the two
    statements' phrases gave two metrics (服务器 in one restatement, 人工智能硬件市场服务器规模 in the
    other): two metrics never share a conflict figure for figure. Passing rows keep their metric, as
    two metrics may well agree on 30 %."""
    identity = ["same", "geo", "period", "observed"]
    severity = findings["severity"].map(SEVERITY_RANK).to_numpy(int)
    failing = findings["outcome"] != "pass"
    worked = findings["arithmetic"] != ""
    keys = pd.DataFrame({
        "same": findings["metric_id"].mask(failing & worked, "fail: " + findings["arithmetic"]),
        **{column: findings[column] for column in identity[1:]},
    })
    # ranked by (rank, finding id), stably; the findings themselves are taken once, in that order
    ids = pd.factorize(findings["finding_id"], sort=True)[0]
    order = np.lexsort((ids, np.where(failing, 0, 10) + severity))
    keys = keys.iloc[order]
    # a finding alone in its set keeps its ids as they are: only restated sets are worked on
    restated = keys.duplicated(keep=False).to_numpy()
    alone, ranked, keys = findings.iloc[order[~restated]], findings.iloc[order[restated]], keys[restated]
    merged = ranked[~keys.duplicated().to_numpy()].reset_index(drop=True)
    claims = ranked["claim_ids"].explode().to_frame("claim_id").assign(
        finding=keys.groupby(identity, sort=False).ngroup()
    ).drop_duplicates().sort_values(["finding", "claim_id"])
    claim_keys = join_within(claims["finding"].to_numpy(), claims["claim_id"], "|")
    ids = zip(merged["check"], claim_keys, strict=True)
    merged["finding_id"] = [finding_id(check, key) for check, key in ids]
    merged["claim_ids"] = pd.Series(claim_lists(claim_keys), dtype=object)
    return pd.concat([alone[FINDING_COLUMNS], merged[FINDING_COLUMNS]], ignore_index=True)


def _findings(rows: pd.DataFrame, outcome: str, declared, spec: CheckSpec, where: str) -> pd.DataFrame:
    """Finding rows for ``rows``, worded, ranked and placed as ``declared`` (an expectation or the
    check's ``passes``) says."""
    keys = rows["claim_key"].tolist()
    return pd.DataFrame({
        "finding_id": [finding_id(spec.check, key) for key in keys],
        "check": rows["check"],
        "outcome": outcome,
        "severity": declared.severity,
        "metric_id": rows["metric_id"],
        "geo": rows["geo"],
        "period": rows["period"],
        "claim_ids": pd.Series(claim_lists(keys), index=rows.index, dtype=object),
        "observed": rows["observed"],
        "expected": rows["expected"],
        "arithmetic": rows["arithmetic"],
        "message": render(declared.message, rows, spec, f"{where}.message"),
        "message_zh": render(declared.message_zh, rows, spec, f"{where}.message_zh"),
        "section": declared.section,
        "status": "open",
    }, columns=FINDING_COLUMNS)


class ComparisonTable(pa.DataFrameModel):
    """What every comparison table carries, whatever else a check adds."""

    claim_key: Series[str] = pa.Field(str_length={"min_value": 1}, description="sorted claim ids, '|'-joined")
    metric_id: Series[str]
    geo: Series[str]
    period: Series[str]
    observed: Series[str]
    expected: Series[str]
    arithmetic: Series[str]

    class Config:
        strict = False
        coerce = True
