"""Redaction for publication: private persons' identifiers removed and their names replaced by
stable pseudonyms, public officials' names and titles kept (public under transparency law).

Identifiers (CURP, RFC, e-mail, phone, street address, student enrolment number) are structural
regexes in data/redact_patterns.csv. A person is private unless some row names them with a title
that is a public office (archive/offices.py): an address line, "ciudadano", a relation or no
title at all make no one an official. Every name any private person's row holds is replaced in
every text column, whatever row it is printed in. Pseudonyms are "Persona " + a keyed hash of
the folded name."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path

import sqlite_utils

from archive import name_index
from archive.offices import data_rows, holds_public_office
from models import ArchiveError
from models.normalise import fold_person, fold_words

PSEUDONYM_HEX = 6  # 16.7 million values: collisions stay rare at archive scale
MIN_SURNAME = 3  # "y", "de": too short to stand for a person on their own
_WORD_GAP = r"[\s._-]+"
# Accented and other forms a folded letter may be printed as.
# Columns never holding a person's name or identifier; *_id columns are ids, handled apart.
_UNTOUCHED = {
    "id",
    "kind",
    "date",
    "year",
    "extractor",
    "extractor_versions",
    "extraction_digest",
    "readers",
    "ingested_at",
    "applied_at",
    "failed_at",
    "versions",
    "original",
    "searchable_copy",
    "sha256",
    "acronym",
}
_PERSON_TABLES = ("signatories", "document_people")
_LETTER_FORMS = {"a": "aáàäâ", "e": "eéèëê", "i": "iíìïî", "o": "oóòöô", "u": "uúùüû", "n": "nñ"}


@dataclass(frozen=True)
class IdentifierPattern:
    """One way of writing an identifier: its kind, the label it is replaced by, the regex."""

    kind: str
    label: str
    regex: re.Pattern[str]


@cache
def identifier_patterns() -> tuple[IdentifierPattern, ...]:
    """The identifier regexes of data/redact_patterns.csv, in the order they are applied."""
    try:
        return tuple(
            IdentifierPattern(row["kind"], row["label"], re.compile(row["pattern"]))
            for row in data_rows("redact_patterns.csv")
        )
    except re.error as exc:
        raise ArchiveError(f"a pattern in redact_patterns.csv does not compile: {exc}") from exc


def _label(pattern: IdentifierPattern, match: re.Match[str]) -> str:
    keep = match.groupdict().get("keep") or ""
    return f"{keep}{pattern.label}"


def redact_identifiers(text: str) -> str:
    """`text` with every CURP, RFC, e-mail, phone, street address and enrolment number replaced
    by its label ("[CURP]", "[TELÉFONO]" ...); a cue before the value ("Tel.:") stays."""
    for pattern in identifier_patterns():
        text = pattern.regex.sub(partial(_label, pattern), text)
    return text


def pseudonym(name: str, key: bytes) -> str:
    """ "Persona 3f9a1c": a keyed hash (HMAC-SHA256) of the name folded for case, accents and
    honorifics, so every spelling of one person gets the same pseudonym under one key."""
    digest = hmac.new(key, fold_person(name).encode(), hashlib.sha256).hexdigest()
    return f"Persona {digest[:PSEUDONYM_HEX]}"


def pseudonymous_id(person_id: str, key: bytes) -> str:
    """A keyed replacement for a private person's id (the archive's id hashes the bare name)."""
    return "p" + hmac.new(key, f"id\0{person_id}".encode(), hashlib.sha256).hexdigest()[:15]


def load_or_create_key(path: Path) -> bytes:
    """The redaction key stored at `path`, created (random, owner-only) when missing: the same
    key gives the same pseudonyms in every export of the archive."""
    try:
        if not path.is_file():
            path.write_text(secrets.token_hex(32) + "\n", encoding="ascii")
            path.chmod(0o600)
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError) as exc:
        raise ArchiveError(f"cannot read or create the redaction key {path}: {exc}") from exc


def key_path(archive_path: Path) -> Path:
    """Where an archive's redaction key lives: archive.db -> archive.redact-key beside it."""
    archive_path = Path(archive_path)
    return archive_path.parent / f"{archive_path.stem}.redact-key"


def _letter_class(letter: str) -> str:
    forms = _LETTER_FORMS.get(letter)
    return f"[{forms}]" if forms else re.escape(letter)


@cache
def name_regex(folded: str) -> re.Pattern[str]:
    """A regex finding a folded name as printed: any case, accents, spacing or line breaks."""
    words = ["".join(_letter_class(ch) for ch in word) for word in folded.split()]
    return re.compile(rf"(?<!\w){_WORD_GAP.join(words)}(?!\w)", re.IGNORECASE)


def name_variants(names: Iterable[str]) -> set[str]:
    """Folded forms a person's names are printed in: each full name and, for names of three
    or more words, the last two words (the surnames, as in "la señora Duarte Olmos")."""
    variants: set[str] = set()
    for name in names:
        words = fold_person(name).split()
        if not words:
            continue
        variants.add(" ".join(words))
        if len(words) >= 3 and all(len(w) >= MIN_SURNAME for w in words[-2:]):
            variants.add(" ".join(words[-2:]))
    return variants


def _folded_words(text: str) -> set[str]:
    return set(fold_words(text).split())


