"""Signature blocks: layouts after a closing formula, gazette signatures, and what never signs."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors import extract
from extractors.readers import read_file
from models import DocumentText


def signers(text: str) -> list[tuple[str, str | None]]:
    result = extract(DocumentText.from_text(text))
    return [(s.name, s.title) for s in result.signatories]


BODY = (
    "Por medio del presente le informo que el programa de trabajo quedó listo para su revisión.\n\n"
)

LAYOUTS = [
    pytest.param(
        "ATENTAMENTE\n\n\nLIC. ROSALBA QUINTERO MEDRANO\nPRESIDENTA MUNICIPAL\n",
        [("ROSALBA QUINTERO MEDRANO", "PRESIDENTA MUNICIPAL")],
        id="capitals-with-honorific",
    ),
    pytest.param(
        "A T E N T A M E N T E\n\nSUFRAGIO EFECTIVO. NO REELECCIÓN\n\nMtro. Efraín Lozada Pineda\n"
        "Director General\n",
        [("Efraín Lozada Pineda", "Director General")],
        id="letter-spaced-with-motto",
    ),
    pytest.param(
        "Atentamente\n“2024. Año del Bicentenario de la Fundación Municipal”\n\n"
        "Dra. Celia Ibarra Montoya\nTitular de la Unidad de Transparencia\n",
        [("Celia Ibarra Montoya", "Titular de la Unidad de Transparencia")],
        id="year-motto",
    ),
    pytest.param(
        "Respetuosamente\n\nIsaac Villanueva Torres\nSecretario del Ayuntamiento\n\n"
        "Martha Elena Robles Cano\nSíndica Municipal\n",
        [
            ("Isaac Villanueva Torres", "Secretario del Ayuntamiento"),
            ("Martha Elena Robles Cano", "Síndica Municipal"),
        ],
        id="two-signers-in-a-row",
    ),
    pytest.param(
        "ATENTAMENTE\n\nING. RAÚL OCHOA BECERRA        LIC. PAULINA SOTO AGUIRRE\n"
        "JEFE DE OBRAS PÚBLICAS        CONTRALORA INTERNA\n",
        [
            ("RAÚL OCHOA BECERRA", "JEFE DE OBRAS PÚBLICAS"),
            ("PAULINA SOTO AGUIRRE", "CONTRALORA INTERNA"),
        ],
        id="two-columns",
    ),
    pytest.param(
        "Dado en la Ciudad de México, a 3 de marzo de 2023.- El Director General de Normatividad, "
        "Fermín Arredondo Salas.- Rúbrica.\n",
        [("Fermín Arredondo Salas", "Director General de Normatividad")],
        id="gazette-title-then-name",
    ),
    pytest.param(
        "Dado en la Ciudad de México, a 3 de marzo de 2023 . - El Director General, "
        "Fermín Arredondo Salas . - Rúbrica.\n",
        [("Fermín Arredondo Salas", "Director General")],
        id="gazette-break-with-spaces",
    ),
    pytest.param(
        "Publíquese.- Leonor Gaxiola Ruelas, Secretaria de Cultura.- Rúbrica.\n",
        [("Leonor Gaxiola Ruelas", "Secretaria de Cultura")],
        id="gazette-name-then-title",
    ),
    pytest.param(
        "Mérida, Yucatán, 4 de abril de 2023.\nJueza Segunda de lo Civil\n"
        "Aurora Pech Canul\nRúbrica.\n",
        [("Aurora Pech Canul", "Jueza Segunda de lo Civil")],
        id="rubrica-on-its-own-line",
    ),
    pytest.param(
        "Atentamente\n\nMtra. Noemí Argüelles Rivas, Directora de Planeación\n"
        "Secretaría de Finanzas\n",
        [("Noemí Argüelles Rivas", "Directora de Planeación")],
        id="name-comma-title-on-one-line",
    ),
    pytest.param(
        "ATENTAMENTE\n\nLIC. / TEODORO BALDERAS ROJO\nDIRECTOR GENERAL\n\n"
        "ING. ESTELA MACÍAS /PONCE\nJEFA DE DEPARTAMENTO\n",
        [
            ("TEODORO BALDERAS ROJO", "DIRECTOR GENERAL"),
            ("ESTELA MACÍAS PONCE", "JEFA DE DEPARTAMENTO"),
        ],
        id="signature-strokes-read-between-words",
    ),
]


@pytest.mark.parametrize(("closing", "expected"), LAYOUTS)
def test_signature_block_layouts(closing: str, expected: list[tuple[str, str]]) -> None:
    assert signers(BODY + closing) == expected


def test_capacity_line_is_kept_apart_from_the_title() -> None:
    text = (
        BODY
        + "ATENTAMENTE\n\nEN SUPLENCIA DEL SECRETARIO\nLIC. TOMÁS BERNAL RIVAS\nSUBSECRETARIO\n"
    )
    (signer,) = extract(DocumentText.from_text(text)).signatories
    assert (signer.name, signer.honorific, signer.title) == (
        "TOMÁS BERNAL RIVAS",
        "LIC.",
        "SUBSECRETARIO",
    )
    assert signer.capacity == "EN SUPLENCIA DEL SECRETARIO"


NEVER_SIGNERS = [
    pytest.param(
        "LIC. ARMANDO FUENTES LARA\nDIRECTOR DE FINANZAS\nP R E S E N T E\n\n" + BODY,
        id="addressee",
    ),
    pytest.param(
        BODY + "ATENTAMENTE\n\nC.c.p. Lic. Norma Ríos Peña.- Tesorera Municipal\nNRP/jlm\n",
        id="ccp-after-closing",
    ),
    pytest.param(BODY + "Ccp Mtro. Julián Castro Vela, Contralor\nJCV/ads\n", id="ccp-alone"),
    pytest.param(BODY + "Sin más por el momento, reciba un cordial saludo.\n", id="no-name"),
]


@pytest.mark.parametrize("text", NEVER_SIGNERS)
def test_addressees_copies_and_initials_never_sign(text: str) -> None:
    assert signers(text) == []


def test_a_wrapped_name_with_its_office_under_a_signer_does_not_sign() -> None:
    # "en representación del Lic. Abel Nava Ortiz, Director de Planeación, ..." wrapped: the
    # second line is no signer printed as "Name, Title".
    text = (
        BODY + "Atentamente\n\nLic. Gerardo Tapia Luna\nSecretario Técnico\n"
        "en representación del Lic. Abel\nNava Ortiz, Director de Planeación,\n"
        "Seguimiento y Evaluación.\n"
    )
    assert [name for name, _ in signers(text)] == ["Gerardo Tapia Luna"]


def test_press_release_without_block_has_no_signatories() -> None:
    text = (
        "Mérida, Yucatán, 4 de abril de 2023.\n\nEl alcalde, Jorge Pérez Ruiz, inauguró la obra.\n"
    )
    assert signers(text) == []


def test_seed_letter_signatories(seeds: dict[str, Path]) -> None:
    result = extract(read_file(seeds["S003"]))
    got = [(s.name, s.title, s.institution) for s in result.signatories]
    assert got == [
        ("Romina Contreras Carrasco", "Presidenta Municipal", "Ayuntamiento de Huixquilucan"),
        (
            "José Martínez Vilchis",
            "Comisionado Presidente del Infoem",
            "Instituto de Transparencia, Acceso a la Información Pública y Protección de Datos "
            "Personales del Estado de México y Municipios",
        ),
    ]
    assert result.people == ()
    first = result.signatories[0]
    assert first.cargo == "presidencia municipal"
    assert first.prov is not None
    assert (
        result.signatories[0].name
        == read_file(seeds["S003"]).text[first.prov.start : first.prov.end]
    )


def test_seed_press_release_has_no_signatories(seeds: dict[str, Path]) -> None:
    assert extract(read_file(seeds["S000"])).signatories == ()


def signer_names(text: str) -> list[str]:
    return [s.name for s in extract(DocumentText.from_text(text)).signatories]


ACTA_CLOSINGS = [
    pytest.param(
        "No habiendo más asuntos, se levanta la sesión, firmando los que en ella intervinieron, "
        "C. Tomás Arellano Ruiz, Presidente Municipal; C. Irene Salgado Mora, Síndica Municipal; "
        "Regidores: C. Julián Ochoa Pérez, C. Rebeca Landa Cruz. (Firmados).\n",
        ["Tomás Arellano Ruiz", "Irene Salgado Mora", "Julián Ochoa Pérez", "Rebeca Landa Cruz"],
        id="typed-list-firmados",
    ),
    pytest.param(
        "En la ciudad de Colima, se reunieron los C.C. Ing. Tomás Arellano Ruiz, Jefe del "
        "Departamento de Compras; Lic. Irene Salgado Mora, Jefa de Evaluación, en representación "
        "del Mtro. Hugo Páez Landa, Subdirector de Planeación.\n\n"
        "Se da por terminada la presente acta, firmando para constancia los que en\n"
        "ella intervinieron.\n\n"
        "Lic. Irene Salgado r\nJefa de Evaluación\n",
        ["Tomás Arellano Ruiz", "Irene Salgado Mora"],
        id="acta-attendees-sign-and-ocr-debris",
    ),
    pytest.param(
        "Leído que fue el presente convenio por las partes, lo firman por duplicado en la ciudad\n"
        "de Pachuca, Hidalgo.\n\n"
        'POR "EL INSTITUTO"                       POR "EL MUNICIPIO"\n\n'
        "DRA. NORMA IBARRA SOLÍS                   ING. ABEL RUEDA TAPIA\n"
        "DIRECTORA GENERAL                         PRESIDENTE MUNICIPAL\n",
        ["NORMA IBARRA SOLÍS", "ABEL RUEDA TAPIA"],
        id="convenio-parties-in-columns",
    ),
    pytest.param(
        "Se levanta la presente acta como constancia, firmando los que en ella intervinieron.\n\n"
        + "\n" * 3
        + "Regidor Mtro. Octavio Landa Ferrer\n"
        "Representante Titular de la Comisión de Hacienda\n\n\n\n"
        "Regidora Lic. Irene Salgado Mora\n"
        "Representante Suplente de la Comisión de Obra Pública\n",
        ["Octavio Landa Ferrer", "Irene Salgado Mora"],
        id="cargo-before-the-honorific",
    ),
]


@pytest.mark.parametrize(("text", "expected"), ACTA_CLOSINGS)
def test_acta_signers(text: str, expected: list[str]) -> None:
    assert signer_names(text) == expected


def test_seal_text_is_not_a_signer() -> None:
    text = BODY + "ATENTAMENTE\n\nLIC. LAURA PEÑA SOTO\nDIRECTORA\nEd H.Aytto.Pueblo O_Pueblo_\n"
    assert signer_names(text) == ["LAURA PEÑA SOTO"]


@pytest.mark.parametrize(
    "legend",
    ["PRESIDENCIA DE COMUNIDAD DE SAN ROQUE", "COMUNIDAD DE LAS PALMAS", "DIRECCIÓN DE OBRAS"],
)
def test_a_body_named_on_a_stamp_is_not_a_signer(legend: str) -> None:
    text = BODY + f"ATENTAMENTE\n\nLIC. LAURA PEÑA SOTO\nDIRECTORA\n\n{legend}\nTESORERO\n"
    assert signer_names(text) == ["LAURA PEÑA SOTO"]


# -- a signer's name completed from where the document prints it whole ---------------------

ATTENDANCE = (
    "ACTA DE LA SEGUNDA SESIÓN ORDINARIA\n\n"
    "Asistentes:\nING. NORMA ELISA QUIROZ BARRERA\nMC. OSCAR TREJO ESPINOSA\n\n"
    "Siendo las 10:00 horas se reunieron los integrantes del comité para revisar el programa.\n\n"
)


def test_a_signer_whose_name_ink_cut_is_named_whole_from_the_attendance_list() -> None:
    text = ATTENDANCE + (
        "POR EL COMITÉ\n\nTREJO PINOSA\nMIEMBRO SUPLENTE\n\n"
        "NORMA ELISA QUIROZ BARRERA\nPRESIDENTA\n"
    )
    # the other signer's name is not grown by the next line's honorific ("BARRERA\nMC. OSCAR")
    assert signers(text) == [
        ("OSCAR TREJO ESPINOSA", "MIEMBRO SUPLENTE"),
        ("NORMA ELISA QUIROZ BARRERA", "PRESIDENTA"),
    ]


def test_a_convenio_signer_is_named_as_its_declarations_print_him() -> None:
    from extractors.names import whole_elsewhere

    text = "II.3.- Que Héctor Salgado Banda, Secretario de Finanzas, acredita su personalidad.\n"
    signature = "E _Héctor' Salgado Banda\nSecretario de Finanzas\n"
    start = len(text)
    whole = text + signature
    assert whole_elsewhere("Salgado Banda", whole, (start, len(whole))) == "Héctor Salgado Banda"


@pytest.mark.parametrize(
    ("name", "elsewhere"),
    [
        # two people who share surnames: which one signed cannot be told
        ("Lara López", "Asistentes: José Trinidad Lara López y María Elena Lara López.\n"),
        # "María" is not "García": OCR's loose word match would take another Jesús
        ("Jesús María", "Jesús Contreras García, Vocal.\n"),
        # a name with two given names and two surnames lost nothing: a heading is not a name
        ("Ana Cecilia Mata Rodríguez", "Asistentes Ana Cecilia Mata Rodríguez\n"),
        # what follows a name on its line is not more of it ("ME." opens the next name)
        ("VILLEGAS MALAGON", "ARO. JAPHET VILLEGAS MALAGON ME. MARÍA GRISELDA CORREA GARCÍA\n"),
    ],
)
def test_a_name_is_not_grown_from_what_may_be_someone_else(name: str, elsewhere: str) -> None:
    from extractors.names import whole_elsewhere

    grown = whole_elsewhere(name, elsewhere, (len(elsewhere), len(elsewhere)))
    assert grown == (name if not name.startswith("VILLEGAS") else "JAPHET VILLEGAS MALAGON")
