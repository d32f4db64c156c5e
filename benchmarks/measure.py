"""Time and peak memory of one command run in its own process: what the end-to-end benchmarks report.

A benchmark that ran the pipeline in its own process would measure its own imports and leftovers
too; a child process measures only the command. Its CPU time and peak RSS come from ``wait4``, which
reports them for that child alone.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measured:
    """What one run of a command cost."""

    seconds: float
    """Wall time: what a user waits (the machine may be shared)."""
    cpu_seconds: float
    """User and system CPU time of the process: what the work costs, whatever else runs."""
    peak_rss_mib: float
    """The most memory the process held at once."""


def run_measured(command: list[str], cwd: Path) -> Measured:
    """Run ``command`` in ``cwd`` (its output discarded) and measure it.

    :raises SystemExit: the command failed; the message holds its exit code and standard error
    """
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a full pipe would block the child
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command[1:4])} failed ({process.returncode}): "
                             f"{errors.read().decode(errors='replace')}")
    return Measured(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
