"""Review: editor decisions on findings, kept in a YAML reviews file that later runs read.

Decisions are keyed by ``finding_id``, which is stable across runs (a hash of the check and the
sorted claim ids), so a decision recorded today still applies after a re-run. A decision whose
finding no longer exists is *stale*: it is reported, never dropped from the file.

A decision names a finding of the latest run (:func:`resolve_finding_id`), and is recorded under a
lock on the file (:func:`record_review`), so decisions recorded at the same time are all kept.

File format (``reviews.yaml``)::

    reviews:
      3f9a0c2b71de:
        status: waived
        note: the 2030 figure is a scenario, not a forecast
        by: editor
        at: '2026-11-23T15:00:00+00:00'
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import yaml
from filelock import FileLock, Timeout
from rapidfuzz import fuzz, process

from recon.errors import FindingIdError, ReviewsFileError

DECISIONS = ("accepted", "waived", "fixed")
NOT_GATING = ("accepted", "waived")
"""Statuses that take a failing finding out of the gate; ``fixed`` still gates while it fails."""
SHORTEST_PREFIX = 8
"""A finding id may be given by its first 8 characters or more, when no other id starts the same."""
LOCK_WAIT_S = 60
"""How long ``recon review`` waits for another one to finish writing the reviews file."""


@dataclass(frozen=True)
class Review:
    """One editor decision on one finding."""

    finding_id: str
    status: str
    note: str
    by: str = ""
    at: str = ""

    def to_dict(self) -> dict:
        """The decision as stored in the file and in ``findings.json`` (without the id key)."""
        return {k: v for k, v in asdict(self).items() if k != "finding_id"}


def load_reviews(path: str | Path) -> dict[str, Review]:
    """Read the reviews file; a missing file means no decisions yet.

    :param path: the reviews YAML file.
    :raises ReviewsFileError: the file is not YAML or a decision is malformed (the key says which).
    """
    path = Path(path)
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ReviewsFileError(path, f"cannot read reviews: {error}") from error
    entries = data.get("reviews") if isinstance(data, dict) else None
    if entries is None:
        entries = {}
    if not isinstance(entries, dict):
        raise ReviewsFileError(path, "expected a mapping of finding id to decision", key="reviews")
    return {str(fid): _parse_review(path, str(fid), entry) for fid, entry in entries.items()}


def _parse_review(path: Path, finding_id: str, entry) -> Review:
    key = f"reviews.{finding_id}"
    if not isinstance(entry, dict):
        raise ReviewsFileError(path, "expected a mapping with status and note", key=key)
    status = _decision(path, entry.get("status"), key)
    return Review(finding_id, status, str(entry.get("note") or ""), str(entry.get("by") or ""),
                  str(entry.get("at") or ""))


def _decision(path: Path, status, key: str | None = None) -> str:
    """``status`` when it is a decision an editor can record (``open`` is where every finding starts)."""
    if status not in DECISIONS:
        raise ReviewsFileError(path, f"status must be one of {', '.join(DECISIONS)}, not {status!r}", key=key)
    return status


def record_review(
    path: str | Path, finding_id: str, status: str, note: str, by: str = "", at: datetime | None = None
) -> Review:
    """Record (or replace) the decision on ``finding_id`` and rewrite the file atomically, under its lock.

    :param path: the reviews YAML file; created when missing.
    :param finding_id: the id shown in the audit report and ``findings.json``.
    :param status: accepted, waived or fixed.
    :param note: why; shown next to the finding in later reports.
    :param by: who decided.
    :param at: when (defaults to now, UTC).
    :raises ReviewsFileError: bad status, empty id or note, or the file cannot be read or written.
    """
    path = Path(path)
    _decision(path, status)
    if not finding_id.strip() or not note.strip():
        raise ReviewsFileError(path, "a decision needs a finding id and a note")
    stamp = (at or datetime.now(timezone.utc)).isoformat(timespec="seconds")
    review = Review(finding_id.strip(), status, note.strip(), by, stamp)
    with locked(path):
        reviews = load_reviews(path)
        reviews[review.finding_id] = review
        write_reviews(path, reviews)
    return review


def review_command(finding_id: str) -> str:
    """The ``recon review`` line an editor runs to record a decision on ``finding_id``.

    >>> review_command("3f9a0c2b71de")
    'recon review 3f9a0c2b71de --status accepted --note "…"'
    """
    return f'recon review {finding_id} --status accepted --note "…"'


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold ``.<name>.lock`` beside the reviews file from reading it to replacing it.

    Without the lock, editors recording at once each read the same old file and the last replace
    wins: 20 concurrent ``recon review`` runs kept 10 decisions, all 20 reporting success.
    """
    folder = path.resolve().parent
    lock = FileLock(folder / f".{path.name}.lock", timeout=LOCK_WAIT_S)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except Timeout as error:
        raise ReviewsFileError(path, f"still locked by another recon review after {LOCK_WAIT_S} s "
                                     f"({lock.lock_file})") from error
    except OSError as error:
        raise ReviewsFileError(path, f"cannot lock reviews: {error.strerror or error}") from error
    try:
        yield
    finally:
        lock.release()


