"""Folding, honorifics and same-name tests: the one definition extractors and archive share."""

from __future__ import annotations

import pytest

from models.normalise import (
    OCR_NAME_RATIO,
    OCR_WORD_RATIO,
    compatible_names,
    fold,
    fold_person,
    fold_spaces,
    fold_words,
    honorifics,
    role_honorifics,
    same_name,
    split_honorifics,
)


@pytest.mark.parametrize(
    ("printed", "folded"),
    [
        ("MÉXICO", "mexico"),
        ("Niñez y Adolescencia", "ninez y adolescencia"),  # ñ folds to n
        ("Güémez", "guemez"),  # so does ü
        ("Mich.,  Q. Roo", "mich.,  q. roo"),  # punctuation and spacing kept
        ("ﬁrma", "firma"),  # compatibility forms decomposed
        (None, ""),
        ("", ""),
    ],
)
def test_fold_keeps_all_but_case_and_accents(printed: str | None, folded: str) -> None:
    assert fold(printed) == folded


def test_fold_spaces_joins_white_space() -> None:
    assert fold_spaces("  Se  COMPROMETE\n\ta ") == "se compromete a"


@pytest.mark.parametrize(
    ("printed", "folded"),
    [
        ("MÉXICO", "mexico"),
        ("Secretaría de Educación Pública", "secretaria de educacion publica"),
        ("H. Ayuntamiento  de Zinacantepec,", "h ayuntamiento de zinacantepec"),
        ("Instituto Electoral (IEEM)", "instituto electoral ieem"),
        ("correo_oficial", "correo oficial"),  # "_" is no letter
        ("Lic. José  PÉREZ,", "lic jose perez"),
        (None, ""),
    ],
)
def test_fold_words(printed: str | None, folded: str) -> None:
    assert fold_words(printed) == folded


@pytest.mark.parametrize(
    ("printed", "folded"),
    [
        ("Lic. Joaquín Salgado Téllez", "joaquin salgado tellez"),
        ("MTRA. ELISA DUARTE PIÑA", "elisa duarte pina"),
        ("C. Ramiro Ortega", "ramiro ortega"),
        ("Dr. Ing. Tomás Lara", "tomas lara"),
        ("C. P. Ana Núñez", "ana nunez"),  # a two-word honorific, dots spaced
        ("C.P. Ana Núñez", "ana nunez"),
        ("CP Ana Núñez", "ana nunez"),
        ("M. en C. Irene Solís Vega", "irene solis vega"),
        ("Dip. Mario Tena", "mario tena"),  # a role honorific too
        ("Profesora Irma Gil", "irma gil"),  # extractors keep it as a title; names ignore it
        ("C. Pedro Ruiz", "pedro ruiz"),  # "C. P" is not the C.P. before a given name
        ("Ramiro Ortega", "ramiro ortega"),
        ("Lic.", "lic"),  # nothing but an honorific: kept
    ],
)
def test_fold_person_drops_leading_honorifics(printed: str, folded: str) -> None:
    assert fold_person(printed) == folded


def test_one_honorifics_list() -> None:
    assert {"Lic.", "C.P.", "M. en C.", "Profesora"} <= set(honorifics())
    assert "Profesora" not in split_honorifics()  # a cargo for the extractors
    assert {"Lic.", "C.P.", "CP"} <= set(split_honorifics())
    assert {"dip.", "magda."} <= role_honorifics() and "lic." not in role_honorifics()


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Lic. José Pérez", "JOSE PEREZ", True),
        ("C. P. Ana Núñez", "Ana Nuñez", True),
        ("Salgado Téllez, Joaquín", "Joaquín Salgado Téllez", True),  # surname first
        ("Joaquín Salgado Téllez", "Joaquín Salgado Tellés", True),  # a typo
        ("María de la Luz Ortiz", "MARIA DE LA LUZ ORTIZ", True),
        ("Juan Ruiz Paz", "Ana Ruiz Paz", False),  # same surnames, another person
        ("Ana Ruiz Gil", "Eva Ruiz Gil", False),
        ("Joaquín Salgado Téllez", "Joaquín Salgado Ruiz", False),  # another surname
        ("Ana Ruiz", "Ana Ruiz Paz", False),  # written more fully: evidence needed
        ("Lic.", "Lic.", True),
        ("", "Ana Ruiz", False),
        # institutions: the archive's resolver compares their folded names the same way
        ("h ayuntamiento de toluca", "ayuntamiento de toluca", True),
        ("secretaria de salud del estado", "secretaria de salud del estdo", True),
        (
            "comision estatal de derechos humanos de sonora",
            "comision estatal de derechos humanos de sinaloa",
            False,
        ),
        (
            "instituto electoral del estado de mexico",
            "instituto electoral del estado de puebla",
            False,
        ),
        ("ayuntamiento de san pedro", "ayuntamiento de san pablo", False),
        ("junta distrital ejecutiva 12", "junta distrital ejecutiva 13", False),
        ("escuela primaria 2 de abril", "escuela primaria 20 de abril", False),
    ],
)
def test_same_name(a: str, b: str, same: bool) -> None:  # the archive's resolver
    assert same_name(a, b) is same
    assert same_name(b, a) is same


