"""The ingest steps run in this process (the command line's default): no Prefect server, a fresh
home, the runs ledger, and what an earlier killed run left behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import sqlite_utils

from archive import open_archive
from archive.runs import begin_run, interrupt_stale_runs
from expediente.commands import prefect_configured
from flows.runner import run_ingest

from ..conftest import ROOT, SAMPLES

EXPEDIENTE = Path(sys.executable).parent / "expediente"


def test_a_fresh_home_ingests_without_prefect(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["HOME"] = str(home)
    archive = tmp_path / "archive.db"
    sample = SAMPLES / "carta_zinacantepec_vacunacion.txt"
    done = subprocess.run(
        [str(EXPEDIENTE), "ingest", str(sample), "--archive", str(archive)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "1 new, 0 skipped, 0 failed" in done.stdout
    assert "ran in this process" in done.stdout
    assert "Traceback" not in done.stderr
    # Not a terminal: plain progress lines on stderr, no bar.
    assert "ingest: 1 files, 1 to read" in done.stderr and "\r" not in done.stderr
    assert "ingest: 1/1 files, 0 pages OCRed" in done.stderr
    assert not (home / ".prefect").exists()  # Prefect was not even imported
    runs = list(sqlite_utils.Database(archive)["runs"].rows)
    assert [(r["mode"], r["status"], r["new"]) for r in runs] == [("in-process", "finished", 1)]


def test_prefect_is_used_only_when_an_api_is_configured(tmp_path: Path) -> None:
    assert not prefect_configured({"HOME": str(tmp_path)})
    assert prefect_configured({"PREFECT_API_URL": "http://127.0.0.1:4200/api"})
    assert not prefect_configured({"PREFECT_API_URL": ""})
    profiles = tmp_path / "profiles.toml"
    profiles.write_text(
        'active = "local"\n[profiles.local]\nPREFECT_API_URL = "http://127.0.0.1:4200/api"\n'
        '[profiles.ephemeral]\nPREFECT_SERVER_ALLOW_EPHEMERAL_MODE = "true"\n',
        encoding="utf-8",
    )
    assert prefect_configured({"PREFECT_PROFILES_PATH": str(profiles)})
    assert not prefect_configured(
        {"PREFECT_PROFILES_PATH": str(profiles), "PREFECT_PROFILE": "ephemeral"}
    )


def test_identical_empty_files_are_each_empty_not_archived(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(8):
        (inbox / f"vacio-{n}.txt").write_bytes(b"")
    archive = tmp_path / "archive.db"

    report, _ = run_ingest([str(inbox)], archive)

    assert len(report.failed) == 8 and not report.skipped and not report.new
    assert all("empty" in (o.reason or "") for o in report.failed)
    assert sqlite_utils.Database(archive)["failures"].count == 8


def test_a_killed_run_is_marked_interrupted_by_the_next(tmp_path: Path) -> None:
    archive = tmp_path / "archive.db"
    db = open_archive(archive)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    killed = begin_run(db, mode="in-process", paths=["inbox"])
    db.table("runs").update(killed, {"pid": dead.pid})
    alive = begin_run(db, mode="in-process", paths=["inbox"])  # this process: still running
    db.close()

    report, interrupted = run_ingest([str(SAMPLES / "carta_zinacantepec_vacunacion.txt")], archive)

    assert [r["id"] for r in interrupted] == [killed]
    rows = {r["id"]: r for r in sqlite_utils.Database(archive)["runs"].rows}
    assert rows[killed]["status"] == "interrupted" and rows[killed]["ended_at"]
    assert rows[alive]["status"] == "running"
    assert len(report.new) == 1


def test_only_this_hosts_dead_processes_are_interrupted(tmp_path: Path) -> None:
    db = open_archive(tmp_path / "archive.db")
    begin_run(db, mode="prefect", paths=["x"], flow_run_id="f")
    db.execute("update runs set host = 'otra-maquina'")
    assert interrupt_stale_runs(db, alive=lambda pid: False) == []
    assert interrupt_stale_runs(db, host="otra-maquina", alive=lambda pid: True) == []
    assert len(interrupt_stale_runs(db, host="otra-maquina", alive=lambda pid: False)) == 1
    db.close()
