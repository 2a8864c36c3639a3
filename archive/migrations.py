"""The archive's schema, built by numbered migrations; the `migrations` table records which ran.

A schema change is a new function appended to MIGRATIONS, never an edit of one that has run:
archives already in use must reach the new schema without losing data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlite_utils

Migration = Callable[[sqlite_utils.Database], None]

FTS_COLUMNS = ("title", "text", "signatory_names")
FTS_TOKENIZE = "unicode61 remove_diacritics 2"
DOC = ("document_id", "documents", "id")
PROVENANCE = {"page": int, "start": int, "end": int, "extractor": str}


def m001_documents(db: sqlite_utils.Database) -> None:
    """Documents and their pages."""
    db.table("documents").create(
        {
            "id": str,
            "file": str,
            "path": str,
            "kind": str,
            "kind_reason": str,
            "date": str,
            "year": int,
            "place": str,
            "title": str,
            "text": str,
            "signatory_names": str,
            "page_count": int,
            "readers": str,
            "extractor_versions": str,
            "ingested_at": str,
        },
        pk="id",
    )
    db.table("pages").create(
        {
            "document_id": str,
            "number": int,
            "reader": str,
            "confidence": float,
            "rotation": int,
            "chars": int,
            "start": int,
        },
        pk=("document_id", "number"),
        foreign_keys=[DOC],
    )
    for column in ("date", "kind", "year"):
        db.table("documents").create_index([column])


def m002_entities(db: sqlite_utils.Database) -> None:
    """Canonical people and institutions, and who signs or is named in each document."""
    db.table("people").create({"id": str, "name": str, "folded": str}, pk="id")
    db.table("institutions").create(
        {"id": str, "name": str, "acronym": str, "folded": str}, pk="id"
    )
    named = {
        "document_id": str,
        "position": int,
        "person_id": str,
        "name": str,
        "honorific": str,
        "title": str,
        "cargo": str,
        "institution": str,
        "institution_id": str,
    }
    person_fks = [DOC, ("person_id", "people", "id"), ("institution_id", "institutions", "id")]
    db.table("signatories").create(
        {**named, "capacity": str, **PROVENANCE},
        pk=("document_id", "position"),
        foreign_keys=person_fks,
    )
    db.table("document_people").create(
        {**named, "role": str, **PROVENANCE},
        pk=("document_id", "position"),
        foreign_keys=person_fks,
    )
    db.table("document_institutions").create(
        {"document_id": str, "position": int, "institution_id": str, "printed": str, **PROVENANCE},
        pk=("document_id", "position"),
        foreign_keys=[DOC, ("institution_id", "institutions", "id")],
    )
    for table, column in (
        ("people", "folded"),
        ("institutions", "folded"),
        ("signatories", "person_id"),
        ("signatories", "institution_id"),
        ("document_people", "person_id"),
        ("document_institutions", "institution_id"),
    ):
        db.table(table).create_index([column])


def m003_commitments_mentions_failures(db: sqlite_utils.Database) -> None:
    """Commitments, every extracted value's provenance, and files that could not be archived."""
    db.table("commitments").create(
        {
            "id": str,
            "document_id": str,
            "actor": str,
            "actor_institution_id": str,
            "text": str,
            "predicate": str,
            **PROVENANCE,
        },
        pk="id",
        foreign_keys=[DOC, ("actor_institution_id", "institutions", "id")],
    )
    db.table("mentions").create(
        {
            "id": str,
            "document_id": str,
            "field": str,
            "value": str,
            **PROVENANCE,
            "confidence": float,
        },
        pk="id",
        foreign_keys=[DOC],
    )
    db.table("failures").create(
        {"id": str, "path": str, "sha256": str, "reason": str, "versions": str, "failed_at": str},
        pk="id",
    )
    for table in ("commitments", "mentions"):
        db.table(table).create_index(["document_id"])
    db.table("failures").create_index(["sha256"])


def m004_documents_fts(db: sqlite_utils.Database) -> None:
    """FTS5 over title, text and signatory names, kept in sync by triggers (sqlite-utils names,
    so Datasette finds it). Written as statements: executescript would commit mid-migration."""
    columns = ", ".join(f"[{c}]" for c in FTS_COLUMNS)
    new = ", ".join(f"new.[{c}]" for c in FTS_COLUMNS)
    old = ", ".join(f"old.[{c}]" for c in FTS_COLUMNS)
    db.execute(
        f"CREATE VIRTUAL TABLE [documents_fts] USING FTS5 ({columns}, "
        f"tokenize='{FTS_TOKENIZE}', content=[documents])"
    )
    db.execute(
        f"INSERT INTO [documents_fts] (rowid, {columns}) SELECT rowid, {columns} FROM [documents]"
    )
    delete = f"INSERT INTO [documents_fts] ([documents_fts], rowid, {columns}) "
    delete += f"VALUES('delete', old.rowid, {old});"
    insert = f"INSERT INTO [documents_fts] (rowid, {columns}) VALUES (new.rowid, {new});"
    db.execute(f"CREATE TRIGGER [documents_ai] AFTER INSERT ON [documents] BEGIN {insert} END")
    db.execute(f"CREATE TRIGGER [documents_ad] AFTER DELETE ON [documents] BEGIN {delete} END")
    db.execute(
        f"CREATE TRIGGER [documents_au] AFTER UPDATE ON [documents] BEGIN {delete} {insert} END"
    )


