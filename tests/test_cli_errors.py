"""Configuration and usage errors: one clear line, exit code 1 or 2, no traceback, no retries,
and no heavy import (spaCy, Prefect) before the error is known, so the answer comes at once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLES

LETTER = SAMPLES / "carta_zinacantepec_vacunacion.txt"
# Runs the CLI, then says which heavy packages it imported on the way to the error.
PROBE = (
    "import sys\n"
    "from expediente.cli import main\n"
    "try:\n"
    "    code = main(sys.argv[1:])\n"
    "except SystemExit as exit:\n"
    "    code = exit.code\n"
    "heavy = sorted(m for m in ('spacy', 'prefect') if m in sys.modules)\n"
    "print('IMPORTED', ','.join(heavy), file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def _run(
    args: list[str], tmp_path: Path, obey_file_modes: bool = False
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", PROBE, *args]
    if obey_file_modes and os.geteuid() == 0:
        # root writes through file modes: drop the capabilities that let it, and stay root (the
        # clone and its .venv may sit in a folder only root can read).
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["HOME"] = str(tmp_path)
    return subprocess.run(
        command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, check=False
    )


def _assert_one_clear_line(done: subprocess.CompletedProcess[str], *words: str) -> None:
    lines = [line for line in done.stderr.splitlines() if not line.startswith("IMPORTED")]
    assert done.returncode in (1, 2), done.stderr
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert all(word in lines[0] for word in words), lines[0]
    imported = next(line for line in done.stderr.splitlines() if line.startswith("IMPORTED"))
    assert imported == "IMPORTED ", f"the error waited for {imported}"


def test_archive_in_a_missing_folder(tmp_path: Path) -> None:
    archive = tmp_path / "no-existe" / "archive.db"
    done = _run(["ingest", str(LETTER), "--archive", str(archive)], tmp_path)
    _assert_one_clear_line(done, "no folder", "no-existe")


def test_archive_that_is_not_sqlite(tmp_path: Path) -> None:
    archive = tmp_path / "notas.db"
    archive.write_text("esto no es una base de datos\n", encoding="utf-8")
    done = _run(["ingest", str(LETTER), "--archive", str(archive)], tmp_path)
    _assert_one_clear_line(done, "not an expediente archive")
    assert archive.read_text(encoding="utf-8") == "esto no es una base de datos\n"


@pytest.fixture()
def shared_tmp() -> Iterator[Path]:
    """A folder another user can reach (pytest's own are private to this user)."""
    folder = Path(tempfile.mkdtemp(prefix="expediente-ro-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(folder)


def _read_only_archive(tmp_path: Path) -> Path:
    import sqlite_utils

    folder = tmp_path / "archivo"
    folder.mkdir()
    archive = folder / "archive.db"
    sqlite_utils.Database(archive)["x"].insert({"a": 1})
    archive.chmod(0o444)
    folder.chmod(0o777)  # the folder may be written: only the file is read-only
    return archive


def test_read_only_archive(shared_tmp: Path) -> None:
    tmp_path = shared_tmp
    archive = _read_only_archive(tmp_path)
    done = _run(["ingest", str(LETTER), "--archive", str(archive)], tmp_path, obey_file_modes=True)
    _assert_one_clear_line(done, "read-only", str(archive))


def test_read_only_folder(shared_tmp: Path) -> None:
    tmp_path = shared_tmp
    folder = tmp_path / "solo-lectura"
    folder.mkdir()
    folder.chmod(0o555)
    archive = folder / "a.db"
    done = _run(["ingest", str(LETTER), "--archive", str(archive)], tmp_path, obey_file_modes=True)
    _assert_one_clear_line(done, "read-only", str(folder))


def test_a_folder_this_user_cannot_open(tmp_path: Path) -> None:
    private = tmp_path / "privado"
    private.mkdir()
    private.chmod(0o000)
    archive = private / "a.db"
    done = _run(["ingest", str(LETTER), "--archive", str(archive)], tmp_path, obey_file_modes=True)
    private.chmod(0o755)
    _assert_one_clear_line(done, "permission denied")


def test_missing_input(tmp_path: Path) -> None:
    done = _run(
        ["ingest", str(tmp_path / "bandeja"), "--archive", str(tmp_path / "a.db")], tmp_path
    )
    _assert_one_clear_line(done, "no such file or folder", "bandeja")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["search", "x", "--limit", "99999999999999999999"], ("--limit", "between")),
        (["search", "x", "--limit", "cero"], ("--limit", "whole number")),
        (["search", "x", "--since", "ayer"], ("not a date",)),
        (["serve", "--port", "70000"], ("--port",)),
        (["search", "x"], ("no archive",)),
        (["nada"], ("invalid choice",)),
    ],
)
def test_usage_errors(tmp_path: Path, args: list[str], words: tuple[str, ...]) -> None:
    done = _run(
        [*args, "--archive", str(tmp_path / "a.db")] if args[0] != "nada" else args, tmp_path
    )
    _assert_one_clear_line(done, *words)
