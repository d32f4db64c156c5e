"""Which files are read, with what metadata, and how bad files become rows rather than crashes."""

import io
import os
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from recon.cli import main
from recon.errors import ConfigError, SourceNotFoundError
from recon.ingest import ingest_paths
from recon.schemas import Document, Segment

REPORT = "# 2024 人工智能发展白皮书\n\n深圳市人工智能行业协会 2024 年 4 月\n\n2023年产业规模为1751亿元。\n"


def write(path, content):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_directory_is_read_recursively_for_report_formats(tmp_path):
    write(tmp_path / "a.txt", REPORT)
    write(tmp_path / "sub" / "b.md", REPORT)
    write(tmp_path / "sub" / "notes.csv", "a,b\n1,2\n")
    write(tmp_path / "README.md", "# About this corpus\n\n5 reports.\n")
    documents, segments = ingest_paths([tmp_path])
    read = documents[documents["status"] == "ok"]
    assert sorted(read["doc_id"]) == ["a.txt", "b.md"]
    assert dict(zip(read["doc_id"], read["format"], strict=True)) == {"a.txt": "txt", "b.md": "md"}
    assert set(read["date"]) == {"2024-04"}
    assert set(read["title"]) == {"2024 人工智能发展白皮书"}
    first = segments[segments["doc_id"] == "a.txt"]
    assert first["line"].tolist() == [1, 2, 3, 4, 5, 6]
    assert first["page"].isna().all() and (first["col_offset"] == 0).all()
    assert first["block"].tolist()[0] == "heading"


def test_manifest_lists_the_documents_and_their_metadata(tmp_path):
    write(tmp_path / "a.txt", REPORT)
    write(tmp_path / "b.txt", REPORT)
    write(tmp_path / "README.md", "# corpus\n")
    write(tmp_path / "manifest.yaml", "documents:\n  - file: a.txt\n    title: 白皮书\n    publisher: 协会\n"
          "    date: 2023-12\n    language: zh\n")
    documents, _ = ingest_paths([tmp_path])
    documents = documents[documents["status"] == "ok"]
    assert documents[["doc_id", "title", "publisher", "date", "language"]].values.tolist() == [
        ["a.txt", "白皮书", "协会", "2023-12", "zh"]]


def test_manifest_option_and_explicit_files(tmp_path):
    write(tmp_path / "docs" / "a.txt", REPORT)
    manifest = write(tmp_path / "docs" / "meta.yaml", "documents:\n  - {file: a.txt, date: '2022-01'}\n")
    odd = write(tmp_path / "report.dat", REPORT)
    documents, _ = ingest_paths([tmp_path / "docs" / "a.txt", odd], manifest=manifest)
    assert dict(zip(documents["doc_id"], documents["date"], strict=True)) == {"a.txt": "2022-01",
                                                                             "report.dat": "2024-04"}


@pytest.mark.parametrize(
    ("manifest", "key"),
    [("documents: {a: 1}\n", "documents"), ("documents:\n  - title: x\n", "documents[0]"),
     ("documents:\n  - file: missing.txt\n", "documents[0].file"), ("documents: [\n", None)],
)
def test_malformed_manifest_is_a_config_error(tmp_path, manifest, key):
    write(tmp_path / "manifest.yaml", manifest)
    with pytest.raises(ConfigError) as error:
        ingest_paths([tmp_path])
    assert error.value.key == key
    assert error.value.path.endswith("manifest.yaml")


def test_missing_path_raises(tmp_path):
    with pytest.raises(SourceNotFoundError):
        ingest_paths([tmp_path / "nope.txt"])


def test_bad_files_are_rows_with_reasons(tmp_path):
    write(tmp_path / "good.txt", REPORT)
    write(tmp_path / "empty.txt", "")
    write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    write(tmp_path / "broken.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF")
    write(tmp_path / "latin.txt", b"caf\xe9 \x80\xff\xff")
    blob = write(tmp_path / "blob.bin", bytes(range(256)) * 4)
    documents, segments = ingest_paths([tmp_path, blob])
    Document.validate(documents)
    Segment.validate(segments)
    errors = documents.set_index("doc_id")
    assert errors.loc["good.txt", "status"] == "ok"
    assert errors.loc["empty.txt", "error"] == "empty file"
    assert errors.loc["image.txt", "error"] == "not a text file (binary content)"
    assert errors.loc["blob.bin", "format"] == "unknown"
    assert errors.loc["blob.bin", "error"] == "unsupported type .bin"
    assert errors.loc["broken.pdf", "error"].startswith("corrupt PDF: ")
    assert errors.loc["latin.txt", "error"] == "cannot decode as UTF-8, GB18030 or Big5"
    assert (errors.drop(index="good.txt")["status"] == "error").all()
    assert set(segments["doc_id"]) == {"good.txt"}


def test_same_file_name_in_two_folders_gets_distinct_ids(tmp_path):
    write(tmp_path / "2023" / "report.txt", REPORT)
    write(tmp_path / "2024" / "report.txt", REPORT)
    documents, _ = ingest_paths([tmp_path])
    assert sorted(documents["doc_id"]) == ["2023/report.txt", "2024/report.txt"]


def test_hidden_folders_are_not_scanned(tmp_path):
    write(tmp_path / "a.txt", REPORT)
    write(tmp_path / ".venv" / "lib" / "LICENSE.txt", "Copyright 2024\n")
    write(tmp_path / ".notes.md", "draft\n")
    documents, _ = ingest_paths([tmp_path])
    assert documents["doc_id"].tolist() == ["a.txt"]


