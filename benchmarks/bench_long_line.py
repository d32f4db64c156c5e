"""``recon extract`` on a report flattened into one line: time, peak memory and the facts file's size.

Usage: python benchmarks/bench_long_line.py [--sizes 1000000 5000000] [--seed N] [--keep DIR] [--jobs N]

PDF and HTML dumps often hold a whole report on one line (issue 10, item 7). The file is generated:
mixed Chinese and English sentences with levels, growth rates, CAGRs, shares, counts and compute
figures, a few sentences without figures, and no newline at all. Each size runs ``python -m recon
extract`` in its own process, with its default ``--jobs``: the line is read in pieces by as many
processes as there are CPUs. Peak memory is that of the process and its workers together. Targets
for 5 MB: < 15 s, < 1 GiB; a quote is at most 300 characters, so the facts file grows with the
claims, not with the line; time and memory grow linearly with the size.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import threading
from dataclasses import asdict
from pathlib import Path

import numpy as np
from measure import run_measured

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ["人工智能", "智能算力", "工业软件", "数据中心", "大模型", "自动驾驶", "智能制造", "云计算",
          "机器人"]
FIELDS_EN = ["AI server", "generative AI", "cloud computing", "data centre", "edge computing", "robotics"]
PLACES = ["深圳", "北京", "上海", "广东", "杭州", "全国", "全球", "美国"]
COMPANIES = ["Acme Cloud", "Nimbus Compute", "Orion Chips", "Vega Robotics"]
TEMPLATES = [
    "{y}年{p}{f}市场规模达到{v}亿元，同比{trend}{g}%。",
    "预计到{y2}年，{p}{f}出货量将突破{n}万台，{k}年复合增长率约为{c}%。",
    "其中，{p}{f}企业数量超过{n}家，占全国比重为{s}%，较上年提升{d}个百分点。",
    "截至{y}年底，我国算力总规模达到{n}EFLOPS，智能算力占比{s}%。",
    "报告指出，{f}渗透率从{y}年的{a}%提升至{y2}年的{b}%",
    "In {y}, the global {fe} market reached {v} billion US dollars, up {g}% year on year.",
    "Shipments of {fe} systems are expected to exceed {n} million units by {y2}, a CAGR of {c}%.",
    "{co} reported revenue of ${v} billion for {y}, while its share rose to {s}% "
    "(about {a} percent in {y2}).",
    "这一趋势在各地政策的支持下进一步加快，产业链上下游协同不断加强；",
    "Analysts expect demand for compute to keep growing as models scale",
    "{p}{f}相关融资事件{n}起，融资金额约{v}亿元，平均单笔{a}亿元。",
    "表{k} {p}{f}主要指标 {y} {y2} 营业收入(亿元) {v} {b} 毛利率(%) {s} {a} ",
    "2025-2030年中國{f}市場規模將達到{v}億元，深度學(xué)習(xí)年複合增長率維持在{c}%?{i}。",
]
#: One paragraph in this many loses its sentence ends (。 read as ，, no space after a full stop), as
#: PDF conversion often does, and runs on for 200 to 3,000 sentences: tens of thousands of characters
#: with no sentence end.
RUN_ON = 4


def generate(size: int, seed: int) -> str:
    """About ``size`` characters of report text on one line: sentences from the templates, filled in."""
    rng = np.random.default_rng(seed)
    parts: list[str] = []
    length = 0
    while length < size:
        if rng.integers(RUN_ON) == 0:
            paragraph = [sentence(rng).replace("。", "，").replace(". ", " ")
                         for _ in range(rng.integers(200, 3000))]
        else:
            paragraph = [sentence(rng) for _ in range(rng.integers(20, 60))]
        parts.extend(paragraph)
        length += sum(len(s) for s in paragraph)
    return "".join(parts)


def sentence(rng: np.random.Generator) -> str:
    """One sentence from a template, its figures drawn at random."""
    template = TEMPLATES[rng.integers(len(TEMPLATES))]
    year = int(rng.integers(2018, 2026))
    text = template.format(
        y=year, y2=year + int(rng.integers(1, 6)), k="五三四"[rng.integers(3)], i=int(rng.integers(1, 60)),
        p=PLACES[rng.integers(len(PLACES))], f=FIELDS[rng.integers(len(FIELDS))],
        fe=FIELDS_EN[rng.integers(len(FIELDS_EN))], co=COMPANIES[rng.integers(len(COMPANIES))],
        v=f"{rng.lognormal(5, 1.5):,.1f}", g=f"{rng.uniform(0.5, 60):.1f}", n=int(rng.integers(2, 9000)),
        trend=["增长", "下降"][rng.integers(2)],
        c=f"{rng.uniform(2, 45):.1f}", s=f"{rng.uniform(1, 90):.1f}", d=f"{rng.uniform(0.1, 9):.1f}",
        a=f"{rng.uniform(1, 40):.1f}", b=f"{rng.uniform(40, 95):.1f}",
    )
    return text + (" " if text.isascii() else "")


def run_extract(path: Path, out: Path, jobs: int | None) -> dict:
    """``python -m recon extract path``: wall and CPU seconds (its workers' included), and the peak
    memory of the process and its workers together."""
    command = [sys.executable, "-m", "recon", "extract", str(path), "--out", str(out)]
    peak = TreeMemory()
    with peak:
        measured = run_measured(command + (["--jobs", str(jobs)] if jobs else []), ROOT)
    with out.open(encoding="utf-8", newline="") as handle:
        quotes = [len(row["quote"]) for row in csv.DictReader(handle)]
    return {**asdict(measured), "tree_mib": max(peak.mib, measured.peak_rss_mib), "claims": len(quotes),
            "longest_quote": max(quotes, default=0), "facts_mib": out.stat().st_size / 2**20}


class TreeMemory:
    """The peak, over a run, of the memory this process's children and their workers hold together.

    ``wait4`` reports the largest process of the tree, not their sum. Forked workers share the pages
    they did not write with their parent, so each process's proportional set size (PSS) is summed.
    """

    def __init__(self, every: float = 0.05):
        self.every, self.mib = every, 0.0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self.sample, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.done.set()
        self.thread.join()

    def sample(self) -> None:
        while not self.done.wait(self.every):
            self.mib = max(self.mib, sum(map(pss_kib, descendants(os.getpid()))) / 1024)


def descendants(pid: int) -> list[int]:
    """The processes below ``pid``, from /proc."""
    found, todo = [], [pid]
    while todo:
        try:
            children = Path(f"/proc/{todo.pop()}/task").glob("*/children")
            pids = [int(c) for f in children for c in f.read_text().split()]
        except OSError:
            continue
        found += pids
        todo += pids
    return found


def pss_kib(pid: int) -> int:
    """The proportional set size of ``pid`` (0 once it has ended)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in text.splitlines() if line.startswith("Pss:")), 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[1_000_000, 5_000_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="write the generated files and facts here")
    parser.add_argument("--jobs", type=int, help="passed to recon extract (default: its own default)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        results = []
        for size in args.sizes:
            path = folder / f"one-line-{size}.txt"
            path.write_text(generate(size, args.seed), encoding="utf-8")
            result = run_extract(path, folder / f"facts-{size}.csv", args.jobs)
            results.append((size, result))
            print(f"long line: {size / 1e6:5.1f}M chars {result['seconds']:7.2f}s "
                  f"(CPU {result['cpu_seconds']:.2f}s)  peak memory "
                  f"{result['tree_mib']:6.0f} MiB (largest process {result['peak_rss_mib']:.0f})  "
                  f"{result['claims']:,} claims, facts.csv "
                  f"{result['facts_mib']:.1f} MiB, longest quote {result['longest_quote']}  "
                  f"(load {os.getloadavg()[0]:.1f})", flush=True)
    for (small, a), (large, b) in zip(results, results[1:], strict=False):
        print(f"x{large / small:g} chars: CPU time x{b['cpu_seconds'] / a['cpu_seconds']:.1f}, "
              f"peak memory x{b['tree_mib'] / a['tree_mib']:.1f}")


if __name__ == "__main__":
    main()
