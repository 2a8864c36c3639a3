"""Datasette plugin: SQL run through Datasette never reads the database's file name from
pragma_database_list (an absolute path on the machine serving it): its `file` column reads as
null. Datasette's own `PRAGMA database_list` (attached databases, no user SQL) still works."""

from __future__ import annotations

import sqlite3

from datasette import hookimpl

HIDDEN_COLUMNS = frozenset({("pragma_database_list", "file")})


def _authorize(
    action: int, arg1: str | None, arg2: str | None, database: str | None, trigger: str | None
) -> int:
    """SQLite authorizer: a read of a hidden column returns null (SQLITE_IGNORE)."""
    # Names as the SQL typed them: "PRAGMA_DATABASE_LIST" is the same table.
    if (
        action == sqlite3.SQLITE_READ
        and ((arg1 or "").lower(), (arg2 or "").lower()) in HIDDEN_COLUMNS
    ):
        return sqlite3.SQLITE_IGNORE
    return sqlite3.SQLITE_OK


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.set_authorizer(_authorize)
