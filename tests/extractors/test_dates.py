"""Dates: the grammar (one row per way of writing a date), the roles of distractors, the
dateline rules per kind, and the seeds."""

from __future__ import annotations

import datetime as dt

import pytest

from extractors import dates, kind
from extractors.context import Context
from extractors.dategrammar import find_dates, spelled_number
from models import DocumentText, KindGuess


def run(nlp, text: str, kind_name: str | None = None):
    """The dateline of `text`, with the kind given or guessed by the kind extractor."""
    ctx = Context(document=DocumentText.from_text(text), doc=nlp.make_doc(text))
    ctx.kind = KindGuess(kind_name, "test") if kind_name else kind.extract(ctx)
    return dates.extract(ctx)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("08 de julio de 2022", dt.date(2022, 7, 8)),
        ("8 de Julio del 2022", dt.date(2022, 7, 8)),
        ("08 DE JULIO DE 2022", dt.date(2022, 7, 8)),
        ("8/VII/2022", dt.date(2022, 7, 8)),
        ("08/07/2022", dt.date(2022, 7, 8)),
        ("8, JULIO DE 2022", dt.date(2022, 7, 8)),  # OCR read the "de" after the day as a comma
        ("8 DE JULIO DE2022", dt.date(2022, 7, 8)),  # OCR dropped the space before the year
        ("(16-01-2016).-", dt.date(2016, 1, 16)),
        ("a 30 de diciembre 2024", dt.date(2024, 12, 30)),
        ("primero de julio de 2022", dt.date(2022, 7, 1)),
        ("1° de abril de 2008", dt.date(2008, 4, 1)),
        ("a los treinta días del mes de diciembre de dos mil veinticuatro", dt.date(2024, 12, 30)),
        ("a los treinta y un días del mes de enero de dos mil uno", dt.date(2001, 1, 31)),
        ("08 ocho de marzo del año 2018 dos mil dieciocho", dt.date(2018, 3, 8)),
        ("6 (seis) de octubre de 2020 (dos mil veinte)", dt.date(2020, 10, 6)),
        ("veinticuatro de mayo del año Dos mil dieciséis", dt.date(2016, 5, 24)),
        ("cinco de agosto de dos mil veintidos", dt.date(2022, 8, 5)),
        ("8 jul. 2022", dt.date(2022, 7, 8)),
        ("RECIBIDO 03 JUN 2025", dt.date(2025, 6, 3)),
        ("Miércoles, 16 Julio 2014 18:29", dt.date(2014, 7, 16)),
        ("Martes 29 de diciembre del 2020.", dt.date(2020, 12, 29)),
        ("18 del mes de septiembre de 2024", dt.date(2024, 9, 18)),
        ("al primer día del mes de abril del año dos mil veintidós", dt.date(2022, 4, 1)),
        ("Date: 2020-04-16 12:00", dt.date(2020, 4, 16)),
        ("4 de septiembre de\n2023", dt.date(2023, 9, 4)),
        # OCR of scans: O for 0, l for 1, "$" for "de"
        ("Cd. Valles, S.L.P., 17 de julio de 2O25", dt.date(2025, 7, 17)),
        ("9 de junio de 2Ol9", dt.date(2019, 6, 9)),
        ("a 2 de mayo $ 2023.", dt.date(2023, 5, 2)),
        # one letter of the month misread, between a day and a year in digits
        ("MÉXICO, D.F. A 19, EÑeno DE2015", dt.date(2015, 1, 19)),
        ("a 4 de ootubre de 2022", dt.date(2022, 10, 4)),
        ("Boletín: 17-04-2023", dt.date(2023, 4, 17)),
    ],
)
def test_grammar_reads_every_way_of_writing_a_date(written: str, expected: dt.date) -> None:
    found = find_dates(written)
    assert len(found) == 1
    assert found[0].to_date() == expected


@pytest.mark.parametrize(
    ("written", "month", "year"),
    [
        ("Pachuca, Hidalgo, marzo de 2024.", 3, 2024),
        ("Zacatecas, Zac., Noviembre del 2019", 11, 2019),
        ("en el mes de enero del año 2O21", 1, 2021),
    ],
)
def test_grammar_reads_month_and_year_without_a_day(written: str, month: int, year: int) -> None:
    (found,) = find_dates(written)
    assert (found.month, found.year, found.precision) == (month, year, "month")


