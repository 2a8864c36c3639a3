"""Reading the archive back: one document in full, the list of documents, the failures."""

from __future__ import annotations

from typing import Any

import sqlite_utils

PROVENANCE = "page, start, [end], extractor"
LISTED = (
    "id, file, path, kind, date, place, title, page_count, readers, extractor_versions, ingested_at"
)


def _rows(db: sqlite_utils.Database, sql: str, doc_id: str) -> list[dict[str, Any]]:
    return [dict(row) for row in db.query(sql, [doc_id])]


def get_document(db: sqlite_utils.Database, doc_id: str) -> dict[str, Any] | None:
    """The full record of one document (None when not archived): its columns, pages,
    signatories, people, institutions (canonical name and acronym, as printed), commitments
    and mentions, each with its provenance (page, start, end, extractor[, confidence])."""
    found = list(db.query("select * from documents where id = ?", [doc_id]))
    if not found:
        return None
    record = dict(found[0])
    record["pages"] = _rows(
        db,
        "select number, reader, confidence, rotation, chars, start from pages "
        "where document_id = ? order by number",
        doc_id,
    )
    record["signatories"] = _rows(
        db,
        "select position, person_id, name, honorific, title, cargo, institution, "
        f"institution_id, capacity, {PROVENANCE} from signatories "
        "where document_id = ? order by position",
        doc_id,
    )
    record["people"] = _rows(
        db,
        "select position, person_id, name, honorific, title, cargo, institution, "
        f"institution_id, role, {PROVENANCE} from document_people "
        "where document_id = ? order by position",
        doc_id,
    )
    record["institutions"] = _rows(
        db,
        "select di.position, di.institution_id, i.name, i.acronym, di.printed, "
        "di.page, di.start, di.[end], di.extractor from document_institutions di "
        "left join institutions i on i.id = di.institution_id "
        "where di.document_id = ? order by di.position",
        doc_id,
    )
    record["commitments"] = _rows(
        db,
        "select id, actor, actor_institution_id, text, predicate, "
        f"{PROVENANCE} from commitments where document_id = ? order by rowid",
        doc_id,
    )
    record["mentions"] = _rows(
        db,
        f"select id, field, value, {PROVENANCE}, confidence from mentions "
        "where document_id = ? order by start, field, id",
        doc_id,
    )
    return record


def list_documents(db: sqlite_utils.Database, limit: int | None = None) -> list[dict[str, Any]]:
    """Every archived document without its text, newest first (undated last)."""
    sql = f"select {LISTED} from documents order by date is null, date desc, file"
    if limit is None:
        return [dict(row) for row in db.query(sql)]
    return [dict(row) for row in db.query(f"{sql} limit ?", [max(0, limit)])]


def failures(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Files that could not be archived, and why, oldest failure first."""
    sql = "select id, path, sha256, reason, versions, failed_at from failures"
    return [dict(row) for row in db.query(f"{sql} order by failed_at, path")]
