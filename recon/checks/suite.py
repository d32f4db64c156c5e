"""Load and validate the expectation suites in ``expectations/``: a malformed suite names file and key."""

from __future__ import annotations

import contextlib
import difflib
import string
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import great_expectations.expectations as gxe
import pydantic
import yaml

from recon.errors import ConfigError
from recon.schemas import SECTIONS, SEVERITIES

from .tolerance import IntervalSettings

if TYPE_CHECKING:
    from .registry import Check

SETTINGS = {"metrics.yaml", "matching.yaml", "intervals.yaml", "organisations.yaml", "concepts.yaml"}
"""The files of ``expectations/`` that are not suites."""
CHECK_KEYS = ("title", "enabled", "params", "expectations", "passes")
OUTCOME_KEYS = ("severity", "message", "message_zh", "section")
EXPECTATION_KEYS = ("name", "expect", "where", "expected", *OUTCOME_KEYS)
"""What an expectation says besides its Great Expectations arguments (``column``, ``max_value``…)."""


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
    """One check as its suite declares it, its ``params`` validated by the check's model."""

    check: str
    title: str
    path: Path
    expectations: tuple[Expectation, ...]
    passes: Outcome | None = None
    params: dict[str, Any] = field(default_factory=dict)
    """Every parameter the check's model declares (defaults filled in), typed as the model says."""

    def param(self, key: str) -> Any:
        """A parameter of this check; one its model does not declare is a configuration error."""
        if key not in self.params:
            raise ConfigError(self.path, "missing parameter", key=f"checks.{self.check}.params.{key}")
        return self.params[key]


@dataclass(frozen=True, eq=False)
class Suites:
    """Everything the checks read from ``expectations/``."""

    checks: dict[str, CheckSpec]
    """The enabled checks, by id, in the order they run."""
    intervals: IntervalSettings
    allowed_units: dict[str, tuple[str, ...]]
    """Glossary metric id → units it may be stated in (``metrics.yaml``; ``count`` covers ``count:*``)."""
    disabled: tuple[str, ...] = ()
    """The checks a suite turns off with ``enabled: false``."""


def load_suites(directory: str | Path) -> Suites:
    """Read the suite of every check of the registry, plus ``intervals.yaml`` and the glossary's units.

    Every check of :data:`recon.checks.registry.CHECKS` must be declared in its suite file: a missing
    file or check is an error, not a check silently skipped; a team turns one off with
    ``enabled: false``. Every other ``*.yaml`` but the settings files is read as a suite too, so that
    a check declared in the wrong file is an error rather than ignored.

    :param directory: the ``expectations/`` directory
    :raises ConfigError: naming the file and key of the first problem found
    """
    from .registry import CHECKS  # the registry imports the check modules, which import this one

    directory = Path(directory)
    if not directory.is_dir():
        raise ConfigError(directory, "expectations directory not found")
    declared = _declared_checks(directory, {check.id: check for check in CHECKS})
    for check in CHECKS:
        if check.id not in declared:
            raise _missing(check, directory, [c.id for c in CHECKS if c.suite == check.suite])
    specs = {check.id: _load_check(check, *declared[check.id]) for check in CHECKS}
    return Suites(
        checks={check: spec for check, spec in specs.items() if spec is not None},
        intervals=_load_intervals(directory / "intervals.yaml"),
        allowed_units=_load_units(directory / "metrics.yaml"),
        disabled=tuple(check for check, spec in specs.items() if spec is None),
    )


def _declared_checks(directory: Path, registered: dict[str, Check]) -> dict[str, tuple[Path, Any]]:
    """Check id → (suite file, its body) of every check the suites of ``directory`` declare."""
    declared = {}
    for path in sorted(directory.glob("*.yaml")):
        if path.name in SETTINGS:
            continue
        for check_id, body in _require(_read_yaml(path), "checks", dict, path, "").items():
            where = f"checks.{check_id}"
            if check_id not in registered:
                raise ConfigError(path, f"unknown check; known: {', '.join(registered)}", key=where)
            if path.name != registered[check_id].suite:
                raise ConfigError(path, f"belongs in {registered[check_id].suite}", key=where)
            declared[check_id] = (path, body)
    return declared