def test_a_full_date_is_not_read_as_month_and_year() -> None:
    (found,) = find_dates("el 15 de marzo de 2024")
    assert (found.day, found.precision) == (15, "day")


@pytest.mark.parametrize(
    ("written", "day", "month", "relative"),
    [
        ("Diciembre 31.-", 31, 12, False),
        ("el viernes 24 de septiembre", 24, 9, False),
        ("el 1 de febrero del presente año", 1, 2, True),
        ("del día 09 nueve de marzo de la presente anualidad", 9, 3, True),
        ("el 3 de mayo del año en curso", 3, 5, True),
    ],
)
def test_grammar_keeps_dates_without_a_year(
    written: str, day: int, month: int, relative: bool
) -> None:
    (found,) = find_dates(written)
    assert (found.day, found.month, found.year, found.relative) == (day, month, None, relative)
    assert found.to_date() is None
    assert found.to_date(2021) == dt.date(2021, month, day)


@pytest.mark.parametrize(
    "text",
    [
        "OFICIO No. DGA/0123/2022",
        "2025. Año de la Mujer Indígena",
        "el 31 de febrero de 2020",
        "a un mes de julio",
        "a las 10:30 horas",
        "con 12 de sus 30 integrantes",
        "Norma NMX-R-025-SCFI-2015",
        "marzo de 20",
        "el 5 de mayor de 2020",  # four-letter months are never read misspelled
    ],
)
def test_grammar_finds_no_date_in_non_dates(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Sin fecha aquí.\n\nToluca, 3 de abril de 2024.\n\nNada más.", ["3 de abril de 2024"]),
        ("el 15 de marzo\n\nde 2024", ["15 de marzo"]),  # a blank line ends a date
        ("el 15 de\nmarzo de 2024", ["15 de\nmarzo de 2024"]),  # a line break does not
        ("el 15\n\n-\n\nmarzo de 2024", ["15\n\n-\n\nmarzo de 2024"]),  # a dash joins it
        ("5 de marzo\n\n/ 2024", ["5 de marzo\n\n/ 2024"]),  # a slash too
        ("Párrafo\n\nuno de marzo de dos mil veinte", ["uno de marzo de dos mil veinte"]),
    ],
)
def test_grammar_reads_paragraphs_that_may_hold_a_date(text: str, found: list[str]) -> None:
    """Only paragraphs with a digit or a month are searched; a date the grammar joins across a
    blank line (by a dash or slash) is still found whole."""
    assert [d.text for d in find_dates(text)] == found


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("dos mil veinticuatro", 2024),
        ("mil novecientos noventa y ocho", 1998),
        ("treinta y uno", 31),
    ],
)
def test_spelled_numbers(words: str, value: int) -> None:
    assert spelled_number(words) == value


LETTER = """H. AYUNTAMIENTO DE SAN PEDRO TLALTIZAPAN
"2024. Año del Bicentenario de la Constitución"
OFICIO No. PM/0457/2024
{dateline}

LIC. ROSALBA ITURBE CANALES
DIRECTORA DE ADMINISTRACIÓN
PRESENTE

En atención a su oficio DA/112/2024 de fecha 2 de mayo de 2024, le informo que el periodo
del 6 al 19 de mayo de 2024 queda reservado para el inventario, conforme al acuerdo publicado
en el Periódico Oficial del Estado el 14 de marzo de 2023.

ATENTAMENTE

MTRO. ERNESTO VALDIVIA RUELAS
PRESIDENTE MUNICIPAL
RECIBIDO 13 MAY 2024 Hora: 10:05
"""


@pytest.mark.parametrize(
    ("dateline", "date", "place"),
    [
        (
            "San Pedro Tlaltizapan, Estado de México; 08 de mayo de 2024",
            "2024-05-08",
            "San Pedro Tlaltizapan, Estado de México",
        ),
        ("Toluca de Lerdo, México, a 8 de mayo de 2024.", "2024-05-08", "Toluca de Lerdo, México"),
        ("Tlaltizapan, Mor. a 08/05/2024", "2024-05-08", "Tlaltizapan, Mor."),
        ("Ciudad de México, a 8 de mayo de 2024", "2024-05-08", "Ciudad de México"),
        ("08 de mayo de 2024", "2024-05-08", None),
        ("Ciudad Universitaria, a   8 de Mayo del 2024", "2024-05-08", "Ciudad Universitaria"),
    ],
)
def test_letter_dateline_at_the_top(nlp, dateline: str, date: str, place: str | None) -> None:
    result = run(nlp, LETTER.format(dateline=dateline))
    assert result.date == dt.date.fromisoformat(date)
    assert result.place == place
    assert result.prov is not None and result.text


