"""What the archive's own pages show (document, person, institution): plain queries on one
SQLite connection, returning dicts the Datasette templates in archive/templates/ render."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

# Interface words (Spanish, as the archivists read them) for the archive's stored values.
LABELS = {
    "kind_labels": {
        "letter": "Oficio o carta",
        "press_release": "Comunicado de prensa",
        "other_official": "Otro documento oficial",
    },
    "role_labels": {
        "mentioned": "mencionada",
        "addressee": "destinataria",
        "attendee": "asistente",
        "quoted": "citada",
    },
}
# Mark classes of the spans shown in a document's text, by the table they come from, and the
# column holding the value the span printed.
MARKED_TABLES = {
    "signatories": ("signatory", "name"),
    "document_people": ("person", "name"),
    "document_institutions": ("institution", "printed"),
    "commitments": ("commitment", "text"),
}


def rows(conn: sqlite3.Connection, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    """The rows of `sql` as dicts, whatever the connection's row factory."""
    cursor = conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


@dataclass(frozen=True)
class Segment:
    """A run of text and the marks (MARKED_TABLES values) covering it, none when plain."""

    text: str
    marks: tuple[str, ...] = ()


def segments(text: str, spans: list[tuple[int, int, str]]) -> list[Segment]:
    """`text` cut at every start and end of `spans` ((start, end, mark), offsets into `text`),
    each piece with the marks of the spans covering it; overlapping spans keep both marks."""
    cuts = {0, len(text)}
    for start, end, _ in spans:
        if 0 <= start < end <= len(text):
            cuts.update((start, end))
    edges = sorted(cuts)
    pieces = []
    for start, end in zip(edges, edges[1:], strict=False):
        marks = tuple(sorted({m for s, e, m in spans if s <= start and end <= e}))
        pieces.append(Segment(text[start:end], marks))
    return pieces


def file_url(stored: str | None, mount: str) -> str | None:
    """The URL path of a stored file (`<stem>.files/...` relative to the archive's folder) under
    the static mount of the archive's files folder; None when there is no such file."""
    if not stored:
        return None
    parts = PurePosixPath(stored).parts
    if len(parts) < 2 or not parts[0].endswith(".files") or ".." in parts:
        return None
    return f"/{mount}/" + "/".join(parts[1:])


def _printed_there(text: str, start: int, end: int, value: str | None) -> bool:
    """Whether the text at [start, end) begins the value stored for it (spaces folded): offsets
    into another text (a redacted copy's, whose names changed length) mark nothing."""
    printed = text[start:end].split()
    return bool(printed) and (value or "").split()[: len(printed)] == printed


def _marked_pages(conn: sqlite3.Connection, document: dict[str, Any]) -> list[dict[str, Any]]:
    """The document's pages, each with its number, reader and its text as marked segments."""
    text = document["text"] or ""
    spans: list[tuple[int, int, str]] = []
    for table, (mark, column) in MARKED_TABLES.items():
        query = (
            f"select start, [end], [{column}] as value from [{table}] "
            f"where document_id = ? and start is not null"
        )
        for span in rows(conn, query, [document["id"]]):
            if _printed_there(text, span["start"], span["end"], span["value"]):
                spans.append((span["start"], span["end"], mark))
    pages = rows(
        conn,
        "select number, reader, confidence, start, chars from pages where document_id = ? "
        "order by number",
        [document["id"]],
    )
    if not pages:
        pages = [{"number": 1, "reader": document["readers"], "confidence": None, "start": 0}]
    shown = []
    for index, page in enumerate(pages):
        start = page["start"] or 0
        end = pages[index + 1]["start"] if index + 1 < len(pages) else len(text)
        local = [(s - start, e - start, m) for s, e, m in spans if start <= s and e <= end]
        shown.append({**page, "segments": segments(text[start:end], local)})
    return shown


def document_page(conn: sqlite3.Connection, document_id: str, mount: str) -> dict[str, Any] | None:
    """Everything the document page shows: the document, its signatories, people (with roles),
    institutions, commitments, its pages of marked text, links to its files and provenance."""
    found = rows(conn, "select * from documents where id = ?", [document_id])
    if not found:
        return None
    document = found[0]
    by_document = [document_id]
    return {
        "document": document,
        "signatories": rows(
            conn,
            "select s.*, p.name as person_name, i.name as institution_name, i.acronym "
            "from signatories s left join people p on p.id = s.person_id "
            "left join institutions i on i.id = s.institution_id "
            "where s.document_id = ? order by s.position",
            by_document,
        ),
        "people": rows(
            conn,
            "select dp.*, i.name as institution_name from document_people dp "
            "left join institutions i on i.id = dp.institution_id "
            "where dp.document_id = ? order by dp.position",
            by_document,
        ),
        "institutions": rows(
            conn,
            "select di.institution_id, i.name, i.acronym, group_concat(di.printed, ' · ') "
            "as printed from document_institutions di join institutions i "
            "on i.id = di.institution_id where di.document_id = ? "
            "group by di.institution_id order by min(di.position)",
            by_document,
        ),
        "commitments": rows(
            conn,
            "select c.*, i.name as institution_name from commitments c "
            "left join institutions i on i.id = c.actor_institution_id "
            "where c.document_id = ? order by c.start",
            by_document,
        ),
        "pages": _marked_pages(conn, document),
        "original_url": file_url(document.get("original"), mount),
        "searchable_url": file_url(document.get("searchable_copy"), mount),
        "extractors": [v for v in (document.get("extractor_versions") or "").split(",") if v],
    }


