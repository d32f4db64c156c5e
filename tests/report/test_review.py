"""Reviews file: recording decisions, atomic writes, stale decisions, malformed files."""

import os
from datetime import datetime, timezone

import pytest
import yaml
from filelock import FileLock

import recon.review
from recon.errors import FindingIdError, ReviewsFileError
from recon.review import (
    Review,
    apply_reviews,
    load_finding_ids,
    load_reviews,
    record_review,
    resolve_finding_id,
)
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
    assert sorted(p.name for p in tmp_path.iterdir()) == [".reviews.yaml.lock", "reviews.yaml"]


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


def test_a_decision_waits_for_the_lock_and_says_so_when_it_is_never_released(tmp_path, monkeypatch):
    path = tmp_path / "reviews.yaml"
    monkeypatch.setattr(recon.review, "LOCK_WAIT_S", 0.2)
    with FileLock(tmp_path / ".reviews.yaml.lock"):
        with pytest.raises(ReviewsFileError, match="still locked by another recon review after 0.2 s"):
            record_review(path, "aaaaaaaaaaaa", "accepted", "fine", at=AT)
    assert not path.exists()
    record_review(path, "aaaaaaaaaaaa", "accepted", "fine", at=AT)
    assert list(load_reviews(path)) == ["aaaaaaaaaaaa"]


IDS = ["3f9a0c2b71de", "3f9a0c2b9e01", "5fba42c76503"]


@pytest.mark.parametrize("given, full", [
    ("5fba42c76503", "5fba42c76503"),
    ("5fba42c7", "5fba42c76503"),
    (" 3f9a0c2b71 ", "3f9a0c2b71de"),
])
def test_an_id_or_a_unique_prefix_of_eight_or_more_names_one_finding(given, full):
    assert resolve_finding_id(given, IDS, "findings.json") == full


@pytest.mark.parametrize("given, reason", [
    ("3f9a0c2b", "'3f9a0c2b' starts 2 finding ids: 3f9a0c2b71de, 3f9a0c2b9e01; give more characters"),
    ("5fba42c", "'5fba42c' is too short for a prefix (at least 8 characters); "
                "ids starting with it: 5fba42c76503"),
    ("5fba42c76508", "no finding '5fba42c76508'; closest: 5fba42c76503, "),
    ("", "no finding ''; closest: "),
])
def test_an_unknown_or_ambiguous_id_is_an_error_listing_the_closest(given, reason):
    with pytest.raises(FindingIdError) as error:
        resolve_finding_id(given, IDS, "findings.json")
    assert error.value.path == "findings.json" and error.value.reason.startswith(reason)


def test_with_no_findings_at_all_the_error_says_so():
    with pytest.raises(FindingIdError, match="no finding '5fba42c76503'; the file holds no findings"):
        resolve_finding_id("5fba42c76503", [], "findings.json")


def test_finding_ids_are_read_from_a_findings_json(build_report, tmp_path):
    path = tmp_path / "findings.json"
    path.write_text(build_report().to_findings_json(), encoding="utf-8")
    assert load_finding_ids(path) == set(tables.findings()["finding_id"])


def test_a_missing_findings_file_says_to_run_audit_first(tmp_path):
    with pytest.raises(FindingIdError, match="run `recon audit` first, or pass --findings"):
        load_finding_ids(tmp_path / "findings.json")
