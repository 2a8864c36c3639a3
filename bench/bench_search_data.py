"""Documents for bench_search.py: bulk press-release texts with invented signatories, dates and
institutions, as DocumentText and Extraction records ready for store_document."""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from models import Dateline, DocumentText, Extraction, KindGuess, Signatory, Title

# Common Spanish given names and surnames: a generated pool, nobody in particular.
GIVEN = (
    "Ana",
    "Luis",
    "María",
    "José",
    "Carmen",
    "Jorge",
    "Patricia",
    "Miguel",
    "Laura",
    "Ricardo",
    "Verónica",
    "Alejandro",
    "Gabriela",
    "Fernando",
    "Adriana",
    "Raúl",
    "Claudia",
    "Sergio",
    "Mónica",
    "Héctor",
    "Leticia",
    "Arturo",
    "Silvia",
    "Óscar",
    "Beatriz",
    "Roberto",
    "Elena",
    "Ramón",
    "Irene",
    "Julián",
)
SURNAMES = (
    "García",
    "Hernández",
    "López",
    "Martínez",
    "González",
    "Pérez",
    "Rodríguez",
    "Sánchez",
    "Ramírez",
    "Cruz",
    "Flores",
    "Gómez",
    "Morales",
    "Vázquez",
    "Jiménez",
    "Reyes",
    "Díaz",
    "Torres",
    "Gutiérrez",
    "Ruiz",
    "Mendoza",
    "Aguilar",
    "Ortiz",
    "Castillo",
    "Moreno",
    "Romero",
    "Álvarez",
    "Chávez",
    "Rivera",
    "Juárez",
    "Domínguez",
    "Medina",
    "Castro",
    "Vargas",
    "Herrera",
    "Núñez",
    "Ríos",
    "Salazar",
    "Zúñiga",
    "Ibarra",
)
HONORIFICS = ("Lic.", "Mtra.", "Mtro.", "Dr.", "Dra.", "Ing.", "C.", "Arq.")
OFFICES = (
    ("Presidencia Municipal", "Ayuntamiento de San Andrés Tlalnelhuayocan"),
    ("Secretaría de Educación", "Secretaría de Educación Pública"),
    ("Dirección General", "Instituto Nacional de Estadística y Geografía"),
    ("Comisionada Presidenta", "Instituto Nacional de Transparencia"),
    ("Titular de la Unidad de Transparencia", "Comisión Federal de Electricidad"),
    ("Secretario de Salud", "Secretaría de Salud"),
    ("Rector", "Universidad Autónoma de Yucatán"),
    ("Directora de Comunicación Social", "Congreso del Estado de Jalisco"),
)
PLACES = ("Ciudad de México", "Mérida, Yucatán", "Guadalajara, Jalisco", "Toluca, Estado de México")
POOL = 3_000


@dataclass(frozen=True)
class BulkDoc:
    """One document for store_document."""

    sha256: str
    path: Path
    document: DocumentText
    extraction: Extraction


def read_bulk(folder: Path) -> list[str]:
    """The `text` of every record in folder/*.jsonl (the bulk press releases)."""
    texts: list[str] = []
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            texts.extend(json.loads(line)["text"] for line in fh if line.strip())
    return [t for t in texts if t.strip()]


def name_pool(rng: random.Random, size: int = POOL) -> list[str]:
    """`size` distinct invented names: a given name (sometimes two) and two surnames."""
    names: set[str] = set()
    while len(names) < size:
        given = rng.sample(GIVEN, rng.choice((1, 1, 2)))
        names.add(" ".join([*given, *rng.sample(SURNAMES, 2)]))
    return sorted(names)


def _headline(text: str) -> str:
    for line in text.splitlines():
        words = [w for w in line.split() if w.isalpha()]
        if len(words) >= 4:
            return " ".join(line.split())[:160]
    return " ".join(text.split()[:12])


def _signatory(rng: random.Random, name: str) -> Signatory:
    title, institution = rng.choice(OFFICES)
    honorific = rng.choice(HONORIFICS)
    return Signatory(name, title=title, institution=institution, honorific=honorific)


def base_documents(
    texts: list[str], pool: list[str], count: int, rng: random.Random
) -> list[BulkDoc]:
    """`count` documents: bulk texts in turn, each dated, titled and signed by one or two
    names of the pool (the signature block appended to the text)."""
    docs = []
    for number in range(count):
        signers = [_signatory(rng, name) for name in rng.sample(pool, rng.choice((1, 1, 1, 2)))]
        block = "\n".join(f"{s.honorific} {s.name}\n{s.title}" for s in signers)
        text = f"{texts[number % len(texts)].strip()}\n\nA T E N T A M E N T E\n\n{block}"
        day = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
        extraction = Extraction(
            kind=KindGuess("press_release", "bench"),
            dateline=Dateline(date=day, place=rng.choice(PLACES)),
            title=Title(_headline(text)),
            signatories=tuple(signers),
            versions=("bench.v1",),
        )
        sha = hashlib.sha256(f"bench-base-{number}\0{text}".encode()).hexdigest()
        path = Path(f"/bench/base-{number:06d}.txt")
        docs.append(BulkDoc(sha, path, DocumentText.from_text(text), extraction))
    return docs
