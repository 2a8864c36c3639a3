"""Whether a candidate name read by OCR is noise: too many of its words are neither Spanish
words (the tagger's vocabulary), head nouns, acronyms, catalogue words nor place names
("AYUNTAMIENTO DE TERMENATE", "Colegio de NS Civiles del Estado de Jafisco")."""

from __future__ import annotations

import re
from functools import cache

from extractors import catalog
from extractors.institution_mentions import heads
from extractors.nlp import vocabulary

MAX_GARBAGE = 1 / 3  # one unknown word among three is a locality ("Presidencia de Comunidad de X")
PREFIXES = ("sub", "inter", "vice", "co")  # "Subcomité", "Interinstitucional": the word after
MIN_WORD = 3  # shorter words that are no connector, initial or acronym are OCR fragments


@cache
def _known_words() -> frozenset[str]:
    """Folded words of catalogued names, head nouns, municipalities and states."""
    names = [f for e in catalog.entries() for f in (e.name, *e.aliases)]
    names += [r["head"] for r in heads()]
    names += [*catalog.municipalities(), *catalog.state_names()]
    return frozenset(w for n in names for w in catalog.simplify(n).split())


@cache
def _dictionary() -> frozenset[str]:
    """The model's shipped word forms and the catalogues' words, joined once."""
    return vocabulary() | _known_words()


def _dictionary_like(key: str) -> bool:
    known = _dictionary()
    if key in known:
        return True
    return any(key.startswith(p) and key[len(p) :] in known for p in PREFIXES)


def _is_garbage(token: str, acronyms: frozenset[str]) -> bool | None:
    """True for a noise word, False for a word, None for one that says nothing (a connector,
    numeral, code or initial: "NMX-R-025", "A. C.")."""
    key = catalog.simplify(token)
    if (
        not key
        or key in catalog.NAME_CONNECTORS
        or re.search(r"\d", token)
        or re.fullmatch(r"[IVXLC]+", token.strip(",.;:"))
        or token.strip(",;:").endswith(".")  # an initial or abbreviation: "A. C.", "Núm."
    ):
        return None
    if key in acronyms or key in catalog.by_acronym():
        return False
    if len(key) < MIN_WORD or " " in key:
        return True
    return not _dictionary_like(key)


def garbage_share(printed: str, acronyms: frozenset[str] = frozenset()) -> float:
    """The share of the words of `printed` that are OCR noise; `acronyms` (folded) are the
    document's own."""
    return _share([_is_garbage(t, acronyms) for t in printed.split()])


def _share(verdicts: list[bool | None]) -> float:
    counted = [v for v in verdicts if v is not None]
    return sum(counted) / len(counted) if counted else 0.0


def is_ocr_noise(printed: str, acronyms: frozenset[str] = frozenset()) -> bool:
    """Whether more than a third of the name's words are OCR noise, or one of them is a stray
    piece of one or two letters ("DIRECCIÓN DE OB INFRAESTRUCTURA", "COMITÉ O SUBCOMITÉ")."""
    verdicts = [(t, _is_garbage(t, acronyms)) for t in printed.split()]
    if any(v and len(catalog.simplify(t)) < MIN_WORD for t, v in verdicts):
        return True  # a stray piece
    return _share([v for _, v in verdicts]) > MAX_GARBAGE