def m005_partial_documents(db: sqlite_utils.Database) -> None:
    """Why a document was archived incomplete (e.g. its OCR time budget ran out); NULL if whole."""
    db.table("documents").add_column("partial_reason", str)


def m006_document_files(db: sqlite_utils.Database) -> None:
    """Where each document's original and searchable copy are stored (see archive/files.py)."""
    db.table("documents").add_column("original", str)
    db.table("documents").add_column("searchable_copy", str)


def _backfill_aliases(db: sqlite_utils.Database) -> None:
    from models.normalise import fold_person, fold_words  # only this migration folds names

    people = db.execute(
        "select person_id, name from signatories where person_id is not null union "
        "select person_id, name from document_people where person_id is not null union "
        "select id, name from people"
    ).fetchall()
    bodies = db.execute(
        "select institution_id, printed from document_institutions where institution_id "
        "is not null union select institution_id, institution from signatories where "
        "institution_id is not null union select id, name from institutions union "
        "select id, acronym from institutions where acronym is not null"
    ).fetchall()
    rows = [("person", i, " ".join(n.split()), fold_person(n)) for i, n in people if n]
    rows += [("institution", i, " ".join(n.split()), fold_words(n)) for i, n in bodies if n]
    db.conn.executemany(
        "insert or ignore into aliases (kind, entity_id, printed, folded, pinned) "
        "values (?, ?, ?, ?, 0)",
        [r for r in rows if r[3]],
    )


def m007_aliases_decisions(db: sqlite_utils.Database) -> None:
    """Every printed form of a person or institution (aliases), archivists' decisions (merge,
    split, rename), and a counter that changes whenever either or a canonical row does."""
    db.table("aliases").create(
        {"kind": str, "entity_id": str, "printed": str, "folded": str, "pinned": int},
        pk=("kind", "entity_id", "printed"),
    )
    db.table("aliases").create_index(["kind", "folded"])
    db.table("aliases").create_index(["entity_id"])
    db.table("decisions").create(
        {
            "id": int,
            "action": str,
            "kind": str,
            "subject_id": str,
            "target_id": str,
            "alias": str,
            "name": str,
            "decided_at": str,
        },
        pk="id",
    )
    db.table("resolution_state").create({"id": int, "version": int}, pk="id")
    db.table("resolution_state").insert({"id": 1, "version": 0})
    bump = "UPDATE [resolution_state] SET version = version + 1 WHERE id = 1;"
    for table in ("aliases", "people", "institutions"):
        for event in ("INSERT", "UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER [{table}_{event.lower()}_resolution] AFTER {event} ON [{table}] "
                f"BEGIN {bump} END"
            )
    db.table("document_people").create_index(["institution_id"], if_not_exists=True)
    _backfill_aliases(db)


# Index each name link by (entity, document) so name filters never read the linking rows.
COVERING_LINKS = (
    ("signatories", "person_id"),
    ("signatories", "institution_id"),
    ("document_people", "person_id"),
    ("document_institutions", "institution_id"),
)
DOCUMENT_ORDER_INDEX = "idx_documents_id_date_file"


def m008_search_indexes(db: sqlite_utils.Database) -> None:
    """Covering indexes for search: name links by (entity id, document id), replacing the
    entity-id-only ones, and documents by (id, date, file) to order name matches by date
    without reading document rows."""
    for table, column in COVERING_LINKS:
        db.execute(f"DROP INDEX IF EXISTS [idx_{table}_{column}]")
        db.table(table).create_index([column, "document_id"], if_not_exists=True)
    db.execute(
        f"CREATE INDEX IF NOT EXISTS [{DOCUMENT_ORDER_INDEX}] ON [documents] (id, date, file)"
    )


def m009_runs(db: sqlite_utils.Database) -> None:
    """The ledger of ingest runs (archive/runs.py)."""
    db.table("runs").create(
        {
            "id": str,
            "started_at": str,
            "ended_at": str,
            "host": str,
            "pid": int,
            "mode": str,
            "flow_run_id": str,
            "paths": str,
            "status": str,
            "new": int,
            "partial": int,
            "skipped": int,
            "failed": int,
            "unextracted": int,
            "error": str,
        },
        pk="id",
    )
    db.table("runs").create_index(["status", "host"])


