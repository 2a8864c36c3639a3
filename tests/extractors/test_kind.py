"""Kind: one short realistic text per structure, the reason an archivist can check, the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors import kind
from extractors.context import Context
from extractors.cues import lowered
from models import DocumentText

LETTER = """H. AYUNTAMIENTO DE VILLA ALTA
Oficio No. PM/0231/2024
ASUNTO: Solicitud de información.
Villa Alta, Oaxaca; 3 de abril de 2024

C. MARTÍN OROZCO LEAL
DIRECTOR DE OBRAS PÚBLICAS
P R E S E N T E

Por medio del presente le solicito el informe trimestral de obra.

A T E N T A M E N T E

LIC. NORMA YÁÑEZ PRIETO
PRESIDENTA MUNICIPAL
c.c.p. Archivo
"""

CIRCULAR = """"2024. Año de la Integridad"
CIRCULAR No. 12/2024
Toluca, Estado de México; 3 de abril de 2024
TITULARES DE LAS UNIDADES ADMINISTRATIVAS
PRESENTE
Se informa que el 5 de abril será día inhábil.
ATENTAMENTE
DIRECTOR DE ADMINISTRACIÓN
"""

ACTA = """ACTA DE LA PRIMERA SESIÓN ORDINARIA DEL COMITÉ DE ADQUISICIONES
En la ciudad de Colima, Col., siendo las diez horas del día 3 de abril de 2024, se reunieron
los integrantes del Comité para desahogar el orden del día.
No habiendo otro asunto que tratar, se da por terminada la sesión.
"""

GAZETTE = """DECRETO por el que se reforma el Reglamento Interior de la Secretaría de Cultura.
Al margen un sello con el Escudo Nacional, que dice: Estados Unidos Mexicanos.
CONSIDERANDO
Que es necesario actualizar la estructura orgánica;
Dado en la Ciudad de México, a 3 de abril de 2024.- La Secretaria, Elena Patiño Ruiz.- Rúbrica.
"""

PRESS = """Inaugura alcaldesa parque lineal en la colonia Centro

Mazatlán, Sinaloa, a 3 de abril de 2024.- La alcaldesa Estela Ruvalcaba Ortiz inauguró este
miércoles el parque lineal de la colonia Centro, que beneficiará a más de cinco mil familias.

“Es un espacio para convivir en familia”, señaló la alcaldesa durante el evento.
"""

BULLETIN = """Boletín 045/2024
El Instituto Municipal de la Mujer realizó una jornada de salud en la que se atendieron a 300
mujeres de las comunidades rurales, informó su titular, Dalia Ferrer Muñoz.
"""

WEB = """Jornada de reforestación en el Cerro de la Silla
Date: 2024-04-03 10:00

