"""`expediente people`, `people merge|split|rename` and `expediente show`, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive import open_archive
from expediente import cli_people
from expediente.cli import main
from tests.archive.conftest import LETTER, sha, store_letter, store_press


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    path = tmp_path / "archive.db"
    db = open_archive(path)
    store_letter(db)
    store_press(db)
    db.close()
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_people_lists_aliases_titles_institutions(archive: Path) -> None:
    table = cli_people.people(archive, "maria fernanda ochoa")
    assert "MARÍA FERNANDA OCHOA BRAVO" in table
    assert "Presidenta Municipal 2024-04-03 – 2024-04-03 (1)" in table
    assert "Ayuntamiento de San Mateo Atenco (1)" in table and table.endswith("1 person(s)")
    everyone = json.loads(cli_people.people(archive, fmt="json"))
    assert {p["name"] for p in everyone} == {
        "MARÍA FERNANDA OCHOA BRAVO",
        "Rosa Elvira Quintana Mejía",
    }


def test_people_decisions_through_the_cli(
    archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = json.loads(cli_people.people(archive, fmt="json"))
    maria, rosa = (p["id"] for p in sorted(people, key=lambda p: p["name"]))
    code, out, _ = _run(
        capsys, "people", "rename", maria[:6], "María F. Ochoa", "--archive", str(archive)
    )
    assert code == 0 and "renamed" in out
    code, out, _ = _run(capsys, "people", "merge", rosa, maria, "--archive", str(archive))
    assert code == 0 and f"into {maria}" in out
    [merged] = json.loads(cli_people.people(archive, fmt="json"))
    assert merged["name"] == "María F. Ochoa" and merged["documents"] == 2
    code, out, _ = _run(
        capsys,
        "people",
        "split",
        maria,
        "--alias",
        "rosa elvira quintana mejia",
        "--archive",
        str(archive),
    )
    assert code == 0 and "new person" in out
    assert len(json.loads(cli_people.people(archive, fmt="json"))) == 2


@pytest.mark.parametrize(
    "argv",
    [
        ("people", "merge", "abc"),
        ("people", "split", "abc"),
        ("people", "rename", "abc"),
        ("people", "merge", "0000", "ffff"),
        ("show", "no-such-file.txt"),
    ],
)
def test_bad_commands_fail_with_a_message(
    archive: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    code, out, err = _run(capsys, *argv, "--archive", str(archive))
    assert code == 1 and err.startswith("expediente: ") and out == ""


@pytest.mark.parametrize("ref", [sha(LETTER), sha(LETTER)[:10], "oficio-017.txt"])
def test_show_prints_every_value_with_provenance(archive: Path, ref: str) -> None:
    text = cli_people.show(archive, ref)
    assert text.startswith(f"document   {sha(LETTER)}")
    assert "kind       letter  [page 1, chars" in text and "kind.v1" in text
    assert "date       2024-04-03  [page 1" in text
    assert "1. MARÍA FERNANDA OCHOA BRAVO — Presidenta Municipal" in text
    assert "signatories.v1" in text and "CODHEM" in text
    assert "commitments:" in text and "commitments.v1" in text
    record = json.loads(cli_people.show(archive, ref, fmt="json"))
    assert record["signatories"][0]["canonical_name"] == "MARÍA FERNANDA OCHOA BRAVO"


def test_show_on_a_missing_archive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "show", "abc", "--archive", str(tmp_path / "none.db"))
    assert code == 1 and "no archive" in err