# A page lists at most this many documents, newest first, and says how many there are.
MAX_LISTED = 200
_DOCUMENT_COLUMNS = "d.id, d.title, d.file, d.date, d.kind, d.place"


def _documents(conn: sqlite3.Connection, ids: str, params: list[Any]) -> dict[str, Any]:
    """The documents whose ids `ids` selects (one column, distinct), newest first, at most
    MAX_LISTED, and how many there are in all. The newest are picked on the (id, date, file)
    index before any document row is read: an institution may have thousands."""
    total = rows(conn, f"select count(*) as n from ({ids})", params)[0]["n"]
    newest = (
        f"select d.id from documents d where d.id in ({ids}) "
        f"order by d.date desc, d.file limit {MAX_LISTED}"
    )
    listed = rows(
        conn,
        f"select {_DOCUMENT_COLUMNS} from documents d where d.id in ({newest}) "
        f"order by d.date desc, d.file",
        params,
    )
    return {"rows": listed, "total": total}


def person_page(conn: sqlite3.Connection, person_id: str, mount: str) -> dict[str, Any] | None:
    """Everything a canonical person's page shows: every printed alias, titles over time,
    institutions, documents signed and documents that name them, newest first."""
    found = rows(conn, "select * from people where id = ?", [person_id])
    if not found:
        return None
    named = (
        "select document_id, title, institution, institution_id, 'firma' as how from signatories "
        "where person_id = :id union all select document_id, title, institution, "
        "institution_id, role as how from document_people where person_id = :id"
    )
    params = {"id": person_id}
    return {
        "person": found[0],
        "aliases": rows(
            conn,
            "select printed, pinned from aliases where kind = 'person' and entity_id = ? "
            "order by printed",
            [person_id],
        ),
        "titles": rows(
            conn,
            f"select n.title, min(d.date) as first_date, max(d.date) as last_date, "
            f"count(distinct n.document_id) as documents from ({named}) n "
            f"join documents d on d.id = n.document_id where n.title is not null "
            f"and n.title != '' group by n.title order by first_date, n.title",
            params,
        ),
        "institutions": rows(
            conn,
            f"select n.institution_id, coalesce(i.name, n.institution) as name, i.acronym, "
            f"count(distinct n.document_id) as documents, max(d.date) as last_date "
            f"from ({named}) n join documents d on d.id = n.document_id left join "
            f"institutions i on i.id = n.institution_id where coalesce(i.name, n.institution) "
            f"is not null group by coalesce(n.institution_id, n.institution) "
            f"order by documents desc, name",
            params,
        ),
        "signed": _documents(
            conn, "select distinct document_id from signatories where person_id = ?", [person_id]
        ),
        "mentioned": _documents(
            conn,
            "select distinct document_id from document_people where person_id = ?",
            [person_id],
        ),
    }


def institution_page(
    conn: sqlite3.Connection, institution_id: str, mount: str
) -> dict[str, Any] | None:
    """Everything a canonical institution's page shows: acronym, long name, every printed form,
    the documents that name it (newest first), the people who signed for it, its commitments."""
    found = rows(conn, "select * from institutions where id = ?", [institution_id])
    if not found:
        return None
    by_id = [institution_id]
    return {
        "institution": found[0],
        "aliases": rows(
            conn,
            "select printed, pinned from aliases where kind = 'institution' and entity_id = ? "
            "order by printed",
            by_id,
        ),
        "documents": _documents(
            conn,
            "select document_id from document_institutions where institution_id = ? "
            "union select document_id from signatories where institution_id = ?",
            [institution_id, institution_id],
        ),
        "signers": rows(
            conn,
            # Grouped from the (institution, person, document, title) index alone (m016); the
            # dates are looked up for the listed signers only, the most frequent ones.
            "with g as (select person_id, "
            "group_concat(distinct title) as titles, count(distinct document_id) as documents "
            "from signatories where institution_id = :id group by person_id "
            f"order by documents desc limit {MAX_LISTED}) "
            "select g.person_id, coalesce(p.name, (select name from signatories "
            "where institution_id = :id and person_id is null)) as name, g.titles, g.documents, "
            "(select max(d.date) from signatories s join documents d on d.id = s.document_id "
            "where s.institution_id = :id and s.person_id is g.person_id) as last_date "
            "from g left join people p on p.id = g.person_id order by last_date desc, name",
            {"id": institution_id},
        ),
        "commitments": rows(
            conn,
            # CROSS JOIN: commitments first, not every document by date looking for some.
            f"select c.text, c.page, {_DOCUMENT_COLUMNS} from commitments c cross join "
            f"documents d on d.id = c.document_id where c.actor_institution_id = ? "
            f"order by d.date desc limit {MAX_LISTED}",
            by_id,
        ),
    }
