"""Original files stored content-addressed beside the archive, and their derived copies.

Path convention (relative to the archive's folder, so the archive and its files move together):
  <archive stem>.files/originals/<sha256[:2]>/<sha256[2:]><extension, lower case>
  <archive stem>.files/derived/<sha256>/<name>   (e.g. the searchable PDF of a scan)
documents.original and documents.searchable_copy hold these relative paths."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from pathlib import Path, PurePosixPath

import sqlite_utils

from models import ArchiveError

# Datasette serves the archive's files folder (<stem>.files/) at /files/, nothing outside it.
FILES_MOUNT = "files"
_SHA256 = re.compile(r"[0-9a-f]{64}")
_BLOCK = 1 << 20


def files_folder(archive_path: Path) -> Path:
    """The folder holding an archive's files: archive.db -> archive.files beside it."""
    archive_path = Path(archive_path)
    return archive_path.parent / f"{archive_path.stem}.files"


def resolve_stored(archive_path: Path, relative: str) -> Path:
    """The absolute path of a file stored under a relative path returned by this module."""
    return Path(archive_path).parent / PurePosixPath(relative)


def _check_sha256(sha256: str) -> str:
    if not _SHA256.fullmatch(sha256):
        raise ArchiveError(f"not a lower-case sha256 hex digest: {sha256!r}")
    return sha256


def _relative(archive_path: Path, target: Path) -> str:
    return target.relative_to(Path(archive_path).parent).as_posix()


def staging_folder(archive_path: Path) -> Path:
    """Where copies are written before they take their place (same disk: the move is atomic);
    one folder, so a killed copy is found without walking every stored file."""
    return files_folder(archive_path) / ".incoming"


def _copy_atomically(source: Path, target: Path, staging: Path, sha256: str | None = None) -> None:
    """Copy `source` to `target` through a temporary file in `staging`, checking the copied
    bytes against `sha256` when given; `target` appears whole or not at all."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    handle, temporary = tempfile.mkstemp(prefix=".incoming-", dir=staging)
    try:
        with source.open("rb") as src, os.fdopen(handle, "wb") as dst:
            for block in iter(lambda: src.read(_BLOCK), b""):
                digest.update(block)
                dst.write(block)
        if sha256 is not None and digest.hexdigest() != sha256:
            raise ArchiveError(f"{source} does not have the sha256 {sha256}: it changed?")
        os.replace(temporary, target)
    except OSError as exc:
        raise ArchiveError(f"cannot store {source} as {target}: {exc}") from exc
    finally:
        Path(temporary).unlink(missing_ok=True)


def remove_stale_copies(archive_path: Path, older_than: float = 3600.0) -> int:
    """Delete temporary copies (".incoming-*") left by runs killed while copying, once they are
    older than `older_than` seconds (a running copy is younger); returns how many."""
    folder = staging_folder(archive_path)
    if not folder.is_dir():
        return 0
    cutoff = time.time() - older_than
    removed = 0
    for leftover in folder.glob(".incoming-*"):
        try:
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
                removed += 1
        except FileNotFoundError:
            continue  # another run removed or renamed it meanwhile
    return removed


_SUFFIX = re.compile(r"\.[a-z0-9]{1,10}")


def original_suffix(source: Path) -> str:
    """The extension the stored copy keeps, in lower case: only a short plain one (".pdf"), so
    a name that is not UTF-8 or 255 bytes long cannot break the copy's name ("" otherwise)."""
    suffix = source.suffix.lower()
    return suffix if _SUFFIX.fullmatch(suffix) else ""


def store_original(archive_path: Path, source: Path, sha256: str) -> str:
    """Copy `source` (whose bytes hash to `sha256`) to its content-addressed place beside the
    archive unless already there; returns the path relative to the archive's folder. The source
    is only read. Raises ArchiveError when the bytes do not match `sha256` or cannot be copied."""
    source = Path(source)
    _check_sha256(sha256)
    name = f"{sha256[2:]}{original_suffix(source)}"
    target = files_folder(archive_path) / "originals" / sha256[:2] / name
    if not target.is_file():
        _copy_atomically(source, target, staging_folder(archive_path), sha256)
    return _relative(archive_path, target)


def store_derived(archive_path: Path, sha256: str, name: str, source: Path) -> str:
    """Copy a file derived from the original `sha256` (e.g. "searchable.pdf") to
    <stem>.files/derived/<sha256>/<name>, replacing an earlier copy; returns the relative path."""
    _check_sha256(sha256)
    if not name or name in (".", "..") or Path(name).name != name or "\\" in name:
        raise ArchiveError(f"a derived file needs a plain file name, not {name!r}")
    target = files_folder(archive_path) / "derived" / sha256 / name
    if Path(source).resolve() != target.resolve():
        _copy_atomically(Path(source), target, staging_folder(archive_path))
    return _relative(archive_path, target)


def set_document_files(
    db: sqlite_utils.Database,
    sha256: str,
    *,
    original: str | None = None,
    searchable_copy: str | None = None,
) -> None:
    """Record where a document's original and searchable copy are stored (paths relative to the
    archive's folder); a value left None is not changed. Raises ArchiveError for an unknown id."""
    values = {"original": original, "searchable_copy": searchable_copy}
    changes = {column: value for column, value in values.items() if value is not None}
    with db.atomic():
        if not list(db.query("select 1 from documents where id = ?", [sha256])):
            raise ArchiveError(f"no document {sha256} in the archive")
        if changes:
            db.table("documents").update(sha256, changes)