Voluntarios y personal de Parques y Vida Silvestre plantaron 800 árboles nativos.
"""


def guess(text: str) -> tuple[str, str]:
    ctx = Context(document=DocumentText.from_text(text), doc=None)  # type: ignore[arg-type]
    result = kind.extract(ctx)
    return result.kind, result.reason


@pytest.mark.parametrize(
    ("text", "expected", "reason_words"),
    [
        (LETTER, "letter", ("addressee block", "P R E S E N T E", "closing formula")),
        (CIRCULAR, "other_official", ("heading 'CIRCULAR'",)),
        (ACTA, "other_official", ("heading 'ACTA'", "session formula")),
        (GAZETTE, "other_official", ("heading 'DECRETO'", "Rúbrica")),
        (PRESS, "press_release", ("quote with reporting verb",)),
        (BULLETIN, "press_release", ("press heading 'Boletín'",)),
        (WEB, "press_release", ("web publication date",)),
    ],
)
def test_kind_from_structure(text: str, expected: str, reason_words: tuple[str, ...]) -> None:
    found, reason = guess(text)
    assert found == expected
    for words in reason_words:
        assert words in reason


CONSTANCIA = """INSTITUTO DE CAPACITACIÓN DEL ESTADO DE TLAXCALA
Otorga la presente
CONSTANCIA
a: Rosa Elvira Quintero Lugo
por haber acreditado el curso Atención Ciudadana, que se llevó a cabo del 4 al 8 de marzo de 2024.
Tlaxcala, Tlax., a 8 de marzo de 2024
"""

DIPLOMA = """LA ACADEMIA REGIONAL DE PROTECCIÓN CIVIL
OTORGA EL SIGUIENTE DIPLOMA A:
JUAN PABLO ARELLANO RÍOS
En reconocimiento a su participación en el curso Primeros Auxilios.
"""

CERTIFICATE = """Certificado
El Organismo Estatal de Normalización
Certifica a:
UNIVERSIDAD POLITÉCNICA DEL VALLE
Por cumplir con los requisitos de la norma de calidad. Se realizó la auditoría en sitio.
"""

MINUTE = """Minuta N° 3
Comité Coordinador del Sistema Estatal Anticorrupción
Fecha Lunes 4 de marzo de 2024
Se acordó elaborar una propuesta de comunicado al Congreso.
"""

CONVOCATORIA = """El Gobierno Municipal de Linares, a través del Instituto de la Juventud
CONVOCA
a las y los jóvenes del municipio a participar en el Premio Municipal de la Juventud 2024.
BASES
PRIMERA.- Podrán participar jóvenes de 12 a 29 años. Se realizó una amplia difusión.
"""

COVERED_ACTA = """LINARES, NUEVO LEÓN; A 2 DE MARZO DE 2024.
ASUNTO: CONVOCATORIA
C. REGIDORES DEL AYUNTAMIENTO
PRESENTE
Me permito convocarles a la sesión de cabildo.
ACTA DE LA TERCERA SESIÓN ORDINARIA DE CABILDO
SIENDO LAS DOCE HORAS DEL DÍA CUATRO DE MARZO DE DOS MIL VEINTICUATRO SE REUNIERON LOS MIEMBROS.
SE CIERRA LA PRESENTE ACTA, FIRMANDO AL CALCE Y AL MARGEN QUIENES EN ELLA INTERVINIERON.
"""


@pytest.mark.parametrize(
    ("text", "reason_words"),
    [
        (CONSTANCIA, ("issuing formula 'Otorga la presente'",)),
        (DIPLOMA, ("issuing formula",)),
        (CERTIFICATE, ("certificate heading 'Certificado'",)),
        (MINUTE, ("certificate heading 'Minuta'",)),
        (CONVOCATORIA, ("heading 'CONVOCA'",)),
        (COVERED_ACTA, ("acta heading", "acta formula")),
    ],
)
def test_certificates_minutes_convocatorias_and_actas_are_official(
    text: str, reason_words: tuple[str, ...]
) -> None:
    found, reason = guess(text)
    assert found == "other_official"
    for words in reason_words:
        assert words in reason


def test_a_convenio_whose_heading_is_one_long_line_in_capitals_is_official() -> None:
    text = (
        "CONVENIO DE COLABORACIÓN QUE CELEBRAN POR UNA PARTE EL H. AYUNTAMIENTO DE TEPIC, "
        "REPRESENTADO POR SU PRESIDENTE MUNICIPAL, A QUIEN EN LO SUCESIVO SE LE DENOMINARÁ "
        '"EL AYUNTAMIENTO", Y POR LA OTRA LA UNIVERSIDAD AUTÓNOMA DE NAYARIT.\n\nCLÁUSULAS\n\n'
        'PRIMERA.- "EL AYUNTAMIENTO" se compromete a proporcionar las instalaciones.\n'
    )
    assert guess(text)[0] == "other_official"


def test_a_comunicado_mentioned_in_prose_is_no_press_heading() -> None:
    labels = {h.cue.label for h in kind.hits(MINUTE)}
    assert "press heading" not in labels
    assert "press heading" in {h.cue.label for h in kind.hits(BULLETIN)}


def test_heading_quoted_inside_a_press_release_does_not_make_it_official() -> None:
    text = (
        "Horario del tribunal\nDate: 2020-08-10 11:30\n\n"
        + "El Consejo de la Judicatura aprobó en sesión el acuerdo que fija el nuevo horario " * 3
        + "\n\nACUERDO C-001/2020\n\nSe aprueba la propuesta.\n"
    )
    assert guess(text)[0] == "press_release"


def test_kind_has_provenance_of_its_strongest_cue() -> None:
    ctx = Context(document=DocumentText.from_text(LETTER), doc=None)  # type: ignore[arg-type]
    result = kind.extract(ctx)
    assert result.prov is not None
    assert LETTER[result.prov.start : result.prov.end].strip() in {
        "P R E S E N T E",
        "A T E N T A M E N T E",
    }


@pytest.mark.parametrize(("seed", "expected"), [("S000", "press_release"), ("S003", "letter")])
def test_seeds(seeds, seed: str, expected: str) -> None:
    assert guess(seeds[seed].read_text(encoding="utf-8"))[0] == expected


SAMPLES = sorted(
    p for p in (Path(__file__).parents[2] / "samples").iterdir() if p.suffix in {".txt", ".md"}
)


@pytest.mark.parametrize("text", [LETTER, CIRCULAR, ACTA, *(p.read_text("utf-8") for p in SAMPLES)])
def test_every_match_of_a_cue_holds_one_of_its_needs(text: str) -> None:
    """The `needs` a cue's search is skipped without must be in each of its matches."""
    for cue in (c for c in kind.cues() if c.needs):
        for m in cue.pattern.finditer(text):
            assert any(n in lowered(m.group(0)) for n in cue.needs), (cue.label, m.group(0))


def test_a_text_without_a_cues_needs_is_not_searched_and_capitals_still_count() -> None:
    (reporting,) = (c for c in kind.cues() if c.label == "reporting verb")
    assert not reporting.may_match(lowered("La alcaldesa habló."), 19)
    assert reporting.may_match(lowered("La alcaldesa SEÑALÓ."), 20)
    assert not reporting.may_match(lowered("La alcaldesa SEÑALÓ."), 15)  # past the scope
    assert lowered("İnformó ſe") == "informó se"  # what IGNORECASE matches with i and s
