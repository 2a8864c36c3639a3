"""Whether a candidate reads as the name of a body: where a head-noun match ran on into a
clause, a table column, an amount in words or a person's title, and whether what is left ends
in an OCR fragment rather than a word."""

from __future__ import annotations

import re
from functools import cache

from rapidfuzz import fuzz

from extractors import catalog
from extractors.cues import rows, words

AMOUNT_ENDS = frozenset({"mil", "millon", "millones", "pesos", "centavos"})
NOT_AMOUNT = frozenset({"primero", "primer", "uno", "un", "una"})  # ordinals and articles
MIN_FRAGMENT = 3  # a last word shorter than this, not an acronym, is a cut-off piece
LEGAL_FORMS = frozenset({"ac", "ap", "sc", "iap"})  # asociación civil, de asistencia privada...


@cache
def _breaks() -> frozenset[str]:
    listed = {catalog.simplify(w) for w in words("institution_breaks")}
    days = {catalog.simplify(w) for w in words("dateline_weekdays")}
    return frozenset(listed | days)  # not months: "Escuela Cinco de Mayo"


@cache
def _number_words() -> frozenset[str]:
    return frozenset(catalog.simplify(w) for w in words("numbers_es")) - NOT_AMOUNT


@cache
def _person_titles() -> frozenset[str]:
    """First words of the cargos (both genders) as printed, not folded: "Secretario" is a
    person's title, "Secretaría" a body's head."""
    out: set[str] = set()
    for r in rows("cargos"):
        for form in (r["masculine"], r["feminine"]):
            out.add(form.split()[0].casefold())
    return frozenset(out)


def trim(printed: str) -> str:
    """`printed` up to the first word that cannot be inside a body's name (a clause word, a
    weekday or month, an amount in words, "y" opening a person's title: "... y Secretario
    Ejecutivo del ..."), without the connectors and the OCR fragment that would then close it.
    The head noun itself is never cut."""
    cut = _cut(printed)
    while True:
        tokens = cut.split()
        if len(tokens) < 2 or not (_is_fragment(tokens[-1]) or tokens[-1].casefold() in TAIL):
            return cut
        cut = cut[: cut.rstrip().rindex(tokens[-1])].rstrip(" ,;:")


TAIL = frozenset({*catalog.NAME_CONNECTORS, "con", "honorable", "h."})


def _cut(printed: str) -> str:
    tokens = list(re.finditer(r"\S+", printed))
    for i, tok in enumerate(tokens[1:], start=1):
        key = catalog.simplify(tok.group().strip(",.;:()"))
        if key in _breaks():
            return printed[: tok.start()].rstrip(" ,;:")
        if key in AMOUNT_ENDS and i > 1:
            first = i
            while first > 1 and catalog.simplify(tokens[first - 1].group()) in (
                _number_words() | {"y"}
            ):
                first -= 1
            return printed[: tokens[first].start()].rstrip(" ,;:")
        if key == "y" and i + 1 < len(tokens):
            after = tokens[i + 1].group()
            if after[:1].isupper() and after.casefold() in _person_titles():
                return printed[: tok.start()].rstrip(" ,;:")
    return printed


def _is_fragment(word: str) -> bool:
    """A piece of a word cut by OCR or a line end ("AYUNTAMIENTO DE ME", "Universidad No"):
    two letters, or one lower-case letter, that are no connector, numeral or acronym (a single
    capital is an initial: "UA de C")."""
    key = catalog.simplify(word)
    if (
        not key.isalpha()
        or len(key) >= MIN_FRAGMENT
        or key in catalog.NAME_CONNECTORS | LEGAL_FORMS
    ):
        return False
    if len(key) == 1 and word.isupper():
        return False
    return not (re.fullmatch(r"[IVXLC]+", word) or key in catalog.by_acronym())


OCR_WORD_SIMILARITY = 75  # one misread word ("Coleglada") still reads as the word it was
OCR_NAME_SIMILARITY = 90  # folded names this close are one name read twice
MIN_TRUNCATED = 12  # characters a cut-off name needs before it is taken as another's start


def same_name_misread(a: str, b: str) -> bool:
    """Whether two simplified names are one printed name read differently by OCR: the same head
    word, the same number of words, every differing word close to its counterpart, and the whole
    close; or one is the other cut off inside its last word ("gobierno municipa")."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    numeral = re.fullmatch(r"[ivxlc]+", short.split()[-1]) if short else None  # LXI vs LXII
    cut_off = long_.startswith(short) and long_[len(short)] != " " and not numeral
    if len(short) >= MIN_TRUNCATED and cut_off:
        return True
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or wa[0] != wb[0] or fuzz.ratio(a, b) < OCR_NAME_SIMILARITY:
        return False
    return all(x == y or _misread(x, y) for x, y in zip(wa, wb, strict=True))


def _misread(x: str, y: str) -> bool:
    """One word read as another close to it; numerals differ by a letter and stay apart."""
    numerals = re.fullmatch(r"[ivxlc]+", x) or re.fullmatch(r"[ivxlc]+", y)
    return not numerals and fuzz.ratio(x, y) >= OCR_WORD_SIMILARITY


@cache
def _system_bodies() -> frozenset[str]:
    return frozenset(catalog.simplify(w) for w in words("institution_system_bodies"))


def is_platform_system(name: str) -> bool:
    """Whether a name headed "Sistema" names a platform, register or concept ("Sistema Integral
    de Quejas", "Sistema de Recursos Federales Transferidos"), not a body ("Sistema Estatal
    Anticorrupción", "Sistema DIF Tepic", "Sistema de Agua Potable de X")."""
    key = catalog.simplify(re.sub(r"^(?:H\.|Honorable)\s+", "", name)).split()
    if len(key) < 2 or key[0] != "sistema":
        return False
    return key[1] not in _system_bodies() and "agua" not in key


def opens_with_person_title(name: str) -> bool:
    """Whether the name opens with a person's title printed as such ("Coordinadora de la
    Comisión", "Coordinadora Ana Ruiz"): a head noun that is also a cargo of data/cargos.csv
    names the office holder, not the body (a catalogued body such as the CNTE is found first)."""
    words = re.sub(r"^(?:H\.|Honorable)\s+", "", name).split()
    return bool(words) and words[0].casefold() in _person_titles()


@cache
def _descriptors() -> frozenset[str]:
    return frozenset(catalog.simplify(w) for w in words("institution_descriptors"))


def is_generic_descriptor(name: str) -> bool:
    """Whether a name only describes a kind of body ("Organismo Público Descentralizado",
    "Administración Municipal", "Gobierno Municipal" with no place): every word is a descriptor
    of data/institution_descriptors.csv or a connector."""
    content = [w for w in catalog.simplify(name).split() if w not in catalog.NAME_CONNECTORS]
    return bool(content) and all(w in _descriptors() for w in content)
