"""The archive as a dataset: CSV or JSONL (one file per table) or one SQLite file, with a
datapackage.json manifest, optionally redacted for publication (see archive/redact.py)."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

import sqlite_utils

from archive.db import open_archive
from archive.redact import (
    Redaction,
    identifier_patterns,
    key_path,
    load_or_create_key,
    redact_database,
)
from archive.rows import iso_utc
from models import ArchiveError

DATASET_TABLES = (
    "documents",
    "signatories",
    "people",
    "document_people",
    "institutions",
    "document_institutions",
    "commitments",
    "mentions",
)
FORMATS = ("csv", "jsonl", "sqlite")
SQLITE_NAME = "expediente.db"
MANIFEST = "datapackage.json"
# Not part of the data: inbox paths of files that could not be read; the ledger of runs (the
# folders ingest was given, the host and process ids) and of each run's files; the machine's
# paths in the stat cache and in every document's locations.
UNPUBLISHED = ("failures", "run_files", "runs", "file_stats", "document_locations")
FILE_COLUMNS = ("original", "searchable_copy")
FIELD_TYPES = {"TEXT": "string", "INTEGER": "integer", "FLOAT": "number", "REAL": "number"}
ORIGINALS = (
    "documents.original is the original file's path relative to the archive's folder: "
    "<archive stem>.files/originals/<sha256[:2]>/<sha256[2:]><extension>; "
    "documents.searchable_copy: <archive stem>.files/derived/<sha256>/<name>."
)


def _backup(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite file (WAL included) through SQLite's backup API."""
    try:
        src, dst = sqlite3.connect(source), sqlite3.connect(target)
    except sqlite3.Error as exc:
        raise ArchiveError(f"cannot copy the archive {source} to {target}: {exc}") from exc
    try:
        src.backup(dst)
    except sqlite3.Error as exc:
        raise ArchiveError(f"cannot copy the archive {source} to {target}: {exc}") from exc
    finally:
        src.close()
        dst.close()


def _relative_paths(db: sqlite_utils.Database) -> None:
    """documents.path of documents archived before paths were stored relative to the ingested
    folder: only the file name is published, never the machine's folders."""
    with db.atomic():
        for row in list(db.query("select id, path from documents where path like '/%'")):
            name = PurePosixPath(row["path"]).name
            db.execute("update documents set path = ? where id = ?", [name, row["id"]])


def publication_copy(
    archive_path: Path, target: Path, *, redact: bool, key: bytes | None = None
) -> Redaction | None:
    """Write a copy of the archive to `target` without its unpublished tables and, when
    `redact`, redacted (links to the unredacted originals cleared); the copy is vacuumed so no
    removed value survives in free pages. Returns the redaction applied, if any."""
    archive_path, target = Path(archive_path), Path(target)
    open_archive(archive_path).close()  # migrated, so the copy has the current schema
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.unlink(missing_ok=True)
    _backup(archive_path, temporary)
    db = sqlite_utils.Database(temporary)
    try:
        db.execute("PRAGMA foreign_keys = OFF")  # private ids change in several tables
        for table in UNPUBLISHED:
            if db.table(table).exists():
                db.table(table).drop()
        _relative_paths(db)
        plan = None
        if redact:
            plan = redact_database(db, key or load_or_create_key(key_path(archive_path)))
            cleared = ", ".join(f"[{c}] = null" for c in FILE_COLUMNS)
            with db.atomic():
                db.execute(f"update documents set {cleared}")
        db.execute("PRAGMA journal_mode = DELETE")
        db.vacuum()
    finally:
        db.close()
    os.replace(temporary, target)
    return plan


def _order(db: sqlite_utils.Database, table: str) -> str:
    pks = db.table(table).pks
    return ", ".join(f"[{pk}]" for pk in pks) if pks else "rowid"


def _rows(db: sqlite_utils.Database, table: str) -> list[dict[str, Any]]:
    return [dict(row) for row in db.query(f"select * from [{table}] order by {_order(db, table)}")]


