"""Where a candidate institution name ends, and when two are one name misread (invented names)."""

from __future__ import annotations

import pytest

from extractors import catalog, institutions
from extractors.context import Context
from extractors.institution_shape import is_platform_system, same_name_misread, trim
from models import DocumentText, KindGuess


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
        ("Junta de Gobierno de la LXI", "Junta de Gobierno de la LXII", False),
    ],
)
def test_one_name_read_twice(a: str, b: str, same: bool) -> None:
    assert same_name_misread(catalog.simplify(a), catalog.simplify(b)) is same


def _names(text: str, nlp) -> set[str]:
    return {i.name for i in institutions.extract(Context(DocumentText.from_text(text), nlp(text)))}


@pytest.mark.parametrize(
    ("text", "expected", "not_expected"),
    [
        (  # the state printed after a comma belongs to the name
            "ACTA DEL MUNICIPIO DE URUAPAN, MICHOACÁN sobre la obra.",
            "MUNICIPIO DE URUAPAN, MICHOACÁN",
            "MUNICIPIO DE URUAPAN",
        ),
        (
            "Lo firma el Municipio de Tepic, Nayarit en su sede.",
            "Municipio de Tepic, Nayarit",
            "Municipio de Tepic",
        ),
        (  # a short form that one longer name continues is that name cut at a line end
            "Consejo de Participación\nen la sede. El Consejo de Participación Ciudadana acordó.",
            "Consejo de Participación Ciudadana",
            "Consejo de Participación",
        ),
        (  # a clause after the name is not part of it
            "Se reunió la COMISIÓN DE HACIENDA UBICADA EN EL PALACIO MUNICIPAL.",
            "COMISIÓN DE HACIENDA",
            "COMISIÓN DE HACIENDA UBICADA EN EL PALACIO MUNICIPAL",
        ),
    ],
)
def test_names_in_documents(text: str, expected: str, not_expected: str, nlp) -> None:
    found = _names(text, nlp)
    assert expected in found and not_expected not in found


@pytest.mark.parametrize(
    ("name", "platform"),
    [
        ("Sistema Integral de Denuncias Ciudadanas", True),
        ("Sistema de Registro Electrónico de Trámites", True),
        ("SISTEMA EDUCATIVO ESTATAL", True),
        ("Sistema Único de Gestión Documental", True),
        ("Sistema Estatal Anticorrupción de Sonora", False),
        ("Sistema Nacional de Protección Civil", False),
        ("Sistema Municipal DIF Tepic", False),
        ("Sistema DIF Jalpan", False),
        ("Sistema para el Desarrollo Integral de la Familia del Estado de Colima", False),
        ("Sistema de Agua Potable y Alcantarillado de Comala", False),
        ("Sistema Operador de Agua de Uruapan", False),
        ("Secretaría de Sistemas de Información", False),
    ],
)
def test_systems_that_are_platforms(name: str, platform: bool) -> None:
    assert is_platform_system(name) is platform


@pytest.mark.parametrize(
    "sentence", ["Se tiene prevista una carga semanal.", "SE APRUEBA EL ACTA."]
)
def test_a_word_is_no_catalogued_acronym(sentence: str, nlp) -> None:
    assert "Secretaría de Economía" not in _names(sentence, nlp)


@pytest.mark.parametrize(("reader", "found"), [("text", True), ("tesseract", False)])
def test_unknown_acronyms_are_not_taken_from_scans(reader: str, found: bool, nlp) -> None:
    text = "La reunión contó con la participación de la QRTV en la capital del estado."
    ctx = Context(DocumentText.from_text(text, reader), nlp(text))
    ctx.kind = KindGuess("press_release", "test")
    assert ("QRTV" in {i.acronym for i in institutions.extract(ctx)}) is found


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        (
            "La Coordinadora de la Comisión presentó el informe.",
            "Coordinadora de la Comisión",
            None,
        ),
        (
            "Asistieron maestros de la Coordinadora Nacional de Trabajadores de la Educación.",
            None,
            "Coordinadora Nacional de Trabajadores de la Educación",
        ),
    ],
)
def test_a_title_is_not_a_body(text: str, absent: str | None, present: str | None, nlp) -> None:
    found = _names(text, nlp)
    assert absent not in found if absent else present in found
