"""Signature tables read from word boxes: columns kept apart, wrapped surnames joined, form
tables left alone. Invented names on invented layouts."""

from __future__ import annotations

import pytest

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
