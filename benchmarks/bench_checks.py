"""Check time and peak memory on generated matched fact tables of 10 k, 100 k and 1 M facts.

Usage: python benchmarks/bench_checks.py [--sizes 10000 100000 1000000] [--seed N]

Each size runs in its own process so peak memory is its own. Facts come in sentences as reports
write them: a level for a first and a last year with the CAGR between them and the first year's
growth, or three shares of one whole. Metrics (glossary ids and unlisted phrases), geographies and
years repeat across ~200-fact documents, so recon.match forms real groups; a third of the rates and
shares are made inconsistent. Targets (match + check): 1 M facts < 40 s, time(10x) <= 11 x time(1x),
< 3 GiB.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from recon.checks import check_facts, load_suites
from recon.match import load_settings, match_facts
from recon.schemas import MatchedFact

EXPECTATIONS = Path(__file__).resolve().parents[1] / "expectations"
GEOS = ["China", "Global", "US", "Shenzhen", "Beijing", "Shanghai"] + [f"Region-{i}" for i in range(14)]
SENTENCE = 4
"""Facts per generated sentence."""
REPORT = (
    "check: {facts:>9,} facts {seconds:8.2f}s  peak RSS {peak_rss_mib:>5} MiB  (match {match_seconds:.2f}s)"
    "  {findings:,} findings: {fails:,} fail, {passes:,} pass"
)


def metrics(suites) -> np.ndarray:
    """Glossary metrics stated in CNY, plus unlisted phrases: what the generated sentences are about."""
    listed = [m for m, units in suites.allowed_units.items() if "CNY" in units]
    return np.array(listed + [f"细分市场{i}规模" for i in range(200)])


def generate(size: int, suites, seed: int) -> pd.DataFrame:
    """A valid MatchedFact table (group ids empty) of ``size`` facts, built column-wise."""
    rng = np.random.default_rng(seed)
    sentences = size // SENTENCE
    pool = metrics(suites)
    metric = pool[rng.integers(0, len(pool), sentences)]
    geo = np.array(GEOS)[rng.integers(0, len(GEOS), sentences)]
    first = rng.integers(2018, 2026, sentences)
    span = rng.integers(3, 6, sentences)
    start = np.round(rng.lognormal(6, 1.5, sentences), 1)
    rate = np.round(rng.uniform(2, 60, sentences), 1)
    honest = rng.random(sentences) < 2 / 3
    end = np.round(start * (1 + np.where(honest, rate, rate * 1.5) / 100) ** span, 1)
    growth = np.round(rng.uniform(2, 40, sentences), 1)
    shares = rng.random(sentences) < 0.25
    share = np.round(rng.dirichlet([2, 2, 2], sentences) * np.where(honest, 90, 130)[:, None], 0)

    def column(level_a, level_b, cagr, yoy):
        return np.stack([level_a, level_b, cagr, yoy], axis=1).ravel()

    is_share = np.repeat(shares, SENTENCE)
    kind_of = column(np.full(sentences, "level"), np.full(sentences, "level"), np.full(sentences, "cagr"),
                     np.full(sentences, "growth"))
    kind_of = np.where(is_share, np.tile(["share", "share", "share", "level"], sentences), kind_of)
    value = column(start * 1e8, end * 1e8, rate, growth)
    value = np.where(is_share, column(share[:, 0], share[:, 1], share[:, 2], start * 1e8), value)
    percent = np.isin(kind_of, ["cagr", "growth", "share"])
    position = np.tile(np.arange(SENTENCE), sentences)
    last = np.repeat(first + span, SENTENCE)
    year_a = np.where((position == 1) & ~is_share, last, np.repeat(first, SENTENCE))
    year_b = np.where(kind_of == "cagr", last, year_a)
    docs = np.repeat(rng.integers(0, max(size // 200, 2), sentences), SENTENCE)
    surface = np.char.mod("%g", np.where(percent, value, value / 1e8)).astype(object)
    surface = surface + np.where(percent, "%", "亿元")
    n = sentences * SENTENCE
    listed = np.repeat([m.isascii() for m in metric], SENTENCE)
    facts = pd.DataFrame({
        "claim_id": np.char.mod("%012x", np.arange(n)),
        "doc_id": np.char.mod("doc-%05d.txt", docs),
        "page": pd.array([pd.NA] * n, dtype="Int64"),
        "line": np.repeat(np.arange(sentences) % 2000 + 1, SENTENCE),
        "start": position * 10,
        "end": position * 10 + pd.Series(surface).str.len().to_numpy(),
        "surface": surface,
        "quote": np.char.mod("sentence %d", np.repeat(np.arange(sentences), SENTENCE)),
        "value": value,
        "value_high": np.nan,
        "value_step": np.where(percent & is_share, 1.0, np.where(percent, 0.1, 1e7)),
        "unit": np.where(percent, "%", "CNY"),
        "qualifier": np.array(["exact"] * 8 + ["approx", "lower_bound"])[rng.integers(0, 10, n)],
        "kind": np.where(year_b > 2024, "forecast", "actual"),
        "type": kind_of,
        "period_start": pd.array(year_a, dtype="Int64"),
        "period_end": pd.array(year_b, dtype="Int64"),
        "period_grain": np.where(year_a == year_b, "year", "span"),
        "period": np.where(year_a == year_b, year_a.astype(str),
                           np.char.mod("%d-", year_a).astype(object) + year_b.astype(str)),
        "geo": np.repeat(geo, SENTENCE),
        "metric_text": "",
        "flags": "",
        "base_value": value,
        "base_unit": np.where(percent, "%", "CNY"),
        "dimension": np.where(percent, "percent", "currency"),
        "metric_id": np.where(listed, np.repeat(metric, SENTENCE), ""),
        "metric_score": 100.0,
        "subject": np.where(listed, "", np.repeat(metric, SENTENCE)),
        "measure": kind_of,
        "scope": "",
        "group_id": "",
    })
    return MatchedFact.validate(facts)


def run_one(size: int, seed: int) -> dict:
    """Match and check ``size`` generated facts; run in its own process so the peak memory is this size's."""
    suites = load_suites(EXPECTATIONS)
    facts = generate(size, suites, seed)
    started = time.perf_counter()
    settings = load_settings(EXPECTATIONS / "matching.yaml")
    matched, groups = match_facts(facts.drop(columns="group_id"), settings)
    matched_at = time.perf_counter()
    findings = check_facts(matched, groups, suites)
    finished = time.perf_counter()
    return {
        "facts": len(facts),
        "seconds": round(finished - matched_at, 2),
        "match_seconds": round(matched_at - started, 2),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "findings": len(findings),
        "fails": int((findings["outcome"] == "fail").sum()),
        "passes": int((findings["outcome"] == "pass").sum()),
        "by_check": {f"{check}/{outcome}": int(n)
                     for (check, outcome), n in findings.groupby(["check", "outcome"]).size().items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.seed)))
        return
    results = []
    for size in args.sizes:
        command = [sys.executable, __file__, "--one", str(size), "--seed", str(args.seed)]
        result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        results.append(result)
        print(REPORT.format(**result), flush=True)
        print("   ", result["by_check"], flush=True)
    for small, large in zip(results, results[1:], strict=False):
        factor, ratio = large["facts"] / small["facts"], large["seconds"] / small["seconds"]
        print(f"time({factor:g}x) / time(1x) = {ratio:.1f} (target <= {1.1 * factor:g})")


if __name__ == "__main__":
    main()
