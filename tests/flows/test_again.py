"""Re-extraction from the stored text (killed half way and continued, archivists' decisions
kept) and partial documents read again from their archived originals."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from archive import merge_people, open_archive, rename_person
from expediente.cli import main
from extractors import DIGEST, VERSIONS, code_digest
from flows.again import reextract, retry_partial, stale_documents
from flows.runner import run_ingest

from ..conftest import ROOT

EXPEDIENTE = Path(sys.executable).parent / "expediente"
OLD = "dates.v0,signatories.v0"  # what an older expediente recorded
LETTERS = 40
LETTER = """\
H. AYUNTAMIENTO DE METEPEC
Metepec, Estado de México, a {day} de marzo de 2024.

OFICIO NÚM. PM/{number}/2024
ASUNTO: Respuesta a la solicitud {number}.

Por medio del presente, este Ayuntamiento se compromete a entregar el informe número {number}
antes del 30 de abril de 2024.

ATENTAMENTE

{signer}
Secretario del Ayuntamiento
"""
SIGNERS = ("LIC. JORGE ALBERTO SALAS PEÑA", "LIC. ROSA ELENA QUINTANA MEJÍA")


def _links(db: sqlite_utils.Database) -> list[tuple[Any, ...]]:
    sql = "select document_id, position, person_id, name from signatories order by 1, 2"
    return [tuple(r) for r in db.execute(sql).fetchall()]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive of LETTERS letters by two signers, as an older version extracted them."""
    folder = tmp_path_factory.mktemp("again")
    inbox = folder / "inbox"
    inbox.mkdir()
    for n in range(LETTERS):
        text = LETTER.format(day=1 + n % 28, number=100 + n, signer=SIGNERS[n % 2])
        (inbox / f"oficio-{n:03d}.txt").write_text(text, encoding="utf-8")
    archive = folder / "archive.db"
    run_ingest([str(inbox)], archive)
    return archive


def _copy(ingested: Path, tmp_path: Path) -> Path:
    target = tmp_path / "archive.db"
    shutil.copyfile(ingested, target)
    shutil.copytree(ingested.parent / "archive.files", tmp_path / "archive.files")
    return target


def _age(archive: Path) -> sqlite_utils.Database:
    """The archive as if an older extractor had made it, with two decisions taken on it."""
    db = open_archive(archive)
    db.execute("update documents set extractor_versions = ?", [OLD])
    db.conn.commit()
    return db


def _decide(db: sqlite_utils.Database) -> tuple[str, str]:
    salas, quintana = (
        db.execute(
            "select distinct person_id from signatories where name like ?", [f"%{s}%"]
        ).fetchone()[0]
        for s in ("SALAS", "QUINTANA")
    )
    merge_people(db, quintana, salas)
    rename_person(db, salas, "Jorge Alberto Salas Peña (Secretaría)")
    return quintana, salas


def test_reextract_extracts_again_and_keeps_decisions(ingested: Path, tmp_path: Path) -> None:
    archive = _copy(ingested, tmp_path)
    db = _age(archive)
    merged, kept = _decide(db)
    before = _links(db)
    db.close()
    report = reextract(archive, batch_size=7)
    assert (report.done, report.left) == (LETTERS, 0)
    db = open_archive(archive)
    assert stale_documents(db) == []
    assert {r[0] for r in db.execute("select extractor_versions from documents")} == {
        ",".join(VERSIONS)
    }
    assert _links(db) == before  # every signature back on the merged person
    assert {r[2] for r in before} == {kept}
    assert db.execute("select 1 from people where id = ?", [merged]).fetchone() is None
    name = db.execute("select name from people where id = ?", [kept]).fetchone()[0]
    assert name == "Jorge Alberto Salas Peña (Secretaría)"
    assert reextract(archive).done == 0  # nothing left: a second run changes nothing


