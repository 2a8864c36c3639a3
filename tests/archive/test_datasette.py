"""Datasette over the archive: metadata, in-process requests, read-only, and one real server."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlite_utils

from archive import datasette_metadata, make_datasette, open_archive

from .conftest import LETTER, PRESS, ROOT, sha, store_letter, store_press


def get(archive_path: Path, *paths: str) -> list[httpx.Response]:
    """GET each path from one in-process Datasette over the archive."""
    datasette = make_datasette(archive_path)

    async def fetch() -> list[httpx.Response]:
        return [await datasette.client.get(path) for path in paths]

    return asyncio.run(fetch())


@pytest.fixture()
def served(filled: sqlite_utils.Database, archive_path: Path) -> Path:
    filled.close()
    return archive_path


def test_metadata_names_the_database_after_the_file(tmp_path: Path) -> None:
    metadata = datasette_metadata(tmp_path / "oficios-2024.db")
    assert list(metadata["databases"]) == ["oficios-2024"]
    database = metadata["databases"]["oficios-2024"]
    assert metadata["title"] and metadata["license"] and metadata["source"]
    assert database["tables"]["documents"]["facets"] == ["kind", "year", "readers"]
    assert database["tables"]["documents"]["fts_table"] == "documents_fts"
    assert {"documents_signed_by", "commitments_by_institution"} <= set(database["queries"])
    assert not any(q.get("write") for q in database["queries"].values())


def test_documents_table_and_facets(served: Path) -> None:
    table, faceted = get(
        served, "/archive/documents.json?_shape=array", "/archive/documents.json?_facet=kind"
    )
    assert table.status_code == 200
    assert {row["id"] for row in table.json()} == {sha(LETTER), sha(PRESS)}
    facet = faceted.json()["facet_results"]["kind"]["results"]
    assert {r["value"]: r["count"] for r in facet} == {"letter": 1, "press_release": 1}


def test_full_text_search_ignores_accents(served: Path) -> None:
    [response] = get(served, "/archive/documents.json?_search=cuauhtlan&_shape=array")
    assert [row["id"] for row in response.json()] == [sha(PRESS)]


@pytest.mark.parametrize(
    ("path", "column", "expected"),
    [
        (
            "/archive/documents_signed_by.json?name=Mar%C3%ADa+Fernanda&_shape=array",
            "signatory",
            ["MARÍA FERNANDA OCHOA BRAVO"],
        ),
        ("/archive/documents_signed_by.json?name=OCHOA&_shape=array", "file", ["oficio-017.txt"]),
        ("/archive/documents_signed_by.json?name=quintana&_shape=array", "file", []),
        (
            "/archive/commitments_by_institution.json?institution=san+mateo&_shape=array",
            "text",
            ["publicar los informes trimestrales en su portal de transparencia"],
        ),
    ],
)
def test_canned_queries_return_rows(
    served: Path, path: str, column: str, expected: list[str]
) -> None:
    [response] = get(served, path)
    assert response.status_code == 200
    assert [row[column] for row in response.json()] == expected


@pytest.mark.parametrize(
    "sql",
    [
        "update documents set kind = 'letter'",
        "delete from documents",
        "insert into people (id, name) values ('x', 'y')",
        "drop table documents",
    ],
)
def test_sql_that_would_change_the_archive_is_refused(served: Path, sql: str) -> None:
    [response] = get(served, "/archive.json?" + httpx.QueryParams({"sql": sql}).__str__())
    assert response.status_code == 400
    db = sqlite_utils.Database(served)
    assert db["documents"].count == 2 and {r["kind"] for r in db["documents"].rows} == {
        "letter",
        "press_release",
    }


def test_documents_ingested_later_show_without_restart(archive_path: Path) -> None:
    db = open_archive(archive_path)
    store_letter(db)
    db.close()
    datasette = make_datasette(archive_path)

    async def count() -> int:
        response = await datasette.client.get("/archive/documents.json?_shape=array")
        return len(response.json())

    assert asyncio.run(count()) == 1
    db = open_archive(archive_path)
    store_press(db)
    db.close()
    assert asyncio.run(count()) == 2


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, server: subprocess.Popen[Any]) -> httpx.Response:
    """The first answer from the server (it takes a moment to start)."""
    for _ in range(300):
        if server.poll() is not None:
            raise AssertionError(f"server exited: {server.stderr.read() if server.stderr else ''}")
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"no answer from {url}")


@pytest.mark.slow
def test_real_server_on_localhost(served: Path) -> None:
    port = free_port()
    code = f"from archive import serve; serve({str(served)!r}, port={port})"
    server = subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, stderr=subprocess.PIPE, text=True
    )
    try:
        response = wait_for(f"http://127.0.0.1:{port}/archive/documents.json?_shape=array", server)
        assert response.status_code == 200
        assert {row["file"] for row in response.json()} == {"oficio-017.txt", "boletin-88.md"}
        signed = httpx.get(
            f"http://127.0.0.1:{port}/archive/documents_signed_by.json",
            params={"name": "ochoa", "_shape": "array"},
            timeout=5,
        )
        assert [row["file"] for row in signed.json()] == ["oficio-017.txt"]
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert server.returncode is not None


def test_html_pages_render_with_links_between_tables(served: Path) -> None:
    person_id = next(sqlite_utils.Database(served).table("people").rows)["id"]
    home, signatories, person = get(
        served, "/archive", "/archive/signatories", f"/archive/people/{person_id}"
    )
    assert home.status_code == signatories.status_code == person.status_code == 200
    assert "documents_signed_by" in home.text
    assert f'href="/archive/people/{person_id}"' in signatories.text  # foreign key shown as link
    assert "signatories" in person.text  # links from other tables