def test_letter_distractors_get_their_roles(nlp) -> None:
    result = run(nlp, LETTER.format(dateline="Tlaltizapan, Morelos, 8 de mayo de 2024"))
    roles = {m.value.isoformat(): m.role for m in result.mentions}
    assert roles == {
        "2024-05-08": "dateline",
        "2024-05-02": "cited",
        "2024-05-19": "period",
        "2023-03-14": "law",
        "2024-05-13": "stamp",
    }


@pytest.mark.parametrize(
    "distractor",
    [
        "RECIBIDO 13 MAY 2024 Hora: 10:05",
        "En respuesta a su oficio DA/112/2024 de fecha 2 de mayo de 2024, le informo lo siguiente.",
        "Mediante escrito del 2 de mayo de 2024 solicitó la información.",
        "La estancia se realizó del 6 al 19 de mayo de 2024 en la unidad.",
        "Según el decreto publicado en el Diario Oficial de la Federación el 14 de marzo de 2023",
        "2024. Año del Bicentenario de la Constitución",
        "OFICIO No. PM/0457/2024",
    ],
)
def test_distractors_never_become_the_dateline(nlp, distractor: str) -> None:
    text = f"LIC. ROSALBA ITURBE CANALES\nPRESENTE\n\n{distractor}\n\nATENTAMENTE\n"
    result = run(nlp, text, "letter")
    assert (result.date, result.place) == (None, None)


ACTA = """ACTA DE LA TERCERA SESIÓN ORDINARIA DEL COMITÉ DE TRANSPARENCIA

En la cabecera municipal denominada Santa Inés del Monte, municipio del mismo nombre, Estado de
Oaxaca, siendo las 10:00 diez horas del día 14 catorce de marzo del año 2023 dos mil veintitrés,
se reunieron los integrantes del Comité. Se revisó el oficio CT/045/2023 de fecha 2 de marzo de
2023.

No habiendo más asuntos que tratar, siendo las 13:15 trece horas con quince minutos del día 15
quince de marzo de la presente anualidad, se da por terminada la sesión.
"""


def test_acta_takes_the_last_signing_date_and_the_opening_place(nlp) -> None:
    result = run(nlp, ACTA)
    assert result.date == dt.date(2023, 3, 15)
    assert result.place == "Santa Inés del Monte, Estado de Oaxaca"


def test_an_actas_closing_hour_dates_it_though_the_sentence_names_the_session(nlp) -> None:
    text = (
        "ACTA DE LA SESIÓN ORDINARIA DE CABILDO\n\nEn la ciudad de Tepic, Nayarit, siendo las diez"
        " horas del día de la fecha, se reunieron los integrantes del Ayuntamiento.\n\n"
        "No habiendo otro asunto que tratar, se da por concluida la sesión a las trece horas del "
        "día 28 de noviembre de 2023, firmando al calce los que en ella intervinieron.\n"
    )
    assert run(nlp, text, "other_official").date == dt.date(2023, 11, 28)


def test_a_receipt_stamp_over_its_date_is_no_dateline(nlp) -> None:
    text = (
        "SECRETARÍA DE FINANZAS\nRECIBIDO\n08 FEB 2023\nOficio No. DG/745/2023\n\n"
        "Xalapa, Veracruz, a 1 de julio de 2023.\n\nLic. Ana Ruiz Gil\nP R E S E N T E\n"
    )
    assert run(nlp, text, "letter").date == dt.date(2023, 7, 1)


def test_first_day_of_the_month_dateline(nlp) -> None:
    text = "Culiacán, Sinaloa, al primer día del mes de abril del año dos mil veintidós.\n\nTexto."
    result = run(nlp, text, "letter")
    assert (result.date, result.place) == (dt.date(2022, 4, 1), "Culiacán, Sinaloa")


def test_primer_is_an_ordinal_unless_a_day_follows() -> None:
    assert [d.form for d in find_dates("el primer informe de marzo de 2024")] == ["month"]


