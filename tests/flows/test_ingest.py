"""The ingest flow, run for real on a Prefect test server, over real files into a real archive."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlite_utils

from flows import pipeline
from flows.ingest import ingest
from models import ArchiveError

LETTER = """\
H. AYUNTAMIENTO DE METEPEC
Metepec, Estado de México, a 14 de marzo de 2024.

ASUNTO: Solicitud de información pública.

MTRA. ELENA RÍOS VARGAS
DIRECTORA DE TRANSPARENCIA
P R E S E N T E

Por medio del presente, este Ayuntamiento se compromete a entregar los informes trimestrales
antes del 30 de abril de 2024.

ATENTAMENTE

LIC. JORGE ALBERTO SALAS PEÑA
Secretario del Ayuntamiento
"""


@pytest.fixture()
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    (folder / "oficios").mkdir(parents=True)
    (folder / "oficios" / "oficio-metepec.txt").write_text(LETTER, encoding="utf-8")
    (folder / "copia.txt").write_text(LETTER, encoding="utf-8")  # same bytes, another name
    (folder / "vacio.txt").write_bytes(b"")
    (folder / "binario.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "truncado.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog")
    (folder / "hoja.xlsx").write_bytes(b"PK\x03\x04 not a document expediente reads")
    (folder / ".oculto.txt").write_text(LETTER, encoding="utf-8")
    return folder


def test_discover_walks_folders_and_skips_hidden_files(inbox: Path) -> None:
    found = {p.name for p in pipeline.discover([inbox])}
    assert found == {
        "oficio-metepec.txt",
        "copia.txt",
        "vacio.txt",
        "binario.txt",
        "truncado.pdf",
        "hoja.xlsx",
    }


def test_discover_names_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no-existe"):
        pipeline.discover([tmp_path / "no-existe"])


def test_ingest_flow_archives_new_files_and_records_bad_ones(
    prefect_harness: None, inbox: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "archive.db"
    report = ingest(paths=[str(inbox)], archive=str(archive))

    assert len(report.new) == 1
    assert {Path(o.path).name for o in report.skipped} <= {"copia.txt", "oficio-metepec.txt"}
    assert len(report.skipped) == 1 and "same bytes" in (report.skipped[0].reason or "")
    failed = {Path(o.path).name: o.reason or "" for o in report.failed}
    assert set(failed) == {"vacio.txt", "binario.txt", "truncado.pdf", "hoja.xlsx"}
    assert all(reason.strip() for reason in failed.values())

    db = sqlite_utils.Database(archive)  # re-opened: what the flow wrote is on disk
    docs = list(db["documents"].rows)
    assert len(docs) == 1
    assert docs[0]["kind"] == "letter"
    assert docs[0]["date"] == "2024-03-14"
    assert "Secretario del Ayuntamiento" in docs[0]["text"]
    assert {Path(r["path"]).name for r in db["failures"].rows} == set(failed)
    # The archive's own copy of the original, content-addressed, beside the archive file.
    original = archive.parent / docs[0]["original"]
    assert original.read_bytes() == (inbox / "oficios" / "oficio-metepec.txt").read_bytes()
    assert docs[0]["id"][2:] in original.name


def test_second_run_skips_archived_files_and_changes_nothing(
    prefect_harness: None, inbox: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "archive.db"
    ingest(paths=[str(inbox)], archive=str(archive))
    before = list(sqlite_utils.Database(archive)["documents"].rows)

    shutil.copy(inbox / "oficios" / "oficio-metepec.txt", inbox / "otra-copia.txt")
    report = ingest(paths=[str(inbox)], archive=str(archive))

    assert report.new == () and report.failed == ()
    reasons = {Path(o.path).name: o.reason or "" for o in report.skipped}
    archived = {name for name, reason in reasons.items() if "already archived" in reason}
    assert archived == {"oficio-metepec.txt", "copia.txt"}
    # Known bytes at a new path: another location of the same document, not a new one.
    assert [Path(o.path).name for o in report.new_locations] == ["otra-copia.txt"]
    # Bad files are not read again: the same bytes would fail the same way.
    failed_before = {name for name, reason in reasons.items() if "failed before" in reason}
    assert failed_before == {"vacio.txt", "binario.txt", "truncado.pdf", "hoja.xlsx"}
    assert list(sqlite_utils.Database(archive)["documents"].rows) == before


def test_a_scan_gets_a_searchable_copy_and_a_budget_overrun_is_partial(
    prefect_harness: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pdfplumber

    from tests.scans import VARIANTS, render_letter, scan

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    page = scan(render_letter(), VARIANTS[0])
    page.save(inbox / "carta.png")
    pages = [scan(render_letter(), v) for v in VARIANTS[:2]]
    pages[0].save(inbox / "expediente.tif", save_all=True, append_images=pages[1:])
    monkeypatch.setenv("EXPEDIENTE_OCR_BUDGET", "0")  # only each document's first page
    archive = tmp_path / "archive.db"

    report = ingest(paths=[str(inbox)], archive=str(archive))

    assert [Path(o.path).name for o in report.new] == ["carta.png"]
    assert [Path(o.path).name for o in report.partial] == ["expediente.tif"]
    assert "time budget" in (report.partial[0].reason or "")
    rows = {r["file"]: r for r in sqlite_utils.Database(archive)["documents"].rows}
    assert rows["expediente.tif"]["partial_reason"] == report.partial[0].reason
    assert rows["carta.png"]["partial_reason"] is None
    copy = archive.parent / rows["carta.png"]["searchable_copy"]
    with pdfplumber.open(copy) as pdf:
        layer = pdf.pages[0].extract_text()
    assert "Obras Públicas" in layer
    assert rows["carta.png"]["original"] != rows["carta.png"]["searchable_copy"]


def test_a_killed_prefect_run_is_closed_as_crashed_by_the_next(
    prefect_harness: None, inbox: Path, tmp_path: Path
) -> None:
    import os
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL

    from ..conftest import ROOT

    archive = tmp_path / "archive.db"
    env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value())}
    expediente = Path(sys.executable).parent / "expediente"
    process = subprocess.Popen(
        [str(expediente), "ingest", str(inbox), "--archive", str(archive)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    flow_run_id = None
    deadline = time.monotonic() + 240
    while flow_run_id is None and time.monotonic() < deadline and process.poll() is None:
        try:
            rows = sqlite_utils.Database(archive).query("select flow_run_id from runs")
            flow_run_id = next((r["flow_run_id"] for r in rows), None)
        except sqlite3.OperationalError:
            pass  # not created or not migrated yet
        time.sleep(0.1)
    assert flow_run_id, "the Prefect flow run did not start"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    with get_client(sync_client=True) as client:
        assert client.read_flow_run(flow_run_id).state_type.value == "RUNNING"

    ingest(paths=[str(inbox)], archive=str(archive))

    with get_client(sync_client=True) as client:
        assert client.read_flow_run(flow_run_id).state_type.value == "CRASHED"
    runs = {r["flow_run_id"]: r["status"] for r in sqlite_utils.Database(archive)["runs"].rows}
    assert runs[flow_run_id] == "interrupted"


@pytest.mark.parametrize(
    ("error", "retried"),
    [
        (OSError("disk I/O error"), True),
        (TimeoutError("the share did not answer"), True),
        (PermissionError("read-only"), False),
        (FileNotFoundError("gone"), False),
        (ArchiveError("not an archive"), False),
        (ValueError("a bug"), False),
    ],
)
def test_only_transient_io_errors_are_retried(error: BaseException, retried: bool) -> None:
    from prefect.states import Failed

    from flows.ingest import _transient

    assert _transient(None, None, Failed(data=error)) is retried  # type: ignore[arg-type]
