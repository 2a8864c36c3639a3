"""Nothing leaked: 22 letters written for the project (tests/privacy/letters, invented people
and identifiers) are ingested for real (reading, spaCy extraction, SQLite), exported redacted in
every format and served redacted through Datasette; no planted private name or identifier and
no path of the machine survives anywhere, while the public officials' names and titles stay."""

from __future__ import annotations

import asyncio
import html
import json
import re
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from archive import published_datasette, published_folder
from archive.export import SQLITE_NAME
from expediente.cli_export import export, summary
from flows import pipeline
from models import Settings
from models.normalise import fold_words

LETTERS = Path(__file__).parent / "letters"
MANIFEST = json.loads((LETTERS / "manifest.json").read_text(encoding="utf-8"))["letters"]
IDENTIFIER_KINDS = ("curp", "rfc", "emails", "phones", "streets", "colonias", "enrolment")
FORMATS = ("csv", "jsonl", "sqlite")
ROOT = Path(__file__).resolve().parents[2]
TABLES = "select name from sqlite_master where type = 'table' order by name"


def fold(text: str) -> str:
    """Lower case, no accents, every run of non-letters one space: how a leak is looked for."""
    return f" {fold_words(text)} "


def private_names() -> list[str]:
    return [name for letter in MANIFEST.values() for name in letter["private_names"]]


def identifiers() -> list[tuple[str, str]]:
    return [
        (kind, value)
        for letter in MANIFEST.values()
        for kind in IDENTIFIER_KINDS
        for value in letter.get(kind, [])
    ]


def officials() -> list[dict[str, str | None]]:
    return [official for letter in MANIFEST.values() for official in letter["officials"]]


def public_words() -> set[str]:
    """Words the letters print outside every private name: a published word among them is no
    leak, any other word of a private name is ("Pantoja" on its own)."""
    text = " ".join(p.read_text(encoding="utf-8") for p in LETTERS.glob("*.txt"))
    folded = fold(text)
    for name in private_names():
        folded = folded.replace(fold(name), " ")
    return set(folded.split())


def private_only_words() -> set[str]:
    public = public_words()
    return {w for name in private_names() for w in fold(name).split() if w not in public}


@dataclass(frozen=True)
class Leaks:
    names: list[str]
    words: list[str]
    identifiers: list[str]

    def count(self) -> int:
        return len(self.names) + len(self.words) + len(self.identifiers)


def leaks(text: str) -> Leaks:
    """The planted private names (whole or as surnames), name words and identifiers in `text`."""
    folded = fold(text)
    names = [
        n for n in private_names() if fold(n) in folded or fold(" ".join(n.split()[-2:])) in folded
    ]
    words = sorted(private_only_words() & set(folded.split()))
    flat = " ".join(text.split())
    found = [f"{kind}: {v}" for kind, v in identifiers() if v.casefold() in flat.casefold()]
    return Leaks(names, words, found)


def machine_paths(tmp: Path) -> list[str]:
    return [str(tmp), str(Path.home()), str(ROOT), str(LETTERS)]


@dataclass(frozen=True)
class Published:
    tmp: Path
    archive: Path
    outputs: dict[str, Path]
    summaries: dict[str, str]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Published:
    """The letters (and one broken file) ingested from an inbox in a temporary folder, exported
    redacted in every format, and the redacted copy beside the archive."""
    tmp = tmp_path_factory.mktemp("privacy")
    inbox = tmp / "bandeja"
    shutil.copytree(LETTERS, inbox / "cartas", ignore=shutil.ignore_patterns("*.json"))
    (inbox / "roto.pdf").write_bytes(b"%PDF-1.4 truncated")
    archive = tmp / "archive.db"
    candidates, _ = pipeline.triage(pipeline.discover([inbox]), archive)
    processed = pipeline.read_and_extract(candidates, Settings.from_env())
    outcomes = pipeline.store(processed, archive, [inbox])
    assert sorted(o.status for o in outcomes).count("new") == len(MANIFEST)
    outputs: dict[str, Path] = {}
    summaries: dict[str, str] = {}
    for fmt in FORMATS:
        outputs[fmt] = tmp / f"export-{fmt}"
        manifest = export(archive, outputs[fmt], fmt, redact=True)
        summaries[fmt] = summary(manifest, outputs[fmt])
    published_folder(archive)
    return Published(tmp, archive, outputs, summaries)


def fts_terms(path: Path) -> set[str]:
    """The vocabulary of every FTS5 index in the file (fts5vocab)."""
    conn = sqlite3.connect(path)
    try:
        sql = "select name from sqlite_master where sql like 'create virtual table%fts5%'"
        terms: set[str] = set()
        for (name,) in conn.execute(sql).fetchall():
            vocab = f"temp.[vocab_{name}]"
            conn.execute(f"create virtual table {vocab} using fts5vocab(main, [{name}], row)")
            terms |= {r[0] for r in conn.execute(f"select term from {vocab}")}
        return terms
    finally:
        conn.close()


