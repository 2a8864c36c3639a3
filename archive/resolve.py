"""One canonical row per person and per institution, however each document writes the name.

Every printed form is kept as an alias of its canonical row. A name joins a canonical row when
an alias folds the same (archivists' pinned aliases first), when it is a typo of it, or when it
is the same name written more or less fully ("J. Martínez Vilchis", "Romina Contreras") AND the
two share evidence: the same institution or the same normalised cargo. Archivists' merges are
followed (see archive/people.py), so re-storing a document keeps their decisions."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import sqlite_utils
from rapidfuzz import fuzz, process

from models.normalise import SAME_NAME_RATIO, compatible_names, fold_person, fold_words, same_name

# A typo-level match of this many words needs no further evidence (two words do).
TYPO_ALONE_WORDS = 3
CANDIDATE_WORD = 3  # words shorter than this ("de", initials) never make a name a candidate
MAX_CANDIDATES = 30

__all__ = ["Resolver", "canonical_id", "split_id"]


@dataclass
class Canonical:
    id: str
    folded: str
    acronym: str = ""


class Pool:
    """Canonical rows of one table in memory: by id, folded name, acronym, and for fuzzy search."""

    def __init__(self, rows: list[Canonical]) -> None:
        self.rows: list[Canonical] = []
        self.choices: list[str] = []
        self.by_id: dict[str, Canonical] = {}
        self.by_folded: dict[str, Canonical] = {}
        self.by_acronym: dict[str, Canonical] = {}
        for row in rows:
            self.add(row)

    def add(self, row: Canonical) -> None:
        self.rows.append(row)
        self.choices.append(row.folded)
        self.by_id.setdefault(row.id, row)
        self.by_folded.setdefault(row.folded, row)
        if row.acronym:
            self.by_acronym.setdefault(row.acronym, row)

    def exact(self, folded: str) -> str | None:
        row = self.by_folded.get(folded)
        return row.id if row else None

    def closest(self, folded: str, acronym: str = "") -> Canonical | None:
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


class Aliases:
    """The printed forms of one kind of entity (person, institution) held in the archive, with
    archivists' pinned aliases; new forms are written through as they are seen."""

    def __init__(self, db: sqlite_utils.Database, kind: str) -> None:
        self.db, self.kind = db, kind
        self.by_folded: dict[str, list[tuple[str, str, bool]]] = {}
        self.by_word: dict[str, list[Canonical]] = {}
        self.known: set[tuple[str, str]] = set()
        sql = "select entity_id, printed, folded, pinned from aliases where kind = ? order by rowid"
        for entity_id, printed, folded, pinned in db.execute(sql, [kind]):
            self._index(entity_id, printed, folded, bool(pinned))

    def _index(self, entity_id: str, printed: str, folded: str, pinned: bool) -> None:
        self.known.add((entity_id, printed))
        self.by_folded.setdefault(folded, []).append((entity_id, printed, pinned))
        for word in set(folded.split()):
            self.by_word.setdefault(word, []).append(Canonical(entity_id, folded))

    def find(self, printed: str, folded: str) -> str | None:
        """The entity an alias folding like `folded` belongs to: a pinned one first, then the
        one printed exactly so, then the first seen."""
        rows = self.by_folded.get(folded, [])
        for test in (lambda r: r[2], lambda r: r[1] == printed, lambda r: True):
            for entity_id, _, _ in (r for r in rows if test(r)):
                return entity_id
        return None

    def pinned(self, entity_id: str, folded: str) -> bool:
        """Whether an archivist pinned this form to this entity."""
        return any(e == entity_id and p for e, _, p in self.by_folded.get(folded, []))

    def sharing(self, words: list[str], folded: str, limit: int) -> list[Canonical]:
        """Aliases sharing a word with a name, most shared words first, then most alike."""
        counts: dict[tuple[str, str], int] = {}
        for word in words:
            for row in self.by_word.get(word, []):
                counts[(row.id, row.folded)] = counts.get((row.id, row.folded), 0) + 1
        ranked = sorted(
            counts.items(), key=lambda kv: (-kv[1], -fuzz.token_set_ratio(folded, kv[0][1]))
        )
        return [Canonical(i, f) for (i, f), _ in ranked[:limit]]

    def add(self, entity_id: str, printed: str, folded: str) -> None:
        if (entity_id, printed) in self.known or not folded:
            return
        self.db.execute(
            "insert or ignore into aliases (kind, entity_id, printed, folded, pinned) "
            "values (?, ?, ?, ?, 0)",
            [self.kind, entity_id, printed, folded],
        )
        self._index(entity_id, printed, folded, False)


