"""Developer sessions: ``nox -s tests``, ``nox -s lint``, ``nox -s bench``."""

from pathlib import Path

import nox

nox.options.sessions = ["lint", "tests"]
nox.options.reuse_existing_virtualenvs = True

BENCHMARKS = sorted(str(p) for p in Path("benchmarks").glob("bench_*.py"))


@nox.session
def tests(session):
    """Unit, CLI, browser and end-to-end tests, plus the doctests in the package."""
    session.install("-e", ".[test]")
    session.run("pytest", "-n", "2", "--doctest-modules", "recon", "tests", *session.posargs)


@nox.session
def lint(session):
    """Ruff over the package, tests and benchmarks."""
    session.install("ruff>=0.5")
    session.run("ruff", "check", "recon", "tests", "benchmarks", "scripts", "noxfile.py")


@nox.session
def bench(session):
    """Throughput of ingest and extraction; time and peak memory of match + check at 10k/100k/1M facts,
    of ``recon extract`` on a 5 MB report written on one line, and of ``recon audit`` on generated
    documents of 10k/30k/100k claims.

    ``nox -s bench -- bench_extract`` runs only the benchmarks whose file name contains a word given.
    """
    session.install("-e", ".[test]")
    for script in BENCHMARKS:
        if not session.posargs or any(word in script for word in session.posargs):
            session.run("python", script)
