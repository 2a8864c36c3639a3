"""Searching the archive: full text (accents and case ignored) plus filters on who and when."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import sqlite_utils

from archive.db import register_functions
from archive.folding import fold

# A word as FTS5's unicode61 tokenizer sees it, with an optional trailing * for prefix search.
_TERM = re.compile(r"(\w+)(\*?)")
SNIPPET_OPEN, SNIPPET_CLOSE = "[", "]"
SNIPPET_TOKENS = 16
LEAD_CHARS = 200

_SIGNED_BY = """documents.id in (select s.document_id from signatories s
  left join people p on p.id = s.person_id
  where name_matches(:{key}, s.name) or name_matches(:{key}, p.name))"""
_NAMES = """documents.id in (
  select s.document_id from signatories s left join people p on p.id = s.person_id
  where name_matches(:{key}, s.name) or name_matches(:{key}, p.name)
  union
  select d.document_id from document_people d left join people p on p.id = d.person_id
  where name_matches(:{key}, d.name) or name_matches(:{key}, p.name))"""
_INSTITUTION = """documents.id in (
  select di.document_id from document_institutions di
  left join institutions i on i.id = di.institution_id
  where name_matches(:{key}, di.printed) or name_matches(:{key}, i.name)
     or (i.acronym is not null and lower(i.acronym) = lower(:{key}))
  union
  select s.document_id from signatories s where name_matches(:{key}, s.institution))"""


def fts_query(text: str | None) -> str | None:
    """A safe FTS5 MATCH expression for raw user input: every word quoted (so AND, OR, NEAR,
    column:, quotes and brackets are plain words), words ANDed, a trailing * kept as a prefix
    search. None when the input holds no word at all."""
    terms = [
        f'"{word}"*' if star else f'"{word}"'
        for word, star in _TERM.findall(text or "")
        if word.strip("_")
    ]
    return " ".join(terms) or None


def _filters(
    signatory: str | None,
    person: str | None,
    institution: str | None,
    kind: str | None,
    since: date | None,
    until: date | None,
) -> tuple[list[str], dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {}
    for key, value, template in (
        ("signatory", signatory, _SIGNED_BY),
        ("person", person, _NAMES),
        ("institution", institution, _INSTITUTION),
    ):
        if value and fold(value):
            clauses.append(template.format(key=key))
            params[key] = value
    if kind:
        clauses.append("documents.kind = :kind")
        params["kind"] = kind
    if since:
        clauses.append("documents.date >= :since")
        params["since"] = since.isoformat()
    if until:
        clauses.append("documents.date <= :until")
        params["until"] = until.isoformat()
    return clauses, params


def _lead(text: str | None) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= LEAD_CHARS else flat[:LEAD_CHARS].rstrip() + "…"


def signatories_of(db: sqlite_utils.Database, doc_id: str) -> list[dict[str, Any]]:
    """The document's signatories in order, as {"name", "title", "institution"}."""
    sql = "select name, title, institution from signatories where document_id = ? order by position"
    return [dict(row) for row in db.query(sql, [doc_id])]


def search(
    db: sqlite_utils.Database,
    text: str | None = None,
    *,
    signatory: str | None = None,
    person: str | None = None,
    institution: str | None = None,
    kind: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """Documents matching `text` (best first) and every filter given (newest first without
    text). Raw input never raises. Each result: id, file, kind, date, place, title,
    signatories and snippet (matched words in [brackets], or the text's start)."""
    register_functions(db)
    clauses, params = _filters(signatory, person, institution, kind, since, until)
    params["limit"] = max(0, limit)
    match = fts_query(text)
    columns = "documents.id, file, kind, date, place, documents.title, documents.text"
    if match:
        params["match"] = match
        snippet = (
            f"snippet(documents_fts, -1, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '…', "
            f"{SNIPPET_TOKENS}) as snippet"
        )
        source = "documents join documents_fts on documents_fts.rowid = documents.rowid"
        clauses.insert(0, "documents_fts match :match")
        order = "documents_fts.rank, documents.date desc, file"
        columns += f", {snippet}"
    else:
        source, order = "documents", "documents.date is null, documents.date desc, file"
        columns += ", null as snippet"
    where = f"where {' and '.join(clauses)}" if clauses else ""
    sql = f"select {columns} from {source} {where} order by {order} limit :limit"
    results = []
    for row in db.query(sql, params):
        result = {k: row[k] for k in ("id", "file", "kind", "date", "place", "title")}
        result["signatories"] = signatories_of(db, row["id"])
        result["snippet"] = row["snippet"] or _lead(row["text"])
        results.append(result)
    return results
