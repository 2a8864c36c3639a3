"""Browsing the archive with Datasette: its metadata, a configured instance, a real server."""

from __future__ import annotations

import copy
import json
import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive.db import open_archive
from archive.files import FILES_MOUNT, files_folder

if TYPE_CHECKING:
    from datasette.app import Datasette

METADATA = Path(__file__).parent / "metadata.json"
# Datasette plugin modules of our own: fold(), similarity() ... on every connection.
PLUGINS_DIR = Path(__file__).parent / "plugins"
# The document, person, institution and front pages (row.html and index.html dispatch to them).
TEMPLATES_DIR = Path(__file__).parent / "templates"
SETTINGS = {"suggest_facets": False}
# A signatory counts as "signed by" when name_matches() or this close by similarity() (0-100).
SIGNED_BY_SIMILARITY = 90

SIGNED_BY = f"""with named as (
  select a.entity_id as person_id, max(similarity(:name, a.printed)) as closeness
  from aliases a
  where a.kind = 'person' and (name_matches(:name, a.printed)
    or similarity(:name, a.printed) >= {SIGNED_BY_SIMILARITY})
  group by a.entity_id)
select d.file, d.date, d.kind, d.title,
  s.name as signatory, s.title as signatory_title, s.institution,
  max(similarity(:name, s.name), coalesce(n.closeness, 0)) as closeness,
  d.id, s.person_id
from signatories s join documents d on d.id = s.document_id
  left join named n on n.person_id = s.person_id
where n.person_id is not null or name_matches(:name, s.name)
  or similarity(:name, s.name) >= {SIGNED_BY_SIMILARITY}
order by closeness desc, d.date desc, d.file, s.position"""

_COMMITMENTS_BY_INSTITUTION = """with wanted as (select fold(:institution) as folded)
select c.actor, i.name as institution, i.acronym, c.text, c.predicate,
  d.date, d.file, c.document_id, c.page
from commitments c join documents d on d.id = c.document_id
  left join institutions i on i.id = c.actor_institution_id, wanted
where wanted.folded != '' and (instr(i.folded, wanted.folded) or fold(i.acronym) = wanted.folded
  or instr(fold(c.actor), wanted.folded))
order by d.date desc, d.file, c.start"""

DOCUMENTS_BY_MONTH = """select substr(date, 1, 7) as month, count(*) as documents,
  sum(kind = 'letter') as letters, sum(kind = 'press_release') as press_releases,
  sum(kind not in ('letter', 'press_release')) as other
from documents where date is not null
  and (:kind = '' or kind = :kind) and (:year = '' or year = cast(:year as integer))
group by month order by month desc"""

_PEOPLE_BY_INSTITUTION = """with wanted as (select fold(:institution) as folded),
named as (
  select person_id, institution_id, title, document_id from signatories
  union all
  select person_id, institution_id, title, document_id from document_people)
select i.name as institution, i.acronym, n.institution_id, p.name as person, n.person_id,
  group_concat(distinct n.title) as titles, count(distinct n.document_id) as documents,
  min(d.date) as first_date, max(d.date) as last_date
from named n join people p on p.id = n.person_id join institutions i on i.id = n.institution_id
  join documents d on d.id = n.document_id, wanted
where wanted.folded = '' or instr(i.folded, wanted.folded) or fold(i.acronym) = wanted.folded
group by n.institution_id, n.person_id
order by i.name, documents desc, p.name"""

SEARCH_DOCUMENTS = """select d.file, d.date, d.kind, d.title,
  snippet(documents_fts, -1, '[', ']', '…', 16) as snippet, d.id
from documents_fts join documents d on d.rowid = documents_fts.rowid
where documents_fts match escape_fts(:q)
order by documents_fts.rank limit 100"""


def _query(sql: str, title: str, description: str) -> dict[str, Any]:
    # Researchers see the form and the results first; "show" reveals the SQL.
    return {
        "sql": sql,
        "title": title,
        "description": description,
        "write": False,
        "hide_sql": True,
    }


def canned_queries() -> dict[str, dict[str, Any]]:
    """Read-only canned queries. Names are matched as expediente search does: case, accents,
    punctuation and honorifics ignored, a typo tolerated, best match first."""
    return {
        "documents_signed_by": _query(
            SIGNED_BY,
            "Documents signed by",
            "Documents signed by `name` (case, accents and honorifics ignored, a typo "
            "tolerated), closest names first.",
        ),
        "commitments_by_institution": _query(
            _COMMITMENTS_BY_INSTITUTION,
            "Commitments by institution",
            "Commitments whose actor or actor institution contains `institution` (case and "
            "accents ignored), or whose acronym is `institution`.",
        ),
        "documents_by_month": _query(
            DOCUMENTS_BY_MONTH,
            "Documents by month",
            "Documents per month of their own date, by kind; `kind` and `year` optional.",
        ),
        "people_by_institution": _query(
            _PEOPLE_BY_INSTITUTION,
            "People by institution",
            "People who sign or are named for an institution (name or acronym, empty for "
            "all), with their titles, document counts and first and last dates.",
        ),
        "search_documents": _query(
            SEARCH_DOCUMENTS,
            "Search documents",
            "Full-text search (accents and case ignored) with the matched words in [brackets].",
        ),
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
    ?sql= takes SELECT only. Not immutable, so documents ingested later show without restart.
    Our plugin (plugins/) gives its connections fold(), similarity() and name_matches()."""
    from datasette.app import Datasette  # heavy: only browsing needs it, not ingest or search

    path = Path(archive_path)
    open_archive(path).close()
    return Datasette(
        files=[str(path)],
        metadata=datasette_metadata(path),
        settings=dict(SETTINGS),
        plugins_dir=str(PLUGINS_DIR),
        template_dir=str(TEMPLATES_DIR),
        # Originals and searchable PDFs, from the archive's own files folder only.
        static_mounts=[(FILES_MOUNT, str(files_folder(path).resolve()))],
    )


def published_datasette(folder: Path) -> Datasette:
    """A Datasette over a publication directory (archive/publish.py) exactly as `datasette
    serve DIR` serves it: immutable, with its own metadata, settings, templates and plugins.
    The directory becomes the process's working directory and the database is opened by its
    file name: no page (/-/databases.json) names the folders of the machine serving it."""
    from datasette.app import Datasette

    os.chdir(Path(folder).resolve())
    return Datasette(config_dir=Path("."))


def serve(
    archive_path: Path, port: int = 8001, host: str = "127.0.0.1", published: bool = False
) -> None:
    """Serve the archive over HTTP on host:port until interrupted (blocking); localhost only
    unless another host is given. `published`: a publication directory (published_datasette)."""
    import uvicorn  # Datasette's own server; imported here as only serving needs it

    datasette = published_datasette(archive_path) if published else make_datasette(archive_path)
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning")
