"""`expediente export` and the redacted serve: parse arguments, call archive/export.py, print."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from expediente.options import add_archive_option, archive_path

FORMATS = ("csv", "jsonl", "sqlite")


def export(archive: Path, output: Path, fmt: str, redact: bool = False) -> dict[str, Any]:
    """Export the archive's dataset to `output`; returns the datapackage manifest."""
    from archive import export_archive

    return export_archive(archive, output, fmt, redact=redact)


def serve_redacted(archive: Path, port: int = 8001, host: str = "127.0.0.1") -> None:
    """Serve a redacted copy of the archive (archive-redacted.db beside it, refreshed when the
    archive is newer) read-only with Datasette until interrupted, named by its file name only."""
    from archive import redacted_archive, serve

    serve(redacted_archive(archive), port=port, host=host, published=True)


def summary(manifest: dict[str, Any], output: Path) -> str:
    """What an export wrote: one line per table with its rows, then the manifest."""
    redacted = " (redacted)" if manifest["redacted"] else ""
    lines = [f"exported {manifest['format']}{redacted} to {output}:"]
    lines += [f"  {r['name']:<22} {r['rows']:>8} rows  {r['path']}" for r in manifest["resources"]]
    if "redaction" in manifest:
        lines.append(f"  private people pseudonymised: {manifest['redaction']['private_people']}")
    lines.append(f"  manifest: {output / 'datapackage.json'}")
    return "\n".join(lines)


def _cmd_export(args: argparse.Namespace) -> int:
    manifest = export(archive_path(args), args.output, args.format, redact=args.redact)
    print(summary(manifest, args.output))
    return 0


def register(sub: Any) -> None:
    """Add `export` to the CLI's subcommands."""
    p = sub.add_parser(
        "export",
        help="write the dataset (documents, signatories, people, institutions, commitments, "
        "mentions) as csv, jsonl or sqlite",
    )
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--output", type=Path, required=True, metavar="DIR", help="folder to write")
    p.add_argument(
        "--redact",
        action="store_true",
        help="remove private persons' identifiers and replace their names with pseudonyms",
    )
    add_archive_option(p)
    p.set_defaults(func=_cmd_export)
