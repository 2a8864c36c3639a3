"""People with a stated role: appositions, attendee lists, addressees, c.c.p.; seeds pinned."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors import extract
from extractors.names import cargo, split_honorific
from extractors.readers import read_file
from models import DocumentText


def people(text: str) -> list[tuple[str, str | None]]:
    return [(p.name, p.title) for p in extract(DocumentText.from_text(text)).people]


APPOSITIONS = [
    pytest.param(
        "El gobierno municipal que dirige la alcaldesa Rosa Haddad Leal, continúa trabajando "
        "para fortalecer el desarrollo del municipio.",
        [("Rosa Haddad Leal", "alcaldesa")],
        id="title-name-the-model-reads-as-misc",
    ),
    pytest.param(
        "Ernesto Valdivia, director de Protección Civil, recorrió las colonias afectadas.",
        [("Ernesto Valdivia", "director de Protección Civil")],
        id="name-comma-title",
    ),
    pytest.param(
        "La secretaria de Turismo, Mtra. Paola Medina Rendón, presentó el programa.",
        [("Paola Medina Rendón", "secretaria de Turismo")],
        id="title-comma-honorific-name",
    ),
    pytest.param(
        "El acto fue encabezado por el alcalde Héctor Zamudio Lira en la explanada.",
        [("Héctor Zamudio Lira", "alcalde")],
        id="title-then-name",
    ),
    pytest.param(
        "Asistieron Camila Orozco, directora de Salud; Rubén Téllez, jefe de Servicios Urbanos, "
        "y Olga Pineda, coordinadora de Eventos Especiales.",
        [
            ("Camila Orozco", "directora de Salud"),
            ("Rubén Téllez", "jefe de Servicios Urbanos"),
            ("Olga Pineda", "coordinadora de Eventos Especiales"),
        ],
        id="attendee-list",
    ),
    pytest.param(
        "Participaron:\n- Lic. Marisol Ek Chan Consejera Electoral\n- Ing. Tomás Uc Balam "
        "Comisionado Presidente del Instituto\n",
        [
            ("Marisol Ek Chan", "Consejera Electoral"),
            ("Tomás Uc Balam", "Comisionado Presidente del Instituto"),
        ],
        id="list-lines-without-comma",
    ),
    pytest.param(
        "El secretario de Salud del estado, Joaquín Lira Beltrán, informó que hay vacunas.",
        [("Joaquín Lira Beltrán", "secretario de Salud del estado")],
        id="title-with-a-lower-case-complement",
    ),
    pytest.param(
        "La titular de la dependencia, Alma Rosa Quiroz Gil, presentó el informe.",
        [("Alma Rosa Quiroz Gil", "titular de la dependencia")],
        id="title-of-the-dependencia",
    ),
]


@pytest.mark.parametrize(("text", "expected"), APPOSITIONS)
def test_apposition_variants(text: str, expected: list[tuple[str, str]]) -> None:
    assert people(text) == expected


def test_same_person_twice_is_kept_once_with_fullest_name() -> None:
    text = (
        "La alcaldesa Verónica Salgado Ruiz inauguró el parque. Más tarde, la alcaldesa "
        "Verónica Salgado recorrió el mercado municipal."
    )
    assert people(text) == [("Verónica Salgado Ruiz", "alcaldesa")]


def test_title_keeps_area_and_institution_goes_apart() -> None:
    text = "Asistió Óscar Lemus, jefe de Cooperación de la Embajada de Canadá en México."
    (person,) = extract(DocumentText.from_text(text)).people
    assert (person.title, person.institution) == (
        "jefe de Cooperación",
        "Embajada de Canadá en México",
    )


def test_addressee_and_ccp_are_people_not_signatories() -> None:
    text = (
        "MTRA. JIMENA ROBLES ARCE\nDIRECTORA DE CATASTRO\nP R E S E N T E\n\n"
        "Le informo que la revisión concluyó.\n\nATENTAMENTE\n\n"
        "LIC. SAÚL MEZA DÍAZ\nTESORERO MUNICIPAL\n\n"
        "C.c.p. Lic. Lorena Vidal Soto.- Contralora Municipal\nSMD/lrc\n"
    )
    result = extract(DocumentText.from_text(text))
    assert [s.name for s in result.signatories] == ["SAÚL MEZA DÍAZ"]
    got = {(p.name, p.title, p.role) for p in result.people}
    assert got == {
        ("JIMENA ROBLES ARCE", "DIRECTORA DE CATASTRO", "addressee"),
        ("Lorena Vidal Soto", "Contralora Municipal", "mentioned"),
    }


@pytest.mark.parametrize(
    ("printed", "honorific", "rest"),
    [
        ("LIC. MARTA RUIZ", "LIC.", "MARTA RUIZ"),
        ("M. en C. Ana Gil", "M. en C.", "Ana Gil"),
        ("C.P. Raúl Soto", "C.P.", "Raúl Soto"),
        ("Carla Ibáñez", None, "Carla Ibáñez"),
    ],
)
def test_honorific_split(printed: str, honorific: str | None, rest: str) -> None:
    assert split_honorific(printed)[:2] == (honorific, rest)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Presidenta Municipal", "presidencia municipal"),
        ("PRESIDENTE MUNICIPAL", "presidencia municipal"),
        ("alcalde", "presidencia municipal"),
        ("Secretaria Técnica", "secretaría técnica"),
        ("Regidora", "regiduría"),
        ("vecina", None),
    ],
)
def test_cargo_is_gender_neutral(title: str, expected: str | None) -> None:
    assert cargo(title) == expected


def test_seed_press_release_people(seeds: dict[str, Path], dev_corpus: Path) -> None:
    gold = next(
        json.loads(line)
        for line in (dev_corpus / "gold.jsonl").read_text(encoding="utf-8").splitlines()
        if line.startswith('{"id": "S000"')
    )
    result = extract(read_file(seeds["S000"]))
    got = [{"name": p.name, "title": p.title, "institution": p.institution} for p in result.people]
    assert got == gold["people"]
    assert result.signatories == ()


MORE_PEOPLE = [
    pytest.param(
        "Asistieron el Lic. Raúl Vega Ortiz (CANACO), Ing. Sofía Luna Paz (COPARMEX) y la "
        "Lic. Irma Gil Rosas (Colegio de Contadores).",
        [("Raúl Vega Ortiz", None), ("Sofía Luna Paz", None), ("Irma Gil Rosas", None)],
        id="name-and-body-in-brackets",
    ),
    pytest.param(
        "Toma la palabra la C. Alma Rebeca Soto Gil, Contralora Municipal, y da lectura al acta.",
        [("Alma Rebeca Soto Gil", "Contralora Municipal")],
        id="two-given-names-after-honorific",
    ),
    pytest.param(
        "Esta mañana la Presidenta Municipal Teresa Alvarado Ruiz recibió a los vecinos.",
        [("Teresa Alvarado Ruiz", "Presidenta Municipal")],
        id="title-then-name-that-spacy-reads-as-a-place",
    ),
    pytest.param(
        "La obra fue anunciada por el Gobernador Julio César Treviño Lara en la plaza.",
        [("Julio César Treviño Lara", "Gobernador")],
        id="a-month-that-is-a-first-name",
    ),
    pytest.param(
        "Se contó con la presencia del Mtro. Omar Ibarra Lugo Director General del Instituto "
        "Tecnológico de Valle Verde.",
        [("Omar Ibarra Lugo", "Director General")],
        id="honorific-name-title-without-comma",
    ),
    pytest.param(
        "La revisión estuvo a cargo del Director Responsable de Obra del municipio.",
        [],
        id="a-title-word-after-a-role-noun-is-no-name",
    ),
]


@pytest.mark.parametrize(("text", "expected"), MORE_PEOPLE)
def test_more_people_constructions(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert people(text) == expected


def test_a_receipt_stamp_above_the_header_does_not_cut_the_addressee() -> None:
    text = (
        "SECRETARÍA DE FINANZAS\nRECIBIDO\n08 FEB 2023\nOficio No. DG/745/2023\n\n"
        "Xalapa, Veracruz, a 1 de julio de 2023.\n\nIng. NORMA LUZ ESPINO TREJO\n"
        "COMISIONADA PRESIDENTA\nP R E S E N T E\n\nLe informo que su solicitud fue atendida.\n"
    )
    assert people(text) == [("NORMA LUZ ESPINO TREJO", "COMISIONADA PRESIDENTA")]


def test_the_end_of_a_title_beside_another_column_is_no_person() -> None:
    text = (
        "Le informo que el programa quedó listo.\n\nATENTAMENTE\n\n"
        "Lic. Leticia Arce Juárez                         Mtro. SERGIO LOZA RAMÍREZ\n"
        "Jefa del Departamento de Recursos Materiales     RECTOR\n"
    )
    assert people(text) == []


def test_a_titles_wrapped_line_over_presente_is_no_addressee() -> None:
    text = (
        "Tlaxcala, Tlax., a 3 de mayo de 2024.\n\n¿5 ROGELIO PAZ DORANTES\n"
        "PRESIDENTE MUNICIPAL CONSTITUCIONAL\nDE TERRENATE TLAXCALA\nPRESENTE\n\n"
        "Le informo que se atendió.\n"
    )
    assert all(not name.startswith("DE ") for name, _ in people(text))


def test_addressee_block_spaced_out_by_ocr() -> None:
    text = (
        "Morelia, Michoacán a 3 de mayo de 2024.\n\nMTRA. ELENA RÍOS VARGAS\n\n"
        "TITULAR DE LA UNIDAD DE CULTURA\nY PROYECTOS ESPECIALES\nPRESENTE:\n\n"
        "Por medio del presente le informo que su solicitud fue atendida.\n"
    )
    assert people(text) == [
        ("ELENA RÍOS VARGAS", "TITULAR DE LA UNIDAD DE CULTURA Y PROYECTOS ESPECIALES")
    ]


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        pytest.param("Rodrigo Salas Peña\nPRESENTE.", [("Rodrigo Salas Peña", None)], id="bare"),
        pytest.param(
            "SL\n\nComisión Estatal de Aguas\nÁrea: Presidencia\n\nNúmero de oficio: CEA/01/2024\n"
            "Expediente: N/A\nAsunto: Accesos\n\nHermosillo, Sonora a 4 de mayo de 2024.\n\n"
            "Rodrigo Salas Peña\nPRESENTE.",
            [("Rodrigo Salas Peña", None)],
            id="bare-under-letterhead-lines",
        ),
        pytest.param(
            "DRA. LETICIA MORA GIL\nDIRECTORA DE LA COMISIÓN ESTATAL DE LOS\n"
            "DERECHOS HUMANOS DE SONORA\nPRESENTE.",
            [("LETICIA MORA GIL", "DIRECTORA DE LA COMISIÓN ESTATAL DE LOS")],
            id="wrapped-title-is-no-second-addressee",
        ),
    ],
)
def test_addressee_without_honorific(block: str, expected: list[tuple[str, str | None]]) -> None:
    text = f"Hermosillo, Sonora a 3 de mayo de 2024.\n\n{block}\n\nLe informo que se atendió.\n"
    assert people(text) == expected


def test_affiliation_names_the_institution() -> None:
    text = (
        "Participaron el Lic. Raúl Vega Ortiz (CANACO) y la Ing. Sofía Luna Paz "
        "(Colegio de Contadores de Colima)."
    )
    found = extract(DocumentText.from_text(text)).people
    assert found[0].institution is not None
    assert found[1].institution == "Colegio de Contadores de Colima"


@pytest.mark.parametrize(
    ("text", "institution"),
    [
        pytest.param(
            "El presidente municipal de Zinacantepec, Ismael Quiroga Soto, inauguró la feria.",
            "Ayuntamiento de Zinacantepec",
            id="state-municipality-is-an-ayuntamiento",
        ),
        pytest.param(
            "La alcaldesa de Coyoacán, Irene Vidal Paredes, recorrió los mercados.",
            "Alcaldía Coyoacán",
            id="mexico-city-borough-is-an-alcaldia",
        ),
    ],
)
def test_a_mayors_institution_is_the_municipal_body_of_that_place(
    text: str, institution: str
) -> None:
    found = extract(DocumentText.from_text(text)).people
    assert [p.institution for p in found] == [institution]


@pytest.mark.parametrize(
    ("line", "title"),
    [
        pytest.param(
            "C.c.p. Lic. Lorena Vidal Soto.- Contralora Municipal",
            "Contralora Municipal",
            id="name-dash-title",
        ),
        pytest.param(
            "c.c.p. Lorena Vidal Soto, Contralora Municipal.- Para su conocimiento",
            "Contralora Municipal",
            id="purpose-after-title",
        ),
        pytest.param(
            "C.c.p. Lic. Lorena Vidal Soto.- Contralora Municipal.- Mismo fin.",
            "Contralora Municipal",
            id="two-dashes",
        ),
    ],
)
def test_a_copy_recipients_title_stops_before_the_purpose(line: str, title: str) -> None:
    text = (
        "Toluca, México, a 3 de mayo de 2024.\n\nInforme mensual.\n\nATENTAMENTE\n\n"
        f"MTRO. SAÚL DEL VALLE ORTIZ\nTesorero Municipal\n\n{line}\nSDVO/amr\n"
    )
    assert ("Lorena Vidal Soto", title) in people(text)


PRIVATE = [
    pytest.param(
        "C. HILARIO MÉNDEZ ROA\nCalle Nogales No. 12\nCol. Centro, C.P. 50000\nP R E S E N T E\n",
        [("HILARIO MÉNDEZ ROA", None)],
        id="address-lines-are-no-title",
    ),
    pytest.param(
        "C. HILARIO MÉNDEZ ROA\nP R E S E N T E\n\nLe informo que su trámite concluyó.",
        [("HILARIO MÉNDEZ ROA", None)],
        id="addressee-without-title",
    ),
    pytest.param(
        "C. HILARIO MÉNDEZ ROA\nQuejoso\nAv. Juárez 45\nPRESENTE\n",
        [("HILARIO MÉNDEZ ROA", "Quejoso")],
        id="title-then-address",
    ),
    pytest.param(
        "Estimada señora Romualda Téllez Aragón:\n\nLe informo que su trámite concluyó.",
        [("Romualda Téllez Aragón", None)],
        id="salutation",
    ),
    pytest.param(
        "Se atendió el reporte de su hijo menor Iván Téllez Aragón, quien fue valorado.",
        [("Iván Téllez Aragón", "hijo menor")],
        id="relative-before",
    ),
    pytest.param(
        "También quedó inscrita la señora Eufemia Lara Pozos, su esposa, en el padrón.",
        [("Eufemia Lara Pozos", "señora")],
        id="courtesy-and-relative-after",
    ),
    pytest.param(
        "a favor de sus hijos menores Iker Lara Pozos y Ana Lara Pozos, según consta.",
        [("Iker Lara Pozos", "hijos menores"), ("Ana Lara Pozos", "hijos menores")],
        id="two-relatives-joined-by-y",
    ),
    pytest.param(
        "A QUIEN CORRESPONDA\nP R E S E N T E\n\nSe hace constar que la C. Rita Solís Vega es "
        "vecina de este municipio.",
        [("Rita Solís Vega", "C.")],
        id="a-quien-corresponda-and-a-citizen",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PRIVATE)
def test_private_people_are_found_with_what_names_them(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert people(text) == expected


LISTED = [
    pytest.param(
        "PRIMERO.- Se nombran como integrantes del Comité de Becas, a las y los Ciudadanos:\n\n"
        "1. Rosa Elena Duarte Villa\n2. Mario Iván Luna Peña\n\nSEGUNDO.- Publíquese.\n",
        ["Rosa Elena Duarte Villa", "Mario Iván Luna Peña"],
        id="numbered-members-under-an-introducing-line",
    ),
    pytest.param(
        "Acta de la sesión ordinaria.\n\nAsistieron:\n\n- Lic. Olga Pineda Ruiz\n"
        "- Ing. Tomás Vera Gil, Tesorero Municipal\n\nORDEN DEL DÍA:\n\n1. Lista de asistencia.\n",
        ["Olga Pineda Ruiz", "Tomás Vera Gil"],
        id="attendees-under-asistieron-and-no-agenda-item",
    ),
    pytest.param(
        "Participaron en la reunión:\n● Dr. Leonel Cabrera Anaya: Presidente del Comité Estatal\n"
        "● C.P. Aurelio Barba Soto: Consejero Ciudadano\n",
        ["Leonel Cabrera Anaya", "Aurelio Barba Soto"],
        id="bulleted-name-colon-title",
    ),
    pytest.param(
        "El Instituto Municipal de Cultura otorga la presente\nConstancia a\nROSARIO MEJÍA DURÁN\n"
        "Por haber concluido el curso de lectura en voz alta.\n",
        ["ROSARIO MEJÍA DURÁN"],
        id="constancia-recipient-under-otorga",
    ),
    pytest.param(
        "a: Iván Solís Prado\n\nPor haber concluido satisfactoriamente el taller en línea.\n",
        ["Iván Solís Prado"],
        id="constancia-recipient-before-por-haber",
    ),
    pytest.param(
        "Los temas a tratar son:\n\n1. Presupuesto Anual\n2. Obras Públicas\n",
        [],
        id="a-list-of-topics-names-nobody",
    ),
]


@pytest.mark.parametrize(("text", "expected"), LISTED)
def test_people_printed_one_per_line(text: str, expected: list[str]) -> None:
    assert [name for name, _ in people(text)] == expected


PROSE = [
    pytest.param(
        "El caso pasará a la Secretaría Ejecutiva del Sistema, que encabeza la licenciada "
        "Berenice Ochoa\nLuna, para su revisión.",
        [("Berenice Ochoa Luna", "encabeza Secretaría Ejecutiva del Sistema")],
        id="body-que-encabeza-name-wrapped",
    ),
    pytest.param(
        "El Instituto que dirige Sebastián Ocampo Lerma fortalece su compromiso.",
        [("Sebastián Ocampo Lerma", "dirige Instituto")],
        id="body-que-dirige-name",
    ),
    pytest.param(
        "Durante la sesión, la titular de la dependencia, Rosalba Quintanar Ibarra, indicó que "
        "es importante actuar.",
        [("Rosalba Quintanar Ibarra", "titular de la dependencia")],
        id="title-with-lower-case-complement",
    ),
    pytest.param(
        "Firmó por la Comisión de Aguas el Mtro. Omar Sandoval Peña, en su carácter de presidente.",
        [("Omar Sandoval Peña", "presidente")],
        id="en-su-caracter-de",
    ),
    pytest.param(
        "La reunión que preside el próximo lunes fue aplazada.",
        [],
        id="que-preside-without-a-name",
    ),
    pytest.param(
        "Estuvieron el Lic. Ramiro Téllez Ruiz, Regidor, y el Lic. Ramlro Téllez Rulz, Regidor.",
        [("Ramiro Téllez Ruiz", "Regidor")],
        id="one-name-read-twice-with-ocr-slips",
    ),
    pytest.param(
        "Estuvieron la Lic. Joselyn Ríos Echavarría, Regidora, y la Lic. Francisca Ríos "
        "Echavarría, Síndica.",
        [("Joselyn Ríos Echavarría", "Regidora"), ("Francisca Ríos Echavarría", "Síndica")],
        id="siblings-are-two-people",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PROSE)
def test_people_named_by_what_they_do(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert people(text) == expected


def test_copy_recipient_set_apart_by_a_full_stop() -> None:
    text = (
        "Le informo lo anterior.\n\nATENTAMENTE\n\nLic. Marta Ruiz Gil\n"
        "Directora de Informática\n\n"
        "C.c.p. Dr. Rodolfo J. Ibarra Zamudio. Presidente de la Comisión Estatal de Aguas.\n"
        "C.c.p. Archivo.\n"
    )
    assert people(text) == [
        ("Rodolfo J. Ibarra Zamudio", "Presidente de la Comisión Estatal de Aguas")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Sede: Blvd. Luis Donaldo Colosio No, Secretaria Ejecutiva del Sistema Estatal.",
            [],
            id="street-number-ends-no-name",
        ),
        pytest.param(
            "Lugar Oficina, Secretaria Ejecutiva del Sistema Estatal.",
            [],
            id="acta-furniture-is-no-name",
        ),
    ],
)
def test_acta_and_address_furniture_is_no_name(text: str, expected: list[object]) -> None:
    assert people(text) == expected
