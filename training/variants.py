"""`make variants`: letters assembled from the general shapes of Mexican official writing, to find
where the rules are brittle on forms the dev documents do not happen to print.

Every letter is built, with a fixed seed, from parts any oficio may have: a letterhead, a
dateline (numeric, "a los ... días del mes de ...", with and without the state), an addressee
with "P R E S E N T E", a body, a closing formula (or none) with a year motto, one to three
signers (honorific or not, capitals or not, side by side or stacked, a capacity line above),
a c.c.p. list and typist initials. The names, titles and bodies are invented from common given
names and surnames and the offices of every municipality, state and ministry: nothing comes from
the corpus. The gold of each letter is known by construction; the script prints score.py's
table per family of shapes, so a rule change is measured on shapes it was not written for.

    python training/variants.py [--count 560] [--seed 7] [--family NAME] [--show N]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import textwrap
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCORER = ROOT.parent / "shared" / "tools" / "score.py"

from models.normalise import fold  # noqa: E402

GIVEN = (
    "María Guadalupe",
    "José Luis",
    "Juan Carlos",
    "Ana Laura",
    "Miguel Ángel",
    "Rosa María",
    "Francisco Javier",
    "Verónica",
    "Alejandro",
    "Patricia",
    "Jorge",
    "Claudia Ivette",
    "Ricardo",
    "Leticia",
    "Arturo",
    "Norma Angélica",
    "Héctor Manuel",
    "Gabriela",
    "Sergio",
    "Martha Elena",
    "Raúl",
    "Silvia",
    "Fernando",
    "Adriana",
    "Óscar",
    "Beatriz",
    "Jesús",
    "Elizabeth",
    "Rubén",
    "Yolanda",
    "Ernesto",
    "Mónica",
    "Salvador",
    "Karla Paola",
    "Ignacio",
    "Irma",
    "Rodrigo",
)
SURNAMES = (
    "Hernández",
    "García",
    "Martínez",
    "López",
    "González",
    "Rodríguez",
    "Pérez",
    "Sánchez",
    "Ramírez",
    "Cruz",
    "Flores",
    "Gómez",
    "Morales",
    "Vázquez",
    "Reyes",
    "Jiménez",
    "Torres",
    "Díaz",
    "Gutiérrez",
    "Ruiz",
    "Mendoza",
    "Aguilar",
    "Ortiz",
    "Moreno",
    "Castillo",
    "Romero",
    "Álvarez",
    "Méndez",
    "Chávez",
    "Rivera",
    "Juárez",
    "Ramos",
    "Domínguez",
    "Herrera",
    "Medina",
    "Castro",
    "Vargas",
    "Guzmán",
    "Velázquez",
    "Muñoz",
    "Rojas",
    "de la Cruz",
    "Salazar",
)
# (place as a dateline prints it, the state's body names)
PLACES = (
    ("Zacatecas, Zac.", "Zacatecas"),
    ("Morelia, Michoacán", "Michoacán"),
    ("Oaxaca de Juárez, Oaxaca", "Oaxaca"),
    ("Hermosillo, Sonora", "Sonora"),
    ("Mérida, Yucatán", "Yucatán"),
    ("Tuxtla Gutiérrez, Chiapas", "Chiapas"),
    ("Pachuca de Soto, Hidalgo", "Hidalgo"),
    ("Saltillo, Coahuila", "Coahuila"),
    ("Toluca de Lerdo, Estado de México", "México"),
    ("Culiacán, Sinaloa", "Sinaloa"),
    ("Xalapa, Veracruz", "Veracruz"),
    ("Aguascalientes, Ags.", "Aguascalientes"),
    ("Chihuahua, Chih.", "Chihuahua"),
    ("Tepic, Nayarit", "Nayarit"),
    ("Ciudad de México", "Ciudad de México"),
    ("Guanajuato, Gto.", "Guanajuato"),
    ("Villahermosa, Tabasco", "Tabasco"),
    ("Colima, Col.", "Colima"),
)
MONTHS = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)
DAYS_SPELLED = {
    1: "primer",
    2: "dos",
    3: "tres",
    5: "cinco",
    9: "nueve",
    12: "doce",
    15: "quince",
    20: "veinte",
    21: "veintiún",
    28: "veintiocho",
}
YEARS_SPELLED = {
    2022: "dos mil veintidós",
    2023: "dos mil veintitrés",
    2024: "dos mil veinticuatro",
    2025: "dos mil veinticinco",
}
# (title, institution pattern): {state} is the state, {city} the municipality.
ITAIP = "Instituto de Transparencia y Acceso a la Información Pública del Estado de {state}"
OFFICES = (
    ("Presidente Municipal", "H. Ayuntamiento de {city}"),
    ("Presidenta Municipal", "H. Ayuntamiento de {city}"),
    ("Secretario del Ayuntamiento", "H. Ayuntamiento de {city}"),
    ("Tesorera Municipal", "H. Ayuntamiento de {city}"),
    ("Contralor Municipal", "H. Ayuntamiento de {city}"),
    ("Director General", ITAIP),
    ("Comisionada Presidenta", ITAIP),
    ("Titular de la Unidad de Transparencia", "Secretaría de Salud del Estado de {state}"),
    ("Secretario de Educación", "Secretaría de Educación del Estado de {state}"),
    ("Directora de Recursos Humanos", "Secretaría de Finanzas del Estado de {state}"),
    ("Rector", "Universidad Autónoma de {state}"),
    ("Magistrado Presidente", "Tribunal Superior de Justicia del Estado de {state}"),
    (
        "Jefa del Departamento de Recursos Materiales",
        "Secretaría de Administración del Estado de {state}",
    ),
    ("Coordinador de Comunicación Social", "H. Ayuntamiento de {city}"),
    ("Subsecretario de Planeación", "Secretaría de Desarrollo Social del Estado de {state}"),
)
HONORIFICS = (
    "Lic.",
    "LIC.",
    "Mtro.",
    "Mtra.",
    "Dr.",
    "Dra.",
    "Ing.",
    "Arq.",
    "C.",
    "C.P.",
    "L.C.P.",
    "Profr.",
    "Profra.",
    "M. en C.",
    "",
)
CLOSINGS = (
    "Atentamente",
    "ATENTAMENTE",
    "A T E N T A M E N T E",
    "Atentamente.",
    "Respetuosamente",
    "RESPETUOSAMENTE",
    "Cordialmente",
)
MOTTOS = (
    '"Sufragio Efectivo. No Reelección"',
    "SUFRAGIO EFECTIVO. NO REELECCIÓN.",
    '"2024, Año del Bicentenario"',
    "",
)
BODIES = (
    "Por medio del presente me permito informarle que el programa de trabajo fue revisado por "
    "esta dependencia y se encuentra disponible para su consulta.",
    "En atención a su oficio de fecha anterior, le comunico que la información solicitada "
    "fue remitida a la unidad administrativa competente para su trámite.",
    "Sirva el presente para enviarle un cordial saludo y hacer de su conocimiento que la reunión "
    "de trabajo se llevará a cabo en la sala de juntas de este edificio.",
)
LEAVE = (
    "Sin otro particular, le envío un cordial saludo.",
    "Sin más por el momento, quedo a sus órdenes.",
    "Agradezco de antemano su atención.",
    "",
)


@dataclass
class Person:
    honorific: str
    name: str
    title: str
    institution: str
    upper: bool

    def name_line(self) -> str:
        name = self.name.upper() if self.upper else self.name
        return f"{self.honorific} {name}".strip()

    def title_line(self) -> str:
        return self.title.upper() if self.upper else self.title


@dataclass
class Letter:
    id: str
    family: str
    text: str
    gold: dict = field(default_factory=dict)


def gold_record(
    n: int,
    kind: str,
    iso: str,
    place: str,
    signers: Sequence[Person],
    people: Sequence[Person] = (),
) -> dict:
    """The gold of a generated letter (corpus/SCHEMA.md): its signers and named people."""

    def entry(p: Person) -> dict:
        return {"name": p.name, "title": p.title, "institution": p.institution}

    return {
        "id": f"V{n:04d}",
        "kind": kind,
        "date": iso,
        "place": place,
        "signatories": [entry(s) for s in signers],
        "people": [entry(p) for p in people],
        "institutions": [],
        "commitments": [],
    }


def person(rng: random.Random, state: str, city: str) -> Person:
    name = f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)} {rng.choice(SURNAMES)}"
    title, pattern = rng.choice(OFFICES)
    return Person(
        rng.choice(HONORIFICS),
        name,
        title,
        pattern.format(state=state, city=city),
        rng.random() < 0.5,
    )


def dateline(rng: random.Random, place: str) -> tuple[str, str]:
    year, month, day = (
        rng.choice(tuple(YEARS_SPELLED)),
        rng.randrange(1, 13),
        rng.choice(tuple(DAYS_SPELLED)),
    )
    iso = f"{year}-{month:02d}-{day:02d}"
    form = rng.randrange(4)
    if form == 0:
        text = f"{place}, a {day} de {MONTHS[month - 1]} de {year}."
    elif form == 1:
        text = f"{place}; {day:02d} de {MONTHS[month - 1].capitalize()} del {year}"
    elif form == 2:
        text = f"{place}, {MONTHS[month - 1]} {day} de {year}"
    else:
        spelled = DAYS_SPELLED[day]
        days = "al primer día" if day == 1 else f"a los {spelled} días"
        text = f"{place}, {days} del mes de {MONTHS[month - 1]} del año {YEARS_SPELLED[year]}."
    return text, iso


def signature(rng: random.Random, signers: list[Person], family: str) -> list[str]:
    lines: list[str] = []
    if family == "side-by-side" and len(signers) == 2:
        a, b = signers
        width = max(len(a.name_line()), len(a.title_line()), len(a.institution)) + 6
        lines.append(a.name_line().ljust(width) + b.name_line())
        lines.append(a.title_line().ljust(width) + b.title_line())
        lines.append(a.institution.ljust(width) + b.institution)
        return lines
    for k, s in enumerate(signers):
        if k:
            lines.append("")
        if family == "capacity":
            lines.append(("EL " if s.upper else "El ") + s.title_line().split(" de ")[0])
            lines.append("")
        lines.append(s.name_line())
        lines.append(s.title_line())
        lines.append(s.institution)
    return lines


def noisy(rng: random.Random, line: str) -> str:
    """A line as OCR reads it under a signature's strokes: a stray stroke mark between words,
    a doubled space, an accent lost."""
    words = line.split(" ")
    if len(words) > 2 and rng.random() < 0.6:
        words.insert(rng.randrange(1, len(words)), rng.choice(("/", "|", "—", "_", "\\")))
    out = " ".join(words)
    if rng.random() < 0.3:
        out = out.replace("Á", "A").replace("É", "E").replace("Í", "I").replace("Ó", "O")
    return out


def acta(rng: random.Random, n: int) -> Letter:
    place, state = rng.choice(PLACES)
    city = place.split(",")[0]
    date_text, iso = dateline(rng, place)
    signers = [person(rng, state, city) for _ in range(rng.choice((2, 4, 6)))]
    for s in signers:
        s.institution = f"H. Ayuntamiento de {city}"
        s.upper = signers[0].upper
    year, month, day = (int(x) for x in iso.split("-"))
    closed = rng.choice(
        (
            f"a las trece horas del día {day} de {MONTHS[month - 1]} de {year}",
            f"siendo las 14:30 horas del {day} de {MONTHS[month - 1]} del {year}",
        )
    )
    lines = [
        f"ACTA DE LA SESIÓN ORDINARIA DE CABILDO DEL H. AYUNTAMIENTO DE {city.upper()}",
        "",
        f"En la ciudad de {place}, siendo las diez horas del día de la fecha, reunidos en la "
        "sala de cabildo los integrantes del Ayuntamiento, se procedió al pase de lista.",
        "",
        "Se aprueba por unanimidad el orden del día.",
        "",
        f"No habiendo otro asunto que tratar, se da por concluida la sesión {closed}, "
        "firmando al calce los que en ella intervinieron.",
        "",
        "",
    ]
    width = 48
    for a, b in zip(signers[::2], signers[1::2], strict=True):
        lines += [
            "",
            a.name_line().ljust(width) + b.name_line(),
            a.title_line().ljust(width) + b.title_line(),
            "",
        ]
    gold = gold_record(n, "other_official", iso, place, signers)
    return Letter(gold["id"], "acta", "\n".join(lines) + "\n", gold)


def gazette(rng: random.Random, n: int) -> Letter:
    place, state = rng.choice(PLACES)
    city = place.split(",")[0]
    year = rng.choice(tuple(YEARS_SPELLED))
    month, day = rng.randrange(1, 13), rng.choice(tuple(k for k in DAYS_SPELLED if k > 1))
    iso = f"{year}-{month:02d}-{day:02d}"
    governor = person(rng, state, city)
    secretary = person(rng, state, city)
    government = f"Gobierno del Estado de {state}"
    governor.title, governor.institution = "Gobernador Constitucional del Estado", government
    secretary.title, secretary.institution = "Secretario General de Gobierno", government
    text = (
        f"DECRETO por el que se reforma el Reglamento Interior de la Secretaría de Finanzas."
        f"\n\nARTÍCULO ÚNICO.- Se reforma el artículo 5 del Reglamento.\n\nTRANSITORIOS\n\n"
        f"PRIMERO.- El presente Decreto entrará en vigor al día siguiente de su publicación."
        f"\n\n"
        f"Dado en la residencia del Poder Ejecutivo, en la ciudad de {place}, a los "
        f"{DAYS_SPELLED[day]} días del mes de {MONTHS[month - 1]} de {year}.- "
        f"El {governor.title}, {governor.name}.- Rúbrica.- El {secretary.title}, "
        f"{secretary.name}.- Rúbrica.\n"
    )
    gold = gold_record(n, "other_official", iso, place, [governor, secretary])
    return Letter(gold["id"], "gazette", text, gold)


def constancia(rng: random.Random, n: int) -> Letter:
    place, state = rng.choice(PLACES)
    city = place.split(",")[0]
    date_text, iso = dateline(rng, place)
    recipient = person(rng, state, city)
    signers = [person(rng, state, city) for _ in range(2)]
    institution = signers[0].institution
    width = 52
    a, b = signers
    lines = [
        institution.upper(),
        "",
        "OTORGA LA PRESENTE",
        "",
        "CONSTANCIA",
        "",
        "A:",
        "",
        recipient.name.upper(),
        "",
        "Por su participación en el curso de capacitación en materia de transparencia y "
        "protección de datos personales, con duración de veinte horas.",
        "",
        f"Se extiende la presente en la ciudad de {date_text}",
        "",
        "",
        a.name_line().ljust(width) + b.name_line(),
        a.title_line().ljust(width) + b.title_line(),
        "",
    ]
    gold = gold_record(n, "other_official", iso, place, signers)
    gold["people"] = [{"name": recipient.name, "title": None, "institution": None}]
    return Letter(gold["id"], "constancia", "\n".join(lines) + "\n", gold)


def distractors(rng: random.Random, n: int) -> Letter:
    """A letter whose body and stamps carry other dates: a receipt stamp above the dateline, a
    cited oficio's date, a period, a coming event."""
    out = letter(rng, n, "plain")
    year = int(out.gold["date"][:4])
    month = rng.randrange(1, 12)
    stamp = f"RECIBIDO\n{rng.randrange(1, 28):02d} {MONTHS[month][:3].upper()} {year}\n"
    body = (
        f"En atención a su oficio número {rng.randrange(10, 99)}/{year} de fecha "
        f"{rng.randrange(1, 28)} de {MONTHS[month - 1]} de {year}, le informo que las jornadas "
        f"se realizarán del {rng.randrange(1, 10)} al {rng.randrange(11, 28)} de "
        f"{MONTHS[month]} de {year}, y que la entrega de resultados será el próximo "
        f"{rng.randrange(1, 28)} de {MONTHS[(month + 1) % 12]} de {year}."
    )
    first = out.text.index("\n") + 1
    text = out.text[:first] + stamp + out.text[first:]
    text = re.sub(r"\n\n(?:Por medio|En atención|Sirva)[^\n]*\n", f"\n\n{body}\n", text, count=1)
    return Letter(out.id, "distractors", text, out.gold)


