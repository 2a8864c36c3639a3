"""`expediente publish`: the publication directory, served in process and by a real
`datasette serve -i` from it: redacted, immutable, no originals and no path of the machine."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from archive import open_archive, publish, published_datasette, published_folder
from archive.redact import key_path, load_or_create_key, pseudonym

from .conftest import LETTER, sha, store_letter, store_press
from .test_browser import running
from .test_redact import CITIZEN, OFFICIAL, PRIVATE_VALUES, store_citizen_letter

WRITTEN = {
    "README.md",
    "expediente.db",
    "inspect-data.json",
    "metadata.json",
    "settings.json",
    "plugins",
    "templates",
}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A letter (its original stored), a press release and a letter to a citizen, published."""
    folder = tmp_path_factory.mktemp("publish")
    archive = folder / "archive.db"
    db = open_archive(archive)
    store_letter(db)
    store_press(db)
    store_citizen_letter(db)
    db["documents"].update(sha(LETTER), {"original": "archive.files/originals/ab/cd.txt"})
    db.close()
    publish(archive, folder / "public")
    return folder / "public"


def everything_in(folder: Path) -> str:
    """Every file under `folder` as text (the database's raw bytes included)."""
    return "\n".join(
        path.read_bytes().decode("utf-8", "replace")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    )


def test_publication_directory_holds_what_datasette_serves(published: Path) -> None:
    assert {p.name for p in published.iterdir()} == WRITTEN
    assert (published / "expediente.db").stat().st_mode & 0o222 == 0  # read-only on disk
    inspect = json.loads((published / "inspect-data.json").read_text(encoding="utf-8"))
    assert inspect["expediente"]["file"] == "expediente.db"
    assert inspect["expediente"]["tables"]["documents"]["count"] == 3
    digest = hashlib.sha256((published / "expediente.db").read_bytes()).hexdigest()
    assert inspect["expediente"]["hash"] == digest
    metadata = json.loads((published / "metadata.json").read_text(encoding="utf-8"))
    assert list(metadata["databases"]) == ["expediente"]
    assert (published / "templates" / "expediente_document.html").is_file()
    assert (published / "plugins" / "expediente_pages.py").is_file()
    readme = (published / "README.md").read_text(encoding="utf-8")
    assert "datasette serve -i expediente.db --inspect-file inspect-data.json" in readme
    assert "datasette package" in readme


def test_publication_has_no_private_name_no_original_and_no_machine_path(
    published: Path,
) -> None:
    text = everything_in(published)
    for value in (CITIZEN, CITIZEN.upper(), *PRIVATE_VALUES):
        assert value not in text
    assert OFFICIAL in text
    assert str(published.parent) not in text and "/inbox" not in text
    assert not list(published.rglob("*.files"))
    conn = sqlite3.connect(f"file:{published / 'expediente.db'}?mode=ro", uri=True)
    try:
        originals = conn.execute("select count(*) from documents where original is not null")
        assert originals.fetchone()[0] == 0
        tables = {r[0] for r in conn.execute("select name from sqlite_master")}
    finally:
        conn.close()
    assert not {"failures", "runs", "run_files", "file_stats"} & tables


def test_published_folder_is_published_again_when_the_archive_is_newer(tmp_path: Path) -> None:
    archive = tmp_path / "archive.db"
    db = open_archive(archive)
    store_letter(db)
    db.close()
    folder = published_folder(archive)
    assert folder == tmp_path / "archive-published"
    database = folder / "expediente.db"
    newer = archive.stat().st_mtime_ns + 10**12
    os.utime(database, ns=(newer, newer))
    assert published_folder(archive) == folder and database.stat().st_mtime_ns == newer
    os.utime(database, ns=(0, 0))
    published_folder(archive)
    assert database.stat().st_mtime_ns > 0  # older: published again


def test_in_process_publication_pages_show_pseudonyms_and_no_original(
    published: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(published)  # published_datasette moves into the directory
    datasette = published_datasette(published)

    async def fetch(*paths: str) -> list[httpx.Response]:
        return [await datasette.client.get(p) for p in paths]

    people, letter, databases = asyncio.run(
        fetch(
            "/expediente/people.json?_shape=array",
            f"/expediente/documents/{sha(LETTER)}",
            "/-/databases.json",
        )
    )
    names = {row["name"] for row in people.json()}
    key = load_or_create_key(key_path(published.parent / "archive.db"))
    assert OFFICIAL in names and pseudonym(CITIZEN, key) in names
    assert "Original no disponible en esta copia." in letter.text
    assert 'class="original"' not in letter.text
    assert [d["path"] for d in databases.json()] == ["expediente.db"]
    assert [d["is_mutable"] for d in databases.json()] == [False]


@pytest.fixture(scope="module")
def datasette_i(published: Path) -> Iterator[str]:
    """Plain `datasette serve -i` over the publication directory, as its README says."""
    command = [sys.executable, "-m", "datasette", "serve", "-i", "expediente.db"]
    command += ["--inspect-file", "inspect-data.json", "--metadata", "metadata.json"]
    command += ["--template-dir", "templates", "--plugins-dir", "plugins", "--port", "{port}"]
    with running(command, cwd=published) as base:
        yield base


def test_datasette_i_serves_the_publication_read_only_without_leaks(
    published: Path, datasette_i: str
) -> None:
    before = (published / "expediente.db").read_bytes()
    pages = {}
    for path in (
        "/",
        "/?q=mexico",
        "/expediente",
        "/expediente/documents",
        "/expediente/people",
        "/expediente/signatories.json?_shape=array",
        "/-/databases.json",
        "/-/metadata.json",
        "/expediente.json?sql=select+*+from+pragma_database_list",
    ):
        response = httpx.get(f"{datasette_i}{path}", timeout=10)
        assert response.status_code == 200, path
        pages[path] = response.text
    for table in ("documents", "people", "institutions"):  # every row's own page
        listed = httpx.get(f"{datasette_i}/expediente/{table}.json?_shape=array", timeout=10)
        for row in listed.json():
            page = httpx.get(f"{datasette_i}/expediente/{table}/{row['id']}", timeout=10)
            assert page.status_code == 200
            pages[f"{table}/{row['id']}"] = page.text
    assert "Tablas, facetas y consultas" in pages["/"]  # the archive's own front page
    text = "\n".join(pages.values())
    for value in (CITIZEN, CITIZEN.upper(), *PRIVATE_VALUES):
        assert value not in text
    assert OFFICIAL in text
    assert str(published.parent) not in text
    assert not re.search(r'"(/tmp|/home|/root)/', text)
    # Reconciliation cannot tell that a private person's real name is in the archive.
    queries = json.dumps({"q0": {"query": CITIZEN}, "q1": {"query": OFFICIAL}})
    found = httpx.post(
        f"{datasette_i}/expediente/people/-/reconcile", data={"queries": queries}, timeout=10
    ).json()
    assert found["q0"] == {"result": []}
    assert found["q1"]["result"][0]["name"] == OFFICIAL
    # No write: POST refused, the file byte for byte the same.
    refused = httpx.post(f"{datasette_i}/expediente/documents/-/insert", json={"row": {}})
    assert refused.status_code == 405
    assert (published / "expediente.db").read_bytes() == before
