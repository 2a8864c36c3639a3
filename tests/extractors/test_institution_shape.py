"""Where a candidate institution name ends, and when two are one name misread (invented names)."""

from __future__ import annotations

import pytest

from extractors import catalog
from extractors.institution_shape import same_name_misread, trim


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Comisión Colegiada de Hacienda Ausente", "Comisión Colegiada de Hacienda"),
        ("CABILDO UBICADA EN LAS INSTALACIONES", "CABILDO"),
        ("CONSEJO DE FECHA", "CONSEJO"),
        ("Periódico Oficial del Estado de Sonora Martes", "Periódico Oficial del Estado de Sonora"),
        ("Centro Jueves", "Centro"),
        ("ESCUELA DE CUARENTA Y DOS MIL", "ESCUELA"),
        ("MUNICIPIO DE ALAMOS PARA EL EJERCICIO FISCAL", "MUNICIPIO DE ALAMOS"),
        ("Junta de Agua y Secretario Técnico del Consejo", "Junta de Agua"),
        ("AYUNTAMIENTO DE PA", "AYUNTAMIENTO"),
        ("Universidad No", "Universidad"),
        ("COORDINACIÓN NORTE LS", "COORDINACIÓN NORTE"),
        ("CABILDO DEL HONORABLE", "CABILDO"),
        # kept whole
        ("Secretaría de Desarrollo Urbano y Obras Públicas", None),
        ("Juzgado Primero de Distrito", None),
        ("Escuela Primaria Cinco de Mayo", None),
        ("Facultad de Derecho de la UA de C", None),
        ("Asociación de Vecinos de Tepic AC", None),
        ("LXV Legislatura", None),
        ("Instituto Nacional Electoral", None),
    ],
)
def test_trim_ends_a_name_where_running_text_starts(printed: str, expected: str | None) -> None:
    assert trim(printed) == (expected or printed)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (
            "Comisión Colegiada y Permanente de Hacienda",
            "Comisión Coleglada y Permanente de Haclenda",
            True,
        ),
        ("Contraloría Ciudadana", "Contraloría Cludadana", True),
        ("Gobierno Municipal de Alamos", "Gobierno Municipa", True),
        ("Dirección de Obras Públicas", "Dirección de Obras Públic", True),
        ("Secretaría de Educación Pública", "Subsecretaría de Educación Pública", False),
        ("Secretaría de Salud", "Secretaría de Marina", False),
        ("Dirección General de Planeación", "Dirección General de Operación", False),
        ("Centro de Salud Norte", "Centro de Salud Sur", False),
        ("Consejo Estatal", "Consejo Estatal de Población", False),
    ],
)
def test_one_name_read_twice(a: str, b: str, same: bool) -> None:
    assert same_name_misread(catalog.simplify(a), catalog.simplify(b)) is same
