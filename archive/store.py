"""Writing to the archive: documents with everything extracted from them, and failures."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from functools import cache
from pathlib import Path

import sqlite_utils

from archive.resolve import Resolver
from archive.rows import Row, document_row, iso_utc, mention_rows, page_rows, provenance
from models import (
    ArchiveError,
    DocumentText,
    Extraction,
    ExtractionFailure,
    Person,
    Signatory,
    path_text,
    printable,
)

# Rows that belong to one document and are replaced whole when it is stored again.
DOCUMENT_TABLES = (
    "pages",
    "signatories",
    "document_people",
    "document_institutions",
    "commitments",
    "mentions",
)
_CHUNK = 500  # SQLite host parameters per IN (...) stay well under its limit


def known_sha256(
    db: sqlite_utils.Database, sha256s: Iterable[str], *, with_original: bool = False
) -> set[str]:
    """The subset of `sha256s` already archived as documents; with `with_original`, only those
    whose original copy is recorded (a document stored by an older version without one is
    archived again, which completes it)."""
    wanted = list(dict.fromkeys(sha256s))
    found: set[str] = set()
    complete = " and original is not null" if with_original else ""
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        sql = f"select id from documents where id in ({marks}){complete}"
        found.update(row["id"] for row in db.query(sql, chunk))
    return found


def known_failures(
    db: sqlite_utils.Database, versions: tuple[str, ...]
) -> dict[tuple[str, str], str]:
    """(path, sha256) -> reason for the files that failed with these extractor versions: the
    same bytes at the same path would fail the same way again."""
    rows = db.query(
        "select path, sha256, reason from failures where sha256 is not null and versions = ?",
        [",".join(versions)],
    )
    return {(row["path"], row["sha256"]): row["reason"] for row in rows}


def _named_row(doc_id: str, position: int, named: Signatory | Person, resolver: Resolver) -> Row:
    """The columns signatories and document_people share: who, as printed, and where."""
    return {
        "document_id": doc_id,
        "position": position,
        "person_id": resolver.person(
            named.name, institution=named.institution, cargo=named.cargo, title=named.title
        ),
        "name": named.name,
        "honorific": named.honorific,
        "title": named.title,
        "cargo": named.cargo,
        "institution": named.institution,
        "institution_id": resolver.institution(named.institution),
        **provenance(named.prov),
    }


def _signatory_rows(doc_id: str, extraction: Extraction, resolver: Resolver) -> list[Row]:
    return [
        {**_named_row(doc_id, position, s, resolver), "capacity": s.capacity}
        for position, s in enumerate(extraction.signatories, start=1)
    ]


def _people_rows(doc_id: str, extraction: Extraction, resolver: Resolver) -> list[Row]:
    return [
        {**_named_row(doc_id, position, p, resolver), "role": p.role}
        for position, p in enumerate(extraction.people, start=1)
    ]


def _institution_rows(doc_id: str, extraction: Extraction, resolver: Resolver) -> list[Row]:
    return [
        {
            "document_id": doc_id,
            "position": position,
            "institution_id": resolver.institution(i.name, i.acronym),
            "printed": i.printed or i.name,
            **provenance(i.prov),
        }
        for position, i in enumerate(extraction.institutions, start=1)
    ]


def _commitment_rows(doc_id: str, extraction: Extraction, resolver: Resolver) -> list[Row]:
    rows = []
    for position, c in enumerate(extraction.commitments, start=1):
        key = f"{doc_id}|commitment|{position}|{c.text}"
        rows.append(
            {
                "id": hashlib.sha256(key.encode()).hexdigest()[:16],
                "document_id": doc_id,
                "actor": c.actor,
                "actor_institution_id": resolver.institution(c.actor, create=False),
                "text": c.text,
                "predicate": c.predicate,
                **provenance(c.prov),
            }
        )
    return rows


def _delete_document_rows(db: sqlite_utils.Database, doc_id: str) -> None:
    for table in DOCUMENT_TABLES:
        db.conn.execute(f"delete from [{table}] where document_id = ?", [doc_id])


@cache
def _insert_sql(verb: str, table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(f"[{c}]" for c in columns)
    return f"{verb} INTO [{table}] ({names}) VALUES ({', '.join('?' for _ in columns)})"


def _insert(
    db: sqlite_utils.Database, table: str, rows: Sequence[Row], verb: str = "INSERT"
) -> None:
    """The rows (dicts with the same columns, plain values) in one prepared statement: what
    sqlite-utils' insert_all writes, without its per-call look at the table's schema."""
    if rows:
        columns = tuple(rows[0])
        sql = _insert_sql(verb, table, columns)
        db.conn.executemany(sql, [[row[c] for c in columns] for row in rows])


@cache
def _upsert_sql(table: str, columns: tuple[str, ...], pk: str) -> str:
    """INSERT ... ON CONFLICT DO UPDATE, as sqlite-utils' upsert writes it: the columns not
    given keep their values."""
    updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in columns if c != pk)
    return f"{_insert_sql('INSERT', table, columns)} ON CONFLICT([{pk}]) DO UPDATE SET {updates}"


@contextmanager
def batch(db: sqlite_utils.Database) -> Iterator[None]:
    """One transaction for a batch of writes, each document's a savepoint in it (store_document
    and record_failure nest theirs): one commit per batch, not one per document. It is
    committed also when an error ends the batch early: the savepoint of the document the error
    interrupted has undone it, and the documents stored before it stay."""
    if db.conn.in_transaction:  # already inside the caller's transaction
        yield
        return
    db.conn.execute("BEGIN")
    try:
        yield
    finally:
        if db.conn.in_transaction:  # an error may have ended it (SQLite rolls some back)
            db.conn.execute("COMMIT")


def store_document(
    db: sqlite_utils.Database,
    *,
    sha256: str,
    path: Path,
    document: DocumentText,
    extraction: Extraction | ExtractionFailure,
    ingested_at: datetime | None = None,
    original: str | None = None,
    searchable_copy: str | None = None,
    root: Path | None = None,
    resolver: Resolver | None = None,
) -> str:
    """Archive a document and its extraction in one transaction; returns its id (the sha256 of
    the file's bytes). documents.path is relative to `root`, the folder the file was ingested
    from (rows.relative_path). `original` and `searchable_copy` are the archive's copies (paths
    from archive.files), stored before this call so that the row never points at a missing
    file. A failed extraction stores the text and pages with the failure's reason in
    `extraction_error`, and nothing extracted. Storing the same sha256 again replaces that
    document's rows and clears any failure recorded for its bytes or path. Raises ArchiveError,
    leaving nothing of it behind, when SQLite refuses its rows."""
    path = Path(path)
    row = document_row(sha256, path, document, extraction, iso_utc(ingested_at), root)
    files = {"original": original, "searchable_copy": searchable_copy}
    row.update({column: value for column, value in files.items() if value is not None})
    try:
        with db.atomic():
            _store_rows(db, row, document, extraction, resolver, path)
    except (sqlite3.IntegrityError, sqlite3.DataError) as exc:  # this document's rows only
        raise ArchiveError(f"cannot be archived: {type(exc).__name__}: {exc}") from exc
    return sha256


def _store_rows(
    db: sqlite_utils.Database,
    row: Row,
    document: DocumentText,
    extraction: Extraction | ExtractionFailure,
    resolver: Resolver | None,
    path: Path,
) -> None:
    doc_id = row["id"]
    _delete_document_rows(db, doc_id)
    db.conn.execute(_upsert_sql("documents", tuple(row), "id"), list(row.values()))
    _insert(db, "pages", page_rows(doc_id, document))
    if isinstance(extraction, ExtractionFailure):
        _clear_failures(db, doc_id, path)
        return
    if resolver is None:
        resolver = Resolver(db)
    resolver.begin_document()
    # Institutions first: commitments look their actors up among them.
    _insert(db, "document_institutions", _institution_rows(doc_id, extraction, resolver))
    _insert(db, "signatories", _signatory_rows(doc_id, extraction, resolver))
    _insert(db, "document_people", _people_rows(doc_id, extraction, resolver))
    replace = "INSERT OR REPLACE"
    _insert(db, "commitments", _commitment_rows(doc_id, extraction, resolver), replace)
    _insert(db, "mentions", mention_rows(doc_id, extraction), replace)
    _clear_failures(db, doc_id, path)


def _clear_failures(db: sqlite_utils.Database, sha256: str, path: Path) -> None:
    db.conn.execute("delete from failures where sha256 = ? or path = ?", [sha256, path_text(path)])


def failure_id(path: Path) -> str:
    """One failure row per path: a file that fails again replaces its earlier failure."""
    return hashlib.sha256(path_text(path).encode()).hexdigest()[:16]


def record_failure(
    db: sqlite_utils.Database,
    *,
    path: Path,
    sha256: str | None,
    reason: str,
    versions: tuple[str, ...],
    failed_at: datetime | None = None,
) -> None:
    """Record that `path` could not be archived, and why (replacing an earlier failure). The
    same bytes failing the same way again leave the row as it was (a re-run changes nothing)."""
    row = {
        "id": failure_id(Path(path)),
        "path": path_text(path),
        "sha256": sha256,
        "reason": printable(reason),
        "versions": ",".join(versions),
        "failed_at": iso_utc(failed_at),
    }
    same = "select 1 from failures where id = ? and sha256 is ? and reason = ? and versions = ?"
    with db.atomic():
        if list(db.query(same, [row["id"], row["sha256"], row["reason"], row["versions"]])):
            return
        db.table("failures").upsert(row, pk="id")
