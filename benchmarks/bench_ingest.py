"""Ingest throughput on the shared corpus: characters per second through ``ingest_paths``.

Usage: python benchmarks/bench_ingest.py [PATH ...] [--repeat N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from recon.ingest import ingest_paths

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(CORPUS)])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    started = time.perf_counter()
    documents, segments = ingest_paths(args.paths)
    first = time.perf_counter() - started
    wall, cpu = [], []
    for _ in range(args.repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        ingest_paths(args.paths)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    chars = int(documents["chars"].sum())
    # CPU time is what one core spends, whatever else the machine is running
    print(f"ingest: {len(documents)} documents, {chars} chars, {len(segments)} segments; "
          f"first run {first:.3f}s (includes OpenCC start-up); best of {args.repeat}: "
          f"wall {min(wall):.3f}s, CPU {min(cpu):.3f}s = {chars / min(cpu) / 1e6:.2f}M chars/s per core")


if __name__ == "__main__":
    main()
