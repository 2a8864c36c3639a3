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
