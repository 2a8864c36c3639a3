"""The ledger of ingest runs: when each ran, where, how, and what it did.

A run is written `running` when it starts and `finished` (or `failed`) when it ends; a run that
was killed stays `running` until the next run on the same host sees its process is gone and marks
it `interrupted`."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable, Iterable
from typing import Any

import sqlite_utils

from archive.rows import iso_utc
from models import FileOutcome, IngestReport


def process_alive(pid: int) -> bool:
    """Whether a process with this id exists on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, owned by someone else
        return True
    return True


def interrupt_stale_runs(
    db: sqlite_utils.Database,
    host: str | None = None,
    alive: Callable[[int], bool] = process_alive,
) -> list[dict[str, Any]]:
    """Mark `interrupted` every run still `running` on this host whose process is gone; returns
    those runs (their Prefect flow-run ids let the caller close them in Prefect too)."""
    host = host or socket.gethostname()
    stale = [
        dict(row)
        for row in db.query("select * from runs where status = 'running' and host = ?", [host])
        if not alive(int(row["pid"]))
    ]
    with db.atomic():
        for row in stale:
            db.table("runs").update(
                row["id"],
                {
                    "status": "interrupted",
                    "ended_at": iso_utc(None),
                    "error": "the process was killed",
                },
            )
    return stale


def begin_run(
    db: sqlite_utils.Database, *, mode: str, paths: list[str], flow_run_id: str | None = None
) -> str:
    """Record a run that starts now; returns its id."""
    run_id = uuid.uuid4().hex[:16]
    with db.atomic():
        db.table("runs").insert(
            {
                "id": run_id,
                "started_at": iso_utc(None),
                "ended_at": None,
                "host": socket.gethostname(),
                "pid": os.getpid(),
                "mode": mode,
                "flow_run_id": flow_run_id,
                "paths": "\n".join(paths),
                "status": "running",
                "new": 0,
                "partial": 0,
                "skipped": 0,
                "failed": 0,
                "unextracted": 0,
                "error": None,
            }
        )
    return run_id


def end_run(
    db: sqlite_utils.Database,
    run_id: str,
    report: IngestReport | None = None,
    error: str | None = None,
) -> None:
    """Record how a run ended: its counts, or the error that stopped it."""
    changes: dict[str, Any] = {
        "ended_at": iso_utc(None),
        "status": "failed" if error else "finished",
    }
    if report is not None:
        changes.update(
            new=len(report.new),
            partial=len(report.partial),
            skipped=len(report.skipped),
            failed=len(report.failed),
            unextracted=len(report.unextracted),
            new_locations=len(report.new_locations),
        )
    if error:
        changes["error"] = error
    with db.atomic():
        db.table("runs").update(run_id, changes)


def record_outcomes(
    db: sqlite_utils.Database, run_id: str, outcomes: Iterable[FileOutcome]
) -> None:
    """Record what run `run_id` did with these files (one row per file; a file met again in
    the same run replaces its row), as they finish: a killed run keeps what it did."""
    now = iso_utc(None)
    rows = [
        {
            "run_id": run_id,
            "path": o.path,
            "status": o.status,
            "reason": o.reason,
            "sha256": o.sha256,
            "finished_at": now,
        }
        for o in outcomes
    ]
    if rows:
        with db.atomic():
            db.table("run_files").upsert_all(rows, pk=("run_id", "path"))