def test_sources_keep_the_order_of_the_arguments(tmp_path):
    write(tmp_path / "dir" / "b.txt", REPORT)
    write(tmp_path / "dir" / "a.txt", REPORT)
    single = write(tmp_path / "z.txt", REPORT)
    documents, _ = ingest_paths([tmp_path / "dir", single, tmp_path / "dir" / "a.txt"])
    assert documents["doc_id"].tolist() == ["a.txt", "b.txt", "z.txt"]


def test_demo_corpus_is_read_as_its_manifest_lists_it(sources_dir):
    manifest = sources_dir / "manifest.yaml"
    if not manifest.is_file():
        pytest.skip("demo corpus not present")
    listed = yaml.safe_load(manifest.read_text(encoding="utf-8"))["documents"]
    documents, segments = ingest_paths([sources_dir])
    assert documents["doc_id"].tolist() == sorted(entry["file"] for entry in listed)
    assert (documents["status"] == "ok").all()
    by_file = documents.set_index("doc_id")
    for entry in listed:
        assert by_file.loc[entry["file"], "date"] == str(entry["date"])[:7]
    assert "README.md" not in set(segments["doc_id"])


def test_a_single_path_is_not_iterated_character_by_character(tmp_path):
    path = write(tmp_path / "a.txt", REPORT)
    documents, _ = ingest_paths(str(path))
    assert documents["doc_id"].tolist() == ["a.txt"]


def zip_bytes(*names: str) -> bytes:
    """A zip package holding ``names`` (a .pptx is one, with ``ppt/presentation.xml``)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name in names:
            package.writestr(name, "<x/>")
    return buffer.getvalue()


def test_files_of_other_types_in_a_directory_are_listed_as_skipped(tmp_path):
    write(tmp_path / "a.txt", REPORT)
    write(tmp_path / "deck" / "report.pptx", zip_bytes("ppt/presentation.xml"))
    write(tmp_path / "data.csv", "year,value\n2023,1751\n")
    write(tmp_path / "LICENSE", "MIT\n")
    write(tmp_path / "README.md", "# corpus\n")
    write(tmp_path / ".draft.pptx", zip_bytes("ppt/presentation.xml"))
    documents, segments = ingest_paths([tmp_path])
    Document.validate(documents)
    rows = documents.set_index("doc_id")[["status", "format", "error"]]
    assert rows.to_dict("index") == {
        "a.txt": {"status": "ok", "format": "txt", "error": ""},
        "data.csv": {"status": "skipped", "format": "unknown", "error": "unsupported type .csv"},
        "LICENSE": {"status": "skipped", "format": "unknown", "error": "unsupported type (no extension)"},
        "report.pptx": {"status": "skipped", "format": "unknown", "error": "unsupported type .pptx"},
    }
    assert set(segments["doc_id"]) == {"a.txt"}


def test_a_file_of_another_type_named_directly_is_an_error_with_that_reason(tmp_path):
    deck = write(tmp_path / "report.pptx", zip_bytes("ppt/presentation.xml"))
    image = write(tmp_path / "chart", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    notes = write(tmp_path / "notes.dat", REPORT)
    documents, _ = ingest_paths([deck, image, notes])
    rows = documents.set_index("doc_id")
    assert rows.loc["report.pptx", ["status", "error"]].tolist() == ["error", "unsupported type .pptx"]
    assert rows.loc["chart", ["status", "error"]].tolist() == ["error", "unsupported type (no extension)"]
    assert rows.loc["notes.dat", ["status", "format"]].tolist() == ["ok", "txt"]


def test_files_a_manifest_does_not_list_are_skipped_with_that_reason(tmp_path):
    write(tmp_path / "a.txt", REPORT)
    write(tmp_path / "draft.txt", REPORT)
    write(tmp_path / "README.md", "# corpus\n")
    write(tmp_path / "manifest.yaml", "documents:\n  - file: a.txt\n")
    documents, _ = ingest_paths([tmp_path])
    assert documents[["doc_id", "status", "error"]].values.tolist() == [
        ["a.txt", "ok", ""], ["draft.txt", "skipped", "not listed in manifest.yaml"]]


def test_an_unreadable_subdirectory_is_an_error_row(tmp_path, monkeypatch):
    write(tmp_path / "a.txt", REPORT)
    locked = tmp_path / "locked"
    write(locked / "b.txt", REPORT)
    scandir = os.scandir

    def refuse(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    # os.walk lists folders with os.scandir; refusing one stands in for a folder without read
    # permission (which root, running the CI container, could still read)
    monkeypatch.setattr(os, "scandir", refuse)
    documents, _ = ingest_paths([tmp_path])
    Document.validate(documents)
    rows = documents.set_index("doc_id")
    assert rows.loc["locked", ["status", "format", "error"]].tolist() == [
        "error", "directory", "cannot list directory: Permission denied"]
    assert rows.loc["a.txt", "status"] == "ok"


def test_the_cli_prints_skipped_files_and_fails_only_on_unreadable_ones(tmp_path):
    write(tmp_path / "in" / "a.txt", REPORT)
    write(tmp_path / "in" / "report.pptx", zip_bytes("ppt/presentation.xml"))
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "in"), "--out", str(tmp_path / "f.csv")])
    assert result.exit_code == 0, result.output
    assert f"Skipped: {tmp_path / 'in' / 'report.pptx'}: unsupported type .pptx" in result.stderr.splitlines()
    named = CliRunner().invoke(main, ["extract", str(tmp_path / "in" / "report.pptx"), "--out",
                                      str(tmp_path / "g.csv")])
    assert named.exit_code == 2
    deck = tmp_path / "in" / "report.pptx"
    assert named.stderr.splitlines()[-1] == f"Error: {deck}: unsupported type .pptx"
