"""Extraction throughput: characters per second through ``extract_claims``, one process and ``--jobs``.

Measured on the shared corpus, then on a corpus ``--scale`` times larger made of copies of it under
other document ids. Ingest runs once, outside the timing.

Usage: python benchmarks/bench_extract.py [PATH ...] [--repeat N] [--scale N] [--jobs N]

Run as a script, ``recon`` is imported from the environment, not from the current directory: in a
checkout other than the one the venv installs, run it with ``PYTHONPATH=.`` to time that checkout.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

from recon.extract import extract_claims
from recon.extract.parallel import extract_claims_in_processes
from recon.ingest import ingest_paths

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def scaled(documents: pd.DataFrame, segments: pd.DataFrame, scale: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``scale`` copies of the corpus, each document under a new id (copy number prefixed)."""
    docs, segs = [], []
    for copy in range(scale):
        docs.append(documents.assign(doc_id=f"{copy:04d}-" + documents["doc_id"]))
        segs.append(segments.assign(doc_id=f"{copy:04d}-" + segments["doc_id"]))
    return pd.concat(docs, ignore_index=True), pd.concat(segs, ignore_index=True)


def timed(run, repeat: int) -> tuple[float, float]:
    """Best wall and CPU seconds of ``repeat`` runs (CPU time of this process only)."""
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        run()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return min(wall), min(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(CORPUS)])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    documents, segments = ingest_paths(args.paths)
    chars = int(documents["chars"].sum())  # characters of the reports as written
    claims, _ = extract_claims(segments, documents)
    wall, cpu = timed(lambda: extract_claims(segments, documents), args.repeat)
    print(f"extract: {len(documents)} documents, {chars} chars, {len(claims)} claims; best of {args.repeat}: "
          f"wall {wall:.3f}s, CPU {cpu:.3f}s = {chars / cpu / 1e6:.2f}M chars/s per core")
    big_documents, big_segments = scaled(documents, segments, args.scale)
    big_chars = chars * args.scale
    wall, cpu = timed(lambda: extract_claims(big_segments, big_documents), 1)
    print(f"extract x{args.scale}: {big_chars} chars, 1 process: wall {wall:.2f}s, CPU {cpu:.2f}s "
          f"= {big_chars / cpu / 1e6:.2f}M chars/s per core")
    wall, _ = timed(lambda: extract_claims_in_processes(big_segments, big_documents, args.jobs), 1)
    print(f"extract x{args.scale}: --jobs {args.jobs}: wall {wall:.2f}s "
          f"= {big_chars / wall / 1e6:.2f}M chars/s")


if __name__ == "__main__":
    main()
