"""Exports of the archive: csv, jsonl and sqlite, the manifest, stable ids, redaction."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import sqlite_utils

from archive import export_archive, open_archive
from archive.export import DATASET_TABLES
from archive.redact import key_path, load_or_create_key, pseudonym
from models import ArchiveError

from .conftest import store_letter, store_press
from .test_redact import CITIZEN, OFFICIAL, PRIVATE_VALUES, store_citizen_letter


@pytest.fixture()
def archive(archive_path: Path) -> Path:
    """An archive with a letter, a press release, a letter to a citizen and a failure."""
    db = open_archive(archive_path)
    store_letter(db)
    store_press(db)
    store_citizen_letter(db)
    db["failures"].insert({"id": "f1", "path": "/inbox/roto.pdf", "reason": "truncated"})
    db.close()
    return archive_path


def read_table(folder: Path, table: str, fmt: str) -> list[dict[str, object]]:
    path = folder / f"{table}.{fmt}"
    with path.open(encoding="utf-8", newline="") as fh:
        if fmt == "csv":
            return list(csv.DictReader(fh))
        return [json.loads(line) for line in fh]


def archive_ids(archive_path: Path, table: str) -> set[str]:
    db = sqlite_utils.Database(archive_path)
    try:
        column = "id" if "id" in db[table].columns_dict else "document_id"
        return {str(row[column]) for row in db[table].rows}
    finally:
        db.close()


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_one_file_per_table_with_the_archive_ids(archive: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "out"
    manifest = export_archive(archive, out, fmt)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{t}.{fmt}" for t in DATASET_TABLES] + ["datapackage.json"]
    )
    assert json.loads((out / "datapackage.json").read_text(encoding="utf-8")) == manifest
    assert manifest["redacted"] is False and manifest["format"] == fmt
    for resource in manifest["resources"]:
        rows = read_table(out, resource["name"], fmt)
        assert len(rows) == resource["rows"] > 0, resource["name"]
        column = "id" if "id" in rows[0] else "document_id"
        assert {str(r[column]) for r in rows} == archive_ids(archive, resource["name"])
    documents = manifest["resources"][0]
    assert documents["name"] == "documents" and documents["schema"]["primaryKey"] == ["id"]
    assert {"name": "original", "type": "string"} in documents["schema"]["fields"]
    assert CITIZEN.upper() in (out / f"documents.{fmt}").read_text(encoding="utf-8")


def test_sqlite_export_is_one_file_without_failures(archive: Path, tmp_path: Path) -> None:
    manifest = export_archive(archive, tmp_path / "out", "sqlite")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "datapackage.json",
        "expediente.db",
    ]
    db = sqlite_utils.Database(tmp_path / "out" / "expediente.db")
    assert not db["failures"].exists()
    for resource in manifest["resources"]:
        assert db[resource["table"]].count == resource["rows"]
    assert {r["id"] for r in db["documents"].rows} == archive_ids(archive, "documents")
    db.close()


def test_export_never_changes_the_archive(archive: Path, tmp_path: Path) -> None:
    before = archive_ids(archive, "people")
    export_archive(archive, tmp_path / "out", "sqlite", redact=True)
    assert archive_ids(archive, "people") == before
    db = sqlite_utils.Database(archive)
    assert CITIZEN.upper() in "".join(r["text"] for r in db["documents"].rows)
    assert db["failures"].count == 1
    db.close()


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "sqlite"])
def test_redacted_export_keeps_officials_and_hides_private_people(
    archive: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / "out"
    manifest = export_archive(archive, out, fmt, redact=True)
    assert manifest["redacted"] is True
    assert manifest["redaction"]["private_people"] == 1
    if fmt == "sqlite":
        db = sqlite_utils.Database(out / "expediente.db")
        written = "\n".join(str(r) for t in DATASET_TABLES for r in db[t].rows)
        db.close()
        raw = (out / "expediente.db").read_bytes().decode("utf-8", "replace")
        assert "Salas Ibarra" not in raw and "SALAS IBARRA" not in raw  # nor in free pages
    else:
        written = "\n".join(p.read_text(encoding="utf-8") for p in out.glob(f"*.{fmt}"))
    for value in PRIVATE_VALUES:
        assert value not in written, value
    alias = pseudonym(CITIZEN, load_or_create_key(key_path(archive)))
    assert alias in written
    assert OFFICIAL in written and "Directora de Control Escolar" in written
    assert "MARÍA FERNANDA OCHOA BRAVO" in written and "Presidenta Municipal" in written


def test_pseudonyms_are_the_same_across_exports(archive: Path, tmp_path: Path) -> None:
    export_archive(archive, tmp_path / "a", "csv", redact=True)
    export_archive(archive, tmp_path / "b", "jsonl", redact=True)
    people_csv = {r["name"] for r in read_table(tmp_path / "a", "people", "csv")}
    people_jsonl = {r["name"] for r in read_table(tmp_path / "b", "people", "jsonl")}
    assert people_csv == people_jsonl
    assert len([n for n in people_csv if str(n).startswith("Persona ")]) == 1


def test_unknown_format_or_missing_archive_is_an_error(archive: Path, tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="unknown export format"):
        export_archive(archive, tmp_path / "out", "xlsx")
    with pytest.raises(ArchiveError, match="no archive"):
        export_archive(tmp_path / "none.db", tmp_path / "out", "csv")
