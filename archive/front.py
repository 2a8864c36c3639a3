"""What the archivists' front page shows: one search box (the archive's full-text search) and
the signatory search, both archive/search.py's (what `expediente search` runs), recent
documents, counts by kind and year, and documents per month as bars."""

from __future__ import annotations

import sqlite3
from typing import Any

import sqlite_utils

from archive.pages import rows
from archive.search import search

RECENT = 10
FOUND = 100  # results shown for a search
CHART_HEIGHT = 100  # SVG units of the tallest bar
# Documents per month from the date index alone (documents_by_month reads every row for kinds).
_MONTHS = """select substr(date, 1, 7) as month, count(*) as documents from documents
where date is not null group by month"""


def month_bars(months: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of (month, documents) as chart bars, oldest first: month, documents,
    x (bar index) and height (the busiest month is CHART_HEIGHT)."""
    ordered = sorted(months, key=lambda row: row["month"])
    busiest = max((row["documents"] for row in ordered), default=0) or 1
    return [
        {
            "month": row["month"],
            "documents": row["documents"],
            "x": index,
            "height": round(row["documents"] * CHART_HEIGHT / busiest, 1),
        }
        for index, row in enumerate(ordered)
    ]


def front_page(conn: sqlite3.Connection, text: str = "", signatory: str = "") -> dict[str, Any]:
    """The front page's data; `text` and `signatory` are what the two search boxes were given
    (results only for a box that was filled, found as `expediente search` finds them)."""
    page: dict[str, Any] = {
        "total": rows(conn, "select count(*) as n from documents")[0]["n"],
        "by_kind": rows(
            conn,
            "select kind, count(*) as documents from documents group by kind "
            "order by documents desc",
        ),
        "by_year": rows(
            conn,
            "select year, count(*) as documents from documents group by year "
            "order by year is null, year desc",
        ),
        "recent": rows(
            conn,
            f"select id, title, file, date, kind, place from documents where date is not null "
            f"order by date desc limit {RECENT}",
        ),
        "months": month_bars(rows(conn, _MONTHS)),
        "text": text,
        "signatory": signatory,
    }
    db = sqlite_utils.Database(conn)
    if text.strip():
        page["found"] = search(db, text, limit=FOUND)
    if signatory.strip():
        page["signed"] = search(db, signatory=signatory, limit=FOUND)
    return page
