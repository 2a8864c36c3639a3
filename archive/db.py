"""The one way into an archive: open (or create) it, check it, migrate it."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils

from archive.folding import name_matches
from archive.migrations import migrate
from models import ArchiveError

SQLITE_MAGIC = b"SQLite format 3\x00"


def _check_file(path: Path) -> None:
    if path.is_dir():
        raise ArchiveError(f"{path} is a folder, not an archive file")
    if not path.parent.is_dir():
        raise ArchiveError(f"cannot create an archive at {path}: no folder {path.parent}")
    if path.is_file() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                raise ArchiveError(f"{path} is not an expediente archive (not a SQLite database)")


def _name_matches(query: str | None, name: str | None) -> int:
    return int(name_matches(query, name))


def open_archive(path: str | Path) -> sqlite_utils.Database:
    """Open the archive at `path`, creating it if missing, with every pending migration applied,
    WAL journaling and foreign keys on. Raises ArchiveError when the file cannot be an archive."""
    path = Path(path)
    _check_file(path)
    db: sqlite_utils.Database | None = None
    try:
        db = sqlite_utils.Database(path)
        db.execute("PRAGMA foreign_keys = ON")
        db.enable_wal()
        migrate(db)
    except sqlite3.DatabaseError as exc:
        if db is not None:
            db.close()
        if "readonly" in str(exc) or "read-only" in str(exc):
            raise ArchiveError(f"the archive {path} is read-only: {exc}") from exc
        raise ArchiveError(f"cannot open the archive {path}: {exc}") from exc
    register_functions(db)
    return db


def check_writable(path: str | Path) -> None:
    """Raise ArchiveError with one clear line unless the archive at `path` (created when
    missing) can be written: its folder exists and is writable, the file is an archive and
    is not read-only (tried with a real write lock, which also catches read-only disks)."""
    path = Path(path)
    folder = path.parent
    if folder.is_dir() and not os.access(folder, os.W_OK):
        raise ArchiveError(
            f"cannot write in the folder {folder} (read-only, or permission denied): "
            "the archive is written there"
        )
    if path.is_file() and not os.access(path, os.W_OK):
        raise ArchiveError(f"the archive {path} is read-only: ingest needs to write to it")
    db = open_archive(path)
    try:
        db.execute("BEGIN IMMEDIATE")
        db.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        raise ArchiveError(f"the archive {path} cannot be written: {exc}") from exc
    finally:
        db.close()


def register_functions(db: sqlite_utils.Database) -> None:
    """SQL functions the archive's queries use: name_matches(query, name) (folded substring
    or typo-tolerant word match). Registering twice is harmless."""
    db.register_function(_name_matches, deterministic=True, name="name_matches")
