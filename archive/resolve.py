"""One canonical row per person and per institution, however each document writes the name.

Deliberately simple: exact folded name, equal acronym, or rapidfuzz token_sort_ratio >= 92 on
folded names. Deeper entity resolution comes later."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import sqlite_utils
from rapidfuzz import fuzz, process

from archive.folding import fold, fold_person

SAME_NAME_RATIO = 92.0
# Words only one name has must each be a typo of a word the other has ("Sonora" is no "Sinaloa").
SAME_WORD_RATIO = 80.0
SHORT_WORD = 3  # "h", "de", "del": words this short never tell two bodies apart


def canonical_id(entity: str, folded: str) -> str:
    """A deterministic id for a canonical row: sha256 of the entity kind and folded name."""
    return hashlib.sha256(f"{entity}\0{folded}".encode()).hexdigest()[:16]


def _differing_words_are_typos(a: str, b: str) -> bool:
    only_a = set(a.split()) - set(b.split())
    only_b = set(b.split()) - set(a.split())
    if any(ch.isdigit() for word in only_a | only_b for ch in word):
        return False  # "Distrito 12" is not "Distrito 13"
    only_a = {w for w in only_a if len(w) > SHORT_WORD}
    only_b = {w for w in only_b if len(w) > SHORT_WORD}
    return all(any(fuzz.ratio(x, y) >= SAME_WORD_RATIO for y in only_b) for x in only_a) and all(
        any(fuzz.ratio(y, x) >= SAME_WORD_RATIO for x in only_a) for y in only_b
    )


def same_name(a: str, b: str) -> bool:
    """Whether two folded names are one: token_sort_ratio >= 92 and no word swapped for another."""
    if a == b:
        return True
    return fuzz.token_sort_ratio(a, b) >= SAME_NAME_RATIO and _differing_words_are_typos(a, b)


@dataclass
class _Canonical:
    id: str
    folded: str
    acronym: str = ""


class _Pool:
    """Canonical rows of one table in memory: by folded name, by acronym, and for fuzzy search."""

    def __init__(self, rows: list[_Canonical]) -> None:
        self.rows: list[_Canonical] = []
        self.choices: list[str] = []
        self.by_folded: dict[str, _Canonical] = {}
        self.by_acronym: dict[str, _Canonical] = {}
        for row in rows:
            self.add(row)

    def add(self, row: _Canonical) -> None:
        self.rows.append(row)
        self.choices.append(row.folded)
        self.by_folded.setdefault(row.folded, row)
        if row.acronym:
            self.by_acronym.setdefault(row.acronym, row)

    def closest(self, folded: str, acronym: str = "") -> _Canonical | None:
        """The most alike row with the same name as `folded` and no clashing acronym."""
        exact = self.by_folded.get(folded)
        if exact and not (acronym and exact.acronym and exact.acronym != acronym):
            return exact
        scored = process.extract(
            folded,
            self.choices,
            scorer=fuzz.token_sort_ratio,
            score_cutoff=SAME_NAME_RATIO,
            limit=None,
        )
        for _, _, index in scored:
            row = self.rows[index]
            # Two different acronyms are two institutions, however alike their names.
            if acronym and row.acronym and row.acronym != acronym:
                continue
            if same_name(folded, row.folded):
                return row
        return None


class Resolver:
    """Finds or creates canonical people and institutions in an open archive; call it inside the
    transaction that stores a document. Rows it creates are cached for the rest of its life."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        people = db.execute("select id, folded from people").fetchall()
        self._people = _Pool([_Canonical(i, f) for i, f in people])
        institutions = db.execute("select id, folded, acronym from institutions").fetchall()
        self._institutions = _Pool([_Canonical(i, f, fold(a)) for i, f, a in institutions])

    def person(self, name: str | None) -> str | None:
        """The canonical person id for `name` (created if new); None for a blank name."""
        folded = fold_person(name)
        if not folded or name is None:
            return None
        known = self._people.closest(folded)
        if known:
            return known.id
        row = _Canonical(canonical_id("person", folded), folded)
        self.db.table("people").insert(
            {"id": row.id, "name": name.strip(), "folded": folded}, ignore=True
        )
        self._people.add(row)
        return row.id

    def _find_institution(self, folded: str, acronym: str) -> _Canonical | None:
        pool = self._institutions
        if acronym and acronym in pool.by_acronym:
            return pool.by_acronym[acronym]
        if folded in pool.by_acronym:  # the name printed is a known acronym
            return pool.by_acronym[folded]
        return pool.closest(folded, acronym)

    def institution(
        self, name: str | None, acronym: str | None = None, *, create: bool = True
    ) -> str | None:
        """The canonical institution id for `name`/`acronym`, created when new and `create`;
        None for a blank name or, with create=False, an unknown one."""
        folded, folded_acronym = fold(name), fold(acronym)
        if not folded or name is None:
            return None
        found = self._find_institution(folded, folded_acronym)
        if found and folded_acronym and not found.acronym:
            # The canonical row learns the acronym a later document prints.
            found.acronym = folded_acronym
            self._institutions.by_acronym.setdefault(folded_acronym, found)
            self.db.table("institutions").update(found.id, {"acronym": acronym})
        if found or not create:
            return found.id if found else None
        row = _Canonical(canonical_id("institution", folded), folded, folded_acronym)
        self.db.table("institutions").insert(
            {"id": row.id, "name": name.strip(), "acronym": acronym, "folded": folded},
            ignore=True,
        )
        self._institutions.add(row)
        return row.id