# (title with {inst} for the institution, institution pattern)
SPEAKERS = (
    ("presidente municipal de {city}", "H. Ayuntamiento de {city}"),
    ("secretario de Salud del estado", "Secretaría de Salud del Estado de {state}"),
    ("titular de la Comisión Estatal del Agua", "Comisión Estatal del Agua de {state}"),
    ("director general del Instituto del Deporte", "Instituto del Deporte del Estado de {state}"),
    ("rectora de la Universidad Autónoma de {state}", "Universidad Autónoma de {state}"),
)
SAYS = ("informó", "explicó", "señaló", "destacó", "aseguró", "anunció")


def press(rng: random.Random, n: int) -> Letter:
    """A bulletin: headline, dateline, officials quoted with their offices before or after
    their names, a date cited in the body."""
    place, state = rng.choice(PLACES)
    city = place.split(",")[0]
    year, month, day = rng.choice(tuple(YEARS_SPELLED)), rng.randrange(1, 13), rng.randrange(1, 29)
    iso = f"{year}-{month:02d}-{day:02d}"
    people = []
    paragraphs = []
    for k, (title, pattern) in enumerate(rng.sample(SPEAKERS, 2)):
        name = f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)} {rng.choice(SURNAMES)}"
        title = title.format(city=city, state=state)
        verb = rng.choice(SAYS)
        if k == 0:
            paragraphs.append(
                f"El {title}, {name}, {verb} que a partir del {rng.randrange(1, 28)} de "
                f"{MONTHS[month % 12]} se ampliará el horario de atención en las oficinas."
            )
        else:
            paragraphs.append(
                f"Por su parte, {name}, {title}, {verb} que los trabajos se coordinan con las "
                "autoridades municipales para llegar a más colonias."
            )
        people.append(
            {"name": name, "title": title, "institution": pattern.format(city=city, state=state)}
        )
    head = rng.choice(
        (
            f"{place}, a {day} de {MONTHS[month - 1]} de {year}.-",
            f"{place}. {day} de {MONTHS[month - 1]} de {year}.",
        )
    )
    lines = [
        f"Boletín No. {rng.randrange(100, 999)}",
        "",
        "Amplían horario de atención en oficinas públicas",
        "",
        f"{head} {paragraphs[0]}",
        "",
        paragraphs[1],
        "",
        "Con estas acciones se busca acercar los servicios a la población.",
        "",
    ]
    gold = gold_record(n, "press_release", iso, place, [])
    gold["people"] = people
    return Letter(gold["id"], "press", "\n".join(lines) + "\n", gold)


