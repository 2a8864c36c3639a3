"""Datasette plugin: the reconciliation services of archive/reconcile.py at
/<database>/people/-/reconcile and /<database>/institutions/-/reconcile (GET or POST, as
OpenRefine sends them); POST there is the only one the read-only archive answers."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils
from datasette import hookimpl
from datasette.utils.asgi import Response

from archive import reconcile

PATH = r"^/(?P<database>[^/]+)/(?P<table>people|institutions)/-/reconcile$"
HEADERS = {"Access-Control-Allow-Origin": "*"}  # OpenRefine's browser page may ask directly


async def _service(request: Any, datasette: Any) -> Response:
    database, table = request.url_vars["database"], request.url_vars["table"]
    try:
        db = datasette.get_database(database)
    except KeyError:
        return Response.json({"error": f"no database {database}"}, status=404, headers=HEADERS)
    params = dict(request.args)
    if request.method == "POST":
        params.update(await request.post_vars())
    if "queries" not in params:
        base = f"{request.scheme}://{request.host}{datasette.urls.path('')}".rstrip("/")
        return Response.json(reconcile.manifest(table, base, database), headers=HEADERS)
    queries = params["queries"]

    def answer(conn: Any) -> dict[str, Any]:
        return reconcile.reconcile(sqlite_utils.Database(conn), table, queries)

    try:
        body = await db.execute_fn(answer)
    except ValueError as exc:
        return Response.json({"error": str(exc)}, status=400, headers=HEADERS)
    return Response(
        json.dumps(body, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
        headers=HEADERS,
    )


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(PATH, _service)]


@hookimpl
def skip_csrf(scope: dict[str, Any]) -> bool:
    """OpenRefine POSTs its queries without a CSRF token: none is needed to read."""
    return reconcile.is_service_path(str(scope.get("path", "")))
