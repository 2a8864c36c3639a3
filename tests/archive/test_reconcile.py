"""The reconciliation services (W3C Reconciliation API 0.2) as OpenRefine calls them: the
manifest, batches of queries by GET and POST, honorifics and accents ignored."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from archive import make_datasette, open_archive, store_document
from models import Institution

from .conftest import LETTER, letter_document, letter_extraction, prov, sha

INFOEM = (
    "Instituto de Transparencia, Acceso a la Información Pública y Protección de Datos "
    "Personales del Estado de México y Municipios"
)


@pytest.fixture()
def served(archive_path: Path) -> Path:
    """A letter signed by LIC. ROMINA CONTRERAS ÁVALOS for Infoem."""
    doc = letter_document()
    letter = letter_extraction(doc)
    signer = dataclasses.replace(
        letter.signatories[0],
        name="ROMINA CONTRERAS ÁVALOS",
        institution="Infoem",
        prov=prov(doc, "MARÍA FERNANDA OCHOA BRAVO", "signatories.v1"),
    )
    infoem = Institution(INFOEM, acronym="Infoem", printed="INFOEM")
    extraction = dataclasses.replace(
        letter, signatories=(signer,), institutions=(*letter.institutions, infoem)
    )
    db = open_archive(archive_path)
    store_document(
        db,
        sha256=sha(LETTER),
        path=Path("/inbox/oficio.txt"),
        document=doc,
        extraction=extraction,
        ingested_at=dt.datetime(2024, 5, 1, tzinfo=dt.UTC),
    )
    db.close()
    return archive_path


def call(archive: Path, method: str, path: str, **kwargs: Any) -> httpx.Response:
    datasette = make_datasette(archive)

    async def fetch() -> httpx.Response:
        return await getattr(datasette.client, method)(path, **kwargs)

    return asyncio.run(fetch())


def test_manifest_names_the_service_and_how_to_view_a_match(served: Path) -> None:
    body = call(served, "get", "/archive/people/-/reconcile").json()
    assert body["versions"] == ["0.2"]
    assert body["defaultTypes"] == [{"id": "person", "name": "Persona"}]
    assert body["view"]["url"] == "http://localhost/archive/people/{{id}}"
    institutions = call(served, "get", "/archive/institutions/-/reconcile").json()
    assert institutions["defaultTypes"] == [{"id": "institution", "name": "Institución"}]


@pytest.mark.parametrize(
    "query",
    ["Lic. Romina Contreras Ávalos", "romina contreras avalos", "LIC. ROMINA CONTRERAS ÁVALOS"],
)
def test_people_match_ignoring_honorifics_and_accents(served: Path, query: str) -> None:
    queries = json.dumps({"q0": {"query": query}})
    answer = call(served, "post", "/archive/people/-/reconcile", data={"queries": queries})
    assert answer.status_code == 200
    (best,) = answer.json()["q0"]["result"]
    assert best["name"].upper() == "ROMINA CONTRERAS ÁVALOS"
    assert best["score"] == 100.0 and best["match"] is True
    assert best["type"] == [{"id": "person", "name": "Persona"}]


def test_name_without_a_surname_matches_one_word_alone_is_a_candidate(served: Path) -> None:
    queries = {
        "q0": {"query": "Lic. Romina Contreras"},
        "q1": {"query": "Contreras"},
        "q2": {"query": "Nadie"},
    }
    params = {"queries": json.dumps(queries)}
    body = call(served, "get", "/archive/people/-/reconcile", params=params).json()
    (named,) = body["q0"]["result"]
    assert named["name"].upper() == "ROMINA CONTRERAS ÁVALOS"
    assert named["score"] >= 95 and named["match"] is True
    (surname,) = body["q1"]["result"]
    assert surname["id"] == named["id"] and surname["score"] < 95 and surname["match"] is False
    assert body["q2"] == {"result": []}


@pytest.mark.parametrize("query", ["Infoem", "INFOEM", "instituto de transparencia acceso"])
def test_institutions_match_by_acronym_or_name(served: Path, query: str) -> None:
    queries = json.dumps({"q0": {"query": query, "limit": 3}})
    body = call(served, "post", "/archive/institutions/-/reconcile", data={"queries": queries})
    best = body.json()["q0"]["result"][0]
    assert best["name"] == f"{INFOEM} (Infoem)"
    page = call(served, "get", f"/archive/institutions/{best['id']}")
    assert page.status_code == 200 and "Infoem" in page.text


def test_bad_queries_are_refused_and_other_posts_still_are(served: Path) -> None:
    bad = call(served, "post", "/archive/people/-/reconcile", data={"queries": "[1"})
    assert bad.status_code == 400 and "not JSON" in bad.json()["error"]
    assert call(served, "post", "/archive/people", data={"queries": "{}"}).status_code == 405