# (clause as printed with {a} for the defined term, the commitment span)
CLAUSES = (
    (
        "{a} se compromete a proporcionar las instalaciones necesarias para los cursos.",
        "proporcionar las instalaciones necesarias para los cursos",
    ),
    (
        "{a} deberá entregar un informe trimestral de las actividades realizadas.",
        "entregar un informe trimestral de las actividades realizadas",
    ),
    (
        "{a} se obliga a designar a un responsable del seguimiento del presente convenio.",
        "designar a un responsable del seguimiento del presente convenio",
    ),
    (
        "{a} aportará los recursos humanos y materiales para la ejecución del programa.",
        "aportará los recursos humanos y materiales para la ejecución del programa",
    ),
)


def convenio(rng: random.Random, n: int) -> Letter:
    """A convenio: parties with defined terms, clauses that commit each party, the signing
    dateline, a signer for each party side by side."""
    place, state = rng.choice(PLACES)
    city = place.split(",")[0]
    year, month = rng.choice(tuple(YEARS_SPELLED)), rng.randrange(1, 13)
    day = rng.choice(tuple(k for k in DAYS_SPELLED if k > 1))
    iso = f"{year}-{month:02d}-{day:02d}"
    a, b = person(rng, state, city), person(rng, state, city)
    a.title, a.institution = "Presidente Municipal", f"H. Ayuntamiento de {city}"
    b.title, b.institution = "Rector", f"Universidad Autónoma de {state}"
    b.upper = a.upper
    clauses = rng.sample(CLAUSES, 2)
    lines = [
        f"CONVENIO DE COLABORACIÓN QUE CELEBRAN POR UNA PARTE EL {a.institution.upper()}, "
        f"REPRESENTADO POR SU PRESIDENTE MUNICIPAL, {a.name.upper()}, A QUIEN EN LO SUCESIVO SE "
        f'LE DENOMINARÁ "EL AYUNTAMIENTO", Y POR LA OTRA LA {b.institution.upper()}, '
        f'REPRESENTADA POR SU RECTOR, {b.name.upper()}, EN LO SUCESIVO "LA UNIVERSIDAD".',
        "",
        "CLÁUSULAS",
        "",
        "PRIMERA.- " + clauses[0][0].format(a='"EL AYUNTAMIENTO"'),
        "",
        "SEGUNDA.- " + clauses[1][0].format(a='"LA UNIVERSIDAD"'),
        "",
        "TERCERA.- El presente convenio tendrá una vigencia de un año.",
        "",
        f"Leído que fue el presente convenio y enteradas las partes de su contenido y alcance, "
        f"lo firman por duplicado en la ciudad de {place}, a los {DAYS_SPELLED[day]} días del "
        f"mes de {MONTHS[month - 1]} de {year}.",
        "",
        "",
        "POR EL AYUNTAMIENTO".ljust(48) + "POR LA UNIVERSIDAD",
        "",
        "",
        a.name_line().ljust(48) + b.name_line(),
        a.title_line().ljust(48) + b.title_line(),
        "",
    ]
    gold = gold_record(n, "other_official", iso, place, [a, b])
    gold["commitments"] = [
        {"actor": a.institution, "text": clauses[0][1]},
        {"actor": b.institution, "text": clauses[1][1]},
    ]
    return Letter(gold["id"], "convenio", "\n".join(lines) + "\n", gold)


