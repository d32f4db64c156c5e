"""Which files are read, with what metadata, and how bad files become rows rather than crashes."""

import pytest
import yaml

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
    assert sorted(documents["doc_id"]) == ["a.txt", "b.md"]
    assert dict(zip(documents["doc_id"], documents["format"], strict=True)) == {"a.txt": "txt", "b.md": "md"}
    assert set(documents["date"]) == {"2024-04"}
    assert set(documents["title"]) == {"2024 人工智能发展白皮书"}
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
    assert errors.loc["blob.bin", "error"] == "not a text file (binary content)"
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
