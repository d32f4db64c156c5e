"""Encodings: UTF-8 with and without BOM, GB18030, Big5, and files that are not text at all."""

import codecs

import pytest

from recon.errors import UnreadableSourceError
from recon.ingest import ingest_paths
from recon.ingest.decode import decode_bytes

SIMPLIFIED = "2023年，中国人工智能核心产业规模为1751亿元，同比增长11.9%。深度学习行业市场现状供需分析。\n"


@pytest.fixture
def traditional(data_dir):
    return (data_dir / "traditional_big5.txt").read_text(encoding="utf-8")


def test_big5_is_told_from_gb18030(traditional):
    data = traditional.encode("big5")
    data.decode("gb18030")  # the trap: Big5 bytes are valid GB18030 too
    assert decode_bytes(data) == (traditional, "big5")


def test_gb18030_simplified_and_traditional(traditional):
    assert decode_bytes(SIMPLIFIED.encode("gb18030")) == (SIMPLIFIED, "gb18030")
    assert decode_bytes(traditional.encode("gb18030")) == (traditional, "gb18030")


def test_utf8_with_and_without_bom():
    assert decode_bytes(codecs.BOM_UTF8 + SIMPLIFIED.encode()) == (SIMPLIFIED, "utf-8-sig")
    assert decode_bytes(SIMPLIFIED.encode()) == (SIMPLIFIED, "utf-8")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n", "empty file"),
        (codecs.BOM_UTF8 + b"\r\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not a text file (binary content)"),
        (b"abc\x80def\xff\xff", "cannot decode as UTF-8, GB18030 or Big5"),
    ],
)
def test_unreadable_bytes(data, reason):
    with pytest.raises(UnreadableSourceError) as error:
        decode_bytes(data, "x.txt")
    assert error.value.reason == reason


def test_encoded_copies_give_the_same_segments(tmp_path, data_dir, traditional):
    for encoding in ("big5", "gb18030", "utf-8-sig"):
        (tmp_path / f"{encoding}.txt").write_bytes(traditional.encode(encoding))
    documents, segments = ingest_paths([tmp_path, data_dir / "traditional_big5.txt"])
    assert dict(zip(documents["doc_id"], documents["encoding"], strict=True)) == {
        "big5.txt": "big5", "gb18030.txt": "gb18030", "utf-8-sig.txt": "utf-8-sig",
        "traditional_big5.txt": "utf-8"}
    assert set(documents["language"]) == {"zh-Hant"}
    cleans = segments.groupby("doc_id")["clean"].apply(list)
    assert cleans.map(tuple).nunique() == 1
    assert "据产业协会统计,2023年中国人工智能核心产业规模达到1751亿元,同比增长11.9%。" in cleans["big5.txt"]


def test_bytes_that_decode_only_into_noise_are_refused():
    legacy_latin = ("Café au lait: naïve résumé, façade, déjà vu. " * 4).encode("cp1252")
    garbage = bytes(range(0x81, 0xFF)) * 8
    for data in (legacy_latin, garbage):
        with pytest.raises(UnreadableSourceError) as error:
            decode_bytes(data)
        assert error.value.reason == "cannot decode as UTF-8, GB18030 or Big5"


def test_utf8_with_a_few_damaged_bytes_stays_utf8():
    data = SIMPLIFIED.encode() * 20 + b"\xe4\xb8" + SIMPLIFIED.encode() * 20
    text, encoding = decode_bytes(data)
    assert encoding == "utf-8"
    assert text.count("\ufffd") == 1 and text.startswith(SIMPLIFIED)


def test_big5_superset_characters():
    text = "台灣積體電路製造公司營收成長€3億，恒常與裏外亦可編碼。" * 3 + "\n"
    data = text.encode("cp950")
    decoded, encoding = decode_bytes(data)
    assert (decoded, encoding) == (text, "cp950")
