"""Nightly runs: the `nightly-ingest` deployment served by `expediente schedule`."""

from __future__ import annotations

import os
from pathlib import Path

from prefect.schedules import Cron

from flows.ingest import ingest_flow
from flows.parallel import local_cores

NIGHTLY_CRON = "0 2 * * *"
TIMEZONE = "America/Mexico_City"
DEPLOYMENT = "nightly-ingest"


def nightly_schedule() -> Cron:
    """02:00 every day, Mexico City time (the same as prefect.yaml's deployment)."""
    return Cron(NIGHTLY_CRON, timezone=TIMEZONE)


def serve_nightly(inbox: Path, archive: Path) -> None:
    """Serve the nightly deployment until interrupted. Needs a running Prefect server
    (`prefect server start`, PREFECT_API_URL set): a temporary server cannot schedule.
    Batches run on every core, or on the Dask cluster at $EXPEDIENTE_DASK."""
    workers, dask = local_cores(), os.environ.get("EXPEDIENTE_DASK", "").strip() or None
    ingest_flow(workers, dask).serve(
        name=DEPLOYMENT,
        schedules=[nightly_schedule()],
        parameters={
            "paths": [str(inbox)],
            "archive": str(archive),
            "workers": workers,
            "dask": dask,
        },
        description="Archive the inbox's new files every night at 02:00 (America/Mexico_City).",
        tags=["expediente"],
    )
