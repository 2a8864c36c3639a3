"""Reading the archive back: one document in full, the list of documents, the failures."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from models import ArchiveError

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
        "select position, person_id, (select p.name from people p where p.id = person_id) "
        "as canonical_name, name, honorific, title, cargo, institution, "
        f"institution_id, capacity, {PROVENANCE} from signatories "
        "where document_id = ? order by position",
        doc_id,
    )
    record["people"] = _rows(
        db,
        "select position, person_id, (select p.name from people p where p.id = person_id) "
        "as canonical_name, name, honorific, title, cargo, institution, "
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


def document_id(db: sqlite_utils.Database, ref: str) -> str:
    """The id of the document `ref` names: its id, a unique prefix of it, its file name or
    its path. Raises ArchiveError when none or several match."""
    ref = ref.strip()
    if not ref:
        raise ArchiveError("no document named: give an id, an id prefix or a file name")
    prefix = ref.lower().replace("%", "").replace("_", "") + "%"
    sql = (
        "select id from documents where id = :ref union select id from documents "
        "where id like :prefix union select id from documents where file = :ref or path = :ref "
        "limit 3"
    )
    found = [r[0] for r in db.execute(sql, {"ref": ref, "prefix": prefix})]
    if ref in found:
        return ref
    if not found:
        raise ArchiveError(f"no document {ref!r} in the archive: see `expediente search`")
    if len(found) > 1:
        raise ArchiveError(f"{ref!r} names more than one document: give more of its id")
    return str(found[0])


_ROWS = """(select document_id, name, title, institution_id, 'signatory' as role
  from signatories where person_id = :id
  union all select document_id, name, title, institution_id, role
  from document_people where person_id = :id) m"""
_MENTIONED = f"{_ROWS} join documents d on d.id = m.document_id"


def person_record(db: sqlite_utils.Database, person: str) -> dict[str, Any] | None:
    """One canonical person: id, name, documents (how many name them), signed (how many they
    sign), aliases (as printed, with document counts), titles over time (title, first and
    last document date, documents) and institutions (id, name, documents)."""
    found = db.execute("select id, name from people where id = ?", [person]).fetchone()
    if not found:
        return None
    params = {"id": person}
    totals = db.execute(
        f"select count(distinct m.document_id), count(distinct case when m.role = 'signatory' "
        f"then m.document_id end) from {_MENTIONED}",
        params,
    ).fetchone()
    aliases = db.query(
        "select a.printed, a.pinned, (select count(distinct m.document_id) from "
        f"{_ROWS} where m.name = a.printed) as documents from aliases a "
        "where a.kind = 'person' and a.entity_id = :id order by documents desc, a.printed",
        params,
    )
    titles = db.query(
        f"select m.title, min(d.date) as first, max(d.date) as last, "
        f"count(distinct m.document_id) as documents from {_MENTIONED} "
        "where m.title is not null group by m.title order by first is null, first, m.title",
        params,
    )
    institutions = db.query(
        f"select i.id, i.name, count(distinct m.document_id) as documents from {_MENTIONED} "
        "join institutions i on i.id = m.institution_id group by i.id order by documents desc",
        params,
    )
    return {
        "id": found[0],
        "name": found[1],
        "documents": totals[0],
        "signed": totals[1],
        "aliases": [dict(r) for r in aliases],
        "titles": [dict(r) for r in titles],
        "institutions": [dict(r) for r in institutions],
    }


def list_people(
    db: sqlite_utils.Database, name: str | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """Canonical people as person_record()s: those whose name or an alias matches `name`
    (forgiving, closest first), or everyone, most documented first."""
    if name and name.strip():
        from archive.search import match_names  # search imports nothing from here

        ids = [entity for entity, _ in match_names(db, "person", name)]
    else:
        ids = [
            r[0]
            for r in db.execute(
                "select p.id from people p left join (select person_id, count(*) as n from "
                "(select person_id from signatories union all select person_id from "
                "document_people) group by person_id) c on c.person_id = p.id "
                "order by coalesce(c.n, 0) desc, p.name"
            )
        ]
    chosen = ids if limit is None else ids[: max(0, limit)]
    return [r for r in (person_record(db, person) for person in chosen) if r]
