"""`expediente people [NAME]`, `people merge|split|rename`, `expediente show ID`.

Plain functions return what the CLI prints (tests call them); register(sub) wires argparse."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils

from expediente.options import add_archive_option, archive_path
from models import ArchiveError, ExpedienteError

ACTIONS = ("merge", "split", "rename")


@contextmanager
def _opened(archive: Path) -> Iterator[sqlite_utils.Database]:
    from archive import open_archive

    if not archive.is_file():
        raise ArchiveError(f"no archive at {archive}: run `expediente ingest PATH` first")
    db = open_archive(archive)
    try:
        yield db
    finally:
        db.close()


def _span(row: dict[str, Any]) -> str:
    """Provenance in brackets: page, character offsets, extractor (and confidence)."""
    if row.get("extractor") is None and row.get("start") is None:
        return "[no provenance]"
    confidence = f", confidence {row['confidence']:.2f}" if row.get("confidence") else ""
    return (
        f"[page {row.get('page')}, chars {row.get('start')}-{row.get('end')}, "
        f"{row.get('extractor')}{confidence}]"
    )


def _person_lines(person: dict[str, Any]) -> list[str]:
    aliases = ", ".join(f"{a['printed']} ({a['documents']})" for a in person["aliases"])
    titles = "; ".join(
        f"{t['title']} {t['first'] or '?'} – {t['last'] or '?'} ({t['documents']})"
        for t in person["titles"]
    )
    bodies = "; ".join(f"{i['name']} ({i['documents']})" for i in person["institutions"])
    head = f"{person['id']}  {person['name']}"
    return [
        f"{head}  ({person['documents']} documents, signs {person['signed']})",
        f"  aliases:      {aliases or '-'}",
        f"  titles:       {titles or '-'}",
        f"  institutions: {bodies or '-'}",
    ]


def people(archive: Path, name: str | None = None, fmt: str = "table") -> str:
    """Canonical people (matching `name` when given) with aliases, titles over time,
    institutions and document counts, as a table or JSON."""
    from archive import list_people

    with _opened(archive) as db:
        found = list_people(db, name)
    if fmt == "json":
        return json.dumps(found, ensure_ascii=False, indent=2)
    if not found:
        return "no people found"
    lines = [line for person in found for line in _person_lines(person)]
    return "\n".join([*lines, f"{len(found)} person(s)"])


def merge(archive: Path, source: str, target: str) -> str:
    """Merge person `source` into person `target`."""
    from archive import merge_people

    with _opened(archive) as db:
        kept = merge_people(db, source, target)
    return f"merged {source} into {kept}"


def split(archive: Path, person: str, alias: str) -> str:
    """Split `alias` out of `person` into a new person."""
    from archive import split_person

    with _opened(archive) as db:
        new = split_person(db, person, alias)
    return f"split {alias!r} out of {person} into new person {new}"


def rename(archive: Path, person: str, name: str) -> str:
    """Give `person` the canonical name `name`."""
    from archive import rename_person

    with _opened(archive) as db:
        renamed = rename_person(db, person, name)
    return f"renamed {renamed} to {' '.join(name.split())!r}"


def _field_lines(record: dict[str, Any]) -> list[str]:
    mentions = {m["field"]: m for m in record["mentions"]}
    return [
        f"{field:<10} {record.get(field) or '-'}  {_span(mentions.get(field, {}))}"
        for field in ("kind", "date", "place", "title")
    ]


def _named_lines(title: str, rows: list[dict[str, Any]]) -> list[str]:
    lines = [f"{title}:"] if rows else []
    for row in rows:
        said = ", ".join(x for x in (row.get("title"), row.get("institution")) if x)
        extra = f" ({row['role']})" if row.get("role") else ""
        extra += f" [{row['capacity']}]" if row.get("capacity") else ""
        lines.append(f"  {row['position']}. {row['name']}{' — ' + said if said else ''}{extra}")
        lines.append(f"     person {row['person_id']} {row['canonical_name']!r}  {_span(row)}")
    return lines


def _show_text(record: dict[str, Any]) -> str:
    pages = ", ".join(f"{p['number']}:{p['reader']}" for p in record["pages"])
    lines = [
        f"document   {record['id']}",
        f"file       {record['file']}  ({record['path']})",
        f"pages      {record['page_count']}  ({pages})",
        f"extractors {record['extractor_versions'] or '-'}",
        f"ingested   {record['ingested_at']}",
        *_field_lines(record),
        *_named_lines("signatories", record["signatories"]),
        *_named_lines("people", record["people"]),
    ]
    if record["institutions"]:
        lines.append("institutions:")
    for i in record["institutions"]:
        acronym = f" ({i['acronym']})" if i["acronym"] else ""
        lines.append(f"  {i['position']}. {i['printed']}  -> {i['name']}{acronym}  {_span(i)}")
    if record["commitments"]:
        lines.append("commitments:")
    for c in record["commitments"]:
        lines.append(f"  - {c['actor'] or '?'}: {c['text']}  {_span(c)}")
    lines.append("mentions:")
    lines += [f"  {m['field']:<14} {m['value']}  {_span(m)}" for m in record["mentions"]]
    return "\n".join(lines)


def show(archive: Path, ref: str, fmt: str = "text") -> str:
    """A document's full record (by id, unique id prefix, file name or path), every value
    with its provenance (page, offsets, extractor version), as text or JSON (without the
    document's text in the text form)."""
    from archive import document_id, get_document

    with _opened(archive) as db:
        record = get_document(db, document_id(db, ref))
    if record is None:  # removed between the two queries
        raise ArchiveError(f"no document {ref!r} in the archive")
    if fmt == "json":
        return json.dumps(record, ensure_ascii=False, indent=2)
    return _show_text(record)


def _cmd_people(args: argparse.Namespace) -> int:
    words: list[str] = args.words
    archive = archive_path(args)
    if words and words[0] in ACTIONS:
        action, operands = words[0], words[1:]
        needed = {"merge": 2, "split": 1, "rename": 2}[action]
        if len(operands) != needed or (action == "split") != bool(args.alias):
            raise ExpedienteError(
                "usage: expediente people merge ID INTO_ID | people split ID --alias NAME "
                "| people rename ID NAME"
            )
        calls: dict[str, Callable[[], str]] = {
            "merge": lambda: merge(archive, operands[0], operands[1]),
            "split": lambda: split(archive, operands[0], args.alias),
            "rename": lambda: rename(archive, operands[0], operands[1]),
        }
        print(calls[action]())
        return 0
    print(people(archive, " ".join(words) or None, args.format))
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    print(show(archive_path(args), args.id, args.format))
    return 0


def register(sub: Any) -> None:
    """Add `people` and `show` to the CLI's subcommands."""
    p = sub.add_parser(
        "people",
        help="canonical people; or merge/split/rename them",
        description="expediente people [NAME] lists people (forgiving match on NAME); "
        "people merge ID INTO_ID, people split ID --alias 'NAME AS PRINTED', "
        "people rename ID 'Nuevo Nombre' record an archivist's decision.",
    )
    p.add_argument("words", nargs="*", metavar="NAME | ACTION ARGS")
    p.add_argument("--alias", default=None, help="for split: the name as printed to move out")
    p.add_argument("--format", choices=["table", "json"], default="table")
    add_archive_option(p)
    p.set_defaults(func=_cmd_people)

    p = sub.add_parser("show", help="a document's full record, with provenance")
    p.add_argument("id", metavar="ID", help="document id, a unique prefix of it, or file name")
    p.add_argument("--format", choices=["text", "json"], default="text")
    add_archive_option(p)
    p.set_defaults(func=_cmd_show)
