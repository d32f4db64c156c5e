"""The command line: parse options, call the library, render the result.

Exit codes: 0 gate passed (or nothing to gate), 1 gate failed, 2 usage or input error.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from recon import __version__
from recon.errors import ReconError


def renders_errors(command):
    """Turn a ``ReconError`` into one ``Error: <path>: <reason>`` line and exit status 2."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except ReconError as error:
            click.echo(f"Error: {error.render()}", err=True)
            sys.exit(2)

    return wrapper


def report_unreadable(documents) -> bool:
    """Print one error line per unreadable document; return whether there was any."""
    bad = documents[documents["status"] == "error"]
    for row in bad.itertuples():
        click.echo(f"Error: {row.path}: {row.error}", err=True)
    return not bad.empty


def write_table(df, path: Path) -> None:
    """Write a table as CSV, JSON or Parquet, chosen by the file's extension."""
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    if suffix == ".json":
        df.to_json(path, orient="records", force_ascii=False, indent=1)
    elif suffix == ".parquet":
        df.to_parquet(path, index=False)
    else:
        df.to_csv(path, index=False)


@click.group()
@click.version_option(__version__, prog_name="recon")
def main():
    """recon: audit the figures quoted in research reports."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(path_type=Path),
              help="facts file: .csv, .json or .parquet")
@click.option("--numbers", type=click.Path(path_type=Path),
              help="also write every number that is not a claim, with the reason")
@click.option("--jobs", default=1, show_default=True, type=click.IntRange(min=1),
              help="documents extracted in parallel processes")
@renders_errors
def extract(paths, out, numbers, jobs):
    """Extract quantitative claims from reports into a facts table.

    Example: recon extract ../shared/corpus --out facts.csv --numbers numbers.csv
    """
    from recon.pipeline import extract_facts

    result = extract_facts(paths, jobs=jobs)
    write_table(result.facts, out)
    if numbers:
        write_table(result.numbers, numbers)
    click.echo(f"{len(result.facts)} claims from {len(result.documents)} documents -> {out}", err=True)
    if report_unreadable(result.documents):
        sys.exit(2)
