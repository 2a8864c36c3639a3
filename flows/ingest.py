"""The ingest job as a Prefect flow (the nightly deployment, and `expediente ingest --prefect`).

Tasks work on batches of documents: each Prefect task run costs ~25 ms of server CPU, more than
spaCy spends on a press release, so one task per document would cost more than the work."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.client.orchestration import get_client
from prefect.runtime import flow_run
from prefect.states import Crashed
from prefect.tasks import Task

from flows import pipeline
from flows.runner import RunInfo, Steps, run_ingest
from models import IngestReport


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
    paths: list[str], archive: str = "archive.db", batch_size: int | None = None
) -> IngestReport:
    """Archive every new file under `paths`: a file already archived (same sha256) is skipped,
    a bad file is recorded with its reason and the run goes on."""
    report, interrupted = run_ingest(
        paths,
        Path(archive),
        steps=PREFECT_STEPS,
        info=RunInfo("prefect", flow_run_id=str(flow_run.get_id())),
        batch_size=batch_size,
        logger=get_run_logger(),
    )
    _crash_in_prefect(interrupted)
    return report
