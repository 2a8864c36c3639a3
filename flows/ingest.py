"""The nightly job: discover -> triage (hash, skip archived) -> read and extract -> store.

Tasks work on batches of documents: each Prefect task run costs ~25 ms of server CPU, more than
spaCy spends on a press release, so one task per document would cost more than the work."""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows import pipeline
from models import FileOutcome, IngestReport, Settings

# Retries only on I/O: reading the inbox and writing the archive.
discover = task(
    pipeline.discover, name="discover", retries=2, retry_delay_seconds=5, cache_policy=NO_CACHE
)
triage = task(
    pipeline.triage, name="triage", retries=2, retry_delay_seconds=5, cache_policy=NO_CACHE
)
read_and_extract = task(pipeline.read_and_extract, name="read-and-extract", cache_policy=NO_CACHE)
store = task(pipeline.store, name="store", retries=2, retry_delay_seconds=5, cache_policy=NO_CACHE)


@flow(name="ingest", log_prints=False)
def ingest(
    paths: list[str], archive: str = "archive.db", batch_size: int | None = None
) -> IngestReport:
    """Archive every new file under `paths`: a file already archived (same sha256) is skipped,
    a bad file is recorded with its reason and the run goes on."""
    logger = get_run_logger()
    settings = Settings.from_env()
    size = batch_size or settings.batch_size
    archive_path = Path(archive)
    files = discover(paths)
    candidates, outcomes = triage(files, archive_path)
    logger.info("%d files: %d new, %d already archived", len(files), len(candidates), len(outcomes))
    results: list[FileOutcome] = list(outcomes)
    for batch in pipeline.batches(candidates, size):
        stored = store(read_and_extract(batch, settings), archive_path, [Path(p) for p in paths])
        for outcome in stored:
            if outcome.status == "failed":
                logger.warning("%s: %s", outcome.path, outcome.reason)
        results.extend(stored)
    report = IngestReport(tuple(results))
    logger.info("ingest finished: %s", report.summary())
    return report