def sqlite_text(path: Path) -> str:
    """Every value of every table (FTS shadow tables included), every FTS term, and the file's
    raw bytes (free pages)."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type='table'")]
        parts = [str(row) for t in tables for row in conn.execute(f"select * from [{t}]")]
    finally:
        conn.close()
    parts += sorted(fts_terms(path))
    parts.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts)


def exported_files(published: Published, fmt: str) -> Iterator[tuple[Path, str]]:
    for path in sorted(published.outputs[fmt].iterdir()):
        text = sqlite_text(path) if path.suffix == ".db" else path.read_text(encoding="utf-8")
        yield path, text


def test_the_letters_plant_enough_to_find() -> None:
    assert len(MANIFEST) >= 20
    assert len(private_names()) >= 40 and len(identifiers()) >= 50 and len(officials()) >= 25
    assert len(private_only_words()) >= 40


def test_the_original_archive_holds_the_planted_items(published: Published) -> None:
    """The check finds leaks: unredacted, the archive holds every planted item."""
    found = leaks(sqlite_text(published.archive))
    assert len(found.names) == len(private_names())
    assert len(found.identifiers) == len(identifiers())


@pytest.mark.parametrize("fmt", FORMATS)
def test_redacted_export_leaks_no_planted_item(published: Published, fmt: str) -> None:
    for path, text in exported_files(published, fmt):
        found = leaks(text)
        assert found.count() == 0, (path.name, found)


@pytest.mark.parametrize("fmt", FORMATS)
def test_redacted_export_keeps_public_officials(published: Published, fmt: str) -> None:
    text = "\n".join(text for _, text in exported_files(published, fmt))
    for official in officials():
        assert str(official["name"]) in text, official
        if official["title"]:
            assert str(official["title"]) in text, official


def test_export_summary_counts_the_private_people(published: Published) -> None:
    for fmt, text in published.summaries.items():
        found = re.search(r"private people pseudonymised: (\d+)", text)
        assert found is not None, text
        count = int(found.group(1))
        assert count >= len(private_names()) - 5, (fmt, text)


def test_fts_vocabulary_holds_no_private_word(published: Published) -> None:
    for path in (
        published.outputs["sqlite"] / "expediente.db",
        published_folder(published.archive) / SQLITE_NAME,
    ):
        terms = fts_terms(path)
        assert terms, path
        assert sorted(private_only_words() & terms) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_names_no_folder_of_the_machine(published: Published, fmt: str) -> None:
    for path, text in exported_files(published, fmt):
        for folder in machine_paths(published.tmp):
            assert folder not in text, (path.name, folder)
    assert not (published.outputs[fmt] / "failures.csv").exists()


def test_redacted_copy_has_no_failures_and_relative_paths(published: Published) -> None:
    copy = published_folder(published.archive) / SQLITE_NAME
    text = sqlite_text(copy)
    for folder in machine_paths(published.tmp):
        assert folder not in text, folder
    conn = sqlite3.connect(copy)
    try:
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
        paths = sorted(r[0] for r in conn.execute("select path from documents"))
    finally:
        conn.close()
    assert "failures" not in tables and "runs" not in tables
    assert paths == sorted(f"cartas/{name}" for name in MANIFEST)


def _decoded(text: str) -> str:
    """A JSON page with its escapes ("\u00f1") read back, so a leak cannot hide in them."""
    return json.dumps(json.loads(text), ensure_ascii=False)


async def _fetch_all(datasette: Any, database: str) -> dict[str, str]:
    """Every page of every table (hidden ones too) as JSON and its first page as HTML, the
    instance's own pages, and SQL asking for the database's file."""
    pages: dict[str, str] = {}

    async def get(url: str, **params: str) -> Any:
        response = await datasette.client.get(url, params=params or None)
        assert response.status_code in (200, 400), (url, response.status_code)
        return response

    for url in ("/", f"/{database}", "/-/databases.json", "/-/metadata.json", "/-/plugins.json"):
        pages[url] = html.unescape((await get(url)).text)
    for sql in (
        "select * from pragma_database_list",
        "select file from pragma_database_list()",
        "select group_concat(file) from PRAGMA_DATABASE_LIST",
        "select group_concat(FILE) from Pragma_Database_List()",
        "select * from main.pragma_database_list",
    ):
        pages[sql] = _decoded((await get(f"/{database}.json", sql=sql)).text)
    listed = await get(f"/{database}.json", sql=TABLES, _shape="arrayfirst")
    for table in listed.json():
        pages[f"/{database}/{table}"] = html.unescape((await get(f"/{database}/{table}")).text)
        url: str | None = f"/{database}/{table}.json?_size=max"
        while url:
            body = (await get(url)).json()
            pages[url] = json.dumps(body, ensure_ascii=False)  # "\u00f1" read as "ñ"
            following = urlsplit(body.get("next_url") or "")
            url = f"{following.path}?{following.query}" if following.path else None
    return pages


def test_served_redacted_copy_leaks_nothing_and_keeps_officials(
    published: Published, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(published.tmp)  # published_datasette moves into the copy's folder
    copy = published_folder(published.archive) / SQLITE_NAME
    datasette = published_datasette(copy.parent)
    pages = asyncio.run(_fetch_all(datasette, copy.stem))
    assert len(pages) > 40
    everything = "\n".join(pages.values())
    for url, text in pages.items():
        found = leaks(text)
        assert found.count() == 0, (url, found)
        for folder in machine_paths(published.tmp):
            assert folder not in text, (url, folder)
    databases = json.loads(pages["/-/databases.json"])
    assert [d["path"] for d in databases] == [copy.name]
    assert json.loads(pages["select * from pragma_database_list"])["rows"] == [[0, "main", None]]
    for official in officials():
        assert str(official["name"]) in everything, official
