"""Redaction: identifiers by structure, private names to pseudonyms, officials' names kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlite_utils

from archive import open_archive, store_document
from archive.offices import holds_public_office
from archive.redact import (
    NameRedactor,
    load_or_create_key,
    name_variants,
    pseudonym,
    redact_database,
    redact_identifiers,
)
from models import (
    Commitment,
    Dateline,
    DocumentText,
    Extraction,
    KindGuess,
    Person,
    Signatory,
)
from models.normalise import fold_words

from .conftest import prov, sha, store_letter

KEY = b"k" * 32
CITIZEN = "Rodrigo Salas Ibarra"
OFFICIAL = "ELENA VÁZQUEZ ROBLES"
CITIZEN_LETTER = """\
SECRETARÍA DE EDUCACIÓN DEL ESTADO DE MÉXICO
Toluca de Lerdo, Estado de México, a 8 de mayo de 2024.

C. RODRIGO SALAS IBARRA
Calle Fresnos No. 214, Col. Las Flores, C.P. 50120
Tel. 722 318 4490, correo rodrigo.salas@correo.example.mx
P R E S E N T E

En atención a su solicitud, le informo que el expediente del alumno con matrícula
2021-47785, CURP SAIR100415HMCLBDA3, fue turnado. El señor Salas Ibarra podrá recoger el
certificado. RFC del solicitante: SAIR8005127K2. Esta Secretaría se compromete a entregar
el certificado al C. Rodrigo Salas Ibarra el 20 de mayo.

ATENTAMENTE

MTRA. ELENA VÁZQUEZ ROBLES
Directora de Control Escolar"""
# What must not survive redaction anywhere.
PRIVATE_VALUES = (
    "Rodrigo",
    "RODRIGO",
    "Salas Ibarra",
    "SALAS IBARRA",
    "salas ibarra",
    "Fresnos",
    "Las Flores",
    "50120",
    "318 4490",
    "rodrigo.salas@",
    "2021-47785",
    "SAIR100415HMCLBDA3",
    "SAIR8005127K2",
)


def citizen_extraction(doc: DocumentText) -> Extraction:
    commitment = "entregar\nel certificado al C. Rodrigo Salas Ibarra"
    return Extraction(
        kind=KindGuess("letter", "closing formula ATENTAMENTE"),
        dateline=Dateline(date=dt.date(2024, 5, 8), place="Toluca de Lerdo, Estado de México"),
        signatories=(
            Signatory(
                name=OFFICIAL,
                title="Directora de Control Escolar",
                institution="Secretaría de Educación del Estado de México",
                honorific="MTRA.",
                prov=prov(doc, OFFICIAL, "signatories.v1"),
            ),
        ),
        people=(
            Person(
                "RODRIGO SALAS IBARRA",
                honorific="C.",
                role="addressee",
                prov=prov(doc, "RODRIGO SALAS", "people.v1"),
            ),
        ),
        commitments=(
            Commitment(
                actor="Secretaría de Educación del Estado de México",
                text=commitment,
                predicate="se compromete a",
                prov=prov(doc, commitment, "commitments.v1"),
            ),
        ),
        versions=("kind.v1", "signatories.v1", "people.v1", "commitments.v1"),
    )


def store_citizen_letter(db: sqlite_utils.Database) -> str:
    """A letter from an official to a citizen, full of the citizen's identifiers."""
    doc = DocumentText.from_text(CITIZEN_LETTER)
    return store_document(
        db,
        sha256=sha(CITIZEN_LETTER),
        path=Path("/inbox/respuesta-rodrigo-salas-ibarra.txt"),
        document=doc,
        extraction=citizen_extraction(doc),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CURP: GOMR850312HDFNRL09.", "CURP: [CURP]."),
        ("su CURP es VEAL021130MMCZRNA7 y", "su CURP es [CURP] y"),
        ("RFC GOMR850312AB1 vigente", "RFC [RFC] vigente"),
        ("RFC: GOMR-850312-AB1", "RFC: [RFC]"),
        ("R.F.C. PELJ7701019Q3", "R.F.C. [RFC]"),
        ("sin homoclave: GOMR850312,", "sin homoclave: [RFC],"),
        ("escriba a rosa.gomez_82@correo.example.com.mx hoy", "escriba a [CORREO] hoy"),
        ("Correo: J.Perez+tramites@gob.example.mx", "Correo: [CORREO]"),
        ("Tel. (55) 1234-5678 ext. 120", "Tel. [TELÉFONO]"),
        ("Teléfono: 722 215 3344", "Teléfono: [TELÉFONO]"),
        ("celular 5512345678.", "celular [TELÉFONO]."),
        ("llamar al +52 55 9876 5432 o", "llamar al [TELÉFONO] o"),
        ("al número 81-8345-1290 en horario", "al número [TELÉFONO] en horario"),
        ("WhatsApp: 33 1234 5678", "WhatsApp: [TELÉFONO]"),
        ("vive en Calle Pino Suárez No. 45, Toluca", "vive en [DOMICILIO], Toluca"),
        ("Av. Miguel Hidalgo 1234 int. 5, Metepec", "[DOMICILIO], Metepec"),
        ("Privada de los Olivos #12-B; sin", "[DOMICILIO]; sin"),
        ("Calle 60 No. 491 x 57 y 59", "[DOMICILIO] x 57 y 59"),
        ("Calle Reforma S/N, Centro", "[DOMICILIO], Centro"),
        ("domicilio conocido, Col. Santa Cruz Atzcapotzaltongo, C.P. 50030", None),
        ("colonia El Mirador, C.P. 52140", "[DOMICILIO], [DOMICILIO]"),
        ("código postal 06600", "[DOMICILIO]"),
        ("con matrícula 2019-30457 inscrito", "con matrícula [MATRÍCULA] inscrito"),
        ("Matrícula: A01234567.", "Matrícula: [MATRÍCULA]."),
        ("número de cuenta 315204781,", "número de cuenta [MATRÍCULA],"),
        ("No. de control 19280334", "No. de control [MATRÍCULA]"),
    ],
)
def test_identifiers_are_replaced_by_their_label(text: str, expected: str | None) -> None:
    redacted = redact_identifiers(text)
    if expected is None:  # only that the address parts are gone
        assert "Santa Cruz" not in redacted and "50030" not in redacted
        assert redacted.startswith("domicilio conocido, [DOMICILIO]")
    else:
        assert redacted == expected


