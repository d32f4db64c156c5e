"""The command line: parse options, call the library, render the result.

Exit codes: 0 gate passed (or nothing to gate), 1 gate failed, 2 usage or input error.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from pathlib import Path

import click
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from recon import __version__
from recon.errors import OutputError, ReconError, SourceNotFoundError
from recon.gate import FAIL_ON
from recon.ingest import skipped_documents, unreadable_documents
from recon.review import DECISIONS


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
    """Print one line per skipped and per unreadable document; return whether any was unreadable."""
    for row in skipped_documents(documents).itertuples():
        click.echo(f"Skipped: {row.path}: {row.error}", err=True)
    bad = unreadable_documents(documents)
    for row in bad.itertuples():
        click.echo(f"Error: {row.path}: {row.error}", err=True)
    return not bad.empty


def expectations_option(command):
    """``--expectations DIR``: the glossary, match settings and suites to audit with."""
    from recon.pipeline import EXPECTATIONS_DIR

    return click.option(
        "--expectations", default=EXPECTATIONS_DIR, show_default="the suites shipped with recon",
        type=click.Path(path_type=Path, file_okay=False, exists=True),
        help="directory of metrics.yaml, matching.yaml and the suites",
    )(command)


def jobs_option(command):
    """``--jobs N``, shared by ``extract`` and ``audit``: by default every CPU this process may use.

    The tables are the same for every N, and one short document starts no process, so using the
    machine costs nothing and reads a report flattened into one long line in pieces (issue 10, item 7).
    """
    return click.option(
        "--jobs", default=available_cpus(), show_default="the CPUs recon may use", type=click.IntRange(min=1),
        help="processes extraction runs in: whole documents, or pieces of one long line",
    )(command)


def available_cpus() -> int:
    """The CPUs this process may run on (a container or ``taskset`` may allow fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def write_table(df, path: Path) -> None:
    """Write a table as CSV, JSON or Parquet, chosen by the file's extension."""
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    if suffix == ".json":
        df.to_json(path, orient="records", force_ascii=False, indent=1)
    elif suffix == ".parquet":
        df.to_parquet(path, index=False)
    else:
        write_csv(df, path)


#: What makes the csv module, and so ``DataFrame.to_csv``, quote a field: the delimiter, the quote
#: or a character of the line terminator.
NEEDS_QUOTES_RE = re.compile(r'[,"\n]')


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """Write what ``df.to_csv(path, index=False)`` writes, byte for byte, in a fraction of the time.

    The csv module formats field by field: 2.5 s for the 150 k facts of a 5 MB report (issue 10,
    item 7). Here Arrow quotes and joins whole columns; only floats are formatted by Python, as
    ``repr``, which is what pandas writes. A table with other column types is left to pandas.
    """
    if len(df.columns) < 2 or not all(t == "float64" or t.kind in "iu" or isinstance(t, pd.StringDtype)
                                      for t in df.dtypes):
        df.to_csv(path, index=False)  # a row of one empty field is quoted; other types format otherwise
        return
    with path.open("wb") as handle:
        handle.write((",".join(_quoted(str(name)) for name in df.columns) + "\n").encode())
        if df.empty:
            return
        table = pa.Table.from_pandas(df, preserve_index=False)
        fields = [_csv_field(df[name], table.column(i)) for i, name in enumerate(df.columns)]
        rows = pc.binary_join_element_wise(*fields, _large(","))
        lines = pc.binary_join_element_wise(rows, _large(""), _large("\n")).combine_chunks()
        offsets = memoryview(lines.buffers()[1]).cast("q")
        first, last = offsets[lines.offset], offsets[lines.offset + len(lines)]
        handle.write(memoryview(lines.buffers()[2])[first:last])


def _quoted(text: str) -> str:
    """A header field as the csv module writes it."""
    return f'"{text.replace(chr(34), chr(34) * 2)}"' if NEEDS_QUOTES_RE.search(text) else text


def _large(text: str):
    """A separator for Arrow's joins, of the type the fields have."""
    return pa.scalar(text, pa.large_string())


def _csv_field(series: pd.Series, column):
    """One column as CSV fields: missing values empty, quoted where the csv module would quote."""
    if series.dtype == "float64":
        values = pa.array([repr(x) if x == x else "" for x in series.tolist()], pa.large_string())
    else:
        values = pc.fill_null(pc.cast(column, pa.large_string()), "")
    needs = pc.match_substring_regex(values, NEEDS_QUOTES_RE.pattern)
    if not pc.any(needs).as_py():
        return values
    doubled = pc.replace_substring(values, '"', '""')
    quoted = pc.binary_join_element_wise(_large('"'), doubled, _large('"'), _large(""))
    return pc.if_else(needs, quoted, values)


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
@jobs_option
@expectations_option
@renders_errors
def extract(paths, out, numbers, jobs, expectations):
    """Extract quantitative claims from reports into a facts table.

    Example: recon extract ../shared/corpus --out facts.csv --numbers numbers.csv
    """
    from recon.pipeline import extract_facts

    result = extract_facts(paths, expectations, jobs=jobs)
    write_table(result.facts, out)
    if numbers:
        write_table(result.numbers, numbers)
    click.echo(f"{len(result.facts)} claims from {len(result.documents)} documents -> {out}", err=True)
    if report_unreadable(result.documents):
        sys.exit(2)


def stage_line():
    """A progress callback that names each stage on a terminal, or None when stderr is not a TTY."""
    if not sys.stderr.isatty():
        return None
    return lambda stage: click.echo(f"recon: {stage}…", err=True)


def reviews_option(command):
    """``--reviews PATH``, shared by ``audit`` (reads it) and ``review`` (writes it)."""
    return click.option(
        "--reviews", default=Path("reviews.yaml"), show_default=True,
        type=click.Path(path_type=Path, dir_okay=False), help="editor decisions file (YAML)",
    )(command)


def write_outputs(outputs: dict[str, str], out: Path) -> None:
    """Write each named text output into the directory ``out``."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, text in outputs.items():
            (out / name).write_text(text, encoding="utf-8")
    except OSError as error:
        raise OutputError(error.filename or out, error.strerror or str(error)) from error


def default_sources() -> Path:
    """``sources/`` of the current directory, what ``recon audit`` reads when no path is given."""
    sources = Path("sources")
    if not sources.is_dir():
        raise SourceNotFoundError(sources, "no sources/ directory here: name the reports to audit, "
                                           "e.g. recon audit REPORTS_DIR --out reports")
    return sources


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", default=Path("reports"), show_default=True, type=click.Path(path_type=Path),
              help="output directory for audit.html, facts.csv, findings.json, junit.xml")
@reviews_option
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="lowest severity of an unreviewed conflict ('Conflicts to decide') that fails the run")
@click.option("--fail-on-notes", type=click.Choice(FAIL_ON), default="never", show_default=True,
              help="the same for notes on the text (lost dashes, doubtful table cells)")
@click.option("--baseline", type=click.Path(path_type=Path, dir_okay=False),
              help="findings.json of an earlier run: only findings not in it count for the gate")
@jobs_option
@expectations_option
@renders_errors
def audit(paths, out, reviews, fail_on, fail_on_notes, baseline, jobs, expectations):
    """Audit the figures in reports and write the audit report (default: sources/ -> reports/).

    Exit 0 when the gate passes, 1 when it fails, 2 on a usage or input error (unreadable files
    are reported after the outputs for the other files are written).

    \b
    Example: recon audit sources --out reports --fail-on warning --baseline old/findings.json
    """
    from recon.gate import Gate, load_baseline
    from recon.pipeline import run_audit

    gate = Gate(fail_on, baseline=load_baseline(baseline) if baseline else None,
                baseline_path=str(baseline or ""), fail_on_notes=fail_on_notes)
    report = run_audit(paths or [default_sources()], expectations, reviews=reviews, gate=gate,
                       progress=stage_line(), jobs=jobs)
    write_outputs({
        "audit.html": report.to_html(),
        "facts.csv": report.to_csv(),
        "findings.json": report.to_findings_json(),
        "junit.xml": report.to_junit(),
    }, out)
    for line in report.to_summary():
        click.echo(line, err=True)
    click.echo(f"report: {out / 'audit.html'}", err=True)
    if report_unreadable(report.documents):
        sys.exit(2)
    sys.exit(0 if report.passed else 1)


@main.command()
@click.argument("finding_id")
@click.option("--status", required=True, type=click.Choice(DECISIONS),
              help="accepted or waived take the finding out of the gate; fixed keeps it in while it fails")
@click.option("--note", required=True, help="why: shown next to the finding in later reports")
@click.option("--by", default="", help="who decided")
@reviews_option
@click.option("--findings", default=Path("reports/findings.json"), show_default=True,
              type=click.Path(path_type=Path, dir_okay=False),
              help="findings.json of the latest audit: FINDING_ID must be one of its ids")
@renders_errors
def review(finding_id, status, note, by, reviews, findings):
    """Record an editor's decision on a finding (by its id in audit.html or findings.json).

    The id must name a finding of the latest audit (--findings); its first 8 characters or more
    are enough when no other id starts the same. Decisions recorded at the same time are all kept.

    \b
    Example: recon review 3f9a0c2b71de --status waived --note "2030 scenario, not a forecast" --by lin
    """
    from recon.review import load_finding_ids, record_review, resolve_finding_id

    full_id = resolve_finding_id(finding_id, load_finding_ids(findings), findings)
    decision = record_review(reviews, full_id, status, note, by)
    click.echo(f"{decision.finding_id}: {decision.status} -> {reviews}", err=True)


@main.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="print the differences as JSON")
@renders_errors
def diff(old, new, as_json):
    """Show what changed between two audit output directories; exit 1 on new failing findings.

    \b
    Example: recon diff reports/2024-03 reports/2024-04 --json
    """
    from recon.diff import diff_runs

    result = diff_runs(old, new)
    click.echo(result.to_json() if as_json else result.to_text(), nl=as_json)
    sys.exit(1 if result.new_failing else 0)
