"""SIGKILL at random moments of real ingest processes: the next run completes what a killed one
left half done, and no row is ever half written or points at a missing file."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..conftest import ROOT, SAMPLES

EXPEDIENTE = Path(sys.executable).parent / "expediente"
KILLS = 10  # each kill costs a fresh process (~5 s of imports): 10 keep the suite in CI's budget
LETTER = """\
H. AYUNTAMIENTO DE METEPEC
Metepec, Estado de México, a {day} de marzo de 2024.

OFICIO NÚM. PM/{number}/2024
ASUNTO: Respuesta a la solicitud {number}.

Por medio del presente, este Ayuntamiento se compromete a entregar el informe número {number}
antes del 30 de abril de 2024.

ATENTAMENTE

LIC. JORGE ALBERTO SALAS PEÑA
Secretario del Ayuntamiento
"""


PER_ROUND = 6  # new letters dropped in the inbox before each run: every run has work


def _add_letters(inbox: Path, round_number: int) -> None:
    for n in range(PER_ROUND):
        number = round_number * PER_ROUND + n
        text = LETTER.format(day=1 + number % 28, number=100 + number)
        (inbox / f"oficio-{number:03d}.txt").write_text(text, encoding="utf-8")


@pytest.fixture()
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(SAMPLES / "oficio_metepec_transparencia_texto.pdf", folder / "oficio.pdf")
    (folder / "vacio.txt").write_bytes(b"")
    return folder


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["EXPEDIENTE_BATCH_SIZE"] = "2"  # many stores, so kills land between them too
    env["HOME"] = str(tmp)
    return env


def _ingest(inbox: Path, archive: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(EXPEDIENTE), "ingest", str(inbox), "--archive", str(archive)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_for_run(archive: Path, process: subprocess.Popen[bytes], runs_before: int) -> float:
    """Wait until the process has recorded its run (past start-up and imports); returns when."""
    while process.poll() is None:
        if archive.exists():
            try:
                with sqlite3.connect(archive, timeout=5) as db:
                    if db.execute("select count(*) from runs").fetchone()[0] > runs_before:
                        return time.monotonic()
            except sqlite3.OperationalError:
                pass  # the archive's first migrations are still running
        time.sleep(0.05)
    return time.monotonic()


def _runs(archive: Path) -> int:
    if not archive.exists():
        return 0
    with sqlite3.connect(archive, timeout=5) as db:
        try:
            return int(db.execute("select count(*) from runs").fetchone()[0])
        except sqlite3.OperationalError:
            return 0


def _check_consistent(archive: Path) -> None:
    """What must hold at any moment, killed or not."""
    db = sqlite3.connect(archive)
    try:
        assert db.execute("pragma integrity_check").fetchone() == ("ok",)
        rows = db.execute("select id, original, page_count from documents").fetchall()
        for doc_id, original, page_count in rows:
            assert original, f"{doc_id} archived without its original"
            assert (archive.parent / original).is_file(), original
            pages = db.execute("select count(*) from pages where document_id = ?", [doc_id])
            assert pages.fetchone()[0] == page_count, f"{doc_id}: pages half written"
        for table, key in (
            ("pages", "document_id, number"),
            ("signatories", "document_id, position"),
            ("failures", "path"),
        ):
            dupes = db.execute(
                f"select count(*) from (select {key} from {table} group by {key} "
                "having count(*) > 1)"
            ).fetchone()[0]
            assert dupes == 0, table
    finally:
        db.close()


def test_sigkill_at_random_moments_loses_nothing(inbox: Path, tmp_path: Path) -> None:
    rng = random.Random(20261201)
    archive = tmp_path / "archive.db"
    env = _env(tmp_path)
    # How long a run works (after start-up) sets the range the kills are drawn from.
    probe_archive = tmp_path / "probe.db"
    _add_letters(inbox, 0)
    probe = _ingest(inbox, probe_archive, env)
    began = _wait_for_run(probe_archive, probe, 0)
    assert probe.wait(timeout=600) == 0
    work = time.monotonic() - began

    killed_mid_run = attempts = 0
    # Until KILLS kills have landed mid-run (a run may end before its kill on a loaded machine).
    while killed_mid_run < KILLS and attempts < 3 * KILLS:
        attempts += 1
        _add_letters(inbox, attempts)
        process = _ingest(inbox, archive, env)
        _wait_for_run(archive, process, _runs(archive))
        time.sleep(rng.uniform(0, work))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=600)
        with sqlite3.connect(archive, timeout=5) as db:
            # Killed before its run was recorded as ended: the next run must mark it.
            last = "select status from runs order by started_at desc, rowid desc limit 1"
            killed_mid_run += db.execute(last).fetchone()[0] == "running"
        _check_consistent(archive)
        if attempts % 5 == 0:  # now and then the next run goes to the end
            finished = _ingest(inbox, archive, env)
            assert finished.wait(timeout=600) == 0, finished.stderr
            _check_consistent(archive)
    assert killed_mid_run == KILLS

    final = _ingest(inbox, archive, env)
    assert final.wait(timeout=600) == 0
    _check_consistent(archive)

    db = sqlite3.connect(archive)
    files = sorted(p for p in inbox.iterdir() if p.stat().st_size)
    assert db.execute("select count(*) from documents").fetchone()[0] == len(files)
    assert db.execute("select count(*) from failures").fetchone()[0] == 1  # the empty file
    statuses = dict(db.execute("select status, count(*) from runs group by status").fetchall())
    assert statuses.get("running", 0) == 0  # every killed run was marked by a later one
    assert statuses["interrupted"] == killed_mid_run
    db.close()
    print(
        f"\n{killed_mid_run} kills mid-run in {attempts} attempts; "
        f"{len(files)} files archived once each; runs: {statuses}"
    )
    leftovers = list((tmp_path / "archive.files").rglob(".incoming-*"))
    assert len(leftovers) <= killed_mid_run  # temporary copies only; never a stored name


def _children(pid: int) -> list[int]:
    """Ids of the live processes whose parent is `pid` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def test_workers_of_a_killed_ingest_end_with_it(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for number in range(12):  # several batches: worker processes start
        text = LETTER.format(day=1 + number, number=500 + number)
        (inbox / f"oficio-{number:03d}.txt").write_text(text, encoding="utf-8")
    env = _env(tmp_path)
    process = subprocess.Popen(
        [str(EXPEDIENTE), "ingest", str(inbox), "--archive", str(tmp_path / "a.db")]
        + ["--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        # The workers are forked from the ingest's fork server (flows/parallel.py).
        servers = [c for c in _children(process.pid) if b"forkserver" in _cmdline(c)]
        workers = [w for server in servers for w in _children(server)]
    assert len(workers) >= 2, "the ingest never started its worker processes"
    workers += servers

    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)

    deadline = time.monotonic() + 30
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [w for w in workers if _alive(w)], "worker processes outlived the killed ingest"


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