@pytest.mark.parametrize(
    "text",
    [
        "un monto de $1,250,000.00 para el ejercicio 2024",
        "Oficio No. SE/DGA/0456/2024 del 15 de marzo de 2023",
        "la rehabilitación de la Avenida Hidalgo en el centro histórico",
        "el artículo 134 de la Constitución y la Ley 2023-2024",
        "la calle principal del municipio",
        "sesión ordinaria número 45 del Cabildo",
        "Folio 0001234567",
        "una inversión privada que cuesta 5 millones de pesos",
        "el Blvd 2000 y la Calle 16 cerrados al tránsito",
    ],
)
def test_public_text_without_identifiers_is_unchanged(text: str) -> None:
    assert redact_identifiers(text) == text


@pytest.mark.parametrize(
    ("title", "institution", "public"),
    [
        ("Directora de Control Escolar", None, True),
        ("Presidenta Municipal", None, True),
        ("alcalde", None, True),
        ("la titular de la Unidad de Transparencia", None, True),
        ("Dip.", None, True),
        ("Presidenta de la Comisión de Educación", None, True),
        ("Presidenta", "Sistema Municipal DIF de Ocuilan", True),
        ("representante del Gobierno del Estado", None, True),
        (None, None, False),
        ("", None, False),
        ("ciudadano", None, False),
        ("C.", None, False),
        ("Estudiante", None, False),
        ("ESTUDIANTE DE INGENIERÍA EN SISTEMAS", None, False),
        ("padre de familia", None, False),
        ("Calle Fresnos No. 214", None, False),
        ("Col. Las Flores, C.P. 50120", None, False),
        ("RFC: SAIR8005127K2", None, False),
        ("su esposa", None, False),
        ("hijo menor", None, False),
        ("Testigo", None, False),
        ("Representante legal de la interesada", None, False),
        ("representante vecinal", None, False),
        ("Presidente del comité de la feria", None, False),
        ("Presidente de la Asociación de Colonos", None, False),
        ("Gerente", "Constructora del Valle S.A. de C.V.", False),
        ("ex presidente municipal", None, False),
    ],
)
def test_public_office_is_a_listed_office_and_nothing_else(
    title: str | None, institution: str | None, public: bool
) -> None:
    assert holds_public_office(title, institution) is public


