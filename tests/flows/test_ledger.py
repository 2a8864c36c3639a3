"""Re-runs cost nothing and every run keeps its ledger: the stat cache, new locations of archived
bytes, run_files written as files finish, Datasette's facets on the ledger, the progress bar.
Real ingests (spaCy, SQLite files in tmp_path) of small synthetic letters."""

from __future__ import annotations

import asyncio
import io
import os
import pty
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest
import sqlite_utils

from archive import make_datasette
from archive.export import publication_copy
from expediente.progress import IngestProgress
from flows import pipeline
from flows.runner import IN_PROCESS, run_ingest
from models import FileOutcome

LETTER = """\
H. AYUNTAMIENTO DE TENANCINGO
Tenancingo, Estado de México, a {day} de mayo de 2024.

ASUNTO: Oficio número {day}.

Por medio del presente se informa el avance del programa municipal.

ATENTAMENTE

LIC. ROSAURA DÍAZ MEJÍA
Secretaria del Ayuntamiento
"""
EXPEDIENTE = Path(sys.executable).parent / "expediente"
HOUR_AGO = time.time() - 3600  # inbox files not being written (the stat cache trusts them)


def write_letters(folder: Path, days: Sequence[int]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for day in days:
        path = folder / f"oficio-{day}.txt"
        path.write_text(LETTER.format(day=day), encoding="utf-8")
        os.utime(path, (HOUR_AGO, HOUR_AGO))
        written.append(path)
    return written


def rows(archive: Path, table: str) -> list[dict]:
    db = sqlite_utils.Database(archive)
    try:
        return [dict(r) for r in db[table].rows]
    finally:
        db.close()


def last_run(archive: Path) -> str:
    return str(rows(archive, "runs")[-1]["id"])


@pytest.fixture(scope="module")
def archived(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """An inbox of three letters, archived once; each test works on its own copy."""
    base = tmp_path_factory.mktemp("ledger")
    write_letters(base / "inbox", (3, 4, 5))
    run_ingest([str(base / "inbox")], base / "archive.db")
    return base / "inbox", base / "archive.db"


@pytest.fixture()
def copy(archived: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    inbox, archive = archived
    shutil.copytree(inbox, tmp_path / "inbox")  # copy2: mtimes kept, inodes new
    for name in ("archive.db", "archive.db-wal", "archive.db-shm"):
        if (archive.parent / name).exists():
            shutil.copy2(archive.parent / name, tmp_path / name)
    db = sqlite_utils.Database(tmp_path / "archive.db")
    # The copied inbox is the archived one moved here: paths and inodes follow it.
    for row in list(db["file_stats"].rows):
        moved = tmp_path / "inbox" / Path(row["path"]).name
        db["file_stats"].delete(row["path"])
        db["file_stats"].insert({**row, "path": str(moved), "inode": moved.stat().st_ino})
    db.execute(
        "update document_locations set path = ? || substr(path, ?)",
        [str(tmp_path / "inbox"), len(str(inbox)) + 1],
    )
    db.conn.commit()
    db.close()
    return tmp_path / "inbox", tmp_path / "archive.db"


def test_an_unchanged_file_is_not_read_again(copy: tuple[Path, Path]) -> None:
    inbox, archive = copy
    letter = inbox / "oficio-3.txt"
    # Other bytes, same size, mtime and inode: only a re-run that reads the file could tell.
    same_size = LETTER.format(day=8).encode()
    assert len(same_size) == letter.stat().st_size
    with letter.open("r+b") as fh:
        fh.write(same_size)
    os.utime(letter, (HOUR_AGO, HOUR_AGO))

    report, _ = run_ingest([str(inbox)], archive)

    assert report.new == () and len(report.skipped) == 3
    assert {o.reason for o in report.skipped} == {"already archived (same sha256)"}


def test_a_changed_file_is_hashed_again_and_archived(copy: tuple[Path, Path]) -> None:
    inbox, archive = copy
    (inbox / "oficio-4.txt").write_text(LETTER.format(day=24), encoding="utf-8")

    report, _ = run_ingest([str(inbox)], archive)

    assert [Path(o.path).name for o in report.new] == ["oficio-4.txt"]
    assert len(rows(archive, "documents")) == 4
    cached = {Path(r["path"]).name: r["sha256"] for r in rows(archive, "file_stats")}
    assert cached["oficio-4.txt"] == report.new[0].sha256


def test_known_bytes_under_a_new_path_are_a_new_location(copy: tuple[Path, Path]) -> None:
    inbox, archive = copy
    before = rows(archive, "documents")
    (inbox / "2024").mkdir()
    moved = inbox / "2024" / "oficio-5-copia.txt"
    shutil.copy2(inbox / "oficio-5.txt", moved)

    report, _ = run_ingest([str(inbox)], archive)

    assert [Path(o.path).name for o in report.new_locations] == ["oficio-5-copia.txt"]
    assert "oficio-5.txt" in (report.new_locations[0].reason or "")
    assert "1 new locations" in report.summary()
    assert rows(archive, "documents") == before  # no document duplicated
    places = {
        Path(r["path"]).name
        for r in rows(archive, "document_locations")
        if r["document_id"] == report.new_locations[0].sha256
    }
    assert places == {"oficio-5.txt", "oficio-5-copia.txt"}
    again, _ = run_ingest([str(inbox)], archive)
    assert again.new_locations == () and len(again.skipped) == 4
    runs = rows(archive, "runs")  # in the order they ran
    assert [r["new_locations"] for r in runs[-2:]] == [1, 0]


def test_the_same_bytes_twice_in_one_run_are_both_locations(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    first = write_letters(inbox, (9,))[0]
    shutil.copy2(first, inbox / "duplicado.txt")
    archive = tmp_path / "archive.db"

    report, _ = run_ingest([str(inbox)], archive)
    again, _ = run_ingest([str(inbox)], archive)

    assert len(report.new) == 1 and "same bytes" in (report.skipped[0].reason or "")
    assert {Path(r["path"]).name for r in rows(archive, "document_locations")} == {
        "oficio-9.txt",
        "duplicado.txt",
    }
    assert again.new_locations == () and len(again.skipped) == 2


def test_each_file_is_in_the_ledger_as_it_finishes(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_letters(inbox, (10, 11, 12))
    (inbox / "vacio.txt").write_bytes(b"")
    archive = tmp_path / "archive.db"
    stored: list[int] = []

    def store_then_die(processed, archive, roots):  # type: ignore[no-untyped-def]
        if stored:
            raise KeyboardInterrupt  # the operator's Ctrl-C during the second batch
        done = pipeline.store(processed, archive, roots)
        stored.append(len(done))
        return done

    steps = replace(IN_PROCESS, store=store_then_die)
    with pytest.raises(KeyboardInterrupt):
        run_ingest([str(inbox)], archive, steps=steps, batch_size=2)

    (run,) = rows(archive, "runs")
    files = {Path(r["path"]).name: r for r in rows(archive, "run_files")}
    assert run["status"] == "failed"
    assert set(files) == {"oficio-10.txt", "oficio-11.txt"}  # the first batch, kept
    assert {r["status"] for r in files.values()} == {"new"}
    assert all(r["run_id"] == run["id"] and r["finished_at"] for r in files.values())

    report, _ = run_ingest([str(inbox)], archive)
    latest = last_run(archive)
    mine = {Path(r["path"]).name: r for r in rows(archive, "run_files") if r["run_id"] == latest}
    assert {n: r["status"] for n, r in mine.items()} == {
        "oficio-10.txt": "skipped",
        "oficio-11.txt": "skipped",
        "oficio-12.txt": "new",
        "vacio.txt": "failed",
    }
    assert "empty" in mine["vacio.txt"]["reason"] and len(report.outcomes) == 4


def test_datasette_facets_the_ledger_and_publication_leaves_it_out(
    archived: tuple[Path, Path], tmp_path: Path
) -> None:
    _, archive = archived
    datasette = make_datasette(archive)

    async def fetch() -> list:
        return [
            await datasette.client.get("/archive/run_files.json?_facet=status"),
            await datasette.client.get("/archive/runs.json?_facet=status&_facet=mode"),
            await datasette.client.get("/archive/run_files"),
        ]

    files, runs, page = asyncio.run(fetch())
    assert files.status_code == runs.status_code == page.status_code == 200
    statuses = {f["value"]: f["count"] for f in files.json()["facet_results"]["status"]["results"]}
    assert statuses == {"new": 3}
    assert {f["value"] for f in runs.json()["facet_results"]["mode"]["results"]} == {"in-process"}
    assert "oficio-3.txt" in page.text

    publication_copy(archive, tmp_path / "public.db", redact=False)
    tables = set(sqlite_utils.Database(tmp_path / "public.db").table_names())
    assert "documents" in tables
    assert not tables & {"runs", "run_files", "file_stats", "document_locations", "failures"}


def test_discover_keeps_its_rules(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_letters(inbox / "sub", (1,))
    write_letters(inbox / ".oculta", (2,))
    write_letters(tmp_path / "fuera", (3,))
    (inbox / "enlace-carpeta").symlink_to(tmp_path / "fuera")
    (inbox / "enlace.txt").symlink_to(tmp_path / "fuera" / "oficio-3.txt")
    (inbox / "roto.txt").symlink_to(tmp_path / "no-existe")
    (inbox / ".oculto.txt").write_text("x", encoding="utf-8")
    (inbox / "bucle-a").symlink_to("bucle-b")
    (inbox / "bucle-b").symlink_to("bucle-a")
    (inbox / "sub" / "arriba").symlink_to("..", target_is_directory=True)
    os.mkfifo(inbox / "tuberia.txt")

    found = pipeline.discover([inbox])

    assert found == sorted([inbox / "enlace.txt", inbox / "sub" / "oficio-1.txt"])


def outcomes(status: str, n: int) -> list[FileOutcome]:
    return [FileOutcome(f"f{i}.txt", status) for i in range(n)]  # type: ignore[arg-type]


def test_progress_is_plain_lines_off_a_terminal_and_a_bar_on_one() -> None:
    now = [0.0]
    plain = io.StringIO()
    progress = IngestProgress(plain, terminal=False, every=10, clock=lambda: now[0])
    progress.begin(files=30, to_read=20)
    progress.advance(outcomes("skipped", 10), 0)
    now[0] = 5.0
    progress.advance(outcomes("new", 10), 3)  # within 10 s of the last line: not shown
    now[0] = 10.0
    progress.advance(outcomes("new", 10), 2)
    assert plain.getvalue().splitlines() == [
        "ingest: 30 files, 20 to read",
        "ingest: 30/30 files, 5 pages OCRed, 2.0 documents/s, ETA 0s",
    ]

    bar = io.StringIO()
    now[0] = 0.0
    progress = IngestProgress(bar, terminal=True, clock=lambda: now[0])
    progress.begin(files=40, to_read=40)
    now[0] = 4.0
    progress.advance(outcomes("new", 10), 1)
    drawn = bar.getvalue()
    assert drawn.startswith("\r[#######---------------------] 10/40 files, 1 pages OCRed")
    assert "2.5 documents/s, ETA 12s" in drawn and not drawn.endswith("\n")


def test_the_command_draws_a_bar_on_a_terminal(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_letters(inbox, (13, 14))
    leader, follower = pty.openpty()
    done = subprocess.run(
        [str(EXPEDIENTE), "ingest", str(inbox), "--archive", str(tmp_path / "archive.db")],
        stdout=subprocess.PIPE,
        stderr=follower,
        text=True,
        timeout=300,
        check=False,
    )
    os.close(follower)
    drawn = b""
    while select.select([leader], [], [], 0.5)[0]:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        drawn += chunk
    os.close(leader)
    assert done.returncode == 0 and "2 new" in done.stdout
    assert "\r[############################] 2/2 files, 0 pages OCRed" in drawn.decode()
