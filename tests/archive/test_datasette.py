"""Datasette over the archive: metadata, in-process requests, read-only, and one real server."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlite_utils

from archive import datasette_metadata, make_datasette, open_archive, store_document

from .conftest import (
    LETTER,
    PRESS,
    letter_document,
    letter_extraction,
    sha,
    store_letter,
    store_press,
)

CANNED = (
    "documents_signed_by",
    "commitments_by_institution",
    "documents_by_month",
    "people_by_institution",
    "search_documents",
)


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
    assert database["tables"]["documents"]["facets"] == ["kind", "year", "place", "readers"]
    assert database["tables"]["signatories"]["facets"] == ["name", "institution"]
    assert database["tables"]["documents"]["fts_table"] == "documents_fts"
    assert set(CANNED) <= set(database["queries"])
    assert not any(q.get("write") for q in database["queries"].values())


def test_every_table_and_column_is_described(archive_path: Path) -> None:
    db = open_archive(archive_path)
    tables = datasette_metadata(archive_path)["databases"]["archive"]["tables"]
    for name in db.table_names():
        if name.startswith("documents_fts"):
            continue  # FTS shadow tables: Datasette hides them
        assert tables.get(name, {}).get("description"), name
        described = tables[name].get("columns", {})
        assert [c.name for c in db[name].columns if not described.get(c.name)] == [], name
    db.close()


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


SIGNED_BY = "/archive/documents_signed_by.json?_shape=array&name="


@pytest.mark.parametrize(
    ("path", "column", "expected"),
    [
        (SIGNED_BY + "Mar%C3%ADa+Fernanda", "signatory", ["MARÍA FERNANDA OCHOA BRAVO"]),
        (SIGNED_BY + "OCHOA", "file", ["oficio-017.txt"]),
        (SIGNED_BY + "maria+fernanda+ochoa+bravo", "file", ["oficio-017.txt"]),
        (SIGNED_BY + "Lic.+Mar%C3%ADa+Fernanda+Ochoa", "file", ["oficio-017.txt"]),
        (SIGNED_BY + "Mtra.+MARIA+FERNANDA+OCHOA+BRAVO", "file", ["oficio-017.txt"]),
        (SIGNED_BY + "Fernanda+Ochao", "file", ["oficio-017.txt"]),  # a typo
        (SIGNED_BY + "Maria+Fernada+Ochoa", "file", ["oficio-017.txt"]),  # a letter missing
        (SIGNED_BY + "quintana", "file", []),  # named in a document, signs none
        (SIGNED_BY + "Fernando+Ortiz", "file", []),
        (SIGNED_BY, "file", []),
        (
            "/archive/commitments_by_institution.json?institution=san+mateo&_shape=array",
            "text",
            ["publicar los informes trimestrales en su portal de transparencia"],
        ),
        ("/archive/commitments_by_institution.json?institution=CODHEM&_shape=array", "text", []),
        (
            "/archive/documents_by_month.json?kind=&year=&_shape=array",
            "month",
            ["2024-04", "2023-06"],
        ),
        (
            "/archive/documents_by_month.json?kind=letter&year=&_shape=array",
            "month",
            ["2024-04"],
        ),
        ("/archive/documents_by_month.json?kind=&year=2023&_shape=array", "documents", [1]),
        (
            "/archive/people_by_institution.json?institution=san+mateo+atenco&_shape=array",
            "person",
            ["MARÍA FERNANDA OCHOA BRAVO"],
        ),
        (
            "/archive/people_by_institution.json?institution=alcaldia+cuauhtlan&_shape=array",
            "person",
            ["Rosa Elvira Quintana Mejía"],
        ),
        (
            "/archive/people_by_institution.json?institution=&_shape=array",
            "institution",
            ["Alcaldía Cuauhtlán", "Ayuntamiento de San Mateo Atenco"],
        ),
        (
            "/archive/search_documents.json?q=comite+abierto&_shape=array",
            "snippet",
            [
                "Alcaldía Cuauhtlán instala [comité] de gobierno [abierto]\n\n"
                "Ciudad de México, 12 de junio de 2023. La…"
            ],
        ),
        ("/archive/search_documents.json?q=%22unbalanced+AND+(&_shape=array", "file", []),
    ],
)
def test_canned_queries_return_rows(
    served: Path, path: str, column: str, expected: list[str]
) -> None:
    [response] = get(served, path)
    assert response.status_code == 200
    assert [row[column] for row in response.json()] == expected


def test_signed_by_ranks_the_closest_name_first(
    db: sqlite_utils.Database, archive_path: Path
) -> None:
    doc = letter_document()
    for number, signer in enumerate(["FERNANDO OCHOA LEYVA", "MARÍA FERNANDA OCHOA RUIZ"]):
        store_document(
            db,
            sha256=sha(f"{LETTER}{number}"),
            path=Path(f"/inbox/oficio-{number}.txt"),
            document=doc,
            extraction=letter_extraction(doc, signer=signer),
        )
    db.close()
    [response] = get(archive_path, SIGNED_BY + "Fernanda+Ochoa+Ruiz")
    rows = response.json()
    assert [row["signatory"] for row in rows] == ["MARÍA FERNANDA OCHOA RUIZ"]
    [response] = get(archive_path, SIGNED_BY + "ochoa")
    closeness = [row["closeness"] for row in response.json()]
    assert len(closeness) == 2 and closeness == sorted(closeness, reverse=True)


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("select fold('Lic. JOSÉ  Pérez,') as value", "lic jose perez"),
        ("select fold_person('Mtra. Ana Ríos') as value", "ana rios"),
        ("select similarity('ochoa', 'Lic. Ochoa') as value", 100.0),
        ("select similarity('', 'Ochoa') as value", 0.0),
        ("select name_matches('ortga vidal', 'Lic. Ramiro Ortega Vidal') as value", 1),
    ],
)
def test_plugin_functions_are_on_every_connection(served: Path, sql: str, expected: Any) -> None:
    [response] = get(served, "/archive.json?_shape=array&" + str(httpx.QueryParams({"sql": sql})))
    assert response.json() == [{"value": expected}]


def test_search_all_plugin_lists_the_documents(served: Path) -> None:
    [page] = get(served, "/-/search?q=cuauhtlan")
    assert page.status_code == 200
    assert '"url_json": "/archive/documents.json"' in page.text


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
    assert_unchanged(served)


def assert_unchanged(served: Path) -> None:
    db = sqlite_utils.Database(served)
    assert db["people"].count == 2
    assert db["documents"].count == 2 and {r["kind"] for r in db["documents"].rows} == {
        "letter",
        "press_release",
    }


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/archive/documents_signed_by"),
        ("POST", "/archive"),
        ("PUT", "/archive/documents"),
        ("DELETE", "/archive/documents"),
        ("POST", "/-/messages"),
    ],
)
def test_no_request_but_get_is_answered(served: Path, method: str, path: str) -> None:
    datasette = make_datasette(served)
    form = {"name": "x", "sql": "delete from documents"}

    async def send() -> httpx.Response:
        return await datasette.client.request(method, path, data=form)

    assert asyncio.run(send()).status_code == 405
    assert_unchanged(served)


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


def test_html_pages_render_with_links_between_tables(served: Path) -> None:
    person_id = next(sqlite_utils.Database(served).table("people").rows)["id"]
    home, signatories, person = get(
        served, "/archive", "/archive/signatories", f"/archive/people/{person_id}"
    )
    assert home.status_code == signatories.status_code == person.status_code == 200
    assert "documents_signed_by" in home.text
    assert f'href="/archive/people/{person_id}"' in signatories.text  # foreign key shown as link
    assert 'class="document" href="/archive/documents/' in person.text  # the person's documents


def test_canned_query_results_link_to_documents_and_people(served: Path) -> None:
    person_id = next(sqlite_utils.Database(served).table("people").rows)["id"]
    [page] = get(served, "/archive/documents_signed_by?name=ochoa")
    assert page.status_code == 200
    assert f'href="/archive/documents/{sha(LETTER)}"' in page.text
    assert f'href="/archive/people/{person_id}"' in page.text


def test_signed_by_finds_a_person_by_an_alias(served: Path) -> None:
    db = sqlite_utils.Database(served)
    person_id = db.execute("select person_id from signatories").fetchone()[0]
    alias = {"kind": "person", "entity_id": person_id, "printed": "Mafer Ochoa", "pinned": 1}
    db.table("aliases").insert({**alias, "folded": "mafer ochoa"})
    db.close()
    [response] = get(served, SIGNED_BY + "MAFER")
    assert [row["file"] for row in response.json()] == ["oficio-017.txt"]
