"""Review: editor decisions on findings, kept in a YAML reviews file that later runs read.

Decisions are keyed by ``finding_id``, which is stable across runs (a hash of the check and the
sorted claim ids), so a decision recorded today still applies after a re-run. A decision whose
finding no longer exists is *stale*: it is reported, never dropped from the file.

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
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import yaml

from recon.errors import ReviewsFileError

DECISIONS = ("accepted", "waived", "fixed")
NOT_GATING = ("accepted", "waived")
"""Statuses that take a failing finding out of the gate; ``fixed`` still gates while it fails."""


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
    """Record (or replace) the decision on ``finding_id`` and rewrite the file atomically.

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
    reviews = load_reviews(path)
    stamp = (at or datetime.now(timezone.utc)).isoformat(timespec="seconds")
    review = Review(finding_id.strip(), status, note.strip(), by, stamp)
    reviews[review.finding_id] = review
    write_reviews(path, reviews)
    return review


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