FAMILIES = (
    "plain",
    "no-closing",
    "side-by-side",
    "stacked",
    "capacity",
    "leave-inline",
    "scan-noise",
    "name-comma-title",
    "acta",
    "gazette",
    "constancia",
    "distractors",
    "press",
    "convenio",
)
BUILT = {
    "acta": acta,
    "gazette": gazette,
    "constancia": constancia,
    "distractors": distractors,
    "press": press,
    "convenio": convenio,
}


def letter(rng: random.Random, n: int, family: str) -> Letter:
    if family in BUILT:
        return BUILT[family](rng, n)
    place, state = rng.choice(PLACES)
    city = place.split(",")[0]
    date_text, iso = dateline(rng, place)
    count = 2 if family in ("side-by-side", "stacked") else 1
    signers = [person(rng, state, city) for _ in range(count)]
    addressee = person(rng, state, city)
    copy = person(rng, state, city)
    head = signers[0].institution.upper()
    parts = [
        head,
        f"Oficio No. {rng.choice(('DG', 'SA', 'UT'))}/{rng.randrange(100, 999)}/{iso[:4]}",
        f"Asunto: {rng.choice(('Se informa', 'Respuesta', 'Invitación'))}.",
        "",
        date_text,
        "",
        addressee.name_line(),
        addressee.title_line(),
        addressee.institution,
        "P R E S E N T E",
        "",
        rng.choice(BODIES),
        "",
    ]
    leave = rng.choice(LEAVE)
    if family == "leave-inline" or leave:
        parts += [leave or LEAVE[0], ""]
    if family != "no-closing":
        parts.append(rng.choice(CLOSINGS))
        motto = rng.choice(MOTTOS)
        if motto:
            parts.append(motto)
        parts += ["", ""]
    block = signature(rng, signers, family)
    if family == "scan-noise":
        block = [noisy(rng, line) if line else line for line in block]
    elif family == "name-comma-title":
        s0 = signers[0]
        block = [f"{s0.name_line()}, {s0.title_line()}", s0.institution]
    parts += block
    parts += [
        "",
        f"c.c.p. {copy.name_line()}.- {copy.title_line()}.- Para su conocimiento.",
        "c.c.p. Archivo.",
        "",
        f"{''.join(w[0] for w in signers[0].name.split()[:3]).upper()}/"
        f"{''.join(w[0] for w in addressee.name.split()[:2]).lower()}",
    ]
    gold = gold_record(n, "letter", iso, place, signers, [addressee, copy])
    return Letter(gold["id"], family, "\n".join(parts) + "\n", gold)


