"""`expediente export`, `expediente publish` and the redacted serve: parse arguments, call
archive/export.py and archive/publish.py, print."""

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


def publish(archive: Path, output: Path) -> Path:
    """Write the publication directory `output` (archive/publish.py); returns its database."""
    from archive import publish as publish_archive

    return publish_archive(archive, output)


def serve_redacted(archive: Path, port: int = 8001, host: str = "127.0.0.1") -> None:
    """Serve the publication directory beside the archive (archive-published/, published again
    when the archive is newer) as `datasette serve DIR` would, until interrupted."""
    from archive import published_folder, serve

    serve(published_folder(archive), port=port, host=host, published=True)


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


def _cmd_publish(args: argparse.Namespace) -> int:
    database = publish(archive_path(args), args.output)
    print(f"published {database.name} (redacted, read-only) to {args.output}:")
    for path in sorted(args.output.iterdir()):
        print(f"  {path.name}{'/' if path.is_dir() else ''}")
    print(f"serve it with: datasette serve {args.output}   (see {args.output / 'README.md'})")
    return 0


def register(sub: Any) -> None:
    """Add `export` and `publish` to the CLI's subcommands."""
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

    p = sub.add_parser(
        "publish",
        help="write the redacted archive and what Datasette needs to serve it (immutable) to DIR",
    )
    p.add_argument("--output", type=Path, required=True, metavar="DIR", help="folder to write")
    add_archive_option(p)
    p.set_defaults(func=_cmd_publish)
