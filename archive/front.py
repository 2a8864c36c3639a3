"""What the archivists' front page shows: one search box (the archive's full-text search) and
the signatory search, both archive/search.py's (what `expediente search` runs), recent
documents, counts by kind and year, and documents per month as bars."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

import sqlite_utils

from archive.pages import rows
from archive.search import search

RECENT = 10
FOUND = 100  # results shown for a search
CHART_HEIGHT = 100  # SVG units of the tallest bar
_MONTH = r"\d{4}-(0[1-9]|1[0-2])"
# Documents per month from the date index alone (documents_by_month reads every row for kinds).
_MONTHS = """select substr(date, 1, 7) as month, count(*) as documents from documents
where date is not null group by month"""


def _months_between(first: str, last: str) -> list[str]:
    """Every month from `first` to `last` ("YYYY-MM"), both included."""
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_bars(months: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of (month, documents) as chart bars, oldest first, a month without documents a bar
    of 0 (the axis is time): month, documents, x (bar index) and height (the busiest month is
    CHART_HEIGHT)."""
    counts = {
        row["month"]: row["documents"] for row in months if re.fullmatch(_MONTH, row["month"] or "")
    }
    if not counts:
        return []
    busiest = max(counts.values()) or 1
    return [
        {
            "month": month,
            "documents": counts.get(month, 0),
            "x": index,
            "height": round(counts.get(month, 0) * CHART_HEIGHT / busiest, 1),
        }
        for index, month in enumerate(_months_between(min(counts), max(counts)))
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
