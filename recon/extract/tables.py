"""Tables: flattened rows whose cells lost their separators, and bare numbers under a unit caption."""

from __future__ import annotations

from typing import NamedTuple

from recon.extract.numbers import MULTIPLIERS
from recon.extract.periods import Period
from recon.extract.units import match_unit


class Cell(NamedTuple):
    """One cell of a flattened table row, with the period its row names."""

    start: int
    end: int
    value: float
    step: float
    unit: str
    type_hint: str
    flags: tuple
    period: Period | None
    row_end: int


def split_flattened_rows(clean: str) -> list[Cell]:
    """Cells of the flattened table rows in ``clean`` (``20261,8503,75030.8%``)."""
    return []


def unit_from_hint(hint: str) -> tuple[str, float, str] | None:
    """The unit, factor and type hint a caption such as ``亿元`` or ``%`` gives bare numbers."""
    hint = hint.strip().strip("()（）").removeprefix("单位:").removeprefix("单位：").strip()
    factor = 1.0
    for word in sorted(MULTIPLIERS, key=len, reverse=True):
        if hint.startswith(word):
            factor, hint = MULTIPLIERS[word], hint[len(word):]
            break
    unit = match_unit(hint, 0) if hint else None
    if unit is None:
        return ("CNY", factor, "level") if factor != 1.0 else None
    return unit.unit, factor * unit.factor, unit.type_hint