def letters(count: int, seed: int, only: str | None) -> list[Letter]:
    rng = random.Random(seed)
    families = [f for f in FAMILIES if only in (None, f)]
    return [letter(rng, n, families[n % len(families)]) for n in range(count)]


FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"
DPI = 200
INKS = ((25, 35, 110), (30, 70, 190), (20, 20, 60))  # navy, ballpoint blue, dark blue-black
STAMPS = ((120, 60, 170), (60, 80, 170), (170, 40, 60))  # violet, blue, red rubber stamps


def render(v: Letter, rng: random.Random) -> Image.Image:
    """The letter typed on a letter-size page at 200 dpi (prose wrapped, columns at the middle),
    each signer's name crossed by an ink signature and a rubber stamp over its title, then
    speckled: how a signed oficio comes back from the scanner."""
    width, height = int(8.5 * DPI), int(11 * DPI)
    size = round(10.5 * DPI / 72)
    font, bold = ImageFont.truetype(FONT, size), ImageFont.truetype(BOLD, size)
    small = ImageFont.truetype(BOLD, round(7 * DPI / 72))
    page = Image.new("RGB", (width, height), (250, 250, 247))
    draw = ImageDraw.Draw(page)
    margin, step, y = DPI, round(size * 1.45), DPI // 2
    names = {fold(s["name"]) for s in v.gold["signatories"]}
    signed: list[tuple[int, int, int]] = []  # x, y, width of each signer's printed name
    column_chars = 36  # a half page of 10.5-point type (bold names run wider)
    for raw in v.text.splitlines():
        columns = re.split(r"[ \t]{3,}", raw.strip()) if raw.strip() else [""]
        if len(columns) == 1:
            cells = [textwrap.wrap(raw, 88) or [""]]
        else:
            cells = [textwrap.wrap(part, column_chars) or [""] for part in columns]
        for row in range(max(len(cell) for cell in cells)):
            for k, cell in enumerate(cells):
                if row >= len(cell):
                    continue
                part = cell[row].strip()
                x = margin + k * (width - 2 * margin) // 2
                named = any(n and n in fold(part) for n in names)
                draw.text((x, y), part, font=bold if named else font, fill=(15, 15, 15))
                if named:
                    signed.append((x, y, int(draw.textlength(part, font=bold))))
            y += step
        if y > height - DPI // 2:
            break
    # Ink and stamps darken the paper and the print under them alike (multiplied in, not
    # painted over): letters under a signature stay as dark as the print around them.
    overlay = Image.new("RGB", page.size, (255, 255, 255))
    draw = ImageDraw.Draw(overlay)
    for x, top, wide in signed:
        ink = rng.choice(INKS)
        points = [
            (x + wide * t / 7 + rng.randint(-15, 15), top + rng.randint(-60, 40)) for t in range(8)
        ]
        draw.line(points, fill=ink, width=rng.randint(3, 5), joint="curve")
        if rng.random() < 0.6:
            colour = rng.choice(STAMPS)
            cx, cy, r = x + wide + rng.randint(-60, 40), top + step + rng.randint(-20, 30), 110
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=colour, width=4)
            draw.ellipse(
                (cx - r + 18, cy - r + 18, cx + r - 18, cy + r - 18), outline=colour, width=2
            )
            for dy, word in ((-30, "H. AYUNTAMIENTO"), (0, "CONSTITUCIONAL"), (30, "2024-2027")):
                draw.text((cx - 80, cy + dy - 10), word, font=small, fill=colour)
    page = ImageChops.multiply(page, overlay)
    pixels = page.load()
    assert pixels is not None
    for _ in range(int(width * height * 0.002)):
        pixels[rng.randrange(width), rng.randrange(height)] = (20, 20, 20)
    return page


