"""Signers found without a closing formula: gazette marks, name-over-title runs, signature
tables read as columns. Every name and layout here is invented."""

from __future__ import annotations

import pytest

from extractors import extract
from models import DocumentText

BODY = "Se da por concluida la sesión y se levanta la presente para los efectos que procedan.\n\n"


def signers(text: str) -> list[tuple[str, str | None]]:
    result = extract(DocumentText.from_text(text))
    return [(s.name, s.title) for s in result.signatories]


GAZETTE = [
    pytest.param(
        "DIPUTADA PRESIDENTA\nROSARIO VILLEGAS ORNELAS\n(RÚBRICA)\n\n"
        "DIPUTADO SECRETARIO\nLIC. ANSELMO DURÁN QUIROGA\n(RÚBRICA)\n",
        [
            ("ROSARIO VILLEGAS ORNELAS", "DIPUTADA PRESIDENTA"),
            ("ANSELMO DURÁN QUIROGA", "DIPUTADO SECRETARIO"),
        ],
        id="title-name-rubrica-in-parentheses",
    ),
    pytest.param(
        "Dado en la sede del organismo, a los 2 días del mes de mayo de 2021. El Presidente del "
        "Consejo Directivo. C. EUSEBIO MARTÍN CORONA. Rúbrica. Vocal y representante de los\n"
        "usuarios. C. LAURA INÉS\nPEDRAZA SOLÍS. Rúbrica.\n",
        [
            ("EUSEBIO MARTÍN CORONA", "Presidente del Consejo Directivo"),
            ("LAURA INÉS PEDRAZA SOLÍS", "Vocal y representante de los usuarios"),
        ],
        id="title-dot-honorific-name-rubrica",
    ),
]


@pytest.mark.parametrize(("text", "expected"), GAZETTE)
def test_gazette_signatures(text: str, expected: list[tuple[str, str]]) -> None:
    assert signers(BODY + text) == expected


def test_two_names_run_together_are_not_one_longer_name() -> None:
    masthead = "Consta en el registro.\nFELIPE ARAUJO SALAS MARINA OCHOA DEL VALLE\nDirectores\n"
    text = BODY + masthead + "\nDIRECTOR GENERAL\nFELIPE ARAUJO SALAS\n(RÚBRICA)\n"
    assert [name for name, _ in signers(text)] == ["FELIPE ARAUJO SALAS"]
