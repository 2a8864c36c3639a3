"""Datasette plugin: only GET and HEAD reach Datasette, so no request can write to the archive
(Datasette's read connections are read-only already; this also closes every POST form). The
one exception: a POST of reconciliation queries (archive/reconcile.py), which only reads."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from datasette import hookimpl

from archive.reconcile import is_service_path

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]
READ_METHODS = frozenset({"GET", "HEAD"})
REFUSAL = b"This archive is read-only: only GET and HEAD requests are answered.\n"


async def _refuse(send: Send) -> None:
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"allow", b"GET, HEAD")]
    await send({"type": "http.response.start", "status": 405, "headers": headers})
    await send({"type": "http.response.body", "body": REFUSAL})


@hookimpl
def asgi_wrapper() -> Callable[[App], App]:
    """Wrap Datasette's ASGI app: HTTP requests other than GET and HEAD get 405."""

    def wrap(app: App) -> App:
        async def read_only(scope: Scope, receive: Receive, send: Send) -> None:
            method, path = scope.get("method", "GET"), str(scope.get("path", ""))
            reading = method in READ_METHODS or (method == "POST" and is_service_path(path))
            if scope.get("type") == "http" and not reading:
                await _refuse(send)
                return
            await app(scope, receive, send)

        return read_only

    return wrap
