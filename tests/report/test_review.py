"""Reviews file: recording decisions, atomic writes, stale decisions, malformed files."""

import os
from datetime import datetime, timezone

import pytest
import yaml

from recon.errors import ReviewsFileError
from recon.review import Review, apply_reviews, load_reviews, record_review
from tests.report import tables

AT = datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc)


def test_a_missing_file_means_no_decisions(tmp_path):
    assert load_reviews(tmp_path / "reviews.yaml") == {}


def test_record_writes_yaml_that_loads_back(tmp_path):
    path = tmp_path / "reviews.yaml"
    record_review(path, "5fba42c76503", "waived", "different scope", by="lin", at=AT)
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == {"reviews": {"5fba42c76503": {
        "status": "waived", "note": "different scope", "by": "lin", "at": "2026-11-23T15:00:00+00:00"}}}
    assert load_reviews(path) == {
        "5fba42c76503": Review("5fba42c76503", "waived", "different scope", "lin",
                               "2026-11-23T15:00:00+00:00")
    }


def test_a_second_decision_on_the_same_finding_replaces_the_first_and_keeps_others(tmp_path):
    path = tmp_path / "reviews.yaml"
    record_review(path, "aaaaaaaaaaaa", "accepted", "fine", at=AT)
    record_review(path, "bbbbbbbbbbbb", "waived", "scenario", at=AT)
    record_review(path, "aaaaaaaaaaaa", "fixed", "corrected in v2", at=AT)
    reviews = load_reviews(path)
    statuses = {fid: r.status for fid, r in reviews.items()}
    assert statuses == {"aaaaaaaaaaaa": "fixed", "bbbbbbbbbbbb": "waived"}


def test_a_failed_write_leaves_the_previous_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "reviews.yaml"
    record_review(path, "aaaaaaaaaaaa", "accepted", "fine", at=AT)
    before = path.read_text(encoding="utf-8")

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(ReviewsFileError, match="No space left on device"):
        record_review(path, "bbbbbbbbbbbb", "waived", "scenario", at=AT)
    assert path.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reviews.yaml"]


@pytest.mark.parametrize("text, key", [
    ("reviews: [1, 2]\n", "reviews"),
    ("reviews:\n  abc: waived\n", "reviews.abc"),
    ("reviews:\n  abc: {status: ignored, note: x}\n", "reviews.abc"),
])
def test_malformed_decisions_name_the_key(tmp_path, text, key):
    path = tmp_path / "reviews.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReviewsFileError) as error:
        load_reviews(path)
    assert error.value.key == key and error.value.path == str(path)


def test_a_file_that_is_not_yaml_is_a_reviews_error(tmp_path):
    path = tmp_path / "reviews.yaml"
    path.write_text("reviews: {abc: [\n", encoding="utf-8")
    with pytest.raises(ReviewsFileError, match="cannot read reviews"):
        load_reviews(path)


@pytest.mark.parametrize("status, note", [("ignored", "x"), ("waived", "  ")])
def test_bad_decisions_are_refused_before_writing(tmp_path, status, note):
    with pytest.raises(ReviewsFileError):
        record_review(tmp_path / "reviews.yaml", "aaaaaaaaaaaa", status, note)
    assert not (tmp_path / "reviews.yaml").exists()


def test_apply_sets_status_and_lists_stale_decisions():
    findings = tables.findings()
    error_id = findings.query("severity == 'error'")["finding_id"].item()
    reviews = {
        error_id: Review(error_id, "accepted", "ok"),
        "0123456789ab": Review("0123456789ab", "waived", "finding gone"),
    }
    reviewed, stale = apply_reviews(findings, reviews)
    assert dict(zip(reviewed["finding_id"], reviewed["status"], strict=True))[error_id] == "accepted"
    assert (reviewed["status"] == "open").sum() == len(findings) - 1
    assert [r.finding_id for r in stale] == ["0123456789ab"]
    assert set(findings["status"]) == {"open"}  # the input is not modified