def _missing(check: Check, directory: Path, ids_of_its_suite: list[str]) -> ConfigError:
    """The error for a check its suite does not declare: a check is never skipped silently."""
    path = directory / check.suite
    if not path.is_file():
        return ConfigError(path, f"suite not found: it declares {', '.join(ids_of_its_suite)} (turn a check "
                                 "off with `enabled: false` under it, not by removing its file)")
    return ConfigError(path, "missing: declare the check, or turn it off with `enabled: false`",
                       key=f"checks.{check.id}")


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


def _known_keys(mapping: dict, known: Iterable[str], path: Path, where: str) -> None:
    """Every key of ``mapping`` is one of ``known``; a misspelt one is named with its likely spelling."""
    for key in mapping:
        if key not in known:
            raise ConfigError(path, unknown(str(key), known), key=f"{where}.{key}")


def unknown(key: str, known: Iterable[str], what: str = "key") -> str:
    """The reason for an unknown key: the nearest known spelling, else every known key.

    >>> unknown("skip_flag", ["skip_flags", "kind_families"])
    'unknown key; did you mean skip_flags?'
    """
    known = list(known)
    near = difflib.get_close_matches(key, known, n=1)
    if near:
        return f"unknown {what}; did you mean {near[0]}?"
    return f"unknown {what}; known: {', '.join(known) or 'none'}"


def _load_check(check: Check, path: Path, body: Any) -> CheckSpec | None:
    """The check as ``body`` declares it, or None when the suite turns it off."""
    where = f"checks.{check.id}"
    if not isinstance(body, dict):
        raise ConfigError(path, "expected a mapping", key=where)
    _known_keys(body, CHECK_KEYS, path, where)
    enabled = body.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ConfigError(path, f"expected true or false, got {enabled!r}", key=f"{where}.enabled")
    if not enabled:
        return None
    title = body.get("title", check.title)
    if not isinstance(title, str):
        raise ConfigError(path, "expected a text", key=f"{where}.title")
    items = _require(body, "expectations", list, path, where)
    if not items:
        raise ConfigError(path, "a check needs at least one expectation", key=f"{where}.expectations")
    expectations = tuple(_load_expectation(item, path, f"{where}.expectations[{i}]", check.section)
                         for i, item in enumerate(items))
    passes = body.get("passes")
    if passes is not None:
        if not isinstance(passes, dict):
            raise ConfigError(path, "expected a mapping", key=f"{where}.passes")
        _known_keys(passes, OUTCOME_KEYS, path, f"{where}.passes")
        passes = _load_outcome(passes, path, f"{where}.passes", check.section)
    return CheckSpec(
        check=check.id, title=title, path=path, expectations=expectations, passes=passes,
        params=_load_params(check.Params, body.get("params", {}), path, f"{where}.params"),
    )


def _load_params(model: type[pydantic.BaseModel], params: Any, path: Path, where: str) -> dict[str, Any]:
    """``params`` validated by the check's model: every declared key, with its default when unset."""
    if not isinstance(params, dict):
        raise ConfigError(path, "expected a mapping", key=where)
    try:
        return model.model_validate(params).model_dump()
    except pydantic.ValidationError as error:
        # a misspelt key is both unknown and a declared one missing: the unknown one says more
        problems = sorted(error.errors(include_url=False), key=lambda e: e["type"] != "extra_forbidden")
        problem = problems[0]
        key = where + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in problem["loc"]
                              if p != "[key]")
        if problem["type"] == "extra_forbidden":
            reason = unknown(str(problem["loc"][-1]), model.model_fields, "parameter")
        elif problem["type"] == "missing":
            reason = "missing"
        else:
            reason = f"{problem['msg'][0].lower()}{problem['msg'][1:]} (got {_shown(problem['input'])})"
        raise ConfigError(path, reason, key=key) from error


