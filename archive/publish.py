"""The publication directory: the redacted archive with everything Datasette needs to serve it
read-only and immutable, anywhere (`datasette serve DIR`, `datasette serve -i`, `datasette
package`), and nothing else: no originals, no failures or runs, no path of this machine."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import stat
from pathlib import Path
from typing import Any

from archive.datasette import PLUGINS_DIR, SETTINGS, TEMPLATES_DIR, datasette_metadata
from archive.export import SQLITE_NAME, publication_copy
from models import ArchiveError

INSPECT_FILE = "inspect-data.json"
# Datasette's configuration-directory names: `datasette serve DIR` finds each by its name.
METADATA_FILE, SETTINGS_FILE, TEMPLATES, PLUGINS = (
    "metadata.json",
    "settings.json",
    "templates",
    "plugins",
)
README = "README.md"
_README_TEXT = """# expediente: publication copy

`{db}` is the redacted archive (private persons' identifiers removed, their names replaced by
stable pseudonyms; public officials' names and titles kept). It holds no original file, no
failures table, no ingest runs and no path of the machine that made it. Serve it read-only and
immutable with the archive's own pages (document, person, institution, front page), its canned
queries and its reconciliation service; the plugins import expediente's `archive` and `models`
packages, so serve it from an environment where expediente is installed:

    datasette serve .                                  # this folder as a configuration directory
    datasette serve -i {db} --inspect-file {inspect} \\
        --metadata {metadata} --template-dir {templates} --plugins-dir {plugins} \\
        --setting suggest_facets off

To build a Docker image (expediente's wheel, from `uv build` in its checkout, installed inside):

    datasette package -i {db} --inspect-file {inspect} --metadata {metadata} \\
        --template-dir {templates} --plugins-dir {plugins} --install ./expediente-*.whl

`{inspect}` holds the table counts Datasette would otherwise count at start-up.
"""


def _inspect(folder: Path) -> dict[str, Any]:
    """What `datasette inspect` writes for the database (hash, size, table counts), read by
    Datasette's own Database in this process; the file it names is the database's name, not a
    path of this machine."""
    from datasette.app import Datasette  # heavy: only publishing and serving need it

    async def inspect() -> dict[str, Any]:
        database = Datasette(immutables=[str(folder / SQLITE_NAME)]).get_database()
        counts = await database.table_counts(limit=3600 * 1000)
        tables = {table: {"count": count} for table, count in counts.items()}
        entry = {"hash": database.hash, "size": database.size, "file": SQLITE_NAME}
        return {database.name: {**entry, "tables": tables}}

    return asyncio.run(inspect())


def _write_json(path: Path, value: Any) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _copy_tree(source: Path, target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


def publish(archive_path: Path, output: Path, key: bytes | None = None) -> Path:
    """Write the publication directory `output`: expediente.db (the redacted copy, read-only
    on disk), inspect-data.json, metadata.json, settings.json, templates/, plugins/ and a
    README saying how to serve it. Returns the database's path."""
    archive_path, output = Path(archive_path), Path(output)
    if not archive_path.is_file():
        raise ArchiveError(f"no archive at {archive_path}: run `expediente ingest PATH` first")
    output.mkdir(parents=True, exist_ok=True)
    database = output / SQLITE_NAME
    publication_copy(archive_path, database, redact=True, key=key)
    os.chmod(database, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)  # immutable: nothing writes
    _write_json(output / INSPECT_FILE, _inspect(output))
    _write_json(output / METADATA_FILE, datasette_metadata(database))
    _write_json(output / SETTINGS_FILE, SETTINGS)
    _copy_tree(TEMPLATES_DIR, output / TEMPLATES)
    _copy_tree(PLUGINS_DIR, output / PLUGINS)
    names = {
        "db": SQLITE_NAME,
        "inspect": INSPECT_FILE,
        "metadata": METADATA_FILE,
        "templates": TEMPLATES,
        "plugins": PLUGINS,
    }
    (output / README).write_text(_README_TEXT.format(**names), encoding="utf-8")
    return database


def published_folder(archive_path: Path, key: bytes | None = None) -> Path:
    """The publication directory beside the archive (archive.db -> archive-published/),
    published again when the archive (or its write-ahead log) is newer than its database."""
    archive_path = Path(archive_path)
    if not archive_path.is_file():
        raise ArchiveError(f"no archive at {archive_path}")
    folder = archive_path.with_name(f"{archive_path.stem}-published")
    sources = [archive_path, archive_path.with_name(f"{archive_path.name}-wal")]
    newest = max(p.stat().st_mtime_ns for p in sources if p.exists())
    database = folder / SQLITE_NAME
    if not database.is_file() or database.stat().st_mtime_ns < newest:
        publish(archive_path, folder, key=key)
    return folder
