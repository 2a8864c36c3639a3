"""Datasette plugin: in canned query results, ids link to their rows (documents, people,
institutions), as foreign keys already do in table views."""

from __future__ import annotations

import re
from typing import Any

from datasette import hookimpl
from markupsafe import Markup, escape

# Query result column -> the table whose primary key it holds.
LINKED_COLUMNS = {
    "id": "documents",
    "document_id": "documents",
    "person_id": "people",
    "institution_id": "institutions",
    "actor_institution_id": "institutions",
}
_ID = re.compile(r"[0-9a-f]{16}|[0-9a-f]{64}")


@hookimpl
def render_cell(value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    """A link to the row for an id column of a query (table None); None leaves the cell as is."""
    target = LINKED_COLUMNS.get(column)
    if table is not None or target is None or not isinstance(value, str):
        return None
    if not _ID.fullmatch(value):
        return None
    href = datasette.urls.row(database, target, value)
    return Markup(f'<a href="{escape(href)}">{escape(value)}</a>')
