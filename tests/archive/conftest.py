"""Hand-built documents and extractions (no spaCy here) and an archive file in tmp_path."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils

from archive import open_archive
from models import (
    Commitment,
    Dateline,
    DateMention,
    DocumentText,
    Extraction,
    Institution,
    KindGuess,
    Person,
    Provenance,
    Signatory,
    Title,
)

LETTER = """\
H. AYUNTAMIENTO DE SAN MATEO ATENCO
San Mateo Atenco, Estado de México, a 3 de abril de 2024.

ASUNTO: Programa municipal de transparencia.

Por medio del presente, el Ayuntamiento de San Mateo Atenco se compromete a
publicar los informes trimestrales en su portal de transparencia.

A T E N T A M E N T E

LIC. MARÍA FERNANDA OCHOA BRAVO
Presidenta Municipal"""

LETTER_PAGE_2 = """\
c.c.p. Archivo.
Comisión de Derechos Humanos del Estado de México (CODHEM)."""

ROOT = Path(__file__).resolve().parents[2]

PRESS = """\
Alcaldía Cuauhtlán instala comité de gobierno abierto

Ciudad de México, 12 de junio de 2023. La alcaldesa Rosa Elvira Quintana Mejía encabezó la
instalación del Comité de Gobierno Abierto, que sesionará cada mes."""


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def prov(doc: DocumentText, needle: str, extractor: str, confidence: float = 0.9) -> Provenance:
    """Provenance of the first occurrence of `needle` in the document's text."""
    start = doc.text.index(needle)
    return Provenance(extractor, doc.page_at(start), start, start + len(needle), confidence)


def letter_document() -> DocumentText:
    return DocumentText.from_pages([(LETTER, "pdfplumber"), (LETTER_PAGE_2, "tesseract")])


def letter_extraction(doc: DocumentText, signer: str = "MARÍA FERNANDA OCHOA BRAVO") -> Extraction:
    signer_in_text = "MARÍA FERNANDA OCHOA BRAVO"
    return Extraction(
        kind=KindGuess("letter", "closing formula ATENTAMENTE", prov(doc, "A T E N", "kind.v1")),
        dateline=Dateline(
            date=dt.date(2024, 4, 3),
            place="San Mateo Atenco, Estado de México",
            text="San Mateo Atenco, Estado de México, a 3 de abril de 2024",
            prov=prov(doc, "San Mateo Atenco, Estado", "dates.v1"),
            mentions=(
                DateMention(
                    dt.date(2024, 4, 3),
                    "3 de abril de 2024",
                    "dateline",
                    prov(doc, "3 de abril de 2024", "dates.v1"),
                ),
            ),
        ),
        title=Title("Programa municipal de transparencia.", prov(doc, "Programa", "titles.v1")),
        signatories=(
            Signatory(
                name=signer,
                title="Presidenta Municipal",
                institution="Ayuntamiento de San Mateo Atenco",
                honorific="LIC.",
                cargo="Presidencia Municipal",
                prov=prov(doc, signer_in_text, "signatories.v1"),
            ),
        ),
        institutions=(
            Institution(
                "Ayuntamiento de San Mateo Atenco",
                printed="H. AYUNTAMIENTO DE SAN MATEO ATENCO",
                prov=prov(doc, "H. AYUNTAMIENTO", "institutions.v1"),
            ),
            Institution(
                "Comisión de Derechos Humanos del Estado de México",
                acronym="CODHEM",
                printed="Comisión de Derechos Humanos del Estado de México (CODHEM)",
                prov=prov(doc, "Comisión de Derechos", "institutions.v1"),
            ),
        ),
        commitments=(
            Commitment(
                actor="Ayuntamiento de San Mateo Atenco",
                text="publicar los informes trimestrales en su portal de transparencia",
                predicate="se compromete a",
                prov=prov(doc, "publicar los informes", "commitments.v1"),
            ),
        ),
        versions=("kind.v1", "dates.v1", "titles.v1", "signatories.v1", "institutions.v1"),
    )


def press_document() -> DocumentText:
    return DocumentText.from_text(PRESS)


def press_extraction(doc: DocumentText) -> Extraction:
    return Extraction(
        kind=KindGuess("press_release", "headline and publication line"),
        dateline=Dateline(
            date=dt.date(2023, 6, 12),
            place="Ciudad de México",
            prov=prov(doc, "Ciudad de México, 12", "dates.v1"),
        ),
        title=Title("Alcaldía Cuauhtlán instala comité de gobierno abierto"),
        people=(
            Person(
                "Rosa Elvira Quintana Mejía",
                title="alcaldesa",
                institution="Alcaldía Cuauhtlán",
                role="mentioned",
                prov=prov(doc, "Rosa Elvira", "people.v1"),
            ),
        ),
        institutions=(
            Institution("Alcaldía Cuauhtlán", prov=prov(doc, "Alcaldía", "institutions.v1")),
        ),
        versions=("kind.v1", "dates.v1", "people.v1"),
    )


@pytest.fixture()
def archive_path(tmp_path: Path) -> Path:
    return tmp_path / "archive.db"


@pytest.fixture()
def db(archive_path: Path) -> Iterator[sqlite_utils.Database]:
    database = open_archive(archive_path)
    yield database
    database.close()


def store_letter(db: sqlite_utils.Database, name: str = "oficio-017.txt") -> str:
    from archive import store_document

    doc = letter_document()
    return store_document(
        db,
        sha256=sha(LETTER),
        path=Path("/inbox") / name,
        document=doc,
        extraction=letter_extraction(doc),
        ingested_at=dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC),
    )


def store_press(db: sqlite_utils.Database) -> str:
    from archive import store_document

    doc = press_document()
    return store_document(
        db,
        sha256=sha(PRESS),
        path=Path("/inbox/boletin-88.md"),
        document=doc,
        extraction=press_extraction(doc),
    )


@pytest.fixture()
def filled(db: sqlite_utils.Database) -> sqlite_utils.Database:
    """An archive holding one letter and one press release."""
    store_letter(db)
    store_press(db)
    return db