def test_pseudonym_is_stable_across_spellings_and_keyed() -> None:
    alias = pseudonym("Rodrigo Salas Ibarra", KEY)
    assert alias.startswith("Persona ") and len(alias) == len("Persona ") + 6
    assert pseudonym("C. RODRIGO SALAS IBARRA", KEY) == alias
    assert pseudonym("Rodrigo  Salas Íbarra", KEY) == alias
    assert pseudonym("Rodrigo Salas Ibarra", b"another key") != alias
    assert pseudonym("Rodrigo Salas Ibáñez", KEY) != alias


def test_key_file_is_created_once_and_reused(tmp_path: Path) -> None:
    path = tmp_path / "archive.redact-key"
    key = load_or_create_key(path)
    assert len(key) == 32
    assert load_or_create_key(path) == key
    assert path.stat().st_mode & 0o077 == 0


def test_name_redactor_replaces_private_names_but_not_inside_public_ones() -> None:
    redactor = NameRedactor(
        {v: "Persona 000001" for v in name_variants(["Juan Pérez López"])},
        name_variants(["Lic. Pedro Pérez López"]),
    )
    text = "El C. JUAN PÉREZ LÓPEZ pidió; el señor Perez Lopez\nfirmó. Atte. Lic. Pedro Pérez López"
    assert redactor(text) == (
        "El C. Persona 000001 pidió; el señor Persona 000001\nfirmó. Atte. Lic. Pedro Pérez López"
    )
    assert redactor("Juana Pérez Lópezga") == "Juana Pérez Lópezga"


def _all_text(db: sqlite_utils.Database) -> str:
    """Every row of every table but the FTS index (checked by a query) and migrations."""
    tables = [
        t for t in db.table_names() if not t.startswith("documents_fts") and t != "migrations"
    ]
    return "\n".join(str(row) for table in tables for row in db[table].rows)


def test_redact_database_pseudonymises_private_person_everywhere(archive_path: Path) -> None:
    db = open_archive(archive_path)
    doc_id = store_citizen_letter(db)
    store_letter(db)
    db.execute("PRAGMA foreign_keys = OFF")
    plan = redact_database(db, KEY)
    db.close()

    db = open_archive(archive_path)
    everything = _all_text(db)
    alias = pseudonym(CITIZEN, KEY)
    for value in PRIVATE_VALUES:
        assert value not in everything, value
    text = db["documents"].get(doc_id)["text"]
    assert f"C. {alias}\n[DOMICILIO], [DOMICILIO], [DOMICILIO]" in text
    assert "Tel. [TELÉFONO], correo [CORREO]" in text
    assert f"El señor {alias} podrá" in text
    assert "MTRA. ELENA VÁZQUEZ ROBLES\nDirectora de Control Escolar" in text
    assert "MARÍA FERNANDA OCHOA BRAVO" in everything  # the other letter's official
    person = next(db.query("select * from document_people where document_id = ?", [doc_id]))
    assert person["name"] == alias
    assert person["person_id"] == plan.ids[next(iter(plan.ids))]
    canonical = db["people"].get(person["person_id"])
    assert (canonical["name"], canonical["folded"]) == (alias, fold_words(alias))
    signer = next(db.query("select * from signatories where document_id = ?", [doc_id]))
    assert (signer["name"], signer["title"]) == (OFFICIAL, "Directora de Control Escolar")
    assert db["people"].get(signer["person_id"])["name"] == OFFICIAL
    values = {r["field"]: r["value"] for r in db.query("select * from mentions")}
    assert values["person"] == alias
    assert (
        alias
        in next(db.query("select text from commitments where document_id = ?", [doc_id]))["text"]
    )
    assert (
        list(db.query("select rowid from documents_fts where documents_fts match 'rodrigo'")) == []
    )
    assert (
        len(list(db.query("select rowid from documents_fts where documents_fts match 'vazquez'")))
        == 1
    )
    db.close()