def m010_extraction_errors(db: sqlite_utils.Database) -> None:
    """Why extraction failed on a document archived with its text only (NULL when it did not):
    such documents can be found and extracted again."""
    db.table("documents").add_column("extraction_error", str)


def m011_refold_person_names(db: sqlite_utils.Database) -> None:
    """People's folded names and aliases drop every honorific of the one list extractors and
    archive share (models/data/honorifics.csv: "C. P.", "M. en C.", "Dip." ...), as new ones
    do; ids stay, so links and archivists' decisions hold."""
    from models.normalise import fold_person  # only this migration folds names

    for table, column, where in (
        ("people", "name", "1"),
        ("aliases", "printed", "kind = 'person'"),
    ):
        rows = db.execute(f"select rowid, {column}, folded from {table} where {where}").fetchall()
        changed = [(fold_person(n), r) for r, n, f in rows if n and fold_person(n) not in ("", f)]
        db.conn.executemany(f"update {table} set folded = ? where rowid = ?", changed)


def m012_file_stats_locations(db: sqlite_utils.Database) -> None:
    """The stat cache (a path's size, mtime and inode when its bytes hashed to sha256, so an
    unchanged file is not read again) and every path a document's bytes were found at."""
    db.table("file_stats").create(
        {
            "path": str,
            "size": int,
            "mtime_ns": int,
            "inode": int,
            "sha256": str,
            "hashed_at_ns": int,
        },
        pk="path",
    )
    db.table("document_locations").create(
        {"document_id": str, "path": str, "first_seen": str},
        pk=("document_id", "path"),
    )
    db.table("document_locations").create_index(["path"])


def m013_run_files(db: sqlite_utils.Database) -> None:
    """What each run did with each file (written as files finish, so a killed run keeps what it
    did), and each run's count of files found to be new locations of archived documents."""
    db.table("run_files").create(
        {
            "run_id": str,
            "path": str,
            "status": str,
            "reason": str,
            "sha256": str,
            "finished_at": str,
        },
        pk=("run_id", "path"),
        foreign_keys=[("run_id", "runs", "id")],
    )
    db.table("run_files").create_index(["status"])
    db.table("runs").add_column("new_locations", int, not_null_default=0)


def m014_name_index(db: sqlite_utils.Database) -> None:
    """Folded-name keys (archive/name_index.py) so that storing a document looks up only the
    people and institutions its names could match, whatever the archive's size."""
    from archive import name_index  # it folds acronyms as the Resolver does

    name_index.rebuild(db)


def m015_extraction_digest(db: sqlite_utils.Database) -> None:
    """The digest of the extraction code and data each document was extracted by: reextract
    finds what changed rules would read differently, version names bumped or not (NULL:
    extracted before digests were kept, so extracted again)."""
    db.table("documents").add_column("extraction_digest", str)


def m016_institution_signers_index(db: sqlite_utils.Database) -> None:
    """An institution's page groups its signers by person from one index, not by reading every
    signatory row (the busiest institution of a 100,000-document archive: 160 -> 35 ms)."""
    db.table("signatories").create_index(
        ["institution_id", "person_id", "document_id", "title"], if_not_exists=True
    )


MIGRATIONS: tuple[Migration, ...] = (
    m001_documents,
    m002_entities,
    m003_commitments_mentions_failures,
    m004_documents_fts,
    m005_partial_documents,
    m006_document_files,
    m007_aliases_decisions,
    m008_search_indexes,
    m009_runs,
    m010_extraction_errors,
    m011_refold_person_names,
    m012_file_stats_locations,
    m013_run_files,
    m014_name_index,
    m015_extraction_digest,
    m016_institution_signers_index,
)


def applied(db: sqlite_utils.Database) -> list[str]:
    """Names of the migrations that have run on this archive, in order."""
    if not db.table("migrations").exists():
        return []
    return [r["name"] for r in db.query("select name from migrations order by rowid")]


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Run every pending migration, each in its own transaction with its record; returns the
    names of those that ran now."""
    with db.atomic():
        db.table("migrations").create(
            {"name": str, "applied_at": str}, pk="name", if_not_exists=True
        )
    done = set(applied(db))
    ran: list[str] = []
    for migration in MIGRATIONS:
        if migration.__name__ in done:
            continue
        with db.atomic():
            migration(db)
            db.table("migrations").insert(
                {"name": migration.__name__, "applied_at": datetime.now(UTC).isoformat()}
            )
        ran.append(migration.__name__)
    return ran
