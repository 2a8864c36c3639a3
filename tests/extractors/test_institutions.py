"""Institutions: names with connectors and commas, acronym links, catalogue normalisation,
non-institutions, dedupe, and the two seeds exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors import catalog, extract, institutions
from extractors.context import Context
from models import DocumentText, Institution, KindGuess
from models.normalise import fold


def run(text: str, nlp) -> tuple[Institution, ...]:
    return institutions.extract(Context(DocumentText.from_text(text), nlp(text)))


def names(found: tuple[Institution, ...]) -> set[str]:
    return {i.name for i in found}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "El titular de la Secretaría de Desarrollo Urbano y Obras Públicas visitó la obra.",
            "Secretaría de Desarrollo Urbano y Obras Públicas",
        ),
        (
            "Se reunió con el Instituto de Transparencia, Información Pública y Protección de "
            "Datos Personales del Estado de Jalisco para revisar el avance.",
            "Instituto de Transparencia, Información Pública y Protección de Datos Personales "
            "del Estado de Jalisco",
        ),
        ("La alcaldía Coyoacán presentó su programa anual.", "alcaldía Coyoacán"),
        (
            "Acudió personal de la Embajada de Canadá en México a la cita.",
            "Embajada de Canadá en México",
        ),
        (
            "El H. Ayuntamiento Constitucional de Metepec aprobó el acuerdo.",
            "H. Ayuntamiento Constitucional de Metepec",
        ),
        (
            "Firmó el convenio la Universidad Autónoma de Zacatecas.",
            "Universidad Autónoma de Zacatecas",
        ),
    ],
)
def test_multiword_names_are_captured_whole(sentence: str, expected: str, nlp) -> None:
    assert expected in names(run(sentence, nlp))


@pytest.mark.parametrize(
    ("sentence", "name", "acronym"),
    [
        (
            "La Comisión Estatal de Aguas y Saneamiento (CEAS) informó del corte.",
            "Comisión Estatal de Aguas y Saneamiento",
            "CEAS",
        ),
        (
            "El Instituto Municipal de la Mujer de Ocotlán (Immujer) abrió convocatoria.",
            "Instituto Municipal de la Mujer de Ocotlán",
            "Immujer",
        ),
        ("Lo anunció el IMSS en conferencia.", "Instituto Mexicano del Seguro Social", "IMSS"),
        ("Personal de la SEMAR apoyó a la población.", "Secretaría de Marina", "SEMAR"),
    ],
)
def test_acronyms_are_linked_or_expanded(sentence: str, name: str, acronym: str, nlp) -> None:
    found = {i.name: i.acronym for i in run(sentence, nlp)}
    assert found.get(name) == acronym


def test_acronym_and_long_form_are_one(nlp) -> None:
    text = (
        "La Comisión Estatal de Aguas y Saneamiento (CEAS) inició obras. "
        "Más tarde la CEAS informó que la Comisión Estatal de Aguas y Saneamiento concluirá."
    )
    found = run(text, nlp)
    assert len(found) == 1 and found[0].acronym == "CEAS"


def test_bare_ayuntamiento_joins_the_named_one(nlp) -> None:
    text = "El Ayuntamiento de Zinacantepec aprobó el plan. El Ayuntamiento lo publicará."
    assert names(run(text, nlp)) == {"Ayuntamiento de Zinacantepec"}


@pytest.mark.parametrize(
    "sentence",
    [
        "La empresa Constructora del Norte, S.A. de C.V. entregó la obra.",
        "La delegación del Reino Unido llegó el lunes.",
        "La reunión fue en el Palacio de Gobierno del Estado.",
        "El registro se hace en la Plataforma Nacional de Transparencia.",
        "Se sumaron al Ejercicio de Gobierno Abierto del municipio.",
        "Habló el director de Administración y Finanzas, Rubén Olvera.",
    ],
)
def test_non_institutions_are_dropped(sentence: str, nlp) -> None:
    assert run(sentence, nlp) == ()


@pytest.mark.parametrize(
    ("printed", "name", "acronym"),
    [
        (
            "del Infoem",
            "Instituto de Transparencia, Acceso a la Información Pública y Protección "
            "de Datos Personales del Estado de México y Municipios",
            "Infoem",
        ),
        ("la SHCP", "Secretaría de Hacienda y Crédito Público", "SHCP"),
        ("alcaldía Benito Juárez", "alcaldía Benito Juárez", None),
        ("Ayuntamiento de Tlalnepantla de Baz", "Ayuntamiento de Tlalnepantla de Baz", None),
        ("Partido Acción Nacional", "Partido Acción Nacional", "PAN"),
    ],
)
def test_normalise_against_catalogues(printed: str, name: str, acronym: str | None) -> None:
    found = institutions.normalise(printed)
    assert found is not None and (found.name, found.acronym) == (name, acronym)


def test_normalise_prefers_known_institutions() -> None:
    own = Institution("Ayuntamiento de Ixtapaluca", printed="Ayuntamiento de Ixtapaluca")
    assert institutions.normalise("este Ayuntamiento", (own,)) == own
    assert institutions.normalise("éste H. Ayuntamiento", (own,)) == own


@pytest.mark.parametrize(
    "printed", ["Reino Unido", "Banco Azteca", "Palacio Municipal", "Zoom", ""]
)
def test_normalise_rejects_non_institutions(printed: str) -> None:
    assert institutions.normalise(printed) is None


def test_alcaldia_resolves_to_mexico_city() -> None:
    found = institutions.normalise("Alcaldía Benito Juárez")
    assert found is not None and found.catalog_id == "inegi:09014"


def _gold_names(found: tuple[Institution, ...]) -> set[tuple[str, str | None]]:
    return {(fold(i.name), i.acronym) for i in found}


def test_seed_letter(seeds: dict[str, Path], nlp) -> None:
    found = run(seeds["S003"].read_text(encoding="utf-8"), nlp)
    got = {fold(i.name): i.acronym for i in found}
    assert len(found) == 5
    assert got[fold("Ayuntamiento de Huixquilucan")] is None
    assert got[fold("Secretariados Técnicos Municipales")] is None
    assert fold("Secretariado Técnico Local de Gobierno Abierto del Estado de México") in got
    long_name = (
        "Instituto de Transparencia, Acceso a la Información Pública y Protección de Datos "
        "Personales del Estado de México y Municipios"
    )
    assert got[fold(long_name)] == "Infoem"
    assert (
        fold(
            "Sistema Nacional de Transparencia, Acceso a la Información Pública y Protección de "
            "Datos Personales"
        )
        in got
    )


def test_seed_press_release(seeds: dict[str, Path], nlp) -> None:
    found = run(seeds["S000"].read_text(encoding="utf-8"), nlp)
    assert {fold(i.name) for i in found} == {
        fold("alcaldía Benito Juárez"),
        fold("Embajada Británica en México"),
    }
    assert all(i.prov is not None and i.prov.extractor == institutions.NAME for i in found)


def run_press(text: str, nlp) -> tuple[Institution, ...]:
    ctx = Context(DocumentText.from_text(text), nlp(text))
    ctx.kind = KindGuess("press_release", "test")
    return institutions.extract(ctx)


@pytest.mark.parametrize(
    ("acronym", "name", "skips"),
    [
        ("SEAT", "Sistema Estatal Anticorrupción de Tlaxcala", 0),
        ("SESEAT", "Secretaría Ejecutiva del Sistema Estatal Anticorrupción de Tlaxcala", 0),
        ("IMPLAN", "Instituto Municipal de Planeación de Saltillo", 1),
        ("UNO", "Universidad de Oriente", 0),
        ("OPDM", "Ayuntamiento Texcoco", None),
        ("DÍA", "Periódico Oficial Orden del", None),
    ],
)
def test_acronym_skips(acronym: str, name: str, skips: int | None) -> None:
    assert catalog.acronym_skips(acronym, name) == skips


@pytest.mark.parametrize(
    ("text", "name", "acronym"),
    [
        (
            "El Sistema Estatal Anticorrupción de Tlaxcala sesionó. Después el SEAT "
            "presentó su informe anual.",
            "Sistema Estatal Anticorrupción de Tlaxcala",
            "SEAT",
        ),
        (
            "Firmó la Universidad Tecnológica del Norte (Monclova) – UTN con el municipio.",
            "Universidad Tecnológica del Norte",
            "UTN",
        ),
        (
            "Sesionó el Consejo Directivo del Instituto Municipal de Cultura de Saltillo (IMCS) "
            "en la sala de juntas.",
            "Instituto Municipal de Cultura de Saltillo",
            "IMCS",
        ),
    ],
)
def test_acronyms_join_the_bodies_they_abbreviate(text: str, name: str, acronym: str, nlp) -> None:
    found = {i.name: i.acronym for i in run_press(text, nlp)}
    assert found.get(name) == acronym
    assert acronym not in found


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Según el Índice de Movilidad Urbana (IMU), la ciudad mejoró; el IMU mide 40 rubros.",
            "IMU",
        ),
        ("Se firmó un convenio con el ITA Centro de Idiomas para becas.", "ITA"),
        ("Presentaron el observatorio “OJOS” a los partidos políticos.", "OJOS"),
        ("Habló el presidente del CEN del Sindicato Nacional de Músicos.", "CEN"),
        # A product's code, though SFP is also the Secretaría de la Función Pública's acronym.
        (
            "Se adquieren 4 transceptores SFP+ 10G para el conmutador.",
            "Secretaría de la Función Pública",
        ),
    ],
)
def test_unknown_acronyms_that_name_something_else(text: str, absent: str, nlp) -> None:
    assert absent not in {i.name for i in run_press(text, nlp)}


@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        (
            "C. MARTA RUIZ\nDIRECTORA GENERAL DE LA COMISIÓN ESTATAL\nDE PROTECCIÓN CIVIL\n"
            "PRESENTE",
            "COMISIÓN ESTATAL DE PROTECCIÓN CIVIL",
            "COMISIÓN ESTATAL",
        ),
        (
            "PÁGINA 2 PERIÓDICO OFICIAL DEL ESTADO DE TLAXCALA Lunes 3 de junio de 2019",
            "PERIÓDICO OFICIAL DEL ESTADO DE TLAXCALA",
            "PERIÓDICO OFICIAL DEL ESTADO DE TLAXCALA Lunes",
        ),
        (
            "Participó la Comisión Operativa Estatal del Partido Movimiento Ciudadano.",
            "Partido Movimiento Ciudadano",
            "Movimiento Ciudadano",
        ),
        (
            "Lo revisa el Órgano Interno de Control. El Órgano Interno emitirá su opinión.",
            "Órgano Interno de Control",
            "Órgano Interno",
        ),
        ("El DIF municipal entregó despensas a las familias.", "DIF municipal", "DIF"),
        # A scan's blank line between the two lines of a wrapped name.
        (
            "los cursos que imparta la Unidad de Igualdad y Prevención de\n\nla Violencia "
            "Laboral a todo el personal.",
            "Unidad de Igualdad y Prevención de la Violencia Laboral",
            "Unidad de Igualdad y Prevención",
        ),
        (
            "El curso lo impartió la Dirección de la Academia de Protección Civil\n\n"
            "del Estado de Oaxaca\n",
            "Dirección de la Academia de Protección Civil del Estado de Oaxaca",
            "Dirección de la Academia de Protección Civil",
        ),
        # A signature table's title: the head noun ends its line, after it an OCR table rule.
        (
            "ING. LUIS PÉREZ SOTO\nREPRESENTANTE DE LA FRACCIÓN DEL PARTIDO |\nVERDE "
            "ECOLOGISTA DE MÉXICO\nLIC. ANA GIL",
            "PARTIDO VERDE ECOLOGISTA DE MÉXICO",
            "PARTIDO |",
        ),
        (
            "El Congreso del Estado Independiente, Libre y Soberano de Coahuila de Zaragoza "
            "expidió el decreto.",
            "Congreso del Estado Independiente, Libre y Soberano de Coahuila de Zaragoza",
            "Congreso del Estado Independiente",
        ),
    ],
)
def test_names_are_cut_and_folded_right(text: str, expected: str, wrong: str, nlp) -> None:
    found = names(run(text, nlp))
    assert expected in found and wrong not in found


def test_unit_of_a_found_body_keeps_its_short_name(nlp) -> None:
    text = (
        "El Departamento de Recursos Humanos recibió las propuestas. Firmó el Departamento de "
        "Recursos Humanos del Instituto Tlaxcalteca de la Cultura, y el Instituto Tlaxcalteca "
        "de la Cultura lo publicó."
    )
    assert names(run(text, nlp)) == {
        "Instituto Tlaxcalteca de la Cultura",
        "Departamento de Recursos Humanos",
    }


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param(
            "Firmaron el acuerdo con Petróleos Mexicano y la Secretaría de Energía.",
            "Petróleos Mexicanos",
            id="typo-in-a-name-without-head-noun",
        ),
        pytest.param(
            "La empresa estatal Petroleos Mexicano informó que los trabajos concluyeron.",
            "Petróleos Mexicanos",
            id="typo-and-no-accent",
        ),
    ],
)
def test_spacy_entities_the_catalogue_knows_are_institutions(text: str, name: str) -> None:
    found = {i.name: i for i in extract(DocumentText.from_text(text)).institutions}
    assert name in found
    assert found[name].prov is not None and found[name].prov.confidence < 1.0


def test_the_catalogues_longer_name_wins_over_a_head_cut_at_a_capitalised_connector(nlp) -> None:
    text = "El Consejo Nacional Para Prevenir la Discriminación\notorga la presente constancia.\n"
    found = run(text, nlp)
    assert [(i.printed, i.acronym, i.catalog_id) for i in found] == [
        ("Consejo Nacional Para Prevenir la Discriminación", "CONAPRED", "conapred")
    ]


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        pytest.param(
            "SECRETARÍA DE SEGURIDAD PÚBLICA DEL ESTADO DE PUEBLA OTORGA EL SIGUIENTE DIPLOMA",
            "SECRETARÍA DE SEGURIDAD PÚBLICA DEL ESTADO DE PUEBLA",
            id="verb-and-its-article",
        ),
        pytest.param(
            "SECRETARÍA DE SEGURIDAD PÚBLICA DEL ESTADO DE PUEBLA A TRAVÉS DE LA ACADEMIA ESTATAL",
            "SECRETARÍA DE SEGURIDAD PÚBLICA DEL ESTADO DE PUEBLA",
            id="a-long-one-ends-at-its-place",
        ),
        pytest.param(
            "GOBIERNO MUNICIPAL DE MÉRIDA IMPULSARÁ EL DEPORTE",
            "GOBIERNO MUNICIPAL DE MÉRIDA",
            id="future",
        ),
        pytest.param(
            "GOBIERNO DE MACUSPANA REFORZAMIENTO DE LA CULTURA DE LA SEGURIDAD Y EL RESPETO A LA "
            "LEY DE TRANSITO Y VIALIDAD",
            "GOBIERNO DE MACUSPANA",
            id="long-run-on-ends-at-its-place",
        ),
        pytest.param(
            "ACADEMIA ESTATAL DE LAS FUERZAS DE SEGURIDAD PÚBLICA",
            "ACADEMIA ESTATAL DE LAS FUERZAS DE SEGURIDAD PÚBLICA",
            id="eight-words-are-a-name",
        ),
        pytest.param(
            "COORDINACIÓN DE ATENCIÓN A GRUPOS VULNERABLES Y ASUNTOS DE LOS PUEBLOS Y COMUNIDADES",
            "",
            id="long-unknown-run-on-dropped",
        ),
    ],
)
def test_a_capitals_headline_keeps_the_name_before_its_run_on(printed: str, name: str) -> None:
    assert institutions._headline_name(printed) == name


def test_a_capitals_letterhead_of_eight_words_is_an_institution(nlp) -> None:
    text = (
        "LA SECRETARÍA DE SEGURIDAD PÚBLICA DEL ESTADO DE PUEBLA\n"
        "A TRAVÉS DE LA ACADEMIA ESTATAL DE LAS FUERZAS DE SEGURIDAD PÚBLICA\n\n"
        "OTORGA EL SIGUIENTE DIPLOMA A:\n"
    )
    assert {fold(n) for n in names(run(text, nlp))} >= {
        "secretaria de seguridad publica del estado de puebla",
        "academia estatal de las fuerzas de seguridad publica",
    }


def test_a_state_bodys_acronym_may_leave_out_its_state() -> None:
    name = "Secretaría de Turismo y Cultura del Estado de Veracruz"
    assert institutions._acronym_skips("SECTUR", name) == 1
    assert institutions._acronym_skips("SSP", "Secretaría de Seguridad Pública de Puebla") == 0


@pytest.mark.parametrize(
    ("printed", "municipal"),
    [
        ("Gobierno de Macuspana", True),
        ("Gobierno de Campeche", False),
        ("Gobierno de México", False),
    ],
)
def test_gobierno_de_a_municipality_is_its_council(printed: str, municipal: bool) -> None:
    found = institutions.normalise(printed)
    assert found is not None
    assert (found.catalog_id or "").startswith(catalog.MUNICIPALITY_IDS) is municipal


def test_one_municipality_printed_two_ways_is_named_by_its_ayuntamiento(nlp) -> None:
    text = (
        "GOBIERNO DE MACUSPANA\n\nMacuspana (18-01-2016).- El Ayuntamiento de Macuspana "
        "informa a la población que iniciarán los operativos.\n"
    )
    found = [i for i in run(text, nlp) if (i.catalog_id or "").startswith("inegi:")]
    assert [i.name for i in found] == ["Ayuntamiento de Macuspana"]


def test_a_press_releases_capitals_headline_of_eight_words_is_no_name() -> None:
    headline = "AYUNTAMIENTO CONTINÚA CON LA ENTREGA DE APOYOS SOCIALES"
    assert institutions._headline_name(headline) == headline  # a letter's letterhead may be
    assert institutions._headline_name(headline, institutions.PRESS_HEADLINE_WORDS) == ""
