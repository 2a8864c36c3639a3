"""Batches on worker processes and on a real Dask cluster: the same archive as one process, the
runs ledger says where they ran, and a wrong scheduler address is one clear line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from expediente import cli, commands
from flows import parallel, pipeline
from flows.runner import run_ingest
from models import Settings

TOWNS = ("Metepec", "Toluca", "Zinacantepec", "Tenancingo", "Lerma", "Ocoyoacac")
NAMES = (
    "ELENA RÍOS VARGAS",
    "JORGE ALBERTO SALAS PEÑA",
    "MARÍA FERNANDA LUNA ORTIZ",
    "RAÚL ESTRADA CANO",
    "SOFÍA ARELLANO PIÑA",
    "JUAN CARLOS MEJÍA TORRES",
)


def _letter(n: int) -> str:
    town, signer, to = TOWNS[n], NAMES[n], NAMES[(n + 1) % len(NAMES)]
    return f"""\
H. AYUNTAMIENTO DE {town.upper()}
{town}, Estado de México, a {n + 3} de marzo de 2024.

ASUNTO: Solicitud de información pública número {100 + n}.

MTRA. {to}
DIRECTORA DE TRANSPARENCIA
P R E S E N T E

Por medio del presente, este Ayuntamiento se compromete a entregar los informes trimestrales
del programa de obra pública antes del 30 de abril de 2024.

ATENTAMENTE

LIC. {signer}
Secretario del Ayuntamiento de {town}
"""


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inbox")
    for n in range(len(TOWNS)):
        (folder / f"oficio-{n}.txt").write_text(_letter(n), encoding="utf-8")
    (folder / "vacio.txt").write_bytes(b"")  # a failure comes back from a worker too
    return folder


def records(archive: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted, without the ledger and the times of the run."""
    db = sqlite_utils.Database(archive)
    out: dict[str, list[tuple[Any, ...]]] = {}
    for table in db.table_names():
        # name_keys: an index of the rows above by rowid, which follow the order batches end in
        if table in {"runs", "run_files", "migrations", "name_keys"} or "_fts" in table:
            continue
        times = {"ingested_at", "failed_at", "first_seen", "hashed_at_ns"}
        columns = [c for c in db[table].columns_dict if c not in times]
        rows = db.execute(f"select {', '.join(columns)} from [{table}]").fetchall()
        out[table] = sorted(rows, key=repr)
    return out


def test_two_worker_processes_archive_what_one_process_does(inbox: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one" / "archive.db", tmp_path / "two" / "archive.db"  # same names
    one.parent.mkdir()
    two.parent.mkdir()
    run_ingest([str(inbox)], one)
    workers = parallel.LocalWorkers(2)
    try:
        report, _ = run_ingest([str(inbox)], two, engine=workers)
    finally:
        workers.close()

    assert len(report.new) == len(TOWNS) and len(report.failed) == 1
    expected = records(one)
    assert len(expected["documents"]) == len(TOWNS) and expected["signatories"]
    assert records(two) == expected


def test_batches_come_back_in_order_of_completion() -> None:
    class Reversed(parallel.Sequential):
        """Finishes the batch sent last first."""

        def first_done(self, running: list[Any]) -> int:
            return len(running) - 1

    candidates = [pipeline.Candidate(Path(f"f{n}.txt"), str(n)) for n in range(3)]
    batches = [[c] for c in candidates]
    seen = [
        [p.candidate for p in done]
        for done in parallel.in_completion_order(
            Reversed(lambda batch, _s: [pipeline.Processed(c) for c in batch], workers=3),
            batches,
            Settings(),
        )
    ]
    assert seen == [[candidates[2]], [candidates[1]], [candidates[0]]]  # named as asked


def test_ocr_threads_never_outnumber_the_cores() -> None:
    assert parallel.ocr_share(cores=2, batches_at_once=2) == 1
    assert parallel.ocr_share(cores=8, batches_at_once=2) == 4
    assert parallel.ocr_share(cores=2, batches_at_once=4) == 1


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A real Dask cluster of 2 worker processes on this machine, one thread each."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local.scheduler_address


def test_an_ingest_on_a_dask_cluster_is_recorded_as_dask(
    cluster: str, inbox: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "archive.db"
    run = commands.ingest([inbox], archive, dask=cluster, prefect=False)

    assert len(run.report.new) == len(TOWNS) and len(run.report.failed) == 1
    assert run.mode == "dask"
    assert run.where == f"its batches on the Dask cluster at {cluster} (2 workers)"
    runs = list(sqlite_utils.Database(archive)["runs"].rows)
    assert [(r["mode"], r["status"], r["new"]) for r in runs] == [("dask", "finished", 6)]
    docs = {Path(r["path"]).name for r in sqlite_utils.Database(archive)["documents"].rows}
    assert docs == {f"oficio-{n}.txt" for n in range(len(TOWNS))}


def test_dask_workers_get_their_share_of_the_cores(cluster: str) -> None:
    client = parallel.connect(cluster)
    try:
        shares = parallel.dask_ocr_shares(client)
    finally:
        client.close()
    cores = parallel.local_cores()
    assert len(shares) == 2 and set(shares.values()) == {max(1, cores // 2)}


@pytest.mark.parametrize("how", [[], ["--prefect"]], ids=["in-process", "prefect"])
def test_a_wrong_scheduler_address_is_one_line_and_archives_nothing(
    how: list[str], inbox: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "archive.db"
    code = cli.main(
        ["ingest", str(inbox), "--archive", str(archive), "--dask", "tcp://127.0.0.1:9", *how]
    )

    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err
    assert "Traceback" not in err
    db = sqlite_utils.Database(archive)
    assert "runs" not in db.table_names() or db["runs"].count == 0
    assert "documents" not in db.table_names() or db["documents"].count == 0


def test_a_prefect_flow_run_sends_its_batches_to_the_dask_cluster(
    prefect_harness: None, cluster: str, inbox: Path, tmp_path: Path
) -> None:
    from flows.ingest import ingest_flow

    archive = tmp_path / "archive.db"
    state = ingest_flow(dask=cluster)(
        paths=[str(inbox)], archive=str(archive), dask=cluster, return_state=True
    )

    report = state.result()
    assert len(report.new) == len(TOWNS) and len(report.failed) == 1
    runs = list(sqlite_utils.Database(archive)["runs"].rows)
    assert [(r["mode"], r["status"]) for r in runs] == [("prefect+dask", "finished")]
    assert runs[0]["flow_run_id"] == str(state.state_details.flow_run_id)
