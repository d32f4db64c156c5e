"""Decode report bytes: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030 and Big5.

Big5 bytes often decode as GB18030 without error (into kana, Greek and rare characters), and some
GB18030 bytes decode as Big5, so a file that is not clean UTF-8 is decoded every way (UTF-8 with a
few damaged bytes replaced, GB18030, Big5 or its CP950 and HKSCS supersets) and the most plausible
text wins: the share of characters that are ASCII, common punctuation, or Chinese characters whose
simplified form is in GB2312 (the 6,763 common characters).
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

from recon.errors import UnreadableSourceError
from recon.ingest.clean import to_simplified

SAMPLE = 20_000
"""Characters of each candidate decoding scored for plausibility."""
PLAUSIBLE = 0.7
"""Below this share of plausible characters a decoding is noise (real Chinese text scores above 0.9;
Big5 read as GB18030 about 0.55)."""

LEGACY = [("gb18030",), ("big5", "cp950", "big5hkscs")]
"""Legacy Chinese encodings tried when a file is not UTF-8; the first of a family that decodes counts."""
DAMAGED_UTF8 = 0.005
"""UTF-8 with at most this share of undecodable bytes (a truncated character, a stray byte) is still
UTF-8, read with U+FFFD in their place."""

_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@lru_cache(maxsize=1)
def _plausible() -> re.Pattern:
    """One character class of ASCII text, CJK punctuation and the GB2312 Chinese characters."""
    hanzi = []
    for lead in range(0xB0, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                hanzi.append(bytes([lead, trail]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    common = "".join(hanzi) + "，。、；：？！“”‘’（）《》【】—…·％"
    return re.compile("[\t\n\r\x20-\x7e" + re.escape(common) + "]")


def plausibility(text: str) -> float:
    """Share of ``text`` (its first ``SAMPLE`` characters) that looks like Chinese or English prose."""
    sample = to_simplified(text[:SAMPLE])
    if not sample:
        return 0.0
    return len(_plausible().findall(sample)) / len(sample)


def looks_binary(data: bytes) -> bool:
    """NUL bytes (outside UTF-16) or many control characters mean the file is not text."""
    head = data[:8192]
    return b"\x00" in head or len(_CONTROL.findall(head.decode("latin-1"))) > len(head) * 0.05


def decode_bytes(data: bytes, path: str = "") -> tuple[str, str]:
    """Decode a text report, returning ``(text, encoding)``.

    :param data: the file's bytes.
    :param path: the file, named in the error.
    :raises UnreadableSourceError: empty, binary, or in none of the supported encodings.
    """
    text, encoding = _decode(data, path)
    if not text.strip():
        raise UnreadableSourceError(path, "empty file")
    return text, encoding


def _decode(data: bytes, path: str) -> tuple[str, str]:
    if not data.strip():
        raise UnreadableSourceError(path, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise UnreadableSourceError(path, f"cannot decode as {encoding}: {error.reason}") from error
    if looks_binary(data):
        raise UnreadableSourceError(path, "not a text file (binary content)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    lenient = data.decode("utf-8", errors="replace")
    if lenient.count("\ufffd") <= len(lenient) * DAMAGED_UTF8:
        candidates.append((lenient, "utf-8"))
    for family in LEGACY:
        for encoding in family:
            try:
                candidates.append((data.decode(encoding), encoding))
                break
            except UnicodeDecodeError:
                continue
    scored = [(plausibility(text), text, encoding) for text, encoding in candidates]
    best = max(scored, default=None, key=lambda candidate: candidate[0])
    if best is None or best[0] < PLAUSIBLE:
        raise UnreadableSourceError(path, "cannot decode as UTF-8, GB18030 or Big5")
    return best[1], best[2]