def _shown(value: Any) -> str:
    """A value as an error line shows it: its repr, shortened."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _load_expectation(item: Any, path: Path, where: str, section: str) -> Expectation:
    if not isinstance(item, dict):
        raise ConfigError(path, "expected a mapping", key=where)
    name = _require(item, "name", str, path, where)
    expect = _require(item, "expect", str, path, where)
    condition = item.get("where")
    if condition is not None and not isinstance(condition, str):
        raise ConfigError(path, "expected a pandas query string", key=f"{where}.where")
    kwargs = {k: v for k, v in item.items() if k not in EXPECTATION_KEYS}
    build_expectation(Expectation(name, expect, kwargs, condition, "", ""), path, where)
    outcome = _load_outcome(item, path, where, section)
    expected = item.get("expected")
    if expected is not None:
        expected = _template(expected, path, f"{where}.expected")
    return Expectation(name, expect, kwargs, condition, outcome.severity, outcome.message, expected,
                       outcome.message_zh, outcome.section)


def _load_outcome(item: Any, path: Path, where: str, section: str) -> Outcome:
    severity = _require(item, "severity", str, path, where)
    if severity not in SEVERITIES:
        raise ConfigError(path, f"severity must be one of {', '.join(SEVERITIES)}", key=f"{where}.severity")
    message = _template(_require(item, "message", str, path, where), path, f"{where}.message")
    message_zh = _template(item.get("message_zh", message), path, f"{where}.message_zh")
    section = item.get("section", section)
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
    """The Great Expectations object for ``expectation``; a class GE does not have and arguments its
    class rejects are configuration errors, one line naming the expectation and the argument."""
    named = f"{expectation.expect} (expectation {expectation.name})"
    cls = getattr(gxe, expectation.expect, None)
    if not isinstance(cls, type) or not issubclass(cls, gxe.Expectation):
        near = difflib.get_close_matches(expectation.expect, EXPECTATION_CLASSES, n=1)
        hint = f"; did you mean {near[0]}?" if near else ""
        raise ConfigError(path, f"not a Great Expectations expectation: {named}{hint}",
                          key=f"{where}.expect" if where else None)
    kwargs = dict(expectation.kwargs)
    if expectation.where:
        kwargs.update(row_condition=expectation.where, condition_parser="pandas")
    try:
        with quiet():
            return cls(**kwargs)
    except Exception as error:  # GE raises pydantic (v1) errors of several kinds for bad arguments
        known = [*EXPECTATION_KEYS, *getattr(cls, "__fields__", ())]
        argument, reason = _argument_problem(error, kwargs, known)
        key = f"{where}.{argument}" if where and argument else where
        raise ConfigError(path, f"bad arguments for {named}: {reason}", key=key) from error


EXPECTATION_CLASSES = sorted(
    name for name, cls in vars(gxe).items() if isinstance(cls, type) and issubclass(cls, gxe.Expectation)
)


def _argument_problem(error: Exception, kwargs: dict[str, Any], known: list[str]) -> tuple[str | None, str]:
    """The argument at fault and why, in one line, from GE's multi-line validation error.

    GE validates with pydantic v1: one entry per field and per type a field accepts (``max_value``
    may be a number, a dict, a date…), plus whole-object checks that fail once a field is dropped.
    The first field's first entry says it, an unknown argument before a missing one.
    """
    entries = error.errors() if callable(getattr(error, "errors", None)) else []
    fields = [e for e in entries if e.get("loc") and e["loc"][0] != "__root__"] or entries
    fields.sort(key=lambda e: e.get("type") != "value_error.extra")  # a misspelt key: name the spelling
    if not fields:
        return None, " ".join(str(error).split())
    first = fields[0]
    argument = str(first["loc"][0]) if first["loc"][0] != "__root__" else None
    if first.get("type") == "value_error.extra":
        return argument, unknown(argument, known)
    if first.get("type") == "value_error.missing":
        return argument, "missing"
    got = f" (got {_shown(kwargs[argument])})" if argument in kwargs else ""
    return argument, f"{first['msg']}{got}"


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
