"""Titles: a letter's subject joined across lines, an official heading, a press headline."""

from __future__ import annotations

import pytest

from extractors import titles
from extractors.context import Context
from models import DocumentText, KindGuess


def title_of(text: str, kind: str) -> str | None:
    ctx = Context(document=DocumentText.from_text(text), doc=None)  # type: ignore[arg-type]
    ctx.kind = KindGuess(kind, "test")  # type: ignore[arg-type]
    found = titles.extract(ctx)
    if found is not None:
        assert found.prov is not None and found.prov.extractor == titles.NAME
    return found.text if found else None


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        (
            "Oficio No. DA/12/2024\n"
            "ASUNTO: Solicitud de préstamo de equipo\nde cómputo para el área.\n\n"
            "C. JUAN PÉREZ\nPRESENTE\n",
            "letter",
            "Solicitud de préstamo de equipo de cómputo para el área.",
        ),
        (
            "Asunto: Se remite informe anual.\nLIC. ANA RUIZ\nPRESENTE\n",
            "letter",
            "Se remite informe anual.",
        ),
        ("C. JUAN PÉREZ\nPRESENTE\nLe saludo.\nATENTAMENTE\n", "letter", None),
        (
            "ACUERDO por el que se emiten los lineamientos\n"
            "de archivo de la Secretaría.\n"
            "Al margen un sello.\n",
            "other_official",
            "ACUERDO por el que se emiten los lineamientos de archivo de la Secretaría.",
        ),
        (
            "SECRETARÍA DE SALUD\n"
            "ACTA DE ENTREGA RECEPCIÓN\n"
            "DE LA DIRECCIÓN DE FINANZAS\n"
            "En la ciudad de León, Gto., siendo",
            "other_official",
            "ACTA DE ENTREGA RECEPCIÓN DE LA DIRECCIÓN DE FINANZAS",
        ),
        (
            "Sala de Prensa\n\nENTREGA GOBERNADOR 500 BECAS\n\nPublicado el Lunes, 3 Abril 2024\n",
            "press_release",
            "ENTREGA GOBERNADOR 500 BECAS",
        ),
        (
            "Torreón, Coahuila a 3 de abril de 2024.\n"
            "\n"
            "Inaugura el alcalde la feria del libro.\n"
            "\n"
            "Texto.\n",
            "press_release",
            "Inaugura el alcalde la feria del libro.",
        ),
        (
            "Reunión de trabajo con vecinos (Especial)\n\n" + "Texto largo de la nota. " * 20,
            "press_release",
            None,
        ),
    ],
)
def test_titles(text: str, kind: str, expected: str | None) -> None:
    assert title_of(text, kind) == expected


def test_seed_letter_subject(seeds) -> None:
    title = title_of(seeds["S003"].read_text(encoding="utf-8"), "letter")
    assert title is not None
    assert title.startswith("Manifestación expresa de la intención de participar en el ejercicio")
    assert title.endswith("en el Estado de México.")
