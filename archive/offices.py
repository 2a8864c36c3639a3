"""Who acts in a public office, for redaction: a person is a public official only when a title
they are printed with names a public office (data/redact_public_offices.csv); an address, a
relation, "ciudadano" or no title at all make no one an official. When unsure: private."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from models.datafiles import csv_rows
from models.normalise import fold_words

DATA = Path(__file__).parent / "data"


def data_rows(name: str) -> list[dict[str, str]]:
    """The rows of archive/data/`name` (a CSV with a header; lines starting with # are notes)."""
    return list(csv_rows(DATA / name))


def _column(name: str, column: str) -> list[dict[str, str]]:
    return [row for row in data_rows(name) if row[column]]


@cache
def _leading_words() -> tuple[str, ...]:
    """Words a title may open with before its office ("la", "nueva"), each with its space."""
    return tuple(fold_words(r["word"]) + " " for r in _column("redact_title_leading.csv", "word"))


@cache
def public_offices() -> tuple[tuple[str, bool], ...]:
    """(folded office, whether it needs a public body named), longest first."""
    rows = _column("redact_public_offices.csv", "office")
    offices = [(fold_words(r["office"]), r["body"].strip() == "yes") for r in rows]
    return tuple(sorted(offices, key=lambda o: len(o[0]), reverse=True))


@cache
def public_bodies() -> frozenset[str]:
    return frozenset(fold_words(r["word"]) for r in _column("redact_public_bodies.csv", "word"))


@cache
def private_qualifiers() -> tuple[str, ...]:
    return tuple(
        fold_words(r["qualifier"]) for r in _column("redact_private_qualifiers.csv", "qualifier")
    )


def _names_public_body(*texts: str | None) -> bool:
    return any(set(fold_words(t).split()) & public_bodies() for t in texts if t)


def holds_public_office(title: str | None, institution: str | None = None) -> bool:
    """Whether `title` names a public office: it starts with a listed office and has no private
    qualifier ("legal", "vecinal"); offices that exist outside government too ("presidente",
    "representante") count only when the title or `institution` names a public body."""
    folded = fold_words(title)
    while folded.startswith(_leading_words()):
        folded = folded.split(" ", 1)[1] if " " in folded else ""
    if not folded:
        return False
    padded = f" {folded} "
    if any(f" {q} " in padded for q in private_qualifiers()):
        return False
    for office, needs_body in public_offices():
        if folded == office or folded.startswith(office + " "):
            return not needs_body or _names_public_body(folded, institution)
    return False