GAZETTE = """ACUERDO por el que se establecen los lineamientos de archivo de la Secretaría.
Al margen un sello con el Escudo Nacional, que dice: Estados Unidos Mexicanos.
Que el 12 de enero de 2021 se publicó en el Diario Oficial de la Federación el Reglamento;
Miércoles 10 de abril de 2024 DIARIO OFICIAL 7
ÚNICO. El presente Acuerdo entrará en vigor al día siguiente de su publicación.
Dado en la Ciudad de México, a los cuatro días del mes de abril de dos mil veinticuatro.- El
Secretario, Rodrigo Ávalos Peña.- Rúbrica.
"""


def test_gazette_text_takes_its_signing_dateline_not_the_page_header(nlp) -> None:
    result = run(nlp, GAZETTE)
    assert result.date == dt.date(2024, 4, 4)
    assert result.place == "Ciudad de México"
    roles = {m.value.isoformat(): m.role for m in result.mentions}
    assert roles["2024-04-10"] == "publication"
    assert roles["2021-01-12"] == "law"


@pytest.mark.parametrize(
    ("header", "date", "place"),
    [
        ("Torreón, Coahuila a 19 de mayo de 2020.", "2020-05-19", "Torreón, Coahuila"),
        ("Tulancingo (16-01-2016).- Con la presencia", "2016-01-16", "Tulancingo"),
        (
            "**Tecate, Baja California; Martes 29 de diciembre del 2020.**",
            "2020-12-29",
            "Tecate, Baja California",
        ),
        ("Mérida, Yuc., a 5 de agosto de 2014..", "2014-08-05", "Mérida, Yuc."),
        ("Saltillo, Coahuila. 12 de octubre de 2023.- El", "2023-10-12", "Saltillo, Coahuila"),
        ("Campeche, Camp. 12 de octubre de 2023.- El", "2023-10-12", "Campeche, Camp."),
        ("Jueves, 12 de octubre de 2023", "2023-10-12", None),
        (
            "Pachuca, Hgo., a 4 de julio de 2023.- El evento será del 10 al 12 de julio de 2023.",
            "2023-07-04",
            "Pachuca, Hgo.",
        ),
        ("Publicado el Miércoles, 16 Julio 2014 18:29", "2014-07-16", None),
        ("Date: 2020-04-16 12:00", "2020-04-16", None),
        (
            "Este jueves 04 de marzo del 2021, en punto de las 18:00 horas, se llevó a cabo",
            "2021-03-04",
            None,
        ),
        ("En punto de las 12:00 horas, este 12 de mayo de 2021, se llevó", "2021-05-12", None),
        # Places that open with an article.
        ("Los Mochis, Sinaloa, a 6 de junio de 2018", "2018-06-06", "Los Mochis, Sinaloa"),
        (
            "La Paz, Baja California Sur, 3 de mayo de 2019.- El",
            "2019-05-03",
            "La Paz, Baja California Sur",
        ),
        # No comma before the date: the line opens on a place and its state.
        (
            "IRAPUATO, GUANAJUATO 07 DE ABRIL DE 2018.- El candidato",
            "2018-04-07",
            "IRAPUATO, GUANAJUATO",
        ),
    ],
)
def test_press_release_dateline_forms(nlp, header: str, date: str, place: str | None) -> None:
    body = (
        "El alcalde Fermín Ocaña Ruiz inauguró la nueva biblioteca pública del municipio. "
        "“Es un espacio para todas y todos”, señaló."
    )
    result = run(nlp, f"Inaugura alcalde biblioteca\n\n{header}\n\n{body}\n", "press_release")
    assert result.date == dt.date.fromisoformat(date)
    assert result.place == place


def test_press_release_dateline_after_a_headline_and_its_summary_bullets(nlp) -> None:
    bullets = "\n\n".join(
        f"-   {point} EN LA REUNIÓN CON PRODUCTORES DE LA REGIÓN\n    DEL BAJÍO Y DEL NORTE"
        for point in ("PROPONE", "ASEGURA", "ANUNCIA", "INFORMA", "EXPLICA", "RECONOCE")
    )
    text = (
        "+----+--+\n| [] |  |\n+----+--+\n\nBOLETÍN 046\n\nPROMETE EL CANDIDATO APOYO AL CAMPO"
        f"\nY A LOS PRODUCTORES\n\n{bullets}\n\nCELAYA, GUANAJUATO, 03 DE MAYO DE 2018.- El "
        "candidato se reunió con productores de la región para hablar del campo y del agua.\n"
        "Dijo que el 1 de julio de 2018 se decide el rumbo del país.\n"
    )
    result = run(nlp, text, "press_release")
    assert result.date == dt.date(2018, 5, 3)
    assert result.place == "CELAYA, GUANAJUATO"