class NameRedactor:
    """Replaces private persons' names with their pseudonyms in any text, never inside a span
    that is a public official's name."""

    def __init__(self, private: dict[str, str], public: Iterable[str]) -> None:
        # Longest first, so a full name wins over its surnames alone.
        self.private = dict(sorted(private.items(), key=lambda kv: (-len(kv[0]), kv[0])))
        self.public = sorted(set(public) - set(private), key=len, reverse=True)

    def _present(self, names: Iterable[str], words: set[str]) -> list[str]:
        return [name for name in names if words.issuperset(name.split())]

    def __call__(self, text: str) -> str:
        if not text or not self.private:
            return text
        words = _folded_words(text)
        wanted = self._present(self.private, words)
        if not wanted:
            return text
        taken = [
            m.span()
            for n in self._present(self.public, words)
            for m in name_regex(n).finditer(text)
        ]
        replaced: list[tuple[int, int, str]] = []
        for name in wanted:
            for match in name_regex(name).finditer(text):
                start, end = match.span()
                if any(start < e and s < end for s, e in taken):
                    continue
                taken.append((start, end))
                replaced.append((start, end, self.private[name]))
        for start, end, alias in sorted(replaced, reverse=True):
            text = text[:start] + alias + text[end:]
        return text


@dataclass
class _Person:
    names: set[str] = field(default_factory=set)
    canonical: str | None = None
    public: bool = False


def _people(db: sqlite_utils.Database) -> dict[str, _Person]:
    """Everyone the archive names, by person id (or folded name when a row has none)."""
    people: dict[str, _Person] = {}
    for table in _PERSON_TABLES:
        if not db.table(table).exists():
            continue
        sql = f"select person_id, name, title, institution from [{table}]"
        for row in db.query(sql):
            person = people.setdefault(row["person_id"] or fold_person(row["name"]), _Person())
            person.names.add(row["name"] or "")
            office = holds_public_office(row["title"], row["institution"])
            person.public = person.public or office
    if db.table("people").exists():
        for row in db.query("select id, name from people"):
            person = people.setdefault(row["id"], _Person())
            person.canonical = row["name"]
            person.names.add(row["name"] or "")
    return people


@dataclass(frozen=True)
class Redaction:
    """What redacting an archive changes: names to pseudonyms, private ids to keyed ids."""

    names: NameRedactor
    pseudonyms: dict[str, str]  # person id -> pseudonym
    ids: dict[str, str]  # person id -> keyed id

    def text(self, value: str) -> str:
        """A text value with identifiers and private names removed."""
        return self.names(redact_identifiers(value))


def plan_redaction(db: sqlite_utils.Database, key: bytes) -> Redaction:
    """Who is private in this archive, their pseudonyms and the name variants to replace."""
    private: dict[str, str] = {}
    public: set[str] = set()
    pseudonyms: dict[str, str] = {}
    for person_id, person in sorted(_people(db).items()):
        variants = name_variants(person.names)
        if person.public:
            public |= variants
            continue
        shown = person.canonical or max(sorted(person.names), key=len)
        pseudonyms[person_id] = pseudonym(shown, key)
        for variant in sorted(variants):
            private.setdefault(variant, pseudonyms[person_id])
    ids = {pid: pseudonymous_id(pid, key) for pid in pseudonyms}
    return Redaction(NameRedactor(private, public), pseudonyms, ids)


def _tables(db: sqlite_utils.Database) -> list[str]:
    fts = db.table_names(fts4=True) + db.table_names(fts5=True)
    return [
        t
        for t in db.table_names()
        if t not in ("migrations", name_index.TABLE, name_index.COUNTS)
        and not t.startswith("sqlite_")
        and not any(t == f or t.startswith(f"{f}_") for f in fts)
    ]


def _is_id(column: str) -> bool:
    return column == "id" or column.endswith("_id")


def _redacted_row(table: str, row: dict[str, object], plan: Redaction) -> dict[str, object]:
    changes: dict[str, object] = {}
    for column, value in row.items():
        if column == "__rowid" or not isinstance(value, str):
            continue
        if _is_id(column):
            if value in plan.ids:  # ids are hashes: only a person's id can equal one
                changes[column] = plan.ids[value]
        elif column not in _UNTOUCHED:
            new = plan.text(value)
            if new != value:
                changes[column] = fold_words(new) if column == "folded" else new
    if table == "people" and row.get("id") in plan.pseudonyms:
        alias = plan.pseudonyms[str(row["id"])]
        changes.update({"name": alias, "folded": fold_words(alias)})
    return changes


def _update(
    db: sqlite_utils.Database, table: str, rowid: object, changes: dict[str, object]
) -> None:
    sets = ", ".join(f"[{column}] = ?" for column in changes)
    try:
        db.execute(f"update [{table}] set {sets} where rowid = ?", [*changes.values(), rowid])
    except sqlite3.IntegrityError:
        # Two spellings of one private name became one pseudonym: the row is now a duplicate.
        db.execute(f"delete from [{table}] where rowid = ?", [rowid])


def redact_database(db: sqlite_utils.Database, key: bytes) -> Redaction:
    """Redact every text column of every table in place (FTS indexes rebuilt); meant for a
    copy of the archive, opened with foreign keys off as private ids change in several tables."""
    plan = plan_redaction(db, key)
    with db.atomic():
        for table in _tables(db):
            for row in list(db.query(f"select rowid as __rowid, * from [{table}]")):
                changes = _redacted_row(table, row, plan)
                if changes:
                    _update(db, table, row["__rowid"], changes)
        for fts in db.table_names(fts5=True):
            db.execute(f"insert into [{fts}]([{fts}]) values ('rebuild')")
        if db.table(name_index.TABLE).exists():  # keys of the names as redacted
            name_index.rebuild(db)
    return plan