def scored(gold: list[dict], pred: list[dict], folder: Path) -> list[str]:
    """score.py's table on these letters but institutions (their gold lists none)."""
    gold_file, pred_file = folder / "gold.jsonl", folder / "pred.jsonl"
    gold_file.write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    pred_file.write_text("".join(json.dumps(p) + "\n" for p in pred), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(SCORER), str(gold_file), str(pred_file)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    first = out[: next((i for i, line in enumerate(out[1:], 1) if line.startswith("==")), None)]
    return [line for line in first[1:] if line.split()[:1] != ["institutions"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=560)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--family", choices=FAMILIES)
    parser.add_argument("--show", type=int, default=0, help="print N letters that fail")
    parser.add_argument(
        "--scanned",
        action="store_true",
        help="render each letter as a signed, stamped 200-dpi scan (JPEG) and read it by OCR",
    )
    parser.add_argument("--keep", type=Path, help="a folder to keep the rendered scans in")
    args = parser.parse_args()

    from expediente.commands import extract_records

    made = letters(args.count, args.seed, args.family)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ink = random.Random(args.seed)
        for v in made:
            if args.scanned:
                render(v, ink).save(folder / f"{v.id}.jpg", quality=80, dpi=(DPI, DPI))
            else:
                (folder / f"{v.id}.txt").write_text(v.text, encoding="utf-8")
        records = {r["id"]: r for r in extract_records(sorted(folder.glob("V*.*")))}
        if args.keep:
            for image in folder.glob("V*.jpg"):
                image.replace(args.keep / image.name)
        by_family: dict[str, list[Letter]] = defaultdict(list)
        for v in made:
            by_family[v.family].append(v)
        for family, group in [("all", made), *by_family.items()]:
            print(f"== {family} ({len(group)} letters)")
            lines = scored([v.gold for v in group], [records[v.id] for v in group], folder)
            print("\n".join(lines))
    failing = [v for v in made if _fails(v.gold, records[v.id])]
    for v in failing[: args.show]:
        got = records[v.id]
        print(
            f"\n--- {v.id} {v.family}: signatories {[s['name'] for s in got['signatories']]}, "
            f"date {got['date']}, place {got['place']}\n{v.text}"
        )


def _fails(gold: dict, got: dict) -> bool:
    names = {fold(s["name"]) for s in gold["signatories"]}
    return names != {fold(s["name"]) for s in got["signatories"]} or (
        gold["date"],
        gold["place"],
    ) != (got["date"], got["place"])


if __name__ == "__main__":
    main()