def test_documents_extracted_by_other_code_are_stale_whatever_their_version_names(
    ingested: Path, tmp_path: Path
) -> None:
    archive = _copy(ingested, tmp_path)
    db = open_archive(archive)
    assert stale_documents(db) == []  # as ingested: current names and digest
    assert {r[0] for r in db.execute("select extraction_digest from documents")} == {DIGEST}
    ids = [r[0] for r in db.execute("select id from documents order by rowid limit 5")]
    # Same version names, other rules: what a cue or rule change without a bump leaves.
    db.execute(f"update documents set extraction_digest = 'otro' where id in ({_marks(ids)})", ids)
    db.execute("update documents set extraction_digest = null where id = ?", [ids[0]])
    db.conn.commit()
    assert sorted(stale_documents(db)) == sorted(ids)
    db.close()

    assert reextract(archive).done == len(ids)

    db = open_archive(archive)
    assert stale_documents(db) == []
    db.close()


def _marks(values: list[str]) -> str:
    return ", ".join("?" for _ in values)


def test_the_digest_follows_the_bytes_of_code_and_data(tmp_path: Path) -> None:
    rules = tmp_path / "extractors"
    (rules / "data").mkdir(parents=True)
    (rules / "dates.py").write_text("NAME = 'dates.v1'\n", encoding="utf-8")
    (rules / "data" / "cues.csv").write_text("cue,why\nfecha,\n", encoding="utf-8")
    first = code_digest(rules)
    (rules / "NOTES.md").write_text("no code\n", encoding="utf-8")
    assert code_digest(rules) == first  # not code or data
    (rules / "data" / "cues.csv").write_text("cue,why\nfecha,\ndía,\n", encoding="utf-8")
    assert code_digest(rules) != first


def _current(archive: Path) -> int:
    with sqlite3.connect(archive, timeout=10) as db:
        sql = "select count(*) from documents where extractor_versions = ?"
        return int(db.execute(sql, [",".join(VERSIONS)]).fetchone()[0])


def test_a_killed_reextract_leaves_each_document_old_or_new(ingested: Path, tmp_path: Path) -> None:
    archive = _copy(ingested, tmp_path)
    db = _age(archive)
    _decide(db)
    before = _links(db)
    db.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["HOME"] = str(tmp_path)
    command = [str(EXPEDIENTE), "reextract", "--archive", str(archive), "--batch-size", "1"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    while _current(archive) < 3 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    done = _current(archive)
    assert 3 <= done < LETTERS
    db = open_archive(archive)
    versions = {r[0] for r in db.execute("select extractor_versions from documents")}
    assert versions == {OLD, ",".join(VERSIONS)}  # each document old or new, none half
    assert _links(db) == before
    db.close()
    assert main(["reextract", "--archive", str(archive)]) == 0
    db = open_archive(archive)
    assert stale_documents(db) == [] and _links(db) == before
    db.close()


def test_ingest_retry_partial_reads_the_archived_original(ingested: Path, tmp_path: Path) -> None:
    archive = _copy(ingested, tmp_path)
    db = open_archive(archive)
    doc_id, text = db.execute("select id, text from documents order by id limit 1").fetchone()
    # As a scan whose OCR time budget ran out after its first lines is archived.
    db.execute(
        "update documents set partial_reason = 'OCR time budget', text = ? where id = ?",
        [text[:40], doc_id],
    )
    db.execute("update pages set chars = 40 where document_id = ?", [doc_id])
    db.conn.commit()
    db.close()
    report = retry_partial(archive)
    assert (report.done, report.failed, report.left) == (1, 0, 0)
    db = open_archive(archive)
    row = db.execute("select text, partial_reason from documents where id = ?", [doc_id])
    assert tuple(row.fetchone()) == (text, None)
    assert db.execute(
        "select count(*) from signatories where document_id = ?", [doc_id]
    ).fetchone()[0]
    db.close()


def test_ingest_retry_partial_from_the_command_line(
    ingested: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = _copy(ingested, tmp_path)
    assert main(["ingest", "--retry-partial", "--archive", str(archive)]) == 0
    assert "partial documents read again: 0 documents done, 0 left" in capsys.readouterr().out


def test_ingest_needs_a_path_or_retry_partial(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest"]) == 2
    assert "--retry-partial" in capsys.readouterr().err
