"""`expediente reextract` and `expediente ingest --retry-partial`: work on what is archived.

Plain functions return what the CLI prints (tests call them); register(sub) wires argparse."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from expediente.commands import existing_archive
from expediente.options import add_archive_option, archive_path, whole_number


def reextract(archive: Path, batch_size: int | None = None) -> str:
    """Extract again what older extractor versions extracted; the line to print."""
    from flows.again import reextract as run

    report = run(existing_archive(archive), batch_size=batch_size)
    return f"extracted again: {report.summary()}"


def retry_partial(archive: Path, batch_size: int | None = None) -> str:
    """Read again the documents archived as partial; the line to print."""
    from flows.again import retry_partial as run

    report = run(existing_archive(archive), batch_size=batch_size)
    return f"partial documents read again: {report.summary()}"


def _cmd_reextract(args: argparse.Namespace) -> int:
    print(reextract(archive_path(args), args.batch_size))
    return 0


def add_batch_size_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--batch-size",
        type=whole_number(1),
        default=None,
        metavar="N",
        help="documents per batch (default: $EXPEDIENTE_BATCH_SIZE or 16)",
    )


def register(sub: Any) -> None:
    """Add `reextract` to the CLI's subcommands."""
    p = sub.add_parser(
        "reextract",
        help="extract again, from the stored text, what older extractor versions extracted",
        description="Runs the current extractors on the text the archive holds (no OCR, no "
        "originals read) for every document extracted by other versions. Each document is "
        "stored in one transaction: a run stopped half way is continued by the next one. "
        "Archivists' merge/split/rename decisions are kept.",
    )
    add_batch_size_option(p)
    add_archive_option(p)
    p.set_defaults(func=_cmd_reextract)
