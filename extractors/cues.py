"""Loads the Spanish cues (months, honorifics, titles, formulas, catalogues) from data/."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from models.datafiles import csv_rows

DATA = Path(__file__).parent / "data"


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of `data/<name>.csv` (UTF-8, header row; lines starting with # are comments)."""
    return csv_rows(DATA / f"{name}.csv")


@cache
def records(name: str) -> tuple[dict[str, Any], ...]:
    """The objects of `data/<name>.jsonl`."""
    with (DATA / f"{name}.jsonl").open(encoding="utf-8") as fh:
        return tuple(json.loads(line) for line in fh if line.strip() and not line.startswith("#"))


@cache
def words(name: str) -> tuple[str, ...]:
    """The first column of `data/<name>.csv`."""
    return tuple(next(iter(r.values())) for r in rows(name))


@cache
def pattern(name: str) -> re.Pattern[str]:
    """The regex called `name` in data/layout_cues.csv, compiled once, ignoring case."""
    found = {r["name"]: r["pattern"] for r in rows("layout_cues")}
    return re.compile(found[name], re.IGNORECASE)


# The letters IGNORECASE matches with "i" and "s" whose lower case is another: mapped first,
# the lower-cased text keeps each offset and holds whatever a case-insensitive match holds.
_CASE_EQUIVALENTS = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


def lowered(text: str) -> str:
    """`text` in lower case, offset for offset: a text a case-insensitive pattern matches is,
    lowered, in it (to skip a pattern's search when what it needs is not there)."""
    return text.translate(_CASE_EQUIVALENTS).lower()


def opening(forms: Iterable[str]) -> str:
    """A lookahead for the first characters of `forms`, to put where a pattern tries them as
    printed (under the pattern's own flags): a position that opens none of them fails on that
    one test instead of trying every form, and the matches stay the same. Empty (no lookahead)
    when a form is empty or opens with a space, which the pattern may match otherwise."""
    firsts = {form[:1] for form in forms}
    if not all(first and not first.isspace() for first in firsts):
        return ""
    return rf"(?=[{re.escape(''.join(sorted(firsts)))}])"
