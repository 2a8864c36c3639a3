"""Storing documents: one transaction (a savepoint in a batch's), deterministic ids, re-storing
replaces, failures cleared."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
import sqlite_utils

from archive import (
    batch,
    failures,
    get_document,
    known_sha256,
    list_documents,
    open_archive,
    record_failure,
    store_document,
)
from archive.rows import mention_id, relative_path
from models import ArchiveError, DocumentText, ExtractionFailure

from .conftest import (
    LETTER,
    PRESS,
    letter_document,
    letter_extraction,
    sha,
    store_letter,
    store_press,
)

TABLES = (
    "documents",
    "pages",
    "people",
    "institutions",
    "signatories",
    "document_people",
    "document_institutions",
    "commitments",
    "mentions",
    "documents_fts",
)


def counts(path: Path) -> dict[str, int]:
    db = sqlite_utils.Database(path)
    try:
        return {table: db[table].count for table in TABLES}
    finally:
        db.close()


def test_stored_document_is_on_disk_with_its_provenance(
    db: sqlite_utils.Database, archive_path: Path
) -> None:
    doc_id = store_letter(db)
    db.close()
    reopened = open_archive(archive_path)
    record = get_document(reopened, doc_id)
    reopened.close()

    assert record is not None and doc_id == sha(LETTER)
    assert record["kind"] == "letter" and record["date"] == "2024-04-03" and record["year"] == 2024
    assert record["readers"] == "pdfplumber,tesseract" and record["page_count"] == 2
    assert record["ingested_at"] == "2024-05-01T12:00:00+00:00"
    assert [p["reader"] for p in record["pages"]] == ["pdfplumber", "tesseract"]
    assert record["signatories"][0]["name"] == "MARÍA FERNANDA OCHOA BRAVO"
    assert record["signatories"][0]["extractor"] == "signatories.v1"
    codhem = record["institutions"][1]
    assert (codhem["acronym"], codhem["page"]) == ("CODHEM", 2)
    assert (
        record["commitments"][0]["actor_institution_id"]
        == record["institutions"][0]["institution_id"]
    )
    fields = {m["field"] for m in record["mentions"]}
    assert {
        "kind",
        "date",
        "place",
        "title",
        "date:dateline",
        "signatory",
        "institution",
        "commitment",
    } <= fields
    title = next(m for m in record["mentions"] if m["field"] == "title")
    assert LETTER[title["start"] : title["end"]] == "Programa"


def test_mention_ids_are_deterministic(db: sqlite_utils.Database) -> None:
    doc_id = store_letter(db)
    doc = letter_document()
    signer = letter_extraction(doc).signatories[0]
    expected = mention_id(doc_id, "signatory", signer.prov, signer.name)
    ids = {m["id"] for m in get_document(db, doc_id)["mentions"]}  # type: ignore[index]
    assert expected in ids and len(expected) == 16


def test_storing_the_same_file_again_duplicates_nothing(
    db: sqlite_utils.Database, archive_path: Path
) -> None:
    store_letter(db)
    store_press(db)
    before = counts(archive_path)
    store_letter(db)
    store_letter(db, name="copia-del-oficio.txt")
    assert counts(archive_path) == before
    assert [d["file"] for d in list_documents(db)] == ["copia-del-oficio.txt", "boletin-88.md"]


def test_restoring_replaces_the_documents_rows_and_search_index(
    db: sqlite_utils.Database,
) -> None:
    doc_id = store_letter(db)
    doc = letter_document()
    corrected = dataclasses.replace(
        letter_extraction(doc, signer="María Fernanda Ochoa Bravo"), title=None, commitments=()
    )
    path = Path("/inbox/oficio-017.txt")
    store_document(db, sha256=doc_id, path=path, document=doc, extraction=corrected)

    record = get_document(db, doc_id)
    assert record is not None and record["title"] is None and record["commitments"] == []
    assert not [m for m in record["mentions"] if m["field"] in {"title", "commitment"}]
    assert [s["name"] for s in record["signatories"]] == ["María Fernanda Ochoa Bravo"]
    in_titles = "select count(*) from documents_fts where documents_fts match ?"
    assert db.execute(in_titles, ['title : "programa"']).fetchone()[0] == 0
    assert db.execute(in_titles, ['text : "programa"']).fetchone()[0] == 1
    assert db["people"].count == 1  # the new spelling resolved to the same person


def test_known_sha256_names_only_archived_documents(db: sqlite_utils.Database) -> None:
    store_letter(db)
    record_failure(
        db,
        path=Path("/inbox/roto.pdf"),
        sha256="f" * 64,
        reason="truncated",
        versions=("reader.v1",),
    )
    wanted = [sha(LETTER), sha(PRESS), "f" * 64, *(f"{n:064x}" for n in range(1200))]
    assert known_sha256(db, wanted) == {sha(LETTER)}
    assert known_sha256(db, []) == set()


def test_failure_is_recorded_once_then_cleared_when_the_file_is_archived(
    db: sqlite_utils.Database, archive_path: Path
) -> None:
    path = Path("/inbox/oficio-017.txt")
    for reason in ("no text layer", "OCR produced no text"):
        record_failure(
            db, path=path, sha256=sha(LETTER), reason=reason, versions=("reader.v1", "kind.v1")
        )
    record_failure(
        db, path=Path("/inbox/hoja.xlsx"), sha256=None, reason="unsupported format", versions=()
    )
    rows = {Path(f["path"]).name: f for f in failures(db)}
    assert set(rows) == {"oficio-017.txt", "hoja.xlsx"}
    assert rows["oficio-017.txt"]["reason"] == "OCR produced no text"
    assert rows["oficio-017.txt"]["versions"] == "reader.v1,kind.v1"

    store_letter(db)
    db.close()
    reopened = open_archive(archive_path)
    assert [Path(f["path"]).name for f in failures(reopened)] == ["hoja.xlsx"]
    reopened.close()


def test_a_failed_store_leaves_nothing_behind(
    db: sqlite_utils.Database, archive_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> list[dict[str, object]]:
        raise RuntimeError("disk full")

    monkeypatch.setattr("archive.store.mention_rows", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        store_letter(db)
    assert all(n == 0 for n in counts(archive_path).values())


@pytest.mark.parametrize(
    ("path", "root", "expected"),
    [
        ("/srv/bandeja/oficios/017.txt", "/srv/bandeja", "oficios/017.txt"),
        ("/srv/bandeja/017.txt", "/srv/bandeja/017.txt", "017.txt"),
        ("/srv/otra/017.txt", "/srv/bandeja", "017.txt"),
        ("/srv/bandeja/017.txt", None, "017.txt"),
        ("bandeja/oficios/017.txt", "bandeja", "oficios/017.txt"),
    ],
)
def test_document_path_is_relative_to_the_ingested_folder(
    path: str, root: str | None, expected: str
) -> None:
    assert relative_path(Path(path), Path(root) if root else None) == expected


NOT_UTF8 = Path("/inbox") / os.fsdecode(b"oficio-\xff\xfe.txt")


def test_a_file_name_that_is_not_utf8_is_stored_as_displayable_text(
    db: sqlite_utils.Database, archive_path: Path
) -> None:
    doc = letter_document()
    doc_id = store_document(
        db, sha256=sha(LETTER), path=NOT_UTF8, document=doc, extraction=letter_extraction(doc)
    )
    record_failure(
        db, path=NOT_UTF8, sha256=None, reason=f"{NOT_UTF8.name}: roto", versions=("kind.v1",)
    )
    db.close()

    reopened = sqlite_utils.Database(archive_path)
    row = reopened["documents"].get(doc_id)
    # documents.path names no folder of the machine; the private failures table keeps it.
    assert (row["file"], row["path"]) == (r"oficio-\xff\xfe.txt", r"oficio-\xff\xfe.txt")
    (failure,) = reopened["failures"].rows
    assert failure["reason"] == r"oficio-\xff\xfe.txt: roto"
    assert failure["path"] == r"/inbox/oficio-\xff\xfe.txt"


def test_a_failed_extraction_archives_the_text_with_the_reason(
    db: sqlite_utils.Database, archive_path: Path
) -> None:
    doc = letter_document()
    failure = ExtractionFailure("people.v1 failed: KeyError: 'x'", "people.v1")
    record_failure(db, path=Path("/inbox/a.txt"), sha256=sha(LETTER), reason="x", versions=())
    doc_id = store_document(
        db, sha256=sha(LETTER), path=Path("/inbox/a.txt"), document=doc, extraction=failure
    )
    db.close()

    reopened = sqlite_utils.Database(archive_path)
    row = reopened["documents"].get(doc_id)
    assert row["extraction_error"] == failure.reason
    assert row["text"] == doc.text and row["kind"] is None and row["extractor_versions"] == ""
    assert reopened["pages"].count == len(doc.pages)
    assert reopened["mentions"].count == reopened["signatories"].count == 0
    assert reopened["failures"].count == 0
    sql = "select rowid from documents_fts where documents_fts match 'atenco'"
    assert len(list(reopened.query(sql))) == 1  # its text is searchable
    assert known_sha256(reopened, [doc_id]) == {doc_id}


def test_a_whole_extraction_has_no_extraction_error(filled: sqlite_utils.Database) -> None:
    assert {r["extraction_error"] for r in filled["documents"].rows} == {None}


def test_a_month_only_dateline_is_stored_as_a_month_and_found_by_its_month(
    db: sqlite_utils.Database, archive_path: Path
) -> None:
    import datetime as dt

    from archive import search

    doc = letter_document()
    extraction = letter_extraction(doc)
    month_only = dataclasses.replace(
        extraction.dateline, date=dt.date(2024, 3, 1), precision="month"
    )
    store_document(
        db,
        sha256=sha(LETTER),
        path=Path("carta.txt"),
        document=doc,
        extraction=dataclasses.replace(extraction, dateline=month_only),
    )

    (row,) = db["documents"].rows
    assert (row["date"], row["year"]) == ("2024-03", 2024)  # not a day the letter never gave
    in_march = search(db, None, since=dt.date(2024, 3, 15), until=dt.date(2024, 3, 31))
    assert [d["id"] for d in in_march] == [row["id"]]
    assert search(db, None, since=dt.date(2024, 4, 1)) == []
    assert search(db, None, until=dt.date(2024, 2, 29)) == []


def _twice_page_one(doc: DocumentText) -> DocumentText:
    """A document whose reader numbered two pages 1: SQLite refuses its pages."""
    first, second = doc.pages[:2]
    return dataclasses.replace(doc, pages=(first, dataclasses.replace(second, number=1)))


def test_a_document_sqlite_refuses_is_an_archive_error_and_leaves_nothing(
    db: sqlite_utils.Database, archive_path: Path
) -> None:
    doc = letter_document()
    with pytest.raises(ArchiveError, match="cannot be archived: IntegrityError"):
        store_document(
            db,
            sha256=sha(LETTER),
            path=Path("/inbox/oficio-017.txt"),
            document=_twice_page_one(doc),
            extraction=letter_extraction(doc),
        )
    assert all(n == 0 for n in counts(archive_path).values())


def test_a_batch_is_one_transaction_that_keeps_what_was_stored_before_an_error(
    db: sqlite_utils.Database, archive_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> list[dict[str, object]]:
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"), batch(db):
        store_letter(db)
        assert counts(archive_path)["documents"] == 0  # not committed yet: one commit a batch
        monkeypatch.setattr("archive.store.mention_rows", broken)
        store_press(db)
    db.close()
    reopened = open_archive(archive_path)
    assert [d["id"] for d in list_documents(reopened)] == [sha(LETTER)]
    assert reopened.execute("select count(*) from pages").fetchone()[0] == 2  # none of PRESS
    reopened.close()
