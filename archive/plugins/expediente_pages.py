"""Datasette plugin: the archive's own pages. A row of documents, people or institutions is
shown by its template in archive/templates/ with what archive/pages.py reads for it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from datasette import hookimpl
from datasette.utils import tilde_decode
from datasette.utils.asgi import Response

from archive import front, pages
from archive.files import FILES_MOUNT

FRONT_TEMPLATE = "expediente_front.html"
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
    it); other pages get nothing."""
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


async def front_page(request: Any, datasette: Any) -> Response:
    """The front page, at /: Datasette's own index would count every table first."""
    db = datasette.get_database()  # the archive: the first database that is not _internal
    text, signatory = request.args.get("q", ""), request.args.get("firmante", "")
    data = await db.execute_fn(lambda conn: front.front_page(conn, text, signatory))
    context = {"page": data, "archive": db.name, "database": db.name, **pages.LABELS}
    context["metadata"] = datasette.metadata()
    html = await datasette.render_template(FRONT_TEMPLATE, context, request=request)
    return Response.html(html)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/$", front_page)]
