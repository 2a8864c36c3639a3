"""Signature tables read from word boxes: columns kept apart, wrapped surnames joined, form
tables left alone. Invented names on invented layouts."""

from __future__ import annotations

import pytest

from extractors import extract
from extractors.signature_layout import table_signers
from models import DocumentText, Page, WordBox

HEIGHT = 10.0


def row(top: float, *cells: tuple[float, str]) -> list[WordBox]:
    """Word boxes of one printed row: each cell's words from its x, 6 points a letter."""
    boxes: list[WordBox] = []
    for x, text in cells:
        for word in text.split():
            boxes.append(WordBox(word, x, x + 6 * len(word), top, top + HEIGHT))
            x += 6 * len(word) + 4
    return boxes


def page(*rows: list[WordBox]) -> DocumentText:
    """A first page: a line of prose at the top (a table up there is a masthead), then `rows`."""
    prose = row(80, (60, "Para constancia se levanta la presente acta de la sesión ordinaria"))
    words = tuple(box for r in (prose, *rows) for box in r)
    lines: dict[float, list[str]] = {}
    for box in words:
        lines.setdefault(box.top, []).append(box.text)
    text = "\n".join(" ".join(ws) for _, ws in sorted(lines.items()))
    return DocumentText.from_pages([Page(1, text, "pdfplumber", words=words)])


TABLES = [
    pytest.param(
        page(
            row(600, (60, "Lic. Aída Ocampo Ferrer"), (330, "Ing. Tomás Urías Lara")),
            row(612, (60, "Directora de Planeación"), (330, "Jefe de Mantenimiento")),
        ),
        [
            ("Aída Ocampo Ferrer", "Directora de Planeación"),
            ("Tomás Urías Lara", "Jefe de Mantenimiento"),
        ],
        id="two-columns-name-over-title",
    ),
    pytest.param(
        page(
            row(600, (60, "Aurora Beatriz Salcido"), (330, "Rodrigo Amaya Trejo")),
            row(612, (70, "Montemayor")),
            row(640, (60, "Inés Carrasco Villa"), (330, "Fidel Rangel Ochoa")),
        ),
        [
            ("Aurora Beatriz Salcido Montemayor", None),
            ("Inés Carrasco Villa", None),
            ("Rodrigo Amaya Trejo", None),
            ("Fidel Rangel Ochoa", None),
        ],
        id="wrapped-surname-under-its-name",
    ),
    pytest.param(
        page(
            row(600, (60, "Lugar"), (330, "Sala de Consejo")),
            row(612, (60, "Fecha"), (330, "3 de marzo")),
            row(624, (60, "Responsable"), (330, "Cirilo Manzo Peña")),
        ),
        [],
        id="form-table-is-not-a-signature-table",
    ),
    pytest.param(
        DocumentText.from_pages(
            [
                Page(
                    1,
                    "",
                    "pdfplumber",
                    words=tuple(
                        row(40, (60, "Marcela Ibarra Tapia"), (330, "Olegario Sáenz Rivas"))
                        + row(52, (60, "Directora"), (330, "Subdirector"))
                        + row(600, (60, "Texto del decreto en su primera página impresa"))
                    ),
                )
            ]
        ),
        [],
        id="masthead-at-the-top-of-the-first-page",
    ),
]


@pytest.mark.parametrize(("document", "expected"), TABLES)
def test_signature_tables(document: DocumentText, expected: list[tuple[str, str | None]]) -> None:
    assert [(e.name, e.title) for e in table_signers(document)] == expected


def test_pages_without_boxes_are_not_read_as_tables() -> None:
    assert list(table_signers(DocumentText.from_text("Lic. Aída Ocampo Ferrer   Ing. Tomás"))) == []


def scanned_row(top: float, *cells: tuple[float, str], confidence: float = 91.0) -> list[WordBox]:
    """Word boxes of one row as tesseract reads a scan: with a confidence for each word."""
    return [WordBox(b.text, b.x0, b.x1, b.top, b.bottom, confidence) for b in row(top, *cells)]


def scan(*rows: list[WordBox]) -> DocumentText:
    """An OCRed first page: prose at the top, then `rows` (their words as tesseract gives them)."""
    prose = scanned_row(80, (60, "Para constancia firman al calce quienes en ella intervinieron"))
    words = tuple(box for r in (prose, *rows) for box in r)
    text = "\n".join(" ".join(b.text for b in r) for r in (prose, *rows))
    return DocumentText.from_pages([Page(1, text, "tesseract", words=words)])


