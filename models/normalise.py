"""How names are compared, the one definition extractors and archive share: folding (case,
accents, punctuation, spacing), the honorifics printed before a name (data/honorifics.csv), and
whether two names are one person's or body's (rapidfuzz), with the OCR tolerance as parameters."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from models.datafiles import csv_rows

DATA = Path(__file__).parent / "data"
# Words and names recur thousands of times in a gazette: folded once each (long texts are not kept).
SHORT_TEXT = 200
_NON_WORD = re.compile(r"[\W_]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")  # combining accents are never ASCII: only these runs
# Lower-case words inside a name that never tell two people apart ("José de la Cruz").
PARTICLES = frozenset({"de", "del", "la", "los", "las", "y", "mc", "von", "van"})
# A word this close to another (rapidfuzz ratio) is that word with a typo; shorter words never
# count as typos of each other ("h", "de", an initial).
TYPO_WORD_RATIO = 80.0
MIN_TYPO_WORD = 4
# Two names differing in a word this long differ unless it is a typo: initials ("h", "j") aside,
# short given names tell people apart ("Noé" is not "Ana").
MIN_TELLING_WORD = 2
# Two names this close (token_sort_ratio of their words) are one name with a typo...
SAME_NAME_RATIO = 92.0
# ... and these are one name OCR read twice: the whole a little looser, each word much looser
# ("Joei Ruiz" / "Joel Ruiz", "Ángel" / "Árigel"): what extractors pass within one document.
OCR_NAME_RATIO = 88.0
OCR_WORD_RATIO = 70.0
# One name re-read: as many words, three at least, half identical, the rest this alike.
MIN_REREAD_WORDS = 3  # two-word names differ too little to tell a misreading from a namesake
MIN_SLIP_RATIO = 60.0  # "HILDE" / "HHDE", "RIAS" / "AS": a word OCR slipped on, not another


def fold(text: str | None) -> str:
    """Lower case without accents, all else kept ("MÉXICO, Niño" -> "mexico, nino"); ñ and ü
    fold to n and u. None folds to ""."""
    if not text:
        return ""
    return _fold_short(text) if len(text) <= SHORT_TEXT else _fold(text)


@lru_cache(maxsize=1 << 16)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed.casefold()
    return _NON_ASCII.sub(_without_combining, decomposed).casefold()


def _without_combining(run: re.Match[str]) -> str:
    return "".join(ch for ch in run.group() if not unicodedata.combining(ch))


def fold_spaces(text: str | None) -> str:
    """Folded, every run of white space one space, none at the ends ("Se  compromete\\n a")."""
    return " ".join(fold(text).split())


def fold_words(text: str | None) -> str:
    """Folded words only: punctuation (and "_") as single spaces ("Lic. José  PÉREZ," -> "lic
    jose perez")."""
    if not text:
        return ""
    return _fold_words_short(text) if len(text) <= SHORT_TEXT else _fold_words(text)


@lru_cache(maxsize=1 << 16)
def _fold_words_short(text: str) -> str:
    return _fold_words(text)  # names are compared with every body found: folded once each


def _fold_words(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", fold(text)).split())


@cache
def data_rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of `data/<name>.csv` beside this module (header row; # lines are comments)."""
    return csv_rows(DATA / f"{name}.csv")


@cache
def honorifics() -> tuple[str, ...]:
    """The honorifics as printed ("Lic.", "C.P.", "M. en C."), in file order."""
    return tuple(r["honorific"] for r in data_rows("honorifics"))


@cache
def split_honorifics() -> tuple[str, ...]:
    """The honorifics extractors split off a printed name (not those read as a cargo there)."""
    return tuple(r["honorific"] for r in data_rows("honorifics") if r["split"] == "yes")


@cache
def role_honorifics() -> frozenset[str]:
    """Folded honorifics that state a role by themselves ("magdo.", "dip.")."""
    return frozenset(fold(r["honorific"]) for r in data_rows("honorifics") if r["role"] == "yes")


@cache
def _honorific_words() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Each honorific as folded words ("C.P." -> ("c", "p")), longest first, by first word."""
    forms = {tuple(fold_words(h).split()) for h in honorifics()}
    by_first: dict[str, tuple[tuple[str, ...], ...]] = {}
    for form in sorted((f for f in forms if f), key=lambda f: (-len(f), f)):
        by_first[form[0]] = (*by_first.get(form[0], ()), form)
    return by_first


def fold_person(name: str | None) -> str:
    """A person's name as folded words without the honorifics before it ("Mtra. Ana Ríos" ->
    "ana rios", "C. P. Ana Núñez" -> "ana nunez"); a name that is only honorifics keeps its last
    word."""
    if not name:
        return ""
    return _fold_person_short(name) if len(name) <= SHORT_TEXT else _fold_person(name)


@lru_cache(maxsize=1 << 14)
def _fold_person_short(name: str) -> str:
    return _fold_person(name)  # a document's names are compared pairwise: folded once each


def _fold_person(name: str) -> str:
    words = fold_words(name).split()
    stripped = True
    while stripped:
        stripped = False
        for form in _honorific_words().get(words[0], ()) if words else ():
            if len(words) > len(form) and tuple(words[: len(form)]) == form:
                words, stripped = words[len(form) :], True
                break
    return " ".join(words)


def name_words(name: str | None) -> list[str]:
    """The words two names are compared by: folded, honorifics and particles dropped."""
    return [w for w in fold_person(name).split() if w not in PARTICLES]


def _is_typo(a: str, b: str, word_ratio: float) -> bool:
    return fuzz.ratio(a, b) >= word_ratio


def _cut(a: str, b: str) -> bool:
    """One word is the other with its start or end cut off ("et" of "japhet", "dom")."""
    short, long = sorted((a, b), key=len)
    return len(short) >= 2 and (long.startswith(short) or long.endswith(short))


def _differing_words_are_typos(
    a: list[str], b: list[str], word_ratio: float, cut_words: bool
) -> bool:
    """Words only one name has (initials aside) are each a typo of a word the other has
    ("Sonora" is no "Sinaloa"), or with `cut_words` one of them cut short; numbers never
    differ ("Distrito 12" is not "Distrito 13")."""
    only_a, only_b = set(a) - set(b), set(b) - set(a)
    if any(ch.isdigit() for word in only_a | only_b for ch in word):
        return False
    long_a = {w for w in only_a if len(w) >= MIN_TELLING_WORD}
    long_b = {w for w in only_b if len(w) >= MIN_TELLING_WORD}

    def agrees(word: str, others: set[str]) -> bool:
        return any(_is_typo(word, o, word_ratio) or (cut_words and _cut(word, o)) for o in others)

    pool_a, pool_b = (only_a, only_b) if cut_words else (long_a, long_b)
    return all(agrees(x, pool_b) for x in long_a) and all(agrees(y, pool_a) for y in long_b)


def _contained(a: list[str], b: list[str]) -> bool:
    """One name's words, initials aside, all among the other's, two words at least."""
    wa, wb = {w for w in a if len(w) > 1}, {w for w in b if len(w) > 1}
    return min(len(wa), len(wb)) >= 2 and (wa <= wb or wb <= wa)


def _reread(a: list[str], b: list[str]) -> bool:
    """One printed name OCR read twice: as many words (three at least), half of them identical,
    the others close letter for letter."""
    if len(a) != len(b) or len(a) < MIN_REREAD_WORDS:
        return False
    ratios = [fuzz.ratio(x, y) for x, y in zip(a, b, strict=True)]
    alike = sum(r == 100.0 for r in ratios)
    return 2 * alike >= len(a) and min(ratios) >= MIN_SLIP_RATIO


def same_name(
    a: str | None,
    b: str | None,
    *,
    min_ratio: float = SAME_NAME_RATIO,
    word_ratio: float = TYPO_WORD_RATIO,
    contained: bool = False,
    reread: bool = False,
    cut_words: bool = False,
) -> bool:
    """Whether two names (printed or folded) are one: their words (folded, honorifics and
    particles dropped) equal in any order, or rapidfuzz token_sort_ratio >= `min_ratio` with
    every word only one has a typo (>= `word_ratio`) of one the other has and no number changed.
    `contained`: one name's words (two at least, initials aside) all in the other's also count
    ("Ana Ruiz" / "Ana Ruiz Paz"). `reread`: so does one name OCR read twice with slips in up
    to half its words ("HILDE RIAS PONCE" / "HHDE AS PONCE"). `cut_words`: a word may be
    another cut short ("ET VILLEGAS" / "JAPHET VILLEGAS"). The archive's resolver uses the
    defaults; extractors pass OCR_NAME_RATIO, OCR_WORD_RATIO and cut_words for one document's
    OCR slips."""
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb:
        return False
    if sorted(wa) == sorted(wb):
        return True
    if contained and _contained(wa, wb):
        return True
    if reread and _reread(wa, wb):
        return True
    close = fuzz.token_sort_ratio(" ".join(wa), " ".join(wb)) >= min_ratio
    return close and _differing_words_are_typos(wa, wb, word_ratio, cut_words)


def _word_agrees(short: str, long: str) -> bool:
    """One word of a shorter name against one of a longer: equal, an initial, or a typo."""
    if short == long:
        return True
    if len(short) == 1:
        return long.startswith(short)
    return min(len(short), len(long)) >= MIN_TYPO_WORD and _is_typo(short, long, TYPO_WORD_RATIO)


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
