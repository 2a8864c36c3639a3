"""Defined terms of convenios and títulos: '… Secretaría de Educación Pública, en lo sucesivo
"LA SEP"' names a party by a quoted term from then on. A subject holding the term is that party."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from extractors.cues import words
from models.normalise import fold

QUOTE_OPEN = "\"“«'‘"
QUOTE_CLOSE = "\"”»'’"
# A quoted term in capitals with its article: "LA SEP", " EL ESTADO ", “LAS PARTES”.
TERM = re.compile(
    rf"[{QUOTE_OPEN}]\s*((?:EL|LA|LOS|LAS)\s+[A-ZÁÉÍÓÚÜÑ][^{QUOTE_OPEN}{QUOTE_CLOSE}\n]{{0,40}}?)"
    rf"\s*[{QUOTE_CLOSE}]"
)
DEFINED_WINDOW = 240  # how far before "en lo sucesivo" the defined party is looked for
TAIL = 40  # a term this close to the verb is its subject ("LA SEP", por su parte, transferirá)
# Where the words naming one party begin: after the previous party, or its "por conducto de".
PARTY_START = re.compile(
    r";|\bpor\s+(?:una|la\s+otra|otra)\s+parte\b|\bque\s+celebran\b|\bpor\s+conducto\s+de\b",
    re.IGNORECASE,
)
REPRESENTED = re.compile(r"\brepresentad[oa]s?\s+por\b", re.IGNORECASE)
COMPANY = re.compile(r"\bS\.\s?A\.|\bS\.\s?de\s?R\.\s?L\.", re.IGNORECASE)  # not an institution
# A term after a preposition or inside a relative clause is not the verb's subject.
NOT_SUBJECT_BEFORE = re.compile(r"\b(?:a|al|de|del|por|para|con|ante|entre|sin|y|e)\s*$", re.I)
NOT_SUBJECT_AFTER = re.compile(r"\b(?:que|quien|cual|cuales|cuyo|cuya)\b", re.IGNORECASE)


@cache
def definition_pattern() -> re.Pattern[str]:
    """The convention's formulas (data/commitment_term_formulas.csv) before a quoted term."""
    cues = sorted(words("commitment_term_formulas"), key=len, reverse=True)
    formulas = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cues)
    return re.compile(rf"(?<!\w)(?:{formulas})\s*,?\s*(?=[{QUOTE_OPEN}])", re.IGNORECASE)


def defined_terms(text: str, resolve: Callable[[str], str | None]) -> dict[str, str]:
    """Folded term -> the actor it stands for: the institution `resolve` finds in the words
    before the formula (since the previous definition), else the term as printed."""
    terms: dict[str, str] = {}
    previous = 0
    for formula in definition_pattern().finditer(text):
        term = TERM.match(text, formula.end())
        if term is None:
            continue
        printed = " ".join(term.group(1).split())
        before = max(previous, formula.start() - DEFINED_WINDOW)
        window = party_words(text[before : formula.start()])
        party = None if COMPANY.search(window) else resolve(window)
        terms.setdefault(fold(printed), party or printed)
        previous = term.end()
    return terms


def party_words(window: str) -> str:
    """The words naming the party just before a formula: after the previous party or "por
    conducto de", before "representada por"."""
    starts = list(PARTY_START.finditer(window))
    if starts:
        window = window[starts[-1].end() :]
    represented = REPRESENTED.search(window)
    return window[: represented.start()] if represented else window


def term_subject(subject: str, terms: dict[str, str]) -> str | None:
    """The party a subject phrase names by a quoted term near its end, if any: a defined
    term's actor, or an undefined capitalised term as printed ("LAS PARTES")."""
    found = None
    for term in TERM.finditer(subject):
        tail = subject[term.end() :]
        if len(tail) > TAIL or NOT_SUBJECT_AFTER.search(tail):
            continue
        if NOT_SUBJECT_BEFORE.search(subject, 0, term.start()):
            continue
        printed = " ".join(term.group(1).split())
        found = terms.get(fold(printed), printed)
    return found
