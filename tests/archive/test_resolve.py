"""Folding names and resolving each person and institution to one canonical row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlite_utils

from archive import store_document
from archive.folding import name_matches
from archive.resolve import Resolver
from models import Dateline, DocumentText, Extraction, Institution, KindGuess, Person, Signatory


@pytest.mark.parametrize(
    ("query", "name", "found"),
    [
        ("ortega", "Lic. Ramiro Ortega Vidal", True),
        ("RAMIRO ORTEGA", "Ramiro Ortega Vidal", True),
        ("ortega vidal", "Ramiro Ortega Vidal", True),
        ("ortga vidal", "Ramiro Ortega Vidal", True),  # a typo
        ("ramiro vidal", "Ramiro Ortega Vidal", True),  # a middle name left out
        ("téllez", "Joaquín Salgado Tellez", True),
        ("ortega", "Rosa Quintana Mejía", False),
        ("garza", "Ramiro García Vidal", False),
        ("", "Ramiro Ortega Vidal", False),
    ],
)
def test_name_matches(query: str, name: str, found: bool) -> None:
    assert name_matches(query, name) is found


def _store(
    db: sqlite_utils.Database, n: int, signer: str, named: str, body: str, acronym: str | None
) -> None:
    text = f"Oficio {n}. {signer}. {named}. {body}."
    extraction = Extraction(
        kind=KindGuess("letter", "test"),
        dateline=Dateline(dt.date(2024, 1, n), None),
        signatories=(Signatory(signer, institution=body),),
        people=(Person(named, role="addressee"),),
        institutions=(Institution(body, acronym=acronym),),
    )
    store_document(
        db,
        sha256=f"{n:064x}",
        path=Path(f"/inbox/{n}.txt"),
        document=DocumentText.from_text(text),
        extraction=extraction,
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Joaquín Salgado Téllez", "JOAQUIN SALGADO TELLEZ"),
        ("Joaquín Salgado Téllez", "Lic. Joaquín Salgado Téllez"),
        ("Joaquín Salgado Téllez", "Joaquín Salgado Tellés"),
        ("Salgado Téllez, Joaquín", "Joaquín Salgado Téllez"),
    ],
)
def test_same_person_written_two_ways_is_one_people_row(
    db: sqlite_utils.Database, archive_path: Path, first: str, second: str
) -> None:
    _store(db, 1, first, "Elisa Duarte Piña", "Secretaría de Cultura", None)
    _store(db, 2, second, "ELISA DUARTE PIÑA", "SECRETARÍA DE CULTURA", None)
    db.close()
    reopened = sqlite_utils.Database(archive_path)
    assert reopened["people"].count == 2
    assert reopened["institutions"].count == 1
    person_ids = {r["person_id"] for r in reopened["signatories"].rows}
    assert len(person_ids) == 1 and None not in person_ids


def test_different_people_and_institutions_stay_apart(db: sqlite_utils.Database) -> None:
    _store(db, 1, "Joaquín Salgado Téllez", "Elisa Duarte Piña", "Secretaría de Cultura", None)
    _store(db, 2, "Joaquín Salgado Ruiz", "Elisa Durán Piña", "Secretaría de Turismo", None)
    assert db["people"].count == 4
    assert db["institutions"].count == 2


def test_institution_with_equal_acronym_is_one_row(db: sqlite_utils.Database) -> None:
    _store(db, 1, "Ana Ruiz", "Eva Mora", "Instituto Nacional Electoral", "INE")
    _store(db, 2, "Ana Ruiz", "Eva Mora", "INE", "INE")
    resolver = Resolver(db)
    assert resolver.institution("Instituto Nacional  Electoral") == resolver.institution("ine")
    assert resolver.institution("Instituto Nacional Electoral", "IFE", create=False) is None
    assert db["institutions"].count == 1


def test_canonical_institution_learns_a_later_acronym(db: sqlite_utils.Database) -> None:
    _store(db, 1, "Ana Ruiz", "Eva Mora", "Secretaría de Turismo", None)
    _store(db, 2, "Ana Ruiz", "Eva Mora", "Secretaría de Turismo", "SECTUR")
    assert [(r["name"], r["acronym"]) for r in db["institutions"].rows] == [
        ("Secretaría de Turismo", "SECTUR")
    ]


@pytest.mark.parametrize(
    ("full", "short", "evidence", "same"),
    [
        (
            "ROMINA CONTRERAS CARRASCO",
            "Romina Contreras",
            {"institution": "Ayuntamiento de Ocuilan"},
            True,
        ),
        ("Romina Contreras Carrasco", "Romina Contreras", {"cargo": "Presidencia Municipal"}, True),
        (
            "José Martínez Vilchis",
            "J. Martínez Vilchis",
            {"institution": "H. Ayuntamiento de Ocuilan"},
            True,
        ),
        ("Romina Contreras Carrasco", "Romina Contreras", {}, False),  # no evidence
        (
            "Romina Contreras Carrasco",
            "Romina Contreras",
            {"institution": "Secretaría de Salud"},
            False,
        ),
        (
            "José Martínez Vilchis",
            "Jorge Martínez Vilchis",
            {"institution": "Ayuntamiento de Ocuilan"},
            False,
        ),
    ],
)
def test_shorter_or_initialled_names_join_only_with_evidence(
    db: sqlite_utils.Database, full: str, short: str, evidence: dict[str, str], same: bool
) -> None:
    resolver = Resolver(db)
    first = resolver.person(
        full, institution="Ayuntamiento de Ocuilan", cargo="Presidencia Municipal"
    )
    assert (resolver.person(short, **evidence) == first) is same
    # A fresh resolver finds the same evidence in what the archive stored.
    assert (Resolver(db).person(short, **evidence) == first) is same


@pytest.mark.parametrize(
    ("body", "same"), [("AYUNTAMIENTO DE OCUILAN", True), ("Ayuntamiento de Malinalco", False)]
)
def test_evidence_is_read_from_stored_documents(
    db: sqlite_utils.Database, body: str, same: bool
) -> None:
    _store(db, 1, "LIC. ROMINA CONTRERAS CARRASCO", "Eva Mora", "Ayuntamiento de Ocuilan", None)
    stored = next(db["signatories"].rows)["person_id"]
    assert (Resolver(db).person("Romina Contreras", institution=body) == stored) is same


def test_canonical_name_grows_to_the_fullest_form(db: sqlite_utils.Database) -> None:
    resolver = Resolver(db)
    person = resolver.person("Romina Contreras", institution="Ayuntamiento de Ocuilan")
    resolver.person("ROMINA CONTRERAS CARRASCO", institution="Ayuntamiento de Ocuilan")
    assert db["people"].get(person)["name"] == "ROMINA CONTRERAS CARRASCO"


def test_every_printed_form_is_an_alias(db: sqlite_utils.Database) -> None:
    _store(db, 1, "Joaquín Salgado Téllez", "Eva Mora", "Instituto Nacional Electoral", "INE")
    _store(db, 2, "Lic. JOAQUÍN SALGADO TÉLLEZ", "Eva Mora", "INE", None)
    aliases = {(r["kind"], r["printed"]) for r in db["aliases"].rows}
    assert {
        ("person", "Joaquín Salgado Téllez"),
        ("person", "Lic. JOAQUÍN SALGADO TÉLLEZ"),
        ("institution", "Instituto Nacional Electoral"),
        ("institution", "INE"),
    } <= aliases
    assert len({r["entity_id"] for r in db["aliases"].rows if r["kind"] == "institution"}) == 1
