"""The store step: a batch's documents in one transaction, a savepoint each; a document SQLite
refuses is recorded as failed, with why, and the rest of the batch is archived."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import sqlite_utils

from archive import failures, open_archive
from flows import pipeline
from models import Dateline, DocumentText, Extraction, KindGuess

TEXT = "Oficio {n}\n\nToluca, 3 de abril de 2024\n\nSolicito el informe {n}."


def _processed(inbox: Path, n: int, *, refused: bool = False) -> pipeline.Processed:
    path = inbox / f"oficio-{n}.txt"
    path.write_text(TEXT.format(n=n), encoding="utf-8")
    document = DocumentText.from_pages([(TEXT.format(n=n), "text"), ("Página dos", "text")])
    if refused:  # a reader that numbered two pages 1: the pages' key refuses the second
        first, second = document.pages
        twice = (first, dataclasses.replace(second, number=1))
        document = dataclasses.replace(document, pages=twice)
    extraction = Extraction(KindGuess("letter", "test"), Dateline(None, None), versions=("t.v1",))
    candidate = pipeline.Candidate(path, pipeline.sha256_of(path))
    return pipeline.Processed(candidate, document, extraction)


def test_a_refused_document_is_recorded_and_the_batch_goes_on(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    archive = tmp_path / "archive.db"
    batch = [_processed(inbox, 1), _processed(inbox, 2, refused=True), _processed(inbox, 3)]

    outcomes = pipeline.store(batch, archive, [inbox])

    assert [o.status for o in outcomes] == ["new", "failed", "new"]
    assert "cannot be archived: IntegrityError" in (outcomes[1].reason or "")
    db = open_archive(archive)
    try:
        stored = {row["file"] for row in db.query("select file from documents")}
        assert stored == {"oficio-1.txt", "oficio-3.txt"}
        assert db.execute("select count(*) from pages").fetchone()[0] == 4  # none of the 2nd
        (failure,) = failures(db)
        assert Path(failure["path"]).name == "oficio-2.txt"
        assert failure["reason"] == outcomes[1].reason
    finally:
        db.close()
    located = sqlite_utils.Database(archive)["document_locations"].count
    assert located == 2
