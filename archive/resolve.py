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

from archive import name_index
from models.normalise import SAME_NAME_RATIO, compatible_names, fold_person, fold_words, same_name

# A typo-level match of this many words needs no further evidence (two words do).
TYPO_ALONE_WORDS = 3
MAX_CANDIDATES = 30
# A word printed in more aliases than this ("garcia") is not looked up on its own: it still
# counts for the candidates the name's other words find.
COMMON_WORD = 2_000
# A trigram more institutions than this hold is left out of the look-up while the bound on
# shared rarer ones still binds.
COMMON_GRAM = 200
# Indel distance (insertions + deletions) a name of length n may be from another and still
# score SAME_NAME_RATIO: d <= q (n + m) and m <= n + d give d <= 2 q n / (1 - q).
_SLACK = 2 * (1 - SAME_NAME_RATIO / 100) / (SAME_NAME_RATIO / 100)

# The keys table through its look-up index, named: SQLite's planner would scan it by kind.
_KEYS = f"[{name_index.TABLE}] indexed by [{name_index.LOOKUP}]"
_KEYS_AS_K = f"[{name_index.TABLE}] k indexed by [{name_index.LOOKUP}]"

__all__ = ["Resolver", "canonical_id", "split_id"]


@dataclass
class Canonical:
    id: str
    folded: str
    acronym: str = ""


class Institutions:
    """Canonical institutions looked up in the archive through their keys (name_index)."""

    COLUMNS = "i.rowid, i.id, i.folded, i.acronym"

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def _rows(self, where: str, params: list[object]) -> list[tuple[int, Canonical]]:
        sql = f"select {self.COLUMNS} from institutions i {where}"
        rows = self.db.execute(sql, params).fetchall()
        return [(r, Canonical(i, f or "", fold_words(a))) for r, i, f, a in rows]

    def _first(self, where: str, params: list[object]) -> Canonical | None:
        rows = self._rows(f"{where} order by i.rowid limit 1", params)
        return rows[0][1] if rows else None

    def by_id(self, entity_id: str) -> Canonical | None:
        return self._first("where i.id = ?", [entity_id]) if entity_id else None

    def by_folded(self, folded: str) -> Canonical | None:
        return self._first("where i.folded = ?", [folded])

    def by_acronym(self, acronym: str) -> Canonical | None:
        join = f"join {_KEYS_AS_K} on k.ref = i.rowid"
        join += " and k.kind = 'acronym'"
        return self._first(f"{join} where k.key = ?", [acronym])

    def _candidates(self, folded: str) -> list[tuple[int, Canonical]]:
        """Every institution that can score SAME_NAME_RATIO against `folded` (and maybe some
        that cannot), in rowid order. Such a one shares all but 3 x slack of the name's
        trigrams (an insertion or deletion breaks at most three), so among its rarer trigrams
        it shares at least that many minus the common ones left out; when that bound is
        empty, it shares one of the 3 x slack + 1 rarest. A name too short for either bound
        takes the institutions of a near enough length."""
        slack = int(_SLACK * len(folded) + 1e-9)
        wanted = sorted(name_index.grams(folded))
        needed = len(wanted) - 3 * slack
        if needed < 1:
            lengths = "where length(i.folded) between ? and ? order by i.rowid"
            return self._rows(lengths, [len(folded) - slack, len(folded) + slack])
        held = self._gram_counts(wanted)
        by_rarity = sorted(wanted, key=lambda g: (held.get(g, 0), g))
        rare = [g for g in by_rarity if held.get(g, 0) <= COMMON_GRAM]
        least = needed - (len(wanted) - len(rare))
        if least < 1:
            rare, least = by_rarity[: len(wanted) - needed + 1], 1
        rare = [g for g in rare if held.get(g, 0)]  # a trigram no one holds finds no one
        if not rare:
            return []
        marks = ", ".join("?" for _ in rare)
        shared = (
            f"where i.rowid in (select ref from {_KEYS} where kind = 'gram' "
            f"and key in ({marks}) group by ref having count(*) >= ?) order by i.rowid"
        )
        return self._rows(shared, [*rare, least])

    def _gram_counts(self, wanted: list[str]) -> dict[str, int]:
        marks = ", ".join("?" for _ in wanted)
        sql = f"select key, n from [{name_index.COUNTS}] where kind = 'gram' and key in ({marks})"
        return {key: n for key, n in self.db.execute(sql, wanted).fetchall()}

    def closest(self, folded: str, acronym: str = "") -> Canonical | None:
        """The most alike row with the same name as `folded` and no clashing acronym."""
        exact = self.by_folded(folded)
        if exact and not (acronym and exact.acronym and exact.acronym != acronym):
            return exact
        rows = [row for _, row in self._candidates(folded)]
        scored = process.extract(
            folded,
            [row.folded for row in rows],
            scorer=fuzz.token_sort_ratio,
            score_cutoff=SAME_NAME_RATIO,
            limit=None,
        )
        for _, _, index in scored:
            row = rows[index]
            # Two different acronyms are two institutions, however alike their names.
            if acronym and row.acronym and row.acronym != acronym:
                continue
            if same_name(folded, row.folded):
                return row
        return None

    def create(self, row: Canonical, printed: str, acronym: str | None) -> None:
        cursor = self.db.execute(
            "insert or ignore into institutions (id, name, acronym, folded) values (?, ?, ?, ?)",
            [row.id, printed, acronym, row.folded],
        )
        if cursor.rowcount:
            name_index.index_institution(
                self.db, int(cursor.lastrowid or 0), row.folded, row.acronym
            )

    def learn_acronym(self, row: Canonical, folded_acronym: str, acronym: str) -> None:
        """The canonical row learns the acronym a later document prints."""
        row.acronym = folded_acronym
        self.db.table("institutions").update(row.id, {"acronym": acronym})
        found = self.db.execute("select rowid from institutions where id = ?", [row.id])
        for (rowid,) in found.fetchall():
            name_index.index_institution(self.db, rowid, row.folded, folded_acronym)


