"""Options every archive command shares."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from models import Settings


def add_archive_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--archive",
        type=Path,
        default=None,
        metavar="FILE",
        help="the archive's SQLite file (default: $EXPEDIENTE_ARCHIVE or ./archive.db)",
    )


def archive_path(args: argparse.Namespace) -> Path:
    """--archive, else $EXPEDIENTE_ARCHIVE, else ./archive.db."""
    return args.archive or Settings.from_env().archive


def whole_number(low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high` (no upper bound when None)."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from exc
        if high is None and number < low:
            raise argparse.ArgumentTypeError(f"must be at least {low:,}: {value}")
        if high is not None and not low <= number <= high:
            raise argparse.ArgumentTypeError(f"must be between {low:,} and {high:,}: {value}")
        return number

    return parse