def test_a_dateline_place_ends_in_a_state_not_an_institution(nlp) -> None:
    result = run(nlp, "Gobierno del Estado de México 5 de mayo de 2019 es la fecha del acuerdo.")
    assert result.place is None


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # The day of the event is not the day of the release.
        ("El día 18 de marzo del 2015 el Congreso aprobó la creación del instituto.", None),
        # A relative year with no full date anywhere cannot be resolved.
        ("El jueves 25 de febrero del presente año se presentó la agenda.", None),
        # A relative year resolved from another full date in the document.
        (
            "Firman hoy primero de julio del presente año el convenio.\n\n"
            "Firma del convenio - 04 de Julio del 2019",
            "2019-07-01",
        ),
    ],
)
def test_press_release_without_a_dateline(nlp, text: str, date: str | None) -> None:
    result = run(nlp, text, "press_release")
    assert result.date == (dt.date.fromisoformat(date) if date else None)
    assert result.place is None


def test_document_without_dates(nlp) -> None:
    result = run(nlp, "Un texto sin fechas.", "other_official")
    assert result == type(result)(None, None)


def test_seed_letter_dateline(nlp, seeds) -> None:
    result = run(nlp, seeds["S003"].read_text(encoding="utf-8"))
    assert result.date == dt.date(2022, 7, 8)
    assert result.place == "Huixquilucan, Estado de México"


def test_seed_press_release_has_no_dateline(nlp, seeds) -> None:
    result = run(nlp, seeds["S000"].read_text(encoding="utf-8"))
    assert (result.date, result.place) == (None, None)


@pytest.mark.parametrize(
    ("text", "date", "precision", "place"),
    [
        # A poster or convocatoria dated by month and year only.
        (
            "CONVOCATORIA\nBases del concurso.\nLa recepción cierra el viernes 26 de abril de"
            " 2024.\nTlaxcala, Tlax., marzo de 2024.\n",
            "2024-03-01",
            "month",
            "Tlaxcala, Tlax.",
        ),
        # A constancia issued "a los ... días del mes de": the issuing dateline, not the period.
        (
            "CONSTANCIA\nSe hace constar que cursó el semestre 2024-1 (Enero-Julio/2024). Se expide"
            " la presente en la ciudad de Zacatecas, Capital del Estado del mismo nombre a los doce"
            " días del mes de febrero del año dos mil veinticuatro.\n",
            "2024-02-12",
            "day",
            "Zacatecas",
        ),
        # A minuta: the Fecha row, not the next meeting's date.
        (
            "Minuta N° 4\nFecha Martes 6 de octubre de 2020\nAcuerdos\n1. Se aprobó el"
            " calendario.\nPróxima reunión\nFecha 9 de noviembre de 2020\n",
            "2020-10-06",
            "day",
            None,
        ),
        # An acta whose close gives the hour of the session before its day.
        (
            "ACTA DE JUNTA DE ACLARACIONES\nLUGAR Y FECHA: En la sala de juntas de la Dirección."
            " a las 9:00 horas del día 09 de agosto del 2019.\nSe citó el oficio 12/2019 de fecha"
            " 2 de agosto de 2019.\n",
            "2019-08-09",
            "day",
            None,
        ),
        # "de fecha" belongs to the date right after it, not to the next one in the sentence.
        (
            "ACTA DE LA SESIÓN DEL CONSEJO\nEN TÉRMINOS DEL ACUERDO DE CABILDO DE FECHA 07 DE"
            " NOVIEMBRE DE 1991; EN LA CIUDAD DE ATLIXCO, PUEBLA, SIENDO LAS DIEZ HORAS DEL DÍA"
            " VEINTITRÉS DE AGOSTO DE DOS MIL VEINTIDÓS SE REUNIERON LOS CONSEJEROS.\n",
            "2022-08-23",
            "day",
            "ATLIXCO, PUEBLA",
        ),
        # The session formula names the place after the day: "el día ..., reunidos en ...".
        (
            "ACUERDO DE CONSEJO\nCON FUNDAMENTO EN EL DECRETO DE FECHA 06 DE DICIEMBRE DE 1994; EL"
            " DÍA DOCE DE MAYO DE DOS MIL VEINTITRÉS REUNIDOS EN EL MUNICIPIO DE HUEJOTZINGO,\n"
            "PUEBLA, EN LAS OFICINAS DEL CONSEJO, SE LLEVÓ A CABO LA SESIÓN.\n",
            "2023-05-12",
            "day",
            "HUEJOTZINGO, PUEBLA",
        ),
    ],
)
def test_official_documents_take_their_own_date(
    nlp, text: str, date: str, precision: str, place: str | None
) -> None:
    result = run(nlp, text, "other_official")
    assert (result.date, result.precision, result.place) == (
        dt.date.fromisoformat(date),
        precision,
        place,
    )