def _ocr_same(a: str, b: str) -> bool:
    """What extractors ask of two names found in one document."""
    return same_name(
        a, b, min_ratio=OCR_NAME_RATIO, word_ratio=OCR_WORD_RATIO, contained=True, cut_words=True
    )


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Joei Ruiz", "Joel Ruiz", True),  # one letter misread
        ("Willlam Gómez Huesa", "William Gómez Huesa", True),
        ("Inés Carvajal", "Inés Carvajal Ponce", True),  # one in the other
        ("J. Ruiz Paz", "Julián Ruiz Paz", True),  # an initial aside
        ("Ángel Ibarra Tovar", "Árigel Ibarra Tovar", True),  # "n" read as "ri"
        ("NOE SALAS ROBLEDO", "OE SALAS ROBLEDO", True),  # a word cut at the column's edge
        ("Irma Salas Robledo Ferrer", "Irma Salas Robledo Fer", True),
        ("Noé Salas Robledo", "Salas Robledo", True),  # one in the other
        ("Noé Salas Robledo", "Ana Salas Robledo", False),
        ("Juan Ruiz Paz", "Ana Ruiz Paz", False),  # same surnames, other given name
        ("Ana Ruiz Gil", "Eva Ruiz Gil", False),
        ("Juan Pérez López", "Juan Pérez Lara", False),
        ("Rosa Mena", "Rosa Mena", True),
        ("Ruiz", "Ana Ruiz", False),  # one word says too little
    ],
)
def test_same_name_with_ocr_slips(a: str, b: str, same: bool) -> None:
    assert _ocr_same(a, b) is same
    assert _ocr_same(b, a) is same


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("ROSALBA MERINO TAPIA", "ROSALBA MERINO TAPLA", True),
        ("ROSALBA MERINO TAPIA", "ROSALBA MFRINO TAPLA", False),
        ("HILDA RIOS TREJO MCTC", "HHDA OS TREJO MCTC", True),
        ("Ana Ruiz Gil", "Eva Ruiz Gil", False),
        ("Juan Pérez López", "Juan Pérez Lara", False),
        ("Juan Pérez López", "Juan Pérez López Soto", False),
    ],
)
def test_one_name_read_twice_by_ocr(a: str, b: str, same: bool) -> None:
    assert same_name(a, b, reread=True) is same


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("j martinez vilchis", "jose martinez vilchis", True),  # an initial
        ("romina contreras", "romina contreras carrasco", True),  # no second surname
        ("romina carrasco", "romina contreras carrasco", True),  # no first surname
        ("maria f ochoa", "maria fernanda ochoa bravo", True),
        ("romina contreas", "romina contreras carrasco", True),  # a typo too
        ("joaquin salgado ruiz", "joaquin salgado tellez", False),  # another surname
        ("ana ruiz", "eva ruiz", False),
        ("contreras", "romina contreras carrasco", False),  # one word says too little
        ("r c", "romina contreras", False),  # initials only
    ],
)
def test_compatible_names(a: str, b: str, compatible: bool) -> None:
    assert compatible_names(a, b) is compatible