class Aliases:
    """The printed forms of one kind of entity (person, institution) held in the archive, with
    archivists' pinned aliases; new forms are written through as they are seen."""

    def __init__(self, db: sqlite_utils.Database, kind: str) -> None:
        self.db, self.kind = db, kind

    def _folding(self, folded: str) -> list[tuple[str, str, bool]]:
        sql = (
            "select entity_id, printed, pinned from aliases where kind = ? and folded = ? "
            "order by rowid"
        )
        rows = self.db.execute(sql, [self.kind, folded]).fetchall()
        return [(e, p, bool(pinned)) for e, p, pinned in rows]

    def find(self, printed: str, folded: str) -> str | None:
        """The entity an alias folding like `folded` belongs to: a pinned one first, then the
        one printed exactly so, then the first seen."""
        rows = self._folding(folded)
        for test in (lambda r: r[2], lambda r: r[1] == printed, lambda r: True):
            for entity_id, _, _ in (r for r in rows if test(r)):
                return entity_id
        return None

    def pinned(self, entity_id: str, folded: str) -> bool:
        """Whether an archivist pinned this form to this entity."""
        return any(e == entity_id and p for e, _, p in self._folding(folded))

    def _with_word(self, word: str) -> list[tuple[int, str, str]]:
        sql = (
            "select a.rowid, a.entity_id, a.folded from "
            f"{_KEYS_AS_K} "
            "join aliases a on a.rowid = k.ref "
            "where k.kind = 'word' and k.key = ? and a.kind = ? order by k.ref"
        )
        rows = self.db.execute(sql, [word, self.kind]).fetchall()
        return [(r, e, f) for r, e, f in rows if word in (f or "").split()]

    def _common(self, words: list[str]) -> set[str]:
        sql = (
            f"select count(*) from (select 1 from {_KEYS} where kind = 'word' and key = ? limit ?)"
        )
        counts = {w: self.db.execute(sql, [w, COMMON_WORD + 1]).fetchone()[0] for w in words}
        common = {w for w, n in counts.items() if n > COMMON_WORD}
        if common and common >= set(words):  # every word is common: look up the rarest
            common.discard(min(words, key=lambda w: counts[w]))
        return common

    def sharing(self, words: list[str], folded: str, limit: int) -> list[Canonical]:
        """Aliases sharing a word with a name, most shared words first, then most alike."""
        common = self._common(words)
        counts: dict[tuple[str, str], int] = {}
        hits: dict[int, tuple[str, str]] = {}
        for word in words:
            for rowid, entity_id, alias_folded in [] if word in common else self._with_word(word):
                key = (entity_id, alias_folded)
                counts[key] = counts.get(key, 0) + 1
                hits[rowid] = key
        for word in (w for w in words if w in common):
            for key in (k for k in hits.values() if word in k[1].split()):
                counts[key] += 1
        ranked = sorted(
            counts.items(), key=lambda kv: (-kv[1], -fuzz.token_set_ratio(folded, kv[0][1]))
        )
        return [Canonical(i, f) for (i, f), _ in ranked[:limit]]

    def add(self, entity_id: str, printed: str, folded: str) -> None:
        if not folded:
            return
        cursor = self.db.execute(
            "insert or ignore into aliases (kind, entity_id, printed, folded, pinned) "
            "values (?, ?, ?, ?, 0)",
            [self.kind, entity_id, printed, folded],
        )
        if cursor.rowcount and self.kind == "person":
            name_index.index_alias(self.db, int(cursor.lastrowid or 0), folded)


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
    """Finds or creates canonical people and institutions in an open archive, looking up only
    the candidates that share a folded-name key (archive/name_index.py), so its cost does not
    grow with the archive. One Resolver serves a batch of documents; call it inside the
    transaction that stores each, after begin_document(). Archivists' decisions are read when
    it is made: take decisions between batches, not during one."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self._institutions = Institutions(db)
        self._aliases = {kind: Aliases(db, kind) for kind in ("person", "institution")}
        decided = db.execute("select action, subject_id, target_id from decisions").fetchall()
        self._merged = {s: t for a, s, t in decided if a == "merge"}
        self._renamed = {s for a, s, _ in decided if a == "rename"}
        self._seen: dict[str, _Seen] = {}

    def begin_document(self) -> None:
        """Forget what was read of people's evidence: the document about to be stored may
        replace rows it came from. Call before each document when one Resolver stores many."""
        self._seen.clear()

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

    def _person_named(self, folded: str) -> str | None:
        sql = "select id from people where folded = ? order by rowid limit 1"
        row = self.db.execute(sql, [folded]).fetchone()
        return str(row[0]) if row else None

    def _similar(self, folded: str, context: _Context) -> str | None:
        """A person whose name is this one with a typo, or written more or less fully with
        evidence that agrees; best candidate first."""
        words = name_index.candidate_words(folded)
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
        self.db.execute(
            "insert or ignore into people (id, name, folded) values (?, ?, ?)",
            [person_id, printed, folded],
        )
        return person_id

    def _fuller_name(self, person_id: str, printed: str, folded: str) -> None:
        """A canonical name grows to the fullest form seen, unless an archivist named it."""
        if person_id in self._renamed:
            return
        row = self.db.execute("select folded from people where id = ?", [person_id]).fetchone()
        if row and len(folded.split()) > len((row[0] or "").split()):
            sql = "update people set name = ?, folded = ? where id = ?"
            self.db.execute(sql, [printed, folded, person_id])

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
        known = self._aliases["person"].find(printed, folded) or self._person_named(folded)
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
        bodies = self._institutions
        row = bodies.by_id(self._aliases["institution"].find(printed, folded) or "")
        if row and not (acronym and row.acronym and row.acronym != acronym):
            return row
        by_acronym = bodies.by_acronym(acronym) if acronym else None
        if by_acronym:
            return by_acronym
        named_so = bodies.by_acronym(folded)  # the name printed is a known acronym
        if named_so:
            return named_so
        return bodies.closest(folded, acronym)

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
            self._institutions.learn_acronym(found, folded_acronym, acronym)
        if not found and not create:
            return None
        if not found:
            found = Canonical(canonical_id("institution", folded), folded, folded_acronym)
            self._institutions.create(found, printed, acronym)
        aliases = self._aliases["institution"]
        aliases.add(found.id, printed, folded)
        if acronym and acronym.strip():
            aliases.add(found.id, acronym.strip(), folded_acronym)
        return found.id