def _write_table(db: sqlite_utils.Database, table: str, path: Path, fmt: str) -> int:
    rows = _rows(db, table)
    with path.open("w", encoding="utf-8", newline="") as fh:
        if fmt == "csv":
            writer = csv.DictWriter(fh, fieldnames=db.table(table).columns_dict)
            writer.writeheader()
            writer.writerows(rows)
        else:
            fh.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    return len(rows)


def _resource(db: sqlite_utils.Database, table: str, path: str, fmt: str) -> dict[str, Any]:
    """A table's datapackage resource: file, row count, columns, primary and foreign keys."""
    t = db.table(table)
    fields = [{"name": c.name, "type": FIELD_TYPES.get(c.type.upper(), "any")} for c in t.columns]
    foreign = [
        {"fields": fk.column, "reference": {"resource": fk.other_table, "fields": fk.other_column}}
        for fk in t.foreign_keys
    ]
    resource: dict[str, Any] = {"name": table, "path": path, "format": fmt, "rows": t.count}
    if fmt == "sqlite":
        resource["table"] = table
    resource["schema"] = {"fields": fields, "primaryKey": t.pks, "foreignKeys": foreign}
    return resource


def _manifest(
    archive_path: Path, fmt: str, plan: Redaction | None, redact: bool, exported_at: str
) -> dict[str, Any]:
    manifest: dict[str, Any] = {
        "name": "expediente-dataset",
        "title": "expediente: official letters and press releases of Mexican public institutions",
        "created": exported_at,
        "source_archive": Path(archive_path).name,  # never the machine's folders
        "format": fmt,
        "redacted": redact,
        "ids": "documents.id is the sha256 of the file's bytes; other ids are the archive's own",
        "originals": ORIGINALS,
    }
    if plan is not None:
        manifest["redaction"] = {
            "identifiers": sorted({p.kind for p in identifier_patterns()}),
            "private_people": len(plan.pseudonyms),
            "pseudonyms": "Persona <hex>: keyed hash (HMAC-SHA256) of the folded name, the same "
            "in every export made with the archive's redaction key",
            "offsets": "start and end refer to the unredacted text",
            "originals": "links to unredacted originals are cleared",
        }
    return manifest


def export_archive(
    archive_path: Path,
    output: Path,
    fmt: str,
    *,
    redact: bool = False,
    key: bytes | None = None,
    exported_at: datetime | None = None,
) -> dict[str, Any]:
    """Write the dataset (documents, signatories, people, document_people, institutions,
    document_institutions, commitments, mentions; the archive's ids) to the folder `output` as
    csv or jsonl (one <table>.<fmt> per table) or sqlite (expediente.db), plus datapackage.json;
    returns that manifest. `redact` applies archive/redact.py with `key` (default: the key file
    beside the archive, created when missing)."""
    archive_path, output = Path(archive_path), Path(output)
    if fmt not in FORMATS:
        raise ArchiveError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
    if not archive_path.is_file():
        raise ArchiveError(f"no archive at {archive_path}: run `expediente ingest PATH` first")
    output.mkdir(parents=True, exist_ok=True)
    if redact and key is None:
        key = load_or_create_key(key_path(archive_path))
    resources: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(dir=output, prefix=".export-") as scratch:
        copy = output / SQLITE_NAME if fmt == "sqlite" else Path(scratch) / SQLITE_NAME
        plan = publication_copy(archive_path, copy, redact=redact, key=key)
        db = sqlite_utils.Database(copy)
        try:
            for table in (t for t in DATASET_TABLES if db.table(t).exists()):
                name = SQLITE_NAME if fmt == "sqlite" else f"{table}.{fmt}"
                if fmt != "sqlite":
                    _write_table(db, table, output / name, fmt)
                resources.append(_resource(db, table, name, fmt))
        finally:
            db.close()
    manifest = _manifest(archive_path, fmt, plan, redact, iso_utc(exported_at))
    manifest["resources"] = resources
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    (output / MANIFEST).write_text(text, encoding="utf-8")
    return manifest
