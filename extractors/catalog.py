"""The institution catalogues (data/institutions.jsonl, data/municipalities.csv) and their
lookups: by acronym, by exact name or alias, by fuzzy name (rapidfuzz), by municipality."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz import fuzz, process

from extractors.cues import records, rows
from models.normalise import fold_spaces, fold_words

FUZZY_CUTOFF = 92.0  # folded-name similarity needed to take a catalogue entry's long form


@dataclass(frozen=True)
class Entry:
    """One catalogued body: `name` is the official long form."""

    id: str
    name: str
    acronym: str | None
    aliases: tuple[str, ...]
    kind: str


simplify = fold_words  # folded, punctuation-free, single-spaced: how catalogued names compare


@cache
def entries() -> tuple[Entry, ...]:
    """Every catalogue entry, in file order."""
    return tuple(
        Entry(r["id"], r["name"], r.get("acronym") or None, tuple(r.get("aliases", ())), r["kind"])
        for r in records("institutions")
    )


def _looks_like_acronym(text: str) -> bool:
    return " " not in text.strip() and sum(ch.isupper() for ch in text) >= 2


@cache
def by_acronym() -> dict[str, Entry]:
    """Folded acronym (and acronym-like aliases) -> entry; the first entry wins."""
    index: dict[str, Entry] = {}
    for entry in entries():
        forms = [entry.acronym] if entry.acronym else []
        forms += [a for a in entry.aliases if _looks_like_acronym(a)]
        for form in forms:
            index.setdefault(simplify(form), entry)
    return index


@cache
def by_name() -> dict[str, Entry]:
    """Simplified long name and aliases -> entry."""
    index: dict[str, Entry] = {}
    for entry in entries():
        for form in (entry.name, *entry.aliases):
            if not _looks_like_acronym(form):
                index.setdefault(simplify(form), entry)
    return index


@cache
def _name_choices() -> tuple[str, ...]:
    return tuple(by_name())


@lru_cache(maxsize=1 << 14)  # a document's bodies are looked up again and again, fuzzily
def lookup(printed: str) -> Entry | None:
    """The catalogue entry a printed name or acronym refers to, or None."""
    key = simplify(printed)
    if not key:
        return None
    if " " not in key and key in by_acronym():
        return by_acronym()[key]
    if key in by_name():
        return by_name()[key]
    if len(key) < 12:  # short names match too many long ones fuzzily
        return None
    best = process.extractOne(key, _name_choices(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return by_name()[best[0]] if best else None


MUNICIPALITY_IDS = "inegi:"  # the catalog_id prefix of a municipality's body: "inegi:" + its cve


@dataclass(frozen=True)
class Municipality:
    cve: str
    entity: str
    name: str
    institution: str  # "Ayuntamiento de X" or, in Mexico City, "Alcaldía X"

    @property
    def catalog_id(self) -> str:
        return MUNICIPALITY_IDS + self.cve


@cache
def municipalities() -> dict[str, tuple[Municipality, ...]]:
    """Simplified municipality name -> the municipalities of that name (several states)."""
    index: dict[str, list[Municipality]] = {}
    for r in rows("municipalities"):
        m = Municipality(r["cve"], r["entity"], r["municipality"], r["institution"])
        index.setdefault(simplify(m.name), []).append(m)
    return {k: tuple(v) for k, v in index.items()}


@cache
def state_names() -> frozenset[str]:
    """Simplified names of the 32 entities: INEGI's and the usual ones of data/state_aliases.csv
    (abbreviations with dots apart: see state_abbreviations)."""
    names = {simplify(r["entity"]) for r in rows("municipalities")}
    usual = {simplify(r["alias"]) for r in rows("state_aliases") if "." not in r["alias"]}
    return frozenset(names | usual)


@cache
def state_abbreviations() -> frozenset[str]:
    """Folded dotted abbreviations of the 32 entities ("mich.", "q. roo"): only with their dots,
    since "Sin", "Son" or "Ver" without them are words."""
    return frozenset(fold_spaces(r["alias"]) for r in rows("state_aliases") if "." in r["alias"])


def municipality(name: str, capital: bool = False) -> Municipality | None:
    """The municipality called `name` (Mexico City's alcaldía when `capital`), or None."""
    found = municipalities().get(simplify(name), ())
    if capital:
        found = tuple(m for m in found if m.cve.startswith("09")) or found
    return found[0] if found else None


def is_place(text: str) -> bool:
    """Whether `text` names a state or municipality ("Yucatán", "Estado de Coahuila", "Torreón")."""
    if fold_spaces(text) in state_abbreviations():
        return True
    key = simplify(text)
    key = re.sub(
        r"^(?:del |de )?(?:la |los )?(?:estado (?:libre y soberano )?de |ciudad de )?", "", key
    )
    return bool(key) and (key in state_names() or key in municipalities())


NAME_CONNECTORS = frozenset(
    {"de", "del", "la", "las", "los", "el", "y", "e", "para", "en", "a", "al", "por", "h"}
)
MAX_LETTERS_PER_WORD = 4  # "IMPLAN": Instituto Municipal de PLANeación


def acronym_skips(acronym: str, name: str) -> int | None:
    """How many content words of `name` an acronym leaves out when its letters are read as
    word starts in order ("SEAY" ~ "Sistema Estatal Anticorrupción de Yucatán": 0); None when
    the letters cannot be read that way or the first word gives none."""
    letters = simplify(acronym).replace(" ", "")
    content = [w for w in simplify(name).split() if w not in NAME_CONNECTORS]
    if len(letters) < 2 or not content or not content[0].startswith(letters[0]):
        return None

    @cache
    def fit(i: int, j: int) -> int | None:
        if j == len(letters):
            return len(content) - i
        if i == len(content):
            return None
        options = []
        word = content[i]
        for n in range(1, min(MAX_LETTERS_PER_WORD, len(word), len(letters) - j) + 1):
            if word[:n] != letters[j : j + n]:
                break
            rest = fit(i + 1, j + n)
            if rest is not None:
                options.append(rest)
        if i > 0:
            rest = fit(i + 1, j)
            if rest is not None:
                options.append(rest + 1)
        return min(options) if options else None

    return fit(0, 0)