STROKE = [WordBox("~~", 150, 260, 585, 598, 12.0), WordBox("Jwh", 400, 470, 586, 600, 18.0)]

SCANNED_TABLES = [
    pytest.param(
        scan(
            scanned_row(600, (60, "Lic. Aída Ocampo Ferrer"), (330, "Ing. Tomás Urías Lara")),
            scanned_row(612, (60, "Directora de Planeación"), (330, "Jefe de Mantenimiento")),
            # the signing space: five letter heights of blank paper between the blocks
            scanned_row(680, (60, "Mtra. Inés Carrasco Villa"), (330, "C. Fidel Rangel Ochoa")),
            scanned_row(692, (60, "Secretaria Técnica"), (330, "Tesorero Municipal")),
        ),
        [
            ("Aída Ocampo Ferrer", "Directora de Planeación"),
            ("Inés Carrasco Villa", "Secretaria Técnica"),
            ("Tomás Urías Lara", "Jefe de Mantenimiento"),
            ("Fidel Rangel Ochoa", "Tesorero Municipal"),
        ],
        id="two-columns-with-signing-space-between-rows",
    ),
    pytest.param(
        scan(
            scanned_row(
                600,
                (40, "Aída Ocampo Ferrer"),
                (230, "Tomás Urías Lara"),
                (420, "Fidel Rangel Ochoa"),
            ),
            scanned_row(612, (40, "Presidenta"), (230, "Secretario"), (420, "Vocal")),
        ),
        [
            ("Aída Ocampo Ferrer", "Presidenta"),
            ("Tomás Urías Lara", "Secretario"),
            ("Fidel Rangel Ochoa", "Vocal"),
        ],
        id="three-columns",
    ),
    pytest.param(
        scan(
            scanned_row(600, (60, "Aurora Beatriz Salcido"), (330, "Rodrigo Amaya Trejo")),
            scanned_row(612, (70, "Montemayor")),
            scanned_row(626, (60, "Directora General"), (330, "Director de Obras")),
        ),
        [
            ("Aurora Beatriz Salcido Montemayor", "Directora General"),
            ("Rodrigo Amaya Trejo", "Director de Obras"),
        ],
        id="wrapped-surname",
    ),
    pytest.param(
        scan(
            STROKE,
            scanned_row(
                600, (60, "C. Aída"), (170, "Ocampo Ferrer"), (330, "Ing. Tomás Urías Lara")
            ),
            scanned_row(612, (60, "Directora de Planeación"), (330, "Jefe de Mantenimiento")),
        ),
        [
            ("Aída Ocampo Ferrer", "Directora de Planeación"),
            ("Tomás Urías Lara", "Jefe de Mantenimiento"),
        ],
        id="signature-strokes-as-doubted-words-and-a-name-cut-by-ink",
    ),
    pytest.param(
        scan(
            scanned_row(600, (60, "C. DELIA MORA VARGAS"), (330, "C. RAÚL PIÑA SOTO")),
            scanned_row(
                612, (60, "PRESIDENTA DE LA COMUNIDAD DE"), (330, "PRESIDENTE DE LA COMUNIDAD DE")
            ),
            scanned_row(624, (90, "SAN ISIDRO"), (360, "GUADALUPE VICTORIA")),
        ),
        [
            ("DELIA MORA VARGAS", "PRESIDENTA DE LA COMUNIDAD DE SAN ISIDRO"),
            ("RAÚL PIÑA SOTO", "PRESIDENTE DE LA COMUNIDAD DE GUADALUPE VICTORIA"),
        ],
        id="a-title-ending-in-de-goes-on-under-it-even-when-it-reads-as-a-name",
    ),
    pytest.param(
        scan(
            # a seal's rim and legend read as words above, between and under the signers
            scanned_row(560, (60, "H. AYUNTAMIENTO"), (330, "TLAX.")),
            scanned_row(572, (70, "DE SAN PEDRO")),
            scanned_row(600, (60, "C. DELIA MORA VARGAS"), (330, "C. RAÚL PIÑA SOTO")),
            scanned_row(612, (60, "SÍNDICA MUNICIPAL"), (330, "PRIMER REGIDOR")),
            scanned_row(650, (80, "SEGUNDO REGIDOR"), (350, "H. AYUNTAMIENTO")),
            scanned_row(662, (80, "2024-2027"), (350, "ELO")),
            scanned_row(674, (80, "yy A"), (350, "Pd")),
        ),
        [("DELIA MORA VARGAS", "SÍNDICA MUNICIPAL"), ("RAÚL PIÑA SOTO", "PRIMER REGIDOR")],
        id="names-over-titles-among-a-seals-words",
    ),
    pytest.param(
        scan(
            scanned_row(600, (60, "C. DELIA MORA VARGAS"), (330, "C. RAÚL PIÑA SOTO")),
            scanned_row(612, (60, "SÍNDICA MUNICIPAL"), (330, "PRIMER REGIDOR")),
            # the page's footer: an address that reads like two names
            scanned_row(1000, (60, "Palacete Municipio"), (330, "Cuautla Morelos")),
            scanned_row(1012, (60, "Teléfono 12 34"), (330, "Correo")),
        ),
        [("DELIA MORA VARGAS", "SÍNDICA MUNICIPAL"), ("RAÚL PIÑA SOTO", "PRIMER REGIDOR")],
        id="a-footer-at-the-page-bottom-is-not-a-table-of-signers",
    ),
    pytest.param(
        scan(
            scanned_row(600, (60, "Aída Ocampo Ferrer"), (330, "E Tomás Urías Lara")),
            scanned_row(612, (60, "Subsecretaria de Planeación"), (330, "Secretario de Finanzas")),
            # the legend of the signing page, across it, right under the signers
            scanned_row(
                628, (40, "ÚLTIMA HOJA DEL CONVENIO DE COLABORACIÓN"), (330, "CELEBRADO ENTRE")
            ),
        ),
        [
            ("Aída Ocampo Ferrer", "Subsecretaria de Planeación"),
            ("Tomás Urías Lara", "Secretario de Finanzas"),
        ],
        id="a-stroke-letter-before-a-name-and-a-legend-across-the-page",
    ),
    pytest.param(
        scan(
            scanned_row(600, (60, "MCTC. JOSÉ EDUARDO PLATA"), (330, "L.A.E. ROSA TREJO/ESPINOSA")),
            scanned_row(612, (60, "PRESIDENTE SUPLENTE"), (330, "MIEMBRO PROPIETARIO")),
        ),
        [
            ("JOSÉ EDUARDO PLATA", "PRESIDENTE SUPLENTE"),
            ("ROSA TREJO ESPINOSA", "MIEMBRO PROPIETARIO"),
        ],
        id="degree-abbreviations-and-a-glued-surname",
    ),
]


