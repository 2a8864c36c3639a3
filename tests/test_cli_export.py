"""`expediente export` and `expediente serve --redacted` through the CLI's main()."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from archive import open_archive
from expediente.cli import build_parser, main

from .archive.conftest import store_letter
from .archive.test_redact import CITIZEN, OFFICIAL, store_citizen_letter


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    path = tmp_path / "archive.db"
    db = open_archive(path)
    store_letter(db)
    store_citizen_letter(db)
    db.close()
    return path


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "sqlite"])
def test_export_writes_the_dataset_and_prints_a_summary(
    archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    out = tmp_path / "dataset"
    args = ["export", "--format", fmt, "--output", str(out), "--archive", str(archive)]
    assert main(args) == 0
    printed = capsys.readouterr().out
    manifest = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert printed.startswith(f"exported {fmt} to {out}:")
    for resource in manifest["resources"]:
        assert (out / resource["path"]).is_file()
        assert f"{resource['name']:<22} {resource['rows']:>8} rows" in printed


def test_export_redact_pseudonymises_private_people(
    archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "public"
    args = ["export", "--format", "jsonl", "--output", str(out), "--archive", str(archive)]
    assert main([*args, "--redact"]) == 0
    assert "(redacted)" in capsys.readouterr().out
    written = "".join(p.read_text(encoding="utf-8") for p in out.glob("*.jsonl"))
    assert OFFICIAL in written
    assert CITIZEN not in written and CITIZEN.upper() not in written
    assert archive.with_name("archive.redact-key").is_file()


def test_export_without_an_archive_fails_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "none.db"
    args = ["export", "--format", "csv", "--output", str(tmp_path / "o"), "--archive", str(missing)]
    assert main(args) == 1
    assert "no archive" in capsys.readouterr().err
    assert not missing.exists()


def test_export_needs_a_known_format(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["export", "--format", "xlsx", "--output", str(tmp_path)])


def test_serve_redacted_serves_the_publication_directory(
    archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served: list[tuple[Path, int, str, bool]] = []
    # The real server blocks until interrupted: record what it would serve instead.
    monkeypatch.setattr(
        "archive.serve",
        lambda path, port, host, published: served.append((Path(path), port, host, published)),
    )
    assert main(["serve", "--redacted", "--port", "8123", "--archive", str(archive)]) == 0
    folder = archive.with_name("archive-published")
    assert served == [(folder, 8123, "127.0.0.1", True)]  # what `expediente publish` writes
    conn = sqlite3.connect(f"file:{folder / 'expediente.db'}?mode=ro", uri=True)
    texts = "".join(text for (text,) in conn.execute("select text from documents"))
    conn.close()
    assert texts and CITIZEN.upper() not in texts
    assert build_parser().parse_args(["serve"]).redacted is False


def test_publish_writes_the_directory_and_says_how_to_serve_it(
    archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "public"
    assert main(["publish", "--output", str(out), "--archive", str(archive)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(f"published expediente.db (redacted, read-only) to {out}:")
    assert "  inspect-data.json\n" in printed and "  templates/\n" in printed
    assert f"datasette serve {out}" in printed
    assert CITIZEN not in (out / "expediente.db").read_bytes().decode("utf-8", "replace")
