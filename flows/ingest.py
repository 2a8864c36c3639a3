"""The ingest job as a Prefect flow (the nightly deployment, and `expediente ingest --prefect`).

Tasks work on batches of documents: each Prefect task run costs ~25 ms of server CPU, more than
spaCy spends on a press release, so one task per document would cost more than the work."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from prefect import Flow, flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.client.orchestration import get_client
from prefect.futures import PrefectFuture, as_completed
from prefect.runtime import flow_run
from prefect.states import Crashed
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner
from prefect.tasks import Task

from flows import parallel, pipeline
from flows.runner import RunInfo, Steps, run_ingest
from models import IngestReport, Settings


def _transient(_task: Task[..., Any], _run: Any, state: Any) -> bool:
    """Retry only transient I/O errors: a wrong archive path, a missing or forbidden file, a bad
    file (ExpedienteError) or a bug will not mend by trying again."""
    try:
        state.result()
    except (FileNotFoundError, PermissionError):
        return False
    except OSError:
        return True
    except Exception:  # noqa: BLE001 - everything else is not worth a retry
        return False
    return False


def _io_task(fn: Any, name: str) -> Any:
    return task(
        fn,
        name=name,
        retries=2,
        retry_delay_seconds=5,
        retry_condition_fn=_transient,
        cache_policy=NO_CACHE,
    )


PREFECT_STEPS = Steps(
    discover=_io_task(pipeline.discover, "discover"),
    triage=_io_task(pipeline.triage, "triage"),
    read_and_extract=task(
        pipeline.read_and_extract, name="read-and-extract", cache_policy=NO_CACHE
    ),
    store=_io_task(pipeline.store, "store"),
)


READ_ON_DASK = task(parallel.read_on_dask_worker, name="read-and-extract", cache_policy=NO_CACHE)


class PrefectTasks:
    """Batches as task runs on the flow's task runner (worker processes, or a Dask cluster),
    collected in order of completion."""

    def __init__(
        self, read: Task[..., Any], workers: int, ocr_workers: int | None = None, *extra: Any
    ) -> None:
        self.read, self.workers, self.ocr_workers, self.extra = read, workers, ocr_workers, extra

    def submit(self, batch: Any, settings: Settings) -> PrefectFuture[Any]:
        if self.ocr_workers is not None:
            settings = replace(settings, ocr_workers=self.ocr_workers)
        return self.read.submit(batch, settings, *self.extra)

    def first_done(self, running: list[PrefectFuture[Any]]) -> int:
        return running.index(next(as_completed(running)))

    def result(self, future: PrefectFuture[Any]) -> list[pipeline.Processed]:
        return list(future.result())


def task_runner(workers: int = 1, dask: str | None = None) -> TaskRunner[Any]:
    """The flow's task runner: the Dask cluster at `dask`, else `workers` processes."""
    if dask:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask)
    if workers > 1:
        return ProcessPoolTaskRunner(
            max_workers=workers,
            initializer=parallel.start_worker,
            initargs=(Settings.from_env().spacy_model, os.getpid()),
        )
    return ThreadPoolTaskRunner()


def ingest_flow(workers: int = 1, dask: str | None = None) -> Flow[..., IngestReport]:
    """The ingest flow with the task runner its batches need."""
    return ingest.with_options(task_runner=task_runner(workers, dask))


def _engine(workers: int, dask: str | None) -> tuple[str, parallel.Engine]:
    if dask:
        client = parallel.connect(dask)
        try:
            shares = parallel.dask_ocr_shares(client)
            threads = sum(
                int(w.get("nthreads", 1)) for w in client.scheduler_info()["workers"].values()
            )
        finally:
            client.close()
        return "prefect+dask", PrefectTasks(READ_ON_DASK, threads, None, shares)
    if workers > 1:
        share = parallel.ocr_share(parallel.local_cores(), workers)
        return "prefect", PrefectTasks(PREFECT_STEPS.read_and_extract, workers, share)
    return "prefect", parallel.Sequential(PREFECT_STEPS.read_and_extract)


def _crash_in_prefect(runs: list[dict[str, Any]]) -> None:
    """Close in Prefect the flow runs of killed ingests, which would stay RUNNING for ever."""
    ids = [run["flow_run_id"] for run in runs if run.get("flow_run_id")]
    if not ids:
        return
    with get_client(sync_client=True) as client:
        for flow_run_id in ids:
            client.set_flow_run_state(
                flow_run_id,
                Crashed(message="the process running this ingest was killed"),
                force=True,
            )


@flow(name="ingest", log_prints=False)
def ingest(
    paths: list[str],
    archive: str = "archive.db",
    batch_size: int | None = None,
    workers: int = 1,
    dask: str | None = None,
) -> IngestReport:
    """Archive every new file under `paths`: a file already archived (same sha256) is skipped,
    a bad file is recorded with its reason and the run goes on. Batches run on `workers`
    processes or the Dask cluster at `dask`, as the flow's task runner (ingest_flow) allows."""
    mode, engine = _engine(workers, dask)
    report, interrupted = run_ingest(
        paths,
        Path(archive),
        steps=PREFECT_STEPS,
        info=RunInfo(mode, flow_run_id=str(flow_run.get_id())),
        engine=engine,
        batch_size=batch_size,
        logger=get_run_logger(),
    )
    _crash_in_prefect(interrupted)
    return report
