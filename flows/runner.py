"""One ingest, two ways to run its steps: in this process, or as a Prefect flow run.

`run_ingest` is the job's description; `Steps` says how each step runs. The command line uses
the plain functions (no Prefect server, nothing to start); flows/ingest.py passes the same
functions wrapped as Prefect tasks, so the nightly deployment has retries, state and a UI."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from archive import open_archive
from archive.files import remove_stale_copies
from archive.runs import begin_run, end_run, interrupt_stale_runs, record_outcomes
from flows import parallel, pipeline
from models import FileOutcome, IngestReport, Settings

log = logging.getLogger("expediente.ingest")


@dataclass(frozen=True)
class Steps:
    """How each step of an ingest runs: plain functions, or Prefect tasks wrapping them."""

    discover: Callable[[Sequence[str]], list[Path]]
    triage: Callable[[Sequence[Path], Path], tuple[list[pipeline.Candidate], list[FileOutcome]]]
    read_and_extract: Callable[[Sequence[pipeline.Candidate], Settings], list[pipeline.Processed]]
    store: Callable[[Sequence[pipeline.Processed], Path, Sequence[Path]], list[FileOutcome]]


IN_PROCESS = Steps(pipeline.discover, pipeline.triage, pipeline.read_and_extract, pipeline.store)


class Progress(Protocol):
    """Told how a run goes: the CLI draws a bar on a terminal, plain lines otherwise."""

    def begin(self, files: int, to_read: int) -> None: ...

    def advance(self, outcomes: Sequence[FileOutcome], pages_ocred: int) -> None: ...


def pages_ocred(processed: Sequence[pipeline.Processed]) -> int:
    """How many pages of these documents Tesseract read."""
    return sum(
        page.reader == "tesseract"
        for item in processed
        if item.document is not None
        for page in item.document.pages
    )


@dataclass(frozen=True)
class RunInfo:
    """Where a run is recorded and how it runs."""

    mode: str  # "in-process", "prefect", "dask" or "prefect+dask"
    flow_run_id: str | None = None


def _ledger(archive: Path, action: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    db = open_archive(archive)
    try:
        return action(db, *args, **kwargs)
    finally:
        db.close()


def run_ingest(
    paths: Sequence[str],
    archive: Path,
    *,
    steps: Steps = IN_PROCESS,
    info: RunInfo = RunInfo("in-process"),
    engine: parallel.Engine | None = None,
    batch_size: int | None = None,
    logger: logging.Logger | logging.LoggerAdapter[logging.Logger] = log,
    progress: Progress | None = None,
) -> tuple[IngestReport, list[dict[str, Any]]]:
    """Archive every new file under `paths`: a file already archived (same sha256) is skipped,
    a bad file is recorded with its reason and the run goes on. Returns the report and the
    earlier runs found killed half way (now marked interrupted in the ledger). Batches are read
    and extracted on `engine` (default: one after the other, by `steps`); this process stores
    each as it comes back. Each file's outcome is written to the ledger (run_files) as it is
    known, and told to `progress`."""
    engine = engine or parallel.Sequential(steps.read_and_extract)
    settings = Settings.from_env()
    size = batch_size or settings.batch_size
    interrupted = _ledger(archive, interrupt_stale_runs)
    remove_stale_copies(archive)
    for run in interrupted:
        logger.warning(
            "run %s (started %s) was killed: marked interrupted", run["id"], run["started_at"]
        )
    run_id = _ledger(
        archive, begin_run, mode=info.mode, paths=list(paths), flow_run_id=info.flow_run_id
    )
    try:
        files = steps.discover(list(paths))
        candidates, outcomes = steps.triage(files, archive)
        logger.info(
            "%d files: %d to read, %d skipped or failed at once",
            len(files),
            len(candidates),
            len(outcomes),
        )
        results: list[FileOutcome] = list(outcomes)
        _ledger(archive, record_outcomes, run_id, outcomes)
        if progress is not None:
            progress.begin(len(files), len(candidates))
            progress.advance(outcomes, 0)
        batches = pipeline.batches(candidates, parallel.balanced(size, candidates, engine))
        for processed in parallel.in_completion_order(engine, batches, settings):
            stored = steps.store(processed, archive, [Path(p) for p in paths])
            for outcome in stored:
                if outcome.status == "failed":
                    logger.warning("%s: %s", outcome.path, outcome.reason)
            results.extend(stored)
            _ledger(archive, record_outcomes, run_id, stored)
            if progress is not None:
                progress.advance(stored, pages_ocred(processed))
    except BaseException as exc:
        _ledger(archive, end_run, run_id, error=f"{type(exc).__name__}: {exc}")
        raise
    report = IngestReport(tuple(results))
    _ledger(archive, end_run, run_id, report)
    logger.info("ingest finished: %s", report.summary())
    return report, interrupted
