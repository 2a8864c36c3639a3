"""Opening an archive: creation, migrations recorded once, WAL, foreign keys, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from archive import open_archive
from archive.migrations import MIGRATIONS, applied, migrate
from models import ArchiveError

from .conftest import store_letter


def test_new_archive_records_every_migration(archive_path: Path) -> None:
    open_archive(archive_path).close()
    reopened = sqlite_utils.Database(archive_path)
    assert applied(reopened) == [m.__name__ for m in MIGRATIONS]
    assert {
        "documents",
        "pages",
        "people",
        "institutions",
        "signatories",
        "document_people",
        "document_institutions",
        "commitments",
        "mentions",
        "failures",
        "documents_fts",
    } <= set(reopened.table_names())


def test_reopening_runs_no_migration_twice_and_keeps_data(archive_path: Path) -> None:
    db = open_archive(archive_path)
    store_letter(db)
    db.close()
    for _ in range(2):
        db = open_archive(archive_path)
        assert migrate(db) == []
        db.close()
    reopened = sqlite_utils.Database(archive_path)
    assert reopened["migrations"].count == len(MIGRATIONS)
    assert reopened["documents"].count == 1


def test_a_later_migration_runs_once_on_an_archive_in_use(
    archive_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_archive(archive_path)
    store_letter(db)

    def m999_add_notes(db: sqlite_utils.Database) -> None:
        db["documents"].add_column("notes", str)

    monkeypatch.setattr("archive.migrations.MIGRATIONS", (*MIGRATIONS, m999_add_notes))
    assert migrate(db) == ["m999_add_notes"]
    assert migrate(db) == []
    db.close()
    reopened = sqlite_utils.Database(archive_path)
    assert "notes" in reopened["documents"].columns_dict
    assert reopened["documents"].count == 1
    assert applied(reopened)[-1] == "m999_add_notes"


def test_archive_uses_wal_and_foreign_keys(archive_path: Path) -> None:
    db = open_archive(archive_path)
    assert db.journal_mode == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    db.close()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"Oficio 123/2024: esto no es una base de datos", "not a SQLite database"),
        (b"SQLite format 2\x00" + b"\x00" * 200, "not a SQLite database"),
        (b"SQLite format 3\x00" + b"\xff" * 200, "cannot open the archive"),
    ],
)
def test_a_file_that_is_not_an_archive_raises_archive_error(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "archivo.db"
    path.write_bytes(content)
    with pytest.raises(ArchiveError, match=reason):
        open_archive(path)
    assert path.read_bytes() == content  # left untouched


def test_a_folder_or_a_missing_folder_raises_archive_error(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="folder"):
        open_archive(tmp_path)
    with pytest.raises(ArchiveError, match="no folder"):
        open_archive(tmp_path / "no-existe" / "archive.db")


def test_people_folded_before_the_shared_honorifics_list_are_refolded(archive_path: Path) -> None:
    db = open_archive(archive_path)
    db.table("people").insert({"id": "p1", "name": "C. P. Irene Solís", "folded": "p irene solis"})
    db.table("aliases").insert(
        {"kind": "person", "entity_id": "p1", "printed": "Dip. Irene Solís", "folded": "dip irene"}
    )
    db.execute("delete from migrations where name = 'm011_refold_person_names'")
    db.conn.commit()
    assert migrate(db) == ["m011_refold_person_names"]
    db.close()
    reopened = sqlite_utils.Database(archive_path)
    assert reopened["people"].get("p1")["folded"] == "irene solis"
    assert [r["folded"] for r in reopened["aliases"].rows] == ["irene solis"]
