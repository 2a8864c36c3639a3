"""Browsing the archive with Datasette: its metadata, a configured instance, a real server."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive.db import open_archive

if TYPE_CHECKING:
    from datasette.app import Datasette

METADATA = Path(__file__).parent / "metadata.json"
SETTINGS = {"suggest_facets": False}
# Spanish accents folded in plain SQL (a parameter only: the tables hold folded columns).
_ACCENTS = {"á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u", "ü": "u", "ñ": "n"}


def folded_sql(expression: str) -> str:
    """SQL folding `expression` to lower case without Spanish accents (like resolve's folding
    of names, punctuation aside)."""
    sql = f"lower(trim({expression}))"
    for accented, plain in _ACCENTS.items():
        for letter in (accented, accented.upper()):
            sql = f"replace({sql}, '{letter}', '{plain}')"
    return sql


def canned_queries() -> dict[str, dict[str, Any]]:
    """Read-only canned queries: documents signed by a name, commitments by an institution."""
    signed_by = f"""with wanted as (select {folded_sql(":name")} as folded)
select d.id, d.file, d.date, d.kind, d.title,
  s.name as signatory, s.title as signatory_title, s.institution, s.person_id
from signatories s join documents d on d.id = s.document_id
  join people p on p.id = s.person_id, wanted
where p.folded like '%' || wanted.folded || '%'
order by d.date desc, d.file, s.position"""
    by_institution = f"""with wanted as (select {folded_sql(":institution")} as folded)
select c.actor, i.name as institution, i.acronym, c.text, c.predicate,
  d.date, d.file, c.document_id, c.page
from commitments c join documents d on d.id = c.document_id
  left join institutions i on i.id = c.actor_institution_id, wanted
where i.folded like '%' || wanted.folded || '%' or lower(i.acronym) = wanted.folded
  or {folded_sql("c.actor")} like '%' || wanted.folded || '%'
order by d.date desc, d.file, c.start"""
    return {
        "documents_signed_by": {
            "sql": signed_by,
            "title": "Documents signed by",
            "description": "Documents with a signatory whose name contains `name` "
            "(case and accents ignored).",
        },
        "commitments_by_institution": {
            "sql": by_institution,
            "title": "Commitments by institution",
            "description": "Commitments whose actor or actor institution contains "
            "`institution` (case and accents ignored), or whose acronym is `institution`.",
        },
    }


@cache
def _template() -> dict[str, Any]:
    with METADATA.open(encoding="utf-8") as fh:
        return dict(json.load(fh))


def datasette_metadata(archive_path: Path) -> dict[str, Any]:
    """Datasette metadata for the archive at `archive_path`: titles, licence and source notes,
    table and column descriptions, facets, sortable columns, FTS and canned queries, under the
    database's name (the file stem: archive.db -> "archive")."""
    metadata = copy.deepcopy(_template())
    database = metadata["databases"].pop("{database}")
    database["queries"] = canned_queries()
    metadata["databases"][Path(archive_path).stem] = database
    return metadata


def make_datasette(archive_path: Path) -> Datasette:
    """A Datasette over the archive (migrated first), read-only: no writable canned queries,
    ?sql= takes SELECT only. Not immutable, so documents ingested later show without restart."""
    from datasette.app import Datasette  # heavy: only browsing needs it, not ingest or search

    path = Path(archive_path)
    open_archive(path).close()
    return Datasette(files=[str(path)], metadata=datasette_metadata(path), settings=dict(SETTINGS))


def serve(archive_path: Path, port: int = 8001, host: str = "127.0.0.1") -> None:
    """Serve the archive over HTTP on host:port until interrupted (blocking)."""
    import uvicorn  # Datasette's own server; imported here as only serving needs it

    uvicorn.run(make_datasette(archive_path).app(), host=host, port=port, log_level="warning")
