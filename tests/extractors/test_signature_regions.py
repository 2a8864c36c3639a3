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


LONG_BODY = BODY * 12  # a bare name signs late in the text, not in its first lines

RUNS = [
    pytest.param(
        "LIC. ROMÁN ESQUIVEL PARRA\nDIRECTOR GENERAL DEL INSTITUTO\n",
        [("ROMÁN ESQUIVEL PARRA", "DIRECTOR GENERAL DEL INSTITUTO")],
        id="name-over-title-without-closing",
    ),
    pytest.param(
        "Gudelia Anaya Briseño\nCoordinadora de Formación Continua\n",
        [("Gudelia Anaya Briseño", "Coordinadora de Formación Continua")],
        id="bare-name-at-the-foot",
    ),
    pytest.param(
        "ING. NOÉ CABRERA LUNA ARQ. SELENE OJEDA VARGAS\n\nPRESIDENTE PRESIDENTE SUPLENTE\n",
        [("NOÉ CABRERA LUNA", "PRESIDENTE"), ("SELENE OJEDA VARGAS", "PRESIDENTE SUPLENTE")],
        id="two-names-one-space-apart",
    ),
    pytest.param(
        "MTRA. IRENE SALAZAR COTA      C. DIMAS ROBLEDO ANAYA\n"
        "MIEMBRO PROPIETARIO      MIEMBRO SUPLENTE\n",
        [
            ("IRENE SALAZAR COTA", "MIEMBRO PROPIETARIO"),
            ("DIMAS ROBLEDO ANAYA", "MIEMBRO SUPLENTE"),
        ],
        id="two-columns-of-members",
    ),
    pytest.param(
        "LIC. OTILIA BRAVO MEZA\nREPRESENTANTE SUPLENTE DE LA FRACCIÓN DEL PARTIDO\nDE LOS VERDES\n"
        "REGIDOR: ELÍAS CORONA PINTO\nREPRESENTANTE TITULAR DE LA COMISIÓN DE HACIENDA\n",
        [
            (
                "OTILIA BRAVO MEZA",
                "REPRESENTANTE SUPLENTE DE LA FRACCIÓN DEL PARTIDO DE LOS VERDES",
            ),
            ("ELÍAS CORONA PINTO", "REGIDOR"),
        ],
        id="title-wraps-and-labelled-name",
    ),
]


@pytest.mark.parametrize(("text", "expected"), RUNS)
def test_name_over_title_without_closing(text: str, expected: list[tuple[str, str]]) -> None:
    assert signers(LONG_BODY + text) == expected


NOT_SIGNERS = [
    pytest.param(
        "LIC. ROMÁN ESQUIVEL PARRA\nDIRECTOR GENERAL DEL INSTITUTO\nP R E S E N T E\n" + LONG_BODY,
        id="addressee",
    ),
    pytest.param(
        LONG_BODY + "c.c.p. Lic. Norma Ibarra Soto\nDirectora de Finanzas\n", id="copy-list"
    ),
    pytest.param(
        LONG_BODY + "ORDEN DEL DÍA\nPRESIDENTE MUNICIPAL: se abre la sesión. Pasamos al punto.\n",
        id="speaker-turn",
    ),
    pytest.param(
        "Gudelia Anaya Briseño\nCoordinadora de Formación Continua\n" + LONG_BODY * 2,
        id="bare-name-in-the-body",
    ),
    pytest.param(
        LONG_BODY + "Recursos Materiales y Servicios\nDirector General\n", id="heading-with-y"
    ),
]


@pytest.mark.parametrize("text", NOT_SIGNERS)
def test_name_over_title_that_does_not_sign(text: str) -> None:
    assert signers(text) == []
