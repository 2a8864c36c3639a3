"""The `expediente` command: parse arguments, call the library, print."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import NoReturn

from expediente import __version__, cli_again, cli_export, cli_people, commands, output
from expediente.options import add_archive_option, archive_path, whole_number
from expediente.progress import IngestProgress
from models import ExpedienteError, Settings

# Modules with more commands (expediente/cli_<area>.py), each with register(sub).
COMMAND_GROUPS: tuple[ModuleType, ...] = (cli_export, cli_people, cli_again)

EPILOG = """\
examples:
  expediente ingest samples/                      archive every new file under samples/
  expediente search "gobierno abierto" --since 2024-01-01
  expediente search --signatory "romina contreras" --format json
  expediente serve                                browse the archive at http://127.0.0.1:8001/
  expediente publish --output publicacion/        the redacted archive, for datasette serve
The archive is ./archive.db unless --archive or EXPEDIENTE_ARCHIVE says otherwise."""


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from exc


class Parser(argparse.ArgumentParser):
    """argparse with usage errors on one line (the usage itself is one --help away)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see: {self.prog} --help)\n")


MAX_LIMIT = 100_000


MAX_WORKERS = 256


def _port(value: str) -> int:
    try:
        number = int(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from exc
    if not 1 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"a port is between 1 and 65535: {value}")
    return number


def _cmd_ingest(args: argparse.Namespace) -> int:
    if args.retry_partial:
        print(cli_again.retry_partial(archive_path(args)))
        if not args.paths:
            return 0
    elif not args.paths:
        print(
            "expediente ingest: give a file or folder to ingest (or --retry-partial)",
            file=sys.stderr,
        )
        return 2
    run = commands.ingest(
        args.paths,
        archive_path(args),
        prefect=args.prefect or None,
        workers=args.workers,
        dask=args.dask,
        progress=IngestProgress(),
    )
    print(output.ingest_report(run.report))
    print(output.ingest_mode(run))
    return 0


def _cmd_extract(args: argparse.Namespace) -> int:
    missing = [str(p) for p in args.files if not p.is_file()]
    if missing:
        print(f"expediente: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    for line in commands.to_jsonl(commands.extract_records(args.files)):
        print(line, flush=True)
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    scorer = args.scorer or commands.default_scorer(args.gold)
    print(commands.evaluate(args.gold, args.output, scorer, errors=args.errors))
    print(f"predictions: {args.output}", file=sys.stderr)
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    results = commands.search(
        archive_path(args),
        args.text,
        signatory=args.signatory,
        person=args.person,
        institution=args.institution,
        kind=args.kind,
        since=args.since,
        until=args.until,
        limit=args.limit,
    )
    print(output.search_results(results, args.format))
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    if args.redacted:
        cli_export.serve_redacted(archive_path(args), port=args.port, host=args.host)
        return 0
    commands.serve(archive_path(args), port=args.port, host=args.host)
    return 0


def _cmd_schedule(args: argparse.Namespace) -> int:
    commands.schedule(args.inbox or Settings.from_env().inbox, archive_path(args))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="expediente",
        description="Archive the official letters and press releases of Mexican public bodies.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"expediente {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "ingest",
        help="archive new files (in this process, or as a Prefect flow run with --prefect)",
    )
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders")
    p.add_argument(
        "--retry-partial",
        action="store_true",
        help="first read again (OCR included), from the archived originals, the documents "
        "archived as partial",
    )
    p.add_argument(
        "--prefect",
        action="store_true",
        help="run as a Prefect flow run (the default when PREFECT_API_URL is configured; "
        "without a server, Prefect starts a temporary one: 10-15 s more)",
    )
    p.add_argument(
        "--workers",
        type=whole_number(1, MAX_WORKERS),
        default=None,
        metavar="N",
        help="read and extract on N processes (default: one per core; 1: in this process)",
    )
    p.add_argument(
        "--dask",
        default=None,
        metavar="ADDRESS",
        help="read and extract on the Dask cluster whose scheduler is at ADDRESS "
        "(tcp://host:8786; default: $EXPEDIENTE_DASK); the archive is written here",
    )
    add_archive_option(p)
    p.set_defaults(func=_cmd_ingest)

    p = sub.add_parser("extract", help="extract records from files, without an archive")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument(
        "--format",
        choices=["jsonl"],
        default="jsonl",
        help="one JSON object per file, in the corpus gold schema",
    )
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("eval", help="extract a gold set's documents and score them")
    p.add_argument("gold", type=Path, metavar="GOLD", help="gold.jsonl, documents beside it")
    p.add_argument("--errors", action="store_true", help="list every miss and extra")
    p.add_argument(
        "--scorer",
        type=Path,
        default=None,
        help="score.py to use (default: ../../tools/score.py from the gold's folder)",
    )
    p.add_argument(
        "--output",
        type=Path,
        default=Path(".eval-pred.jsonl"),
        help="where to write the predictions (default: .eval-pred.jsonl)",
    )
    p.set_defaults(func=_cmd_eval)

    p = sub.add_parser("search", help="search the archive (accents and case are ignored)")
    p.add_argument("text", nargs="?", default=None, metavar="TEXT", help="words to find")
    p.add_argument("--signatory", metavar="NAME", help="signed by this person")
    p.add_argument("--person", metavar="NAME", help="names this person")
    p.add_argument("--institution", metavar="NAME", help="names this institution (or acronym)")
    p.add_argument("--kind", choices=["letter", "press_release", "other_official"])
    p.add_argument("--since", type=_iso_date, metavar="DATE", help="dated on or after YYYY-MM-DD")
    p.add_argument("--until", type=_iso_date, metavar="DATE", help="dated on or before YYYY-MM-DD")
    p.add_argument(
        "--limit",
        type=whole_number(1, MAX_LIMIT),
        default=50,
        help="at most this many results (50)",
    )
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    add_archive_option(p)
    p.set_defaults(func=_cmd_search)

    p = sub.add_parser("serve", help="browse the archive with Datasette (read-only)")
    p.add_argument("--port", type=_port, default=8001)
    p.add_argument("--host", default="127.0.0.1", help="default 127.0.0.1 (this machine only)")
    p.add_argument(
        "--redacted",
        action="store_true",
        help="serve the publication directory (archive-published/ beside the archive: what "
        "expediente publish writes, redacted)",
    )
    add_archive_option(p)
    p.set_defaults(func=_cmd_serve)

    p = sub.add_parser("schedule", help="serve the nightly-ingest deployment (02:00 Mexico City)")
    p.add_argument(
        "--inbox",
        type=Path,
        default=None,
        help="folder to ingest every night (default: $EXPEDIENTE_INBOX or ./inbox)",
    )
    add_archive_option(p)
    p.set_defaults(func=_cmd_schedule)

    # Command groups that live in their own modules: each has register(sub).
    for group in COMMAND_GROUPS:
        group.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (ExpedienteError, FileNotFoundError) as exc:
        print(f"expediente: {exc}", file=sys.stderr)
        return 1
    except PermissionError as exc:
        print(f"expediente: permission denied: {exc.filename}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
