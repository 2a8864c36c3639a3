"""Where files were found: the stat cache (path, size, mtime, inode -> sha256) that lets a re-run
skip unchanged files without reading them, and every path each document's bytes were found at.

Paths are absolute (os.path.abspath, links not resolved), so the same inbox given as a relative
or an absolute path is the same set of keys."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from archive.rows import iso_utc
from models import path_text

_CHUNK = 500  # SQLite host parameters per IN (...) stay well under its limit
# A file whose mtime is this close to when it was hashed may have been written again within
# the same clock tick (git's "racily clean" entries): its cached sha256 is not trusted.
RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class FileStat:
    """What the stat cache compares: a file changed if any of these differ."""

    size: int
    mtime_ns: int
    inode: int

    @classmethod
    def of(cls, result: os.stat_result) -> FileStat:
        return cls(result.st_size, result.st_mtime_ns, result.st_ino)


def location_key(path: str | os.PathLike[str]) -> str:
    """The key a path is cached and located under: absolute, links not resolved, as
    displayable text (a name that is not UTF-8 is escaped, as everywhere in the archive)."""
    return path_text(os.path.abspath(path))


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _rows_where_in(
    db: sqlite_utils.Database, sql: str, values: Iterable[str]
) -> Iterator[dict[str, Any]]:
    wanted = list(dict.fromkeys(values))
    for chunk in _chunks(wanted):
        marks = ", ".join("?" for _ in chunk)
        yield from db.query(sql.format(marks=marks), list(chunk))


def cached_sha256(db: sqlite_utils.Database, stats: dict[str, FileStat]) -> dict[str, str]:
    """key -> sha256 for the files (by location_key) whose size, mtime and inode are those
    cached when their bytes were hashed, and not racily close to that moment."""
    found: dict[str, str] = {}
    sql = "select * from file_stats where path in ({marks})"
    for row in _rows_where_in(db, sql, stats):
        stat = stats[row["path"]]
        cached = FileStat(row["size"], row["mtime_ns"], row["inode"])
        if cached == stat and row["hashed_at_ns"] - stat.mtime_ns > RACY_NS:
            found[row["path"]] = row["sha256"]
    return found


def cache_stats(db: sqlite_utils.Database, hashed: Iterable[tuple[str, FileStat, str]]) -> None:
    """Remember (key, stat, sha256) of files just hashed, replacing what was cached for them."""
    now = time.time_ns()
    rows = [
        {
            "path": key,
            "size": stat.size,
            "mtime_ns": stat.mtime_ns,
            "inode": stat.inode,
            "sha256": sha,
            "hashed_at_ns": now,
        }
        for key, stat, sha in hashed
    ]
    if rows:
        with db.atomic():
            db.table("file_stats").upsert_all(rows, pk="path")


def locations_of(db: sqlite_utils.Database, sha256s: Iterable[str]) -> dict[str, set[str]]:
    """document id -> the paths (keys) its bytes were found at, for those with any."""
    found: dict[str, set[str]] = {}
    sql = "select document_id, path from document_locations where document_id in ({marks})"
    for row in _rows_where_in(db, sql, sha256s):
        found.setdefault(row["document_id"], set()).add(row["path"])
    return found


def record_locations(db: sqlite_utils.Database, found: Iterable[tuple[str, str]]) -> None:
    """Record (document id, key) pairs as places the document's bytes were found; a pair
    already recorded keeps its first sighting."""
    now = iso_utc(None)
    rows = [(sha, key, now) for sha, key in found]
    if rows:
        sql = (
            "INSERT OR IGNORE INTO [document_locations] ([document_id], [path], [first_seen]) "
            "VALUES (?, ?, ?)"
        )
        with db.atomic():
            db.conn.executemany(sql, rows)
