"""Run a check's expectations over its comparison table with Great Expectations, once per table."""

from __future__ import annotations

import functools
import re
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

from recon.errors import ConfigError

from .suite import CheckSpec, build_expectation, quiet


@functools.cache
def _batch_definition():
    """The ephemeral GE context's whole-dataframe batch definition, made once (GE is slow to start)."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    asset = context.data_sources.add_pandas("recon").add_dataframe_asset("comparison")
    return context, asset.add_batch_definition_whole_dataframe("whole")


@functools.cache
def _expectation_suite(spec: CheckSpec):
    import great_expectations as gx

    context, _ = _batch_definition()
    suite = gx.ExpectationSuite(name=f"{spec.check}-{id(spec)}")
    for expectation in spec.expectations:
        suite.add_expectation(build_expectation(expectation, spec.path, f"checks.{spec.check}"))
    return context.suites.add_or_update(suite)


def failing_rows(table: pd.DataFrame, spec: CheckSpec) -> np.ndarray:
    """Index of the first expectation each row fails (-1 when it passes them all).

    :param table: the comparison table, indexed 0..n-1
    :param spec: the check whose expectations are run, in order: the first failure wins
    """
    first = np.full(len(table), -1)
    if table.empty:
        return first
    _, batch_definition = _batch_definition()
    read = table.reset_index(drop=True)[_columns_read(spec, table.columns)]
    batch = batch_definition.get_batch(batch_parameters={"dataframe": read})
    suite = _expectation_suite(spec)
    # in a thread of its own: GE's validation leaves reference cycles (pydantic errors holding their
    # tracebacks) whose frames, run here, would keep every caller's tables alive until the next full
    # garbage collection (at 1 M facts, the checks' working tables: hundreds of MiB)
    with quiet(), ThreadPoolExecutor(max_workers=1) as thread:
        result = thread.submit(batch.validate, suite, result_format="COMPLETE").result()
    for position, outcome in enumerate(result.results):
        problem = _exception_message(outcome.exception_info)
        if problem:
            where = f"checks.{spec.check}.expectations[{position}]"
            raise ConfigError(spec.path, f"cannot run: {problem}", key=where)
        unexpected = np.asarray(outcome.result.get("unexpected_index_list") or [], dtype=int)
        unassigned = unexpected[first[unexpected] == -1]
        first[unassigned] = position
    return first


NAME = re.compile(r"[A-Za-z_]\w*")


def _columns_read(spec: CheckSpec, columns) -> list[str]:
    """The columns of the table the check's expectations name (``column``, ``column_A``, names in a
    ``where`` query): Great Expectations is given only these, as it profiles every column it gets.
    A name the table lacks is kept out, so GE reports it as the configuration error it is."""
    names = set()
    for expectation in spec.expectations:
        for key, value in expectation.kwargs.items():
            if key.startswith("column"):
                names.update([value] if isinstance(value, str) else value)
        names.update(NAME.findall(expectation.where or ""))
    return [c for c in columns if c in names] or list(columns)


def _exception_message(info: dict | None) -> str | None:
    """GE reports an expectation that could not run (unknown column, bad query) as exception info."""
    if not info:
        return None
    entries = [info] if "raised_exception" in info else [v for v in info.values() if isinstance(v, dict)]
    for entry in entries:
        if entry.get("raised_exception"):
            return str(entry.get("exception_message") or "expectation raised an exception")
    return None
