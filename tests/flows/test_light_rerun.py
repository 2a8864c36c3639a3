"""A re-run with nothing new needs the version names only: the command never imports spaCy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RERUN = """
import sys
from expediente.cli import main
try:
    main(["ingest", sys.argv[1], "--archive", sys.argv[2], "--workers", "1"])
except SystemExit:
    pass
print("spacy" in sys.modules, "extractors" in sys.modules)
"""


def test_an_unchanged_rerun_imports_no_extractor(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    letter = "Toluca, México, a 3 de mayo de 2024.\n\nAtentamente\nLic. Ana Ruiz Paz\n"
    (inbox / "oficio.txt").write_text(letter, encoding="utf-8")
    archive = str(tmp_path / "a.db")
    command = [sys.executable, "-c", RERUN, str(inbox), archive]
    first = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    assert "1 new" in first.stdout and first.stdout.strip().endswith("True True")
    assert "1 skipped" in again.stdout and again.stdout.strip().endswith("False False")
