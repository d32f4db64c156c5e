"""Match time and peak memory on generated fact tables of 10 k, 100 k and 1 M facts (normalise-free).

Usage: python benchmarks/bench_match.py [--sizes 10000 100000 1000000] [--seed N]

Each size runs in its own process so peak memory is its own. The facts are realistic in shape: a few
hundred metrics (every glossary metric under several of its aliases, plus Chinese phrases outside the
glossary with one-character variants), 40 geographies plus unstated ones, years, halves, quarters and
spans, one document per ~200 facts. Targets (match + check, see
bench_checks.py): 1 M facts < 40 s and < 3 GiB, time(10x) <= 11 x time(1x); matching takes a fraction.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from recon.match import load_settings, match_facts
from recon.normalise import base_of_unit

EXPECTATIONS = Path(__file__).resolve().parents[1] / "expectations"
FIELDS = [
    "医疗影像",
    "智能制造",
    "金融风控",
    "自动驾驶",
    "智慧城市",
    "零售电商",
    "教育",
    "能源",
    "政务云",
    "机器人",
    "语音识别",
    "计算机视觉",
    "边缘计算",
    "数据标注",
    "算力租赁",
    "云服务",
    "工业质检",
    "药物研发",
]
MEASURES = ["市场规模", "渗透率", "企业数量", "出货量", "融资总额", "研发投入", "用户规模", "项目数量"]
UNITS = {
    "市场规模": "CNY",
    "渗透率": "%",
    "企业数量": "count:家",
    "出货量": "count:台",
    "融资总额": "CNY",
    "研发投入": "USD",
    "用户规模": "count:人",
    "项目数量": "count:个",
}
GLOSSARY_UNIT = {"currency": "CNY", "compute": "FLOPS", "percent": "%", "count": "count:家"}
GEOS = [
    "China",
    "Global",
    "US",
    "EU",
    "Japan",
    "Shenzhen",
    "Beijing",
    "Shanghai",
    "Guangdong",
    "Zhejiang",
] + [f"Region-{i}" for i in range(30)]


def metric_pool(settings) -> pd.DataFrame:
    """Metric phrases with their (normalised) metric id, unit and score, variants included."""
    rows = []
    for metric in settings.glossary.metrics.values():
        if metric.base:
            continue
        unit = metric.units[0] if metric.units[0] in ("CNY", "USD", "FLOPS", "%") else "count:家"
        for alias in metric.aliases[:4]:
            rows.append((alias, metric.id, GLOSSARY_UNIT.get(metric.dimension, unit), 100.0, ""))
    for field in FIELDS:
        for measure in MEASURES:
            variants = (
                f"{field}{measure}",
                f"{field}的{measure}",
                f"{field}{measure}总量",
                f"{field}领域{measure}",
            )
            for phrase in variants:
                subject = settings.glossary.clean(phrase)
                rows.append((phrase, "", UNITS[measure], 60.0, subject))
    return pd.DataFrame(rows, columns=["metric_text", "metric_id", "unit", "metric_score", "subject"])


REPORT = (
    "match: {facts:>9,} facts {seconds:8.2f}s  peak RSS {peak_rss_mib:>5} MiB"
    " ({rss_before_mib} MiB before match)"
    "  {groups:,} groups, {grouped:,} facts grouped, {by_phrase:,} groups by phrase similarity"
)


def periods() -> list[str]:
    years = [str(y) for y in range(2015, 2031)]
    halves = [f"{y}H{h}" for y in years[5:] for h in (1, 2)]
    quarters = [f"{y}Q{q}" for y in years[8:] for q in (1, 2, 3, 4)]
    spans = [f"{a}-{b}" for a in range(2018, 2026) for b in (a + 3, a + 5)]
    return years * 4 + halves + quarters + spans


def generate(size: int, settings, seed: int) -> pd.DataFrame:
    """A valid Fact table of ``size`` rows."""
    rng = np.random.default_rng(seed)
    pool = metric_pool(settings)
    # Zipf-like metric popularity: headline metrics are quoted far more than niche ones.
    weight = 1 / np.arange(1, len(pool) + 1) ** 0.8
    pick = pool.iloc[rng.choice(len(pool), size, p=weight / weight.sum())].reset_index(drop=True)
    period = np.array(periods())[rng.integers(0, len(periods()), size)]
    geo = np.array(GEOS + [""] * 10)[rng.integers(0, len(GEOS) + 10, size)]
    units = pick["unit"].map(base_of_unit)
    value = rng.lognormal(10, 3, size)
    facts = pd.DataFrame(
        {
            "claim_id": [f"{i:012x}" for i in range(size)],
            "doc_id": [f"doc-{d:05d}.txt" for d in rng.integers(0, max(size // 200, 2), size)],
            "page": pd.array([pd.NA] * size, dtype="Int64"),
            "line": rng.integers(1, 2000, size),
            "start": 0,
            "end": 1,
            "surface": "1",
            "quote": "",
            "value": value,
            "value_high": np.nan,
            "value_step": 1.0,
            "unit": pick["unit"],
            "qualifier": np.array(["exact", "approx", "lower_bound"])[rng.integers(0, 3, size)],
            "kind": np.array(["actual", "forecast", "estimate"])[rng.integers(0, 3, size)],
            "type": np.where(pick["unit"] == "%", "share", "level"),
            "period_start": pd.array(pd.Series(period).str[:4].astype(int), dtype="Int64"),
            "period_end": pd.array(
                pd.Series(period).str[-4:].str.replace(r"\D", "", regex=True).str[:4].astype(int),
                dtype="Int64",
            ),
            "period_grain": "year",
            "period": period,
            "geo": geo,
            "metric_text": pick["metric_text"],
            "flags": "",
            "base_value": value * units.str[0],
            "base_unit": units.str[1],
            "dimension": units.str[2],
            "metric_id": pick["metric_id"],
            "metric_score": pick["metric_score"],
            "subject": pick["subject"],
            "measure": np.where(pick["unit"] == "%", "share",
                                np.where(pick["unit"].str.startswith("count:"), "count", "level")),
            "scope": "",
        }
    )
    return facts


def rss_mib() -> float:
    """The process's resident memory now (not its peak), in MiB."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def run_one(size: int, seed: int, across: bool) -> dict:
    """Match ``size`` generated facts; run in its own process so the peak memory is this size's."""
    settings = load_settings(EXPECTATIONS / "matching.yaml")
    settings = dataclasses.replace(
        settings, unlisted_across_documents=across or settings.unlisted_across_documents
    )
    facts = generate(size, settings, seed)
    before = rss_mib()
    started = time.perf_counter()
    matched, groups = match_facts(facts, settings)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    joined = int(groups["reason"].str.startswith("metric phrases").sum())
    return {
        "facts": size,
        "seconds": round(seconds, 2),
        "peak_rss_mib": round(peak),
        "rss_before_mib": round(before),
        "groups": len(groups),
        "grouped": int((matched["group_id"] != "").sum()),
        "by_phrase": joined,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--unlisted-across-documents",
        action="store_true",
        help="join unlisted phrases across documents too (more phrase scoring)",
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.seed, args.unlisted_across_documents)))
        return
    results = []
    for size in args.sizes:
        command = [sys.executable, __file__, "--one", str(size), "--seed", str(args.seed)]
        command += ["--unlisted-across-documents"] if args.unlisted_across_documents else []
        result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        results.append(result)
        print(REPORT.format(**result), flush=True)
    for small, large in zip(results, results[1:], strict=False):
        factor, ratio = large["facts"] / small["facts"], large["seconds"] / small["seconds"]
        print(f"time({factor:g}x) / time(1x) = {ratio:.1f} (target <= {1.1 * factor:g})")


if __name__ == "__main__":
    main()
