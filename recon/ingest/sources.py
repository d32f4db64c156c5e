"""Which files a run reads, and what their manifest says about them.

Rules:

- a file named explicitly is always read (and reported if it is bad), whatever its extension and
  even when a directory named too holds it;
- a directory is read recursively for ``.txt .md .markdown .html .htm .pdf .docx .xlsx``; hidden
  files and folders (``.git``, ``.venv``) are ignored;
- nothing else found in a directory is dropped silently: a file of another type is a source with
  status ``skipped`` and the reason (``unsupported type .pptx``), a subdirectory that cannot be
  listed one with status ``error`` (``cannot list directory: Permission denied``);
- a ``manifest.yaml`` (``documents: [{file:, title:, publisher:, date:, language:}]``) governs its
  directory and the directories below it: only the files it lists are read from there, with its
  metadata; another file there is skipped as ``not listed in manifest.yaml``. ``README*`` files are
  left out without a word, manifest or not: a README describes a corpus, it is not a report in it.
  A manifest next to a file named explicitly gives that file's metadata;
- files come in the order of the arguments, a directory's in name order, each file once.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from recon.errors import ConfigError, SourceNotFoundError

FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf",
           ".docx": "docx", ".xlsx": "xlsx"}
MANIFEST = "manifest.yaml"
META_FIELDS = ("title", "publisher", "date", "language")


@dataclass
class Source:
    """A file to ingest and the metadata its manifest gives (empty when there is none).

    ``status`` is ``ok`` for a file to read, ``skipped`` for a file found but not read, ``error``
    for a directory that cannot be listed; ``reason`` says why for the last two.
    """

    path: Path
    meta: dict[str, str] = field(default_factory=dict)
    status: str = "ok"
    reason: str = ""


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m")
    return str(value).strip()


def entry_meta(entry: dict) -> dict[str, str]:
    """Title, publisher, date (``YYYY-MM`` at most) and language from a manifest or front matter entry."""
    meta = {name: _text(entry.get(name)) for name in META_FIELDS}
    meta["date"] = meta["date"][:7]
    return meta


def load_manifest(path: Path) -> dict[Path, dict[str, str]]:
    """Read a manifest into {absolute file path: metadata}.

    :param path: the ``manifest.yaml`` file.
    :raises ConfigError: the manifest is not valid YAML, misses ``documents``, or lists a file
        that does not exist (named by its key, e.g. ``documents[2].file``).
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ConfigError(path, f"cannot read manifest: {error}") from error
    documents = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(documents, list):
        raise ConfigError(path, "expected a list of documents", key="documents")
    entries = {}
    for index, entry in enumerate(documents):
        key = f"documents[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise ConfigError(path, "each document needs a 'file' name", key=key)
        file = (path.parent / entry["file"]).resolve()
        if not file.is_file():
            raise ConfigError(path, f"lists {entry['file']}, which does not exist", key=f"{key}.file")
        entries[file] = entry_meta(entry)
    return entries


def _walk(root: Path) -> tuple[list[Path], list[Source]]:
    """The files below ``root`` in a stable order, and the folders that could not be listed.

    Hidden files and folders (``.git``, ``.venv``) are left out.
    """
    files, unlisted = [], []

    def unreadable(error: OSError) -> None:
        reason = f"cannot list directory: {error.strerror or error}"
        unlisted.append(Source(Path(error.filename or root), status="error", reason=reason))

    for folder, subfolders, names in os.walk(root, onerror=unreadable):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        files.extend(Path(folder) / name for name in sorted(names) if not name.startswith("."))
    return files, unlisted


def _skip_reason(file: Path, entries: dict | None) -> str | None:
    """Why a file found in a directory is not read ('' when it is read), or None to leave it out unlisted."""
    if file.name == MANIFEST or file.name.lower().startswith("readme"):
        return None
    if entries is not None:
        return "" if file in entries else f"not listed in {MANIFEST}"
    if file.suffix.lower() not in FORMATS:
        return f"unsupported type {file.suffix.lower() or '(no extension)'}"
    return ""


def _governing(file: Path, manifests: dict[Path, dict]) -> dict | None:
    """The entries of the nearest manifest above ``file``, or None."""
    for directory in file.parents:
        if directory in manifests:
            return manifests[directory]
    return None


def find_sources(paths: Iterable[str | Path], manifest: str | Path | None = None) -> list[Source]:
    """The files to ingest under ``paths``, in a stable order, each with its manifest metadata.

    :param paths: files and directories.
    :param manifest: a manifest to use besides those found in the directories; it governs its
        own directory like one found there.
    :raises SourceNotFoundError: a path does not exist.
    :raises ConfigError: a manifest is malformed.
    """
    manifests: dict[Path, dict] = {}
    if manifest is not None:
        manifest = Path(manifest).resolve()
        if not manifest.is_file():
            raise SourceNotFoundError(manifest, "no such manifest")
        manifests[manifest.parent] = load_manifest(manifest)
    listings: list[tuple[Path, list[Path], list[Source]]] = []
    for path in map(Path, paths):
        if not path.exists():
            raise SourceNotFoundError(path, "no such file or directory")
        path = path.resolve()
        files, unlisted = _walk(path) if path.is_dir() else ([path], [])
        candidates = [f for f in files if f.name == MANIFEST] if path.is_dir() else [path.parent / MANIFEST]
        for found in candidates:
            if found.is_file() and found.parent not in manifests:
                manifests[found.parent] = load_manifest(found)
        listings.append((path, files, unlisted))
    named = {path for path, files, _ in listings if files == [path]}
    sources, seen = [], set()
    for _, files, unlisted in listings:
        for file in files:
            entries = _governing(file, manifests)
            reason = "" if file in named else _skip_reason(file, entries)
            if reason is not None and file not in seen:
                seen.add(file)
                status = "skipped" if reason else "ok"
                sources.append(Source(file, (entries or {}).get(file, {}), status=status, reason=reason))
        for folder in unlisted:
            if folder.path not in seen:
                seen.add(folder.path)
                sources.append(folder)
    return sources
