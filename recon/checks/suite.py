"""Load and validate the expectation suites in ``expectations/``: a malformed suite names file and key."""

from __future__ import annotations

import contextlib
import string
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import great_expectations.expectations as gxe
import yaml

from recon.errors import ConfigError
from recon.schemas import SECTIONS, SEVERITIES

from .tolerance import IntervalSettings

CATALOGUE = {
    "cross-source-agreement": "Sources agree on a figure",
    "intra-document-conflict": "One document states one figure",
    "incomparable": "Figures in different currencies",
    "cagr-recomputation": "A stated CAGR follows from its endpoints",
    "growth-recomputation": "A stated growth follows from the prior period",
    "share-sum": "Shares of one whole add up to at most 100 %",
    "plausibility": "A figure is plausible for its kind",
    "unit-sanity": "A metric is stated in a unit its glossary entry allows",
    "misquote": "Documents citing one originator quote it alike",
}
"""Every check recon knows, with its title; suites set their thresholds, severities and messages."""

NOT_SUITES = {"metrics.yaml", "matching.yaml", "intervals.yaml", "organisations.yaml", "concepts.yaml"}
EXPECTATION_KEYS = {"name", "expect", "where", "severity", "message", "message_zh", "section", "expected"}


@dataclass(frozen=True)
class Expectation:
    """One Great Expectations expectation of a check, with what a failing row means."""

    name: str
    expect: str
    """Great Expectations class name, e.g. ``ExpectColumnValuesToBeBetween``."""
    kwargs: dict[str, Any]
    where: str | None
    """pandas query selecting the rows this expectation applies to."""
    severity: str
    message: str
    expected: str | None = None
    """Template of what a failing row should have shown, when the table's ``expected`` column cannot
    say it (a plausibility bound lives in the suite, so the suite words it)."""
    message_zh: str = ""
    """The Chinese template; the English one when the suite gives none."""
    section: str = "conflicts"
    """``conflicts`` (what the sources say) or ``notes`` (how the text was read)."""


@dataclass(frozen=True)
class Outcome:
    """How a row that passes every expectation of a corroboration check is reported."""

    severity: str
    message: str
    message_zh: str = ""
    section: str = "conflicts"


@dataclass(frozen=True, eq=False)
class CheckSpec:
    """One check as a suite declares it."""

    check: str
    title: str
    path: Path
    expectations: tuple[Expectation, ...]
    passes: Outcome | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def param(self, key: str) -> Any:
        """A parameter of this check; missing parameters are configuration errors."""
        if key not in self.params:
            raise ConfigError(self.path, "missing parameter", key=f"checks.{self.check}.params.{key}")
        return self.params[key]


@dataclass(frozen=True, eq=False)
class Suites:
    """Everything the checks read from ``expectations/``."""

    checks: dict[str, CheckSpec]
    intervals: IntervalSettings
    allowed_units: dict[str, tuple[str, ...]]
    """Glossary metric id → units it may be stated in (``metrics.yaml``; ``count`` covers ``count:*``)."""


