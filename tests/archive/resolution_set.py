"""A synthetic set of documents whose names are written many ways (honorifics, case, accents,
typos, initials, short forms, shared surnames, acronyms), and what resolution made of them:
the canonical rows, aliases and every link, as one comparable snapshot."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import sqlite_utils

from models import (
    Commitment,
    Dateline,
    DocumentText,
    Extraction,
    Institution,
    KindGuess,
    Person,
    Signatory,
)

GIVEN = ("Joaquín", "Elisa", "Romina", "José Luis", "Ana María", "Héctor", "Irene", "Raúl")
SURNAMES = ("Salgado", "Téllez", "Duarte", "Piña", "Contreras", "Vilchis", "Martínez", "Ríos")
HONORIFICS = ("", "", "Lic. ", "Mtra. ", "C. P. ", "Dr. ", "Ing. ")
CARGOS = ("Director General", "Secretario Técnico", "Jefa de Departamento", "", "")
BODIES = (
    ("Secretaría de Cultura", "SC"),
    ("Secretaría de Educación Pública", "SEP"),
    ("Instituto Nacional de Transparencia", "INAI"),
    ("Comisión Federal de Electricidad", "CFE"),
    ("Secretaría de Salud", None),
    ("Universidad Autónoma de Yucatán", "UADY"),
)
DOCUMENTS = 160


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _written(full: str, rng: random.Random) -> str:
    """One way a document prints a person's name."""
    words = full.split()
    way = rng.randrange(7)
    if way == 0:
        words = [words[0], words[-2]]  # a short form
    elif way == 1:
        words = [words[0][0] + ".", *words[-2:]]  # an initial
    elif way == 2:
        words = [_typo(w, rng) if i == len(words) - 1 else w for i, w in enumerate(words)]
    elif way == 3:
        words = [w.upper() for w in words]
    elif way == 4:
        words = [w.replace("í", "i").replace("é", "e").replace("ñ", "n") for w in words]
    return rng.choice(HONORIFICS) + " ".join(words)


def _body(rng: random.Random) -> tuple[str, str | None]:
    name, acronym = rng.choice(BODIES)
    way = rng.randrange(5)
    if way == 0:
        return name.upper(), acronym
    if way == 1 and acronym:
        return acronym, None  # the acronym alone
    if way == 2:
        return _typo(name, rng), None
    return name, acronym if rng.random() < 0.6 else None


def documents(seed: int = 10, count: int = DOCUMENTS) -> list[tuple[str, DocumentText, Extraction]]:
    """`count` (sha256, text, extraction) triples, the same for the same seed."""
    rng = random.Random(seed)
    people = sorted(
        {f"{g} {s1} {s2}" for g in GIVEN for s1 in SURNAMES for s2 in SURNAMES if s1 != s2}
    )
    cast = rng.sample(people, 40)
    out = []
    for n in range(count):
        signer, named = rng.sample(cast[: 10 + n // 4], 2)
        body, acronym = _body(rng)
        other, other_acronym = _body(rng)
        signatory = Signatory(
            _written(signer, rng), cargo=rng.choice(CARGOS) or None, institution=body
        )
        person = Person(_written(named, rng), role="addressee", institution=other)
        extraction = Extraction(
            kind=KindGuess("letter", "test"),
            dateline=Dateline(dt.date(2024, 1 + n % 12, 1 + n % 28), None),
            signatories=(signatory,),
            people=(person,),
            institutions=(Institution(body, acronym=acronym), Institution(other, other_acronym)),
            commitments=(Commitment(rng.choice((body, other, "La dependencia")), "instalará"),),
        )
        text = f"Oficio {n}. {signatory.name}. {person.name}. {body}. {other}."
        out.append((f"{n:064x}", DocumentText.from_text(text), extraction))
    return out


def path_of(sha256: str) -> Path:
    return Path(f"/inbox/{int(sha256, 16)}.txt")


def snapshot(db: sqlite_utils.Database) -> dict[str, Any]:
    """What resolution decided: canonical rows, aliases and links, in a stable order."""
    queries = {
        "people": "select id, name, folded from people order by id",
        "institutions": "select id, name, acronym, folded from institutions order by id",
        "aliases": "select kind, entity_id, printed, folded, pinned from aliases "
        "order by kind, entity_id, printed",
        "signatories": "select document_id, position, person_id, institution_id "
        "from signatories order by document_id, position",
        "document_people": "select document_id, position, person_id, institution_id "
        "from document_people order by document_id, position",
        "document_institutions": "select document_id, position, institution_id "
        "from document_institutions order by document_id, position",
        "commitments": "select document_id, actor_institution_id from commitments "
        "order by document_id, id",
    }
    return {name: [list(r) for r in db.execute(sql).fetchall()] for name, sql in queries.items()}