def load_finding_ids(path: str | Path) -> set[str]:
    """The ids of every finding in a run's ``findings.json``: the findings a decision may name.

    :param path: the ``findings.json`` of the latest ``recon audit``.
    :raises FindingIdError: the file is missing (run ``recon audit`` first) or not a findings.json.
    """
    from recon.gate import read_findings

    path = Path(path)
    if not path.exists():
        raise FindingIdError(path, "no findings to check the id against: run `recon audit` first, "
                                   "or pass --findings PATH of its findings.json")
    return {str(record["finding_id"]) for record in read_findings(path, FindingIdError)}


def resolve_finding_id(given: str, known: Iterable[str], path: str | Path) -> str:
    """The full id of the finding ``given`` names: itself, or the one id it starts (8+ characters).

    :param given: what the editor typed.
    :param known: the ids of the latest findings (:func:`load_finding_ids`).
    :param path: the findings file, named in the error.
    :raises FindingIdError: no finding, or several, match; the reason lists the closest ids.

    >>> resolve_finding_id("3f9a0c2b", ["3f9a0c2b71de", "5fba42c76503"], "findings.json")
    '3f9a0c2b71de'
    """
    given, known = given.strip(), sorted(set(known))
    if given in known:
        return given
    starting = [fid for fid in known if fid.startswith(given)] if given else []
    if starting and len(given) < SHORTEST_PREFIX:
        raise FindingIdError(path, f"{given!r} is too short for a prefix (at least {SHORTEST_PREFIX} "
                                   f"characters); ids starting with it: {', '.join(starting[:5])}")
    if len(starting) == 1:
        return starting[0]
    if starting:
        raise FindingIdError(path, f"{given!r} starts {len(starting)} finding ids: "
                                   f"{', '.join(starting[:5])}; give more characters")
    closest = [fid for fid, _, _ in process.extract(given, known, scorer=fuzz.ratio, limit=3)]
    hint = f"closest: {', '.join(closest)}" if closest else "the file holds no findings"
    raise FindingIdError(path, f"no finding {given!r}; {hint}")


def write_reviews(path: str | Path, reviews: dict[str, Review]) -> None:
    """Write all decisions via a temporary file in the same directory and ``os.replace``.

    A crash mid-write leaves the previous file intact: editors' decisions are never half-written.
    """
    path = Path(path)
    body = {"reviews": {fid: reviews[fid].to_dict() for fid in sorted(reviews)}}
    text = "# recon reviews: editor decisions keyed by finding id (see `recon review --help`)\n"
    text += yaml.safe_dump(body, allow_unicode=True, sort_keys=False)
    directory = path.resolve().parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise ReviewsFileError(path, f"cannot write reviews: {error.strerror or error}") from error


def apply_reviews(findings: pd.DataFrame, reviews: dict[str, Review]) -> tuple[pd.DataFrame, list[Review]]:
    """Set each finding's ``status`` from its decision; return (findings, stale decisions).

    :param findings: a ``Finding`` table (status ``open`` from the checks).
    :param reviews: decisions from :func:`load_reviews`.
    """
    findings = findings.copy()
    decided = findings["finding_id"].map(lambda fid: reviews[fid].status if fid in reviews else None)
    findings["status"] = decided.fillna(findings["status"]).astype(str)
    present = set(findings["finding_id"])
    stale = [reviews[fid] for fid in sorted(reviews) if fid not in present]
    return findings, stale
