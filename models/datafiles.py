"""The one reader of the project's CSV data files (cues, catalogues, lists): UTF-8, a header
row, lines starting with # are notes."""

from __future__ import annotations

import csv
from pathlib import Path


def csv_rows(path: Path) -> tuple[dict[str, str], ...]:
    """The rows of the CSV file at `path`, as dicts keyed by its header."""
    with path.open(encoding="utf-8", newline="") as fh:
        return tuple(
            dict(r) for r in csv.DictReader(line for line in fh if not line.startswith("#"))
        )
