"""Charts: the geometry of one SVG per metric (values by source and period), computed in Python."""

from __future__ import annotations

import math

import pandas as pd

from recon.report.context import Chart, ChartPoint, Tick
from recon.report.text import format_value, location, scale_for

WIDTH, HEIGHT = 560, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 40
PALETTE_SIZE = 8
MAX_CHARTS = 24


def build_charts(facts: pd.DataFrame, conflict_claims: set[str], doc_colours: dict[str, int]) -> list[Chart]:
    """One chart per (metric, base unit) with at least two facts that have a period.

    Metrics in failing findings come first, then those with most facts; at most ``MAX_CHARTS``.

    :param facts: matched facts.
    :param conflict_claims: claim ids that take part in failing findings (marked in red).
    :param doc_colours: palette index per document, shared with the legend of every chart.
    """
    usable = facts[(facts["period"] != "") & facts["base_value"].map(math.isfinite)]
    listed = ~usable["metric_id"].str.startswith("unlisted:")
    in_conflict = usable["claim_id"].isin(conflict_claims)
    usable = usable[listed | in_conflict]
    # counted once for all facts: an isin per metric costs the size of the whole set each time
    conflicts_of = in_conflict[listed | in_conflict].groupby([usable["metric_id"], usable["base_unit"]]).sum()
    series = []
    for (metric_id, base_unit), rows in usable.groupby(["metric_id", "base_unit"], sort=True):
        if len(rows) < 2:
            continue
        conflicts = int(conflicts_of[metric_id, base_unit])
        series.append((-conflicts, -len(rows), metric_id, base_unit, rows))
    series.sort(key=lambda s: s[:4])
    return [
        _chart(f"chart-{i}", metric_id, base_unit, rows, conflict_claims, doc_colours)
        for i, (_, _, metric_id, base_unit, rows) in enumerate(series[:MAX_CHARTS])
    ]


def _chart(chart_id, metric_id, base_unit, rows, conflict_claims, doc_colours) -> Chart:
    rows = rows.sort_values(["period_start", "period_end", "period", "doc_id", "line"], na_position="first")
    periods = list(dict.fromkeys(rows["period"]))
    highs = rows["value_high"].where(rows["value_high"].notna(), rows["value"])
    ratio = (rows["base_value"] / rows["value"]).where(rows["value"] != 0, 1.0)
    values = list(rows["base_value"]) + list(highs * ratio)
    divisor, unit = scale_for(max(abs(v) for v in values), base_unit)
    low, high, step = _nice_range(min(0.0, min(values)) / divisor, max(0.0, max(values)) / divisor)
    band = (WIDTH - LEFT - RIGHT) / len(periods)

    def y_of(value: float) -> float:
        return round(HEIGHT - BOTTOM - (value / divisor - low) / (high - low) * (HEIGHT - TOP - BOTTOM), 1)

    docs = sorted(rows["doc_id"].unique())
    points = []
    for row, high_value in zip(rows.itertuples(), highs * ratio, strict=True):
        centre = LEFT + band * (periods.index(row.period) + 0.5)
        spread = min(band / (len(docs) + 1), 14)
        x = round(centre + (docs.index(row.doc_id) - (len(docs) - 1) / 2) * spread, 1)
        is_range = pd.notna(row.value_high) and row.value_high != row.value
        points.append(ChartPoint(
            x=x, y=y_of(row.base_value), y_high=y_of(high_value) if is_range else None,
            colour=doc_colours.get(row.doc_id, 0), conflict=row.claim_id in conflict_claims,
            label=f"{row.doc_id} {location(row.page, row.line)}: {row.surface} ({row.period})",
        ))
    y_ticks = [
        Tick(y_of((low + i * step) * divisor), format_value(low + i * step))
        for i in range(round((high - low) / step) + 1)
    ]
    return Chart(
        chart_id=chart_id, metric_id=metric_id, unit=unit, width=WIDTH, height=HEIGHT,
        left=LEFT, right=WIDTH - RIGHT, top=TOP, bottom=HEIGHT - BOTTOM,
        y_label_x=LEFT - 6, x_label_y=HEIGHT - BOTTOM + 18,
        x_ticks=[Tick(round(LEFT + band * (i + 0.5), 1), p) for i, p in enumerate(periods)],
        y_ticks=y_ticks, points=points, legend=[(d, doc_colours.get(d, 0)) for d in docs],
        conflicts=sum(p.conflict for p in points),
    )


def _nice_range(low: float, high: float, ticks: int = 5) -> tuple[float, float, float]:
    """Axis bounds and step on 1-2-5 multiples of a power of ten, covering [low, high]."""
    if high == low:
        high = low + 1
    raw = (high - low) / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step
