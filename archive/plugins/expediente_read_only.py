"""Datasette plugin: only GET and HEAD reach Datasette, so no request can write to the archive
(Datasette's read connections are read-only already; this also closes every POST form)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from datasette import hookimpl

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
            if scope.get("type") == "http" and scope.get("method", "GET") not in READ_METHODS:
                await _refuse(send)
                return
            await app(scope, receive, send)

        return read_only

    return wrap
