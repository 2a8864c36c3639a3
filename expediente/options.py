"""Options every archive command shares."""

from __future__ import annotations

import argparse
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
