"""Datasette plugin: the archive's own pages. A row of documents, people or institutions is
shown by its template in archive/templates/ with what archive/pages.py reads for it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from datasette import hookimpl
from datasette.utils import tilde_decode

from archive import front, pages
from archive.files import FILES_MOUNT

# Table -> (function reading the page's data, template showing it).
ROW_PAGES: dict[str, tuple[Callable[..., dict[str, Any] | None], str]] = {
    "documents": (pages.document_page, "expediente_document.html"),
    "people": (pages.person_page, "expediente_person.html"),
    "institutions": (pages.institution_page, "expediente_institution.html"),
}


@hookimpl
def extra_template_vars(
    view_name: str, database: str | None, table: str | None, request: Any, datasette: Any
) -> Callable[[], Awaitable[dict[str, Any]]] | None:
    """For a row page of ROW_PAGES: `page` (its data) and `page_template` (row.html extends
    it); for the index, the front page's data; other pages get nothing."""
    if view_name == "index" and request is not None:
        return _front_page(request, datasette)
    if view_name != "row" or table not in ROW_PAGES or database is None or request is None:
        return None
    read, template = ROW_PAGES[table]
    key = tilde_decode(request.url_vars["pks"])

    async def page_vars() -> dict[str, Any]:
        db = datasette.get_database(database)
        data = await db.execute_fn(lambda conn: read(conn, key, FILES_MOUNT))
        if data is None:
            return {}
        return {"page": data, "page_template": template, **pages.LABELS}

    return page_vars


def _front_page(request: Any, datasette: Any) -> Callable[[], Awaitable[dict[str, Any]]]:
    db = datasette.get_database()  # the archive: the first database that is not _internal
    text, signatory = request.args.get("q", ""), request.args.get("firmante", "")

    async def page_vars() -> dict[str, Any]:
        data = await db.execute_fn(lambda conn: front.front_page(conn, text, signatory))
        return {"page": data, "archive": db.name, **pages.LABELS}

    return page_vars