def test_month_precision_reaches_the_record(nlp) -> None:
    result = run(nlp, "CONVOCATORIA\nCuernavaca, Morelos, junio de 2023.\n", "other_official")
    assert result.iso == "2023-06"


def test_a_dateline_without_any_year_keeps_its_place(nlp) -> None:
    text = (
        "ACTA DE INSTALACIÓN DEL COMITÉ\nEn la Ciudad de Apatzingán, Michoacán, siendo las 10:30"
        " horas del día 27 de septiembre, se reunieron los integrantes.\n"
    )
    result = run(nlp, text, "other_official")
    assert result.date is None
    assert result.place == "Apatzingán, Michoacán"


@pytest.mark.parametrize(
    ("header", "date"),
    [
        ("Boletín: 17-04-2023", "2023-04-17"),
        ("Fecha: 3 de mayo de 2022", "2022-05-03"),
    ],
)
def test_press_release_labelled_date_in_the_header(nlp, header: str, date: str) -> None:
    text = (
        f"Noticias\n{header}\nEntrega alcaldesa uniformes escolares\n"
        "La presidenta municipal entregó uniformes en la comunidad de Las Piedras, informó.\n"
    )
    result = run(nlp, text, "press_release")
    assert result.date == dt.date.fromisoformat(date)
    assert result.place is None


@pytest.mark.parametrize(
    "label",
    ["Fecha límite: 3 de mayo de 2022", "Fecha de recepción: 3 de mayo de 2022"],
)
def test_other_dated_fields_are_not_the_document_date(nlp, label: str) -> None:
    text = f"Noticias\n{label}\nEntrega alcaldesa uniformes escolares\nLa alcaldesa informó.\n"
    assert run(nlp, text, "press_release").date is None


PLACE_NEAR = [
    pytest.param(
        "ACTA DE LA SESIÓN DEL COMITÉ DE OBRA\n\nEn la sala de juntas ubicada en Avenida "
        "Hidalgo 120, Ameca, Jalisco. En el salón de cabildo, siendo las 10:00 horas del "
        "día 4 de marzo de 2025, se reunieron los integrantes del Comité.\n",
        "Ameca, Jalisco",
        id="acta-opening",
    ),
    pytest.param(
        "Minuta Nº 3\nI. DATOS DE LA REUNIÓN\nFecha Lunes 2 de junio de 2025\n"
        "Asistentes Rebeca Olvera Paz\nLugar Sala de Juntas del Consejo Estatal\n"
        "Calle Allende 45. Col. Centro. Durango, Durango.\nC.P. 34000.\n",
        "Durango, Durango",
        id="minuta-lugar-row",
    ),
]


@pytest.mark.parametrize("text, place", PLACE_NEAR)
def test_a_dateline_without_place_takes_the_municipality_printed_with_it(
    text: str, place: str
) -> None:
    from extractors import extract

    assert extract(DocumentText.from_text(text)).dateline.place == place


def test_a_municipality_without_its_state_is_never_taken_for_the_place() -> None:
    from extractors import extract

    text = (
        "ACTA DE LA SESIÓN\n\nEn la sala ubicada en la calle Guerrero, siendo las 10:00 horas "
        "del día 4 de marzo de 2025, se reunieron los integrantes del Comité.\n"
    )
    assert extract(DocumentText.from_text(text)).dateline.place is None
