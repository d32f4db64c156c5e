"""End-to-end ``recon audit`` of a generated document of 10 k, 30 k and 100 k claims, one a line.

Usage: python benchmarks/bench_audit.py [--sizes 10000 30000 100000] [--seed N] [--keep DIR]

Large generated reports once took over 300 s and 16 GB (issue 9, item 10). Each line states one
figure as a report would: market sizes in 亿元 and US dollars, growth rates, shares, counts of
companies and compute in EFLOPS, for a few dozen metrics, twenty places and ten years, in Chinese
and English. Most statements of a figure repeat its one value (rounded as writers round), one in
eight states another value: a conflict to find. Each size runs ``python -m recon audit`` in its own
process, whose CPU time and peak RSS are read from ``wait4``. Targets for 100 k claims: < 120 s,
< 4 GiB, memory growing linearly with the claims.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

import numpy as np
from measure import run_measured

ROOT = Path(__file__).resolve().parents[1]
PLACES = ["中国", "全球", "美国", "深圳", "北京", "上海", "广东", "杭州", "江苏", "浙江", "成都", "武汉",
          "南京", "苏州", "合肥", "西安", "天津", "重庆", "欧洲", "日本"]
FIELDS = ["人工智能", "智能算力", "工业软件", "数据中心", "大模型", "自动驾驶", "智能制造", "云计算",
          "机器人", "集成电路", "工业互联网", "数字经济", "智能终端", "边缘计算", "网络安全"]
PLACES_EN = ["China", "the world", "the US", "Shenzhen", "Beijing", "Shanghai", "Guangdong", "Hangzhou",
             "Jiangsu", "Zhejiang", "Chengdu", "Wuhan", "Nanjing", "Suzhou", "Hefei", "Xi'an", "Tianjin",
             "Chongqing", "Europe", "Japan"]
FIELDS_EN = ["AI", "intelligent computing", "industrial software", "data centre", "large model",
             "autonomous driving", "smart manufacturing", "cloud computing", "robotics", "integrated circuit",
             "industrial internet", "digital economy", "smart device", "edge computing", "cybersecurity"]
#: (template, unit of the drawn value): {p} place, {f} field ({pe}, {fe} in English), {y} year, {v} value.
TEMPLATES = [
    ("{y}年{p}{f}市场规模达到{v}亿元。", "亿元"),
    ("{y}年{p}{f}产业规模约为{v}亿元，保持较快增长。", "亿元"),
    ("{p}{f}市场规模同比增长{v}%（{y}年）。", "%"),
    ("截至{y}年底，{p}{f}相关企业数量超过{v}家。", "家"),
    ("{y}年{p}{f}在全国的占比为{v}%。", "%"),
    ("{y}年{p}智能算力规模达到{v}EFLOPS。", "EFLOPS"),
    ("In {y}, the {fe} market in {pe} reached {v} billion US dollars.", "USD"),
    ("预计到{y}年，{p}{f}市场规模将突破{v}亿元。", "亿元"),
]
CONFLICT = 8
"""One statement in this many states a value other than its figure's."""


def generate(size: int, seed: int) -> str:
    """``size`` lines, one figure each; figures repeat across lines, a few with another value."""
    rng = np.random.default_rng(seed)
    kind = rng.integers(len(TEMPLATES), size=size)
    place = rng.integers(len(PLACES), size=size)
    field = rng.integers(len(FIELDS), size=size)
    year = rng.integers(2016, 2031, size=size)
    # one value per (template, place, field, year), drawn from the key so repeats agree
    key = ((kind * len(PLACES) + place) * len(FIELDS) + field) * 100 + year % 100
    truth = np.random.default_rng(seed + 1).lognormal(4, 1.5, key.max() + 1)[key]
    percent = np.array([TEMPLATES[k][1] == "%" for k in kind])
    truth = np.where(percent, truth % 60 + 1, truth)
    conflict = rng.integers(CONFLICT, size=size) == 0
    value = np.where(conflict, truth * rng.uniform(1.3, 3, size), truth)
    lines = []
    for k, p, f, y, v in zip(kind, place, field, year, value, strict=True):
        template, unit = TEMPLATES[k]
        written = f"{v:.1f}" if unit in ("%", "USD") else f"{v:,.0f}" if unit != "家" else f"{int(v) + 1}"
        lines.append(template.format(y=y, p=PLACES[p], f=FIELDS[f], pe=PLACES_EN[p], fe=FIELDS_EN[f],
                                     v=written))
    return "\n".join(lines) + "\n"


def run_audit(path: Path, out: Path) -> dict:
    """``python -m recon audit path``: wall and CPU seconds and peak RSS of that process alone."""
    measured = run_measured([sys.executable, "-m", "recon", "audit", str(path), "--out", str(out),
                             "--fail-on", "never"], ROOT)
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    fails = sum(f["outcome"] == "fail" for f in findings)
    return {**asdict(measured), "findings": len(findings), "fails": fails,
            "html_mib": (out / "audit.html").stat().st_size / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[10_000, 30_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="write the generated documents and reports here")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            path = folder / f"claims-{size}.txt"
            path.write_text(generate(size, args.seed), encoding="utf-8")
            result = run_audit(path, folder / f"audit-{size}")
            results.append((size, result))
            print(f"audit: {size:>7,} claims {result['seconds']:7.2f}s (CPU {result['cpu_seconds']:.2f}s)  "
                  f"peak RSS {result['peak_rss_mib']:6.0f} MiB  {result['findings']:,} findings, "
                  f"{result['fails']:,} failing; audit.html {result['html_mib']:.1f} MiB  "
                  f"(load {os.getloadavg()[0]:.1f})", flush=True)
    for (small, a), (large, b) in zip(results, results[1:], strict=False):
        print(f"x{large / small:g} claims: CPU time x{b['cpu_seconds'] / a['cpu_seconds']:.1f}, "
              f"peak RSS x{b['peak_rss_mib'] / a['peak_rss_mib']:.1f}")


if __name__ == "__main__":
    main()
