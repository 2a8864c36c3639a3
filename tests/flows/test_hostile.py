"""Nothing lost, nothing leaked: a hostile inbox (pdfplumber's own test PDFs read from
../shared, and every kind of broken file written here) is ingested in one run that ends
normally; every file is archived or recorded with a one-line reason, and a second run changes
nothing."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import sqlite_utils

from expediente import output
from extractors import Extractor
from extractors.context import Context
from flows import parallel, pipeline
from flows.runner import run_ingest
from models import IngestReport, path_text
from tests.hostile import LETTER, write_hostile_inbox

ROW_TABLES = ("documents", "pages", "failures", "signatories", "mentions", "commitments")


def ingest(paths: list[Path], archive: Path, workers: int = 1) -> IngestReport:
    """The ingest's steps run in this process, as `expediente ingest` runs them: batches on
    `workers` worker processes (one: in this process)."""
    engine = parallel.LocalWorkers(workers) if workers > 1 else None
    try:
        report, _ = run_ingest([str(p) for p in paths], archive, engine=engine)
    finally:
        if engine is not None:
            engine.close()
    return report


def snapshot(archive: Path) -> dict[str, list[dict]]:
    db = sqlite_utils.Database(archive)
    try:
        return {t: sorted(db[t].rows, key=repr) for t in ROW_TABLES}
    finally:
        db.close()


def test_a_hostile_inbox_is_ingested_whole_and_a_second_run_changes_nothing(
    shared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    peers = shared / "peers" / "pdfplumber-tests"
    assert len(list(peers.glob("*.pdf"))) == 52  # and its README.md
    inbox = tmp_path / "inbox"
    write_hostile_inbox(inbox)
    # Scans cost minutes of Tesseract on 2 cores: each document gets its first OCR page only,
    # at 200 dpi (the lowest resolution that is not enlarged again before OCR).
    monkeypatch.setenv("EXPEDIENTE_OCR_BUDGET", "0")
    monkeypatch.setenv("EXPEDIENTE_OCR_DPI", "200")
    archive = tmp_path / "archive.db"

    began = time.monotonic()
    report = ingest([peers, inbox], archive, workers=2)  # hostile files on worker processes
    first_run = time.monotonic() - began

    files = pipeline.discover([peers, inbox])
    assert len(files) >= 60 and len(report.outcomes) == len(files)
    assert {o.path for o in report.outcomes} == {path_text(f) for f in files}
    for outcome in report.outcomes:
        assert outcome.reason is None or (outcome.reason.strip() and "\n" not in outcome.reason)
        if outcome.status in ("failed", "skipped", "partial", "unextracted"):
            assert outcome.reason, outcome
    by_name = {Path(o.path).name: o for o in report.outcomes}
    for name, status, reason in (
        ("gaceta-enorme.txt", "new", None),
        ("oficio-\\xff\\xfe.txt", "new", None),
        ("a" * 251 + ".txt", "new", None),
        ("clave-de-propietario.pdf", "new", None),
        ("hoja-gigante.pdf", "new", None),
        ("dentro.txt", "new", None),
        ("escaneo-50-paginas.pdf", "partial", "OCR stopped after 1 of 50 pages"),
        ("con-clave.pdf", "failed", "protected by a password"),
        ("truncado.pdf", "failed", "damaged or truncated PDF"),
        ("truncada.jpg", "failed", "damaged or truncated image"),
        ("bomba-contenido.pdf", "failed", "decompression bomb"),
        ("bomba-imagen.pdf", "failed", "too large to OCR"),
        ("bomba.png", "failed", "decompression bomb"),
        ("hoja-gigante-en-blanco.pdf", "failed", "no recognisable text"),
        ("binario-\\xe9.txt", "failed", "binario-\\xe9.txt: "),
        ("password-example.pdf", "failed", "protected by a password"),
    ):
        assert by_name[name].status == status, by_name[name]
        assert reason is None or reason in (by_name[name].reason or ""), by_name[name]
    empties = [by_name[f"vacio{suffix}"] for suffix in ("", ".txt", ".pdf", ".png", ".docx")]
    assert {o.status for o in empties} == {"failed"}  # each is empty, none "the same bytes"
    assert all("empty" in (o.reason or "") for o in empties)
    for link in ("bucle-a", "bucle-b", "roto.txt", "tuberia.txt", "arriba"):
        assert link not in by_name  # not files: left out with a warning, nothing followed

    db = sqlite_utils.Database(archive)
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    archived = {r["id"] for r in db["documents"].rows}
    recorded = {r["path"] for r in db["failures"].rows}
    for outcome in report.outcomes:
        if outcome.status in ("new", "partial", "unextracted"):
            assert outcome.sha256 in archived and outcome.path not in recorded
        elif outcome.status == "failed":
            assert outcome.path in recorded
    for table, key in (("documents", "id"), ("failures", "path"), ("pages", "document_id, number")):
        sql = f"select count(*) - count(distinct {key.replace(', ', ' || ')}) from {table}"
        assert db.execute(sql).fetchone()[0] == 0, table
    giant = db.execute("select text, page_count from documents where file = 'gaceta-enorme.txt'")
    text, pages = giant.fetchone()
    assert len(text) == 1_100_016 - 1 and pages == 1  # the whole text, trailing space cleaned
    db.close()
    before = snapshot(archive)

    second = ingest([peers, inbox], archive)

    assert second.new == second.partial == second.unextracted == ()
    assert snapshot(archive) == before
    print(
        f"\nhostile corpus: {len(files)} files, first run {first_run:.0f} s: {report.summary()}; "
        f"second run: {second.summary()}"
    )
    for outcome in (*report.failed, *report.partial, *report.skipped):
        print(f"  {outcome.status:8} {Path(outcome.path).name[:40]:40} {outcome.reason}")


def _fails_on_marker(ctx: Context) -> None:
    if "FALLA" in ctx.text:
        raise AttributeError("'NoneType' object has no attribute 'start'")


def test_a_failed_extraction_is_archived_as_unextracted_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import extractors

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "bueno.txt").write_text(LETTER, encoding="utf-8")
    (inbox / os.fsdecode(b"falla-\xff.txt")).write_text(LETTER + "FALLA\n", encoding="utf-8")
    broken = (*extractors.REGISTRY, Extractor("falla.v1", "title", _fails_on_marker))
    monkeypatch.setattr(extractors, "REGISTRY", broken)
    archive = tmp_path / "archive.db"

    report = ingest([inbox], archive)

    assert [Path(o.path).name for o in report.new] == ["bueno.txt"]
    (failed,) = report.unextracted
    assert Path(failed.path).name == "falla-\\xff.txt"
    assert (
        failed.reason
        == "falla.v1 failed: AttributeError: 'NoneType' object has no attribute 'start'"
    )
    assert "1 unextracted" in report.summary()
    output.ingest_report(report).encode("utf-8")  # printable as it is
    rows = {r["file"]: r for r in sqlite_utils.Database(archive)["documents"].rows}
    assert rows["falla-\\xff.txt"]["extraction_error"] == failed.reason
    assert "FALLA" in rows["falla-\\xff.txt"]["text"]
    assert rows["bueno.txt"]["extraction_error"] is None and rows["bueno.txt"]["kind"] == "letter"
    assert (archive.parent / rows["falla-\\xff.txt"]["original"]).is_file()
