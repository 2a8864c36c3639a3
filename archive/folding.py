"""Folding names for comparison: case, accents, punctuation and leading honorifics ignored."""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz

DATA = Path(__file__).parent / "data"
_NON_WORD = re.compile(r"[^\w]+")
# A query word this close to a name word (rapidfuzz ratio) counts as the same word with a typo.
WORD_TYPO_RATIO = 80.0
MIN_TYPO_WORD = 4


@cache
def honorifics() -> frozenset[str]:
    """Folded honorifics from data/honorifics.csv ("lic", "mtra", "c" ...)."""
    with (DATA / "honorifics.csv").open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        return frozenset(row["honorific"].strip() for row in csv.DictReader(lines))


def fold(text: str | None) -> str:
    """Lower case, no accents, punctuation as single spaces ("Lic. José  PÉREZ," -> "lic jose
    perez"). None folds to ""."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(_NON_WORD.sub(" ", plain).replace("_", " ").split())


def fold_person(name: str | None) -> str:
    """A person's name folded, with leading honorifics dropped ("Mtra. Ana Ríos" -> "ana rios")."""
    words = fold(name).split()
    known = honorifics()
    while len(words) > 1 and words[0] in known:
        words = words[1:]
    return " ".join(words)


def _word_matches(query_word: str, name_words: list[str]) -> bool:
    for word in name_words:
        if word.startswith(query_word):
            return True
        if len(query_word) >= MIN_TYPO_WORD and fuzz.ratio(query_word, word) >= WORD_TYPO_RATIO:
            return True
    return False


def name_matches(query: str | None, name: str | None) -> bool:
    """Whether a search for `query` finds `name`: folded substring, or every query word starts
    a name word or is that word with a typo ("ortga vidal" finds "Lic. Ramiro Ortega Vidal")."""
    wanted, folded = fold_person(query), fold_person(name)
    if not wanted or not folded:
        return False
    if wanted in folded:
        return True
    name_words = folded.split()
    return all(_word_matches(word, name_words) for word in wanted.split())


def _word_agrees(short: str, long: str) -> bool:
    """One word of a shorter name against one of a longer: equal, an initial, or a typo."""
    if short == long:
        return True
    if len(short) == 1:
        return long.startswith(short)
    return (
        min(len(short), len(long)) >= MIN_TYPO_WORD and fuzz.ratio(short, long) >= WORD_TYPO_RATIO
    )


def _in_order(short: list[str], long: list[str]) -> bool:
    position = 0
    for word in short:
        while position < len(long) and not _word_agrees(word, long[position]):
            position += 1
        if position == len(long):
            return False
        position += 1
    return True


def compatible_names(a: str, b: str) -> bool:
    """Whether two folded person names could be one person written more or less fully: every
    word of the shorter agrees, in order, with a word of the longer (equal, an initial, or a
    typo), the first words agree, and at least two words are given with one written out
    ("j martinez vilchis" ~ "jose martinez vilchis", "romina contreras" ~ "romina contreras
    carrasco"). Evidence that they are the same person is the caller's business."""
    short, long = sorted((a.split(), b.split()), key=len)
    if len(short) < 2 or not any(len(w) > 1 for w in short):
        return False
    if not _word_agrees(short[0], long[0]):
        return False
    return _in_order(short, long)