def load_suites(directory: str | Path) -> Suites:
    """Read every suite in ``directory`` plus ``intervals.yaml`` and the glossary's dimensions.

    :param directory: the ``expectations/`` directory
    :raises ConfigError: naming the file and key of the first problem found
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise ConfigError(directory, "expectations directory not found")
    checks: dict[str, CheckSpec] = {}
    for path in sorted(directory.glob("*.yaml")):
        if path.name in NOT_SUITES:
            continue
        for spec in _load_suite(path):
            if spec.check in checks:
                raise ConfigError(path, f"also defined in {checks[spec.check].path.name}", key=spec.check)
            checks[spec.check] = spec
    return Suites(
        checks=checks,
        intervals=_load_intervals(directory / "intervals.yaml"),
        allowed_units=_load_units(directory / "metrics.yaml"),
    )


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(path, f"cannot read: {error}") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else None
        raise ConfigError(path, f"not valid YAML: {getattr(error, 'problem', error)}", key=where) from error


def _require(mapping: Any, key: str, kind: type | tuple[type, ...], path: Path, where: str) -> Any:
    if not isinstance(mapping, dict) or key not in mapping:
        raise ConfigError(path, "missing", key=f"{where}.{key}" if where else key)
    value = mapping[key]
    if not isinstance(value, kind):
        raise ConfigError(path, f"expected {_kind_name(kind)}, got {type(value).__name__}",
                          key=f"{where}.{key}" if where else key)
    return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(k.__name__ for k in kinds)


def _load_suite(path: Path) -> list[CheckSpec]:
    data = _read_yaml(path)
    checks = _require(data, "checks", dict, path, "")
    specs = []
    for check, body in checks.items():
        where = f"checks.{check}"
        if check not in CATALOGUE:
            raise ConfigError(path, f"unknown check; known: {', '.join(sorted(CATALOGUE))}", key=where)
        if not isinstance(body, dict):
            raise ConfigError(path, "expected a mapping", key=where)
        items = _require(body, "expectations", list, path, where)
        if not items:
            raise ConfigError(path, "a check needs at least one expectation", key=f"{where}.expectations")
        expectations = tuple(
            _load_expectation(item, path, f"{where}.expectations[{i}]") for i, item in enumerate(items)
        )
        passes = body.get("passes")
        params = body.get("params", {})
        if not isinstance(params, dict):
            raise ConfigError(path, "expected a mapping", key=f"{where}.params")
        specs.append(CheckSpec(
            check=check,
            title=body.get("title", CATALOGUE[check]),
            path=path,
            expectations=expectations,
            passes=_load_outcome(passes, path, f"{where}.passes") if passes is not None else None,
            params=params,
        ))
    return specs


def _load_expectation(item: Any, path: Path, where: str) -> Expectation:
    if not isinstance(item, dict):
        raise ConfigError(path, "expected a mapping", key=where)
    name = _require(item, "name", str, path, where)
    expect = _require(item, "expect", str, path, where)
    condition = item.get("where")
    if condition is not None and not isinstance(condition, str):
        raise ConfigError(path, "expected a pandas query string", key=f"{where}.where")
    outcome = _load_outcome(item, path, where)
    expected = item.get("expected")
    if expected is not None:
        expected = _template(expected, path, f"{where}.expected")
    kwargs = {k: v for k, v in item.items() if k not in EXPECTATION_KEYS}
    expectation = Expectation(name, expect, kwargs, condition, outcome.severity, outcome.message, expected,
                              outcome.message_zh, outcome.section)
    build_expectation(expectation, path, where)
    return expectation


def _load_outcome(item: Any, path: Path, where: str) -> Outcome:
    severity = _require(item, "severity", str, path, where)
    if severity not in SEVERITIES:
        raise ConfigError(path, f"severity must be one of {', '.join(SEVERITIES)}", key=f"{where}.severity")
    message = _template(_require(item, "message", str, path, where), path, f"{where}.message")
    message_zh = _template(item.get("message_zh", message), path, f"{where}.message_zh")
    section = item.get("section", SECTIONS[0])
    if section not in SECTIONS:
        raise ConfigError(path, f"section must be one of {', '.join(SECTIONS)}", key=f"{where}.section")
    return Outcome(severity, message, message_zh, section)


def _template(template: Any, path: Path, where: str) -> str:
    """A text template whose fields name columns of the comparison table."""
    if not isinstance(template, str):
        raise ConfigError(path, "expected a text template", key=where)
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as error:
        raise ConfigError(path, f"bad template: {error}", key=where) from error
    if any(not name.isidentifier() for name in fields):
        raise ConfigError(path, "template fields must be column names", key=where)
    return template


@contextlib.contextmanager
def quiet():
    """Silence GE's deprecation of string row conditions: suites write them as pandas queries."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        yield


def build_expectation(expectation: Expectation, path: Path | None = None, where: str | None = None):
    """The Great Expectations object for ``expectation``; bad arguments are configuration errors."""
    cls = getattr(gxe, expectation.expect, None)
    if not isinstance(cls, type) or not issubclass(cls, gxe.Expectation):
        raise ConfigError(path, f"not a Great Expectations expectation: {expectation.expect}",
                          key=f"{where}.expect" if where else None)
    kwargs = dict(expectation.kwargs)
    if expectation.where:
        kwargs.update(row_condition=expectation.where, condition_parser="pandas")
    try:
        with quiet():
            return cls(**kwargs)
    except Exception as error:  # GE raises pydantic errors of several kinds for bad arguments
        raise ConfigError(path, f"bad arguments for {expectation.expect}: {error}", key=where) from error


def _load_intervals(path: Path) -> IntervalSettings:
    if not path.is_file():
        raise ConfigError(path, "interval settings not found")
    data = _read_yaml(path)
    values = {}
    for key in ("approx", "open_bound_reach"):
        value = _require(data, key, (int, float), path, "")
        if value < 0 or (key == "open_bound_reach" and value < 1):
            raise ConfigError(path, "out of range", key=key)
        values[key] = float(value)
    return IntervalSettings(**values)


def _load_units(path: Path) -> dict[str, tuple[str, ...]]:
    """Metric id → allowed units, read leniently: the glossary belongs to the normalise stage."""
    if not path.is_file():
        return {}
    data = _read_yaml(path)
    entries = data.get("metrics", []) if isinstance(data, dict) else data
    allowed = {}
    for entry in entries or []:
        if isinstance(entry, dict) and "id" in entry:
            units = entry.get("units") or []
            allowed[str(entry["id"])] = tuple([units] if isinstance(units, str) else units)
    return allowed