def canonical_id(entity: str, folded: str) -> str:
    """A deterministic id for a canonical row: sha256 of the entity kind and folded name."""
    return hashlib.sha256(f"{entity}\0{folded}".encode()).hexdigest()[:16]


def split_id(person_id: str, folded: str) -> str:
    """The id of the person an archivist splits out of `person_id` under the folded alias."""
    return canonical_id("person-split", f"{person_id}\0{folded}")


@dataclass
class _Seen:
    """What the archive knows of a person: institutions and folded cargos/titles."""

    institutions: set[str] = field(default_factory=set)
    cargos: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class _Context:
    institution_id: str | None
    cargos: frozenset[str]

    def agrees(self, seen: _Seen) -> bool:
        if self.institution_id and self.institution_id in seen.institutions:
            return True
        return bool(self.cargos & seen.cargos)


class Resolver:
    """Finds or creates canonical people and institutions in an open archive; call it inside the
    transaction that stores a document. Rows it creates are cached for the rest of its life."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        people = db.execute("select id, folded from people").fetchall()
        self._people = Pool([Canonical(i, f) for i, f in people])
        institutions = db.execute("select id, folded, acronym from institutions").fetchall()
        self._institutions = Pool([Canonical(i, f, fold_words(a)) for i, f, a in institutions])
        self._aliases = {kind: Aliases(db, kind) for kind in ("person", "institution")}
        decided = db.execute("select action, subject_id, target_id from decisions").fetchall()
        self._merged = {s: t for a, s, t in decided if a == "merge"}
        self._renamed = {s for a, s, _ in decided if a == "rename"}
        self._seen: dict[str, _Seen] = {}

    def _follow(self, person_id: str) -> str:
        """Where archivists' merges sent `person_id` (itself when never merged)."""
        hops = 0
        while person_id in self._merged and hops < len(self._merged):
            person_id, hops = self._merged[person_id], hops + 1
        return person_id

    def _seen_of(self, person_id: str) -> _Seen:
        if person_id not in self._seen:
            seen = _Seen()
            sql = (
                "select institution_id, cargo, title from signatories where person_id = ? "
                "union select institution_id, cargo, title from document_people where person_id = ?"
            )
            for institution_id, cargo, title in self.db.execute(sql, [person_id, person_id]):
                if institution_id:
                    seen.institutions.add(institution_id)
                seen.cargos.update(c for c in (fold_words(cargo), fold_words(title)) if c)
            self._seen[person_id] = seen
        return self._seen[person_id]

    def _similar(self, folded: str, context: _Context) -> str | None:
        """A person whose name is this one with a typo, or written more or less fully with
        evidence that agrees; best candidate first."""
        words = [w for w in folded.split() if len(w) >= CANDIDATE_WORD]
        for candidate in self._aliases["person"].sharing(words, folded, MAX_CANDIDATES):
            person_id = self._follow(candidate.id)
            typo = same_name(folded, candidate.folded)
            if typo and len(folded.split()) >= TYPO_ALONE_WORDS:
                return person_id
            if (typo or compatible_names(folded, candidate.folded)) and context.agrees(
                self._seen_of(person_id)
            ):
                return person_id
        return None

    def _alias_holds(self, person_id: str, folded: str, context: _Context) -> bool:
        """A short form seen before ("Romina Contreras") stays with its person unless this
        document's institution and cargo both disagree with everything known of that person."""
        row = self.db.execute("select folded from people where id = ?", [person_id]).fetchone()
        if (row and row[0] == folded) or self._aliases["person"].pinned(person_id, folded):
            return True
        seen = self._seen_of(person_id)
        has_evidence = context.institution_id or context.cargos
        return not has_evidence or not (seen.institutions or seen.cargos) or context.agrees(seen)

    def _create_person(self, printed: str, folded: str, context: _Context) -> str:
        person_id = self._follow(canonical_id("person", folded))
        taken = self.db.execute("select 1 from people where id = ?", [person_id]).fetchone()
        if taken:  # another person prints the same name: tell them apart by this one's office
            office = "\0".join([context.institution_id or "", *sorted(context.cargos)])
            person_id = canonical_id("person", f"{folded}\0{office}")
        self.db.table("people").insert(
            {"id": person_id, "name": printed, "folded": folded}, ignore=True
        )
        self._people.add(Canonical(person_id, folded))
        return person_id

    def _fuller_name(self, person_id: str, printed: str, folded: str) -> None:
        """A canonical name grows to the fullest form seen, unless an archivist named it."""
        if person_id in self._renamed:
            return
        row = self.db.execute("select folded from people where id = ?", [person_id]).fetchone()
        if row and len(folded.split()) > len((row[0] or "").split()):
            self.db.table("people").update(person_id, {"name": printed, "folded": folded})
            self._people.add(Canonical(person_id, folded))

    def person(
        self,
        name: str | None,
        *,
        institution: str | None = None,
        cargo: str | None = None,
        title: str | None = None,
    ) -> str | None:
        """The canonical person id for `name` (created if new); None for a blank name. The
        institution, cargo and title the document gives are the evidence that lets a shorter
        or fuller form of a known name join that person."""
        printed = " ".join((name or "").split())
        folded = fold_person(printed)
        if not folded:
            return None
        context = _Context(
            self.institution(institution),  # store creates it for this row anyway
            frozenset(c for c in (fold_words(cargo), fold_words(title)) if c),
        )
        known = self._aliases["person"].find(printed, folded) or self._people.exact(folded)
        if known and not self._alias_holds(self._follow(known), folded, context):
            known = None
        person_id = self._follow(known) if known else self._similar(folded, context)
        if person_id:
            self._fuller_name(person_id, printed, folded)
        else:
            person_id = self._create_person(printed, folded, context)
        self._aliases["person"].add(person_id, printed, folded)
        seen = self._seen_of(person_id)
        seen.cargos.update(context.cargos)
        if context.institution_id:
            seen.institutions.add(context.institution_id)
        return person_id

    def _find_institution(self, printed: str, folded: str, acronym: str) -> Canonical | None:
        pool = self._institutions
        by_alias = self._aliases["institution"].find(printed, folded)
        row = pool.by_id.get(by_alias or "")
        if row and not (acronym and row.acronym and row.acronym != acronym):
            return row
        if acronym and acronym in pool.by_acronym:
            return pool.by_acronym[acronym]
        if folded in pool.by_acronym:  # the name printed is a known acronym
            return pool.by_acronym[folded]
        return pool.closest(folded, acronym)

    def _learn_acronym(self, found: Canonical, folded_acronym: str, acronym: str) -> None:
        """The canonical row learns the acronym a later document prints."""
        found.acronym = folded_acronym
        self._institutions.by_acronym.setdefault(folded_acronym, found)
        self.db.table("institutions").update(found.id, {"acronym": acronym})

    def institution(
        self, name: str | None, acronym: str | None = None, *, create: bool = True
    ) -> str | None:
        """The canonical institution id for `name`/`acronym`, created when new and `create`;
        None for a blank name or, with create=False, an unknown one."""
        printed = " ".join((name or "").split())
        folded, folded_acronym = fold_words(printed), fold_words(acronym)
        if not folded:
            return None
        found = self._find_institution(printed, folded, folded_acronym)
        if found and folded_acronym and not found.acronym and acronym:
            self._learn_acronym(found, folded_acronym, acronym)
        if not found and not create:
            return None
        if not found:
            found = Canonical(canonical_id("institution", folded), folded, folded_acronym)
            self.db.table("institutions").insert(
                {"id": found.id, "name": printed, "acronym": acronym, "folded": folded},
                ignore=True,
            )
            self._institutions.add(found)
        aliases = self._aliases["institution"]
        aliases.add(found.id, printed, folded)
        if acronym and acronym.strip():
            aliases.add(found.id, acronym.strip(), folded_acronym)
        return found.id
