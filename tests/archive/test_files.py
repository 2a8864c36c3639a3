"""Originals stored content-addressed beside the archive, derived copies, and the documents'
links to them."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
import sqlite_utils

from archive import open_archive, set_document_files, store_derived, store_original
from archive.files import files_folder, resolve_stored
from models import ArchiveError

from .conftest import store_letter


def write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def test_original_is_copied_to_its_content_address(archive_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "inbox" / "Oficio-17.PDF"
    source.parent.mkdir()
    digest = write(source, b"%PDF-1.4 oficio de prueba")
    os.utime(source, (1_000_000, 1_000_000))

    relative = store_original(archive_path, source, digest)

    assert relative == f"archive.files/originals/{digest[:2]}/{digest[2:]}.pdf"
    stored = resolve_stored(archive_path, relative)
    assert stored == tmp_path / relative
    assert stored.read_bytes() == b"%PDF-1.4 oficio de prueba"
    assert source.read_bytes() == b"%PDF-1.4 oficio de prueba"
    assert source.stat().st_mtime == 1_000_000
    assert [p.name for p in stored.parent.iterdir()] == [stored.name]  # no temporary left


def test_storing_the_same_bytes_again_keeps_the_first_copy(
    archive_path: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    digest = write(first, "Oficio núm. 3".encode())
    write(second, "Oficio núm. 3".encode())
    relative = store_original(archive_path, first, digest)
    stored = resolve_stored(archive_path, relative)
    os.utime(stored, (2_000_000, 2_000_000))
    assert store_original(archive_path, second, digest) == relative
    assert stored.stat().st_mtime == 2_000_000


def test_bytes_that_do_not_match_the_sha256_are_refused(archive_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "oficio.txt"
    write(source, b"contenido real")
    wrong = hashlib.sha256(b"otro contenido").hexdigest()
    with pytest.raises(ArchiveError, match="does not have the sha256"):
        store_original(archive_path, source, wrong)
    assert not any(p.is_file() for p in files_folder(archive_path).rglob("*"))


@pytest.mark.parametrize("sha256", ["", "abc", "G" * 64, "A" * 64, "a" * 63])
def test_a_malformed_sha256_is_refused(archive_path: Path, tmp_path: Path, sha256: str) -> None:
    source = tmp_path / "oficio.txt"
    write(source, b"x")
    with pytest.raises(ArchiveError, match="sha256"):
        store_original(archive_path, source, sha256)


def test_derived_copy_is_stored_under_its_original(archive_path: Path, tmp_path: Path) -> None:
    digest = hashlib.sha256(b"escaneo").hexdigest()
    pdf = tmp_path / "ocr-output.pdf"
    write(pdf, b"%PDF searchable v1")
    relative = store_derived(archive_path, digest, "searchable.pdf", pdf)
    assert relative == f"archive.files/derived/{digest}/searchable.pdf"
    write(pdf, b"%PDF searchable v2")
    assert store_derived(archive_path, digest, "searchable.pdf", pdf) == relative
    assert resolve_stored(archive_path, relative).read_bytes() == b"%PDF searchable v2"


@pytest.mark.parametrize("name", ["", ".", "..", "../evil.pdf", "sub/searchable.pdf", "a\\b"])
def test_derived_names_must_be_plain_file_names(
    archive_path: Path, tmp_path: Path, name: str
) -> None:
    source = tmp_path / "x.pdf"
    write(source, b"x")
    with pytest.raises(ArchiveError, match="plain file name"):
        store_derived(archive_path, "a" * 64, name, source)


def test_documents_link_to_their_files_across_reingest(
    db: sqlite_utils.Database, archive_path: Path
) -> None:
    doc_id = store_letter(db)
    original = f"archive.files/originals/{doc_id[:2]}/{doc_id[2:]}.txt"
    set_document_files(db, doc_id, original=original)
    set_document_files(db, doc_id, searchable_copy=f"archive.files/derived/{doc_id}/s.pdf")
    store_letter(db)  # stored again: the links stay
    db.close()

    reopened = open_archive(archive_path)
    row = reopened["documents"].get(doc_id)
    assert row["original"] == original
    assert row["searchable_copy"] == f"archive.files/derived/{doc_id}/s.pdf"
    with pytest.raises(ArchiveError, match="no document"):
        set_document_files(reopened, "f" * 64, original="x")
    reopened.close()


def test_migration_adds_the_file_columns(db: sqlite_utils.Database) -> None:
    columns = db["documents"].columns_dict
    assert columns["original"] is str and columns["searchable_copy"] is str
    assert "m006_document_files" in [r["name"] for r in db.query("select name from migrations")]


def test_stale_temporary_copies_of_killed_runs_are_removed(tmp_path: Path) -> None:
    import os
    import time

    from archive.files import remove_stale_copies, staging_folder

    archive = tmp_path / "archive.db"
    folder = staging_folder(archive)
    folder.mkdir(parents=True)
    old, fresh = folder / ".incoming-old", folder / ".incoming-fresh"
    old.write_bytes(b"half a copy")
    fresh.write_bytes(b"a copy in progress")
    (folder / "cdef.pdf").write_bytes(b"a stored original")
    an_hour_ago = time.time() - 7200
    os.utime(old, (an_hour_ago, an_hour_ago))

    assert remove_stale_copies(archive) == 1
    assert not old.exists() and fresh.exists() and (folder / "cdef.pdf").exists()


@pytest.mark.parametrize(
    ("name", "suffix"),
    [
        ("Oficio-17.PDF", ".pdf"),
        ("acta.tar.gz", ".gz"),
        ("sin-extension", ""),
        ("Oficio 3.5 final", ""),
        ("x." + "a" * 240, ""),
        (os.fsdecode(b"carta.p\xffdf"), ""),
    ],
)
def test_the_copy_keeps_only_a_short_plain_extension(
    archive_path: Path, tmp_path: Path, name: str, suffix: str
) -> None:
    source = tmp_path / name
    digest = write(source, b"oficio " + name.encode("utf-8", "surrogateescape"))
    relative = store_original(archive_path, source, digest)
    assert relative == f"archive.files/originals/{digest[:2]}/{digest[2:]}{suffix}"
    assert resolve_stored(archive_path, relative).is_file()
