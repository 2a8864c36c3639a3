"""The `expediente` command end to end: real flow runs, real archive, the bundled samples."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from expediente import commands
from expediente.cli import main

from .conftest import SAMPLES


def expected_samples() -> list[dict]:
    with (Path(__file__).parent / "samples_expected.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="module")
def sample_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    archive = tmp_path_factory.mktemp("cli") / "archive.db"
    assert main(["ingest", str(SAMPLES), "--archive", str(archive)]) == 0
    return archive


def test_ingest_prints_each_file_and_a_summary(
    sample_archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", str(SAMPLES), "--archive", str(sample_archive)]) == 0
    lines = capsys.readouterr().out.splitlines()
    files = [p for p in SAMPLES.rglob("*") if p.is_file()]
    assert lines[-2] == f"0 new, {len(files)} skipped, 0 failed"
    assert lines[-1].startswith("ran in this process")  # no Prefect server is configured
    assert all(line.startswith("skipped ") for line in lines[:-2])
    assert len(lines) == len(files) + 2


def test_every_sample_is_archived_and_none_failed(sample_archive: Path) -> None:
    docs = commands.search(sample_archive, None, limit=1000)
    archived = {Path(d["file"]).stem for d in docs}
    assert {e["id"] for e in expected_samples()} <= archived


def test_search_ignores_accents_and_case(sample_archive: Path) -> None:
    plain = commands.search(sample_archive, "mexico")
    accented = commands.search(sample_archive, "MÉXICO")
    assert plain, "the samples mention México"
    assert [d["id"] for d in plain] == [d["id"] for d in accented]


@pytest.mark.parametrize(
    "query",
    [
        '"Benito',
        "AND OR (",
        "transparencia-municipal",
        "title:mexico",
        "*",
        "",
        "NEAR(",
        "a:b:c",
        "'; DROP TABLE",
    ],
)
def test_search_never_raises_on_raw_input(sample_archive: Path, query: str) -> None:
    assert isinstance(commands.search(sample_archive, query), list)


def test_search_by_each_expected_signatory_finds_its_document(sample_archive: Path) -> None:
    for expected in expected_samples():
        for signatory in expected["signatories"]:
            found = commands.search(sample_archive, signatory=signatory["name"])
            assert expected["id"] in {Path(d["file"]).stem for d in found}, signatory["name"]


def test_search_json_lists_documents_with_the_promised_fields(
    sample_archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["search", "ayuntamiento", "--format", "json", "--archive", str(sample_archive)]) == 0
    )
    results = json.loads(capsys.readouterr().out)
    assert results
    for doc in results:
        assert {"id", "file", "kind", "date", "place", "title", "signatories", "snippet"} <= set(
            doc
        )


def test_search_filters_by_kind_and_dates(sample_archive: Path) -> None:
    press = commands.search(sample_archive, None, kind="press_release", limit=1000)
    assert press and all(d["kind"] == "press_release" for d in press)
    dated = commands.search(
        sample_archive,
        None,
        since=dt.date(2024, 1, 1),
        until=dt.date(2024, 12, 31),
        limit=1000,
    )
    assert all(d["date"] and "2024-01-01" <= d["date"] <= "2024-12-31" for d in dated)


def test_search_csv_has_a_header_and_one_row_per_document(
    sample_archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["search", "--kind", "letter", "--format", "csv", "--archive", str(sample_archive)])
        == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("date,kind,file,title,signatories")
    assert len(lines) >= 2


def test_search_without_an_archive_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "x", "--archive", str(tmp_path / "none.db")]) == 1
    assert "expediente ingest" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


def test_extract_prints_one_gold_schema_record_per_file(
    seeds: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(seeds["S003"]), str(seeds["S000"]), "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in records] == [seeds["S003"].stem, seeds["S000"].stem]
    assert records[0]["kind"] == "letter" and records[0]["date"] == "2022-07-08"
    for r in records:
        assert set(r) >= {
            "kind",
            "date",
            "place",
            "signatories",
            "people",
            "institutions",
            "commitments",
        }


def test_extract_reports_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path / "falta.txt")]) == 2
    assert "falta.txt" in capsys.readouterr().err


def test_schedule_without_a_prefect_server_explains_how_to_start_one(tmp_path: Path) -> None:
    # A fresh process: the session's Prefect test server must not count as a running server.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "expediente",
            "schedule",
            "--inbox",
            str(tmp_path),
            "--archive",
            str(tmp_path / "a.db"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert "prefect server start" in done.stderr


def test_eval_scores_a_gold_sets_documents_with_the_real_scorer(
    shared: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "gold.jsonl"
    chosen = [e for e in expected_samples() if e["file"].endswith(".txt")][:2]
    for record in chosen:
        shutil.copy(SAMPLES / record["file"], tmp_path / record["file"])
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in chosen), "utf-8")

    code = main(
        [
            "eval",
            str(gold),
            "--scorer",
            str(shared / "tools" / "score.py"),
            "--output",
            str(tmp_path / "pred.jsonl"),
        ]
    )

    assert code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"== all ({len(chosen)} documents)")
    assert "date          accuracy=" in out and "signatories   P=" in out
    predicted = [json.loads(line) for line in (tmp_path / "pred.jsonl").read_text().splitlines()]
    assert [p["id"] for p in predicted] == [r["id"] for r in chosen]


def test_eval_names_a_missing_scorer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("", encoding="utf-8")
    assert main(["eval", str(gold), "--scorer", str(tmp_path / "score.py")]) == 1
    assert "no scorer" in capsys.readouterr().err