@pytest.mark.parametrize(("document", "expected"), SCANNED_TABLES)
def test_scanned_signature_tables(
    document: DocumentText, expected: list[tuple[str, str | None]]
) -> None:
    assert [(e.name, e.title) for e in table_signers(document)] == expected


def test_text_layer_tables_still_end_at_a_wide_blank() -> None:
    document = page(
        row(600, (60, "Lic. Aída Ocampo Ferrer"), (330, "Ing. Tomás Urías Lara")),
        row(612, (60, "Directora de Planeación"), (330, "Jefe de Mantenimiento")),
        row(680, (60, "Mtra. Inés Carrasco Villa"), (330, "C. Fidel Rangel Ochoa")),
    )
    assert [e.name for e in table_signers(document)] == ["Aída Ocampo Ferrer", "Tomás Urías Lara"]


def test_a_name_read_from_a_cell_stays_inside_it() -> None:
    document = page(
        row(600, (60, "AÍDA OCAMPO FERRER"), (330, "TOMÁS URÍAS")),
        row(612, (60, "SEXTA REGIDORA"), (330, "PRIMER REGIDOR")),
        row(640, (60, "ELENA RIVAS DÍAZ"), (330, "LORENA PAZ SOTO")),
        row(652, (60, "SÍNDICA MUNICIPAL"), (330, "TESORERA MUNICIPAL")),
    )
    names = [s.name for s in extract(document).signatories]
    assert names[:2] == ["AÍDA OCAMPO FERRER", "TOMÁS URÍAS"]
